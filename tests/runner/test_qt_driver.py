"""The Qt driver against a real sound server (PulseAudio null sink): the audio position is the clock."""

from __future__ import annotations

import os
import time
from datetime import datetime

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtMultimedia import QMediaDevices

from studio.runner.planner import Planner
from studio.runner.playout import Playout
from studio.runner.qt_driver import AudioClock, SilentClock

THURSDAY_AFTERNOON = datetime(2026, 11, 26, 14, 0)


# `qapp` is pytest-qt's QApplication: one application type for the whole session, whatever
# order the tests run in (a QCoreApplication here would abort a later widget test).


def run_for(seconds: float, clock, samples: list) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        samples.append((time.monotonic(), clock.position()))
        time.sleep(0.005)


def test_audio_position_drives_the_program(qapp, demo_show, lookahead) -> None:
    if not QMediaDevices.audioOutputs():
        if os.environ.get("CI"):
            pytest.fail("no audio output: scripts/test should have started a PulseAudio null sink")
        pytest.skip("no sound server here (scripts/test starts a PulseAudio null sink)")
    playout = Playout(demo_show, Planner(demo_show, seed=1), lookahead, THURSDAY_AFTERNOON)
    playout.cue_up()  # speech prepares the first lines while the device starts
    clock = AudioClock(playout)
    clock.on_air.connect(playout.go_live)  # the program starts once the device plays
    clock.start()
    samples: list[tuple[float, float]] = []
    try:
        run_for(6.0, clock, samples)
    finally:
        clock.stop()
    positions = [p for _, p in samples]
    assert all(b >= a for a, b in zip(positions, positions[1:], strict=False))  # never backwards
    # program time follows wall time from the start (the picture never freezes), within 10 %
    (w0, p0), (w1, p1) = samples[0], samples[-1]
    assert abs((p1 - p0) / (w1 - w0) - 1.0) < 0.1
    assert playout.stats.first_audio_at is not None, "the device never started playing"
    # no jumps either: each step of program time matches the wall time that passed
    steps = [abs((b[1] - a[1]) - (b[0] - a[0])) for a, b in zip(samples, samples[1:], strict=False)]
    assert max(steps) < 0.05
    assert playout.stats.waiting_seconds < 0.05  # the first line was ready when the device was
    # what is heard is what the picture shows: the mouth moves while the line is audible
    state = playout.state_at(p1)
    assert state.entry is not None and state.entry.segment.product == "tea"
    assert any(playout.state_at(p).speaking for p in positions if p > 0.3)
    # the audio pulled stays only a buffer ahead of what is heard
    assert playout.t - p1 < 0.6


def test_silent_clock_runs_in_real_time(qapp, demo_show, tones) -> None:
    playout = Playout(demo_show, Planner(demo_show, seed=1), tones(), THURSDAY_AFTERNOON)
    clock = SilentClock(playout)
    clock.on_air.connect(playout.go_live)
    clock.start()
    samples: list[tuple[float, float]] = []
    try:
        run_for(1.5, clock, samples)
    finally:
        clock.stop()
    (w0, p0), (w1, p1) = samples[0], samples[-1]
    assert abs((p1 - p0) - (w1 - w0)) < 0.1
    assert playout.state_at(p1).speaking
