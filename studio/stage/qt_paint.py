"""The QPainter renderer: scene → QImage (ARGB32 premultiplied), the one renderer for every output.

`StageRenderer.render(state, t)` = `compose` + paint. Work that does not change from frame to
frame is done once and kept: photos are cut out once (on disk too), pictures are scaled once to
their drawn size, shadows are blurred once, and `Layer(cache=True)` groups are rasterized once
and blitted afterwards. The avatar is drawn by an injected painter `(QPainter, QRectF, pose)`.
"""

from __future__ import annotations

import logging
import math
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path

from studio.core.images import QT_ALLOCATION_MB

# isort: split
# cv2 after studio.core.images, which caps OpenCV's decoder before cv2 loads
import cv2
import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QImageReader,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

from studio.show.model import Show
from studio.stage.compose import compose, template_of
from studio.stage.cutout import PhotoCache, PhotoError
from studio.stage.qt_fonts import FontSet, QtTextMetrics
from studio.stage.scene import (
    Avatar,
    Box,
    Clear,
    Fill,
    Icon,
    Item,
    Layer,
    Line,
    LinearGradient,
    Paint,
    Picture,
    Rect,
    Rgba,
    Scene,
    Shadow,
    Text,
)
from studio.stage.state import StageState

log = logging.getLogger(__name__)

# Qt's decoders refuse images above studio's pixel limit too: the second line behind the header check.
QImageReader.setAllocationLimit(QT_ALLOCATION_MB)

FORMAT = QImage.Format.Format_ARGB32_Premultiplied
AvatarPainter = Callable[[QPainter, QRectF, object], None]


def new_frame(width: int, height: int) -> QImage:
    """A canvas-sized frame in the stage's pixel format."""
    return QImage(width, height, FORMAT)


class FrameArray(np.ndarray):
    """A numpy view of a QImage's pixels that keeps the image alive while the view exists."""

    image: QImage | None

    def __array_finalize__(self, obj: object) -> None:
        self.image = getattr(obj, "image", None)


def frame_array(image: QImage) -> FrameArray:
    """The frame's pixels as an (h, w, 4) uint8 array in B, G, R, A order — a view, not a copy.

    Premultiplied ARGB32 is stored as 32-bit words, so on little-endian machines the bytes are
    B, G, R, A. The array holds a reference to the image: the buffer cannot be freed under it.
    """
    if image.format() != FORMAT:
        raise ValueError(f"expected ARGB32 premultiplied, got {image.format()}")
    h, w, bpl = image.height(), image.width(), image.bytesPerLine()
    flat = np.frombuffer(image.constBits(), dtype=np.uint8, count=bpl * h)
    view = np.lib.stride_tricks.as_strided(flat, shape=(h, w, 4), strides=(bpl, 4, 1), writeable=False)
    out = view.view(FrameArray)
    out.image = image
    return out


def _qcolor(c: Rgba) -> QColor:
    return QColor(c[0], c[1], c[2], c[3])


def _rectf(r: Rect) -> QRectF:
    return QRectF(r.x, r.y, r.w, r.h)


def _brush(paint: Paint, rect: Rect) -> QBrush:
    if isinstance(paint, LinearGradient):
        g = QLinearGradient(rect.x + paint.x1 * rect.w, rect.y + paint.y1 * rect.h,
                            rect.x + paint.x2 * rect.w, rect.y + paint.y2 * rect.h)
        for pos, colour in paint.stops:
            g.setColorAt(pos, _qcolor(colour))
        return QBrush(g)
    return QBrush(_qcolor(paint))


