"""File commands: open, new show, save (with the unsaved-edits prompt), CSV import, and the show
settings and schedule dialogs, whose choices go into the edited show files like every edit.

Every edit lives in the ShowDraft's ShowEditor until Save writes it. A mixin of ConsoleWindow.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from studio.checks import check_show
from studio.show.loader import LoadResult
from studio.show.model import Show
from studio.ui.console.draft import EditError, SaveConflict, ShowDraft
from studio.ui.console.window_part import WindowPart
from studio.ui.jobs import Job


class FileCommands(WindowPart):
    """The ConsoleWindow's File menu, and the dialogs that edit the show's settings and schedule."""

    settings: QSettings
    result: LoadResult
    draft: ShowDraft | None
    session: Any
    job: Job | None
    confirm: Callable[[str, str], bool]
    choose_unsaved: Callable[[str], str]
    load: Callable[[LoadResult], None]
    _sync_actions: Callable[[], None]

    def _dirty(self) -> bool:
        return self.draft is not None and self.draft.dirty

    def save(self) -> None:
        """Write the edited documents to the show files (checked by the loader first; comments kept)."""
        if self.draft is None or not self._dirty():
            return
        try:
            try:
                self.draft.save()
            except SaveConflict as exc:  # someone else changed a file since the show was opened
                if not self.confirm(self.tr("Save"), self.tr("%1\n\nSave anyway and overwrite it?")
                                    .replace("%1", str(exc))):
                    return
                self.draft.save(force=True)
        except Exception as exc:  # noqa: BLE001 - the operator must see why, the edits stay in memory
            QMessageBox.warning(self, self.tr("Not saved"),
                                self.tr("The edits could not be saved; they are still here.\n\n%1")
                                .replace("%1", str(exc)))
            return
        result = check_show(self.draft.root)
        if result.show is not None:
            self.result = result
        self.draft.saved(result.show)
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
        """The show as edited (voice and avatar choices included), for the dialog to start from."""
        assert self.draft is not None
        return self.draft.show

    def apply_show_settings(self, changes: dict[str, object]) -> None:
        """Put show-setting changes (ShowEditor.set_show_field keys) into the edited show.toml."""
        if not changes or self.draft is None:
            return
        try:
            self.draft.set_show_fields(changes)
        except EditError as exc:
            self.statusBar().showMessage(self.tr("Not applied — %1").replace("%1", str(exc)), 10000)

    def edit_schedule(self) -> None:
        """The weekly grid; the windows are written on Save."""
        if self.draft is None:
            return
        from studio.ui.console.schedule_editor import ScheduleDialog

        dialog = ScheduleDialog(self.draft.show, self)
        if dialog.exec():
            self.set_schedule(dialog.grid.windows)

    def set_schedule(self, windows: list) -> None:
        """Put the weekly windows drawn on the grid into the edited show.toml."""
        assert self.draft is not None
        try:
            self.draft.set_schedule([w.spec() for w in windows])
        except EditError as exc:
            self.statusBar().showMessage(self.tr("Not applied — %1").replace("%1", str(exc)), 10000)

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

    def _ask_unsaved(self, question: str) -> str:
        """Save / Discard / Cancel in a message box ("save", "discard", "cancel")."""
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(self, self.tr("Unsaved edits"), question,
                                      buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save)
        if answer == buttons.Save:
            return "save"
        return "discard" if answer == buttons.Discard else "cancel"
