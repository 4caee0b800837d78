"""ConsoleWindow: the operator console — browse, edit and preview a show, and run it on air.

This module lays the window out and wires its parts together; the commands live beside it, each
group in its own module mixed into the window: actions.py (actions, shortcuts, menus),
file_commands.py (open, new, save, CSV import, the settings and schedule dialogs), long_work.py
(prepare speech, render a preview video) and live_control.py (go live, transport, on-air status).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from studio.core.clock import SystemClock
from studio.runner.paths import asrun_folder
from studio.show.loader import LoadResult
from studio.ui.console.actions import ConsoleActions
from studio.ui.console.asrun_panel import AsRunPanel
from studio.ui.console.browser import ShowBrowser
from studio.ui.console.draft import ShowDraft
from studio.ui.console.file_commands import FileCommands
from studio.ui.console.live_control import STATUS_MS, LiveControl, Session, SessionFactory, live_session_factory
from studio.ui.console.long_work import LongWork
from studio.ui.console.pitch_editor import PitchEditor
from studio.ui.console.preview import PreviewPane
from studio.ui.console.product_editor import ProductEditor
from studio.ui.console.style import CONSOLE_STYLE
from studio.ui.console.transport import TransportBar
from studio.ui.jobs import Job, JobProgressDialog
from studio.ui.show_overview import ProblemsPage

DEFAULT_SIZE = (1600, 1000)


class ConsoleWindow(ConsoleActions, FileCommands, LongWork, LiveControl, QMainWindow):
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
        self.job: Job | None = None  # the long work running (prepare speech, render), if any
        self.progress_dialog: JobProgressDialog | None = None
        self.last_job_result: object = None  # what the last long work returned (None: cancelled render)
        self.speech_cache_dir: Path | None = None  # None: studio's cache folder (tests use their own)
        self.pause_wanted = False
        self._ending = False
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

    def load(self, result: LoadResult) -> None:
        """Show `result` (a loaded show, or why it could not be loaded)."""
        self.result = result
        show = result.show
        self.draft = ShowDraft(show) if show is not None else None
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
        if self.draft.problem:
            self.statusBar().showMessage(self.tr("This show cannot be edited here: %1")
                                         .replace("%1", self.draft.problem))

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

    # ---- editing: the editors and the preview follow the draft ----

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
        self.import_csv_action.setEnabled(loaded and not live)
        self.schedule_action.setEnabled(loaded)
        self.settings_action.setEnabled(loaded)
        self.pause_action.setText(self.tr("Resume") if self.pause_wanted else self.tr("Pause"))
        dirty = self._dirty()
        self.save_action.setEnabled(dirty)
        draft: ShowDraft | None = getattr(self, "draft", None)
        problem = draft.problem if draft is not None else ""
        if problem:  # e.g. show.toml's layout cannot be kept: every edit says so too
            self.save_action.setToolTip(self.tr("This show cannot be edited here: %1").replace("%1", problem))
        else:
            self.save_action.setToolTip(self.tr("Write the edits to the show files"))
        if hasattr(self, "dirty_label"):
            self.dirty_label.setText(self.tr("● unsaved edits") if dirty else "")

    def _ask(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(self, title, question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt naming)
        if self.session is not None:
            if not self.confirm(self.tr("Stop the show"), self.tr("The show is on air. Stop it and quit?")):
                event.ignore()
                return
            self._session_ended()
        if not self.resolve_unsaved(self.tr("Save the edits before quitting?")):
            event.ignore()
            return
        self.stop_work()  # the long work stops cleanly before the window goes
        self.settings.setValue("console/geometry", self.saveGeometry())
        super().closeEvent(event)

