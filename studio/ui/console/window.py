"""ConsoleWindow: the operator console — browse, edit and preview a show, and run it on air."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

import threading

from PySide6.QtCore import QByteArray, QSettings, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from studio.checks import check_show
from studio.core.clock import SystemClock
from studio.core.vocab import PlayoutStatus
from studio.show.loader import LoadResult
from studio.show.model import Show
from studio.runner.paths import asrun_folder
from studio.ui.console import i18n
from studio.ui.console.asrun_panel import AsRunPanel
from studio.ui.console.browser import ShowBrowser
from studio.ui.console.draft import ShowDraft, editing_available
from studio.ui.console.editors import PitchEditor, ProductEditor
from studio.ui.console.preview import PreviewPane
from studio.ui.console.style import CONSOLE_STYLE
from studio.ui.console.transport import InterruptDialog, TransportBar
from studio.ui.show_overview import ProblemsPage

STATUS_MS = 250
DEFAULT_SIZE = (1600, 1000)


class Session(Protocol):
    """What the console needs of a LiveSession (a stand-in with these members works in tests)."""

    playout: Any
    clock: Any
    window: Any
    bus: Any
    show: Show

    def start(self) -> None: ...  # noqa: D102

    def stop(self) -> None: ...  # noqa: D102


SessionFactory = Callable[[Show], Session]


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


class WorkThread(QThread):
    """Long work off the UI thread: `work(job)` reports with `job.report(done, total, text)` and
    looks at `job.cancelled` between steps; the result (or the error) comes back as a signal."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Callable[[WorkThread], object], parent: Any = None) -> None:
        super().__init__(parent)
        self.work = work
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def report(self, done: int, total: int, text: str) -> None:
        self.progressed.emit(done, total, text)

    def run(self) -> None:  # on the work thread
        try:
            result = self.work(self)
        except BaseException as exc:  # noqa: BLE001 - handed to the UI, which says why
            self.failed.emit(str(exc) or type(exc).__name__)
            return
        self.succeeded.emit(result)


def prepare_speech(show: Show, job: WorkThread, cache_dir: Path | None = None,
                   max_variants: int = 12) -> dict[str, Any]:
    """Pre-synthesize every line of `show` into the speech cache, as `studio synth` does.

    Stops between lines when the job is cancelled. Returns {"lines", "done", "cached", "failed", "cancelled"}.
    """
    from studio.speech.cache import SpeechCache
    from studio.speech.showlines import show_lines
    from studio.speech.speaker import Speaker
    from studio.speech.supervisor import WorkerEngine

    lines = show_lines(show, max_variants)
    speaker = Speaker(WorkerEngine(), SpeechCache(cache_dir), fps=show.fps)
    done = cached = 0
    failed: list[str] = []
    try:
        for i, (text, lang) in enumerate(lines):
            if job.cancelled:
                break
            job.report(i, len(lines), text)
            utt = speaker.synthesize(text, lang, show.voice)
            done += 1
            if utt.ok:
                cached += utt.cached
            else:
                failed.append(f"{text[:40]}: {utt.failure.message if utt.failure else '?'}")
        else:
            job.report(len(lines), len(lines), "")
    finally:
        speaker.engine.close()
    return {"lines": len(lines), "done": done, "cached": cached, "failed": failed, "cancelled": job.cancelled
            and done < len(lines)}


