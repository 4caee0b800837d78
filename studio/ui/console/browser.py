"""The show browser: rundowns with their products, every product, and the week's schedule."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QTabWidget, QTreeWidget, QTreeWidgetItem, QWidget

from studio.show.model import Show
from studio.ui.show_overview import RUNDOWN_COLORS, WeekGrid, money, product_pixmap

PRODUCT_ROLE = Qt.ItemDataRole.UserRole


class ShowBrowser(QTabWidget):
    """Left pane: a tree of rundowns → products (click to edit) and the schedule calendar."""

    product_chosen = Signal(str)

    def __init__(self, show: Show, now: datetime | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("browser")
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderHidden(True)
        self.tree.setIndentation(14)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        self.tree.itemClicked.connect(self._clicked)
        self.addTab(self.tree, self.tr("Rundowns"))
        self.week = WeekGrid(show, now)
        self.week.setMinimumSize(240, 420)  # WeekGrid asks for 700 px; it draws to any width
        self.addTab(self.week, self.tr("Schedule"))
        self.fill(show, now)

    def fill(self, show: Show, now: datetime | None = None) -> None:
        """(Re)build the tree for `show` (after an edit the names and prices follow)."""
        self.tree.clear()
        on_air = show.schedule.rundown_at(now) if now is not None else None
        for n, rundown in enumerate(show.rundowns):
            title = rundown.title + (self.tr("  · on air now") if rundown.id == on_air else "")
            top = QTreeWidgetItem([title, str(len(rundown.items))])
            top.setForeground(0, QColor(RUNDOWN_COLORS[n % len(RUNDOWN_COLORS)]))
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for entry in rundown.items:
                top.addChild(self._product_item(show, entry.product))
            self.tree.addTopLevelItem(top)
        every = QTreeWidgetItem([self.tr("All products"), str(len(show.products))])
        every.setFlags(Qt.ItemFlag.ItemIsEnabled)
        for p in show.products:
            every.addChild(self._product_item(show, p.id))
        self.tree.addTopLevelItem(every)
        self.tree.expandAll()
        self.week.show_model = show
        self.week.update()

    @staticmethod
    def _product_item(show: Show, product_id: str) -> QTreeWidgetItem:
        product = show.product(product_id)
        item = QTreeWidgetItem([product.name, money(product, product.price)])
        item.setIcon(0, product_pixmap(product, 32, 5))
        item.setData(0, PRODUCT_ROLE, product.id)
        item.setForeground(1, QColor("#FF6B76"))
        return item

    def select(self, product_id: str) -> None:
        """Highlight the first row of `product_id` without emitting product_chosen."""
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for k in range(top.childCount()):
                if top.child(k).data(0, PRODUCT_ROLE) == product_id:
                    self.tree.setCurrentItem(top.child(k))
                    return

    def _clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        product_id = item.data(0, PRODUCT_ROLE)
        if product_id:
            self.product_chosen.emit(str(product_id))
