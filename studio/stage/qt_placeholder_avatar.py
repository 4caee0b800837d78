"""A stand-in host: a soft, frosted half-body silhouette, drawn when no avatar painter is given.

It is deliberately not a person (no face, no colour) so nobody mistakes it for the real host. It
ignores the pose. It is placed the way avatar packs are (a 5:7 canvas fitted into the rectangle,
standing on its bottom edge), so layouts look the same once the real avatar draws there.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter, QPainterPath, QPen

CANVAS = (1000.0, 1400.0)  # the pack canvas the silhouette is drawn on
_cache: dict[tuple[int, int], QImage] = {}


def _silhouette() -> QPainterPath:
    """Head, neck and shoulders of a presenter on the 1000×1400 pack canvas."""
    path = QPainterPath()
    path.addEllipse(QPointF(500, 410), 168, 212)  # head
    body = QPainterPath(QPointF(120, 1400))
    body.cubicTo(QPointF(118, 1060), QPointF(150, 880), QPointF(300, 815))  # left shoulder
    body.cubicTo(QPointF(380, 782), QPointF(440, 760), QPointF(452, 690))  # into the neck
    body.lineTo(548, 690)
    body.cubicTo(QPointF(560, 760), QPointF(620, 782), QPointF(700, 815))
    body.cubicTo(QPointF(850, 880), QPointF(882, 1060), QPointF(880, 1400))
    body.closeSubpath()
    return path.united(body)


def _render(w: int, h: int) -> QImage:
    image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    cw, ch = CANVAS
    scale = min(w / cw, h / ch)
    p.translate((w - cw * scale) / 2, h - ch * scale)
    p.scale(scale, scale)
    # Frosted glass: light at the top, fading down, with a fine bright rim.
    grad = QLinearGradient(0, 200, 0, 1400)
    grad.setColorAt(0.0, QColor(255, 255, 255, 165))
    grad.setColorAt(1.0, QColor(255, 255, 255, 60))
    p.setBrush(grad)
    p.setPen(QPen(QColor(255, 255, 255, 210), 3.0 / scale))  # 3 device pixels whatever the size
    p.drawPath(_silhouette())
    p.end()
    return image


def paint_placeholder_avatar(painter: QPainter, rect: QRectF, pose: object) -> None:
    """An `AvatarPainter`: draws the silhouette into `rect` (the pose is ignored)."""
    w, h = max(1, round(rect.width())), max(1, round(rect.height()))
    image = _cache.get((w, h))
    if image is None:
        if len(_cache) > 4:
            _cache.clear()
        image = _render(w, h)
        _cache[(w, h)] = image
    painter.drawImage(QPointF(round(rect.x()), round(rect.y())), image)


__all__ = ["paint_placeholder_avatar"]
