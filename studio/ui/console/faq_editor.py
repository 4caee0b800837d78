"""The FAQ editor: a product's questions as "keywords → answer", and the selected one's keywords and answer lines."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.compliance.checker import Checker
from studio.show.model import Line, Product
from studio.show.templates import TemplateError
from studio.ui.console.draft import EditError, ShowDraft
from studio.ui.console.highlight import LINE_EDIT_MS, LineEdit


def split_keywords(text: str) -> tuple[str, ...]:
    """'多少钱，价格、几块' → ('多少钱', '价格', '几块'): commas (，or ,) and 、 separate keywords."""
    for sep in (",", "、"):
        text = text.replace(sep, "，")
    return tuple(k.strip() for k in text.split("，") if k.strip())


class FaqEditor(QWidget):
    """The product's FAQ: entries as "keywords → answer", the selected one's keywords and answer lines."""

    def __init__(self, draft: ShowDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("faqEditor")
        self.draft = draft
        self.product_id: str | None = None
        self._loading = False
        self._editing_row = -1  # the entry the fields hold
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(6)
        head = QHBoxLayout()
        title = QLabel(self.tr("FAQ"))
        title.setObjectName("formLabel")
        head.addWidget(title)
        head.addStretch(1)
        self.add_button = QToolButton()
        self.add_button.setObjectName("faqAdd")
        self.add_button.setText(self.tr("Add"))
        self.add_button.setToolTip(self.tr("Add a question and its answer"))
        self.add_button.clicked.connect(self.add_entry)
        head.addWidget(self.add_button)
        self.remove_button = QToolButton()
        self.remove_button.setObjectName("faqRemove")
        self.remove_button.setText(self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Remove the selected question"))
        self.remove_button.clicked.connect(self.remove_entry)
        head.addWidget(self.remove_button)
        col.addLayout(head)
        self.entries = QListWidget()
        self.entries.setObjectName("faqEntries")
        self.entries.setMaximumHeight(84)
        self.entries.currentRowChanged.connect(self._row_changed)
        col.addWidget(self.entries)
        self.keywords = QLineEdit()
        self.keywords.setObjectName("faqKeywords")
        self.keywords.setPlaceholderText(self.tr("Keywords, separated by commas or 、"))
        self.keywords.setToolTip(self.tr("Viewer comments with one of these words get this answer"))
        col.addWidget(self.keywords)
        self.answer = LineEdit(Checker(lists=draft.show.compliance), draft.show.language,
                               draft.show.compliance.needs_approval)
        self.answer.setObjectName("faqAnswer")
        self.answer.setPlaceholderText(self.tr("The answer, one line per line"))
        self.answer.setMaximumHeight(64)
        col.addWidget(self.answer)
        self.message = QLabel()
        self.message.setObjectName("meta")
        self.message.setWordWrap(True)
        col.addWidget(self.message)
        self._apply_timer = QTimer(self)
        self._apply_timer.setSingleShot(True)
        self._apply_timer.setInterval(LINE_EDIT_MS)
        self._apply_timer.timeout.connect(self.apply_entry)
        self.keywords.textEdited.connect(self._apply_timer.start)
        self.answer.textChanged.connect(self._apply_timer.start)
        self._enable_fields(False)

    @property
    def row(self) -> int:
        return self.entries.currentRow()

    def _enable_fields(self, on: bool) -> None:
        self.keywords.setEnabled(on)
        self.answer.setEnabled(on)
        self.remove_button.setEnabled(on)
        self.add_button.setEnabled(self.product_id is not None)

    @staticmethod
    def _item_text(keywords: tuple[str, ...], answer: tuple[Line, ...]) -> str:
        return "、".join(keywords) + "  →  " + " / ".join(line.text for line in answer)

    def load(self, product: Product, row: int | None = None) -> None:
        """List the FAQ of `product`, keeping the selected entry when it is the same product (or `row`)."""
        keep = self.row if product.id == self.product_id else 0
        if row is not None:
            keep = row
        self.apply_entry()
        self._editing_row = -1
        self.product_id = product.id
        self.entries.blockSignals(True)
        self.entries.clear()
        for entry in product.faq:
            self.entries.addItem(QListWidgetItem(self._item_text(entry.keywords, entry.answer)))
        self.entries.blockSignals(False)
        self.message.clear()
        if product.faq:
            self.entries.setCurrentRow(min(max(keep, 0), len(product.faq) - 1))
            self._row_changed(self.row)
        else:
            self._fill("", "")
            self._enable_fields(False)

    def _fill(self, keywords: str, answer: str) -> None:
        self._loading = True
        self.keywords.setText(keywords)
        self.answer.blockSignals(True)
        self.answer.setPlainText(answer)
        self.answer.blockSignals(False)
        self._loading = False

    def _row_changed(self, row: int) -> None:
        if self.product_id is None or row < 0:
            return
        self.apply_entry()  # a pending edit goes to the entry it was typed for
        faq = self.draft.product(self.product_id).faq
        if row >= len(faq):
            return
        entry = faq[row]
        # One document holds every answer line: underline by what any of them approved.
        self.answer.highlighter.set_approved(tuple(t for line in entry.answer for t in line.approved))
        self._fill("，".join(entry.keywords), "\n".join(line.text for line in entry.answer))
        self._editing_row = row
        self._enable_fields(True)

    def apply_entry(self) -> None:
        """Put the edited keywords and answer in the draft (a problem is shown, not applied)."""
        self._apply_timer.stop()
        row = self._editing_row
        if self._loading or self.product_id is None or row < 0:
            return
        faq = self.draft.product(self.product_id).faq
        if row >= len(faq):
            return
        keywords = split_keywords(self.keywords.text())
        answer = tuple(t.strip() for t in self.answer.toPlainText().split("\n") if t.strip())
        if not keywords:
            self.message.setText(self.tr("A question needs at least one keyword."))
            return
        if not answer:
            self.message.setText(self.tr("A question needs an answer."))
            return
        try:
            self.draft.set_faq(self.product_id, row, keywords, answer)
        except TemplateError as exc:
            self.message.setText(self.tr("Not applied — column %1: %2").replace("%1", str(exc.column))
                                 .replace("%2", exc.message))
            return
        except EditError as exc:
            self.message.setText(self.tr("Not applied — %1").replace("%1", str(exc)))
            return
        self.message.clear()
        entry = self.draft.product(self.product_id).faq[row]
        item = self.entries.item(row)
        if item is not None:
            item.setText(self._item_text(entry.keywords, entry.answer))

    def add_entry(self) -> None:
        """Add a question at the end and select it for editing."""
        if self.product_id is None:
            return
        self.apply_entry()
        try:
            index = self.draft.add_faq(self.product_id, (self.tr("keyword"),), (self.tr("New answer"),))
        except EditError as exc:
            self.message.setText(self.tr("Not applied — %1").replace("%1", str(exc)))
            return
        self.load(self.draft.product(self.product_id), index)
        self.keywords.setFocus()
        self.keywords.selectAll()

    def remove_entry(self) -> None:
        """Remove the selected question."""
        if self.product_id is None or self.row < 0:
            return
        self.apply_entry()
        row = self.row
        try:
            self.draft.remove_faq(self.product_id, row)
        except EditError as exc:
            self.message.setText(self.tr("Not applied — %1").replace("%1", str(exc)))
            return
        self._editing_row = -1
        size = len(self.draft.product(self.product_id).faq)
        self.load(self.draft.product(self.product_id), min(row, size - 1) if size else 0)
