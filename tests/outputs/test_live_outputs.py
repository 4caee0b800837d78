"""`studio live --headless --rtmp URL --record DIR`: the demo show streamed to a receiver on
127.0.0.1 that is restarted mid-stream, and recorded to playable segmented MP4s with sound."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import av
import pytest

from studio.core.assets import demo_show_path

imageio_ffmpeg = pytest.importorskip("imageio_ffmpeg")
ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def receiver(port: int, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-listen", "1", "-timeout", "30",
         "-i", f"rtmp://127.0.0.1:{port}/live/x", "-c", "copy", "-f", "flv", str(out)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def test_live_headless_pushes_through_a_receiver_restart_and_records(tmp_path: Path) -> None:
    port = free_port()
    first, second, rec = tmp_path / "first.flv", tmp_path / "second.flv", tmp_path / "rec"
    rx = receiver(port, first)
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "STUDIO_RTMP_KEY": "k3y-secret-9876"}
    live = None
    try:
        time.sleep(0.5)
        live = subprocess.Popen(
            [sys.executable, "-m", "studio", "live", str(demo_show_path()), "--headless", "--no-audio",
             "--no-control", "--seconds", "24", "--rtmp", f"rtmp://127.0.0.1:{port}/live", "--rtmp-preset",
             "portrait-720", "--record", str(rec), "--record-preset", "portrait-720", "--segment-minutes", "0.15"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(8)
        stop(rx)  # the platform's server goes away mid-stream …
        time.sleep(2)
        rx = receiver(port, second)  # … and comes back on the same port
        out, err = live.communicate(timeout=120)
    finally:
        if live is not None and live.poll() is None:
            live.kill()
        stop(rx)
    assert live.returncode == 0, err
    assert "k3y-secret-9876" not in err and "****9876" in err  # the key is never shown in full
    reconnects = int(re.search(r"rtmp: \w+, \d+ frames written, \d+ dropped, (\d+) reconnects", err).group(1))
    assert reconnects >= 1, err
    for flv in (first, second):
        with av.open(str(flv)) as c:
            kinds = {s.type for s in c.streams}
            assert kinds == {"video", "audio"}
            assert sum(1 for _ in c.demux(video=0)) > 30  # a few seconds of picture each time
    files = sorted(rec.glob("*.mp4"))
    assert len(files) >= 2, err
    span = 0.15 * 60  # --segment-minutes 0.15
    for n, f in enumerate(files):
        with av.open(str(f)) as c:
            v, a = c.streams.video[0], c.streams.audio[0]
            assert (v.codec_context.width, v.codec_context.height) == (720, 1280)
            video = float(v.duration * v.time_base)
            audio = float(a.duration * a.time_base)
            if n < len(files) - 1:
                # Each file holds exactly its span of program sound; frames dropped under load
                # (counted) may shorten the picture's last moments, never shift it.
                assert abs(audio - span) < 0.05, (f.name, audio)
                assert span - 1.0 < video <= audio + 0.04, (f.name, video)
            else:
                # Audio is pulled a device buffer (0.2 s) ahead of the picture, so the file that
                # ends at shutdown carries that much sound past its last frame, more when frames
                # were dropped (counted) at the very end on a loaded machine.
                assert -0.05 < audio - video < 1.0, (f.name, audio, video)
            assert "AIGC" in c.metadata.get("comment", "")
