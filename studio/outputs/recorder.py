"""The recorder: the program as MP4 (H.264 + AAC) files of N minutes each, AI label in every file.

`mp4_file` opens every MP4 studio writes — the recorder's and an offline render's — with the same
encoder settings' path (encoding.Muxer) and the same AI label (studio.checks.disclosure).

Qt-free; an output for bus.ProgramBus. Segment k holds program frames [k·N·fps, (k+1)·N·fps) from
the first frame and exactly the audio samples of the same span, so cuts fall on the frame grid,
every file starts with a keyframe (each file has its own encoder) and no frame or sample is lost
or written twice across a cut. Audio often runs ahead of the picture (the sound card pulls first),
so the next file may open before the previous one closes; each closes once both streams are past
its end. A folder that can't be written is an error in the health and the log, not a crash.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np

from studio.checks.disclosure import labels_for
from studio.core.clock import Clock, SystemClock
from studio.outputs.bus import FAILED, RUNNING, VideoFrame
from studio.outputs.encoding import EncoderPreset, EncodingOutput, Muxer, video_frame

log = logging.getLogger(__name__)

NAME_FORMAT = "%Y-%m-%d_%H-%M-%S"
LATE_AUDIO_SECONDS = 2.0  # a file waits this long past its end for late audio, then closes anyway


def file_metadata(ai_label: str, content_id: str, title: str, start: datetime) -> dict[str, str]:
    """An MP4's tags: the AI labels (content number `content_id`), its title and when it starts."""
    tags = dict(labels_for(ai_label, content_id=content_id).metadata)  # DisclosureMissing when empty
    if title:
        tags["title"] = title
    tags["creation_time"] = start.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000000Z")
    return tags


def mp4_file(path: Path, preset: EncoderPreset, ai_label: str, title: str, start: datetime) -> Muxer:
    """A new MP4 file at `path`, labelled as AI content and named by its file name (the content number)."""
    # use_metadata_tags: MP4 keeps custom tags such as AIGC only with this flag
    return Muxer(str(path), preset, format="mp4", metadata=file_metadata(ai_label, path.stem, title, start),
                 options={"movflags": "use_metadata_tags"})


class _Segment:
    """One open file: segment `index`, its muxer, and where it starts on the frame grid."""

    def __init__(self, index: int, path: Path, muxer: Muxer | None, first_pts: int, first_sample: int) -> None:
        self.index, self.path, self.muxer = index, path, muxer  # muxer None: this file could not be opened
        self.first_pts, self.first_sample = first_pts, first_sample


