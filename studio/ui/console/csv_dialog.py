"""File → Import products from CSV…: pick a file, see what would be created and the bad rows, import.

The preview is the plan studio.show.csv_import.read_products_csv makes (the same as
`studio import-csv --dry-run` prints): the products to import, the rows that cannot be imported
with their spreadsheet row, column and why, and notes. It is made again when the rundown or the
encoding changes, since both are part of what is checked. Import writes exactly that plan through
a ShowEditor; the console then reloads the show. Reading the show, making the plan and importing
run as background jobs (studio.ui.jobs): a show of hundreds of products takes a second to read.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.show.csv_import import ENCODINGS, CsvImport, CsvProblem, read_products_csv, runs
from studio.show.editing import ShowEditor
from studio.ui.jobs import Job, JobControl, describe

NO_RUNDOWN = ""
AUTO = ""


class CsvImportDialog(QDialog):
    """Preview and import a products CSV into the show at `root`; `imported` lists the new ids."""

    def __init__(self, root: Path, parent: QWidget | None = None, path: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("csvImportDialog")
        self.setWindowTitle(self.tr("Import products from CSV"))
        self.root = Path(root)
        self.preview: CsvImport | None = None
        self.imported: list[str] = []
        self.editor: ShowEditor | None = None  # the show as it is now, read by the first job
        self.job: Job | None = None  # reading the show and the file, or importing
        self.importing = False
        col = QVBoxLayout(self)
        row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("csvPath")
        self.path_edit.setReadOnly(True)
        row.addWidget(self.path_edit, 1)
        self.choose_button = QPushButton(self.tr("Choose file…"))
        self.choose_button.clicked.connect(self.choose)
        row.addWidget(self.choose_button)
        col.addLayout(row)
        self.summary = QLabel(self.tr("Choose a CSV file exported from a spreadsheet (columns: 名称/name, 价格/price, "
                                      "原价, 图片, 卖点, 库存, 链接)."))
        self.summary.setWordWrap(True)
        col.addWidget(self.summary)
        col.addWidget(QLabel(self.tr("Products to create")))
        self.products_list = QListWidget()
        self.products_list.setObjectName("csvProducts")
        col.addWidget(self.products_list, 2)
        col.addWidget(QLabel(self.tr("Rows that cannot be imported")))
        self.problems_list = QListWidget()
        self.problems_list.setObjectName("csvProblems")
        col.addWidget(self.problems_list, 1)
        col.addWidget(QLabel(self.tr("Notes (imported, but worth a look)")))
        self.notes_list = QListWidget()
        self.notes_list.setObjectName("csvNotes")
        col.addWidget(self.notes_list, 1)
        erow = QHBoxLayout()
        erow.addWidget(QLabel(self.tr("Encoding")))
        self.encoding_combo = QComboBox()
        self.encoding_combo.setObjectName("csvEncoding")
        self.encoding_combo.addItem(self.tr("Recognise (UTF-8, UTF-16, GBK)"), AUTO)
        for key in ("utf-8", "gbk", "utf-16"):
            self.encoding_combo.addItem(ENCODINGS[key], key)
        erow.addWidget(self.encoding_combo, 1)
        col.addLayout(erow)
        rrow = QHBoxLayout()
        rrow.addWidget(QLabel(self.tr("Append to rundown")))
        self.rundown_combo = QComboBox()
        self.rundown_combo.setObjectName("csvRundown")
        self.rundown_combo.addItem(self.tr("(none)"), NO_RUNDOWN)
        self.rundown_combo.setEnabled(False)  # until the show's rundowns are read
        self.rundown_combo.currentIndexChanged.connect(self.reload)
        self.encoding_combo.currentIndexChanged.connect(self.reload)
        rrow.addWidget(self.rundown_combo, 1)
        col.addLayout(rrow)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("csvImport")
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.do_import)
        self.buttons.rejected.connect(self.reject)
        self.error = QLabel()
        self.error.setObjectName("csvError")
        self.error.setStyleSheet("color: #FF8787;")
        self.error.setWordWrap(True)
        col.addWidget(self.error)
        col.addWidget(self.buttons)
        self.resize(760, 560)
        if path is not None:
            self.load(path)

    @property
    def busy(self) -> bool:
        """True while the show or the file is read, or the import is written."""
        return self.job is not None

    def choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Products CSV"), str(self.root),
                                              self.tr("CSV files (*.csv)"))
        if name:
            self.load(Path(name))

    def rundown(self) -> str | None:
        return str(self.rundown_combo.currentData() or "") or None

    def reload(self) -> None:
        """Make the plan again (the rundown or the encoding changed: both are part of it)."""
        if self.path_edit.text():
            self.load(Path(self.path_edit.text()))

    def load(self, path: Path) -> None:
        """Read and check `path` (off the UI thread); the plan is shown when it is ready."""
        if self.job is not None:
            return  # the inputs are disabled while a job runs; nothing else starts one
        self.path_edit.setText(str(path))
        encoding = str(self.encoding_combo.currentData() or "") or None
        editor, root, rundown = self.editor, self.root, self.rundown()

        def work(_control: JobControl) -> tuple[ShowEditor, CsvImport]:
            shown = editor or ShowEditor(root)
            ids = shown.rundown_ids()
            # before the show is read the rundown list is empty: the first rundown is the default
            wanted = (ids[0] if ids else None) if editor is None else rundown
            return shown, read_products_csv(path, shown, rundown=wanted, encoding=encoding)

        self.summary.setText(self.tr("Reading %1…").replace("%1", path.name))
        self._start(work, self._planned, self.tr("Cannot read the file: %1"))

    def _planned(self, result: tuple[ShowEditor, CsvImport]) -> None:
        editor, self.preview = result
        if self.editor is None:
            self.editor = editor
            self.rundown_combo.blockSignals(True)
            for rid in editor.rundown_ids():
                self.rundown_combo.addItem(rid, rid)
            if self.rundown_combo.count() > 1:
                self.rundown_combo.setCurrentIndex(1)  # what the plan was made with
            self.rundown_combo.blockSignals(False)
            self.rundown_combo.setEnabled(True)
        self.products_list.clear()
        self.problems_list.clear()
        self.notes_list.clear()
        self.error.setText("")
        for p in self.preview.products:
            self.products_list.addItem(self.tr("row %1: %2 — %3 (id %4)").replace("%1", str(p.row)).replace("%2", p.name)
                                       .replace("%3", str(p.price)).replace("%4", p.id))
        for target, problems in ((self.problems_list, self.preview.problems), (self.notes_list, self.preview.notes)):
            for first, last in runs(problems):
                target.addItem(self._describe(first, last))
        bad_rows = len({p.row for p in self.preview.problems if p.row})
        self.summary.setText(self.tr("%1 products to import, %2 rows not imported, %3 notes (%4, separated by “%5”)")
                             .replace("%1", str(len(self.preview.products)))
                             .replace("%2", str(bad_rows))
                             .replace("%3", str(len(self.preview.notes)))
                             .replace("%4", self.preview.encoding or "?")
                             .replace("%5", {"\t": "Tab"}.get(self.preview.delimiter, self.preview.delimiter)))
        self.import_button.setEnabled(bool(self.preview.products))

    def _describe(self, problem: CsvProblem, last: int) -> str:
        """'row 5 · 价格: …', or 'rows 503–20001: …' for a run of rows with the same reason."""
        text = problem.message + (f" ({problem.hint})" if problem.hint else "")
        if problem.row == 0:
            return text
        where = (self.tr("row %1").replace("%1", str(problem.row)) if last == problem.row
                 else self.tr("rows %1–%2").replace("%1", str(problem.row)).replace("%2", str(last)))
        if problem.column:
            where += f" · {problem.column}"
        return f"{where}: {text}"

    def do_import(self) -> None:
        """Write the plan shown, check the show, save (off the UI thread); the dialog closes when it worked."""
        if self.preview is None or not self.preview.products or self.job is not None:
            return
        plan, root, rundown = self.preview, self.root, self.rundown()

        def work(_control: JobControl) -> list[str]:
            editor = ShowEditor(root)  # fresh: a failed attempt leaves nothing behind
            done = plan.apply(editor, rundown)
            broken = plan.new_errors(editor)  # none, unless the show changed since the preview
            if broken:
                raise ValueError(broken[0].format())
            editor.save()
            return done

        self.importing = True
        self.summary.setText(self.tr("Importing %1 products…").replace("%1", str(len(plan.products))))
        self._start(work, self._imported, self.tr("Not imported: %1"))

    def _imported(self, done: list[str]) -> None:
        self.imported = done
        self.accept()

    def _start(self, work: Callable[[JobControl], object], then: Callable[[Any], None], failed: str) -> None:
        def succeeded(result: object) -> None:
            self._ended()
            then(result)

        def fell_through(exc: BaseException) -> None:  # nothing was written: say why, stay open
            self._ended()
            self.error.setText(failed.replace("%1", describe(exc)))

        self._working(True)
        self.job = Job(work, on_success=succeeded, on_failure=fell_through, owner=self).start()

    def _ended(self) -> None:
        self.job = None
        self.importing = False
        self._working(False)

    def _working(self, on: bool) -> None:
        """The inputs wait while a job runs: a plan made from inputs changed meanwhile would be stale."""
        for widget in (self.choose_button, self.encoding_combo):
            widget.setEnabled(not on)
        self.rundown_combo.setEnabled(not on and self.editor is not None)
        self.import_button.setEnabled(not on and self.preview is not None and bool(self.preview.products))

    def reject(self) -> None:
        if not self.importing:  # an import half written is finished first, never cut off
            super().reject()
