"""Putting a show on air: playout + speech + compliance + as-run + audio clock + stream window.

`ProgramView` turns what the playout says is on air at program time t into the stage state and
the avatar pose (pure). `LiveSession` wires the parts together on the Qt event loop: the audio
device's progress is the master clock, frames are paced against it, edits are hot-reloaded and a
watchdog restarts whatever stalls.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QObject, QTimer
from PySide6.QtGui import QImage, QKeySequence, QShortcut

from studio.avatar.layout import place
from studio.avatar.motion import AvatarInput, Pose, Rig, pose_at
from studio.avatar.motion import Cue as AvatarCue
from studio.avatar.mouth import MouthState
from studio.avatar.pack import AvatarPack
from studio.checks import check_show
from studio.core.clock import Clock, SystemClock
from studio.outputs.stream_window import StreamOptions, StreamWindow
from studio.runner.asrun import AsRunLog
from studio.runner.paths import asrun_folder
from studio.runner.planner import Planner
from studio.runner.playout import ON_AIR, Playout, ProgramState
from studio.runner.qt_driver import ProgramClock, SilentClock, make_clock
from studio.runner.watch import ShowWatcher, Watchdog
from studio.show.model import Show
from studio.speech.lipsync import mouth_at
from studio.stage.compose import template_of
from studio.stage.host import load_show_pack
from studio.stage.qt_paint import new_frame
from studio.stage.qt_setup import build_stage
from studio.stage.state import Caption, CardMode, CardState, StageState

log = logging.getLogger(__name__)


@dataclass
class ProgramView:
    """The stage state and avatar pose for program time t, from the playout's ProgramState."""

    show: Show
    pack: AvatarPack | None
    live: bool = True
    template: str | None = None
    seed: int = 0
    _card: CardState = field(default_factory=lambda: CardState(CardMode.HIDDEN, -1e9, CardMode.HIDDEN))
    _product: str | None = None
    _product_since: float = -1e9

    def __post_init__(self) -> None:
        self.rig = Rig(self.pack) if self.pack is not None else None

    def stage_state(self, ps: ProgramState, now: datetime) -> StageState:
        product = None
        if ps.card_product is not None:
            try:
                product = self.show.product(ps.card_product)
            except KeyError:  # removed by a hot reload
                product = None
        if ps.card_product != self._product:
            self._product, self._product_since = ps.card_product, ps.card_since
        self._card = self._card.follow(CardMode.from_cue(ps.card_mode), ps.card_since)
        caption = None
        entry = ps.entry
        if entry is not None and ps.t < entry.pause_end + 0.5:
            caption = Caption.from_timings(entry.segment.text, entry.start, entry.utterance.words,
                                           end=entry.pause_end)
        state = StageState(show=self.show, template=self.template, product=product,
                           product_since=self._product_since, card=self._card, caption=caption,
                           live=self.live, now=now, now_at=ps.t)
        return state.with_pose(self.pose(ps, state))

    def pose(self, ps: ProgramState, state: StageState) -> Pose | None:
        if self.rig is None or self.pack is None:
            return None
        tpl = template_of(state)
        r = tpl.avatar
        placement = place(self.pack.size, (r.x, r.y, r.w, r.h))
        card = placement.to_pack((tpl.card.cx, tpl.card.y + tpl.card.h * 0.35)) if state.product else None
        mouth = MouthState()
        if ps.speaking and ps.entry is not None:
            mouth = MouthState(*mouth_at(ps.entry.utterance.mouth, ps.line_t))
        inp = AvatarInput(
            t=ps.t, speaking=ps.speaking, speaking_since=ps.speaking_since, mouth=mouth,
            expressions=tuple(AvatarCue(c.at, c.name) for c in ps.expressions),
            gestures=tuple(AvatarCue(c.at, c.name) for c in ps.gestures), card=card,
        )
        return pose_at(self.rig, inp, seed=self.seed)


class _ProgramTime:
    """The program clock as the stream window's Clock: frames are paced on what is heard."""

    def __init__(self, session: LiveSession) -> None:
        self.session = session

    def monotonic(self) -> float:
        return self.session.clock.position() if self.session.clock is not None else 0.0

    def now(self) -> datetime:
        return self.session.playout.wall_at(self.monotonic())