class _Lru(OrderedDict[Hashable, QImage]):
    """A small least-recently-used cache of rasters."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def take(self, key: Hashable) -> QImage | None:
        value = self.get(key)
        if value is not None:
            self.move_to_end(key)
        return value

    def put(self, key: Hashable, value: QImage) -> None:
        self[key] = value
        self.move_to_end(key)
        while len(self) > self.size:
            self.popitem(last=False)


class SceneRenderer:
    """Paints scenes with QPainter; keeps the rasters that do not change between frames."""

    def __init__(self, fonts: FontSet, avatar_painter: AvatarPainter | None = None,
                 photos: PhotoCache | None = None) -> None:
        self.fonts = fonts
        if avatar_painter is None:
            from studio.stage.qt_placeholder_avatar import paint_placeholder_avatar

            avatar_painter = paint_placeholder_avatar
        self.avatar_painter = avatar_painter
        self.photos = photos if photos is not None else PhotoCache()
        self.problems: list[str] = []  # what could not be drawn (unreadable files), once each
        # (image, its pixels per pixel of the original file: below 1 for a smaller copy) or None
        self._sources: dict[tuple[Path, bool], tuple[QImage, float] | None] = {}
        self._pictures = _Lru(48)
        self._layers = _Lru(96)
        self._shadows = _Lru(64)
        self._by_identity: dict[int, tuple[tuple[Item, ...], Rect, QImage]] = {}
        self._scratch: dict[tuple[int, int], QImage] = {}  # offscreen buffers for faded layers
        self.layer_rasterizations = 0  # for tests: cached layers must not be redrawn every frame

    # ---- frames ----

    def render(self, scene: Scene, into: QImage | None = None) -> QImage:
        """Draw `scene` into `into` (reused when it has the right size) or a new frame."""
        image = into
        if image is None or image.width() != scene.width or image.height() != scene.height or image.format() != FORMAT:
            image = new_frame(scene.width, scene.height)
        painter = QPainter(image)
        try:
            self.paint(painter, scene)
        finally:
            painter.end()
        return image

    def paint(self, painter: QPainter, scene: Scene) -> None:
        """Draw `scene` on any painter (a frame, or a widget scaled by the caller)."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self._items(painter, scene.items)

    # ---- items ----

    def _items(self, p: QPainter, items: tuple[Item, ...]) -> None:
        for item in items:
            if isinstance(item, Layer):
                self._layer(p, item)
            elif isinstance(item, Text):
                p.setFont(self.fonts.qfont(item.font))
                p.setPen(_qcolor(item.colour))
                p.drawText(QPointF(item.x, item.y), item.text)
            elif isinstance(item, Box):
                self._box(p, item)
            elif isinstance(item, Picture):
                self._picture(p, item)
            elif isinstance(item, Avatar):
                p.save()
                # Antialiasing adds nothing to image blits but sends transformed (rotated) sprites
                # down Qt's slow path; the avatar painter sets the hints it needs itself.
                p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
                try:
                    self.avatar_painter(p, _rectf(item.rect), item.pose)
                finally:
                    p.restore()
            elif isinstance(item, Fill):
                p.save()
                p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
                p.fillRect(QRectF(0, 0, p.device().width(), p.device().height()), _qcolor(item.colour))
                p.restore()
            elif isinstance(item, Clear):
                p.save()
                p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
                p.fillRect(QRectF(0, 0, p.device().width(), p.device().height()), Qt.GlobalColor.transparent)
                p.restore()
            elif isinstance(item, Line):
                pen = QPen(_qcolor(item.colour), item.width)
                pen.setCapStyle(Qt.PenCapStyle.RoundCap)
                p.setPen(pen)
                p.drawLine(QPointF(item.x1, item.y1), QPointF(item.x2, item.y2))
            elif isinstance(item, Icon):
                _icon(p, item)

    def _box(self, p: QPainter, box: Box) -> None:
        if box.shadow is not None and box.fill is not None:
            self._shadow(p, box.rect, box.radius, box.shadow)
        r = _rectf(box.rect)
        if box.fill is not None:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(_brush(box.fill, box.rect))
            if box.radius > 0:
                p.drawRoundedRect(r, box.radius, box.radius)
            else:
                p.drawRect(r)
        if box.stroke is not None and box.stroke_width > 0:
            half = box.stroke_width / 2
            inner = r.adjusted(half, half, -half, -half)
            p.setPen(QPen(_qcolor(box.stroke), box.stroke_width))
            p.setBrush(Qt.BrushStyle.NoBrush)
            radius = max(0.0, box.radius - half)
            p.drawRoundedRect(inner, radius, radius)

    def _shadow(self, p: QPainter, rect: Rect, radius: float, shadow: Shadow) -> None:
        key = (round(rect.w), round(rect.h), round(radius, 1), round(shadow.blur, 1), shadow.colour)
        image = self._shadows.take(key)
        margin = math.ceil(shadow.blur * 1.5)
        if image is None:
            image = _blurred_box(round(rect.w), round(rect.h), radius, shadow.blur, shadow.colour, margin)
            self._shadows.put(key, image)
        p.drawImage(QPointF(round(rect.x + shadow.dx) - margin, round(rect.y + shadow.dy) - margin), image)

    def _source(self, path: Path, cutout: bool) -> tuple[QImage, float] | None:
        """The image to draw for `path`: its cut-out, or the file (a smaller copy when it is large).

        Anything wrong with the file (too large, damaged, replaced while on air) is reported once
        and gives None: the picture's placeholder airs instead.
        """
        key = (path, cutout)
        if key in self._sources:
            return self._sources[key]
        source: tuple[QImage, float] | None = None
        try:
            if cutout:
                source = (_qimage(self.photos.prepare(path).path, path), 1.0)
            else:
                source = self._plain(path)
        except PhotoError as exc:
            self._problem(str(exc))
            if cutout:  # the photo as it is still beats no photo
                try:
                    source = self._plain(path)
                except PhotoError:
                    source = None
        self._sources[key] = source
        return source

    def _plain(self, path: Path) -> tuple[QImage, float]:
        target, header = self.photos.scaled(path)
        image = _qimage(target, path)
        return image, image.width() / header.width

    def _problem(self, message: str) -> None:
        if message not in self.problems:
            self.problems.append(message)
            log.warning("stage: %s", message)

    def _picture(self, p: QPainter, pic: Picture) -> None:
        w, h = max(1, round(pic.rect.w)), max(1, round(pic.rect.h))
        key = (pic.source, pic.cutout, pic.fit, w, h, round(pic.radius, 1), pic.crop)
        image = self._pictures.take(key)
        if image is None:
            source = self._source(pic.source, pic.cutout)
            if source is None:
                if pic.fallback is not None:
                    p.fillRect(_rectf(pic.rect), _qcolor(pic.fallback))
                return
            image = _fitted(source[0], pic, w, h, source[1])
            self._pictures.put(key, image)
        # Centre the fitted image in its rectangle at whole pixels: resampling it again per frame
        # would blur it and cost time.
        x = round(pic.rect.x + (pic.rect.w - image.width()) / 2)
        y = round(pic.rect.y + (pic.rect.h - image.height()) / 2)
        opaque_backdrop = (x == 0 and y == 0 and p.opacity() >= 1 and pic.opacity >= 1
                           and image.width() == p.device().width() and image.height() == p.device().height()
                           and p.worldTransform().isIdentity() and _is_opaque(image))
        if opaque_backdrop:
            # A full-frame opaque backdrop replaces every pixel: copy it (no blending, no clear first).
            p.save()
            p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
            p.drawImage(QPointF(0, 0), image)
            p.restore()
        elif pic.opacity < 1:
            p.save()
            p.setOpacity(p.opacity() * pic.opacity)
            p.drawImage(QPointF(x, y), image)
            p.restore()
        else:
            p.drawImage(QPointF(x, y), image)

    def _layer(self, p: QPainter, layer: Layer) -> None:
        if layer.opacity <= 0.001:
            return
        p.save()
        if layer.opacity < 1:
            p.setOpacity(p.opacity() * layer.opacity)
        if layer.dx or layer.dy:
            p.translate(layer.dx, layer.dy)
        if layer.scale != 1:
            ox, oy = layer.origin
            p.translate(ox, oy)
            p.scale(layer.scale, layer.scale)
            p.translate(-ox, -oy)
        if layer.clip is not None:
            if layer.clip_radius > 0:
                path = QPainterPath()
                path.addRoundedRect(_rectf(layer.clip), layer.clip_radius, layer.clip_radius)
                p.setClipPath(path, Qt.ClipOperation.IntersectClip)
            else:  # a rectangle clips far faster than a path
                p.setClipRect(_rectf(layer.clip), Qt.ClipOperation.IntersectClip)
        if layer.cache:
            raster = self._raster(layer)
            p.drawImage(QPointF(layer.bounds.x, layer.bounds.y), raster)
        elif layer.fade_x > 0 and layer.clip is not None:
            self._faded(p, layer)
        else:
            self._items(p, layer.items)
        p.restore()

    def _faded(self, p: QPainter, layer: Layer) -> None:
        """Draw the layer's items offscreen, fade its left and right edges to transparent, blit."""
        assert layer.clip is not None
        c = layer.clip
        x0, y0 = math.floor(c.x), math.floor(c.y)
        w, h = max(1, math.ceil(c.right) - x0), max(1, math.ceil(c.bottom) - y0)
        scratch = self._scratch.get((w, h))
        if scratch is None:
            scratch = QImage(w, h, FORMAT)
            self._scratch[(w, h)] = scratch
        scratch.fill(0)
        q = QPainter(scratch)
        q.setRenderHint(QPainter.RenderHint.Antialiasing)
        q.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        q.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        q.translate(-x0, -y0)
        self._items(q, layer.items)
        q.resetTransform()
        q.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationIn)
        edge = min(layer.fade_x / w, 0.5)
        mask = QLinearGradient(0, 0, w, 0)
        mask.setColorAt(0.0, QColor(0, 0, 0, 0))
        mask.setColorAt(edge, QColor(0, 0, 0, 255))
        mask.setColorAt(1.0 - edge, QColor(0, 0, 0, 255))
        mask.setColorAt(1.0, QColor(0, 0, 0, 0))
        q.fillRect(0, 0, w, h, QBrush(mask))
        q.end()
        p.drawImage(QPointF(x0, y0), scratch)

    def _raster(self, layer: Layer) -> QImage:
        # Layouts are cached upstream, so the same items tuple usually comes back frame after
        # frame: look it up by identity first and skip hashing dozens of nested items.
        known = self._by_identity.get(id(layer.items))
        if known is not None and known[0] is layer.items and known[1] == layer.bounds:
            return known[2]
        key = (layer.items, layer.bounds)
        image = self._layers.take(key)
        if image is None:
            b = layer.bounds
            image = QImage(max(1, math.ceil(b.w)), max(1, math.ceil(b.h)), FORMAT)
            image.fill(0)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            painter.translate(-b.x, -b.y)
            self._items(painter, layer.items)
            painter.end()
            self._layers.put(key, image)
            self.layer_rasterizations += 1
        if len(self._by_identity) > 256:
            self._by_identity.clear()
        # Holding the items keeps their id from being reused by another tuple while cached here.
        self._by_identity[id(layer.items)] = (layer.items, layer.bounds, image)
        return image


