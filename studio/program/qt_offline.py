"""Offline render: a product's pitch to an MP4 (H.264 + AAC), faster than real time.

The same playout, program view and stage renderer as the live show, driven by frame numbers
instead of the sound card: program time is frame / fps, and the audio for each frame is pulled
from the playout as it would be by the device. Speech is waited for, so nothing is ever cut.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import av
import numpy as np

from studio.core.vocab import PlayoutStatus
from studio.program.host import Host, load_show_pack
from studio.program.qt_stage import build_stage
from studio.program.view import ProgramView
from studio.runner.planner import Planner, Segment
from studio.runner.playout import Playout, compliance_reasons
from studio.show.model import Show
from studio.stage.compose import template_of
from studio.stage.qt_paint import frame_array, new_frame
from studio.stage.state import StageState

log = logging.getLogger(__name__)

AUDIO_RATE = 48_000  # what platforms and players expect for AAC


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
                 cancel: Callable[[], bool] | None = None) -> RenderResult:
    """Render `product_id`'s pitch as it would air at wall-clock `when` into `out` (MP4).

    `cancel` is asked before every frame; when it returns True the render stops cleanly (encoder
    and file closed, the partial file deleted) and RenderCancelled is raised.
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

    engine = WorkerEngine()
    lookahead = LookAhead(Speaker(engine, SpeechCache(), fps=show.fps))
    try:
        playout = Playout(show, planner, lookahead, when, check_line=check, live=False, offline=True)
        pack, notes = load_show_pack(show)
        for note in notes:
            log.warning("avatar: %s", note)
        view = ProgramView(show, Host(pack, seed) if pack is not None else None, live=True, template=template)
        kit = build_stage(show)
        state0 = StageState(show=show, template=template)
        width, height = template_of(state0).size
        image = new_frame(width, height)
        playout.stop_after_product()
        playout.go_live()
        return _encode(show, playout, view, kit.renderer, image, out, width, height, tail, crf, progress,
                       tuple(findings), cancel)
    finally:
        lookahead.close()
        engine.close()


class _Encoder:
    """Encodes and muxes on its own thread (PyAV releases the GIL), so drawing and encoding overlap
    on two cores. A bounded queue: drawing never runs more than a few frames ahead."""

    def __init__(self, container: av.container.OutputContainer, video, audio, resampler) -> None:  # noqa: ANN001
        self.container, self.video, self.audio, self.resampler = container, video, audio, resampler
        self.queue: queue.Queue[tuple[str, object] | None] = queue.Queue(maxsize=4)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="render-encoder", daemon=True)
        self.thread.start()

    def put(self, kind: str, frame: object) -> None:
        if self.error is not None:
            raise self.error
        self.queue.put((kind, frame))

    def close(self) -> None:
        self.queue.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error

    def _run(self) -> None:
        try:
            while (item := self.queue.get()) is not None:
                kind, frame = item
                if kind == "video":
                    packets = list(self.video.encode(frame))
                else:
                    packets = [p for rf in self.resampler.resample(frame) for p in self.audio.encode(rf)]
                for packet in packets:
                    self.container.mux(packet)
            for packet in self.video.encode():
                self.container.mux(packet)
            for rf in self.resampler.resample(None):
                for packet in self.audio.encode(rf):
                    self.container.mux(packet)
            for packet in self.audio.encode():
                self.container.mux(packet)
        except BaseException as exc:  # handed to the drawing thread at its next put/close
            self.error = exc
            while self.queue.get() is not None:  # let the producer finish without blocking
                pass


def _encode(show: Show, playout: Playout, view: ProgramView, renderer, image, out: Path,  # noqa: ANN001
            width: int, height: int, tail: float, crf: int,
            progress: Callable[[float, str], None] | None, findings: tuple[str, ...],
            cancel: Callable[[], bool] | None = None) -> RenderResult:
    fps = show.fps
    per_frame = playout.sample_rate / fps
    out.parent.mkdir(parents=True, exist_ok=True)
    container = av.open(str(out), mode="w")
    cancelled = False
    try:
        container.metadata["title"] = show.title
        container.metadata["comment"] = f"AIGC: {show.disclosure} (studio)"  # the implicit AI label
        video = container.add_stream("libx264", rate=fps)
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        video.options = {"preset": "ultrafast", "crf": str(crf)}
        audio = container.add_stream("aac", rate=AUDIO_RATE, layout="stereo")
        encoder = _Encoder(container, video, audio,
                           av.AudioResampler(format="fltp", layout="stereo", rate=AUDIO_RATE))
        frame_no = 0
        pulled = 0
        end_at: float | None = None
        while True:
            if cancel is not None and cancel():
                cancelled = True
                break
            t = frame_no / fps
            target = int(round((frame_no + 1) * per_frame))
            pcm = playout.pull(target - pulled)
            pulled = target
            ps = playout.state_at(t)
            state = view.stage_state(ps, playout.wall_at(t))
            renderer.render(state, t, into=image)
            vf = av.VideoFrame.from_ndarray(np.asarray(frame_array(image)), format="bgra")  # a copy
            vf.pts = frame_no
            encoder.put("video", vf)
            af = av.AudioFrame.from_ndarray(pcm.reshape(1, -1), format="s16", layout="mono")
            af.sample_rate = playout.sample_rate
            encoder.put("audio", af)
            frame_no += 1
            if progress and ps.entry is not None:
                progress(t, ps.entry.segment.text)
            if end_at is None and _finished(playout):
                end_at = playout.t + tail
            if end_at is not None and t >= end_at:
                break
            if t > 3600:  # a pitch is never an hour long: a planner bug must not fill the disk
                encoder.close()
                raise RuntimeError("the render did not end within an hour of program time")
        encoder.close()
    finally:
        container.close()
        if cancelled:
            out.unlink(missing_ok=True)
    if cancelled:
        raise RenderCancelled(f"cancelled after {frame_no} frames; {out} was deleted")
    stats = playout.stats
    return RenderResult(out, frame_no / fps, frame_no, stats.aired + stats.failed, stats.failed, findings)


def _finished(playout: Playout) -> bool:
    """The pitch is over: the playout stopped when the next product would have started."""
    return playout.status is PlayoutStatus.STOPPED


__all__ = ["RenderCancelled", "RenderResult", "render_pitch"]
