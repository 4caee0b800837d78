"""A contact sheet of an avatar pack: every mouth shape × expression, a gesture strip, blinks and gaze.

For reviewing art (the operator's own pack or the default host) in one picture. Used by
scripts/avatar_sheet.py and meant for a `studio avatar-sheet` command.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from studio.avatar.motion import AvatarInput, Pose, Rig, eye_openness, pose_at
from studio.avatar.mouth import SHAPES, MouthState
from studio.avatar.pack import AvatarPack
from studio.avatar.qt_render import AvatarRenderer
from studio.core.vocab import Cue
from studio.show.model import EXPRESSIONS, GESTURES

BACKGROUND = QColor("#262A36")
CELL_BG = QColor("#323848")
TEXT = QColor("#E8E6F0")
DIM = QColor("#9AA0B4")

FACE_CELL = (230, 270)  # head-and-shoulders crops for mouth × expression
BODY_CELL = (300, 400)  # half-body frames for gestures, blinks and gaze
LABEL_W = 130
TITLE_H = 70
HEADER_H = 34
GAP = 6


def _settled_time(seed: int, pack: AvatarPack, near: float) -> float:
    """A moment near `near` when the eyes are open, so the sheet shows the art, not a blink."""
    t = near
    while eye_openness(seed, t, pack.motion.blinks_per_minute) < 1.0 or \
            eye_openness(seed, t - 0.3, pack.motion.blinks_per_minute) < 1.0:
        t += 0.25
    return t


def _face_rect(pack: AvatarPack, cell: QRectF) -> QRectF:
    """The rectangle to draw the whole pack into so that its face fills `cell`."""
    w, h = pack.size
    # The face region of a half-body pack: top 55 % of the canvas, central 44 %.
    region_w = w * 0.44
    scale = cell.width() / region_w
    cx, cy = w * 0.5, h * 0.33
    return QRectF(cell.center().x() - cx * scale, cell.center().y() - cy * scale, w * scale, h * scale)


def _body_rect(pack: AvatarPack, cell: QRectF) -> QRectF:
    w, h = pack.size
    # Zoom out a little so raised arms stay in the frame.
    scale = min(cell.width() / (w * 1.6), cell.height() / (h * 1.0))
    return QRectF(cell.center().x() - w * scale / 2, cell.bottom() - h * scale, w * scale, h * scale)


def render_sheet(pack: AvatarPack, seed: int = 1) -> QImage:
    """The contact sheet as an image."""
    rig = Rig(pack)
    renderer = AvatarRenderer(pack)
    fw, fh = FACE_CELL
    bw, bh = BODY_CELL
    cols = len(SHAPES)
    face_w = LABEL_W + cols * (fw + GAP)
    strip = [(g, f) for g in GESTURES for f in (0.25, 0.5, 0.8)]
    body_w = LABEL_W + len(strip) * (bw + GAP) // 2
    width = max(face_w, body_w) + GAP
    rows_h = len(EXPRESSIONS) * (fh + GAP)
    height = TITLE_H + HEADER_H + rows_h + 2 * (HEADER_H + bh + GAP) + HEADER_H + bh + 3 * GAP + 40
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(BACKGROUND)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    title = QFont("WenQuanYi Micro Hei")
    title.setPixelSize(30)
    small = QFont("WenQuanYi Micro Hei")
    small.setPixelSize(17)
    p.setFont(title)
    p.setPen(TEXT)
    p.drawText(QRectF(GAP * 3, 0, width, TITLE_H), Qt.AlignmentFlag.AlignVCenter,
               f"{pack.name} — {len(pack.parts)} parts, {pack.size[0]:g}×{pack.size[1]:g}")
    p.setFont(small)

    t0 = _settled_time(seed, pack, 30.0)

    def face_pose(expression: str, shape: str) -> Pose:
        inp = AvatarInput(t=t0, mouth=MouthState(shape, shape, 0.0), expressions=(Cue(t0 - 5, expression),))
        return pose_at(rig, inp, seed)

    def cell(rect: QRectF, pose: Pose, face: bool, label: str = "") -> None:
        p.fillRect(rect, CELL_BG)
        p.save()
        p.setClipRect(rect)
        target = _face_rect(pack, rect) if face else _body_rect(pack, rect)
        renderer.draw(p, pose, target, clip_bottom=not face)
        p.restore()
        if label:
            p.setPen(DIM)
            p.drawText(rect.adjusted(6, 4, -6, -4), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, label)

    # ---- mouth shapes × expressions ----
    y = TITLE_H
    p.setPen(TEXT)
    for c, shape in enumerate(SHAPES):
        x = LABEL_W + c * (fw + GAP)
        p.drawText(QRectF(x, y, fw, HEADER_H), Qt.AlignmentFlag.AlignCenter, f"mouth {shape}")
    y += HEADER_H
    for expression in EXPRESSIONS:
        p.setPen(TEXT)
        p.drawText(QRectF(GAP * 3, y, LABEL_W, fh), Qt.AlignmentFlag.AlignVCenter, expression)
        for c, shape in enumerate(SHAPES):
            cell(QRectF(LABEL_W + c * (fw + GAP), y, fw, fh), face_pose(expression, shape), face=True)
        y += fh + GAP

    # ---- gestures (two rows of frames) ----
    card = (pack.size[0] * 1.25, pack.size[1] * 0.5)  # a product card to the right, as in the stage layout
    per_row = (len(strip) + 1) // 2
    for row in range(2):
        p.setPen(TEXT)
        p.drawText(QRectF(GAP * 3, y, width, HEADER_H), Qt.AlignmentFlag.AlignVCenter,
                   "gestures (card to the right)" if row == 0 else "")
        y += HEADER_H
        for c, (name, frac) in enumerate(strip[row * per_row:(row + 1) * per_row]):
            g = pack.gestures.get(name)
            rect = QRectF(LABEL_W // 2 + c * (bw + GAP), y, bw, bh)
            if g is None:
                p.fillRect(rect, CELL_BG)
                p.setPen(DIM)
                p.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"{name}\n(not in pack)")
                continue
            start = t0 - g.duration * frac
            inp = AvatarInput(t=t0, gestures=(Cue(start, name),), expressions=(Cue(t0 - 5, "smile"),), card=card)
            cell(rect, pose_at(rig, inp, seed), face=False, label=f"{name} {g.duration * frac:.1f}s")
        y += bh + GAP

    # ---- blinks and gaze ----
    p.setPen(TEXT)
    p.drawText(QRectF(GAP * 3, y, width, HEADER_H), Qt.AlignmentFlag.AlignVCenter, "blink and gaze")
    y += HEADER_H
    blink = _first_blink(seed, pack, t0)
    frames: list[tuple[str, Pose]] = []
    for label, dt in (("open", -0.2), ("closing", 0.035), ("closed", 0.09), ("opening", 0.19)):
        frames.append((label, pose_at(rig, AvatarInput(t=blink + dt), seed)))
    for label, where in (("card left (aim limit)", (-600.0, 500.0)), ("card right", (1600.0, 500.0)),
                         ("card low right", (1500.0, 1200.0))):
        inp = AvatarInput(t=t0, gestures=(Cue(t0 - 1.0, "point"),) if "point" in pack.gestures else (),
                          card=where)
        frames.append((label, pose_at(rig, inp, seed)))
    for c, (label, pose) in enumerate(frames):
        cell(QRectF(LABEL_W // 2 + c * (bw + GAP), y, bw, bh), pose, face=False, label=label)
    p.end()
    return image


def _first_blink(seed: int, pack: AvatarPack, after: float) -> float:
    from studio.avatar.motion import blinks_between

    blinks = blinks_between(seed, after, after + 60, max(pack.motion.blinks_per_minute, 1.0))
    return blinks[0].start if blinks else after


def save_sheet(pack: AvatarPack, out: Path, seed: int = 1) -> Path:
    """Render the sheet and write it as PNG; returns the path."""
    image = render_sheet(pack, seed)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out), "PNG"):  # type: ignore[call-overload]  # (the stubs want bytes; Qt wants str)
        raise OSError(f"cannot write {out}")
    return out


__all__ = ["render_sheet", "save_sheet"]
