"""Draw the product shots and stage art for the bundled demo show.

Everything is painted procedurally with QPainter (QImage + QPainter, antialiasing
on) -- no network, no external images -- so the demo show ships with media that
we own outright and can regenerate at any time.  Output is deterministic: every
bit of "randomness" (brushed-metal streaks, bokeh) comes from seeded generators.

Run from the repository root::

    .venv/bin/python scripts/make_demo_media.py [OUTDIR]

OUTDIR defaults to ``assets/demo-show/media``.  While iterating on one
picture, ``MEDIA_ONLY=tea,logo`` limits the run to those names.  Files written:

    tea.png         1024x1024  West Lake Longjing tea tin with loose leaves
    thermos.png     1024x1024  stainless-steel vacuum flask with a matte lid
    serum.png       1024x1024  amber glass dropper bottle, "HYDRA SERUM"
    headphones.png  1024x1024  matte over-ear wireless headphones
    logo.png         600x200   "云集好物 · CloudMart" wordmark, transparent
    backdrop.png    1080x1920  soft, out-of-focus live-room backdrop

Product shots sit on a plain, very light studio background whose border band
is uniform, so later code can cut the product out with OpenCV.  Lighting is
consistently from the upper left; shadows fall softly to the lower right.
"""

from __future__ import annotations

import math
import os
import random
import sys
from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QRadialGradient,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from studio.core.assets import demo_show_path

DEFAULT_OUTDIR = demo_show_path() / "media"

CJK_FAMILY = "WenQuanYi Micro Hei"
LATIN_FAMILY = "DejaVu Sans"

STUDIO_BG = QColor("#f5f5f6")  # plain border colour of every product shot
FMT = QImage.Format.Format_ARGB32_Premultiplied

# Light comes from the upper left and slightly in front of the subject.
LIGHT_DIR = (-0.55, 0.83)  # (x, z) in the horizontal plane of a vertical cylinder

Stops = Sequence[tuple[float, QColor]]


# --------------------------------------------------------------------------- #
# Small helpers: colours, painters, gradients, fonts
# --------------------------------------------------------------------------- #


def rgba(spec: str, alpha: float = 1.0) -> QColor:
    """Hex colour with an alpha in 0..1."""
    c = QColor(spec)
    c.setAlphaF(max(0.0, min(1.0, alpha)))
    return c


def scale_color(c: QColor, k: float) -> QColor:
    """Multiply a colour's RGB by k (k > 1 brightens, clamped)."""
    return QColor(
        max(0, min(255, round(c.red() * k))),
        max(0, min(255, round(c.green() * k))),
        max(0, min(255, round(c.blue() * k))),
        c.alpha(),
    )


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """Linear blend of two colours (t=0 -> a, t=1 -> b)."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
        round(a.alpha() + (b.alpha() - a.alpha()) * t),
    )


def new_image(w: int, h: int, fill: QColor | None = None) -> QImage:
    img = QImage(w, h, FMT)
    img.fill(fill if fill is not None else Qt.GlobalColor.transparent)
    return img


def begin(img: QImage) -> QPainter:
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    p.setPen(Qt.PenStyle.NoPen)
    return p


def linear(x1: float, y1: float, x2: float, y2: float, stops: Stops) -> QLinearGradient:
    g = QLinearGradient(x1, y1, x2, y2)
    for pos, col in stops:
        g.setColorAt(pos, col)
    return g


def radial(cx: float, cy: float, r: float, stops: Stops,
           fx: float | None = None, fy: float | None = None) -> QRadialGradient:
    g = QRadialGradient(QPointF(cx, cy), r,
                        QPointF(cx if fx is None else fx, cy if fy is None else fy))
    for pos, col in stops:
        g.setColorAt(pos, col)
    return g


def hex_stops(pairs: Iterable[tuple[float, str]]) -> list[tuple[float, QColor]]:
    return [(pos, QColor(spec)) for pos, spec in pairs]


def font(family: str, px: float, bold: bool = False, spacing: float = 0.0,
         weight: QFont.Weight | None = None) -> QFont:
    f = QFont(family)
    f.setPixelSize(max(1, round(px)))
    if weight is not None:
        f.setWeight(weight)
    else:
        f.setBold(bold)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    if spacing:
        f.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, spacing)
    return f


def text_path(text: str, f: QFont, x: float, baseline: float) -> QPainterPath:
    path = QPainterPath()
    path.addText(QPointF(x, baseline), f, text)
    return path


def text_width(text: str, f: QFont) -> float:
    return QFontMetricsF(f).horizontalAdvance(text)


def draw_text_centered(p: QPainter, text: str, f: QFont, cx: float, baseline: float,
                       color: QColor, embolden: float = 0.0) -> float:
    """Draw `text` horizontally centred on cx; returns its width."""
    w = text_width(text, f)
    # Letter spacing adds trailing space after the last glyph; compensate.
    trail = f.letterSpacing() if f.letterSpacingType() == QFont.SpacingType.AbsoluteSpacing else 0
    path = text_path(text, f, cx - (w - trail) / 2, baseline)
    p.save()
    p.setBrush(color)
    if embolden > 0:
        p.setPen(QPen(color, embolden, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                      Qt.PenJoinStyle.RoundJoin))
    else:
        p.setPen(Qt.PenStyle.NoPen)
    p.drawPath(path)
    p.restore()
    return w


def draw_vertical_text(p: QPainter, text: str, f: QFont, cx: float, top: float,
                       step: float, color: QColor, embolden: float = 0.0) -> None:
    """Traditional top-to-bottom CJK text, one glyph per row, centred on cx."""
    fm = QFontMetricsF(f)
    for i, ch in enumerate(text):
        baseline = top + i * step + fm.ascent() * 0.88
        draw_text_centered(p, ch, f, cx, baseline, color, embolden)


# --------------------------------------------------------------------------- #
# Blur / shadow helpers (numpy box blur x3 ~ gaussian)
# --------------------------------------------------------------------------- #


def _to_array(img: QImage) -> np.ndarray:
    img = img.convertToFormat(FMT)
    w, h = img.width(), img.height()
    buf = np.frombuffer(img.constBits(), dtype=np.uint8, count=img.sizeInBytes())
    return buf.reshape(h, img.bytesPerLine())[:, : w * 4].reshape(h, w, 4).astype(np.float32)


def _from_array(arr: np.ndarray) -> QImage:
    h, w = arr.shape[:2]
    data = np.ascontiguousarray(np.clip(arr + 0.5, 0, 255).astype(np.uint8))
    return QImage(data.data, w, h, 4 * w, FMT).copy()


def _box_blur_axis(a: np.ndarray, r: int, axis: int) -> np.ndarray:
    if r <= 0:
        return a
    pad = [(0, 0)] * a.ndim
    pad[axis] = (r + 1, r)
    padded = np.pad(a, pad, mode="edge")
    csum = np.cumsum(padded, axis=axis, dtype=np.float64)
    n = a.shape[axis]
    hi = np.take(csum, np.arange(2 * r + 1, 2 * r + 1 + n), axis=axis)
    lo = np.take(csum, np.arange(0, n), axis=axis)
    return ((hi - lo) / (2 * r + 1)).astype(np.float32)


def blur_array(a: np.ndarray, sigma: float) -> np.ndarray:
    """Approximate gaussian blur: three box passes per axis."""
    if sigma <= 0.3:
        return a
    # Box radius whose three-pass variance matches sigma^2.
    r = max(1, int(round((math.sqrt(4 * sigma * sigma + 1) - 1) / 2)))
    for _ in range(3):
        a = _box_blur_axis(a, r, 0)
        a = _box_blur_axis(a, r, 1)
    return a


def blur_image(img: QImage, sigma: float) -> QImage:
    return _from_array(blur_array(_to_array(img), sigma))


def soft_layer(canvas: QImage, draw: Callable[[QPainter], None], sigma: float,
               opacity: float = 1.0, clip: QPainterPath | None = None,
               mode: QPainter.CompositionMode = QPainter.CompositionMode.CompositionMode_SourceOver) -> None:
    """Paint `draw` onto a transparent layer, blur it, composite onto canvas."""
    layer = new_image(canvas.width(), canvas.height())
    lp = begin(layer)
    draw(lp)
    lp.end()
    layer = blur_image(layer, sigma)
    p = begin(canvas)
    if clip is not None:
        p.setClipPath(clip)
    p.setCompositionMode(mode)
    p.setOpacity(opacity)
    p.drawImage(0, 0, layer)
    p.end()


def soft_path(canvas: QImage, path: QPainterPath, sigma: float, opacity: float,
              clip: QPainterPath | None = None, color: str = "#000000", stroke: float = 0.0,
              mode: QPainter.CompositionMode = QPainter.CompositionMode.CompositionMode_SourceOver,
              ) -> None:
    """Blurred fill (or stroke, if stroke > 0) of a path: occlusion, glints, cast shadows."""
    def draw(p: QPainter) -> None:
        if stroke > 0:
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(QColor(color), stroke, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        else:
            p.setBrush(QColor(color))
        p.drawPath(path)
    soft_layer(canvas, draw, sigma, opacity, clip=clip, mode=mode)


def ellipse_shadow(canvas: QImage, cx: float, cy: float, rx: float, ry: float,
                   sigma: float, opacity: float, color: str = "#1b1d22") -> None:
    def draw(p: QPainter) -> None:
        p.setBrush(QColor(color))
        p.drawEllipse(QPointF(cx, cy), rx, ry)
    soft_layer(canvas, draw, sigma, opacity)


def product_shadow(canvas: QImage, cx: float, base_y: float, half_w: float,
                   depth: float, strength: float = 1.0) -> None:
    """Contact shadow under an object standing on the studio floor.

    Three layers: a broad ambient-occlusion pool, a soft cast shadow drifting
    to the lower right (light is upper left), and a tight dark contact line.
    """
    ellipse_shadow(canvas, cx + half_w * 0.10, base_y + depth * 0.25,
                   half_w * 1.25, depth * 1.3, sigma=half_w * 0.16, opacity=0.16 * strength)
    ellipse_shadow(canvas, cx + half_w * 0.22, base_y + depth * 0.1,
                   half_w * 1.05, depth * 0.85, sigma=half_w * 0.08, opacity=0.22 * strength)
    ellipse_shadow(canvas, cx, base_y, half_w * 0.97, depth * 0.42,
                   sigma=max(2.0, half_w * 0.025), opacity=0.55 * strength)


def studio_background(w: int, h: int) -> QImage:
    """Plain light studio sweep: uniform border, faint lift behind the product.

    The lift stays within ~5 levels of the border colour so a background
    key (flood fill / colour distance from the border) never mistakes it for
    the product.
    """
    img = new_image(w, h, STUDIO_BG)
    p = begin(img)
    r = min(w, h) * 0.46
    p.setBrush(radial(w * 0.47, h * 0.44, r, [
        (0.0, rgba("#ffffff", 0.55)),
        (0.55, rgba("#ffffff", 0.28)),
        (1.0, rgba("#ffffff", 0.0)),
    ]))
    p.drawRect(0, 0, w, h)
    p.end()
    return img


# --------------------------------------------------------------------------- #
# Shading models
# --------------------------------------------------------------------------- #


def cylinder_profile(n: int = 48, ambient: float = 0.32, diffuse: float = 0.78,
                     spec: float = 0.5, shininess: float = 30.0, rim: float = 0.10,
                     ) -> list[tuple[float, float, float]]:
    """(t, shade, highlight) across a vertical cylinder, t=0 left edge.

    shade multiplies the surface colour, highlight is added as white.
    """
    lx, lz = LIGHT_DIR
    norm = math.hypot(lx, lz)
    lx, lz = lx / norm, lz / norm
    hx, hz = lx, lz + 1.0  # Blinn half vector with viewer at +z
    hn = math.hypot(hx, hz)
    hx, hz = hx / hn, hz / hn
    out = []
    for i in range(n + 1):
        t = i / n
        theta = (t - 0.5) * math.pi * 0.985
        nx, nz = math.sin(theta), math.cos(theta)
        d = max(0.0, nx * lx + nz * lz)
        s = max(0.0, nx * hx + nz * hz) ** shininess
        r = rim * max(0.0, nx) ** 6  # bounce light from a card on the right
        shade = min(1.0, ambient + diffuse * d + r)
        out.append((t, shade, spec * s))
    return out


def light_cylinder(p: QPainter, path: QPainterPath, x0: float, x1: float,
                   ambient: float = 0.32, diffuse: float = 0.78, spec: float = 0.5,
                   shininess: float = 30.0, rim: float = 0.10,
                   top: float | None = None, bottom: float | None = None,
                   vertical: float = 0.10) -> None:
    """Multiply a cylinder's flat artwork by diffuse shading, then add specular."""
    prof = cylinder_profile(ambient=ambient, diffuse=diffuse, spec=spec,
                            shininess=shininess, rim=rim)
    shade = QLinearGradient(x0, 0, x1, 0)
    hi = QLinearGradient(x0, 0, x1, 0)
    for t, s, h in prof:
        v = round(255 * s)
        shade.setColorAt(t, QColor(v, v, v))
        hi.setColorAt(t, rgba("#ffffff", h))
    rect = path.boundingRect().adjusted(-2, -2, 2, 2)
    p.save()
    p.setClipPath(path)
    p.setPen(Qt.PenStyle.NoPen)
    p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
    p.fillRect(rect, shade)
    if vertical and top is not None and bottom is not None:
        v = round(255 * (1 - vertical))
        p.fillRect(rect, linear(0, top, 0, bottom, [(0, QColor(255, 255, 255)),
                                                     (1, QColor(v, v, v))]))
    p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Screen)
    p.fillRect(rect, hi)
    p.restore()


