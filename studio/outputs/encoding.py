"""H.264 + AAC encoding with PyAV: presets, program-time stamping and one container per file or push.

Qt-free. Timestamps come from program time, never from arrival order or wall time: a video frame
at program time t gets pts round((t - t0) * fps) and audio is counted in samples from the first
chunk's program time relative to the same t0, so picture and sound stay within a frame of each
other even when frames are dropped. `EncodingOutput` is the worker (own thread, bounded queue,
via bus.QueuedOutput) that recorder.py and rtmp.py build on; `Muxer` is one container.
"""

from __future__ import annotations

import collections
import logging
from collections.abc import Mapping
from dataclasses import dataclass

import av
import numpy as np

from studio.core.clock import Clock
from studio.outputs.bus import AudioChunk, QueuedOutput, VideoFrame

log = logging.getLogger(__name__)

AUDIO_RATE = 48_000  # what platforms and players expect for AAC
GAP_TOLERANCE = 0.005  # seconds: audio closer than this to where it is expected is continuous


@dataclass(frozen=True)
class EncoderPreset:
    """How to encode: picture size and rate, H.264 rate control and keyframes, AAC audio."""

    width: int
    height: int
    fps: int = 30
    video_kbps: int | None = None  # CBR-ish (bit_rate + maxrate/bufsize) when set, else CRF
    crf: int = 23
    keyframe_seconds: float = 2.0
    x264_preset: str = "veryfast"
    profile: str = "high"
    audio_rate: int = AUDIO_RATE
    audio_channels: int = 2
    audio_kbps: int = 128
    threads: int = 0  # x264 threads; 0 lets x264 choose

    @property
    def gop(self) -> int:
        """Frames from one keyframe to the next."""
        return max(1, round(self.keyframe_seconds * self.fps))

    def samples_at(self, video_pts: int) -> int:
        """The audio sample position that lines up with video frame `video_pts`."""
        return round(video_pts * self.audio_rate / self.fps)


# Douyin/Kuaishou/Taobao Live accept 1080×1920 around 4 Mbps with 2 s keyframes; 720p is the
# fallback for weak uplinks and older phones (main profile decodes everywhere). x264 "superfast" at
# 1080×1920: veryfast needs ~25 ms of CPU a frame here, too much for real time on 2 cores beside the
# stage (scripts/bench_outputs.py); a stage is mostly still, so the quality loss is small.
PORTRAIT_1080 = EncoderPreset(1080, 1920, 30, video_kbps=4000, keyframe_seconds=2.0, x264_preset="superfast",
                              profile="high")
PORTRAIT_720 = EncoderPreset(720, 1280, 30, video_kbps=2000, keyframe_seconds=2.0, profile="main")
PRESETS = {"portrait-1080": PORTRAIT_1080, "portrait-720": PORTRAIT_720}


def video_frame(pixels: np.ndarray, preset: EncoderPreset) -> av.VideoFrame:
    """BGRA pixels → a yuv420p frame at the preset's size (swscale converts and scales in one pass)."""
    try:  # zero-copy view of the publisher's array (C-contiguous by the bus's contract)
        frame = av.VideoFrame.from_numpy_buffer(pixels, format="bgra")
    except ValueError:  # a strided view: copy it
        frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(pixels), format="bgra")
    return frame.reformat(preset.width, preset.height, "yuv420p")


class Muxer:
    """One container (an MP4 file or an FLV push) with an H.264 and an AAC stream, fed stamped frames."""

    def __init__(self, target: str, preset: EncoderPreset, *, format: str | None = None,  # noqa: A002
                 metadata: Mapping[str, str] | None = None, options: Mapping[str, str] | None = None) -> None:
        self.preset = preset
        self.bytes = 0  # muxed so far, for the bitrate figure
        self.video_frames = 0
        self.container = av.open(target, mode="w", format=format, options=dict(options or {}))
        try:
            for key, value in (metadata or {}).items():
                self.container.metadata[key] = value
            video = self.container.add_stream("libx264", rate=preset.fps)
            video.width, video.height, video.pix_fmt = preset.width, preset.height, "yuv420p"
            video.codec_context.gop_size = preset.gop
            opts = {"preset": preset.x264_preset, "profile": preset.profile,
                    # fixed GOPs: a scene cut must not move the keyframes platforms and cuts rely on
                    "x264-params": f"keyint={preset.gop}:min-keyint={preset.gop}:scenecut=0"}
            if preset.video_kbps:
                video.bit_rate = preset.video_kbps * 1000
                opts |= {"maxrate": f"{preset.video_kbps}k", "bufsize": f"{preset.video_kbps * 2}k"}
            else:
                opts["crf"] = str(preset.crf)
            if preset.threads:
                opts["threads"] = str(preset.threads)
            video.options = opts
            layout = "stereo" if preset.audio_channels == 2 else "mono"
            audio = self.container.add_stream("aac", rate=preset.audio_rate, layout=layout)
            audio.bit_rate = preset.audio_kbps * 1000
            self.video, self.audio = video, audio
            # open the file or connection now, so a bad folder or a refused push fails here, clearly
            self.container.start_encoding()
        except BaseException:
            self.abort()
            raise

    def write_video(self, frame: av.VideoFrame, pts: int) -> None:
        """Encode and mux one frame at `pts` (in frames from this container's start)."""
        frame.pts = pts
        self._mux(self.video.encode(frame))
        self.video_frames += 1

    def write_audio(self, samples: np.ndarray, pts: int) -> None:
        """Encode and mux planar float samples (channels, n) starting at sample `pts`."""
        frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(samples, dtype=np.float32), format="fltp",
                                           layout="stereo" if samples.shape[0] == 2 else "mono")
        frame.sample_rate = self.preset.audio_rate
        frame.pts = pts
        self._mux(self.audio.encode(frame))

    def close(self) -> None:
        """Flush both encoders and finish the container (writes the MP4 index)."""
        try:
            self._mux(self.video.encode(None))
            self._mux(self.audio.encode(None))
        finally:
            self.container.close()

    def abort(self) -> None:
        """Drop the container without flushing: the connection is already gone."""
        try:
            self.container.close()
        except Exception as exc:  # closing a broken push fails too; nothing is left to save
            log.debug("closing a broken container: %s", exc)

    def _mux(self, packets: list[av.Packet]) -> None:
        for packet in packets:
            self.bytes += packet.size
            self.container.mux(packet)


