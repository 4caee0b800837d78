"""The scene: a flat, fully laid-out display list that `compose` produces and `qt_paint` draws.

Every item is a frozen, hashable dataclass in canvas pixels, so a scene can be compared in tests,
cached by value (`Layer(cache=True)` is rasterized once and blitted afterwards) and drawn by a
renderer that makes no layout decisions of its own: text arrives already wrapped and measured.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

Rgba = tuple[int, int, int, int]  # straight (not premultiplied) 0–255 channels


def rgba(hex_colour: str, alpha: float = 1.0) -> Rgba:
    """'#RRGGBB' or '#RRGGBBAA' → (r, g, b, a), with the alpha further multiplied by `alpha`."""
    h = hex_colour.lstrip("#")
    if len(h) not in (6, 8):
        raise ValueError(f"'{hex_colour}' is not a #RRGGBB colour")
    r, g, b = int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)
    a = int(h[6:8], 16) if len(h) == 8 else 255
    return (r, g, b, max(0, min(255, round(a * alpha))))


def fade(colour: Rgba, alpha: float) -> Rgba:
    """The colour with its alpha multiplied by `alpha` (clamped to 0–1)."""
    a = max(0.0, min(1.0, alpha))
    return (colour[0], colour[1], colour[2], round(colour[3] * a))


@dataclass(frozen=True)
class Rect:
    """An axis-aligned rectangle in canvas pixels."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def moved(self, dx: float, dy: float) -> Rect:
        return Rect(self.x + dx, self.y + dy, self.w, self.h)

    def inset(self, dx: float, dy: float | None = None) -> Rect:
        dy = dx if dy is None else dy
        return Rect(self.x + dx, self.y + dy, self.w - 2 * dx, self.h - 2 * dy)

    def contains(self, other: Rect, tolerance: float = 0.5) -> bool:
        return (other.x >= self.x - tolerance and other.y >= self.y - tolerance
                and other.right <= self.right + tolerance and other.bottom <= self.bottom + tolerance)

    def intersects(self, other: Rect) -> bool:
        return not (other.x >= self.right or other.right <= self.x
                    or other.y >= self.bottom or other.bottom <= self.y)

    def united(self, other: Rect) -> Rect:
        x0, y0 = min(self.x, other.x), min(self.y, other.y)
        x1, y1 = max(self.right, other.right), max(self.bottom, other.bottom)
        return Rect(x0, y0, x1 - x0, y1 - y0)

    def scaled(self, k: float) -> Rect:
        return Rect(self.x * k, self.y * k, self.w * k, self.h * k)


@dataclass(frozen=True)
class Font:
    """A text style: pixel size and weight; `numeric` prefers a Latin face with real bold digits."""

    size: float
    weight: int = 400  # CSS-like: 400 regular, 500 medium, 700 bold, 900 black
    numeric: bool = False


@dataclass(frozen=True)
class LinearGradient:
    """A gradient from (x1, y1) to (x2, y2), given as fractions of the painted shape's rectangle."""

    stops: tuple[tuple[float, Rgba], ...]
    x1: float = 0.0
    y1: float = 0.0
    x2: float = 1.0
    y2: float = 0.0


Paint = Rgba | LinearGradient


@dataclass(frozen=True)
class Shadow:
    """A soft drop shadow: Gaussian `blur` radius in pixels, offset and colour."""

    blur: float
    dx: float = 0.0
    dy: float = 0.0
    colour: Rgba = (0, 0, 0, 90)

    def extent(self) -> float:
        """How far past its shape the shadow can reach (for layer bounds)."""
        return self.blur * 1.5 + max(abs(self.dx), abs(self.dy))


# ---------------------------------------------------------------- items


@dataclass(frozen=True)
class Clear:
    """Make the whole canvas transparent (alpha output)."""


@dataclass(frozen=True)
class Fill:
    """Fill the whole canvas with one opaque colour (colour or chroma backgrounds)."""

    colour: Rgba


