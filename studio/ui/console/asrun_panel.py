"""The as-run panel: today's records for the show, filtered by outcome and product, exported as CSV."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.runner.asrun import (
    OUTCOMES,
    AsRunLog,
    AsRunRecord,
    DayTail,
    export_csv,
    summarize,
)

REFRESH_MS = 2000
OUTCOME_COLORS = {"aired": "#20C997", "skipped": "#9AA3B2", "failed": "#FF6B6B", "blocked": "#FF4D5A",
                  "answered": "#74C0FC", "dropped": "#F59F00"}


class AsRunPanel(QFrame):
    """Today's as-run records of one show folder, newest first."""

    def __init__(self, folder: Path, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self.log = AsRunLog(folder)
        self.today = today
        self._tail: DayTail | None = None
        self.records: list[AsRunRecord] = []
        col = QVBoxLayout(self)
        col.setContentsMargins(16, 12, 16, 12)
        col.setSpacing(8)
        head = QHBoxLayout()
        title = QLabel(self.tr("As-run today"))
        title.setObjectName("sectionTitle")
        head.addWidget(title)
        self.summary = QLabel()
        self.summary.setObjectName("meta")
        head.addWidget(self.summary, 1)
        self.outcome = QComboBox()
        self.outcome.addItem(self.tr("All outcomes"), "")
        for o in OUTCOMES:
            self.outcome.addItem(o, o)
        self.product = QComboBox()
        self.product.addItem(self.tr("All products"), "")
        self.export = QPushButton(self.tr("Export CSV…"))
        head.addWidget(self.outcome)
        head.addWidget(self.product)
        head.addWidget(self.export)
        col.addLayout(head)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Outcome"), self.tr("Product"),
                                              self.tr("Text"), self.tr("Seconds")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for c in (0, 1, 2, 4):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        col.addWidget(self.table, 1)
        self.outcome.currentIndexChanged.connect(self._fill)
        self.product.currentIndexChanged.connect(self._fill)
        self.export.clicked.connect(self._ask_export)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)

    def set_live(self, live: bool) -> None:
        """Refresh every two seconds while on air; once more when the show stops."""
        if live:
            self.timer.start()
        else:
            self.timer.stop()
        self.refresh()

    def refresh(self) -> None:
        """Read what was appended to today's file and, when there is something new, refill the table."""
        path = self.log.path_for(self.today())
        first = self._tail is None or self._tail.path != path  # a new day starts a new file
        if first:
            self._tail = DayTail(path)
        restarts = self._tail.restarts
        if not self._tail.poll() and not first and self._tail.restarts == restarts:
            return  # nothing new (a rotated or deleted file is read afresh: restarts changes)
        self.records = list(self._tail.reading.records)
        products = sorted({r.product for r in self.records if r.product})
        current = self.product.currentData()
        self.product.blockSignals(True)
        self.product.clear()
        self.product.addItem(self.tr("All products"), "")
        for p in products:
            self.product.addItem(p, p)
        self.product.setCurrentIndex(max(0, self.product.findData(current)))
        self.product.blockSignals(False)
        s = summarize(self.records)
        self.summary.setText(self.tr("%1 lines · %2 aired · %3 blocked · %4 min on air")
                             .replace("%1", str(s.lines)).replace("%2", str(s.outcomes.get("aired", 0)))
                             .replace("%3", str(s.outcomes.get("blocked", 0)))
                             .replace("%4", f"{s.aired_seconds / 60:.1f}"))
        self._fill()

    def visible_records(self) -> list[AsRunRecord]:
        """The records that pass the filters, newest first (what the table shows and CSV exports)."""
        outcome, product = self.outcome.currentData(), self.product.currentData()
        out = [r for r in self.records if (not outcome or r.outcome == outcome)
               and (not product or r.product == product)]
        return list(reversed(out))

    def export_to(self, path: Path) -> int:
        """Write the filtered records to `path` as CSV (oldest first, as the log reads)."""
        return export_csv(list(reversed(self.visible_records())), path)

    def _fill(self) -> None:
        rows = self.visible_records()
        self.table.setRowCount(len(rows))
        for n, r in enumerate(rows):
            cells = [r.start.strftime("%H:%M:%S"), r.outcome, r.product or "—", r.text, f"{r.duration:.1f}"]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 1:
                    item.setForeground(QColor(OUTCOME_COLORS.get(r.outcome, "#E8ECF2")))
                if c == 3 and (r.findings or r.note):
                    item.setToolTip("\n".join([*r.findings, r.note]).strip())
                if c == 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(n, c, item)

    def _ask_export(self) -> None:
        name = f"asrun-{self.today().isoformat()}.csv"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export as-run CSV"), str(Path.home() / name),
                                              self.tr("CSV files (*.csv)"))
        if not path:
            return
        try:
            count = self.export_to(Path(path))
        except OSError as exc:  # a file open in Excel (locked on Windows), a full disk, a read-only folder
            self.summary.setText(self.tr("Could not export to %1: %2 — close it in other programs or choose "
                                         "another folder").replace("%1", path).replace("%2", exc.strerror or str(exc)))
            return
        self.summary.setText(self.tr("Exported %1 records to %2").replace("%1", str(count)).replace("%2", path))
