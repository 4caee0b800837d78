"""The program bus: fans program frames and audio out to recorders, RTMP pushes and cameras.

Qt-free. The frame loop publishes; every output sits behind its own bounded queue served by its
own thread, so a slow disk, a dead network or a busy encoder costs that output frames (dropped
and counted, as OBS does) and never holds up the frame loop or the other outputs.
"""

from __future__ import annotations

import collections
import logging
import threading
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from studio.core.clock import Clock, SystemClock

log = logging.getLogger(__name__)

# Output states, in the operator's words.
STARTING = "starting"
RUNNING = "running"
RECONNECTING = "reconnecting"
FAILED = "failed"
CLOSED = "closed"

RATE_WINDOW = 2.0  # seconds of history behind the fps and bitrate figures


@dataclass(frozen=True)
class VideoFrame:
    """One program frame: (H, W, 4) uint8 BGRA, handed over by a publisher that won't touch it again."""

    t: float  # program seconds
    pixels: np.ndarray


@dataclass(frozen=True)
class AudioChunk:
    """Program audio: int16 mono samples starting at program time `t`."""

    t: float  # program seconds of the first sample
    pcm: np.ndarray
    rate: int  # 22050 from the playout


@dataclass(frozen=True)
class OutputHealth:
    """What the console and the logs show for one output."""

    name: str
    state: str  # "starting" | "running" | "reconnecting" | "failed" | "closed"
    fps: float
    bitrate_kbps: float
    frames_written: int
    frames_dropped: int
    reconnects: int
    last_error: str
    audio_dropped: int = 0  # audio chunks lost to a full queue or a dead output


class Output(Protocol):
    """Anything the bus can feed: offer never blocks, close drains and finishes."""

    name: str

    def offer(self, item: VideoFrame | AudioChunk) -> bool: ...  # noqa: D102 - False: dropped

    def health(self) -> OutputHealth: ...  # noqa: D102

    def close(self, timeout: float | None = None) -> None: ...  # noqa: D102