def cylinder_path(cx: float, rx: float, top: float, bottom: float, ry: float,
                  top_front_only: bool = True) -> QPainterPath:
    """Side wall of an upright cylinder seen slightly from above.

    The bottom edge is the front half of the base ellipse; the top edge is the
    front half of the top ellipse (use a top face on top of it if visible).
    """
    path = QPainterPath()
    path.moveTo(cx - rx, top)
    path.lineTo(cx - rx, bottom)
    path.arcTo(QRectF(cx - rx, bottom - ry, 2 * rx, 2 * ry), 180, 180)
    path.lineTo(cx + rx, top)
    if top_front_only:
        path.arcTo(QRectF(cx - rx, top - ry, 2 * rx, 2 * ry), 0, -180)
    else:
        path.arcTo(QRectF(cx - rx, top - ry, 2 * rx, 2 * ry), 0, 180)
    path.closeSubpath()
    return path


def ellipse_arc(cx: float, cy: float, rx: float, ry: float,
                start: float = 180, sweep: float = 180) -> QPainterPath:
    path = QPainterPath()
    rect = QRectF(cx - rx, cy - ry, 2 * rx, 2 * ry)
    path.arcMoveTo(rect, start)
    path.arcTo(rect, start, sweep)
    return path


def ellipse_path(cx: float, cy: float, rx: float, ry: float) -> QPainterPath:
    path = QPainterPath()
    path.addEllipse(QPointF(cx, cy), rx, ry)
    return path


def cylinder_lines(p: QPainter, cx: float, rx: float, top: float, bottom: float,
                   count: int, color: QColor, width: float = 1.0,
                   span_deg: float = 84.0) -> None:
    """Vertical ribs/knurling evenly spaced around a cylinder (cosine-foreshortened)."""
    p.save()
    p.setPen(QPen(color, width))
    for i in range(count):
        a = math.radians(-span_deg + 2 * span_deg * i / (count - 1))
        x = cx + rx * math.sin(a)
        p.drawLine(QPointF(x, top), QPointF(x, bottom))
    p.restore()


def to_opaque(img: QImage) -> QImage:
    return img.convertToFormat(QImage.Format.Format_RGB32)


# --------------------------------------------------------------------------- #
# 1. West Lake Longjing tea tin
# --------------------------------------------------------------------------- #


def _leaf_halves(length: float, width: float, bend: float = 0.0
                 ) -> tuple[QPainterPath, QPainterPath, QPainterPath]:
    """A flat, sword-shaped Longjing leaf: (whole, upper half, lower half).

    Base at the origin, tip at (length, bend); the halves meet on the midrib,
    which lets each half catch the light differently like a pressed leaf.
    """
    L, W, b = length, width, bend
    tip = QPointF(L, b)
    rib_c = QPointF(L * 0.5, b * 0.35)
    upper = QPainterPath()
    upper.moveTo(0, 0)
    upper.cubicTo(L * 0.14, -W * 0.9, L * 0.58, -W * 0.95 + b * 0.6, tip.x(), tip.y())
    upper.quadTo(rib_c, QPointF(0, 0))
    upper.closeSubpath()
    lower = QPainterPath()
    lower.moveTo(0, 0)
    lower.quadTo(rib_c, tip)
    lower.cubicTo(L * 0.62, W * 0.78 + b * 0.6, L * 0.18, W * 0.85, 0, 0)
    lower.closeSubpath()
    whole = upper.united(lower)
    return whole, upper, lower


def _draw_leaf(p: QPainter, x: float, y: float, length: float, width: float,
               angle: float, tone: float, bend: float = 0.0) -> None:
    base = mix(QColor("#6f7f2a"), QColor("#a4aa48"), tone)
    _whole, upper, lower = _leaf_halves(length, width, bend)
    p.save()
    p.translate(x, y)
    p.rotate(angle)
    # The light is upper-left in image space; whichever half faces it is lit.
    a = math.radians(angle)
    up_normal_y = -math.cos(a)  # image-space y of the leaf's "upper" side normal
    up_normal_x = math.sin(a)
    lit_upper = (up_normal_x * -0.6 + up_normal_y * -0.8) > 0
    bright, dark = scale_color(base, 1.18), scale_color(base, 0.80)
    for half, lit in ((upper, lit_upper), (lower, not lit_upper)):
        c = bright if lit else dark
        p.setBrush(linear(0, 0, length, 0, [(0, scale_color(c, 0.85)), (0.45, c),
                                            (1, scale_color(c, 0.92))]))
        p.drawPath(half)
    # Midrib and a waxy sheen along the lit edge.
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(rgba("#4a5616", 0.55), max(0.8, width * 0.07)))
    rib = QPainterPath()
    rib.moveTo(0, 0)
    rib.quadTo(length * 0.5, bend * 0.35, length * 0.96, bend * 0.96)
    p.drawPath(rib)
    sheen = QPainterPath()
    sheen.moveTo(length * 0.18, -width * 0.12)
    sheen.quadTo(length * 0.5, -width * 0.22 + bend * 0.3, length * 0.8, bend * 0.7 - width * 0.05)
    p.setPen(QPen(rgba("#fbfde0", 0.35), max(1.0, width * 0.12), Qt.PenStyle.SolidLine,
                  Qt.PenCapStyle.RoundCap))
    p.drawPath(sheen)
    # Short stalk.
    p.setPen(QPen(scale_color(base, 0.7), max(1.2, width * 0.16), Qt.PenStyle.SolidLine,
                  Qt.PenCapStyle.RoundCap))
    p.drawLine(QPointF(0, 0), QPointF(-length * 0.07, width * 0.05))
    p.setPen(Qt.PenStyle.NoPen)
    p.restore()


