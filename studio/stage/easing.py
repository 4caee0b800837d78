"""Easing curves and time helpers for transitions: pure functions of elapsed time."""

from __future__ import annotations

import math


def clamp01(x: float) -> float:
    return 0.0 if x <= 0.0 else 1.0 if x >= 1.0 else x


def progress(t: float, start: float, duration: float) -> float:
    """How far (0–1) a transition that began at `start` and lasts `duration` is at time t."""
    if duration <= 0:
        return 1.0 if t >= start else 0.0
    return clamp01((t - start) / duration)


def out_cubic(x: float) -> float:
    x = clamp01(x)
    return 1.0 - (1.0 - x) ** 3


def in_cubic(x: float) -> float:
    x = clamp01(x)
    return x * x * x


def in_out_cubic(x: float) -> float:
    x = clamp01(x)
    return 4 * x * x * x if x < 0.5 else 1 - (-2 * x + 2) ** 3 / 2


def out_back(x: float, overshoot: float = 1.6) -> float:
    """Overshoots a little, then settles: for things that 'pop' into place."""
    x = clamp01(x)
    c3 = overshoot + 1
    return 1 + c3 * (x - 1) ** 3 + overshoot * (x - 1) ** 2


def bump(x: float) -> float:
    """0 → 1 → 0 over x in [0, 1], smooth at both ends (a pulse)."""
    x = clamp01(x)
    return math.sin(math.pi * x) ** 2
