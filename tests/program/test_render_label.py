"""A rendered pitch and a recording are written by one muxer path and carry one AI label."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import av
import numpy as np

from studio.checks.disclosure import disclosure_labels
from studio.outputs.bus import AudioChunk, ProgramBus, VideoFrame
from studio.outputs.encoding import EncoderPreset
from studio.outputs.recorder import Recorder
from studio.show.model import Show


def ai_label(path: Path) -> tuple[str, str, dict[str, Any]]:
    """The file's AI-label metadata as a player reads it back: comment, title and the implicit label."""
    with av.open(str(path)) as container:
        tags = {k.lower(): v for k, v in container.metadata.items()}
    implicit = json.loads(tags["aigc"])
    assert implicit.pop("ProduceID") == path.stem  # each file's own content number
    return tags["comment"], tags["title"], implicit


def record(show: Show, folder: Path) -> Path:
    """A second of program recorded as `studio live --record` records it."""
    recorder = Recorder(folder, EncoderPreset(72, 128, 30, x264_preset="ultrafast"), 60, show.title, show.disclosure)
    bus = ProgramBus()
    bus.subscribe(recorder)
    for n in range(30):
        bus.publish_audio(AudioChunk(n / 30, np.zeros(735, np.int16), 22_050))
        bus.publish_video(VideoFrame(n / 30, np.zeros((128, 72, 4), np.uint8)))
    bus.close()
    [path] = recorder.files
    return path


def test_a_render_and_a_recording_carry_the_same_ai_label(tmp_path: Path, small_show: Show) -> None:
    from PySide6.QtGui import QGuiApplication

    from studio.program.qt_offline import render_pitch

    app = QGuiApplication.instance() or QGuiApplication([])  # fonts need an application
    rendered = render_pitch(small_show, "sample", tmp_path / "pitch.mp4", when=datetime(2026, 11, 28, 21, 30))
    recording = record(small_show, tmp_path / "rec")
    assert ai_label(rendered.path) == ai_label(recording)
    comment, title, implicit = ai_label(rendered.path)
    labels = disclosure_labels(small_show)
    assert comment == labels.metadata["comment"] == f"AIGC: {labels.visible}" and title == small_show.title
    assert implicit == {k: v for k, v in json.loads(labels.metadata["AIGC"]).items() if k != "ProduceID"}
    del app
