"""Draw avatar poses with QPainter: art is parsed once, rasterized once per scale, then only blitted.

Every sprite is rasterized at the output scale into a premultiplied QImage trimmed to its visible
pixels and cached (keyed by part, sprite and scale), so a frame is a few dozen image blits with
transforms — never an SVG parse or a vector render. QImage rather than QPixmap so frames can be
painted off the GUI thread (the recorder renders headless).
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter, QTransform
from PySide6.QtSvg import QSvgRenderer

from studio.avatar.layout import Placement, place
from studio.avatar.model import MANIFEST
from studio.avatar.motion import Matrix, PartPose, Pose
from studio.avatar.pack import AvatarPack
from studio.core.images import QT_ALLOCATION_MB
from studio.core.problems import Problem, Severity

# Qt's decoders refuse art above studio's pixel limit: the second line behind load_pack's header check.
QImageReader.setAllocationLimit(QT_ALLOCATION_MB)

_FORMAT = QImage.Format.Format_ARGB32_Premultiplied
_PROBE_SCALE = 0.125  # a cheap low-resolution pass finds where a sprite's pixels are
_KEEP_SCALES = 2      # e.g. the programme output and the operator's preview


@dataclass(frozen=True)
class Sprite:
    """A rasterized sprite: the image and where its top-left corner sits in pack units."""

    image: QImage | None  # None when the sprite has no visible pixels (e.g. an eye white while closed)
    x: float
    y: float


class AvatarRenderer:
    """Draws `Pose`s of one pack into any QPainter at any size, caching rasterized sprites per scale."""

    def __init__(self, pack: AvatarPack) -> None:
        self.pack = pack
        self.problems: list[Problem] = []
        self._svgs: dict[Path, QSvgRenderer] = {}
        self._pngs: dict[Path, QImage] = {}
        for path in pack.art_files():
            self._load(path)
        self._cache: OrderedDict[float, dict[tuple[str, str], Sprite]] = OrderedDict()
        self._scratch: dict[tuple[int, int], QImage] = {}
        self._parts = {p.name: p for p in pack.parts}

    # ---- loading: parse each art file exactly once ----

    def _load(self, path: Path) -> None:
        rel = path.relative_to(self.pack.root).as_posix() if path.is_relative_to(self.pack.root) else str(path)
        if path.suffix.lower() == ".svg":
            renderer = QSvgRenderer(str(path))
            if not renderer.isValid():
                self.problems.append(Problem(Severity.ERROR, rel, None, "", "Qt cannot read this SVG",
                                             "open it in a browser; keep to SVG Tiny: paths, gradients, opacity"))
                return
            self._svgs[path] = renderer
        else:
            image = QImage(str(path))
            if image.isNull():
                self.problems.append(Problem(Severity.ERROR, rel, None, "", "Qt cannot read this PNG",
                                             "re-export it as 8-bit RGBA PNG"))
                return
            w, h = self.pack.size
            if (image.width(), image.height()) != (round(w), round(h)):
                self.problems.append(Problem(
                    Severity.WARNING, rel, None, "",
                    f"the image is {image.width()}×{image.height()} but the pack canvas is {w:g}×{h:g}; "
                    "it is stretched to the canvas", f"export every layer at the canvas size (see {MANIFEST})"))
            self._pngs[path] = image.convertToFormat(_FORMAT)

    # ---- rasterizing ----

    def sprites_at(self, scale: float) -> dict[tuple[str, str], Sprite]:
        """All sprites rasterized at `scale` (device pixels per pack unit), building them on first use."""
        key = round(scale, 5)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        sprites: dict[tuple[str, str], Sprite] = {}
        rendered: dict[Path, Sprite] = {}
        for part in self.pack.parts:
            for name, path in part.sprites.items():
                if path not in rendered:
                    rendered[path] = self._rasterize(path, key)
                sprites[(part.name, name)] = rendered[path]
        self._cache[key] = sprites
        while len(self._cache) > _KEEP_SCALES:
            self._cache.popitem(last=False)
        return sprites

    def prepare(self, rect: QRectF) -> Placement:
        """Rasterize everything for drawing into `rect` now, so the first frame does not stall."""
        placement = self.placement(rect)
        self.sprites_at(placement.scale)
        return placement

    def placement(self, rect: QRectF) -> Placement:
        return place(self.pack.size, (rect.x(), rect.y(), rect.width(), rect.height()))

    def _render_art(self, path: Path, scale: float, bounds: QRectF) -> QImage:
        """Art at `scale`, only the part of the canvas inside `bounds` (pack units)."""
        w = max(1, math.ceil(bounds.width() * scale))
        h = max(1, math.ceil(bounds.height() * scale))
        image = QImage(w, h, _FORMAT)
        image.fill(0)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.scale(scale, scale)
        painter.translate(-bounds.x(), -bounds.y())
        pw, ph = self.pack.size
        canvas = QRectF(0, 0, pw, ph)
        svg = self._svgs.get(path)
        if svg is not None:
            svg.render(painter, canvas)
        elif path in self._pngs:
            painter.drawImage(canvas, self._pngs[path])
        painter.end()
        return image

    def _rasterize(self, path: Path, scale: float) -> Sprite:
        pw, ph = self.pack.size
        # Art may reach past the canvas (a raised arm); look a little beyond it.
        margin = 0.25 * max(pw, ph)
        probe_bounds = QRectF(-margin, -margin, pw + 2 * margin, ph + 2 * margin)
        probe_scale = min(_PROBE_SCALE, scale)
        probe = self._render_art(path, probe_scale, probe_bounds)
        box = _alpha_box(probe)
        if box is None:
            return Sprite(None, 0.0, 0.0)
        x0, y0, x1, y1 = box
        pad = 2  # probe pixels: covers antialiasing the low-resolution pass rounded away
        bounds = QRectF(probe_bounds.x() + (x0 - pad) / probe_scale, probe_bounds.y() + (y0 - pad) / probe_scale,
                        (x1 - x0 + 2 * pad) / probe_scale, (y1 - y0 + 2 * pad) / probe_scale)
        # Snap the origin to whole device pixels so untransformed parts land on the pixel grid.
        bx = math.floor(bounds.x() * scale) / scale
        by = math.floor(bounds.y() * scale) / scale
        bounds = QRectF(bx, by, bounds.right() - bx, bounds.bottom() - by)
        image = self._render_art(path, scale, bounds)
        # Trim to the exact pixels: every transparent row or column would still cost time on
        # every frame (Qt's transformed drawing visits the whole image rectangle).
        exact = _alpha_box(image)
        if exact is None:
            return Sprite(None, 0.0, 0.0)
        x0, y0, x1, y1 = exact
        image = image.copy(x0, y0, x1 - x0, y1 - y0)
        return Sprite(image, bx + x0 / scale, by + y0 / scale)

    # ---- drawing ----

    def draw(self, painter: QPainter, pose: Pose, rect: QRectF, clip_bottom: bool = True) -> None:
        """Draw `pose` fitted into `rect` (standing on its bottom edge).

        With `clip_bottom`, nothing is drawn below the rectangle: a half-body ends at the frame.
        """
        placement = self.placement(rect)
        scale = placement.scale
        sprites = self.sprites_at(scale)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if clip_bottom:
            big = 1e5
            painter.setClipRect(QRectF(rect.x() - big, rect.y() - big, rect.width() + 2 * big, rect.height() + big),
                                Qt.ClipOperation.IntersectClip)
        base_opacity = painter.opacity()
        # The caller may have transformed the painter (the stage scaling a preview): draw inside it.
        world = painter.worldTransform()
        outer = None if world.isIdentity() else QTransform(world)
        poses = {p.name: p for p in pose.parts} if any(p.clip for p in pose.parts) else {}
        for part in pose.parts:
            if part.opacity <= 0.003 or not part.layers:
                continue
            if part.clip is not None:
                self._draw_clipped(painter, part, poses.get(part.clip), sprites, placement, base_opacity, outer)
                continue
            for layer in part.layers:
                sprite = sprites.get((part.name, layer.sprite))
                if sprite is None or sprite.image is None:
                    continue
                device = _device(part.matrix, sprite, placement)
                painter.setTransform(device if outer is None else device * outer)
                painter.setOpacity(base_opacity * part.opacity * layer.opacity)
                painter.drawImage(QPointF(0, 0), sprite.image)
        painter.restore()

    def _draw_clipped(self, painter: QPainter, part: PartPose, mask: PartPose | None,
                      sprites: dict[tuple[str, str], Sprite], placement: Placement, base_opacity: float,
                      outer: QTransform | None) -> None:
        """Draw `part` only where its mask part's current sprite has pixels (an iris inside the eye white)."""
        if mask is None or not mask.layers:
            return
        mask_layer = mask.layers[-1]  # the dominant sprite of a cross-fade
        mask_sprite = sprites.get((mask.name, mask_layer.sprite))
        if mask_sprite is None or mask_sprite.image is None:
            return
        mimg = mask_sprite.image
        size = (mimg.width(), mimg.height())
        scratch = self._scratch.get(size)
        if scratch is None:
            scratch = QImage(mimg.width(), mimg.height(), _FORMAT)
            self._scratch[size] = scratch
        scratch.fill(0)
        mask_device = _device(mask.matrix, mask_sprite, placement)
        inverse, ok = mask_device.inverted()
        if not ok:
            return
        p = QPainter(scratch)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for layer in part.layers:
            sprite = sprites.get((part.name, layer.sprite))
            if sprite is None or sprite.image is None:
                continue
            # Into the mask's pixel space: the part's device transform, then back through the mask's.
            p.setTransform(_device(part.matrix, sprite, placement) * inverse)
            p.setOpacity(layer.opacity)
            p.drawImage(QPointF(0, 0), sprite.image)
        p.resetTransform()
        p.setOpacity(1.0)
        p.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationIn)
        p.drawImage(QPointF(0, 0), mimg)
        p.end()
        painter.setTransform(mask_device if outer is None else mask_device * outer)
        painter.setOpacity(base_opacity * part.opacity * mask.opacity)
        painter.drawImage(QPointF(0, 0), scratch)