class ConsoleWindow(QMainWindow):
    """Show browser | product + pitch editors over the as-run | live preview, under a transport bar."""

    def __init__(self, result: LoadResult, settings: QSettings, session_factory: SessionFactory | None = None,
                 now: Callable[[], datetime] | None = None, asrun_dir: Path | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.session_factory = session_factory or live_session_factory()
        # Local wall time without a zone, as the planner and the as-run log use it.
        self.now = now or (lambda: SystemClock().now().replace(tzinfo=None))
        self.asrun_dir = asrun_dir
        self.session: Session | None = None
        self.job: WorkThread | None = None  # the long work running (prepare speech, render), if any
        self.progress_dialog: QProgressDialog | None = None
        self.last_job_result: object = None  # what the last long work returned (None: cancelled render)
        self.speech_cache_dir: Path | None = None  # None: studio's cache folder (tests use their own)
        self.pause_wanted = False
        self._ending = False
        # Show settings (voice, avatar) and schedule windows chosen in the dialogs, written on Save.
        self.pending_show: dict[str, object] = {}
        self.pending_windows: list | None = None
        # Replaced in tests: the questions the console asks before doing something drastic.
        self.confirm: Callable[[str, str], bool] = self._ask
        # Asked before unsaved edits would be lost (another show, quitting): "save", "discard" or
        # "cancel". Replaced in tests.
        self.choose_unsaved: Callable[[str], str] = self._ask_unsaved
        self.setStyleSheet(CONSOLE_STYLE)
        self._make_actions()
        self._make_menus()
        self.status_timer = QTimer(self)
        self.status_timer.setInterval(STATUS_MS)
        self.status_timer.timeout.connect(self.refresh_status)
        self.load(result)
        geometry = settings.value("console/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(*DEFAULT_SIZE)

    # ---- building ----

    def _action(self, name: str, text: str, key: str | QKeySequence.StandardKey | None,
                slot: Callable[[], None], tip: str = "") -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if key is not None:
            action.setShortcut(QKeySequence(key))
            # Window-wide, but text fields keep their own keys (Space types a space while editing).
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip or text} ({shortcut})" if shortcut else (tip or text))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        self.go_live_action = self._action("goLive", self.tr("Go live"), "F5", self.go_live,
                                           self.tr("Put the show on air in the stream window"))
        self.pause_action = self._action("pause", self.tr("Pause"), "Space", self.toggle_pause,
                                         self.tr("Pause at the end of the line, or resume"))
        self.skip_action = self._action("skip", self.tr("Skip line"), "Ctrl+Right", self.skip_line,
                                        self.tr("Cut the line on air and go on with the next"))
        self.next_action = self._action("nextProduct", self.tr("Next product"), "Ctrl+N", self.next_product,
                                        self.tr("Leave this product now and start the next"))
        self.interrupt_action = self._action("interrupt", self.tr("Interrupt…"), "Ctrl+I", self.interrupt,
                                             self.tr("Pitch a product or say a one-off line next"))
        self.stop_after_action = self._action("stopAfter", self.tr("Stop after product"), None,
                                              self.stop_after_product,
                                              self.tr("Go off air when the product on air is finished"))
        self.stop_action = self._action("stop", self.tr("Stop"), "Shift+F5", self.stop,
                                        self.tr("Go off air now (asks first)"))
        self.save_action = self._action("save", self.tr("Save"), QKeySequence.StandardKey.Save, self.save)
        self.new_action = self._action("newShow", self.tr("New show…"), "Ctrl+Shift+N",
                                       self.new_show, self.tr("Start a new show from a starter in an empty folder"))
        self.open_action = self._action("open", self.tr("Open show…"), QKeySequence.StandardKey.Open,
                                        self.open_show)
        self.quit_action = self._action("quit", self.tr("Quit"), QKeySequence.StandardKey.Quit, self.close)
        self.import_csv_action = self._action("importCsv", self.tr("Import products from CSV…"), None,
                                              self.import_csv, self.tr("Add products from a spreadsheet's CSV"))
        self.schedule_action = self._action("editSchedule", self.tr("Edit schedule…"), None, self.edit_schedule,
                                            self.tr("Draw the weekly windows on a grid"))
        self.settings_action = self._action("settings", self.tr("Settings…"), "Ctrl+,", self.open_settings,
                                            self.tr("Voice, avatar and outputs for going live"))
        self.prepare_speech_action = self._action(
            "prepareSpeech", self.tr("Prepare speech"), None, self.prepare_speech,
            self.tr("Synthesize every line of the show ahead of time, so going live starts at once"))
        self.render_action = self._action("renderVideo", self.tr("Render preview video…"), None, self.render_video,
                                          self.tr("Render the selected product's pitch to an MP4 file"))
        self.live_actions = [self.pause_action, self.skip_action, self.next_action, self.interrupt_action,
                             self.stop_after_action, self.stop_action]

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        for a in (self.new_action, self.open_action, self.save_action):
            file_menu.addAction(a)
        file_menu.addSeparator()
        file_menu.addAction(self.import_csv_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        show_menu = bar.addMenu(self.tr("&Show"))
        show_menu.addAction(self.go_live_action)
        for a in self.live_actions:
            show_menu.addAction(a)
        show_menu.addSeparator()
        show_menu.addAction(self.prepare_speech_action)
        show_menu.addAction(self.render_action)
        schedule_menu = bar.addMenu(self.tr("S&chedule"))
        schedule_menu.addAction(self.schedule_action)
        settings_menu = bar.addMenu(self.tr("S&ettings"))
        settings_menu.addAction(self.settings_action)
        lang_menu = settings_menu.addMenu(self.tr("Language"))
        group = QActionGroup(self)
        current = i18n.chosen_language(self.settings)
        self.language_actions: dict[str, QAction] = {}
        for code, label in ((i18n.SYSTEM, self.tr("System")), (i18n.CHINESE, "中文"), (i18n.ENGLISH, "English")):
            a = QAction(label, self, checkable=True)
            a.setChecked(code == current)
            a.triggered.connect(lambda _=False, c=code: self.set_language(c))
            group.addAction(a)
            lang_menu.addAction(a)
            self.language_actions[code] = a

    def load(self, result: LoadResult) -> None:
        """Show `result` (a loaded show, or why it could not be loaded)."""
        self.result = result
        show = result.show
        self.draft = ShowDraft(show) if show is not None else None
        self.pending_show = {}
        self.pending_windows = None
        central = QWidget()
        central.setObjectName("page")
        col = QVBoxLayout(central)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        col.addWidget(self._header(result))
        self.transport = TransportBar([self.go_live_action, None, self.pause_action, self.skip_action,
                                       self.next_action, self.interrupt_action, None,
                                       self.stop_after_action, self.stop_action])
        col.addWidget(self.transport)
        if show is None or self.draft is None:
            col.addWidget(ProblemsPage(result), 1)
            self.setCentralWidget(central)
            self.setWindowTitle(self.tr("studio console — %1").replace("%1", result.root.name))
            self._sync_actions()
            return
        self.setWindowTitle(self.tr("studio console — %1").replace("%1", show.title))
        self.settings.setValue("console/last_show", str(show.root))
        body = QSplitter(Qt.Orientation.Horizontal)
        body.setObjectName("body")
        body.setHandleWidth(6)
        self.browser = ShowBrowser(show, self.now())
        body.addWidget(self.browser)
        centre = QSplitter(Qt.Orientation.Vertical)
        centre.setHandleWidth(6)
        editors = QWidget()
        ecol = QVBoxLayout(editors)
        ecol.setContentsMargins(0, 0, 0, 0)
        ecol.setSpacing(8)
        self.product_editor = ProductEditor(self.draft)
        self.pitch_editor = PitchEditor(self.draft)
        ecol.addWidget(self.product_editor)
        ecol.addWidget(self.pitch_editor, 1)
        centre.addWidget(editors)
        self.asrun = AsRunPanel(self.asrun_dir or asrun_folder(show.root), lambda: self.now().date())
        centre.addWidget(self.asrun)
        centre.setSizes([640, 260])
        body.addWidget(centre)
        right = QWidget()
        rcol = QVBoxLayout(right)
        rcol.setContentsMargins(0, 0, 0, 0)
        rcol.setSpacing(6)
        self.preview_title = QLabel()
        self.preview_title.setObjectName("sectionTitle")
        rcol.addWidget(self.preview_title)
        self.preview = PreviewPane(show, self.now)
        rcol.addWidget(self.preview, 1)
        body.addWidget(right)
        body.setSizes([330, 800, 470])
        body.setStretchFactor(1, 1)
        holder = QWidget()
        hl = QHBoxLayout(holder)
        hl.setContentsMargins(10, 10, 10, 10)
        hl.addWidget(body)
        col.addWidget(holder, 1)
        self.setCentralWidget(central)
        self.browser.product_chosen.connect(self.select_product)
        self.pitch_editor.line_selected.connect(lambda row: self.preview.select(self.product_id, row))
        self.draft.changed.connect(self._draft_changed)
        self.draft.dirty_changed.connect(lambda _: self._sync_actions())
        self.product_id: str | None = None
        if show.products:
            self.select_product(show.products[0].id)
        self.asrun.refresh()
        self._set_preview_title()
        self._sync_actions()

    def _header(self, result: LoadResult) -> QWidget:
        box = QWidget()
        box.setObjectName("header")
        row = QHBoxLayout(box)
        row.setContentsMargins(18, 10, 18, 10)
        show = result.show
        title = QLabel(show.title if show else self.tr("%1 — cannot be loaded").replace("%1", result.root.name))
        title.setObjectName("title")
        row.addWidget(title)
        if show is not None:
            w, h = show.canvas
            meta = QLabel(f"{show.language} · {w}×{h} · {show.fps} fps · {show.root}")
            meta.setObjectName("meta")
            row.addWidget(meta)
        else:
            meta = QLabel(self.tr("%1 errors — fix them and open the show again").replace("%1", str(len(result.errors))))
            meta.setObjectName("meta")
            row.addWidget(meta)
        row.addStretch(1)
        self.dirty_label = QLabel()
        self.dirty_label.setObjectName("dirty")
        row.addWidget(self.dirty_label)
        if show is not None:
            badge = QLabel(show.disclosure)
            badge.setObjectName("disclosure")
            badge.setToolTip(self.tr("AI-content disclosure: always visible on air"))
            row.addWidget(badge)
        return box

    # ---- editing ----

    def select_product(self, product_id: str) -> None:
        """Edit `product_id`: load it into the editors, the preview follows."""
        if self.draft is None:
            return
        self.product_id = product_id
        product = self.draft.product(product_id)
        self.product_editor.load(product)
        self.pitch_editor.load(product)
        self.browser.select(product_id)
        self.preview.select(product_id, self.pitch_editor.row if product.pitch else None)

    def _draft_changed(self, product_id: str) -> None:
        assert self.draft is not None
        self.preview.set_show(self.draft.show)
        if product_id == "":
            self.browser.fill(self.draft.show, self.now())
            if self.product_id:
                self.select_product(self.product_id)

    def _dirty(self) -> bool:
        return self.draft is not None and (self.draft.dirty or bool(self.pending_show)
                                           or self.pending_windows is not None)

    def save(self) -> None:
        """Write the edits to the show files with studio.show.editing (tomlkit keeps comments)."""
        if self.draft is None or not self._dirty():
            return
        if not editing_available():
            return  # the action is disabled with a tooltip that says why
        try:
            from studio.show.editing import ShowEditor  # type: ignore[import-not-found]

            editor = ShowEditor(self.draft.root)
            self.draft.apply_to(editor)  # the draft replays its edits in order (fields, lines, cues, moves)
            for key, value in self.pending_show.items():
                editor.set_show_field(key, value)
            if self.pending_windows is not None:
                editor.set_schedule_windows([w.spec() for w in self.pending_windows])
            check = editor.validate()  # the real loader on the edited text: never write a broken show
            if check.errors:
                first = check.errors[0]
                raise ValueError(f"{first.file}:{first.line or ''} {first.key}: {first.message}")
            editor.save()
        except Exception as exc:  # noqa: BLE001 - the operator must see why, the edits stay in memory
            QMessageBox.warning(self, self.tr("Not saved"),
                                self.tr("The edits could not be saved; they are still here.\n\n%1")
                                .replace("%1", str(exc)))
            return
        result = check_show(self.draft.root)
        self.pending_show = {}
        self.pending_windows = None
        if result.show is not None:
            self.result = result
        self.draft.mark_saved(result.show if result.show is not None else None)
        self._sync_actions()
        self.statusBar().showMessage(self.tr("Saved"), 4000)

    def resolve_unsaved(self, question: str) -> bool:
        """Before unsaved edits would be lost: Save / Discard / Cancel. True: go on."""
        if not self._dirty():
            return True
        choice = self.choose_unsaved(question)
        if choice == "save":
            self.save()
            return not self._dirty()  # the save failed (and said why): stay
        return choice == "discard"

    def open_show(self) -> None:
        """Open another show folder (not while on air); unsaved edits are saved or dropped first."""
        if self.session is not None or self.job is not None:
            return
        if not self.resolve_unsaved(self.tr("Save the edits before opening another show?")):
            return
        start = str(self.result.root)
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open show folder"), start)
        if folder:
            self.load(check_show(Path(folder)))

    def new_show(self) -> None:
        """File → New show…: an empty (or new) folder and a language, then a starter show opened in it."""
        if self.session is not None or self.job is not None:
            return
        if not self.resolve_unsaved(self.tr("Save the edits before starting a new show?")):
            return
        choice = self.ask_new_show()
        if choice is not None:
            self.create_show(*choice)

    def ask_new_show(self) -> tuple[Path, str] | None:
        """The folder (empty or new) and the language tag for a new show, or None."""
        from PySide6.QtWidgets import QInputDialog

        folder = QFileDialog.getExistingDirectory(self, self.tr("New show: choose an empty folder"),
                                                  str(self.result.root.parent))
        if not folder:
            return None
        labels = ["中文", "English"]
        label, ok = QInputDialog.getItem(self, self.tr("New show"), self.tr("Language of the show:"), labels, 0,
                                         False)
        if not ok:
            return None
        return Path(folder), ("en-US" if label == "English" else "zh-CN")

    def create_show(self, folder: Path, language: str) -> bool:
        """Write a starter show into `folder` and open it; says why when it cannot."""
        from studio.show.starter import StarterError, create_starter

        try:
            create_starter(folder, language=language)
        except StarterError as exc:
            QMessageBox.warning(self, self.tr("New show"), str(exc))
            return False
        self.load(check_show(folder))
        self.statusBar().showMessage(self.tr("New show in %1").replace("%1", str(folder)), 6000)
        return True

    # ---- dialogs ----

    def open_settings(self) -> None:
        """Voice and avatar (kept with the unsaved edits), outputs (the operator's own settings)."""
        if self.draft is None:
            return
        from studio.ui.console.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self._settings_show(), self.settings, self)
        if dialog.exec():
            self.apply_show_settings(dialog.show_changes())

    def _settings_show(self) -> Show:
        """The show with the pending voice/avatar choices, for the dialog to start from."""
        from dataclasses import replace

        assert self.draft is not None
        show = self.draft.show
        voice = replace(show.voice, **{k.split(".", 1)[1]: v for k, v in self.pending_show.items()
                                       if k.startswith("voice.")})
        avatar = str(self.pending_show.get("avatar", show.avatar))
        return replace(show, voice=voice, avatar=avatar)

    def apply_show_settings(self, changes: dict[str, object]) -> None:
        """Keep show-setting changes (ShowEditor.set_show_field keys) until Save."""
        if not changes or self.draft is None:
            return
        self.pending_show.update(changes)
        base = self.draft.base
        for key in list(self.pending_show):  # a choice set back to what is saved is no edit
            name = key.split(".", 1)[1] if key.startswith("voice.") else key
            saved = getattr(base.voice, name) if key.startswith("voice.") else getattr(base, key, None)
            if saved == self.pending_show[key]:
                del self.pending_show[key]
        self._sync_actions()

    def edit_schedule(self) -> None:
        """The weekly grid; the windows are written on Save."""
        if self.draft is None:
            return
        from studio.ui.console.schedule_editor import ScheduleDialog

        dialog = ScheduleDialog(self.draft.show, self, self.pending_windows)
        if dialog.exec():
            self.set_schedule(dialog.grid.windows)

    def set_schedule(self, windows: list) -> None:
        from studio.ui.console.schedule_editor import from_show

        assert self.draft is not None
        self.pending_windows = None if list(windows) == from_show(self.draft.base) else list(windows)
        self._sync_actions()

    def import_csv(self) -> None:
        """Import products from a CSV (saved at once, as new product files), then reload the show."""
        if self.draft is None or self.session is not None:
            return
        if self._dirty():
            if not self.confirm(self.tr("Import products from CSV"),
                                self.tr("The edits are saved first. Save them now?")):
                return
            self.save()
            if self._dirty():
                return
        from studio.ui.console.csv_dialog import CsvImportDialog

        dialog = CsvImportDialog(self.draft.root, self)
        if dialog.exec():
            self.after_import(dialog.imported)

    def after_import(self, imported: list[str]) -> None:
        """Reload the show after an import and say what was added."""
        assert self.draft is not None
        self.load(check_show(self.draft.root))
        self.statusBar().showMessage(self.tr("Imported %1 products").replace("%1", str(len(imported))), 6000)

    def set_language(self, code: str) -> None:
        """Keep the language choice; it applies at the next start."""
        self.settings.setValue(i18n.SETTING, code)
        QMessageBox.information(self, self.tr("Language"),
                                self.tr("The language changes the next time the console starts."))

    # ---- long work: progress and cancel ----

    def run_job(self, title: str, work: Callable[[WorkThread], object],
                on_done: Callable[[object], None], busy: bool = False) -> WorkThread | None:
        """Run `work` on a QThread under a progress dialog with Cancel; the UI stays responsive."""
        if self.job is not None:
            return None
        job = WorkThread(work, self)
        dialog = QProgressDialog(title, self.tr("Cancel"), 0, 0 if busy else 100, self)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(460)
        dialog.canceled.connect(self.cancel_job)
        queued = Qt.ConnectionType.QueuedConnection
        job.progressed.connect(self._job_progress, queued)
        job.succeeded.connect(lambda result: self._job_finished(job, result, None, on_done), queued)
        job.failed.connect(lambda message: self._job_finished(job, None, message, on_done), queued)
        self.job, self.progress_dialog = job, dialog
        self._sync_actions()
        dialog.show()
        job.start()
        return job

    def cancel_job(self) -> None:
        """Ask the running work to stop (between lines, between frames)."""
        if self.job is not None:
            self.job.cancel()
            if self.progress_dialog is not None:
                self.progress_dialog.setLabelText(self.tr("Cancelling…"))

    def _job_progress(self, done: int, total: int, text: str) -> None:
        dialog = self.progress_dialog
        if dialog is None or (self.job is not None and self.job.cancelled):
            return
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(done)
        short = text if len(text) <= 50 else text[:49] + "…"
        dialog.setLabelText(short)

    def _job_finished(self, job: WorkThread, result: object, error: str | None,
                      on_done: Callable[[object], None]) -> None:
        if job is not self.job:
            return
        job.wait()
        self.job = None
        if self.progress_dialog is not None:
            self.progress_dialog.canceled.disconnect(self.cancel_job)
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None
        self._sync_actions()
        if error is not None:
            self.statusBar().showMessage(self.tr("Failed: %1").replace("%1", error), 10000)
            self.job_failed(error)
            return
        on_done(result)

    def job_failed(self, error: str) -> None:
        """Say why long work failed (replaced in tests)."""
        QMessageBox.warning(self, self.tr("Failed"), error)

    def prepare_speech(self) -> None:
        """Show → Prepare speech: pre-synthesize every line into the speech cache (as `studio synth`)."""
        if self.draft is None or self.session is not None:
            return
        show, cache_dir = self.draft.show, self.speech_cache_dir
        self.run_job(self.tr("Preparing speech…"), lambda job: prepare_speech(show, job, cache_dir),
                     self._speech_prepared)

    def _speech_prepared(self, result: object) -> None:
        assert isinstance(result, dict)
        self.last_job_result = result
        if result["cancelled"]:
            message = self.tr("Speech preparation cancelled: %1 of %2 lines ready")
            message = message.replace("%1", str(result["done"])).replace("%2", str(result["lines"]))
        else:
            message = (self.tr("Speech ready: %1 lines (%2 were already cached), %3 failed")
                       .replace("%1", str(result["lines"])).replace("%2", str(result["cached"]))
                       .replace("%3", str(len(result["failed"]))))
        self.statusBar().showMessage(message, 10000)

    def ask_render_path(self) -> str:
        """Where to write the preview video ("" when the operator cancels)."""
        assert self.draft is not None and self.product_id is not None
        start = str(self.draft.root / f"{self.product_id}.mp4")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Render preview video"), start,
                                              self.tr("MP4 video (*.mp4)"))
        if path and not path.lower().endswith(".mp4"):
            path += ".mp4"
        return path

    def render_video(self) -> None:
        """Show → Render preview video…: the selected product's pitch to an MP4, off the UI thread."""
        if self.draft is None or self.session is not None or not self.product_id:
            return
        chosen = self.ask_render_path()
        if not chosen:
            return
        from studio.program.qt_offline import RenderCancelled, render_pitch

        show, product_id, out, when = self.draft.show, self.product_id, Path(chosen), self.now()

        def work(job: WorkThread) -> object:
            shown = {"line": None}

            def progress(t: float, line: str) -> None:
                if line != shown["line"] or int(t * 4) != shown.get("q"):
                    shown["line"], shown["q"] = line, int(t * 4)
                    job.report(0, 0, f"{t:5.1f} s · {line}")

            try:
                return render_pitch(show, product_id, out, when=when, progress=progress,
                                    cancel=lambda: job.cancelled)
            except RenderCancelled:
                return None

        self.run_job(self.tr("Rendering the preview video…"), work, self._video_rendered, busy=True)

    def _video_rendered(self, result: object) -> None:
        self.last_job_result = result
        if result is None:
            self.statusBar().showMessage(self.tr("Rendering cancelled; the partial file was deleted"), 10000)
            return
        path = getattr(result, "path", "")
        seconds = getattr(result, "seconds", 0.0)
        self.statusBar().showMessage(self.tr("Wrote %1 (%2 s)").replace("%1", str(path))
                                     .replace("%2", f"{seconds:.1f}"), 10000)

    # ---- going live ----

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

    # ---- state ----

    def _set_preview_title(self) -> None:
        if hasattr(self, "preview_title"):
            self.preview_title.setText(self.tr("Program") if self.session is not None else self.tr("Preview"))

    def _sync_actions(self) -> None:
        live = self.session is not None
        loaded = self.result.show is not None
        self.go_live_action.setEnabled(loaded and not live)
        for a in self.live_actions:
            a.setEnabled(live)
        working = getattr(self, "job", None) is not None
        self.open_action.setEnabled(not live and not working)
        self.new_action.setEnabled(not live and not working)
        self.prepare_speech_action.setEnabled(loaded and not live and not working)
        self.render_action.setEnabled(loaded and not live and not working)
        self.import_csv_action.setEnabled(loaded and not live and editing_available())
        self.schedule_action.setEnabled(loaded)
        self.settings_action.setEnabled(loaded)
        self.pause_action.setText(self.tr("Resume") if self.pause_wanted else self.tr("Pause"))
        dirty = self._dirty()
        can_save = editing_available()
        self.save_action.setEnabled(dirty and can_save)
        if not can_save:
            self.save_action.setToolTip(self.tr("Saving is not available in this build yet (studio.show.editing "
                                                "is missing): edits stay in this window until you close it"))
        else:
            self.save_action.setToolTip(self.tr("Write the edits to the show files"))
        if hasattr(self, "dirty_label"):
            self.dirty_label.setText(self.tr("● unsaved edits") if dirty else "")

    def _ask(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(self, title, question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _ask_unsaved(self, question: str) -> str:
        """Save / Discard / Cancel in a message box ("save", "discard", "cancel")."""
        buttons = QMessageBox.StandardButton
        can_save = editing_available()
        answer = QMessageBox.question(
            self, self.tr("Unsaved edits"), question,
            (buttons.Save if can_save else buttons.NoButton) | buttons.Discard | buttons.Cancel,
            buttons.Save if can_save else buttons.Cancel)
        if answer == buttons.Save:
            return "save"
        return "discard" if answer == buttons.Discard else "cancel"

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt naming)
        if self.session is not None:
            if not self.confirm(self.tr("Stop the show"), self.tr("The show is on air. Stop it and quit?")):
                event.ignore()
                return
            self._session_ended()
        if not self.resolve_unsaved(self.tr("Save the edits before quitting?")):
            event.ignore()
            return
        if self.job is not None:  # stop the long work cleanly before the window goes
            job = self.job
            job.cancel()
            job.wait()
            self.job = None
            if self.progress_dialog is not None:
                self.progress_dialog.close()
                self.progress_dialog = None
        self.settings.setValue("console/geometry", self.saveGeometry())
        super().closeEvent(event)

