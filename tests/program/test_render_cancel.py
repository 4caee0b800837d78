"""render_pitch(cancel=…): stops between frames, closes the encoder and the file, deletes the partial MP4."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest


def test_cancel_stops_and_deletes_the_partial_file(tmp_path: Path, small_show) -> None:
    import threading

    from PySide6.QtGui import QGuiApplication

    from studio.program.qt_offline import RenderCancelled, render_pitch

    app = QGuiApplication.instance() or QGuiApplication([])  # fonts need an application
    out = tmp_path / "out" / "pitch.mp4"
    frames: list[float] = []
    seen_file: list[bool] = []
    threads_before = {t.name for t in threading.enumerate()}

    def progress(t: float, line: str) -> None:
        frames.append(t)
        if len(frames) == 10:
            seen_file.append(out.exists())

    with pytest.raises(RenderCancelled):
        render_pitch(small_show, "sample", out, when=datetime(2026, 11, 28, 21, 30), progress=progress,
                     cancel=lambda: len(frames) >= 20)
    assert seen_file == [True]  # it was being written…
    assert 20 <= len(frames) <= 21  # …it stopped at once…
    assert not out.exists()  # …and the partial file is gone
    assert not any(t.name == "render-encoder" and t.is_alive() for t in threading.enumerate()
                   if t.name not in threads_before)
    del app


def test_cancel_that_never_fires_renders_as_before(tmp_path: Path, small_show) -> None:
    from PySide6.QtGui import QGuiApplication

    from studio.program.qt_offline import render_pitch

    app = QGuiApplication.instance() or QGuiApplication([])
    out = tmp_path / "pitch.mp4"
    asked: list[int] = []
    result = render_pitch(small_show, "sample", out, when=datetime(2026, 11, 28, 21, 30),
                          cancel=lambda: asked.append(1) and False)
    assert out.is_file() and out.stat().st_size > 0
    assert result.frames > 30 and len(asked) == result.frames
    del app
