"""Clocks: the only place that reads the system time, so tests can run hours of show in seconds."""

from __future__ import annotations

import math
import time
from datetime import datetime, timedelta, tzinfo
from typing import Protocol


class Clock(Protocol):
    """Monotonic seconds for timing plus the wall-clock time for schedules and logs."""

    def monotonic(self) -> float: ...

    def now(self) -> datetime: ...


class SystemClock:
    """The real clock: time.monotonic() and the local wall-clock time (timezone-aware)."""

    def __init__(self, tz: tzinfo | None = None) -> None:
        self._tz = tz

    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> datetime:
        return datetime.now(self._tz).astimezone(self._tz)


class ManualClock:
    """A clock that moves only when told to: for tests and offline rendering."""

    def __init__(self, start: datetime, monotonic: float = 0.0) -> None:
        self._wall = start
        self._mono = monotonic

    def monotonic(self) -> float:
        return self._mono

    def now(self) -> datetime:
        return self._wall

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock does not go backwards")
        if not math.isfinite(seconds):
            raise ValueError(f"cannot advance a clock by {seconds} seconds")
        self._mono += seconds
        self._wall += timedelta(seconds=seconds)