@dataclass(frozen=True)
class Picture:
    """An image file fitted into `rect` ('cover' crops, 'contain' letterboxes), optionally rounded.

    `cutout=True` asks for the product-photo treatment (margins trimmed, plain background removed),
    prepared once per file by `studio.stage.cutout`, never per frame.
    """

    rect: Rect
    source: Path
    fit: str = "contain"  # "cover" | "contain"
    radius: float = 0.0
    cutout: bool = False
    opacity: float = 1.0
    crop: Rect | None = None  # the part of the source image to use, in its pixels
    fallback: Rgba | None = None  # drawn over `rect` instead when the file cannot be read


@dataclass(frozen=True)
class Box:
    """A (rounded) rectangle with a fill, an optional outline and an optional soft shadow."""

    rect: Rect
    radius: float = 0.0
    fill: Paint | None = None
    stroke: Rgba | None = None
    stroke_width: float = 0.0
    shadow: Shadow | None = None


@dataclass(frozen=True)
class Text:
    """One line of already laid-out text; (x, y) is the left end of its baseline.

    `width` is the advance the layout measured, kept so tests and clipping need no font.
    """

    x: float
    y: float
    text: str
    font: Font
    colour: Rgba
    width: float = 0.0


@dataclass(frozen=True)
class Line:
    """A straight line (the strike through an original price)."""

    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    colour: Rgba


@dataclass(frozen=True)
class Icon:
    """A small vector glyph the renderer draws from its name ('cart', 'bolt', 'clock')."""

    name: str
    rect: Rect
    colour: Rgba


@dataclass(frozen=True)
class Avatar:
    """Where the host stands; `pose` is passed through untouched to the avatar painter."""

    rect: Rect
    pose: object | None = None


@dataclass(frozen=True)
class Layer:
    """A group of items drawn together, moved, scaled about `origin`, faded and/or clipped.

    With `cache=True` the renderer rasterizes the items inside `bounds` once (keyed by the items
    themselves) and afterwards only blits the result: static parts such as the product card cost
    a single image draw per frame however many shadows and texts they hold.
    """

    items: tuple[Item, ...]
    bounds: Rect
    cache: bool = False
    opacity: float = 1.0
    dx: float = 0.0
    dy: float = 0.0
    scale: float = 1.0
    origin: tuple[float, float] = (0.0, 0.0)
    clip: Rect | None = None
    clip_radius: float = 0.0
    name: str = ""  # what the layer is ("card", "captions"…), for tests and debugging
    fade_x: float = 0.0  # with a clip: fade the content out over this many pixels at its left and right


Item = Clear | Fill | Picture | Box | Text | Line | Icon | Avatar | Layer


@dataclass(frozen=True)
class Scene:
    """Everything on the canvas at one instant, back to front."""

    width: int
    height: int
    items: tuple[Item, ...]
    transparent: bool = False

    def layers(self, name: str) -> list[Layer]:
        """Every layer called `name`, however deeply nested."""
        return [item for item in walk(self.items) if isinstance(item, Layer) and item.name == name]


def walk(items: tuple[Item, ...]) -> list[Item]:
    """All items depth-first, layers before their contents."""
    out: list[Item] = []
    for item in items:
        out.append(item)
        if isinstance(item, Layer):
            out.extend(walk(item.items))
    return out


def item_bounds(item: Item) -> Rect | None:
    """The rectangle an item paints into (before its layer's transform), or None for canvas fills."""
    if isinstance(item, (Picture, Box, Icon, Avatar)):
        return item.rect
    if isinstance(item, Layer):
        return item.bounds
    if isinstance(item, Text):
        # Baseline-positioned: the ascent is about 0.9 em, the descent about 0.25 em.
        return Rect(item.x, item.y - item.font.size * 0.9, item.width, item.font.size * 1.15)
    if isinstance(item, Line):
        x0, x1 = sorted((item.x1, item.x2))
        y0, y1 = sorted((item.y1, item.y2))
        return Rect(x0, y0 - item.width / 2, x1 - x0, y1 - y0 + item.width)
    return None
