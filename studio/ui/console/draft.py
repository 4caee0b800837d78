"""ShowDraft: the show being edited, held in memory as a frozen Show that is replaced on every edit.

The console's editors send edits here; views subscribe to `changed`. Nothing is written to disk by
this module except through `studio.show.editing`: `apply_to(editor)` replays the edits on a
ShowEditor (product fields first, then every pitch edit in the order it was made, so an index
always means what it meant when the operator made the edit, then every FAQ edit likewise).
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from studio.core.vocab import CardMode
from studio.show import money
from studio.show.model import FaqEntry, Line, Product, Show, SourceRef
from studio.show.templates import Template, TemplateError

# Product fields the product editor can change, in the show files' own key names.
PRODUCT_FIELDS = ("name", "price", "original_price", "stock", "link", "selling_points")
# A pitch line's cues, in the show files' key names (ShowEditor's keyword arguments).
CUE_KEYS = ("expression", "gesture", "card", "pause", "language")
_CUE_ATTR = {"expression": "expression", "gesture": "gesture", "card": "card", "pause": "pause_after",
             "language": "language", "approved": "approved"}


def editing_available() -> bool:
    """True when `studio.show.editing` (the TOML writer) is installed in this checkout."""
    return importlib.util.find_spec("studio.show.editing") is not None


def parse_money(text: str) -> Decimal | None:
    """A price typed in the console, read as the show files read it (`studio.show.money`): '' → None
    (the field is unset); ValueError when it is not an amount or is negative."""
    if not text.strip():
        return None
    value = money.parse_money(text)  # its MoneyError is a ValueError
    if value < 0:
        raise ValueError(text)
    return value


def _line_attrs(changes: dict[str, Any]) -> dict[str, Any]:
    """Cue edits as `Line` attributes: the widgets' card word becomes its CardMode."""
    return {_CUE_ATTR[k]: CardMode(v) if k == "card" and v is not None else v for k, v in changes.items()}


def line_cues(line: Line) -> dict[str, Any]:
    """The cues (and approved terms) of `line` in the files' key names (None: not set)."""
    return {k: getattr(line, attr) for k, attr in _CUE_ATTR.items()}


@dataclass(frozen=True)
class PitchOp:
    """One pitch edit, replayed on a ShowEditor at save time.

    kind "set": `changes` (text and/or cues, None removes a cue) for line `index`;
    "insert": a new line before `index` with `changes` (text and cues); "remove": line `index`;
    "move": line `index` to position `dst`.
    """

    kind: str
    product_id: str
    index: int
    dst: int = 0
    changes: tuple[tuple[str, Any], ...] = ()

    @property
    def text_only(self) -> bool:
        return self.kind == "set" and [k for k, _ in self.changes] == ["text"]


@dataclass(frozen=True)
class FaqOp:
    """One FAQ edit, replayed on a ShowEditor at save time.

    kind "set": new `keywords` and/or `answer` (None keeps) for entry `index`; "add": a new entry
    at the end; "remove": entry `index`.
    """

    kind: str
    product_id: str
    index: int = 0
    keywords: tuple[str, ...] | None = None
    answer: tuple[str, ...] | None = None


