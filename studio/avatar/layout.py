"""Where an avatar pack's canvas lands in an output rectangle, and back (Qt-free, shared with stage)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Placement:
    """A pack canvas fitted into a rectangle: uniform `scale` and the device position of pack (0, 0)."""

    scale: float
    x: float
    y: float

    def to_device(self, point: tuple[float, float]) -> tuple[float, float]:
        return self.x + point[0] * self.scale, self.y + point[1] * self.scale

    def to_pack(self, point: tuple[float, float]) -> tuple[float, float]:
        """A device point (e.g. the product card's centre) in pack units, for `AvatarInput.card`."""
        return (point[0] - self.x) / self.scale, (point[1] - self.y) / self.scale


def place(pack_size: tuple[float, float], rect: tuple[float, float, float, float]) -> Placement:
    """Fit the pack canvas into `rect` (x, y, w, h): as large as fits, centred, standing on the bottom edge.

    A half-body host stands on the bottom of its rectangle so the cut-off at the waist sits on the
    frame's edge rather than floating.
    """
    w, h = pack_size
    rx, ry, rw, rh = rect
    if w <= 0 or h <= 0 or rw <= 0 or rh <= 0:
        raise ValueError("sizes must be positive")
    scale = min(rw / w, rh / h)
    return Placement(scale, rx + (rw - w * scale) / 2, ry + rh - h * scale)


__all__ = ["Placement", "place"]
