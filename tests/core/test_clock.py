"""Clocks: ManualClock moves only when told to, and never backwards."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta, timezone

import pytest

from studio.core.clock import ManualClock, SystemClock

START = datetime(2026, 11, 27, 19, 59, 30, tzinfo=timezone(timedelta(hours=8)))


def test_manual_clock_starts_where_told() -> None:
    clock = ManualClock(START, monotonic=100.0)
    assert clock.now() == START
    assert clock.monotonic() == 100.0


def test_manual_clock_does_not_move_by_itself() -> None:
    clock = ManualClock(START)
    assert clock.now() == clock.now() == START
    assert clock.monotonic() == clock.monotonic() == 0.0


def test_advance_moves_monotonic_and_wall_time_together() -> None:
    clock = ManualClock(START, monotonic=5.0)
    clock.advance(45.5)
    assert clock.monotonic() == pytest.approx(50.5)
    assert clock.now() == START + timedelta(seconds=45.5)
    assert clock.now().strftime("%H:%M:%S") == "20:00:15"
    clock.advance(3600 * 5)
    assert clock.now() == START + timedelta(seconds=45.5 + 18000)
    assert clock.now().date() == START.date() + timedelta(days=1)


def test_advance_by_zero_is_allowed() -> None:
    clock = ManualClock(START)
    clock.advance(0)
    assert clock.now() == START and clock.monotonic() == 0.0


def test_clock_cannot_go_backwards() -> None:
    clock = ManualClock(START, monotonic=10.0)
    with pytest.raises(ValueError, match="backwards"):
        clock.advance(-1)
    assert clock.now() == START and clock.monotonic() == 10.0


@pytest.mark.parametrize("seconds", [math.nan, math.inf])
def test_non_finite_advance_is_refused_and_leaves_the_clock_alone(seconds: float) -> None:
    clock = ManualClock(START, monotonic=10.0)
    with pytest.raises(ValueError, match="cannot advance a clock by"):
        clock.advance(seconds)
    assert clock.now() == START and clock.monotonic() == 10.0


def test_system_clock_is_aware_and_monotonic() -> None:
    clock = SystemClock(UTC)
    a = clock.monotonic()
    b = clock.monotonic()
    assert b >= a
    assert clock.now().tzinfo is not None
    assert clock.now().utcoffset() == timedelta(0)
