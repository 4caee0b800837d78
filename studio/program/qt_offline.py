"""Offline render: a product's pitch to an MP4 (H.264 + AAC), faster than real time.

The same playout, program view and stage renderer as the live show, driven by frame numbers
instead of the sound card: program time is frame / fps, and the audio for each frame is pulled
from the playout as it would be by the device. Speech is waited for, so nothing is ever cut. The
file is written as the recorder writes its files (`studio.outputs.recorder.mp4_file`): one
encoder and muxer path, one AI label in the metadata.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np

from studio.avatar.pack import PackResult
from studio.core.vocab import PlayoutStatus
from studio.outputs.encoding import AudioTimeline, EncoderPreset, Muxer, video_frame
from studio.outputs.recorder import mp4_file
from studio.program.offline import OfflineProgram
from studio.program.qt_stage import build_stage
from studio.program.view import ProgramView
from studio.runner.planner import Planner, Segment
from studio.runner.playout import Playout, compliance_reasons
from studio.show.model import Show
from studio.stage.compose import template_of
from studio.stage.qt_paint import frame_array, new_frame
from studio.stage.state import StageState

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RenderResult:
    """What was written: the file, its length, frames, lines and how fast it went."""

    path: Path
    seconds: float
    frames: int
    lines: int
    failed_lines: int
    findings: tuple[str, ...]


class RenderCancelled(Exception):
    """`cancel()` said stop: the encoder and the file were closed and the partial file deleted."""


def render_pitch(show: Show, product_id: str, out: Path, *, when: datetime, template: str | None = None,
                 seed: int = 0, tail: float = 0.6, crf: int = 20,
                 progress: Callable[[float, str], None] | None = None,
                 check_line: Callable[[str, str], list[str]] | None = None,
                 cancel: Callable[[], bool] | None = None, pack: PackResult | None = None) -> RenderResult:
    """Render `product_id`'s pitch as it would air at wall-clock `when` into `out` (MP4).

    `cancel` is asked before every frame; when it returns True the render stops cleanly (encoder
    and file closed, the partial file deleted) and RenderCancelled is raised. `pack` is the show's
    avatar pack as its check loaded it (loaded here when not given).
    """
    from studio.speech.cache import SpeechCache
    from studio.speech.lookahead import LookAhead
    from studio.speech.speaker import Speaker
    from studio.speech.supervisor import WorkerEngine

    from studio.compliance.approval import UNAPPROVED
    from studio.compliance.checker import Checker

    planner = Planner(show, seed=seed)
    planner.interrupt_with_product(product_id)
    findings: list[str] = []
    checker = Checker(lists=show.compliance)

    def check(segment: Segment) -> list[str]:
        text = segment.text
        found = check_line(text, segment.language) if check_line else []
        # Warning wording the show does not approve is skipped on air: the render plays it, and says so.
        found += [r for r in compliance_reasons(checker, show, segment) if r.startswith(UNAPPROVED)]
        findings.extend(f"{text[:30]}…: {f}" for f in found)
        return found

    kit = build_stage(show, pack, seed=seed)  # before speech starts: a missing font leaves nothing running
    for note in kit.notes:
        log.warning("stage: %s", note)
    view = ProgramView(show, kit.host, live=True, template=template)
    width, height = template_of(StageState(show=show, template=template)).size
    image = new_frame(width, height)
    engine = WorkerEngine()
    lookahead = LookAhead(Speaker(engine, SpeechCache(), fps=show.fps))
    try:
        playout = Playout(show, planner, lookahead, when, check_line=check, live=False, offline=True)
        playout.stop_after_product()
        playout.go_live()
        return _encode(show, OfflineProgram(playout, view), kit.renderer, image, out, width, height, tail, crf,
                       when, progress, findings, cancel)
    finally:
        lookahead.close()
        engine.close()


class _Writer:
    """Encodes and muxes on its own thread (PyAV releases the GIL), so drawing and encoding overlap
    on two cores. A bounded queue: drawing never runs more than a few frames ahead, and never drops one."""

    def __init__(self, muxer: Muxer) -> None:
        self.muxer = muxer
        self.queue: queue.Queue[tuple[bool, np.ndarray, int] | None] = queue.Queue(maxsize=4)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="render-encoder", daemon=True)
        self.thread.start()

    def video(self, pixels: np.ndarray, pts: int) -> None:
        """BGRA pixels the writer may keep (a copy) as frame `pts`."""
        self._put((True, pixels, pts))

    def audio(self, pieces: list[tuple[int, np.ndarray]]) -> None:
        """Converted audio pieces, (sample position, samples), from encoding.AudioTimeline."""
        for position, samples in pieces:
            self._put((False, samples, position))

    def close(self, keep: bool = True) -> None:
        """Finish the file (`keep`) or drop it unfinished; raises what went wrong on the writer's thread."""
        self.queue.put(None)
        self.thread.join()
        if keep and self.error is None:
            self.muxer.close()
        else:
            self.muxer.abort()
        if self.error is not None:
            raise self.error

    def _put(self, item: tuple[bool, np.ndarray, int]) -> None:
        if self.error is not None:
            raise self.error
        self.queue.put(item)

    def _run(self) -> None:
        try:
            while (item := self.queue.get()) is not None:
                is_video, data, pts = item
                if is_video:
                    self.muxer.write_video(video_frame(data, self.muxer.preset), pts)
                else:
                    self.muxer.write_audio(data, pts)
        except BaseException as exc:  # handed to the drawing thread at its next put/close
            self.error = exc
            while self.queue.get() is not None:  # let the producer finish without blocking
                pass


