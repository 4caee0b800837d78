"""The program bus: publishing never blocks, a slow output drops and counts, health is reported."""

from __future__ import annotations

import threading
import time

import numpy as np

from studio.outputs.bus import CLOSED, FAILED, RUNNING, AudioChunk, OutputHealth, ProgramBus, QueuedOutput, VideoFrame
from studio.outputs.virtualcam import VirtualCamera


class SlowOutput(QueuedOutput):
    """A stand-in output that takes 50 ms per frame until released."""

    def __init__(self, name: str, delay: float, max_frames: int = 3) -> None:
        self.delay = delay
        self.seen: list[float] = []
        self.audio_seen = 0
        self.finished = threading.Event()
        super().__init__(name, max_frames=max_frames)

    def _video(self, frame: VideoFrame) -> None:
        self.state = RUNNING
        time.sleep(self.delay)
        self.seen.append(frame.t)
        self._wrote(1, frame.pixels.nbytes)

    def _audio(self, chunk: AudioChunk) -> None:
        self.audio_seen += 1

    def _finish(self) -> None:
        self.finished.set()


def frame(t: float) -> VideoFrame:
    return VideoFrame(t, np.zeros((64, 36, 4), np.uint8))


def test_full_queue_drops_and_counts_without_blocking_the_publisher() -> None:
    bus = ProgramBus()
    slow, fast = SlowOutput("slow", 0.05), SlowOutput("fast", 0.0, max_frames=100)
    bus.subscribe(slow)
    bus.subscribe(fast)
    started = time.perf_counter()
    worst = 0.0
    for i in range(60):
        a = time.perf_counter()
        bus.publish_video(frame(i / 30))
        bus.publish_audio(AudioChunk(i / 30, np.zeros(735, np.int16), 22050))
        worst = max(worst, time.perf_counter() - a)
    elapsed = time.perf_counter() - started
    assert worst < 0.01 and elapsed < 0.5  # 60 frames handed over while the slow output sat on 1 or 2

    slow_health = next(h for h in bus.health() if h.name == "slow")
    assert isinstance(slow_health, OutputHealth)
    assert slow_health.frames_dropped >= 50  # queue of 3: nearly everything was dropped and counted
    bus.close()
    assert slow.finished.is_set() and fast.finished.is_set()
    slow_final, fast_final = slow.health(), fast.health()
    # every frame is either written or counted as dropped; none is lost silently or written twice
    assert slow_final.frames_written + slow_final.frames_dropped == 60
    assert slow.seen == sorted(slow.seen) and len(set(slow.seen)) == len(slow.seen)
    assert fast_final.frames_written == 60 and fast_final.frames_dropped == 0 and fast.audio_seen == 60
    assert slow_final.state == CLOSED and fast_final.state == CLOSED
    assert bus.health() == []  # closed: nothing subscribed any more


def test_health_reports_rates() -> None:
    out = SlowOutput("rates", 0.0, max_frames=100)
    for i in range(30):
        out.offer(frame(i / 30))
    deadline = time.monotonic() + 5
    while out.health().frames_written < 30 and time.monotonic() < deadline:
        time.sleep(0.01)
    health = out.health()
    assert health.frames_written == 30 and health.fps > 0 and health.bitrate_kbps > 0
    out.close()


def test_a_broken_output_fails_alone() -> None:
    class Broken(SlowOutput):
        def _video(self, frame: VideoFrame) -> None:
            raise ValueError("boom")

    bus = ProgramBus()
    broken, good = Broken("broken", 0.0), SlowOutput("good", 0.0, max_frames=100)
    bus.subscribe(broken)
    bus.subscribe(good)
    for i in range(10):
        bus.publish_video(frame(i / 30))
        time.sleep(0.005)
    bus.close()
    assert broken.health().state == FAILED and "boom" in broken.health().last_error
    assert broken.health().frames_dropped == 10
    assert good.health().frames_written == 10


def test_virtual_camera_says_what_to_install_when_missing() -> None:
    try:
        import pyvirtualcam  # noqa: F401
    except ImportError:
        pass
    else:  # with the extra installed the device check decides; only the missing case is portable
        return
    cam = VirtualCamera(360, 640)
    cam.offer(frame(0.0))
    health = cam.health()
    assert health.state == FAILED
    assert "pip install pyvirtualcam" in health.last_error
    assert "v4l2loopback" in health.last_error or "OBS" in health.last_error
    cam.close()
