"""File → Import products from CSV…: pick a file, see what would be created and the bad rows, import.

The preview comes from studio.show.csv_import.read_products_csv (nothing is written until Import);
Import adds the products through a ShowEditor, appends them to the chosen rundown, checks the
edited show with the real loader and saves. The console then reloads the show.
"""

from __future__ import annotations

from pathlib import Path

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

from studio.show.csv_import import CsvImport, read_products_csv
from studio.show.editing import ShowEditor

NO_RUNDOWN = ""


class CsvImportDialog(QDialog):
    """Preview and import a products CSV into the show at `root`; `imported` lists the new ids."""

    def __init__(self, root: Path, parent: QWidget | None = None, path: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("csvImportDialog")
        self.setWindowTitle(self.tr("Import products from CSV"))
        self.root = Path(root)
        self.preview: CsvImport | None = None
        self.imported: list[str] = []
        self.editor = ShowEditor(self.root)
        col = QVBoxLayout(self)
        row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("csvPath")
        self.path_edit.setReadOnly(True)
        row.addWidget(self.path_edit, 1)
        choose = QPushButton(self.tr("Choose file…"))
        choose.clicked.connect(self.choose)
        row.addWidget(choose)
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
        rrow = QHBoxLayout()
        rrow.addWidget(QLabel(self.tr("Append to rundown")))
        self.rundown_combo = QComboBox()
        self.rundown_combo.setObjectName("csvRundown")
        self.rundown_combo.addItem(self.tr("(none)"), NO_RUNDOWN)
        for rid in self.editor.rundown_ids():
            self.rundown_combo.addItem(rid, rid)
        if self.rundown_combo.count() > 1:
            self.rundown_combo.setCurrentIndex(1)
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

    def choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Products CSV"), str(self.root),
                                              self.tr("CSV files (*.csv)"))
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        """Read and check `path`; fill the preview."""
        self.path_edit.setText(str(path))
        self.preview = read_products_csv(path, self.editor)
        self.products_list.clear()
        self.problems_list.clear()
        self.error.setText("")
        for p in self.preview.products:
            self.products_list.addItem(self.tr("row %1: %2 — %3 (id %4)").replace("%1", str(p.row))
                                       .replace("%2", p.name).replace("%3", str(p.price)).replace("%4", p.id))
        for problem in self.preview.problems:
            if problem.row == 0:
                text = problem.message
            else:
                text = self.tr("row %1").replace("%1", str(problem.row))
                if problem.column:
                    text += f" · {problem.column}"
                text += f": {problem.message}"
            self.problems_list.addItem(text)
        self.summary.setText(self.tr("%1 products to create, %2 problems (%3, separated by “%4”)")
                             .replace("%1", str(len(self.preview.products)))
                             .replace("%2", str(len(self.preview.problems)))
                             .replace("%3", self.preview.encoding or "?")
                             .replace("%4", {"\t": "Tab"}.get(self.preview.delimiter, self.preview.delimiter)))
        self.import_button.setEnabled(bool(self.preview.products))

    def do_import(self) -> None:
        """Add the products, check the show, save; the dialog closes when it worked."""
        if self.preview is None or not self.preview.products:
            return
        rundown = str(self.rundown_combo.currentData() or "") or None
        editor = ShowEditor(self.root)  # fresh: a failed attempt leaves nothing behind
        try:
            done = self.preview.apply(editor, rundown)
            check = editor.validate()
            if check.errors:
                first = check.errors[0]
                raise ValueError(first.format())
            editor.save()
        except Exception as exc:  # noqa: BLE001 - shown to the operator, nothing written
            self.error.setText(self.tr("Not imported: %1").replace("%1", str(exc)))
            return
        self.imported = done
        self.accept()