_opaque: dict[int, bool] = {}


def _is_opaque(image: QImage) -> bool:
    """Whether every pixel is fully opaque (remembered per image: fitted pictures never change)."""
    key = image.cacheKey()
    known = _opaque.get(key)
    if known is None:
        if len(_opaque) > 256:
            _opaque.clear()
        known = bool(frame_array(image)[:, :, 3].min() == 255)
        _opaque[key] = known
    return known


def _qimage(target: Path, source: Path) -> QImage:
    """`target` (the file or its prepared copy) decoded by Qt in the stage's format; PhotoError when Qt cannot."""
    loaded = QImage(str(target))
    if loaded.isNull():
        raise PhotoError(f"{source}: Qt cannot read this image")
    return loaded.convertToFormat(FORMAT)


def _fitted(source: QImage, pic: Picture, w: int, h: int, scale: float = 1.0) -> QImage:
    """The picture scaled once to its drawn size (cover crops, contain letterboxes), corners rounded.

    `scale` maps the crop, given in the original file's pixels, onto `source` (a smaller copy).
    """
    src = source
    if pic.crop is not None:
        c = pic.crop
        src = source.copy(round(c.x * scale), round(c.y * scale), max(1, round(c.w * scale)),
                          max(1, round(c.h * scale)))
    if pic.fit == "cover":
        scaled = src.scaled(w, h, Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                            Qt.TransformationMode.SmoothTransformation)
        x, y = (scaled.width() - w) // 2, (scaled.height() - h) // 2
        scaled = scaled.copy(x, y, w, h)
    else:
        scaled = src.scaled(w, h, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    scaled = scaled.convertToFormat(FORMAT)
    if pic.radius > 0:
        rounded = QImage(scaled.width(), scaled.height(), FORMAT)
        rounded.fill(0)
        painter = QPainter(rounded)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        path = QPainterPath()
        path.addRoundedRect(QRectF(0, 0, scaled.width(), scaled.height()), pic.radius, pic.radius)
        painter.setClipPath(path)
        painter.drawImage(QPointF(0, 0), scaled)
        painter.end()
        scaled = rounded
    return scaled


def _blurred_box(w: int, h: int, radius: float, blur: float, colour: Rgba, margin: int) -> QImage:
    """A soft shadow: the rounded box's coverage, Gaussian-blurred with OpenCV, in `colour`."""
    W, H = w + 2 * margin, h + 2 * margin
    mask = QImage(W, H, QImage.Format.Format_Grayscale8)
    mask.fill(0)
    painter = QPainter(mask)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(255, 255, 255))
    painter.drawRoundedRect(QRectF(margin, margin, w, h), radius, radius)
    painter.end()
    bpl = mask.bytesPerLine()
    alpha = np.frombuffer(mask.constBits(), np.uint8, count=bpl * H).reshape(H, bpl)[:, :W].astype(np.float32)
    alpha = cv2.GaussianBlur(alpha, (0, 0), max(0.5, blur / 2)) * (colour[3] / 255.0)
    out = np.empty((H, W, 4), np.uint8)  # premultiplied B, G, R, A
    a = alpha / 255.0
    out[..., 0] = np.clip(colour[2] * a + 0.5, 0, 255)
    out[..., 1] = np.clip(colour[1] * a + 0.5, 0, 255)
    out[..., 2] = np.clip(colour[0] * a + 0.5, 0, 255)
    out[..., 3] = np.clip(alpha + 0.5, 0, 255)
    image = QImage(out.data, W, H, W * 4, FORMAT)
    return image.copy()  # own the pixels: `out` is freed when this function returns


