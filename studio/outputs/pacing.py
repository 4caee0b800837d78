"""Frame pacing against a clock: which frame is due, at a fixed rate, without drift. Qt-free.

Frame n is due at `origin + n / fps` on the clock — computed from the frame number, never by
adding periods, so rounding cannot accumulate into drift. When the loop wakes late it presents the
latest due frame and counts the ones it passed over (as OBS does); it never slows the show down.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from studio.core.clock import Clock


@dataclass(frozen=True)
class Tick:
    """A frame to present: its number, its show time and how many frames were skipped before it."""

    index: int
    t: float
    skipped: int


class FramePacer:
    """Decides which frame is due from `clock.monotonic()`; counts presented and skipped frames."""

    def __init__(self, clock: Clock, fps: float, start_t: float = 0.0) -> None:
        if not (fps > 0 and math.isfinite(fps)):
            raise ValueError(f"frames per second must be positive, not {fps}")
        self.clock = clock
        self.fps = float(fps)
        self.start_t = start_t
        self.origin = clock.monotonic()
        self.last = -1
        self.presented = 0
        self.skipped = 0

    def frame_at(self, monotonic: float) -> int:
        """The number of the latest frame due at clock time `monotonic` (-1 before the first)."""
        # A hair of tolerance: a wake-up exactly on a frame boundary must count as that frame even
        # when floating point lands it a few ulps early.
        return math.floor((monotonic - self.origin) * self.fps + 1e-7)

    def due(self) -> Tick | None:
        """The frame to present now, or None when the newest due frame was already presented."""
        n = self.frame_at(self.clock.monotonic())
        if n <= self.last:
            return None
        skipped = n - self.last - 1
        self.last = n
        self.presented += 1
        self.skipped += skipped
        return Tick(n, self.start_t + n / self.fps, skipped)

    def seconds_to_next(self) -> float:
        """How long until the next frame is due (0 when one is due already)."""
        due_at = self.origin + (self.last + 1) / self.fps
        return max(0.0, due_at - self.clock.monotonic())
