"""A real short live run: PulseAudio null sink, the stream window under Xvfb, the audio position
driving the mouth; then the sound device 'stalls' and the show carries on with a silent clock."""

from __future__ import annotations

import os
import time

import pytest
from PySide6.QtMultimedia import QMediaDevices
from PySide6.QtWidgets import QApplication  # noqa: F401 (the type of `qapp`)

from studio.core.assets import demo_show_path
from studio.program.qt_session import LiveSession
from studio.runner.qt_driver import AudioClock, SilentClock
from studio.show.loader import load_show


def spin(app: QApplication, seconds: float, each=None) -> None:  # noqa: ANN001
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        if each is not None:
            each()
        time.sleep(0.005)


@pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs an X display (scripts/test runs Xvfb)")
def test_live_run_mouth_follows_audio_and_survives_an_audio_stall(qapp, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    if not QMediaDevices.audioOutputs():
        if os.environ.get("CI"):
            pytest.fail("no audio output: scripts/test should have started a PulseAudio null sink")
        pytest.skip("no sound server here")
    app = qapp
    show = load_show(demo_show_path()).show
    session = LiveSession(show, asrun_dir=tmp_path / "asrun", resume=False, seed=5)
    session.start()
    mouths: set[str] = set()

    def look() -> None:
        t = session.clock.position()
        ps = session.playout.state_at(t)
        if ps.speaking:
            pose = session.view.stage_state(ps, session.playout.wall_at(t)).pose
            mouths.update(layer.sprite for part in pose.parts if part.name == "mouth" for layer in part.layers)

    try:
        assert isinstance(session.clock, AudioClock)
        spin(app, 7.0, look)
        assert len(mouths) >= 3, mouths  # the mouth moves with what is heard
        assert session.window is not None and session.window.presented > 100
        before = session.clock.position()
        session.clock.stalled.emit("test: the device stopped")  # as QAudioSink reports an error
        assert isinstance(session.clock, SilentClock)
        spin(app, 1.5)
        assert session.clock.position() > before + 1.0  # the picture and the program keep going
        presented = session.window.presented
        spin(app, 1.0)
        assert session.window.presented > presented + 15
    finally:
        session.stop()