def make_tea(size: int = 1024) -> QImage:
    img = studio_background(size, size)
    k = size / 1024
    cx = 500 * k
    rx, ry = 178 * k, 36 * k
    lid_top, lid_bottom, lid_rx = 214 * k, 322 * k, 184 * k
    body_top, body_bottom = 312 * k, 806 * k

    # Loose leaves in front of / beside the tin (positions are fixed: deterministic).
    leaves = [
        # x, y, length, width, angle, tone, bend -- a loose pile front-right,
        # a couple of strays front-left.
        (700, 862, 118, 17, -24, 0.55, 3),
        (646, 892, 126, 18, 8, 0.30, -4),
        (744, 884, 110, 16, -58, 0.80, 3),
        (690, 906, 120, 17, 22, 0.45, 4),
        (784, 858, 98, 15, -12, 0.65, -2),
        (612, 866, 104, 15, -40, 0.90, 2),
        (760, 918, 108, 16, 2, 0.20, -3),
        (318, 884, 112, 16, 192, 0.60, -3),
        (270, 900, 104, 15, 166, 0.35, 3),
    ]

    product_shadow(img, cx, body_bottom, rx, ry)

    def leaf_shadows(p: QPainter) -> None:
        p.setBrush(QColor("#1f230c"))
        for x, y, L, W, ang, _tone, bend in leaves:
            p.save()
            p.translate((x + 3) * k, (y + 4) * k)
            p.rotate(ang)
            p.drawPath(_leaf_halves(L * k, W * k, bend * k)[0])
            p.restore()
    soft_layer(img, leaf_shadows, 2.5 * k, 0.42)

    p = begin(img)

    # ---- tin body: flat artwork first, lighting multiplied on afterwards ----
    body = cylinder_path(cx, rx, body_top, body_bottom, ry)
    green = QColor("#1f6446")
    p.setBrush(green)
    p.drawPath(body)

    p.save()
    p.setClipPath(body)
    # Ink-wash mountains wrapping the lower body.
    hills = [
        (QColor("#2e8159"), 0.95, [(cx - 260 * k, 700), (cx - 150 * k, 622), (cx - 60 * k, 676),
                                    (cx + 40 * k, 610), (cx + 150 * k, 668), (cx + 260 * k, 640)]),
        (QColor("#3d9468"), 0.9, [(cx - 260 * k, 738), (cx - 170 * k, 690), (cx - 80 * k, 724),
                                   (cx + 30 * k, 682), (cx + 120 * k, 716), (cx + 260 * k, 690)]),
    ]
    for col, alpha, pts in hills:
        hp = QPainterPath()
        hp.moveTo(pts[0][0], pts[0][1] * k)
        for (x0, y0), (x1, y1) in pairwise(pts):
            mx = (x0 + x1) / 2
            hp.cubicTo(mx, y0 * k, mx, y1 * k, x1, y1 * k)
        hp.lineTo(cx + 300 * k, body_bottom + ry + 5)
        hp.lineTo(cx - 300 * k, body_bottom + ry + 5)
        hp.closeSubpath()
        top_y = min(y for _, y in pts) * k
        p.setBrush(linear(0, top_y, 0, top_y + 120 * k, [(0, rgba(col.name(), alpha)),
                                                          (1, rgba(col.name(), alpha * 0.25))]))
        p.drawPath(hp)
    # Gold pin-lines that follow the cylinder's curvature.
    gold = QColor("#d6b46a")
    p.setBrush(Qt.BrushStyle.NoBrush)
    for yy, wdt in ((352, 3.0), (362, 1.2), (760, 1.2), (770, 3.0)):
        p.setPen(QPen(gold, wdt * k))
        p.drawPath(ellipse_arc(cx, yy * k, rx + 2, ry, 180, 180))
    p.restore()

    # Rice-paper label panel with a double gold rule.
    pw, ph = 150 * k, 330 * k
    px0, py0 = cx - pw / 2, 392 * k
    p.setBrush(linear(0, py0, 0, py0 + ph, [(0, QColor("#f6efdc")), (1, QColor("#efe4c8"))]))
    p.drawRect(QRectF(px0, py0, pw, ph))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(QColor("#b8924a"), 2.2 * k))
    p.drawRect(QRectF(px0 + 7 * k, py0 + 7 * k, pw - 14 * k, ph - 14 * k))
    p.setPen(QPen(QColor("#b8924a"), 0.9 * k))
    p.drawRect(QRectF(px0 + 12 * k, py0 + 12 * k, pw - 24 * k, ph - 24 * k))
    p.setPen(Qt.PenStyle.NoPen)

    title = font(CJK_FAMILY, 66 * k)
    draw_vertical_text(p, "西湖龙井", title, cx - 12 * k, py0 + 30 * k, 70 * k,
                       QColor("#1d2a22"), embolden=1.6 * k)
    # Vermilion seal.
    seal = QRectF(cx + 28 * k, py0 + ph - 92 * k, 36 * k, 62 * k)
    p.setBrush(QColor("#b3322b"))
    p.drawRoundedRect(seal, 3 * k, 3 * k)
    small = font(CJK_FAMILY, 19 * k)
    draw_vertical_text(p, "特级", small, seal.center().x(), seal.top() + 6 * k, 25 * k,
                       QColor("#fbefe6"), embolden=0.4 * k)
    tiny = font(CJK_FAMILY, 15 * k)
    draw_vertical_text(p, "明前春茶", tiny, cx + 46 * k, py0 + 34 * k, 19 * k,
                       QColor("#6b5a3a"))

    # Gold text on the green body.
    side = font(CJK_FAMILY, 17 * k)
    draw_vertical_text(p, "狮峰山产区", side, cx - 116 * k, 420 * k, 22 * k, gold)
    draw_vertical_text(p, "净含量250克", side, cx + 116 * k, 410 * k, 22 * k, gold)
    eng = font(LATIN_FAMILY, 14 * k, bold=True, spacing=3.2 * k)
    draw_text_centered(p, "WEST LAKE LONGJING", eng, cx, 752 * k, gold)

    light_cylinder(p, body, cx - rx, cx + rx, ambient=0.30, diffuse=0.80, spec=0.75,
                   shininess=60, rim=0.18, top=body_top, bottom=body_bottom, vertical=0.12)
    # Lacquer gloss: a crisp softbox reflection.
    p.save()
    p.setClipPath(body)
    sx = cx - rx * 0.52
    p.setBrush(linear(sx - 14 * k, 0, sx + 14 * k, 0, [
        (0, rgba("#ffffff", 0)), (0.35, rgba("#ffffff", 0.22)),
        (0.5, rgba("#ffffff", 0.30)), (0.65, rgba("#ffffff", 0.22)), (1, rgba("#ffffff", 0))]))
    p.drawRect(QRectF(sx - 14 * k, body_top, 28 * k, body_bottom - body_top + ry))
    p.restore()

    # Gold base ring.
    base_ring = cylinder_path(cx, rx, body_bottom - 20 * k, body_bottom, ry)
    p.setBrush(QColor("#c9a35a"))
    p.drawPath(base_ring)
    light_cylinder(p, base_ring, cx - rx, cx + rx, ambient=0.35, diffuse=0.75, spec=0.9,
                   shininess=45, rim=0.2)

    # Shadow the lid throws onto the body.
    p.end()
    soft_path(img, ellipse_path(cx + 4 * k, lid_bottom + 8 * k, lid_rx, ry), 7 * k, 0.45, clip=body)
    p = begin(img)

    # ---- lid ----
    lid = cylinder_path(cx, lid_rx, lid_top, lid_bottom, ry, top_front_only=True)
    p.setBrush(QColor("#d8b66c"))
    p.drawPath(lid)
    p.save()
    p.setClipPath(lid)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(rgba("#8a6a2e", 0.6), 1.4 * k))
    p.drawPath(ellipse_arc(cx, lid_bottom - 14 * k, lid_rx + 2, ry, 180, 180))
    p.setPen(QPen(rgba("#fff4d2", 0.7), 1.0 * k))
    p.drawPath(ellipse_arc(cx, lid_bottom - 12 * k, lid_rx + 2, ry, 180, 180))
    p.restore()
    light_cylinder(p, lid, cx - lid_rx, cx + lid_rx, ambient=0.34, diffuse=0.72, spec=1.0,
                   shininess=40, rim=0.25, top=lid_top, bottom=lid_bottom, vertical=0.08)
    # Lid top face.
    top_face = ellipse_path(cx, lid_top, lid_rx, ry)
    p.setBrush(linear(cx - lid_rx, lid_top - ry, cx + lid_rx, lid_top + ry, [
        (0, QColor("#f6e3ad")), (0.45, QColor("#e2c27c")), (1, QColor("#b48d45"))]))
    p.drawPath(top_face)
    # Embossed inner ring on the lid top.
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(rgba("#9c7634", 0.8), 2.0 * k))
    p.drawEllipse(QPointF(cx, lid_top + 1.5 * k), lid_rx - 18 * k, ry - 5 * k)
    p.setPen(QPen(rgba("#fff6d8", 0.8), 1.4 * k))
    p.drawEllipse(QPointF(cx, lid_top - 0.5 * k), lid_rx - 18 * k, ry - 5 * k)
    # Crisp rim highlight where the top face meets the side.
    p.setPen(QPen(rgba("#fff8e0", 0.85), 1.6 * k))
    p.drawPath(ellipse_arc(cx, lid_top, lid_rx - 1, ry - 0.5, 200, 95))
    p.setPen(Qt.PenStyle.NoPen)

    # ---- leaves on top of everything ----
    for x, y, L, W, ang, tone, bend in leaves:
        _draw_leaf(p, x * k, y * k, L * k, W * k, ang, tone, bend * k)
    p.end()
    return img


# --------------------------------------------------------------------------- #
# 2. Stainless vacuum thermos
# --------------------------------------------------------------------------- #

STEEL_STOPS = hex_stops([
    (0.00, "#4b5056"), (0.03, "#6d7379"), (0.08, "#a5abb1"), (0.125, "#dde1e4"),
    (0.15, "#fafbfc"), (0.215, "#ffffff"), (0.235, "#eceef0"), (0.29, "#b7bdc2"),
    (0.39, "#7f858b"), (0.49, "#62686e"), (0.57, "#6f757b"), (0.67, "#a6abb0"),
    (0.73, "#d2d6d9"), (0.775, "#c3c7cb"), (0.85, "#83888e"), (0.92, "#52575d"),
    (0.965, "#6f747a"), (1.00, "#5a5f65"),
])


def brushed_texture(p: QPainter, clip: QPainterPath, x0: float, x1: float,
                    y0: float, y1: float, seed: int, density: float = 1.0) -> None:
    """Fine horizontal lathe streaks (deterministic)."""
    rng = random.Random(seed)
    p.save()
    p.setClipPath(clip)
    y = y0
    while y < y1:
        light = rng.random() < 0.5
        a = rng.uniform(0.02, 0.07) * density
        col = rgba("#ffffff" if light else "#30343a", a)
        p.setPen(QPen(col, rng.uniform(0.6, 1.4)))
        xa = x0 + rng.uniform(-0.1, 0.3) * (x1 - x0)
        xb = x1 - rng.uniform(-0.1, 0.3) * (x1 - x0)
        p.drawLine(QPointF(xa, y), QPointF(xb, y))
        y += rng.uniform(1.2, 3.2)
    p.restore()


