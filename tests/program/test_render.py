"""`studio render`: a pitch to MP4 with real speech, decoded back and checked."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import av
import numpy as np

from studio.show.starter import create_starter

ROOT = Path(__file__).resolve().parents[2]


def test_render_writes_h264_aac_in_sync(tmp_path: Path) -> None:
    show = tmp_path / "show"
    create_starter(show, language="en-US")
    toml = (show / "show.toml").read_text(encoding="utf-8").replace('canvas = "portrait"', 'canvas = "portrait-720"')
    (show / "show.toml").write_text(toml, encoding="utf-8")
    out = tmp_path / "pitch.mp4"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_STATE_HOME": str(tmp_path / "state")}
    proc = subprocess.run([sys.executable, "-m", "studio", "render", str(show), "--product", "sample", "-o", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "wrote" in proc.stdout and "2 lines (0 without speech)" in proc.stdout

    with av.open(str(out)) as container:
        assert "AIGC" in container.metadata.get("comment", "")  # the implicit AI label
        video, audio = container.streams.video[0], container.streams.audio[0]
        assert video.codec_context.name == "h264" and audio.codec_context.name == "aac"
        assert (video.codec_context.width, video.codec_context.height) == (720, 1280)
        v_seconds = float(video.duration * video.time_base)
        a_seconds = float(audio.duration * audio.time_base)
        assert v_seconds > 3 and abs(v_seconds - a_seconds) < 0.1  # picture and sound end together
        assert video.frames == round(v_seconds * 30)
    with av.open(str(out)) as container:
        samples = np.concatenate([f.to_ndarray()[0] for f in container.decode(audio=0)])
    # speech is there: loud stretches, and it starts at once (no dead air at the top)
    window = 48_000 // 20
    levels = np.array([np.abs(samples[i : i + window]).max() for i in range(0, len(samples) - window, window)])
    assert (levels > 0.05).mean() > 0.5
    assert levels[:10].max() > 0.05