class LiveSession(QObject):
    """One show on air (or in preview) in this process."""

    def __init__(self, show: Show, *, live: bool = True, audio: bool = True, window: bool = True,
                 options: StreamOptions | None = None, asrun_dir: Path | None = None,
                 clock: Clock | None = None, seed: int | None = None, resume: bool = True,
                 only_product: str | None = None) -> None:
        super().__init__()
        from studio.compliance.checker import Checker
        from studio.speech.cache import SpeechCache
        from studio.speech.lookahead import LookAhead
        from studio.speech.speaker import Speaker
        from studio.speech.supervisor import WorkerEngine

        self.show = show
        self.wall = clock or SystemClock()
        wall_start = self.wall.now()
        seed = seed if seed is not None else int(wall_start.timestamp())
        self.engine = WorkerEngine()
        self.lookahead = LookAhead(Speaker(self.engine, SpeechCache(), fps=show.fps))
        self.checker = Checker(lists=show.compliance)
        self.asrun = AsRunLog(asrun_dir or asrun_folder(show.root)) if live else None
        planner = Planner(show, seed=seed)
        if only_product is not None:
            planner.interrupt_with_product(only_product)
        elif resume and self.asrun is not None:
            position = self.asrun.last_position()
            if position is not None:
                planner.resume_at(position)
                log.info("resuming after %s item %d of rundown '%s'", "the", position.item, position.rundown)
        self.playout = Playout(show, planner, self.lookahead, wall_start.replace(tzinfo=None),
                               check_line=self._check_line, asrun=self.asrun, live=live)
        if only_product is not None:
            self.playout.stop_after_product()
        pack, notes = load_show_pack(show)
        for note in notes:
            log.warning("avatar: %s", note)
        self.view = ProgramView(show, pack, live=live, seed=seed)
        self.clock: ProgramClock | None = None
        self.want_audio = audio
        self.window: StreamWindow | None = None
        self.watcher = ShowWatcher(show.root, check_show)
        self.watchdog = Watchdog({"frames": 2.0})
        self._steady = QElapsedTimer()
        self._steady.start()
        self._last_pos = -1.0
        self._problems: list[str] = []
        if window:
            kit = build_stage(show)
            self.renderer = kit.renderer
            for note in kit.notes:
                log.warning("stage: %s", note)
            size = template_of(StageState(show=show)).size
            self._buffers = [new_frame(*size), new_frame(*size)]
            self._turn = 0
            self.window = StreamWindow(self.frame, _ProgramTime(self), show.fps, size, options)
            self._shortcuts()
        self._housekeeping = QTimer(self)
        self._housekeeping.timeout.connect(self._tick)

    # ---- running ----

    def start(self) -> None:
        self.playout.cue_up()
        self.clock = make_clock(self.playout, self.want_audio, self, on_air=self.playout.go_live)
        self.clock.stalled.connect(self._audio_stalled)
        if self.window is not None:
            self.window.present()
        self._housekeeping.start(500)
        log.info("on air: %s (%s)", self.show.title, "audio" if self.clock.has_audio else "silent clock")

    def stop(self) -> None:
        self._housekeeping.stop()
        if self.window is not None:
            self.window.stop()
            self.window.close()
        if self.clock is not None:
            self.clock.stop()
        self.playout.stop_now()
        self.lookahead.close()
        self.engine.close()
        if self.asrun is not None:
            self.asrun.close()

    def frame(self, t: float) -> QImage:
        """The picture at program time t (the stream window's frame source)."""
        self.watchdog.beat("frames", self._steady.elapsed() / 1000)
        ps = self.playout.state_at(t)
        state = self.view.stage_state(ps, self.playout.wall_at(t))
        self._turn ^= 1  # two buffers: the window may still hold the previous frame
        return self.renderer.render(state, t, into=self._buffers[self._turn])

    def _check_line(self, text: str, language: str) -> list[str]:
        return [f"'{f.matched_text}' ({f.category}; {f.basis})" for f in self.checker.blocking(text, language)]

    def _tick(self) -> None:
        """Every half second: hot reload, the watchdog, and audio progress."""
        now = self._steady.elapsed() / 1000
        result = self.watcher.poll()
        if result is not None:
            if result.ok and result.show is not None:
                self.show = result.show
                self.playout.reload(result.show)
                self.view = ProgramView(result.show, self.view.pack, live=self.view.live, seed=self.view.seed)
                self.checker = type(self.checker)(lists=result.show.compliance)
            else:
                self._problems = [p.format() for p in result.errors]
                for line in self._problems[:10]:
                    log.warning("edit not applied: %s", line)
        if self.clock is not None:
            pos = self.clock.position()
            if pos > self._last_pos:
                self.watchdog.beat("audio", now)
                self._last_pos = pos
            if "audio" not in self.watchdog.limits and self.playout.status == ON_AIR:
                self.watchdog.expect("audio", 2.0, now)
        for name in self.watchdog.check(now):
            log.error("watchdog: %s stalled; restarting it", name)
            if name == "frames" and self.window is not None:
                self.window.stop()
                self.window.start()
            elif name == "audio":
                self._audio_stalled("no progress for 2 s")

    def _audio_stalled(self, reason: str) -> None:
        """The sound device stopped: carry on with a silent clock so the picture never freezes."""
        if isinstance(self.clock, SilentClock):
            return
        log.error("audio output stalled (%s): continuing with a silent clock", reason)
        if self.clock is not None:
            self.clock.stop()
        self.clock = SilentClock(self.playout, self)
        self.clock.start()

    def _shortcuts(self) -> None:
        assert self.window is not None
        keys = {
            "Space": self._toggle_pause,
            "S": self.playout.skip_line,
            "N": self.playout.next_product,
            "E": self.playout.stop_after_product,
        }
        for key, action in keys.items():
            QShortcut(QKeySequence(key), self.window, activated=action)

    def _toggle_pause(self) -> None:
        if self.playout.status == ON_AIR:
            self.playout.pause()
        else:
            self.playout.resume()
