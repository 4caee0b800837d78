"""Adapter from the avatar package's Qt renderer to the stage's `AvatarPainter` callable."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from studio.avatar.motion import AvatarInput, Pose, Rig, pose_at
from studio.avatar.pack import AvatarPack
from studio.avatar.qt_render import AvatarRenderer
from studio.stage.qt_paint import AvatarPainter


def pack_painter(pack: AvatarPack) -> AvatarPainter:
    """An AvatarPainter drawing `pack`; a pose that is not an avatar Pose (None) draws the neutral pose."""
    renderer = AvatarRenderer(pack)
    neutral = pose_at(Rig(pack), AvatarInput(t=0.0))

    def paint(painter: QPainter, rect: QRectF, pose: object) -> None:
        # The stage stands the host on the frame's bottom edge: clipping below it would only cost.
        device = painter.device()
        clip = device is None or rect.bottom() < device.height() or not painter.worldTransform().isIdentity()
        renderer.draw(painter, pose if isinstance(pose, Pose) else neutral, rect, clip_bottom=clip)

    return paint
