"""Putting a show on air: playout + speech + compliance + as-run + audio clock + stream window.

`LiveSession` wires the parts together on the Qt event loop: the audio device's progress is the
master clock, frames are paced against it and drawn from `studio.program.view.ProgramView`,
edits are hot-reloaded and a watchdog restarts whatever stalls.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer
from PySide6.QtGui import QImage, QKeySequence, QShortcut

from studio.avatar.pack import PackResult
from studio.checks import check_show, show_pack
from studio.core.clock import Clock, SystemClock
from studio.core.live_registry import ShowAlreadyLive, ShowLock
from studio.core.vocab import PlayoutStatus
from studio.outputs.pacing import FramePacer
from studio.outputs.stream_window import StreamOptions, StreamWindow
from studio.runner.asrun import AsRunLog
from studio.runner.paths import asrun_folder
from studio.runner.planner import Planner, Segment
from studio.program.host import Host, pack_errors
from studio.program.qt_stage import StageKit, build_stage
from studio.program.silent import SilentSpeech
from studio.program.view import ProgramView
from studio.runner.playout import Playout, SpeechSource, compliance_reasons
from studio.runner.qt_driver import ProgramClock, SilentClock, make_clock
from studio.runner.watch import ShowWatcher, Watchdog
from studio.show.model import Show
from studio.stage.compose import template_of
from studio.stage.qt_paint import frame_array, new_frame
from studio.stage.state import StageState

log = logging.getLogger(__name__)


class _ProgramTime:
    """The program clock as the stream window's Clock: frames are paced on what is heard."""

    def __init__(self, session: LiveSession) -> None:
        self.session = session

    def monotonic(self) -> float:
        return self.session.clock.position() if self.session.clock is not None else 0.0

    def now(self) -> datetime:
        return self.session.playout.wall_at(self.monotonic())


def claim_show(show: Show) -> ShowLock | None:
    """Take the show's lock before anything starts; ShowAlreadyLive (naming the pid) when it is on air.

    None when the state folder cannot hold the lock (read-only): the show goes on, unguarded.
    """
    try:
        return ShowLock.acquire(show.root)
    except OSError as exc:
        log.warning("cannot lock the show in the state folder (%s): a second `studio live` of it would "
                    "not be refused, and `studio comment` will not find it", exc)
        return None


def _gives_back_the_lock(init: Callable[..., None]) -> Callable[..., None]:
    """A session that fails to start releases its show's lock at once, not whenever it is collected."""

    @functools.wraps(init)
    def wrapper(self: LiveSession, *args: Any, **kwargs: Any) -> None:
        try:
            init(self, *args, **kwargs)
        except BaseException:
            lock = getattr(self, "lock", None)
            if lock is not None:
                lock.release()
            raise

    return wrapper