def _icon(p: QPainter, icon: Icon) -> None:
    """Small vector glyphs drawn from paths, so no icon font is needed."""
    r = icon.rect
    c = _qcolor(icon.colour)
    p.save()
    p.translate(r.x, r.y)
    s = min(r.w, r.h) / 24.0  # drawn on a 24-unit grid
    p.scale(s, s)
    if icon.name == "dot":
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(c)
        p.drawEllipse(QRectF(0, 0, 24, 24))
    elif icon.name == "bolt":
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(c)
        p.drawPolygon(QPolygonF([QPointF(14, 1), QPointF(4, 14), QPointF(11, 14), QPointF(9, 23),
                                 QPointF(20, 9), QPointF(13, 9)]))
    elif icon.name == "cart":
        pen = QPen(c, 2.4)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        path = QPainterPath(QPointF(1.5, 3))
        path.lineTo(5, 3)
        path.lineTo(7.6, 15.2)
        path.lineTo(19.4, 15.2)
        path.lineTo(21.8, 6.6)
        path.lineTo(6.2, 6.6)
        p.drawPath(path)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(c)
        p.drawEllipse(QPointF(9.2, 19.8), 1.9, 1.9)
        p.drawEllipse(QPointF(17.6, 19.8), 1.9, 1.9)
    elif icon.name == "clock":
        pen = QPen(c, 2.2)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(QRectF(2, 2, 20, 20))
        p.drawLine(QPointF(12, 12), QPointF(12, 6.5))
        p.drawLine(QPointF(12, 12), QPointF(16, 14))
    p.restore()