class ShowDraft(QObject):
    """The loaded show plus the operator's unsaved edits (product fields and pitch lines)."""

    changed = Signal(str)  # product id that changed ("" for the whole show)
    dirty_changed = Signal(bool)

    def __init__(self, show: Show, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.base = show  # as loaded from disk: what goes on air
        self.show = show  # with the edits applied: what the preview shows
        self.field_edits: dict[tuple[str, str], object] = {}
        self.pitch_ops: list[PitchOp] = []
        self.faq_ops: list[FaqOp] = []
        # Inverse pitch edits (structure and cues), newest last: `undo()` applies the last one.
        self.undo_stack: list[list[PitchOp]] = []
        self._new_lines = 0

    @property
    def root(self) -> Path:
        return self.show.root

    @property
    def dirty(self) -> bool:
        return bool(self.field_edits or self.pitch_ops or self.faq_ops)

    @property
    def line_edits(self) -> dict[tuple[str, int], str]:
        """Text-only view of the pitch edits, {(product, index): text}.

        Only meaningful while every pitch edit is a text edit; when lines were added, removed,
        moved or re-cued it is empty: `apply_to` writes every kind of edit.
        """
        if not all(op.text_only for op in self.pitch_ops):
            return {}
        return {(op.product_id, op.index): op.changes[0][1] for op in self.pitch_ops}

    @property
    def structural(self) -> bool:
        """True when some pitch edit is more than a text change (line_edits cannot express it)."""
        return not all(op.text_only for op in self.pitch_ops)

    def product(self, product_id: str) -> Product:
        return self.show.product(product_id)

    # ---- product fields ----

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

    def set_image(self, product_id: str, relative: str) -> None:
        """Set the product's photo to `relative` (a show-relative path such as "media/tea.png");
        Save writes image = "media/…" through ShowEditor.set_product_field."""
        product = self.show.product(product_id)
        path = self.show.root / relative
        if product.image == path:
            return
        self._put(replace(product, image=path))
        self.field_edits[(product_id, "image")] = relative
        self._emit(product_id)

    # ---- pitch lines ----

    def set_line(self, product_id: str, index: int, text: str) -> None:
        """Replace the text of pitch line `index`; TemplateError (with a column) when it does not parse."""
        product = self.show.product(product_id)
        line = product.pitch[index]
        if line.text == text:
            return
        Template.parse(text)  # raises TemplateError: the caller shows it
        op = PitchOp("set", product_id, index, changes=(("text", text),))
        last = self.pitch_ops[-1] if self.pitch_ops else None
        if last is not None and last.text_only and (last.product_id, last.index) == (product_id, index):
            self.pitch_ops[-1] = op  # typing: one edit per line, not one per pause in the typing
        else:
            self.pitch_ops.append(op)
        self._apply(op)
        self._emit(product_id)

    def set_cues(self, product_id: str, index: int, **cues: Any) -> None:
        """Set cues of line `index` (expression, gesture, card, pause, language; None removes one)."""
        line = self.show.product(product_id).pitch[index]
        old = line_cues(line)
        for k in cues:
            if k not in CUE_KEYS:
                raise KeyError(k)
        changes = tuple((k, v) for k, v in cues.items() if old[k] != v)
        if not changes:
            return
        self._do(PitchOp("set", product_id, index, changes=changes),
                 [PitchOp("set", product_id, index, changes=tuple((k, old[k]) for k, _ in changes))])

    def approve_line(self, product_id: str, index: int, terms: tuple[str, ...]) -> None:
        """Set the warning terms approved for pitch line `index` (saved as `approved = [...]`);
        undo takes the approval back."""
        line = self.show.product(product_id).pitch[index]
        terms = tuple(dict.fromkeys(terms))
        if terms == line.approved:
            return
        self._do(PitchOp("set", product_id, index, changes=(("approved", terms),)),
                 [PitchOp("set", product_id, index, changes=(("approved", line.approved),))])

    def insert_line(self, product_id: str, index: int, text: str, **cues: Any) -> None:
        """Insert a line before `index` (the pitch's length appends); TemplateError when it does not parse."""
        size = len(self.show.product(product_id).pitch)
        if not 0 <= index <= size:
            raise IndexError(index)
        Template.parse(text)
        changes = (("text", text),) + tuple((k, cues.get(k)) for k in CUE_KEYS)
        self._do(PitchOp("insert", product_id, index, changes=changes),
                 [PitchOp("remove", product_id, index)])

    def remove_line(self, product_id: str, index: int) -> None:
        """Remove line `index` (undo puts it back with its cues)."""
        line = self.show.product(product_id).pitch[index]
        changes = (("text", line.text),) + tuple(line_cues(line).items())
        self._do(PitchOp("remove", product_id, index),
                 [PitchOp("insert", product_id, index, changes=changes)])

    def move_line(self, product_id: str, src: int, dst: int) -> None:
        """Move line `src` so that it ends up at position `dst`."""
        size = len(self.show.product(product_id).pitch)
        if not (0 <= src < size and 0 <= dst < size):
            raise IndexError(dst)
        if src == dst:
            return
        self._do(PitchOp("move", product_id, src, dst), [PitchOp("move", product_id, dst, src)])

    @property
    def can_undo(self) -> bool:
        return bool(self.undo_stack)

    def undo(self) -> tuple[str, int] | None:
        """Undo the last add/remove/move/cue change; returns (product, line index) to select, or None."""
        if not self.undo_stack:
            return None
        ops = self.undo_stack.pop()
        for op in ops:
            self.pitch_ops.append(op)
            self._apply(op)
        last = ops[-1]
        self._emit(last.product_id)
        index = last.dst if last.kind == "move" else last.index
        size = len(self.show.product(last.product_id).pitch)
        return last.product_id, min(index, size - 1)

    # ---- FAQ entries ----

    def set_faq(self, product_id: str, index: int, keywords: tuple[str, ...] | None = None,
                answer: tuple[str, ...] | None = None) -> None:
        """Change the keywords and/or answer lines of FAQ entry `index`; TemplateError when a line does not parse."""
        entry = self.show.product(product_id).faq[index]
        if keywords is not None and tuple(keywords) == entry.keywords:
            keywords = None
        if answer is not None and tuple(answer) == tuple(line.text for line in entry.answer):
            answer = None
        if keywords is None and answer is None:
            return
        if keywords is not None and not any(k.strip() for k in keywords):
            raise ValueError("an FAQ entry needs keywords")
        if answer is not None:
            if not any(a.strip() for a in answer):
                raise ValueError("an FAQ entry needs an answer")
            for text in answer:
                Template.parse(text)
        op = FaqOp("set", product_id, index, None if keywords is None else tuple(keywords),
                   None if answer is None else tuple(answer))
        last = self.faq_ops[-1] if self.faq_ops else None
        if last is not None and last.kind == "set" and (last.product_id, last.index) == (product_id, index):
            # typing: one edit per entry, not one per pause in the typing
            op = replace(op, keywords=op.keywords if op.keywords is not None else last.keywords,
                         answer=op.answer if op.answer is not None else last.answer)
            self.faq_ops[-1] = op
        else:
            self.faq_ops.append(op)
        self._apply_faq(op)
        self._emit(product_id)

    def add_faq(self, product_id: str, keywords: tuple[str, ...], answer: tuple[str, ...]) -> int:
        """Append an FAQ entry; returns its index."""
        for text in answer:
            Template.parse(text)
        op = FaqOp("add", product_id, len(self.show.product(product_id).faq), tuple(keywords), tuple(answer))
        self.faq_ops.append(op)
        self._apply_faq(op)
        self._emit(product_id)
        return op.index

    def remove_faq(self, product_id: str, index: int) -> None:
        """Remove FAQ entry `index`."""
        if not 0 <= index < len(self.show.product(product_id).faq):
            raise IndexError(index)
        op = FaqOp("remove", product_id, index)
        self.faq_ops.append(op)
        self._apply_faq(op)
        self._emit(product_id)

    def _apply_faq(self, op: FaqOp) -> None:
        product = self.show.product(op.product_id)
        faq = list(product.faq)
        if op.kind == "remove":
            del faq[op.index]
        else:
            old = faq[op.index] if op.kind == "set" else FaqEntry((), (), SourceRef(product.source.file))
            answer = old.answer
            if op.answer is not None:
                self._new_lines += 1
                answer = tuple(Line(f"{op.product_id}/faq-new-{self._new_lines}/{i + 1}", Template.parse(t),
                                    source=SourceRef(product.source.file)) for i, t in enumerate(op.answer))
            entry = replace(old, keywords=old.keywords if op.keywords is None else op.keywords, answer=answer)
            if op.kind == "set":
                faq[op.index] = entry
            else:
                faq.append(entry)
        self._put(replace(product, faq=tuple(faq)))

    # ---- saving ----

    def apply_to(self, editor: Any) -> None:
        """Replay every edit on a `studio.show.editing.ShowEditor` (the caller validates and saves)."""
        for (pid, name), value in self.field_edits.items():
            editor.set_product_field(pid, name, value)
        self._apply_pitch_to(editor)
        self._apply_faq_to(editor)

    def _apply_faq_to(self, editor: Any) -> None:
        checked: set[str] = set()
        for op in self.faq_ops:
            if op.product_id not in checked:
                checked.add(op.product_id)
                written = editor.faq_size(op.product_id)
                loaded = len(self.base.product(op.product_id).faq)
                if written != loaded:
                    raise ValueError(f"the FAQ of '{op.product_id}' has {written} entries in its file but "
                                     f"{loaded} were loaded; fix the file first")
            if op.kind == "set":
                editor.set_faq_entry(op.product_id, op.index, keywords=op.keywords, answer=op.answer)
            elif op.kind == "add":
                editor.add_faq_entry(op.product_id, op.keywords, op.answer)
            elif op.kind == "remove":
                editor.remove_faq_entry(op.product_id, op.index)

    def _apply_pitch_to(self, editor: Any) -> None:
        checked: set[str] = set()
        for op in self.pitch_ops:
            if op.product_id not in checked:
                checked.add(op.product_id)
                written = editor.pitch_size(op.product_id)
                loaded = len(self.base.product(op.product_id).pitch)
                if written != loaded and not all(o.text_only for o in self.pitch_ops):
                    raise ValueError(f"the pitch of '{op.product_id}' has {written} entries in its file but "
                                     f"{loaded} lines were loaded (empty lines?); fix the file first")
            changes = dict(op.changes)
            if op.kind == "set":
                editor.set_pitch_line(op.product_id, op.index, changes.pop("text", _keep()), **changes)
            elif op.kind == "insert":
                editor.insert_pitch_line(op.product_id, op.index, changes.pop("text"), **changes)
            elif op.kind == "remove":
                editor.remove_pitch_line(op.product_id, op.index)
            elif op.kind == "move":
                editor.move_pitch_line(op.product_id, op.index, op.dst)

    def mark_saved(self, show: Show | None = None) -> None:
        """After a save (which wrote this draft through `apply_to`): the edited show is on disk."""
        self.base = show or self.show
        self.show = self.base
        self.field_edits.clear()
        self.pitch_ops.clear()
        self.faq_ops.clear()
        self.dirty_changed.emit(False)
        self.changed.emit("")

    def _do(self, op: PitchOp, inverse: list[PitchOp]) -> None:
        self.pitch_ops.append(op)
        self._apply(op)
        self.undo_stack.append(inverse)
        self._emit(op.product_id)

    def _apply(self, op: PitchOp) -> None:
        """Apply `op` to the in-memory show."""
        product = self.show.product(op.product_id)
        pitch = list(product.pitch)
        changes = dict(op.changes)
        if op.kind == "set":
            line = pitch[op.index]
            if "text" in changes:
                line = replace(line, template=Template.parse(changes.pop("text")))
            pitch[op.index] = replace(line, **_line_attrs(changes))
        elif op.kind == "insert":
            self._new_lines += 1
            template = Template.parse(changes.pop("text"))
            pitch.insert(op.index, Line(f"{op.product_id}/pitch/new-{self._new_lines}", template,
                                        source=SourceRef(product.source.file),
                                        **_line_attrs(changes)))
        elif op.kind == "remove":
            del pitch[op.index]
        elif op.kind == "move":
            pitch.insert(op.dst, pitch.pop(op.index))
        self._put(replace(product, pitch=tuple(pitch)))

    def _put(self, product: Product) -> None:
        products = tuple(product if p.id == product.id else p for p in self.show.products)
        self.show = replace(self.show, products=products)

    def _emit(self, product_id: str) -> None:
        self.dirty_changed.emit(self.dirty)
        self.changed.emit(product_id)


def _keep() -> Any:
    from studio.show.editing import KEEP

    return KEEP


__all__ = ["CUE_KEYS", "PRODUCT_FIELDS", "FaqOp", "PitchOp", "ShowDraft", "TemplateError", "editing_available",
           "line_cues", "parse_money"]