class LiveSession(QObject):
    """One show on air (or in preview) in this process.

    On air, it holds the show's lock (`studio.core.live_registry`) from before anything starts
    until `stop()`: a second session of the same show, in any process, raises ShowAlreadyLive
    (naming the pid to stop). A caller that already tried (`claim_show`) passes `claimed=True` and
    the `lock` it got, None if the state folder could not hold one; the session owns it then.

    The show's avatar pack is loaded once: `pack` is the one its check loaded
    (`studio.checks.CheckedShow.pack`), else the session loads it; the stage kit is built from it.
    Edits are checked off the UI thread (`ShowWatcher`) and swapped in on it; a changed avatar
    goes on air with the next product. `speech` replaces the TTS engine (a stand-in source).

    `silent=True` plays what would air without a voice (`studio stream`): lines timed by estimate
    (`SilentSpeech`), no sound; nothing is claimed or logged, as nothing airs.
    """

    @_gives_back_the_lock
    def __init__(self, show: Show, *, live: bool = True, audio: bool = True, window: bool = True,
                 options: StreamOptions | None = None, asrun_dir: Path | None = None,
                 clock: Clock | None = None, seed: int | None = None, resume: bool = True,
                 only_product: str | None = None, outputs: list | None = None,
                 control: bool = False, control_port: int = 0, lock: ShowLock | None = None,
                 claimed: bool = False, pack: PackResult | None = None,
                 speech: SpeechSource | None = None, silent: bool = False, template: str | None = None,
                 placeholder: bool = False) -> None:
        super().__init__()
        self.lock: ShowLock | None = lock
        if live and not silent and lock is None and not claimed:
            try:
                self.lock = claim_show(show)
            except ShowAlreadyLive:
                for output in outputs or ():
                    output.close()  # built by the caller for this session; they never got a frame
                raise
        from studio.compliance.checker import Checker
        from studio.speech.cache import SpeechCache
        from studio.speech.lookahead import LookAhead
        from studio.speech.speaker import Speaker
        from studio.speech.supervisor import WorkerEngine

        self.show = show
        self.wall = clock or SystemClock()
        wall_start = self.wall.now()
        seed = seed if seed is not None else int(wall_start.timestamp())
        self.seed = seed
        self.placeholder = placeholder  # --placeholder-avatar: the stage's own host, no pack
        self.pack = pack if pack is not None or placeholder else show_pack(show)
        # Frames are drawn for the window or, headless, for the outputs. The kit is built before
        # speech starts: without a CJK font (FontRequirementError) nothing is left running.
        self.draws = bool(window or outputs)
        self.kits: list[StageKit] = []  # the kit of every host the view may put on air
        size = template_of(StageState(show=show, template=template)).size
        self._buffers = [new_frame(*size), new_frame(*size)] if self.draws else []
        self._turn = 0
        self._drawn_turn = -1e9  # the product turn of the last frame drawn
        host = self._cast(show, self.pack)
        self.engine: WorkerEngine | None = None
        if speech is None and silent:
            speech = SilentSpeech(show.fps)
            audio = False
        if speech is None:
            self.engine = WorkerEngine()
            speech = LookAhead(Speaker(self.engine, SpeechCache(), fps=show.fps))
        self.speech = speech
        self.checker = Checker(lists=show.compliance)
        self.asrun = AsRunLog(asrun_dir or asrun_folder(show.root)) if live and not silent else None
        planner = Planner(show, seed=seed)
        if only_product is not None:
            planner.interrupt_with_product(only_product)
        elif resume and self.asrun is not None:
            position = self.asrun.last_position()
            if position is not None:
                planner.resume_at(position)
                log.info("resuming after %s item %d of rundown '%s'", "the", position.item, position.rundown)
        self.playout = Playout(show, planner, self.speech, wall_start.replace(tzinfo=None),
                               check_line=self._check_line, asrun=self.asrun, live=live)
        if only_product is not None:
            self.playout.stop_after_product()
        self.view = ProgramView(show, host, live=live, template=template)
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
            self.window = StreamWindow(self.frame, _ProgramTime(self), show.fps, size, options)
            self._shortcuts()
        self._housekeeping = QTimer(self)
        self._housekeeping.timeout.connect(self._tick)
        # Viewer comments and remote control on 127.0.0.1 (token required), handled on this thread.
        self.server = None
        if control:
            self._start_control(control_port)
        # Outputs (recorder, RTMP…): frames and the exact program audio, on shared program time.
        self.bus = None
        if outputs:
            from studio.outputs.bus import AudioChunk, ProgramBus

            self.bus = ProgramBus()
            for output in outputs:
                self.bus.subscribe(output)
            bus = self.bus
            self.playout.audio_taps.append(
                lambda t, pcm: bus.publish_audio(AudioChunk(t, pcm, self.playout.sample_rate)))
            if self.window is None:  # headless: frames are still drawn, for the outputs
                self._frames = QTimer(self)
                self._frames.setTimerType(Qt.TimerType.PreciseTimer)
                self._frames.timeout.connect(self._headless_frame)
                self._pacer: FramePacer | None = None

    # ---- running ----

    def start(self) -> None:
        self.playout.cue_up()
        self.clock = make_clock(self.playout, self.want_audio, self, on_air=self.playout.go_live)
        self.clock.stalled.connect(self._audio_stalled)
        if self.window is not None:
            self.window.present()
        elif self.bus is not None:
            self._pacer = FramePacer(_ProgramTime(self), self.show.fps)
            self._frames.start(max(1, int(500 / self.show.fps)))  # twice a frame: the pacer decides
        self._housekeeping.start(500)
        log.info("on air: %s (%s)", self.show.title, "audio" if self.clock.has_audio else "silent clock")

    def stop(self) -> None:
        """Off air: stop everything that produces frames or audio first, then flush the outputs."""
        self._housekeeping.stop()
        if self.server is not None:
            self._chat_timer.stop()
            if self.lock is not None:
                self.lock.withdraw()  # clients stop finding it before it stops answering
            self.server.close()
            self.server = None
        if self.window is not None:
            self.window.stop()
            self.window.close()
        elif self.bus is not None:
            self._frames.stop()
        if self.clock is not None:
            self.clock.stop()
        self.playout.stop_now()
        if self.bus is not None:
            self.bus.close()  # writes the recordings' indexes: they play even when cut short
        close = getattr(self.speech, "close", None)
        if close is not None:
            close()
        if self.engine is not None:
            self.engine.close()
        if self.asrun is not None:
            self.asrun.close()
        if self.lock is not None:
            self.lock.release()  # last: the next `studio live` of this show may start now

    def frame(self, t: float) -> QImage:
        """The picture at program time t (the stream window's frame source)."""
        self.watchdog.beat("frames", self._steady.elapsed() / 1000)
        ps = self.playout.state_at(t)
        view = self.view
        self._drawn_turn = ps.turn_since
        state = view.stage_state(ps, self.playout.wall_at(t))
        self._turn ^= 1  # two buffers: the window may still hold the previous frame
        image = self._kit_of(view.host_at(ps)).renderer.render(state, t, into=self._buffers[self._turn])
        if self.bus is not None:
            from studio.outputs.bus import VideoFrame

            self.bus.publish_video(VideoFrame(t, np.array(frame_array(image))))  # a copy the bus owns
        return image

    def _headless_frame(self) -> None:
        tick = self._pacer.due() if self._pacer is not None else None
        if tick is not None:
            self.frame(tick.t)

    def _check_line(self, segment: Segment) -> list[str]:
        # Blocked wording, and warning wording the show file does not approve (strict by default).
        return compliance_reasons(self.checker, self.show, segment)

    def _tick(self) -> None:
        """Every half second: hot reload, the watchdog, audio progress, as-run records that wait."""
        now = self._steady.elapsed() / 1000
        if self.asrun is not None:
            self.asrun.retry()  # records kept in memory while the day file could not be written
        result = self.watcher.poll()  # the check ran on the watcher's thread; the swap happens here
        if result is not None:
            if result.show is not None:
                self._take(result.show, result.pack)
            else:
                self._problems = [p.format() for p in result.errors]
                for line in self._problems[:10]:
                    log.warning("edit not applied: %s", line)
        if self.clock is not None:
            pos = self.clock.position()
            if pos > self._last_pos:
                self.watchdog.beat("audio", now)
                self._last_pos = pos
            if "audio" not in self.watchdog.limits and self.playout.status is PlayoutStatus.ON_AIR:
                self.watchdog.expect("audio", 2.0, now)
        for name in self.watchdog.check(now):
            log.error("watchdog: %s stalled; restarting it", name)
            if name == "frames" and self.window is not None:
                self.window.stop()
                self.window.start()
            elif name == "audio":
                self._audio_stalled("no progress for 2 s")

    def _take(self, show: Show, pack: PackResult | None) -> None:
        """Put an edited show on air: its lines from the next segment, a changed avatar from the next product."""
        self.show = show
        self.playout.reload(show)
        if self.server is not None:
            self.inbox.replace_show(show)
        self.checker = type(self.checker)(lists=show.compliance)
        # Frames ask for later times only: hosts that went off air before the frame on screen are done.
        on_screen = self._drawn_turn if self.draws else self.playout.state_at(self.playout.t).turn_since
        view = replace(self.view, show=show).from_turn(on_screen)
        if (pack is not None and not self.placeholder
                and (self.pack is None or (pack.root, pack.pack) != (self.pack.root, self.pack.pack))):
            self.pack = pack
            # Lines planned from the edited show start after the playout's present position.
            view = view.with_host_from(self._cast(show, pack), self.playout.t)
        on_air = {id(view.host), *(id(host) for _, host in view.later_hosts)}
        self.kits = [kit for kit in self.kits if id(kit.host) in on_air]
        for kit in self.kits:
            kit.renderer.prepare(show)  # a new photo, background or logo is loaded now, not on air
        self.view = view

    def _cast(self, show: Show, pack: PackResult | None) -> Host | None:
        """The host for `pack` and, when frames are drawn, its stage kit (fonts and photos shared)."""
        for note in pack_errors(pack) if pack is not None else ():
            log.warning("avatar: %s", note)
        if not self.draws:
            return Host(pack.pack, self.seed) if pack is not None and pack.pack is not None else None
        first = self.kits[0].renderer if self.kits else None
        kit = build_stage(show, pack, placeholder=self.placeholder, seed=self.seed,
                          photos=first.painter.photos if first else None, fonts=first.fonts if first else None)
        for note in kit.notes:
            log.warning("stage: %s", note)
        self.kits.append(kit)
        return kit.host

    def _kit_of(self, host: Host | None) -> StageKit:
        """The kit that draws `host` (frames are asked for only when the session draws)."""
        return next(kit for kit in reversed(self.kits) if kit.host is host)

    # ---- comments and remote control ----

    def _start_control(self, port: int) -> None:
        from studio.chat.inbox import CommentInbox
        from studio.chat.remote import CommandRelay, StatusBoard, playout_commands
        from studio.chat.server import ControlServer, ensure_token

        self.inbox = CommentInbox(self.show, clock=self.wall, record=self._chat_event)
        self.board = StatusBoard()
        self.relay = CommandRelay(playout_commands(self.playout))
        try:
            token, token_file = ensure_token()
        except OSError as exc:  # an unwritable state folder must not stop the show either
            log.error("comments and remote control are off: cannot keep the control token (%s)", exc)
            return
        try:
            self.server = ControlServer(self.inbox, self.board, self.relay, token, port=port).start()
        except OSError as exc:  # a taken port must not stop the show
            log.error("comments and remote control are off: cannot listen on 127.0.0.1:%s (%s)", port, exc)
            return
        if self.lock is not None:
            try:
                self.lock.publish(self.server.port, self.server.url, self.show.title)
            except OSError as exc:
                log.error("cannot list the show among the live ones (%s): `studio comment` needs --port %d",
                          exc, self.server.port)
        log.info("comments and remote control: %s (token in %s)", self.server.url, token_file)
        self._chat_timer = QTimer(self)
        self._chat_timer.timeout.connect(self._chat_tick)
        self._chat_timer.start(250)

    def _chat_tick(self) -> None:
        """On the Qt thread: run remote commands, hand answers to the playout, publish status."""
        from studio.chat.remote import playout_status
        from studio.runner.planner import FAQ

        t = self.clock.position() if self.clock is not None else self.playout.t
        entry = self.playout.state_at(t).entry
        self.inbox.set_on_air(entry.segment.product if entry is not None else None)
        self.relay.run_pending()
        if not any(seg.kind == FAQ for seg in self.playout.up_next()):  # one answer at a time
            self.inbox.pump(lambda product, lines, comment: self.playout.answer(product, lines))
        self.board.update(playout_status(self.playout, t))

    def _chat_event(self, event) -> None:  # noqa: ANN001 - studio.chat.inbox.ChatEvent
        """Every handled comment goes in the as-run log (the answer itself is logged when it airs)."""
        if self.asrun is None:
            return
        from studio.runner.asrun import AsRunRecord

        note = event.answer if event.outcome == "answered" else event.reason
        self.asrun.append(AsRunRecord(
            start=event.time.replace(tzinfo=None) if event.time.tzinfo else event.time,
            end=event.time.replace(tzinfo=None) if event.time.tzinfo else event.time,
            line_id=f"chat/{event.rule or 'none'}", kind="comment", text=f"{event.user}: {event.question}",
            outcome=event.outcome, product=event.product, note=note,
        ))

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
        if self.playout.status is PlayoutStatus.ON_AIR:
            self.playout.pause()
        else:
            self.playout.resume()
