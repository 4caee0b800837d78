"""Layout templates: where each element sits on each canvas, and where the platform's own UI is.

Portrait rooms (Douyin, Taobao, Kuaishou) draw their own top bar, comment stream, bottom toolbar and
gift/like buttons over the picture, so everything a viewer must read stays inside `safe`.
Measurements follow the 1080×1920 live-room layouts of those apps (2024–2025): top bar with the
host pill and viewer count ≈ 0–220 px, comments ≈ lower-left 1400–1780 px, toolbar ≈ the last
140 px, buttons along the bottom-right. The avatar may stand under the comments: a half-body
host whose waist is covered reads naturally there. Landscape uses broadcast title-safe margins.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from studio.stage.scene import Rect


@dataclass(frozen=True)
class Template:
    """One canvas layout: element rectangles in canvas pixels and `u`, the size unit for styling."""

    name: str
    width: int
    height: int
    u: float  # 1.0 at the design size; every font size, radius and gap is multiplied by it
    safe: Rect  # key information stays inside
    platform_zones: tuple[tuple[str, Rect], ...]  # what the platform draws over the picture
    avatar: Rect  # the host's rectangle (may reach past the canvas: a half-body cut at the frame)
    card: Rect  # the most the product card may occupy; it is anchored at the top of this rectangle
    card_style: str  # "vertical" (photo above the text) or "horizontal" (photo beside it)
    captions: Rect  # the caption plate is centred horizontally and anchored to the bottom edge
    ticker: Rect
    logo: Rect  # the logo plate is left-aligned in this rectangle
    disclosure: Rect  # the label is right-aligned to this rectangle's right edge, top-aligned
    card_from: float = 1.0  # +1: the card slides in from the right, -1 from the left

    def __hash__(self) -> int:
        # Templates key layout caches every frame: hash the identifying fields, not every rectangle.
        return hash((self.name, self.width, self.height, self.u))

    @property
    def size(self) -> tuple[int, int]:
        return (self.width, self.height)

    def key_rects(self) -> dict[str, Rect]:
        """The rectangles of everything a viewer must be able to read."""
        return {"card": self.card, "captions": self.captions, "ticker": self.ticker,
                "logo": self.logo, "disclosure": self.disclosure}


def _scaled(t: Template, name: str, width: int, height: int) -> Template:
    k = width / t.width
    return replace(
        t, name=name, width=width, height=height, u=t.u * k, safe=t.safe.scaled(k),
        platform_zones=tuple((n, r.scaled(k)) for n, r in t.platform_zones),
        avatar=t.avatar.scaled(k), card=t.card.scaled(k), captions=t.captions.scaled(k),
        ticker=t.ticker.scaled(k), logo=t.logo.scaled(k), disclosure=t.disclosure.scaled(k),
    )


PORTRAIT = Template(
    name="portrait",
    width=1080,
    height=1920,
    u=1.0,
    safe=Rect(40, 232, 960, 1166),  # x 40–1000, y 232–1398
    platform_zones=(
        ("top bar (host, viewers, close)", Rect(0, 0, 1080, 220)),
        ("right-edge activity icons", Rect(1004, 220, 76, 1180)),
        ("comment stream", Rect(0, 1400, 800, 380)),
        ("gift and like buttons", Rect(800, 1400, 280, 380)),
        ("bottom toolbar (cart, input, share)", Rect(0, 1780, 1080, 140)),
    ),
    # Pack canvases are about 5:7; this puts a 1000×1400 half-body host at 1.05× standing on the
    # frame's bottom edge, the face near x 330 (clear of the card) and the head below the ticker.
    avatar=Rect(-170, 520, 1000, 1400),
    card=Rect(548, 424, 452, 784),
    card_style="vertical",
    captions=Rect(40, 1222, 960, 176),
    ticker=Rect(40, 334, 960, 62),
    logo=Rect(40, 236, 420, 82),
    disclosure=Rect(520, 236, 480, 82),
)

LANDSCAPE = Template(
    name="landscape",
    width=1920,
    height=1080,
    u=1.0,
    safe=Rect(64, 40, 1792, 1000),  # broadcast title-safe, a little wider at the sides
    platform_zones=(),
    avatar=Rect(250, 72, 730, 1022),
    card=Rect(1100, 150, 756, 640),
    card_style="horizontal",
    captions=Rect(300, 820, 1320, 158),
    ticker=Rect(64, 990, 1792, 50),
    logo=Rect(64, 40, 460, 84),
    disclosure=Rect(1256, 40, 600, 84),
    card_from=1.0,
)

PORTRAIT_720 = _scaled(PORTRAIT, "portrait-720", 720, 1280)

TEMPLATES: dict[str, Template] = {t.name: t for t in (PORTRAIT, LANDSCAPE, PORTRAIT_720)}


def template_named(name: str) -> Template:
    """The template called `name` (portrait, landscape, portrait-720); KeyError lists the choices."""
    try:
        return TEMPLATES[name]
    except KeyError:
        raise KeyError(f"no template named '{name}' (choose {', '.join(TEMPLATES)})") from None


def template_for_canvas(canvas: tuple[int, int]) -> Template:
    """The template for a canvas size: a preset, or the preset of the same shape scaled to it."""
    for t in TEMPLATES.values():
        if t.size == tuple(canvas):
            return t
    w, h = canvas
    if w <= 0 or h <= 0:
        raise ValueError(f"canvas {w}×{h} is empty")
    for base in (PORTRAIT, LANDSCAPE):
        if abs(w / h - base.width / base.height) < 0.01:
            return _scaled(base, f"{base.name}-{w}x{h}", w, h)
    raise ValueError(f"no layout for a {w}×{h} canvas: use 9:16 (portrait) or 16:9 (landscape)")
