"""The RTMP push against a real receiver on loopback: reconnects, masks its key, never blocks."""

from __future__ import annotations

import logging
import socket
import subprocess
import time
from pathlib import Path

import av
import numpy as np
import pytest

from studio.core.redact import mask_key
from studio.outputs.bus import FAILED, RECONNECTING, RUNNING, AudioChunk, ProgramBus, VideoFrame
from studio.outputs.encoding import PORTRAIT_720, PORTRAIT_1080, EncoderPreset
from studio.outputs.rtmp import RtmpPush, url_problem

imageio_ffmpeg = pytest.importorskip("imageio_ffmpeg")

FPS = 30
PRESET = EncoderPreset(180, 320, FPS, video_kbps=500, keyframe_seconds=1.0, x264_preset="ultrafast")
KEY = "sk-live-8f3a9c2e71d4"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def receiver(port: int, out: Path) -> subprocess.Popen:
    """ffmpeg as a one-shot RTMP server on loopback, copying what it gets into `out`."""
    return subprocess.Popen([imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y",
                             "-listen", "1", "-timeout", "30", "-i", f"rtmp://127.0.0.1:{port}/live/{KEY}",
                             "-c", "copy", "-f", "flv", str(out)],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_listening(port: int, proc: subprocess.Popen) -> None:
    """Until the receiver's socket is bound (without connecting: a -listen 1 server takes one client)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and proc.poll() is None:
        for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            if local.upper().endswith(f":{port:04X}") and state == "0A":  # 0A: LISTEN
                return
        time.sleep(0.05)
    raise AssertionError("the ffmpeg receiver did not start listening")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.wait(10)


def play(bus: ProgramBus, start: int, frames: int) -> float:
    """Publish `frames` frames (and audio) in real time from frame `start`; returns the slowest publish."""
    worst = 0.0
    began = time.monotonic() - start / FPS
    for n in range(start, start + frames):
        t = n / FPS
        while time.monotonic() - began < t:
            time.sleep(0.002)
        pixels = np.full((320, 180, 4), n % 200, np.uint8)
        pcm = (np.sin(np.arange(735) * 0.05) * 3000).astype(np.int16)
        a = time.perf_counter()
        bus.publish_video(VideoFrame(t, pixels))
        bus.publish_audio(AudioChunk(t, pcm, 22_050))
        worst = max(worst, time.perf_counter() - a)
    return worst


def test_push_reconnects_after_the_server_goes_away(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    port = free_port()
    first = receiver(port, tmp_path / "first.flv")
    second: subprocess.Popen | None = None
    bus = ProgramBus()
    try:
        wait_listening(port, first)
        push = RtmpPush(f"rtmp://127.0.0.1:{port}/live", KEY, PRESET, retries=None)
        bus.subscribe(push)
        with caplog.at_level(logging.INFO):
            worst = play(bus, 0, 60)
            assert push.health().state == RUNNING and push.health().frames_written > 30
            stop(first)  # the server dies mid-stream
            second = receiver(port, tmp_path / "second.flv")
            wait_listening(port, second)
            n = 60
            deadline = time.monotonic() + 30
            saw_reconnecting = False
            while time.monotonic() < deadline:  # first retry after 2 s, then 3 s, 4.5 s …
                worst = max(worst, play(bus, n, 15))
                n += 15
                saw_reconnecting |= push.health().state == RECONNECTING
                if push.health().reconnects >= 1:
                    break
            worst = max(worst, play(bus, n, 60))  # two more seconds on the new connection
            health = push.health()
            assert health.reconnects >= 1 and health.state == RUNNING, health
            assert saw_reconnecting and health.frames_dropped > 0  # frames while down were dropped, counted
            assert health.fps > 20 and health.bitrate_kbps > 0
            bus.close()
        assert worst < 0.05
        second.wait(15)  # the receiver ends when the push hangs up
        with av.open(str(tmp_path / "second.flv")) as container:
            assert sorted(s.type for s in container.streams) == ["audio", "video"]
            video = list(container.decode(video=0))
        assert len(video) >= 55 and video[0].key_frame  # a new connection starts with a keyframe
        with av.open(str(tmp_path / "second.flv")) as container:
            assert sum(f.samples for f in container.decode(audio=0)) > 48_000
        assert "reconnected" in caplog.text and KEY not in caplog.text and "****71d4" in caplog.text
    finally:
        bus.close()
        stop(first)
        if second is not None:
            stop(second)


def test_refused_connection_is_a_clear_error(caplog: pytest.LogCaptureFixture) -> None:
    port = free_port()  # nothing listens here
    bus = ProgramBus()
    push = RtmpPush(f"rtmp://127.0.0.1:{port}/live", KEY, PRESET, retries=1, first_backoff=0.2)
    bus.subscribe(push)
    with caplog.at_level(logging.INFO):
        worst = play(bus, 0, 30)
        deadline = time.monotonic() + 10
        while push.health().state != FAILED and time.monotonic() < deadline:
            worst = max(worst, play(bus, 30, 3))
        health = push.health()
        bus.close()
    assert worst < 0.05
    assert health.state == FAILED and health.frames_written == 0 and health.frames_dropped > 0
    assert "connection refused" in health.last_error and f"127.0.0.1:{port}" in health.last_error
    assert "gave up after 2 tries" in health.last_error
    assert "connection refused" in caplog.text
    assert KEY not in caplog.text and KEY not in health.last_error and mask_key(KEY) in health.last_error


@pytest.mark.parametrize("url", ["rtmp//127.0.0.1/live", "http://127.0.0.1/live", "rtmp:///live", "rtmp://host:99999/x"])
def test_malformed_url_is_a_clear_error(url: str, caplog: pytest.LogCaptureFixture) -> None:
    bus = ProgramBus()
    with caplog.at_level(logging.INFO):
        push = RtmpPush(url, KEY, PRESET, retries=None)
        bus.subscribe(push)
        worst = play(bus, 0, 5)
        health = push.health()
        bus.close()
    assert worst < 0.05
    assert health.state == FAILED and "malformed RTMP URL" in health.last_error and health.frames_dropped == 5
    assert "malformed RTMP URL" in caplog.text and KEY not in caplog.text


def test_key_masking_and_presets() -> None:
    assert mask_key(KEY) == "****71d4" and mask_key("short") == "****"
    push = RtmpPush("rtmp://127.0.0.1:1/live/" + KEY, None, PRESET, retries=0)  # key pasted into the URL
    assert KEY not in push.shown and push.shown.endswith("****71d4")
    push.close()
    assert url_problem("rtmp://live-push.example.com/live") == ""
    assert (PORTRAIT_1080.width, PORTRAIT_1080.height, PORTRAIT_1080.video_kbps, PORTRAIT_1080.gop) == (1080, 1920, 4000, 60)
    assert (PORTRAIT_720.width, PORTRAIT_720.height, PORTRAIT_720.video_kbps) == (720, 1280, 2000)
    assert (PORTRAIT_1080.audio_rate, PORTRAIT_1080.audio_channels, PORTRAIT_1080.audio_kbps) == (48_000, 2, 128)