def _encode(show: Show, program: OfflineProgram, renderer, image, out: Path,  # noqa: ANN001
            width: int, height: int, tail: float, crf: int, when: datetime,
            progress: Callable[[float, str], None] | None, findings: list[str],
            cancel: Callable[[], bool] | None = None) -> RenderResult:
    fps = show.fps
    playout = program.playout
    out.parent.mkdir(parents=True, exist_ok=True)
    # The recorder's file: the same encoder and muxer path and the same AI label in the metadata.
    preset = EncoderPreset(width, height, fps, crf=crf, x264_preset="ultrafast")
    writer = _Writer(mp4_file(out, preset, show.disclosure, show.title, when))
    timeline = AudioTimeline(0.0, preset)
    frame_no = 0
    end_at: float | None = None
    finished = False
    try:
        while not (cancel is not None and cancel()):
            t = frame_no / fps
            chunk = program.pull_to((frame_no + 1) / fps)  # the frame's sound, as a device pulls it ahead
            state, ps = program.at(t)
            renderer.render(state, t, into=image)
            writer.video(np.array(frame_array(image)), frame_no)  # a copy the writer owns
            writer.audio(timeline.push(chunk))
            frame_no += 1
            if progress and ps.entry is not None:
                progress(t, ps.entry.segment.text)
            if end_at is None and _finished(playout):
                end_at = playout.t + tail
            if end_at is not None and t >= end_at:
                writer.audio(timeline.flush())
                finished = True
                break
            if t > 3600:  # a pitch is never an hour long: a planner bug must not fill the disk
                raise RuntimeError("the render did not end within an hour of program time")
    finally:
        writer.close(keep=finished)
        if not finished:
            out.unlink(missing_ok=True)
    if not finished:
        raise RenderCancelled(f"cancelled after {frame_no} frames; {out} was deleted")
    stats = playout.stats
    return RenderResult(out, frame_no / fps, frame_no, stats.aired + stats.failed, stats.failed, tuple(findings))


def _finished(playout: Playout) -> bool:
    """The pitch is over: the playout stopped when the next product would have started."""
    return playout.status is PlayoutStatus.STOPPED


__all__ = ["RenderCancelled", "RenderResult", "render_pitch"]