class AudioTimeline:
    """Program audio (int16 mono at any rate, stamped in program time) → a gapless stream at the
    preset's rate and channels, with each piece's sample position counted from t0.

    Samples are counted, not re-derived from each chunk's time, so rounding never jitters; a chunk
    that starts later than expected (a dropped chunk) is preceded by silence and one that overlaps
    is trimmed, so the count stays tied to program time.
    """

    def __init__(self, t0: float, preset: EncoderPreset) -> None:
        self.t0, self.preset = t0, preset
        self.position = 0  # output samples produced so far, counted from t0
        self._rate = 0
        self._anchor_t = 0.0
        self._in_samples = 0
        self._resampler: av.AudioResampler | None = None

    def push(self, chunk: AudioChunk) -> list[tuple[int, np.ndarray]]:
        """Resample `chunk`; returns (position, samples (channels, n) float32) pieces, in order."""
        pcm = np.asarray(chunk.pcm, dtype=np.int16).reshape(-1)
        t = chunk.t
        if t < self.t0:  # from before the first frame: only the part from t0 on is kept
            skip = round((self.t0 - t) * chunk.rate)
            pcm, t = pcm[skip:], self.t0
        pieces: list[tuple[int, np.ndarray]] = []
        if self._resampler is None or chunk.rate != self._rate:
            pieces += self.flush()
            self._start(t, chunk.rate)
        else:
            gap = t - (self._anchor_t + self._in_samples / self._rate)
            if gap > GAP_TOLERANCE:
                pcm = np.concatenate([np.zeros(round(gap * self._rate), np.int16), pcm])
            elif gap < -GAP_TOLERANCE:
                pcm = pcm[round(-gap * self._rate):]
        if len(pcm):
            self._in_samples += len(pcm)
            frame = av.AudioFrame.from_ndarray(pcm.reshape(1, -1), format="s16", layout="mono")
            frame.sample_rate = self._rate
            pieces += self._take(self._resampler.resample(frame))
        return pieces

    def _start(self, t: float, rate: int) -> None:
        layout = "stereo" if self.preset.audio_channels == 2 else "mono"
        self._resampler = av.AudioResampler(format="fltp", layout=layout, rate=self.preset.audio_rate)
        self._rate, self._anchor_t, self._in_samples = rate, t, 0
        self.position = max(self.position, round((t - self.t0) * self.preset.audio_rate))

    def flush(self) -> list[tuple[int, np.ndarray]]:
        """The samples the resampler still holds: the end of the program's sound, for a file that ends."""
        if self._resampler is None:
            return []
        return self._take(self._resampler.resample(None))

    def _take(self, frames: list[av.AudioFrame]) -> list[tuple[int, np.ndarray]]:
        pieces = []
        for frame in frames:
            samples = frame.to_ndarray()
            pieces.append((self.position, samples))
            self.position += samples.shape[1]
        return pieces


class EncodingOutput(QueuedOutput):
    """The encoder worker: stamps program frames and audio from a common t0 and hands them, already
    converted, to `_video_at` / `_audio_at` on its own thread. Audio that arrives before the first
    frame waits (boundedly) so the first file or push starts with picture and sound together."""

    def __init__(self, name: str, preset: EncoderPreset, *, max_frames: int = 6, max_audio: int = 256,
                 clock: Clock | None = None) -> None:
        self.preset = preset
        self.t0: float | None = None
        self.timeline: AudioTimeline | None = None
        self._early_audio: collections.deque[AudioChunk] = collections.deque(maxlen=256)  # ~10 s at most
        self._last_pts = -1
        super().__init__(name, max_frames=max_frames, max_audio=max_audio, clock=clock)

    def _video(self, frame: VideoFrame) -> None:
        if self.t0 is None:
            self.t0 = frame.t
            self.timeline = AudioTimeline(frame.t, self.preset)
            early = list(self._early_audio)
            self._early_audio.clear()
            for chunk in early:
                self._audio(chunk)
        pts = round((frame.t - self.t0) * self.preset.fps)
        if pts <= self._last_pts:  # two frames in one frame slot (a burst after a stall): keep the first
            self._dropped()
            return
        self._last_pts = pts
        self._video_at(frame, pts)

    def _audio(self, chunk: AudioChunk) -> None:
        if self.timeline is None:
            self._early_audio.append(chunk)  # no picture for a long time: the deque keeps only the latest
            return
        for position, samples in self.timeline.push(chunk):
            self._audio_at(position, samples)

    def _video_at(self, frame: VideoFrame, pts: int) -> None:
        """Write one frame at `pts` frames from t0."""
        raise NotImplementedError

    def _audio_at(self, position: int, samples: np.ndarray) -> None:
        """Write converted audio starting `position` samples from t0."""
        raise NotImplementedError


__all__ = ["AUDIO_RATE", "AudioTimeline", "EncoderPreset", "EncodingOutput", "Muxer", "PORTRAIT_1080",
           "PORTRAIT_720", "PRESETS", "video_frame"]
