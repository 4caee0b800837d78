"""The RTMP push: the program as FLV (H.264 + AAC) to a platform's ingest, reconnecting on its own.

Qt-free; an output for bus.ProgramBus. While the connection is down, frames are dropped and
counted, never buffered; the next connection starts with a fresh encoder (so a keyframe) and its
own zero time. Retries back off 2 s, 3 s, 4.5 s … up to 30 s, for a set number of tries or for
ever. The stream key is a password: it never reaches a log, an error or the console in full.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import numpy as np

from studio.core.clock import Clock
from studio.core.redact import mask_key
from studio.outputs.bus import FAILED, RECONNECTING, RUNNING, VideoFrame
from studio.outputs.encoding import PORTRAIT_720, PORTRAIT_1080, PRESETS, EncoderPreset, EncodingOutput, Muxer, \
    video_frame

log = logging.getLogger(__name__)

SCHEMES = ("rtmp", "rtmps")


def push_target(url: str, key: str | None) -> str:
    """The address FFmpeg connects to: the server URL with the stream key as the last path part."""
    if not key:
        return url
    return f"{url.rstrip('/')}/{key}"


class RtmpPush(EncodingOutput):
    """Pushes the program to `url` + `key` as FLV; reconnects with backoff, `retries` times or for ever (None)."""

    def __init__(self, url: str, key: str | None, preset: EncoderPreset = PORTRAIT_1080, retries: int | None = None,
                 *, name: str = "rtmp", first_backoff: float = 2.0, backoff_factor: float = 1.5,
                 max_backoff: float = 30.0, clock: Clock | None = None, max_frames: int = 6) -> None:
        self.url, self.key = url.strip(), (key or "").strip()
        self.retries = retries
        self.first_backoff, self.backoff_factor, self.max_backoff = first_backoff, backoff_factor, max_backoff
        self.target = push_target(self.url, self.key)
        # a key pasted into the URL (rtmp://host/app/KEY) is just as secret as one given apart
        self._secret = self.key or _path_key(self.url)
        self.shown = self.target.replace(self._secret, mask_key(self._secret)) if self._secret else self.target
        self._muxer: Muxer | None = None
        self._first_pts = 0
        self._first_sample = 0
        self._failures = 0  # failed tries since the last good connection
        self._next_try = 0.0
        self._connected_once = False
        problem = url_problem(self.url)
        super().__init__(name, preset, max_frames=max_frames, clock=clock)
        if problem:
            self._give_up(f"malformed RTMP URL {self.scrub(self.url)!r}: {problem}")

    def scrub(self, text: str) -> str:
        """`text` with the stream key masked wherever it appears (FFmpeg's errors repeat the URL)."""
        if self._secret:
            text = text.replace(self.target, self.shown) if hasattr(self, "shown") else text
            if len(self._secret) >= 4:  # shorter "keys" (tests) would mask every matching letter
                text = text.replace(self._secret, mask_key(self._secret))
        return text

    # -- worker side -----------------------------------------------------------------------------

    def _video_at(self, frame: VideoFrame, pts: int) -> None:
        if self._muxer is None and not self._connect(pts):
            self._dropped()
            return
        assert self._muxer is not None
        try:
            before = self._muxer.bytes
            self._muxer.write_video(video_frame(frame.pixels, self.preset), pts - self._first_pts)
            self._wrote(1, self._muxer.bytes - before)
        except Exception as exc:
            self._lost(exc)
            self._dropped()

    def _audio_at(self, position: int, samples: np.ndarray) -> None:
        if self._muxer is None:
            return  # sound from while the push was down is gone, like the frames
        skip = self._first_sample - position  # audio already pulled ahead of this connection's first frame
        if skip >= samples.shape[1]:
            return
        if skip > 0:
            samples, position = samples[:, skip:], self._first_sample
        try:
            before = self._muxer.bytes
            self._muxer.write_audio(samples, position - self._first_sample)
            self._wrote(0, self._muxer.bytes - before)
        except Exception as exc:
            self._lost(exc)

    def _connect(self, pts: int) -> bool:
        """Try to connect when a try is due; True when connected."""
        if self.clock.monotonic() < self._next_try:
            return False
        try:
            self._muxer = Muxer(self.target, self.preset, format="flv",
                                # FLV has no room for anything but the stream header; no custom tags
                                options={"flvflags": "no_duration_filesize"})
        except Exception as exc:
            self._muxer = None
            self._tried_and_failed(exc)
            return False
        self._first_pts, self._first_sample = pts, self.preset.samples_at(pts)
        if self._connected_once:
            self.reconnects += 1
            log.info("%s: reconnected to %s (reconnect %d)", self.name, self.shown, self.reconnects)
        else:
            log.info("%s: pushing to %s", self.name, self.shown)
        self._connected_once = True
        self._failures = 0
        self.state, self.last_error = RUNNING, ""
        return True

    def _lost(self, exc: BaseException) -> None:
        """The connection broke mid-stream: hang up and retry after the first backoff."""
        if self._muxer is not None:
            self._muxer.abort()
            self._muxer = None
        self._failures = 0
        self._schedule(f"connection to {self.shown} lost: {self._describe(exc)}")

    def _tried_and_failed(self, exc: BaseException) -> None:
        self._failures += 1
        message = f"cannot push to {self.shown}: {self._describe(exc)}"
        if self.retries is not None and self._failures > self.retries:
            tries = self._failures
            self._give_up(f"{message}; gave up after {tries} {'try' if tries == 1 else 'tries'}")
            return
        self._schedule(message)

    def _schedule(self, message: str) -> None:
        delay = min(self.max_backoff, self.first_backoff * self.backoff_factor ** max(0, self._failures - 1))
        self._next_try = self.clock.monotonic() + delay
        self.state, self.last_error = RECONNECTING, message
        log.warning("%s: %s; retrying in %.1f s", self.name, message, delay)

    def _describe(self, exc: BaseException) -> str:
        if isinstance(exc, ConnectionRefusedError):
            return "connection refused (is the server running, and the host and port right?)"
        if isinstance(exc, TimeoutError):
            return "the server did not answer in time"
        return self.scrub(str(exc))

    def _finish(self) -> None:
        if self._muxer is not None:
            try:
                self._muxer.close()
            except Exception as exc:
                log.warning("%s: hanging up: %s", self.name, self.scrub(str(exc)))
            self._muxer = None


def _path_key(url: str) -> str:
    """The last part of rtmp://host/app/KEY, or '' when the URL has no part after the app."""
    head, _, last = url.rstrip("/").rpartition("/")
    return last if head.count("/") >= 3 else ""


def url_problem(url: str) -> str:
    """What is wrong with an RTMP server URL, or '' when it looks usable."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        return str(exc)
    if parts.scheme.lower() not in SCHEMES:
        return "expected rtmp://host[:port]/app or rtmps://host[:port]/app"
    if not parts.hostname:
        return "no host; expected rtmp://host[:port]/app"
    if port is not None and not 0 < port < 65536:
        return f"port {port} is out of range"
    return ""


__all__ = ["FAILED", "PORTRAIT_1080", "PORTRAIT_720", "PRESETS", "RtmpPush", "push_target",
           "url_problem"]
