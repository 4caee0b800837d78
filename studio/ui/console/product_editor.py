"""The product editor: a product's card fields (name, prices, stock, link, selling points), its photo,
and beside them its FAQ (studio.ui.console.faq_editor)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImageReader
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studio.core.images import ImageError, NotAnImage, check_image_file
from studio.show.model import Product
from studio.ui.console.draft import EditError, ShowDraft, parse_money
from studio.ui.console.faq_editor import FaqEditor
from studio.ui.show_overview import product_pixmap

PHOTO_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".bmp")  # what the show loader accepts


class PhotoError(ValueError):
    """The chosen file cannot be a product photo: `kind` is "type", "unreadable", "unsafe" or "copy"."""

    def __init__(self, kind: str, name: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {name} {detail}".strip())
        self.kind, self.name, self.detail = kind, name, detail


def copy_photo(source: Path, root: Path) -> str:
    """Copy the image `source` into the show's media/ folder; return its show-relative path.

    The name is kept; when taken, -2, -3… is added before the suffix. A file already in media/
    is used as it is. PhotoError for anything that is not a PNG, JPEG, WebP or BMP image, and
    ("unsafe", with the reason) for one studio would refuse: too large, cut short, lying about its size.
    """
    if source.suffix.lower() not in PHOTO_SUFFIXES:
        raise PhotoError("type", source.name)
    checked = check_image_file(source)  # judged from its header: nothing decodes it here
    if isinstance(checked, NotAnImage) or not source.is_file():
        raise PhotoError("unreadable", source.name)
    if isinstance(checked, ImageError):
        raise PhotoError("unsafe", source.name, checked.reason)
    if not QImageReader(str(source)).canRead():
        raise PhotoError("unreadable", source.name)
    media = root / "media"
    if source.resolve().parent == media.resolve():
        return f"media/{source.name}"
    media.mkdir(parents=True, exist_ok=True)
    target = media / source.name
    n = 1
    while target.exists():
        n += 1
        target = media / f"{source.stem}-{n}{source.suffix}"
    try:
        shutil.copyfile(source, target)
    except OSError as exc:
        raise PhotoError("copy", source.name, str(exc.strerror or exc)) from None
    return f"media/{target.name}"


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
        self.choose_photo = QPushButton(self.tr("Choose photo…"))
        self.choose_photo.setObjectName("choosePhoto")
        self.choose_photo.setFixedWidth(132)
        self.choose_photo.setToolTip(self.tr("Copy a PNG, JPEG, WebP or BMP image into the show's media "
                                             "folder and use it as this product's photo"))
        self.choose_photo.clicked.connect(self.pick_photo)
        photo_col.addWidget(self.choose_photo)
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
        self.message.setWordWrap(True)  # a loader's message is long: it wraps, the window keeps its width
        form.addRow("", self.message)
        row.addLayout(form, 1)
        self.faq = FaqEditor(draft)
        row.addWidget(self.faq, 1)
        self.name.textEdited.connect(lambda text: self._apply("name", text.strip() or None))
        self.price.textEdited.connect(lambda text: self._apply_money("price", text, required=True))
        self.original_price.textEdited.connect(lambda text: self._apply_money("original_price", text))
        self.stock.valueChanged.connect(lambda v: self._apply("stock", None if v < 0 else v))
        self.link.textEdited.connect(lambda text: self._apply("link", text.strip()))
        self.points.textEdited.connect(self._apply_points)
        # Replaced in tests: asks for the image file ("" when the operator cancels).
        self.ask_photo_file: Callable[[], str] = self._ask_photo_file

    def _ask_photo_file(self) -> str:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the product photo"), "",
                                              self.tr("Images (*.png *.jpg *.jpeg *.webp *.bmp)"))
        return path

    def pick_photo(self) -> None:
        """Choose photo…: copy the image into media/ and make it the product's photo (saved by Save)."""
        if self.product_id is None:
            return
        chosen = self.ask_photo_file()
        if chosen:
            self.set_photo(Path(chosen))

    def set_photo(self, source: Path) -> bool:
        """Copy `source` into the show's media/ folder and set it in the draft; False (and why) if refused."""
        if self.product_id is None:
            return False
        try:
            relative = copy_photo(source, self.draft.root)
        except PhotoError as exc:
            if exc.kind == "type":
                why = self.tr("'%1' is not a PNG, JPEG, WebP or BMP image.")
            elif exc.kind == "unreadable":
                why = self.tr("'%1' cannot be read as an image.")
            elif exc.kind == "unsafe":
                why = self.tr("'%1' cannot be used as a photo: %2").replace("%2", exc.detail)
            else:
                why = self.tr("'%1' could not be copied into media/: %2").replace("%2", exc.detail)
            self.message.setText(why.replace("%1", exc.name))
            return False
        try:
            self.draft.set_image(self.product_id, relative)
        except EditError as exc:
            self.message.setText(self.tr("Not applied — %1").replace("%1", str(exc)))
            return False
        self.message.clear()
        product = self.draft.product(self.product_id)
        self.photo.setPixmap(product_pixmap(product, 132, 10))
        self.photo_path.setText(Path(relative).name)
        return True

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
        self.faq.load(product)

    def _apply(self, name: str, value: object) -> None:
        if self._loading or self.product_id is None:
            return
        if value is None and name == "name":
            self.message.setText(self.tr("A product needs a name."))
            return
        try:
            self.draft.set_field(self.product_id, name, value)
        except EditError as exc:  # the show would not load so (the loader says why)
            self.message.setText(self.tr("Not applied — %1").replace("%1", str(exc)))
            return
        self.message.clear()

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