def make_thermos(size: int = 1024) -> QImage:
    img = studio_background(size, size)
    k = size / 1024
    cx = 506 * k
    rx, ry = 118 * k, 20 * k
    lid_top, lid_bottom, lid_rx = 146 * k, 316 * k, 102 * k
    ring_top, ring_bottom, ring_rx = 310 * k, 334 * k, 104 * k
    body_top, body_bottom = 328 * k, 866 * k
    neck_rx, shoulder_h = 104 * k, 52 * k
    base_top = 838 * k
    lid_col = QColor("#2f5f7e")  # matte ocean blue

    product_shadow(img, cx, body_bottom, rx, ry * 1.1, strength=1.05)
    p = begin(img)

    # ---- steel body with a tapered shoulder up to the neck ----
    body = QPainterPath()
    body.moveTo(cx - neck_rx, body_top)
    body.cubicTo(cx - neck_rx - 2 * k, body_top + shoulder_h * 0.45, cx - rx, body_top + shoulder_h * 0.5,
                 cx - rx, body_top + shoulder_h)
    body.lineTo(cx - rx, body_bottom)
    body.arcTo(QRectF(cx - rx, body_bottom - ry, 2 * rx, 2 * ry), 180, 180)
    body.lineTo(cx + rx, body_top + shoulder_h)
    body.cubicTo(cx + rx, body_top + shoulder_h * 0.5, cx + neck_rx + 2 * k, body_top + shoulder_h * 0.45,
                 cx + neck_rx, body_top)
    body.arcTo(QRectF(cx - neck_rx, body_top - ry, 2 * neck_rx, 2 * ry), 0, -180)
    body.closeSubpath()
    p.setBrush(linear(cx - rx, 0, cx + rx, 0, STEEL_STOPS))
    p.drawPath(body)
    brushed_texture(p, body, cx - rx, cx + rx, body_top - ry, body_bottom + ry, seed=7)
    # Gentle top-to-bottom falloff plus a floor bounce at the very bottom.
    p.save()
    p.setClipPath(body)
    p.setBrush(linear(0, body_top, 0, body_bottom, [
        (0, rgba("#ffffff", 0.10)), (0.5, rgba("#ffffff", 0.0)),
        (0.9, rgba("#000000", 0.06)), (1, rgba("#000000", 0.10))]))
    p.drawRect(QRectF(cx - rx - 2, body_top - ry, 2 * rx + 4, body_bottom - body_top + 2 * ry))
    p.restore()
    # Laser-etched logo.
    logo_f = font(LATIN_FAMILY, 25 * k, bold=True, spacing=2.0 * k)
    draw_text_centered(p, "CloudMart", logo_f, cx + 1.0 * k, 566 * k, rgba("#ffffff", 0.55))
    draw_text_centered(p, "CloudMart", logo_f, cx, 565 * k, rgba("#4a4f56", 0.78))
    sub_f = font(LATIN_FAMILY, 9.5 * k, spacing=1.6 * k)
    draw_text_centered(p, "VACUUM INSULATED · 500 ML", sub_f, cx + 0.8 * k, 589.8 * k, rgba("#ffffff", 0.45))
    draw_text_centered(p, "VACUUM INSULATED · 500 ML", sub_f, cx, 589 * k, rgba("#3e434a", 0.8))
    cjk_f = font(CJK_FAMILY, 13 * k, spacing=2 * k)
    draw_text_centered(p, "12小时保温 · 316不锈钢", cjk_f, cx + 0.8 * k, 610.8 * k, rgba("#ffffff", 0.45))
    draw_text_centered(p, "12小时保温 · 316不锈钢", cjk_f, cx, 610 * k, rgba("#3e434a", 0.8))

    p.end()
    # The shoulder faces up into the key light: a curved bright band following
    # it, and a darker turn just below where it rolls into the vertical wall.
    def shoulder_light(q: QPainter) -> None:
        q.setBrush(Qt.BrushStyle.NoBrush)
        q.setPen(QPen(QColor("#ffffff"), 10 * k))
        q.drawPath(ellipse_arc(cx, body_top + shoulder_h * 0.42, (neck_rx + rx) / 2 + 2 * k, ry, 180, 180))
    soft_layer(img, shoulder_light, 4 * k, 0.55, clip=body,
               mode=QPainter.CompositionMode.CompositionMode_Screen)

    def shoulder_turn(q: QPainter) -> None:
        q.setBrush(Qt.BrushStyle.NoBrush)
        q.setPen(QPen(QColor("#000000"), 8 * k))
        q.drawPath(ellipse_arc(cx, body_top + shoulder_h + 6 * k, rx, ry, 180, 180))
    soft_layer(img, shoulder_turn, 5 * k, 0.16, clip=body)
    p = begin(img)

    # ---- matte silicone base ring ----
    base = cylinder_path(cx, rx + 0.5, base_top, body_bottom, ry)
    p.setBrush(lid_col)
    p.drawPath(base)
    light_cylinder(p, base, cx - rx, cx + rx, ambient=0.38, diffuse=0.75, spec=0.22,
                   shininess=8, rim=0.15)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(rgba("#ffffff", 0.25), 1.2 * k))
    p.drawPath(ellipse_arc(cx, base_top + 1.5 * k, rx, ry, 180, 180))
    p.setPen(Qt.PenStyle.NoPen)
    p.end()
    # Occlusion where the steel meets the base ring.
    soft_path(img, ellipse_arc(cx, base_top - 3 * k, rx, ry, 180, 180), 3 * k, 0.35,
              clip=body.subtracted(base), stroke=5 * k)

    # Shadow of the lid on the steel neck ring / body.
    soft_path(img, ellipse_path(cx + 3 * k, body_top + 10 * k, lid_rx, ry), 6 * k, 0.35, clip=body)
    p = begin(img)

    # ---- steel neck ring ----
    ring = cylinder_path(cx, ring_rx, ring_top, ring_bottom, ry)
    p.setBrush(linear(cx - ring_rx, 0, cx + ring_rx, 0, STEEL_STOPS))
    p.drawPath(ring)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(rgba("#3c4046", 0.35), 1.0 * k))
    p.drawPath(ellipse_arc(cx, ring_bottom - 1 * k, ring_rx, ry, 180, 180))
    p.setPen(Qt.PenStyle.NoPen)

    # ---- matte lid ----
    lid = cylinder_path(cx, lid_rx, lid_top, lid_bottom, ry)
    p.setBrush(lid_col)
    p.drawPath(lid)
    # Knurled grip band.
    p.save()
    p.setClipPath(lid)
    cylinder_lines(p, cx, lid_rx, lid_top + 44 * k, lid_bottom - 22 * k, 46,
                   rgba("#0c1d29", 0.40), 2.0 * k)
    cylinder_lines(p, cx + 1.6 * k, lid_rx, lid_top + 44 * k, lid_bottom - 22 * k, 46,
                   rgba("#9fc3d8", 0.22), 1.0 * k)
    p.restore()
    light_cylinder(p, lid, cx - lid_rx, cx + lid_rx, ambient=0.38, diffuse=0.74, spec=0.28,
                   shininess=7, rim=0.18, top=lid_top, bottom=lid_bottom, vertical=0.10)
    # Rounded top edge: a soft bevel band just below the top face.
    p.save()
    p.setClipPath(lid)
    p.setBrush(linear(0, lid_top, 0, lid_top + 26 * k, [
        (0, rgba("#ffffff", 0.20)), (1, rgba("#ffffff", 0.0))]))
    p.drawRect(QRectF(cx - lid_rx, lid_top - ry, 2 * lid_rx, 26 * k + ry))
    p.restore()
    top_face = ellipse_path(cx, lid_top, lid_rx, ry)
    p.setBrush(linear(cx - lid_rx, lid_top - ry, cx + lid_rx * 0.7, lid_top + ry, [
        (0, scale_color(lid_col, 1.50)), (0.55, scale_color(lid_col, 1.28)),
        (1, scale_color(lid_col, 1.02))]))
    p.drawPath(top_face)
    # Gently domed top: a broad soft highlight toward the light.
    p.setBrush(radial(cx - lid_rx * 0.35, lid_top - ry * 0.3, lid_rx * 0.9, [
        (0, rgba("#ffffff", 0.16)), (1, rgba("#ffffff", 0.0))]))
    p.drawPath(top_face)
    p.setBrush(Qt.BrushStyle.NoBrush)
    # Rolled front rim catching the overhead light.
    p.setPen(QPen(linear(cx - lid_rx, 0, cx + lid_rx, 0, [
        (0, rgba("#ffffff", 0.10)), (0.3, rgba("#ffffff", 0.45)), (1, rgba("#ffffff", 0.05))]),
        2.4 * k))
    p.drawPath(ellipse_arc(cx, lid_top + 0.5 * k, lid_rx - 1.2 * k, ry - 0.8 * k, 185, 170))
    p.setPen(QPen(rgba("#ffffff", 0.40), 1.8 * k))
    p.drawPath(ellipse_arc(cx, lid_top, lid_rx - 1.5 * k, ry - 1 * k, 150, 120))
    p.setPen(Qt.PenStyle.NoPen)
    p.end()
    return img


# --------------------------------------------------------------------------- #
# 3. Amber dropper serum bottle
# --------------------------------------------------------------------------- #

AMBER_STOPS = hex_stops([
    (0.00, "#3a1905"), (0.035, "#6a3210"), (0.10, "#9a5019"), (0.22, "#c0732a"),
    (0.36, "#cf8636"), (0.50, "#bd7029"), (0.66, "#a35a1f"), (0.82, "#7a3d12"),
    (0.93, "#4f230a"), (0.975, "#6e3914"), (1.00, "#4a2209"),
])


def _bottle_path(cx: float, rx: float, shoulder: float, bottom: float, ry: float,
                 neck_rx: float, neck_y: float, top_y: float) -> QPainterPath:
    path = QPainterPath()
    path.moveTo(cx - neck_rx, top_y)
    path.lineTo(cx - neck_rx, neck_y)
    path.cubicTo(cx - neck_rx - 6, neck_y + 26, cx - rx, shoulder - 34, cx - rx, shoulder)
    path.lineTo(cx - rx, bottom)
    path.arcTo(QRectF(cx - rx, bottom - ry, 2 * rx, 2 * ry), 180, 180)
    path.lineTo(cx + rx, shoulder)
    path.cubicTo(cx + rx, shoulder - 34, cx + neck_rx + 6, neck_y + 26, cx + neck_rx, neck_y)
    path.lineTo(cx + neck_rx, top_y)
    path.closeSubpath()
    return path