class Recorder(EncodingOutput):
    """Records the program to `folder` as MP4 files of `segment_minutes` each, named by local start time."""

    def __init__(self, folder: Path | str, preset: EncoderPreset, segment_minutes: float, title: str,
                 ai_label: str, *, name: str = "recorder", clock: Clock | None = None, max_frames: int = 6) -> None:
        labels_for(ai_label)  # refuse an unlabelled recording before anything starts
        if segment_minutes <= 0:
            raise ValueError(f"segment_minutes must be positive, not {segment_minutes}")
        self.folder = Path(folder)
        self.title, self.ai_label = title, ai_label
        self.segment_frames = max(1, round(segment_minutes * 60 * preset.fps))
        self.files: list[Path] = []  # every file finished so far, in order
        self._segments: dict[int, _Segment] = {}
        self._start_wall: datetime | None = None
        self._video_next = 0  # pts after the last frame written or skipped
        super().__init__(name, preset, max_frames=max_frames, clock=clock or SystemClock())

    # -- routing ---------------------------------------------------------------------------------

    def _video_at(self, frame: VideoFrame, pts: int) -> None:
        if self._start_wall is None:
            self._start_wall = self.clock.now()
        index = pts // self.segment_frames
        segment = self._segment(index)
        self._video_next = pts + 1
        if segment.muxer is None:
            self._dropped()
        else:
            try:
                before = segment.muxer.bytes
                segment.muxer.write_video(video_frame(frame.pixels, self.preset), pts - segment.first_pts)
                self._wrote(1, segment.muxer.bytes - before)
            except Exception as exc:  # disk full, folder gone: lose this file, try again with the next
                self._fail(segment, f"writing {segment.path} failed: {exc}")
                self._dropped()
        self._close_finished()

    def _audio_at(self, position: int, samples: np.ndarray) -> None:
        base, end = position, position + samples.shape[1]
        while position < end:  # a piece may straddle a cut: each file gets exactly its own samples
            index = self._index_of_sample(position)
            stop = min(end, self.preset.samples_at((index + 1) * self.segment_frames))
            segment = self._segment(index)
            if segment.muxer is not None:
                piece = samples[:, position - base:stop - base]
                try:
                    segment.muxer.write_audio(piece, position - segment.first_sample)
                except Exception as exc:
                    self._fail(segment, f"writing {segment.path} failed: {exc}")
            position = stop
        self._close_finished()

    def _index_of_sample(self, position: int) -> int:
        index = position * self.preset.fps // (self.preset.audio_rate * self.segment_frames)
        while self.preset.samples_at((index + 1) * self.segment_frames) <= position:  # rounding at the edge
            index += 1
        while index > 0 and self.preset.samples_at(index * self.segment_frames) > position:
            index -= 1
        return index

    def _segment(self, index: int) -> _Segment:
        segment = self._segments.get(index)
        if segment is None:
            segment = self._open(index)
            self._segments[index] = segment
        return segment

    def _close_finished(self) -> None:
        audio_next = self.timeline.position if self.timeline else 0
        late = round(LATE_AUDIO_SECONDS * self.preset.fps)
        for index in sorted(self._segments):
            end_pts = (index + 1) * self.segment_frames
            video_past = self._video_next >= end_pts
            audio_past = audio_next >= self.preset.samples_at(end_pts) or self._video_next >= end_pts + late
            if video_past and audio_past:
                self._finish_segment(self._segments.pop(index))

    # -- files -----------------------------------------------------------------------------------

    def _open(self, index: int) -> _Segment:
        first_pts = index * self.segment_frames
        start = (self._start_wall or self.clock.now()) + timedelta(seconds=first_pts / self.preset.fps)
        path = self._free_name(start)
        segment = _Segment(index, path, None, first_pts, self.preset.samples_at(first_pts))
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            segment.muxer = mp4_file(path, self.preset, self.ai_label, self.title, start)
        except Exception as exc:
            self._fail(segment, f"cannot record to {self.folder}: {_reason(exc)} — check that the folder "
                                f"exists and is writable; the show goes on without recording")
            return segment
        log.info("%s: recording %s", self.name, path)
        if self.state != RUNNING:
            self.state, self.last_error = RUNNING, ""
        return segment

    def _free_name(self, start: datetime) -> Path:
        stem = start.strftime(NAME_FORMAT)
        path, n = self.folder / f"{stem}.mp4", 1
        while path.exists() or any(s.path == path for s in self._segments.values()):
            n += 1
            path = self.folder / f"{stem}_{n}.mp4"
        return path

    def _finish_segment(self, segment: _Segment) -> None:
        if segment.muxer is None:
            return
        try:
            segment.muxer.close()
        except Exception as exc:
            self._fail(segment, f"finishing {segment.path} failed: {exc}")
            return
        self.files.append(segment.path)
        log.info("%s: finished %s (%d frames)", self.name, segment.path, segment.muxer.video_frames)

    def _fail(self, segment: _Segment, message: str) -> None:
        if segment.muxer is not None:
            segment.muxer.abort()
            segment.muxer = None
        if message != self.last_error:
            log.error("%s: %s", self.name, message)
        # failed but not given up: the next file tries again (a freed disk, a remounted folder)
        self.state, self.last_error = FAILED, message

    def _finish(self) -> None:
        for index in sorted(self._segments):
            self._finish_segment(self._segments.pop(index))


def _reason(exc: BaseException) -> str:
    """The OS's words for an error, without PyAV's repetition of the path."""
    return getattr(exc, "strerror", None) or str(exc)


__all__ = ["FAILED", "Recorder", "file_metadata", "mp4_file"]
