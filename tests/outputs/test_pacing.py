"""Frame pacing with a manual clock: one frame per period, late frames skipped and counted, no drift."""

from __future__ import annotations

from datetime import datetime

import pytest

from studio.core.clock import ManualClock
from studio.outputs.pacing import FramePacer
from studio.outputs.placement import fit_rect, plan_window


def clock() -> ManualClock:
    return ManualClock(datetime(2025, 11, 26, 20, 0), monotonic=1000.0)


def test_one_frame_per_period_and_none_early() -> None:
    c = clock()
    pacer = FramePacer(c, 30)
    first = pacer.due()
    assert first is not None and (first.index, first.t, first.skipped) == (0, 0.0, 0)
    assert pacer.due() is None, "the same frame is never presented twice"
    assert pacer.seconds_to_next() == pytest.approx(1 / 30)
    c.advance(1 / 60)
    assert pacer.due() is None, "woken early: nothing new is due"
    assert pacer.seconds_to_next() == pytest.approx(1 / 60)
    c.advance(1 / 60)
    tick = pacer.due()
    assert tick is not None and tick.index == 1 and tick.skipped == 0


def test_late_frames_are_skipped_and_counted_never_slowed() -> None:
    c = clock()
    pacer = FramePacer(c, 30, start_t=100.0)
    pacer.due()
    c.advance(3.5 / 30)  # the loop stalled for three and a half periods
    tick = pacer.due()
    assert tick is not None
    assert tick.index == 3 and tick.skipped == 2, "shows the latest due frame, skipping the two it missed"
    assert tick.t == pytest.approx(100.0 + 3 / 30), "show time stays on the clock: no slowing down"
    assert (pacer.presented, pacer.skipped) == (2, 2)
    assert pacer.seconds_to_next() == pytest.approx(0.5 / 30)


def test_no_drift_over_hours() -> None:
    c = clock()
    fps = 30
    pacer = FramePacer(c, fps)
    assert pacer.due() is not None
    period = 1 / fps
    jitter = [0.0004, 0.0009, 0.0001, 0.0]  # wake-ups a little late, as real timers are
    n = 3 * 3600 * fps  # three hours
    last = None
    for i in range(1, n + 1):
        target = i * period + jitter[i % 4]
        c.advance(max(0.0, (1000.0 + target) - c.monotonic()))
        last = pacer.due()
        assert last is not None
    assert last.index == n and last.t == pytest.approx(n / fps, abs=1e-9)
    assert pacer.skipped == 0 and pacer.presented == n + 1  # every frame exactly once (frame 0 too)


def test_exact_boundary_counts_as_due() -> None:
    c = clock()
    pacer = FramePacer(c, 29.97)
    pacer.due()
    for i in range(1, 2000):
        c.advance(1 / 29.97)
        tick = pacer.due()
        assert tick is not None and tick.index == i, f"frame {i} lost to rounding"


def test_bad_rate() -> None:
    with pytest.raises(ValueError, match="positive"):
        FramePacer(clock(), 0)


def test_window_plan_native_when_it_fits() -> None:
    plan = plan_window((720, 1280), (0, 0, 1920, 1400))
    assert plan.native and plan.geometry == ((1920 - 720) // 2, (1400 - 1280) // 2, 720, 1280)


def test_window_plan_scales_to_fit_keeping_aspect() -> None:
    plan = plan_window((1080, 1920), (0, 0, 1280, 1024))
    assert not plan.native
    x, y, w, h = plan.geometry
    assert h == 1024 and w == 576 and x == (1280 - 576) // 2
    assert plan_window((1080, 1920), (0, 0, 1920, 2000), fit=True).geometry[3] == 2000


def test_window_plan_on_hidpi_is_one_canvas_pixel_per_device_pixel() -> None:
    plan = plan_window((1080, 1920), (100, 0, 1600, 1400), device_pixel_ratio=1.5)
    assert plan.native and plan.geometry[2:] == (720, 1280)
    assert plan.geometry[0] == 100 + (1600 - 720) // 2


def test_fit_rect_letterboxes() -> None:
    assert fit_rect((1080, 1920), (1080, 1920)) == (0, 0, 1080, 1920)
    assert fit_rect((1920, 1080), (1000, 1000)) == (0, 219, 1000, 562)
    assert fit_rect((0, 10), (100, 100)) == (0, 0, 100, 100)
