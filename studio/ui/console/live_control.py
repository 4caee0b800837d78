"""Live control: going on air with a LiveSession, the transport commands, and the on-air status.

The console's half of a live show: it starts the session on the show as saved on disk, sends the
operator's commands to the playout (pause, skip line, next product, interrupt, stop) and reads the
playout's status every STATUS_MS for the transport bar. A mixin of ConsoleWindow.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QMessageBox

from studio.core.vocab import PlayoutStatus
from studio.show.loader import LoadResult
from studio.show.model import Show
from studio.ui.console.asrun_panel import AsRunPanel
from studio.ui.console.draft import ShowDraft
from studio.ui.console.preview import PreviewPane
from studio.ui.console.transport import InterruptDialog, TransportBar
from studio.ui.console.window_part import WindowPart

STATUS_MS = 250


class Session(Protocol):
    """What the console needs of a LiveSession (a stand-in with these members works in tests)."""

    playout: Any
    clock: Any
    window: Any
    bus: Any
    show: Show

    def start(self) -> None: ...  # noqa: D102

    def stop(self) -> None: ...  # noqa: D102


SessionFactory = Callable[..., Session]  # (show) or, with `takes_outputs`, (show, outputs=[…])


def live_session_factory(audio: bool = True, control: bool = True) -> SessionFactory:
    """Build LiveSessions as `studio live` does: stream window, speech, as-run, remote control.

    The console passes the recorder/RTMP outputs set up in Settings (`outputs=`).
    """

    def make(show: Show, outputs: list | None = None) -> Session:
        from studio.program.qt_session import LiveSession
        from studio.outputs.stream_window import StreamOptions

        options = StreamOptions(transparent=show.background.kind == "transparent")
        return LiveSession(show, live=True, audio=audio, window=True, options=options, control=control,
                           outputs=outputs or None)

    make.takes_outputs = True  # type: ignore[attr-defined]
    return make





class LiveControl(WindowPart):
    """Go live, the transport commands and the status line of the ConsoleWindow."""

    settings: QSettings
    result: LoadResult
    draft: ShowDraft | None
    session: Session | None
    session_factory: SessionFactory
    pause_wanted: bool
    _ending: bool
    preview: PreviewPane
    asrun: AsRunPanel
    transport: TransportBar
    status_timer: QTimer
    confirm: Callable[[str, str], bool]
    _sync_actions: Callable[[], None]
    _set_preview_title: Callable[[], None]

    def go_live(self) -> None:
        """Put the loaded show on air (as saved on disk: unsaved edits are not on air)."""
        if self.session is not None or self.result.show is None or self.draft is None:
            return
        if self.draft.dirty and not self.confirm(
                self.tr("Go live"),
                self.tr("There are unsaved edits. The show goes on air as it is saved on disk. Go live anyway?")):
            return
        try:
            if getattr(self.session_factory, "takes_outputs", False):
                from studio.ui.console.settings_dialog import build_outputs

                session = self.session_factory(self.draft.base, outputs=build_outputs(self.draft.base,
                                                                                      self.settings))
            else:
                session = self.session_factory(self.draft.base)
            session.start()
        except Exception as exc:  # noqa: BLE001 - fonts, sound device…: say why, stay off air
            QMessageBox.critical(self, self.tr("Cannot go live"), str(exc))
            return
        self.session = session
        self.pause_wanted = False
        self._ending = False
        window = getattr(session, "window", None)
        if window is not None and hasattr(window, "closed"):
            window.closed.connect(self._session_ended)  # closing the stream window ends the show
        self.preview.set_program(self._program_frame)
        self.asrun.set_live(True)
        self.status_timer.start()
        self._set_preview_title()
        self._sync_actions()
        self.refresh_status()

    def _program_frame(self) -> Any:
        window = getattr(self.session, "window", None) if self.session is not None else None
        return getattr(window, "frame", None)

    def toggle_pause(self) -> None:
        if self.session is None:
            return
        playout = self.session.playout
        if playout.status is PlayoutStatus.PAUSED or self.pause_wanted:
            playout.resume()
            self.pause_wanted = False
        else:
            playout.pause()
            self.pause_wanted = True
        self._sync_actions()
        self.refresh_status()

    def skip_line(self) -> None:
        if self.session is not None:
            self.session.playout.skip_line()

    def next_product(self) -> None:
        if self.session is not None:
            self.session.playout.next_product()

    def stop_after_product(self) -> None:
        if self.session is not None:
            self.session.playout.stop_after_product()
            self.statusBar().showMessage(self.tr("Going off air after this product"), 6000)

    def interrupt(self) -> None:
        if self.session is None:
            return
        dialog = InterruptDialog(self.session.show, self._on_air_product(), self)
        if dialog.exec():
            self.apply_interrupt(*dialog.choice())

    def apply_interrupt(self, kind: str, value: str) -> None:
        """("product", id) pitches it next; ("line", text) says the line next."""
        if self.session is None or not value:
            return
        if kind == "product":
            self.session.playout.interrupt_with_product(value)
        else:
            self.session.playout.interrupt_with_line(value)

    def stop(self) -> None:
        """Go off air now, after the operator confirms."""
        if self.session is None:
            return
        if not self.confirm(self.tr("Stop the show"), self.tr("Go off air now? The line on air is cut.")):
            return
        self._session_ended()

    def _session_ended(self) -> None:
        if self.session is None or self._ending:
            return
        self._ending = True  # session.stop() closes the stream window, which reports back here
        session, self.session = self.session, None
        self.status_timer.stop()
        try:
            session.stop()
        finally:
            self._ending = False
            self.preview.set_program(None)
            self.asrun.set_live(False)
            stats = getattr(session.playout, "stats", None)
            note = ""
            if stats is not None:
                note = (self.tr("Last show: %1 aired, %2 skipped, %3 blocked")
                        .replace("%1", str(stats.aired)).replace("%2", str(stats.skipped))
                        .replace("%3", str(stats.blocked)))
            self.transport.set_off_air(note)
            self._set_preview_title()
            self._sync_actions()

    def _on_air_product(self) -> str | None:
        if self.session is None:
            return None
        entry = self.session.playout.state_at(self._position()).entry
        return entry.segment.product if entry is not None else None

    def _position(self) -> float:
        clock = getattr(self.session, "clock", None)
        return float(clock.position()) if clock is not None else 0.0

    def refresh_status(self) -> None:
        """Read the playout: status, now playing, up next, time on air, outputs."""
        if self.session is None:
            return
        playout = self.session.playout
        if playout.status is PlayoutStatus.STOPPED:  # "stop after product" reached its end
            self._session_ended()
            return
        t = self._position()
        entry = playout.state_at(t).entry
        if entry is not None:
            now = self._segment_text(entry.segment)
        else:
            now = self.tr("Waiting for the first line…")
        upcoming = [self._segment_text(s) for s in playout.up_next()[:2]]
        next_up = self.tr("Up next: %1").replace("%1", "  ›  ".join(upcoming)) if upcoming else ""
        status = playout.status
        if status is PlayoutStatus.ON_AIR and self.pause_wanted:
            status = "pausing"
        self.transport.set_status(status, t, now, next_up, self._health())
        asrun = getattr(self.session, "asrun", None)
        self.transport.set_asrun(asrun.health() if asrun is not None else None)

    def _segment_text(self, segment: Any) -> str:
        name = ""
        if segment.product and self.session is not None:
            try:
                name = self.session.show.product(segment.product).name + " · "
            except KeyError:
                name = ""
        text = segment.text if len(segment.text) <= 60 else segment.text[:59] + "…"
        return name + text

    def _health(self) -> str:
        assert self.session is not None
        parts = []
        clock = getattr(self.session, "clock", None)
        if clock is not None:
            parts.append(self.tr("audio") if getattr(clock, "has_audio", False) else self.tr("silent clock"))
        window = getattr(self.session, "window", None)
        if window is not None:
            parts.append(self.tr("stream %1 frames, %2 late").replace("%1", str(window.presented))
                          .replace("%2", str(window.skipped)))
        bus = getattr(self.session, "bus", None)
        if bus is not None:
            for h in bus.health():
                parts.append(f"{h.name}: {h.state}")
        stats = getattr(self.session.playout, "stats", None)
        if stats is not None:
            parts.append(self.tr("%1 aired · %2 blocked").replace("%1", str(stats.aired))
                         .replace("%2", str(stats.blocked)))
        return "  ·  ".join(parts)