def make_serum(size: int = 1024) -> QImage:
    img = studio_background(size, size)
    k = size / 1024
    cx = 506 * k
    rx, ry = 140 * k, 26 * k
    shoulder, bottom = 500 * k, 858 * k
    neck_rx, neck_y = 56 * k, 430 * k
    collar_top, collar_bottom, collar_rx = 316 * k, 424 * k, 66 * k
    bulb_top, bulb_rx = 150 * k, 46 * k
    liquid_y = 540 * k

    product_shadow(img, cx, bottom, rx, ry, strength=0.9)
    # Amber glass throws a warm, tinted shadow with a focused caustic inside it.
    def tint(q: QPainter) -> None:
        q.setBrush(QColor("#e0a15a"))
        q.drawEllipse(QPointF(cx + 60 * k, bottom + 14 * k), rx * 0.95, ry * 1.1)
    soft_layer(img, tint, 14 * k, 0.55, mode=QPainter.CompositionMode.CompositionMode_Multiply)

    def caustic(q: QPainter) -> None:
        q.setBrush(QColor("#ffc27a"))
        q.drawEllipse(QPointF(cx + 64 * k, bottom + 14 * k), rx * 0.42, ry * 0.45)
    soft_layer(img, caustic, 8 * k, 0.6,
               mode=QPainter.CompositionMode.CompositionMode_Screen)

    p = begin(img)
    glass = _bottle_path(cx, rx, shoulder, bottom, ry, neck_rx, neck_y, collar_bottom - 6 * k)
    p.setBrush(linear(cx - rx, 0, cx + rx, 0, AMBER_STOPS))
    p.drawPath(glass)

    p.save()
    p.setClipPath(glass)
    # Headspace above the liquid is paler and clearer.
    p.setBrush(linear(0, collar_bottom, 0, liquid_y, [
        (0, rgba("#f2c48a", 0.34)), (1, rgba("#f2c48a", 0.20))]))
    p.drawRect(QRectF(cx - rx, collar_bottom - 10 * k, 2 * rx, liquid_y - collar_bottom + 10 * k))
    # Meniscus.
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(rgba("#ffd9a6", 0.55), 2.0 * k))
    p.drawPath(ellipse_arc(cx, liquid_y, rx - 6 * k, ry * 0.8, 180, 180))
    p.setPen(QPen(rgba("#5a2a0a", 0.35), 1.2 * k))
    p.drawPath(ellipse_arc(cx, liquid_y + 3 * k, rx - 6 * k, ry * 0.8, 180, 180))
    p.setPen(Qt.PenStyle.NoPen)
    # Glowing base where light concentrates in the thick glass bottom.
    p.setBrush(radial(cx + 30 * k, bottom - 10 * k, rx * 0.95, [
        (0, rgba("#ffb45c", 0.55)), (0.6, rgba("#ff9d3c", 0.18)), (1, rgba("#ff9d3c", 0))]))
    p.drawRect(QRectF(cx - rx, bottom - 140 * k, 2 * rx, 140 * k + ry))
    # Thick-glass base: a refraction line following the bottom ellipse.
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(rgba("#3c1805", 0.45), 3.0 * k))
    p.drawPath(ellipse_arc(cx, bottom - 22 * k, rx - 8 * k, ry * 0.9, 185, 170))
    p.setPen(QPen(rgba("#ffd29a", 0.45), 1.5 * k))
    p.drawPath(ellipse_arc(cx, bottom - 18 * k, rx - 8 * k, ry * 0.9, 190, 160))
    p.setPen(Qt.PenStyle.NoPen)
    # Dropper pipe seen through the glass.
    pipe_w = 9 * k
    pipe_bottom = bottom - 46 * k
    pipe = QPainterPath()
    pipe.addRoundedRect(QRectF(cx - pipe_w, collar_bottom - 10 * k, 2 * pipe_w,
                               pipe_bottom - collar_bottom + 10 * k), pipe_w, pipe_w)
    p.setBrush(linear(cx - pipe_w, 0, cx + pipe_w, 0, [
        (0, rgba("#3d1a06", 0.55)), (0.3, rgba("#ffd7a0", 0.35)),
        (0.7, rgba("#d28a3c", 0.15)), (1, rgba("#3d1a06", 0.5))]))
    p.drawPath(pipe)
    # Glass wall thickness: darker rim just inside the silhouette.
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(rgba("#2a1003", 0.45), 5 * k))
    p.drawPath(glass)
    p.restore()

    # ---- label ----
    lab_top, lab_bottom = 590 * k, 806 * k
    label = cylinder_path(cx, rx + 0.6, lab_top, lab_bottom, ry)
    p.setBrush(QColor("#f8f5ef"))
    p.drawPath(label)
    ink = QColor("#2a2522")
    f1 = font(LATIN_FAMILY, 40 * k, bold=True, spacing=7 * k)
    draw_text_centered(p, "HYDRA", f1, cx, 668 * k, ink)
    f2 = font(LATIN_FAMILY, 17 * k, spacing=10 * k)
    draw_text_centered(p, "SERUM", f2, cx, 698 * k, ink)
    p.setPen(QPen(rgba("#b07a3e", 0.9), 1.2 * k))
    p.drawLine(QPointF(cx - 30 * k, 716 * k), QPointF(cx + 30 * k, 716 * k))
    p.setPen(Qt.PenStyle.NoPen)
    f3 = font(CJK_FAMILY, 19 * k, spacing=4 * k)
    draw_text_centered(p, "玻尿酸保湿精华液", f3, cx, 746 * k, ink, embolden=0.2 * k)
    f4 = font(LATIN_FAMILY, 10 * k, spacing=1.4 * k)
    draw_text_centered(p, "HYALURONIC ACID 2% + B5", f4, cx, 772 * k, rgba("#2a2522", 0.75))
    draw_text_centered(p, "30 ml  ·  1.0 fl.oz", f4, cx, 788 * k, rgba("#2a2522", 0.6))
    light_cylinder(p, label, cx - rx, cx + rx, ambient=0.45, diffuse=0.62, spec=0.25,
                   shininess=12, rim=0.12, top=lab_top, bottom=lab_bottom, vertical=0.04)

    # ---- glass highlights (the label sits on the outside, so skip it) ----
    glass_only = glass.subtracted(label)
    p.save()
    p.setClipPath(glass_only)
    hx = cx - rx * 0.60
    p.setBrush(linear(hx - 13 * k, 0, hx + 13 * k, 0, [
        (0, rgba("#ffffff", 0)), (0.25, rgba("#ffffff", 0.55)), (0.5, rgba("#ffffff", 0.90)),
        (0.75, rgba("#ffffff", 0.55)), (1, rgba("#ffffff", 0))]))
    hl = QPainterPath()
    hl.addRoundedRect(QRectF(hx - 13 * k, shoulder + 6 * k, 26 * k, bottom - shoulder - 46 * k),
                      12 * k, 12 * k)
    p.drawPath(hl)
    hx2 = cx + rx * 0.80
    p.setBrush(linear(hx2 - 5 * k, 0, hx2 + 5 * k, 0, [
        (0, rgba("#ffffff", 0)), (0.5, rgba("#ffffff", 0.40)), (1, rgba("#ffffff", 0))]))
    p.drawRect(QRectF(hx2 - 5 * k, shoulder + 16 * k, 10 * k, bottom - shoulder - 64 * k))
    # Bright contour along the lit left edge.
    p.setPen(QPen(rgba("#ffe2bd", 0.5), 2.0 * k))
    p.drawLine(QPointF(cx - rx + 3 * k, shoulder + 6 * k), QPointF(cx - rx + 3 * k, bottom - 6 * k))
    p.setPen(Qt.PenStyle.NoPen)
    p.restore()
    # A gloss stripe crossing the label too, much fainter (label is semi-gloss).
    p.save()
    p.setClipPath(label)
    p.setBrush(linear(hx - 16 * k, 0, hx + 16 * k, 0, [
        (0, rgba("#ffffff", 0)), (0.5, rgba("#ffffff", 0.22)), (1, rgba("#ffffff", 0))]))
    p.drawRect(QRectF(hx - 16 * k, lab_top - ry, 32 * k, lab_bottom - lab_top + 2 * ry))
    p.restore()
    p.end()

    # Shoulder glint, softened so it reads as a curved reflection.
    def glint(q: QPainter) -> None:
        sh = QPainterPath()
        sh.moveTo(cx - neck_rx * 0.80, neck_y + 12 * k)
        sh.cubicTo(cx - neck_rx * 0.95, neck_y + 34 * k, cx - rx * 0.60, shoulder - 44 * k,
                   cx - rx * 0.60, shoulder + 14 * k)
        q.setBrush(Qt.BrushStyle.NoBrush)
        q.setPen(QPen(QColor("#ffffff"), 11 * k, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        q.drawPath(sh)
    soft_layer(img, glint, 2.0 * k, 0.95, clip=glass)
    p = begin(img)

    # ---- black ribbed collar with gold ring ----
    collar = cylinder_path(cx, collar_rx, collar_top, collar_bottom, 12 * k)
    p.setBrush(QColor("#2a2a2e"))
    p.drawPath(collar)
    p.save()
    p.setClipPath(collar)
    cylinder_lines(p, cx, collar_rx, collar_top, collar_bottom - 22 * k, 34,
                   rgba("#000000", 0.55), 1.6 * k)
    cylinder_lines(p, cx + 1.7 * k, collar_rx, collar_top, collar_bottom - 22 * k, 34,
                   rgba("#8c8c96", 0.35), 0.9 * k)
    p.restore()
    light_cylinder(p, collar, cx - collar_rx, cx + collar_rx, ambient=0.42, diffuse=0.7,
                   spec=0.55, shininess=26, rim=0.3)
    gold_ring = cylinder_path(cx, collar_rx + 0.5, collar_bottom - 20 * k, collar_bottom, 12 * k)
    p.setBrush(linear(cx - collar_rx, 0, cx + collar_rx, 0, hex_stops([
        (0, "#7a5a26"), (0.12, "#c9a35a"), (0.24, "#fff0c4"), (0.32, "#e0bd72"),
        (0.6, "#b18a45"), (0.85, "#7d5d28"), (1, "#9c7a3c")])))
    p.drawPath(gold_ring)
    top_collar = ellipse_path(cx, collar_top, collar_rx, 12 * k)
    p.setBrush(linear(cx - collar_rx, collar_top, cx + collar_rx, collar_top, [
        (0, QColor("#3a3a40")), (1, QColor("#161618"))]))
    p.drawPath(top_collar)

    # ---- rubber bulb ----
    bulb = QPainterPath()
    bw = bulb_rx
    bulb.moveTo(cx - bw * 0.92, collar_top)
    bulb.cubicTo(cx - bw * 0.86, collar_top - 40 * k, cx - bw, collar_top - 70 * k,
                 cx - bw, bulb_top + bw)
    bulb.arcTo(QRectF(cx - bw, bulb_top, 2 * bw, 2 * bw), 180, -180)
    bulb.cubicTo(cx + bw, collar_top - 70 * k, cx + bw * 0.86, collar_top - 40 * k,
                 cx + bw * 0.92, collar_top)
    bulb.arcTo(QRectF(cx - bw * 0.92, collar_top - 10 * k, 2 * bw * 0.92, 20 * k), 0, -180)
    bulb.closeSubpath()
    p.setBrush(QColor("#313136"))
    p.drawPath(bulb)
    light_cylinder(p, bulb, cx - bw, cx + bw, ambient=0.40, diffuse=0.72, spec=0.35,
                   shininess=14, rim=0.30, top=bulb_top, bottom=collar_top, vertical=0.15)
    p.save()
    p.setClipPath(bulb)
    p.setBrush(radial(cx - bw * 0.35, bulb_top + bw * 0.55, bw * 0.7, [
        (0, rgba("#ffffff", 0.45)), (0.5, rgba("#ffffff", 0.12)), (1, rgba("#ffffff", 0))]))
    p.drawRect(bulb.boundingRect())
    p.restore()
    p.end()

    # Shadow the collar casts onto the glass shoulder.
    soft_path(img, ellipse_path(cx + 6 * k, collar_bottom + 6 * k, collar_rx * 1.05, 16 * k),
              8 * k, 0.45, clip=glass)
    return img


# --------------------------------------------------------------------------- #
# 4. Over-ear wireless headphones
# --------------------------------------------------------------------------- #


def _band_arc(p: QPainter, cx: float, cy: float, rx: float, ry: float, thickness: float,
              start: float, sweep: float, profile: Callable[[float], QColor],
              steps: int = 28) -> None:
    """A padded band drawn as concentric arcs so its cross-section is shaded."""
    p.setBrush(Qt.BrushStyle.NoBrush)
    for i in range(steps):
        t = (i + 0.5) / steps
        off = -thickness / 2 + t * thickness
        p.setPen(QPen(profile(t), thickness / steps + 1.2, Qt.PenStyle.SolidLine,
                      Qt.PenCapStyle.FlatCap))
        p.drawPath(ellipse_arc(cx, cy, rx + off, ry + off, start, sweep))
    p.setPen(Qt.PenStyle.NoPen)


def _band_path(cx: float, cy: float, rx: float, ry: float, thickness: float,
               start: float, sweep: float) -> QPainterPath:
    stroker_path = ellipse_arc(cx, cy, rx, ry, start, sweep)
    s = QPainterPathStroker()
    s.setWidth(thickness)
    s.setCapStyle(Qt.PenCapStyle.FlatCap)
    return s.createStroke(stroker_path).simplified()


def _swept_ellipse(x0: float, y0: float, x1: float, y1: float, rx: float, ry: float,
                   steps: int = 14) -> QPainterPath:
    """Union of an ellipse swept from (x0, y0) to (x1, y1): a short oval tube."""
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)
    for i in range(steps + 1):
        t = i / steps
        path.addEllipse(QPointF(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t), rx, ry)
    return path.simplified()


TRIM_STOPS = hex_stops([(0, "#f3e4c8"), (0.3, "#c9ae84"), (0.55, "#8d7452"),
                        (0.8, "#d8c19c"), (1, "#9c8361")])


def _ear_cup(p: QPainter, ccx: float, ccy: float, side: int, k: float,
             shell: QColor, cushion: QColor) -> None:
    """One ear cup, swivelled toward the camera; side=-1 left, +1 right.

    Layers from the head outwards: plush cushion, housing wall, metal trim
    ring, matte outer face with a touch plate.
    """
    srx, sry = 96 * k, 132 * k     # outer face
    wall = 30 * k                  # housing depth (towards the centre line)
    pad = 40 * k                   # cushion depth
    crx, cry = 102 * k, 140 * k    # cushion
    inward = -side                 # direction towards the headband centre

    # ---- cushion: swept oval with its own horizontal shading ----
    c0 = ccx + inward * wall
    c1 = ccx + inward * (wall + pad)
    cush = _swept_ellipse(c0, ccy + 2 * k, c1, ccy + 6 * k, crx, cry)
    lit_left = side > 0  # right cup's cushion faces the light (it is on its left)
    xa, xb = min(c0, c1) - crx, max(c0, c1) + crx
    if lit_left:
        stops = [(0, scale_color(cushion, 1.05)), (0.12, scale_color(cushion, 1.9)),
                 (0.35, scale_color(cushion, 1.35)), (0.8, scale_color(cushion, 0.85)),
                 (1, scale_color(cushion, 0.55))]
    else:
        stops = [(0, scale_color(cushion, 1.2)), (0.4, scale_color(cushion, 1.05)),
                 (0.82, scale_color(cushion, 0.95)), (0.93, scale_color(cushion, 1.25)),
                 (1, scale_color(cushion, 0.6))]
    p.setBrush(linear(xa, 0, xb, 0, stops))
    p.drawPath(cush)
    # Vertical falloff: top of the cushion catches the light.
    p.save()
    p.setClipPath(cush)
    p.setBrush(linear(0, ccy - cry, 0, ccy + cry, [
        (0, rgba("#ffffff", 0.18)), (0.45, rgba("#ffffff", 0.0)),
        (1, rgba("#000000", 0.28))]))
    p.drawRect(cush.boundingRect())
    # Leather sheen on the plump outer edge.
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(rgba("#ffffff", 0.12 if lit_left else 0.07), 9 * k,
                  Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawPath(ellipse_arc(c1, ccy + 6 * k, crx - 8 * k, cry - 8 * k,
                           120 if lit_left else 60, 80 if lit_left else -70))
    p.setPen(Qt.PenStyle.NoPen)
    p.restore()

    # ---- housing wall ----
    w0, w1 = ccx, ccx + inward * wall
    housing = _swept_ellipse(w0, ccy, w1, ccy + 2 * k, srx + 3 * k, sry + 4 * k)
    p.setBrush(linear(ccx - srx - wall, ccy - sry, ccx + srx + wall, ccy + sry, [
        (0, scale_color(shell, 1.10)), (0.5, scale_color(shell, 0.70)),
        (1, scale_color(shell, 0.42))]))
    p.drawPath(housing)
    # Seam between housing and cushion.
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(rgba("#000000", 0.35), 2 * k))
    p.drawEllipse(QPointF(w1, ccy + 2 * k), srx + 3 * k, sry + 4 * k)
    p.setPen(Qt.PenStyle.NoPen)

    # ---- champagne trim ring + matte face ----
    p.setBrush(linear(ccx - srx, ccy - sry, ccx + srx, ccy + sry, TRIM_STOPS))
    p.drawEllipse(QPointF(ccx, ccy), srx + 2 * k, sry + 2 * k)
    frx, fry = srx - 4 * k, sry - 4 * k
    face = ellipse_path(ccx, ccy, frx, fry)
    p.setBrush(radial(ccx - 26 * k, ccy - 44 * k, fry * 1.45, [
        (0, scale_color(shell, 1.50)), (0.35, scale_color(shell, 1.16)),
        (0.75, scale_color(shell, 0.86)), (1, scale_color(shell, 0.66))],
        ccx - 40 * k, ccy - 70 * k))
    p.drawPath(face)
    # Soft satin sheen on the upper-left of the face.
    p.setBrush(radial(ccx - 34 * k, ccy - 58 * k, 70 * k, [
        (0, rgba("#ffffff", 0.16)), (1, rgba("#ffffff", 0.0))]))
    p.drawEllipse(QPointF(ccx - 34 * k, ccy - 58 * k), 70 * k, 70 * k)
    # Inner touch plate, slightly recessed.
    prx, pry = srx - 26 * k, sry - 32 * k
    p.setPen(QPen(linear(ccx - prx, ccy - pry, ccx + prx, ccy + pry, [
        (0, rgba("#000000", 0.25)), (1, rgba("#ffffff", 0.22))]), 2.0 * k))
    p.setBrush(radial(ccx - 18 * k, ccy - 30 * k, pry * 1.3, [
        (0, scale_color(shell, 1.22)), (1, scale_color(shell, 0.90))]))
    p.drawEllipse(QPointF(ccx, ccy), prx, pry)
    p.setPen(Qt.PenStyle.NoPen)
    # Debossed brand mark.
    mark = font(LATIN_FAMILY, 20 * k, bold=True, spacing=1.5 * k)
    draw_text_centered(p, "CM", mark, ccx + 0.8 * k, ccy + 8.8 * k, rgba("#ffffff", 0.16))
    draw_text_centered(p, "CM", mark, ccx, ccy + 8 * k, scale_color(shell, 0.72))


def make_headphones(size: int = 1024) -> QImage:
    img = studio_background(size, size)
    k = size / 1024
    cx = 512 * k
    shell = QColor("#3b4a61")     # matte midnight blue
    cushion = QColor("#2b2c31")   # charcoal protein leather
    metal = hex_stops([(0, "#8d949b"), (0.3, "#e9edf0"), (0.5, "#c2c8cd"),
                       (0.75, "#8a9096"), (1, "#b7bcc1")])

    cup_dx, cup_y = 267 * k, 648 * k
    yoke_in = 15 * k  # yoke/slider line sits over the middle of the housing
    band_cx, band_cy, band_rx, band_ry = cx, 430 * k, cup_dx - yoke_in, 300 * k
    band_t = 44 * k

    # Shadows: a soft pool under each cup plus a tight contact line.
    for side in (-1, 1):
        x = cx + side * (cup_dx - 28 * k)
        ellipse_shadow(img, x + 22 * k, cup_y + 146 * k, 150 * k, 30 * k, 22 * k, 0.20)
        ellipse_shadow(img, x + 6 * k, cup_y + 140 * k, 110 * k, 11 * k, 5 * k, 0.40)

    p = begin(img)

    # ---- sliders (aluminium) ----
    for side in (-1, 1):
        x = cx + side * band_rx
        sl = QRectF(x - 9 * k, band_cy - 10 * k, 18 * k, 72 * k)
        p.setBrush(linear(sl.left(), 0, sl.right(), 0, metal))
        p.drawRoundedRect(sl, 4 * k, 4 * k)
        # Size-adjust detents.
        p.setPen(QPen(rgba("#5d646b", 0.55), 1.0 * k))
        for j in range(4):
            yy = sl.top() + 24 * k + j * 9 * k
            p.drawLine(QPointF(sl.left() + 4 * k, yy), QPointF(sl.right() - 4 * k, yy))
        p.setPen(Qt.PenStyle.NoPen)

    # ---- yokes ----
    for side in (-1, 1):
        ccx = cx + side * cup_dx
        yc = ccx - side * yoke_in
        yrx, yry = 124 * k, 158 * k
        yoke = ellipse_arc(yc, cup_y, yrx, yry, 166, -152)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(linear(yc - yrx, cup_y - yry, yc + yrx, cup_y, [
            (0, scale_color(shell, 1.05)), (0.5, scale_color(shell, 0.75)),
            (1, scale_color(shell, 0.5))]), 14 * k, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawPath(yoke)
        p.setPen(QPen(rgba("#ffffff", 0.22), 2.5 * k, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawPath(ellipse_arc(yc, cup_y, yrx - 3 * k, yry - 3 * k, 160, -62))
        p.setPen(Qt.PenStyle.NoPen)
        # Pivot pins at the yoke ends.
        for ang in (166, 14):
            a = math.radians(ang)
            px_, py_ = yc + yrx * math.cos(a), cup_y - yry * math.sin(a)
            p.setBrush(radial(px_ - 3 * k, py_ - 3 * k, 11 * k, TRIM_STOPS))
            p.drawEllipse(QPointF(px_, py_), 9 * k, 9 * k)
        # Hinge block joining slider and yoke.
        hinge = QRectF(yc - 17 * k, cup_y - yry - 22 * k, 34 * k, 34 * k)
        p.setBrush(linear(hinge.left(), 0, hinge.right(), 0, [
            (0, scale_color(shell, 1.25)), (0.4, scale_color(shell, 0.98)),
            (1, scale_color(shell, 0.55))]))
        p.drawRoundedRect(hinge, 9 * k, 9 * k)

    # ---- cups ----
    for side in (-1, 1):
        _ear_cup(p, cx + side * cup_dx, cup_y, side, k, shell, cushion)

    # ---- headband: padded underside, then outer band ----
    def cushion_prof(t: float) -> QColor:
        # t=0 inner edge (towards the head): rounded pad.
        s = 0.55 + 0.75 * math.sin(math.pi * t) ** 0.8
        return scale_color(cushion, s * 1.25)
    pad_args = (band_cx, band_cy, band_rx - 30 * k, band_ry - 30 * k)
    st = QPainterPathStroker()
    st.setWidth(30 * k)
    st.setCapStyle(Qt.PenCapStyle.RoundCap)
    pad_path = st.createStroke(ellipse_arc(*pad_args, 162, -144)).simplified()
    p.setBrush(scale_color(cushion, 0.9))
    p.drawPath(pad_path)
    p.save()
    p.setClipPath(pad_path)
    _band_arc(p, *pad_args, 30 * k, 175, -170, cushion_prof)
    p.restore()

    def band_prof(t: float) -> QColor:
        # Cross-section of a rounded band, lit from above: outer edge brighter.
        s = 0.55 + 0.55 * math.sin(math.pi * (0.15 + 0.8 * t)) ** 1.5 + 0.15 * t
        return scale_color(shell, s)
    _band_arc(p, band_cx, band_cy, band_rx, band_ry, band_t, 180, -180, band_prof)
    band = _band_path(band_cx, band_cy, band_rx, band_ry, band_t, 180, -180)
    # Global light: brighter upper-left, darker right.
    p.save()
    p.setClipPath(band)
    p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
    p.fillRect(band.boundingRect(), linear(band_cx - band_rx, band_cy - band_ry,
                                           band_cx + band_rx, band_cy, [
                                               (0, QColor(255, 255, 255)),
                                               (0.55, QColor(225, 225, 225)),
                                               (1, QColor(160, 160, 160))]))
    p.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
    # Specular sheen along the crown, towards the left.
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(linear(band_cx - band_rx, 0, band_cx + band_rx, 0, [
        (0, rgba("#ffffff", 0.0)), (0.25, rgba("#ffffff", 0.32)), (0.45, rgba("#ffffff", 0.22)),
        (0.7, rgba("#ffffff", 0.0)), (1, rgba("#ffffff", 0))]), 5 * k,
        Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawPath(ellipse_arc(band_cx, band_cy, band_rx + band_t * 0.25, band_ry + band_t * 0.25, 170, -120))
    p.restore()
    # Band end caps where the slider enters.
    for side in (-1, 1):
        x = cx + side * band_rx
        cap = QRectF(x - band_t / 2 - 1 * k, band_cy - 4 * k, band_t + 2 * k, 20 * k)
        p.setBrush(linear(cap.left(), 0, cap.right(), 0, [
            (0, scale_color(shell, 1.05)), (0.35, scale_color(shell, 1.2)),
            (1, scale_color(shell, 0.55))]))
        p.drawRoundedRect(cap, 6 * k, 6 * k)
    # Status LED on the right cup.
    led = QPointF(cx + cup_dx + 56 * k, cup_y + 86 * k)
    p.setBrush(radial(led.x(), led.y(), 7 * k, [
        (0, QColor("#f2ffff")), (0.35, QColor("#6fe3ff")), (1, rgba("#5fe0ff", 0))]))
    p.drawEllipse(led, 7 * k, 7 * k)
    p.end()
    return img


# --------------------------------------------------------------------------- #
# 5. Logo (transparent)
# --------------------------------------------------------------------------- #

BRAND_NAVY = QColor("#1e2b4a")
BRAND_CORAL = QColor("#ff6b3d")


def _cloud_path(x: float, y: float, s: float) -> QPainterPath:
    """A chubby cloud in a s*s box at (x, y), flat bottom."""
    path = QPainterPath()
    path.addEllipse(QPointF(x + 0.30 * s, y + 0.62 * s), 0.22 * s, 0.22 * s)
    path.addEllipse(QPointF(x + 0.52 * s, y + 0.45 * s), 0.27 * s, 0.27 * s)
    path.addEllipse(QPointF(x + 0.74 * s, y + 0.62 * s), 0.19 * s, 0.19 * s)
    path.addRoundedRect(QRectF(x + 0.08 * s, y + 0.58 * s, 0.85 * s, 0.26 * s), 0.13 * s, 0.13 * s)
    path.setFillRule(Qt.FillRule.WindingFill)
    return path.simplified()


def make_logo(w: int = 600, h: int = 200) -> QImage:
    """Icon + two-line wordmark, built at the origin then centred on the canvas."""
    # Icon: a coral cloud that doubles as a shopping bag (navy handle, smile).
    s = 150
    cloud = _cloud_path(0, 0, s)
    smile = QPainterPath()
    smile.moveTo(0.40 * s, 0.62 * s)
    smile.quadTo(0.52 * s, 0.74 * s, 0.64 * s, 0.62 * s)
    st = QPainterPathStroker()
    st.setWidth(0.06 * s)
    st.setCapStyle(Qt.PenCapStyle.RoundCap)
    cloud = cloud.subtracted(st.createStroke(smile))
    handle = QPainterPath()
    handle.moveTo(0.36 * s, 0.32 * s)
    handle.cubicTo(0.36 * s, 0.02 * s, 0.68 * s, 0.02 * s, 0.68 * s, 0.32 * s)
    handle_w = 0.055 * s

    # Wordmark: 云集好物 (faux-bold by stroking the outline) over a tracked-out
    # "· CloudMart" that ends flush with the Chinese line.
    tx = 168
    zh_path = text_path("云集好物", font(CJK_FAMILY, 66), tx, 82)
    zh_bold = 2.2
    zh_right = zh_path.boundingRect().right() + zh_bold / 2
    dot = QPointF(tx + 7, 123)
    en_x = dot.x() + 18
    en = font(LATIN_FAMILY, 34, bold=True)
    natural = text_path("CloudMart", en, en_x, 135).boundingRect().right()
    en = font(LATIN_FAMILY, 34, bold=True, spacing=(zh_right - natural) / (len("CloudMart") - 1))
    cloud_txt = text_path("Cloud", en, en_x, 135)
    mart_txt = text_path("Mart", en, en_x + text_width("Cloud", en), 135)

    bounds = cloud.boundingRect().united(zh_path.boundingRect()).united(mart_txt.boundingRect())
    bounds = bounds.united(handle.boundingRect().adjusted(0, -handle_w / 2, 0, 0))
    dx = (w - bounds.width()) / 2 - bounds.left()
    dy = (h - bounds.height()) / 2 - bounds.top()

    img = new_image(w, h)
    p = begin(img)
    p.translate(dx, dy)
    p.setBrush(linear(0, 0.2 * s, s, 0.85 * s, [
        (0, scale_color(BRAND_CORAL, 1.08)), (1, scale_color(BRAND_CORAL, 0.92))]))
    p.drawPath(cloud)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(BRAND_NAVY, handle_w, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawPath(handle)
    p.setBrush(BRAND_NAVY)
    p.setPen(QPen(BRAND_NAVY, zh_bold, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                  Qt.PenJoinStyle.RoundJoin))
    p.drawPath(zh_path)
    p.setPen(Qt.PenStyle.NoPen)
    p.drawPath(cloud_txt)
    p.setBrush(BRAND_CORAL)
    p.drawPath(mart_txt)
    p.drawEllipse(dot, 5.5, 5.5)
    p.end()
    return img


# --------------------------------------------------------------------------- #
# 6. Live-room backdrop
# --------------------------------------------------------------------------- #


# 2x2 ordered-dither thresholds: enough to break up 8-bit banding in the big
# soft gradients, while keeping the PNG well under 600 KB (larger Bayer tiles
# cost ~100 KB more for no visible gain).
_BAYER = (np.array([[0, 2], [3, 1]], dtype=np.float32) + 0.5) / 4.0 - 0.5


def dithered_image(arr: np.ndarray) -> QImage:
    """Quantise a float premultiplied ARGB array with an ordered dither.

    Large, soft gradients otherwise show 8-bit contour bands; a fixed Bayer
    pattern hides them while staying deterministic and compressing well.
    """
    h, w = arr.shape[:2]
    th, tw = _BAYER.shape
    tile = np.tile(_BAYER, (h // th + 1, w // tw + 1))[:h, :w, None]
    return _from_array(np.floor(arr + 0.5 + tile) - 0.5)


def _shelf_objects(p: QPainter, rng: random.Random, x0: float, x1: float, sy: float,
                   palette: Sequence[str]) -> None:
    """Decor standing on one shelf: boxes, bottles, vases, plants."""
    x = x0 + 10
    while x < x1 - 40:
        kind = rng.random()
        col = QColor(rng.choice(palette))
        shade = linear(x, 0, x + 80, 0, [(0, scale_color(col, 1.08)), (1, scale_color(col, 0.86))])
        p.setBrush(shade)
        if kind < 0.30:  # stacked boxes / books
            bw, bh = rng.uniform(46, 80), rng.uniform(40, 70)
            p.drawRoundedRect(QRectF(x, sy - bh, bw, bh), 3, 3)
            col2 = QColor(rng.choice(palette))
            p.setBrush(col2)
            p.drawRoundedRect(QRectF(x + 6, sy - bh - bh * 0.7, bw - 12, bh * 0.7), 3, 3)
        elif kind < 0.62:  # bottle / vase
            bw, bh = rng.uniform(32, 54), rng.uniform(100, 170)
            p.drawRoundedRect(QRectF(x, sy - bh * 0.72, bw, bh * 0.72), bw * 0.4, bw * 0.4)
            p.drawRoundedRect(QRectF(x + bw * 0.32, sy - bh, bw * 0.36, bh * 0.34), 5, 5)
        elif kind < 0.82:  # potted plant
            bw = rng.uniform(56, 80)
            p.setBrush(QColor(rng.choice(["#7f9b70", "#8faa7e", "#6f8c63"])))
            p.drawEllipse(QRectF(x - 10, sy - bw * 1.9, bw + 20, bw * 1.35))
            p.setBrush(shade)
            p.drawRoundedRect(QRectF(x + 8, sy - bw * 0.7, bw - 16, bw * 0.7), 8, 8)
        else:  # round jar
            bw = rng.uniform(50, 72)
            p.drawEllipse(QRectF(x, sy - bw, bw, bw))
        x += bw + rng.uniform(12, 26)


def make_backdrop(w: int = 1080, h: int = 1920) -> QImage:
    rng = random.Random(20240611)
    scene = new_image(w, h, QColor("#eadac8"))
    p = begin(scene)

    # Warm plaster wall.
    p.setBrush(linear(0, 0, 0, h, hex_stops([
        (0.0, "#f2e6d8"), (0.45, "#ecdcc9"), (0.78, "#e0c9b1"), (1.0, "#d4b99e")])))
    p.drawRect(0, 0, w, h)

    # Tall window with a sheer curtain on the left: the key light of the room.
    win = QRectF(-60, 150, 300, 1160)
    p.setBrush(linear(0, win.top(), 0, win.bottom(), [
        (0, QColor("#fffaf2")), (1, QColor("#fbf0e0"))]))
    p.drawRoundedRect(win, 10, 10)
    for i in range(9):  # curtain folds
        fx = win.left() + 20 + i * 34
        p.setBrush(linear(fx, 0, fx + 34, 0, [
            (0, rgba("#e9d6bf", 0.0)), (0.5, rgba("#e9d6bf", 0.55)), (1, rgba("#e9d6bf", 0.0))]))
        p.drawRect(QRectF(fx, win.top(), 34, win.height()))
    # Light spilling from the window onto the wall.
    p.setBrush(radial(120, 620, 760, [
        (0, rgba("#fff6e8", 0.75)), (0.5, rgba("#fff3e2", 0.28)), (1, rgba("#fff3e2", 0))]))
    p.drawRect(0, 0, w, h)

    # Shelving unit on the right.
    sx0, sx1 = 770, 1100
    p.setBrush(rgba("#c9a887", 0.35))
    p.drawRect(QRectF(sx0 - 16, 300, 14, 1060))
    palette = ["#e8c6a2", "#b9c9b1", "#f3e7d6", "#d79c86", "#a8bccb", "#e6d19d",
               "#c9b5cf", "#f6f1ea", "#e0ad88", "#9fb59a"]
    shelf_col = QColor("#c79f79")
    for sy in (560, 880, 1200):
        _shelf_objects(p, rng, sx0, sx1, sy, palette)
        p.setBrush(rgba("#6e4e35", 0.22))
        p.drawRect(QRectF(sx0 - 10, sy + 16, sx1 - sx0 + 20, 34))
        p.setBrush(linear(0, sy, 0, sy + 18, [(0, scale_color(shelf_col, 1.18)),
                                               (1, scale_color(shelf_col, 0.82))]))
        p.drawRect(QRectF(sx0 - 12, sy, sx1 - sx0 + 24, 18))

    # Pendant lamp glow, upper right.
    p.setBrush(rgba("#6b5443", 0.5))
    p.drawRect(QRectF(868, 0, 3, 250))
    p.setBrush(radial(870, 290, 70, [(0, QColor("#fffaf0")), (0.55, QColor("#ffe9c4")),
                                      (1, rgba("#ffe2b0", 0))]))
    p.drawEllipse(QPointF(870, 290), 70, 70)
    p.setBrush(radial(870, 300, 330, [(0, rgba("#ffe7bf", 0.55)), (1, rgba("#ffe7bf", 0))]))
    p.drawRect(0, 0, w, h)

    # Leafy floor plant in the left foreground.
    for _ in range(14):
        lx, ly = rng.uniform(-30, 190), rng.uniform(1180, 1520)
        p.save()
        p.translate(lx, ly)
        p.rotate(rng.uniform(-70, 40))
        p.setBrush(linear(0, -120, 0, 120, [
            (0, QColor(rng.choice(["#7d9a6b", "#8aa777", "#6d8a5e"]))),
            (1, QColor("#4f6a45"))]))
        leaf = QPainterPath()
        leaf.moveTo(0, 120)
        leaf.cubicTo(-70, 40, -50, -90, 0, -130)
        leaf.cubicTo(50, -90, 70, 40, 0, 120)
        p.drawPath(leaf)
        p.restore()
    p.setBrush(linear(0, 1480, 0, 1600, [(0, QColor("#d9cbb8")), (1, QColor("#b9a48c"))]))
    p.drawRoundedRect(QRectF(20, 1470, 190, 160), 18, 18)

    # The upper wall falls out of the light: gives the string lights contrast.
    p.setBrush(linear(0, 0, 0, h * 0.26, [(0, rgba("#c09e7a", 0.45)), (1, rgba("#c09e7a", 0))]))
    p.drawRect(QRectF(0, 0, w, h * 0.26))

    # Counter top across the bottom.
    top = h * 0.83
    p.setBrush(linear(0, top, 0, h, hex_stops([
        (0, "#e3ccb3"), (0.03, "#d1b496"), (0.1, "#c4a383"), (1, "#a98767")])))
    p.drawRect(QRectF(0, top, w, h - top))
    p.end()

    arr = blur_array(_to_array(scene), 24)

    # Bokeh: warm discs -- two strands of out-of-focus string lights across the
    # top, plus a few loose highlights near the shelves and the window.
    bokeh = new_image(w, h)
    p = begin(bokeh)
    brng = random.Random(77)

    def disc(x: float, y: float, r: float, a: float, col: str, halo: float = 0.0) -> None:
        if halo:
            p.setBrush(radial(x, y, r * 2.4, [(0, rgba(col, halo)), (1, rgba(col, 0))]))
            p.drawEllipse(QPointF(x, y), r * 2.4, r * 2.4)
        p.setBrush(radial(x, y, r, [
            (0, rgba(col, a * 0.55)), (0.7, rgba(col, a * 0.75)), (0.9, rgba(col, a)),
            (1, rgba(col, 0))]))
        p.drawEllipse(QPointF(x, y), r, r)

    for (y0, sag, n) in ((70, 150, 13), (210, 110, 11)):
        for i in range(n):
            t = (i + brng.uniform(-0.2, 0.2)) / (n - 1)
            x = -40 + t * (w + 80)
            y = y0 + sag * 4 * t * (1 - t) + brng.uniform(-10, 10)
            disc(x, y, brng.uniform(20, 34), brng.uniform(0.50, 0.70),
                 brng.choice(["#ffc56a", "#ffbb5c", "#ffd083"]), halo=0.18)
    for _ in range(16):
        x = brng.choice([brng.uniform(0, w * 0.26), brng.uniform(w * 0.70, w)])
        y = brng.uniform(h * 0.18, h * 0.78)
        disc(x, y, brng.uniform(16, 50), brng.uniform(0.07, 0.18),
             brng.choice(["#fff4e3", "#ffe6c4", "#ffdcc8"]))
    p.end()
    b = _to_array(bokeh) / 255.0
    base = arr / 255.0
    # Screen blend in float (premultiplied layer over an opaque base).
    out = base + b - base * b
    out[..., 3] = 1.0

    # Vignette and a calm, slightly darker lower third for legible overlays.
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    d = np.sqrt(((xx - w * 0.5) / (w * 0.75)) ** 2 + ((yy - h * 0.42) / (h * 0.62)) ** 2)
    vig = 1.0 - 0.22 * np.clip((d - 0.55) / 0.6, 0, 1) ** 1.6
    out[..., :3] *= vig[..., None]
    return dithered_image(out * 255.0)


# --------------------------------------------------------------------------- #
# Driver
# --------------------------------------------------------------------------- #


def save_png(img: QImage, path: Path) -> None:
    # PNG is lossless; Qt maps a low "quality" to the strongest zlib compression.
    if not img.save(str(path), "PNG", 0):
        raise OSError(f"could not write {path}")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    outdir = Path(argv[0]) if argv else DEFAULT_OUTDIR
    outdir.mkdir(parents=True, exist_ok=True)
    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841 (fonts need it)

    jobs: list[tuple[str, Callable[[], QImage], bool]] = [
        ("tea.png", make_tea, True),
        ("thermos.png", make_thermos, True),
        ("serum.png", make_serum, True),
        ("headphones.png", make_headphones, True),
        ("logo.png", make_logo, False),
        ("backdrop.png", make_backdrop, True),
    ]
    only = set(os.environ.get("MEDIA_ONLY", "").split(",")) - {""}
    for name, fn, opaque in jobs:
        if only and name.split(".")[0] not in only:
            continue
        img = fn()
        if opaque:
            img = to_opaque(img)
        path = outdir / name
        save_png(img, path)
        print(f"{path}  {img.width()}x{img.height()}  {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
