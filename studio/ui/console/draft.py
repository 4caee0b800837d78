"""ShowDraft: the show being edited, held in memory as a frozen Show that is replaced on every edit.

The console's editors send edits here; views subscribe to `changed`. Nothing is written to disk by
this module: saving goes through `studio.show.editing` when that module is available.
"""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from studio.show.model import Product, Show
from studio.show.templates import Template, TemplateError

# Product fields the product editor can change, in the show files' own key names.
PRODUCT_FIELDS = ("name", "price", "original_price", "stock", "link", "selling_points")


def editing_available() -> bool:
    """True when `studio.show.editing` (the TOML writer) is installed in this checkout."""
    return importlib.util.find_spec("studio.show.editing") is not None


def parse_money(text: str) -> Decimal | None:
    """'168', '168.5', '¥168' → Decimal; '' → None; ValueError when it is not an amount."""
    cleaned = text.strip().lstrip("¥$€").replace(",", "").strip()
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not value.is_finite() or value < 0:
        raise ValueError(text)
    return value


class ShowDraft(QObject):
    """The loaded show plus the operator's unsaved edits (product fields and pitch lines)."""

    changed = Signal(str)  # product id that changed ("" for the whole show)
    dirty_changed = Signal(bool)

    def __init__(self, show: Show, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.base = show  # as loaded from disk: what goes on air
        self.show = show  # with the edits applied: what the preview shows
        self.field_edits: dict[tuple[str, str], object] = {}
        self.line_edits: dict[tuple[str, int], str] = {}

    @property
    def root(self) -> Path:
        return self.show.root

    @property
    def dirty(self) -> bool:
        return bool(self.field_edits or self.line_edits)

    def product(self, product_id: str) -> Product:
        return self.show.product(product_id)

    def set_field(self, product_id: str, name: str, value: object) -> None:
        """Set one product field (already converted: Decimal, int, str, tuple of str)."""
        if name not in PRODUCT_FIELDS:
            raise KeyError(name)
        product = self.show.product(product_id)
        if getattr(product, name) == value:
            return
        self._put(replace(product, **{name: value}))
        self.field_edits[(product_id, name)] = value
        self._emit(product_id)

    def set_line(self, product_id: str, index: int, text: str) -> None:
        """Replace pitch line `index`; TemplateError (with a column) when the text does not parse."""
        product = self.show.product(product_id)
        line = product.pitch[index]
        if line.text == text:
            return
        template = Template.parse(text)  # raises TemplateError: the caller shows it
        pitch = list(product.pitch)
        pitch[index] = replace(line, template=template)
        self._put(replace(product, pitch=tuple(pitch)))
        self.line_edits[(product_id, index)] = text
        self._emit(product_id)

    def mark_saved(self, show: Show | None = None) -> None:
        """After a save: the edited show is now the one on disk."""
        self.base = show or self.show
        self.show = self.base
        self.field_edits.clear()
        self.line_edits.clear()
        self.dirty_changed.emit(False)
        self.changed.emit("")

    def _put(self, product: Product) -> None:
        products = tuple(product if p.id == product.id else p for p in self.show.products)
        self.show = replace(self.show, products=products)

    def _emit(self, product_id: str) -> None:
        self.dirty_changed.emit(self.dirty)
        self.changed.emit(product_id)


__all__ = ["PRODUCT_FIELDS", "ShowDraft", "TemplateError", "editing_available", "parse_money"]