class QueuedOutput:
    """Base for outputs: a bounded queue (separate limits for frames and audio chunks) and a worker.

    Subclasses implement `_video`, `_audio` and `_finish`, which run on the worker thread only, and
    may set `state`, `last_error`, `reconnects` and call `_wrote`/`_dropped` to feed the health.
    Audio gets its own, larger limit because a lost audio chunk is heard while a lost frame is
    barely seen, and chunks are small.
    """

    def __init__(self, name: str, *, max_frames: int = 6, max_audio: int = 256,
                 clock: Clock | None = None) -> None:
        self.name = name
        self.clock: Clock = clock or SystemClock()
        self.state = STARTING
        self.last_error = ""
        self.reconnects = 0
        self._max_frames, self._max_audio = max_frames, max_audio
        self._items: collections.deque[VideoFrame | AudioChunk] = collections.deque()
        self._frames_queued = 0
        self._audio_queued = 0
        self._cond = threading.Condition()
        self._closing = False
        self._dead = False  # gave up for good: everything offered is dropped at once
        self._frames_written = 0
        self._frames_dropped = 0
        self._audio_dropped = 0
        self._frame_times: collections.deque[float] = collections.deque()
        self._byte_log: collections.deque[tuple[float, int]] = collections.deque()  # (when, bytes sent)
        self._since: float | None = None  # first write: rates over less than a window at the start
        self._thread = threading.Thread(target=self._run, name=f"output-{name}", daemon=True)
        self._thread.start()

    # -- publisher side: never blocks beyond a short lock ------------------------------------

    def offer(self, item: VideoFrame | AudioChunk) -> bool:
        """Queue `item` for the worker; False (and counted) when the queue is full or the output is down."""
        is_video = isinstance(item, VideoFrame)
        with self._cond:
            full = (self._frames_queued >= self._max_frames) if is_video else (self._audio_queued >= self._max_audio)
            if self._closing or self._dead or full:
                if is_video:
                    self._frames_dropped += 1
                else:
                    self._audio_dropped += 1
                return False
            self._items.append(item)
            if is_video:
                self._frames_queued += 1
            else:
                self._audio_queued += 1
            self._cond.notify()
        return True

    def health(self) -> OutputHealth:
        """A snapshot of state, rates and counters (safe from any thread)."""
        with self._cond:
            now = self.clock.monotonic()
            self._trim(now)
            span = RATE_WINDOW if self._since is None else min(RATE_WINDOW, max(now - self._since, 0.5))
            size = sum(b for _, b in self._byte_log)
            return OutputHealth(self.name, self.state, round(len(self._frame_times) / span, 1),
                                round(size * 8 / 1000 / span, 1),
                                self._frames_written, self._frames_dropped, self.reconnects, self.last_error,
                                self._audio_dropped)

    def backlog(self) -> int:
        """Frames waiting for the worker (an offline publisher may wait on this instead of dropping)."""
        with self._cond:
            return self._frames_queued

    def close(self, timeout: float | None = 30.0) -> None:
        """Encode what is queued, finish (close files, hang up) and stop the worker."""
        with self._cond:
            self._closing = True
            self._cond.notify()
        self._thread.join(timeout)
        if self._thread.is_alive():
            log.error("%s: did not finish within %s s; leaving it behind", self.name, timeout)

    # -- worker side ----------------------------------------------------------------------------

    def _video(self, frame: VideoFrame) -> None:
        raise NotImplementedError

    def _audio(self, chunk: AudioChunk) -> None:
        raise NotImplementedError

    def _finish(self) -> None:
        raise NotImplementedError

    def _give_up(self, message: str) -> None:
        """Fail for good: the state says so, the log says why, and offers are dropped from now on."""
        self.state, self.last_error, self._dead = FAILED, message, True
        log.error("%s: %s", self.name, message)

    def _wrote(self, frames: int, size: int) -> None:
        """Count frames written and bytes sent, for the health figures."""
        with self._cond:
            self._frames_written += frames
            now = self.clock.monotonic()
            if self._since is None:
                self._since = now
            self._frame_times.extend([now] * frames)
            if size:
                self._byte_log.append((now, size))
            self._trim(now)

    def _dropped(self, frames: int = 1) -> None:
        """Count frames the worker could not write (disconnected, failed file, late)."""
        with self._cond:
            self._frames_dropped += frames

    def _trim(self, now: float) -> None:
        while self._frame_times and self._frame_times[0] < now - RATE_WINDOW:
            self._frame_times.popleft()
        while self._byte_log and self._byte_log[0][0] < now - RATE_WINDOW:
            self._byte_log.popleft()

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._items and not self._closing:
                    self._cond.wait()
                if not self._items:
                    break
                item = self._items.popleft()
                if isinstance(item, VideoFrame):
                    self._frames_queued -= 1
                else:
                    self._audio_queued -= 1
            try:
                if self._dead:
                    self._discard(item)
                elif isinstance(item, VideoFrame):
                    self._video(item)
                else:
                    self._audio(item)
            except Exception as exc:  # a bug in an output must cost that output, not the show
                log.exception("%s: output failed", self.name)
                self._give_up(f"internal error: {exc}")
                self._discard(item)
        try:
            self._finish()
        except Exception as exc:
            log.exception("%s: could not finish", self.name)
            self.last_error = self.last_error or f"could not finish: {exc}"
        if not self._dead:
            self.state = CLOSED

    def _discard(self, item: VideoFrame | AudioChunk) -> None:
        with self._cond:
            if isinstance(item, VideoFrame):
                self._frames_dropped += 1
            else:
                self._audio_dropped += 1


class ProgramBus:
    """Fans program frames and audio out to every subscribed output; publishing never blocks."""

    def __init__(self) -> None:
        self._outputs: list[Output] = []
        self._lock = threading.Lock()

    def subscribe(self, output: Output) -> None:
        """Feed `output` from the next published frame or chunk on."""
        with self._lock:
            self._outputs = [*self._outputs, output]  # copy-on-write: publishers iterate without the lock

    def publish_video(self, frame: VideoFrame) -> None:
        """Hand one program frame to every output (each converts it on its own thread)."""
        self._publish(frame)

    def publish_audio(self, chunk: AudioChunk) -> None:
        """Hand one chunk of program audio to every output."""
        self._publish(chunk)

    def health(self) -> list[OutputHealth]:
        """One health snapshot per output, in subscription order."""
        return [output.health() for output in self._outputs]

    def close(self) -> None:
        """Finish every output (files closed, connections hung up); later publishes are dropped."""
        with self._lock:
            outputs, self._outputs = self._outputs, []
        for output in outputs:
            try:
                output.close()
            except Exception:
                log.exception("%s: close failed", output.name)

    def _publish(self, item: VideoFrame | AudioChunk) -> None:
        for output in self._outputs:
            try:
                output.offer(item)
            except Exception:  # an output's bug must never reach the frame loop
                log.exception("%s: offer failed", output.name)


__all__ = ["AudioChunk", "CLOSED", "FAILED", "Output", "OutputHealth", "ProgramBus", "QueuedOutput",
           "RECONNECTING", "RUNNING", "STARTING", "VideoFrame"]