def _device(m: Matrix, sprite: Sprite, placement: Placement) -> QTransform:
    """Sprite pixels → device: sprite offset, the pose matrix (pack units), then the placement.

    Built by hand rather than by chaining QTransform calls: s · m · (1/s) done in floating point
    leaves 0.9999999 on the diagonal, which sends Qt down its slow scaling path for every part.
    """
    s = placement.scale
    a, b, c, d, e, f = m
    # device = s * (m * (p / s + offset)) + origin
    tx = s * (a * sprite.x + c * sprite.y + e) + placement.x
    ty = s * (b * sprite.x + d * sprite.y + f) + placement.y
    return QTransform(_snap(a, 1.0), _snap(b, 0.0), _snap(c, 0.0), _snap(d, 1.0), tx, ty)


def _snap(v: float, target: float) -> float:
    return target if abs(v - target) < 1e-9 else v


def _alpha_box(image: QImage) -> tuple[int, int, int, int] | None:
    """(x0, y0, x1, y1) of the pixels with any alpha, or None when the image is empty."""
    import numpy as np  # numpy is a dependency; imported here to keep module import light

    w, h = image.width(), image.height()
    bpl = image.bytesPerLine()
    buf = np.frombuffer(image.constBits(), dtype=np.uint8, count=bpl * h).reshape(h, bpl)
    alpha = buf[:, 3: w * 4: 4]  # premultiplied ARGB32 is BGRA in memory on little-endian machines
    rows = np.flatnonzero(alpha.any(axis=1))
    if rows.size == 0:
        return None
    cols = np.flatnonzero(alpha.any(axis=0))
    return int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1


def render_pose(renderer: AvatarRenderer, pose: Pose, width: int, height: int,
                background: int = 0) -> QImage:
    """A pose drawn alone into a new image (tests, the contact sheet); `background` is 0xAARRGGBB."""
    image = QImage(width, height, _FORMAT)
    image.fill(QColor.fromRgba(background))
    painter = QPainter(image)
    renderer.draw(painter, pose, QRectF(0, 0, width, height))
    painter.end()
    return image


__all__ = ["AvatarRenderer", "Sprite", "render_pose"]