class StageRenderer:
    """compose + paint with one set of fonts, photo cache and avatar painter: live, preview, offline."""

    def __init__(self, avatar_painter: AvatarPainter | None = None, photos: PhotoCache | None = None,
                 fonts: FontSet | None = None) -> None:
        self.fonts = fonts or FontSet.detect()
        self.metrics = QtTextMetrics(self.fonts)
        self.painter = SceneRenderer(self.fonts, avatar_painter, photos)

    @property
    def problems(self) -> list[str]:
        return self.painter.problems

    def scene(self, state: StageState, t: float) -> Scene:
        return compose(state, t, self.metrics)

    def render(self, state: StageState, t: float, into: QImage | None = None) -> QImage:
        """The frame at show time t (drawn into `into` when it fits, else a new image)."""
        return self.painter.render(self.scene(state, t), into)

    def prepare(self, show: Show) -> None:
        """Do the slow one-off work now (photo cut-outs, image loads) rather than on air."""
        for product in show.products:
            if product.image is not None:
                self.painter._source(product.image, True)
        if show.background.kind == "image" and show.background.image is not None:
            self.painter._source(show.background.image, False)
        if show.logo is not None:
            self.painter._source(show.logo, False)

    def template_size(self, state: StageState) -> tuple[int, int]:
        return template_of(state).size
