"""The product editor (card fields and photo) and the pitch editor (lines, highlighted and checked)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studio.compliance.checker import Checker
from studio.show.model import Product
from studio.show.templates import TemplateError
from studio.ui.console.draft import ShowDraft, parse_money
from studio.ui.console.highlight import LineEdit
from studio.ui.show_overview import product_pixmap

LINE_EDIT_MS = 250  # a pitch line is parsed and applied after this much quiet typing


def _money_text(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


class ProductEditor(QFrame):
    """Name, price, original price, stock, link hint and selling points of one product, with its photo."""

    def __init__(self, draft: ShowDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self.draft = draft
        self.product_id: str | None = None
        self._loading = False
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 14, 16, 14)
        row.setSpacing(18)
        self.photo = QLabel()
        self.photo.setFixedSize(132, 132)
        self.photo.setToolTip(self.tr("Product photo (the image file named in the product's file)"))
        photo_col = QVBoxLayout()
        photo_col.addWidget(self.photo)
        self.photo_path = QLabel()
        self.photo_path.setObjectName("meta")
        self.photo_path.setWordWrap(True)
        self.photo_path.setFixedWidth(132)
        photo_col.addWidget(self.photo_path)
        photo_col.addStretch(1)
        row.addLayout(photo_col)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(8)
        self.name = QLineEdit()
        self.price = QLineEdit()
        self.original_price = QLineEdit()
        self.original_price.setPlaceholderText(self.tr("none"))
        self.stock = QSpinBox()
        self.stock.setRange(-1, 10_000_000)
        self.stock.setSpecialValueText(self.tr("not shown"))
        self.link = QLineEdit()
        self.points = QLineEdit()
        self.points.setToolTip(self.tr("Selling points, separated by commas (，or ,)"))
        prices = QHBoxLayout()
        prices.setSpacing(12)
        prices.addWidget(self.price, 1)
        orig_label = QLabel(self.tr("Original price"))
        orig_label.setObjectName("formLabel")
        prices.addWidget(orig_label)
        prices.addWidget(self.original_price, 1)
        prices.addWidget(QLabel(self.tr("Stock")))
        prices.addWidget(self.stock, 1)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Price"), prices)
        form.addRow(self.tr("Link hint"), self.link)
        form.addRow(self.tr("Selling points"), self.points)
        self.message = QLabel()
        self.message.setObjectName("error")
        form.addRow("", self.message)
        row.addLayout(form, 1)
        self.name.textEdited.connect(lambda text: self._apply("name", text.strip() or None))
        self.price.textEdited.connect(lambda text: self._apply_money("price", text, required=True))
        self.original_price.textEdited.connect(lambda text: self._apply_money("original_price", text))
        self.stock.valueChanged.connect(lambda v: self._apply("stock", None if v < 0 else v))
        self.link.textEdited.connect(lambda text: self._apply("link", text.strip()))
        self.points.textEdited.connect(self._apply_points)

    def load(self, product: Product) -> None:
        """Show `product` (switching products, or after a save)."""
        self._loading = True
        self.product_id = product.id
        self.name.setText(product.name)
        self.price.setText(_money_text(product.price))
        self.original_price.setText(_money_text(product.original_price))
        self.stock.setValue(-1 if product.stock is None else product.stock)
        self.link.setText(product.link)
        self.points.setText("，".join(product.selling_points))
        self.photo.setPixmap(product_pixmap(product, 132, 10))
        self.photo_path.setText(product.image.name if product.image else self.tr("no image"))
        self.message.clear()
        self._loading = False

    def _apply(self, name: str, value: object) -> None:
        if self._loading or self.product_id is None:
            return
        if value is None and name == "name":
            self.message.setText(self.tr("A product needs a name."))
            return
        self.message.clear()
        self.draft.set_field(self.product_id, name, value)

    def _apply_money(self, name: str, text: str, required: bool = False) -> None:
        try:
            value = parse_money(text)
        except ValueError:
            self.message.setText(self.tr("'%1' is not an amount (for example 168 or 99.9).").replace("%1", text))
            return
        if value is None and required:
            self.message.setText(self.tr("The price is required."))
            return
        self._apply(name, value)

    def _apply_points(self, text: str) -> None:
        points = tuple(p.strip() for p in text.replace(",", "，").split("，") if p.strip())
        self._apply("selling_points", points)


class PitchEditor(QFrame):
    """The product's pitch: a list of lines and an editor for the selected one."""

    line_selected = Signal(int)

    def __init__(self, draft: ShowDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self.draft = draft
        self.product_id: str | None = None
        self.checker = Checker(lists=draft.show.compliance)
        col = QVBoxLayout(self)
        col.setContentsMargins(16, 14, 16, 14)
        col.setSpacing(8)
        head = QHBoxLayout()
        title = QLabel(self.tr("Pitch"))
        title.setObjectName("sectionTitle")
        head.addWidget(title)
        head.addStretch(1)
        legend = QLabel(self.tr("{variable}  {variant|variant}  — red wavy: blocked on air, orange: check"))
        legend.setObjectName("meta")
        head.addWidget(legend)
        col.addLayout(head)
        self.lines = QListWidget()
        self.lines.setObjectName("lines")
        self.lines.setWordWrap(True)
        self.lines.setAlternatingRowColors(True)
        self.lines.currentRowChanged.connect(self._row_changed)
        col.addWidget(self.lines, 3)
        self.editor = LineEdit(self.checker, draft.show.language)
        self.editor.setObjectName("lineEditor")
        self.editor.setPlaceholderText(self.tr("Select a line to edit it"))
        self.editor.setEnabled(False)
        col.addWidget(self.editor, 2)
        self.status = QLabel()
        self.status.setObjectName("meta")
        col.addWidget(self.status)
        self._apply_timer = QTimer(self)
        self._apply_timer.setSingleShot(True)
        self._apply_timer.setInterval(LINE_EDIT_MS)
        self._apply_timer.timeout.connect(self.apply_line)
        self.editor.textChanged.connect(self._apply_timer.start)
        self.editor.textChanged.connect(self._show_findings)

    @property
    def row(self) -> int:
        return self.lines.currentRow()

    def load(self, product: Product) -> None:
        """List the pitch of `product`, keeping the selected row when it is the same product."""
        keep = self.row if product.id == self.product_id else 0
        self.product_id = product.id
        self.lines.blockSignals(True)
        self.lines.clear()
        language = self.draft.show.language
        for n, line in enumerate(product.pitch, 1):
            item = QListWidgetItem(f"{n}.  {line.text}")
            findings = self.checker.check(line.text, line.language or language)
            if any(f.blocks for f in findings):
                item.setForeground(Qt.GlobalColor.red)
                item.setToolTip(self.tr("This line has wording that is blocked on air"))
            self.lines.addItem(item)
        self.lines.blockSignals(False)
        if product.pitch:
            self.lines.setCurrentRow(min(max(keep, 0), len(product.pitch) - 1))
            self._row_changed(self.row)
        else:
            self.editor.setEnabled(False)

    def _row_changed(self, row: int) -> None:
        if self.product_id is None or row < 0:
            return
        line = self.draft.product(self.product_id).pitch[row]
        self.editor.setEnabled(True)
        self.editor.highlighter.language = line.language or self.draft.show.language
        self.editor.blockSignals(True)
        self.editor.setPlainText(line.text)
        self.editor.blockSignals(False)
        self._show_findings()
        self.line_selected.emit(row)

    def apply_line(self) -> None:
        """Parse the edited text and put it in the draft (a template error is shown, not applied)."""
        self._apply_timer.stop()
        if self.product_id is None or self.row < 0:
            return
        text = self.editor.toPlainText().replace("\n", " ")
        try:
            self.draft.set_line(self.product_id, self.row, text)
        except TemplateError as exc:
            self.status.setText(self.tr("Not applied — column %1: %2").replace("%1", str(exc.column))
                                .replace("%2", exc.message))
            return
        item = self.lines.item(self.row)
        if item is not None:
            item.setText(f"{self.row + 1}.  {text}")

    def _show_findings(self) -> None:
        found = self.editor.highlighter.underlines
        blocked = sum(1 for u in found if u.finding.blocks)
        if not found:
            self.status.setText(self.tr("No compliance findings"))
        else:
            self.status.setText(self.tr("%1 blocked, %2 to check — hover an underline for the law and a rewrite")
                                .replace("%1", str(blocked)).replace("%2", str(len(found) - blocked)))
