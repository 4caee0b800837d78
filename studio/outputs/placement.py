"""Where the stream window goes on a screen, and where the picture goes in the window. Qt-free."""

from __future__ import annotations

from dataclasses import dataclass

Box = tuple[int, int, int, int]  # x, y, w, h


@dataclass(frozen=True)
class WindowPlan:
    """The window's geometry in logical pixels and whether the picture is shown 1:1."""

    geometry: Box
    native: bool  # True: one canvas pixel per physical screen pixel


def plan_window(canvas: tuple[int, int], available: Box, device_pixel_ratio: float = 1.0,
                fit: bool = False) -> WindowPlan:
    """Exactly the canvas size (in physical pixels) centred on the screen when it fits and `fit`
    is False; otherwise as large as fits, keeping the canvas's aspect ratio.
    """
    cw, ch = canvas
    ax, ay, aw, ah = available
    dpr = device_pixel_ratio if device_pixel_ratio > 0 else 1.0
    w, h = cw / dpr, ch / dpr  # logical size of a 1:1 window
    native = not fit and w <= aw and h <= ah and float(w).is_integer() and float(h).is_integer()
    if not native:
        k = min(aw / cw, ah / ch)
        w, h = cw * k, ch * k
    w, h = int(round(w)), int(round(h))
    return WindowPlan((ax + (aw - w) // 2, ay + (ah - h) // 2, w, h), native)


def fit_rect(picture: tuple[int, int], target: tuple[int, int]) -> Box:
    """The largest rectangle of the picture's aspect centred in `target` (letterboxed)."""
    pw, ph = picture
    tw, th = target
    if pw <= 0 or ph <= 0 or tw <= 0 or th <= 0:
        return (0, 0, max(0, tw), max(0, th))
    k = min(tw / pw, th / ph)
    w, h = int(round(pw * k)), int(round(ph * k))
    return ((tw - w) // 2, (th - h) // 2, w, h)
