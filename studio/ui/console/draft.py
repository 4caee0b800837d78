"""ShowDraft: the console's Qt face of a ShowEditor — the one source of truth while a show is edited.

Every edit goes straight into the editor's TOML documents (comments and layout kept); the `Show`
that the editors, the browser and the preview show is then read back from the edited text by the
real loader (`studio.show.edit.derived`: only the edited product's file, ~1 ms, or every file
after a show.toml change). An edit whose text would not load is taken back and refused with the
loader's message, so the Show always matches the documents. Save writes the documents.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from studio.core.problems import Problem
from studio.show import money
from studio.show.edit.derived import derive_product, derive_show, first_error
from studio.show.editing import CUE_KEYS, SHOW_FILE, EditError, SaveConflict, ShowEditor
from studio.show.model import Line, Product, Show
from studio.show.templates import Template, TemplateError

_CUE_ATTR = {"expression": "expression", "gesture": "gesture", "card": "card", "pause": "pause_after",
             "language": "language", "approved": "approved"}


def parse_money(text: str) -> Decimal | None:
    """A price typed in the console, read as the show files read it (`studio.show.money`): '' → None
    (the field is unset); ValueError when it is not an amount or is negative."""
    if not text.strip():
        return None
    value = money.parse_money(text)  # its MoneyError is a ValueError
    if value < 0:
        raise ValueError(text)
    return value


def line_cues(line: Line) -> dict[str, Any]:
    """The cues (and approved terms) of `line` in the files' key names (None: not set)."""
    return {k: getattr(line, attr) for k, attr in _CUE_ATTR.items()}


def entry_index(line: Line) -> int:
    """Where a loaded line stands in its list as written: the loader numbers line ids by entry
    ("tea/pitch/3", "tea/faq2/1"), counting the empty entries it skips."""
    return int(line.id.rsplit("/", 1)[1]) - 1


def faq_entry_index(answer: Line) -> int:
    """Where the FAQ entry of an answer line stands in the product's file ("tea/faq2/1" → 1)."""
    return int(answer.id.rsplit("/", 2)[1].removeprefix("faq")) - 1


class ShowDraft(QObject):
    """The show being edited: its ShowEditor, the Show derived from it, and the undo of line edits."""

    changed = Signal(str)  # product id that changed ("" for the whole show)
    dirty_changed = Signal(bool)

    def __init__(self, show: Show, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.base = show  # as loaded from disk (or last saved): what goes on air
        self.show = show  # read from the edited documents: what the editors and the preview show
        self.editor: ShowEditor | None = None
        self.problem = ""  # why this show cannot be edited ("" when it can)
        try:
            self.editor = ShowEditor(show.root)
        except EditError as exc:
            self.problem = str(exc)
        # Each undoable edit's inverse: the row to select after it, and the edit that takes it back.
        self.undo_stack: list[tuple[str, int, Callable[[], None]]] = []
        self._undoing = False
        self._changed_files: set[str] = set()
        self._saved_show_text = self.editor.text_of(SHOW_FILE) if self.editor is not None else ""

    @property
    def root(self) -> Path:
        return self.show.root

    @property
    def dirty(self) -> bool:
        return bool(self._changed_files)

    @property
    def can_undo(self) -> bool:
        return bool(self.undo_stack)

    def product(self, product_id: str) -> Product:
        return self.show.product(product_id)

    # ---- product fields ----

    def set_field(self, product_id: str, name: str, value: object) -> None:
        """Set one product field (Decimal, int, str, tuple of str; None removes it)."""
        if getattr(self.product(product_id), name) == value:
            return
        self._edit(product_id, lambda ed: ed.set_product_field(product_id, name, value))

    def set_image(self, product_id: str, relative: str) -> None:
        """Set the product's photo to `relative` (a show-relative path such as "media/tea.png")."""
        if self.product(product_id).image == self.root / relative:
            return
        self._edit(product_id, lambda ed: ed.set_product_field(product_id, "image", relative))

    # ---- pitch lines ----

    def set_line(self, product_id: str, index: int, text: str) -> None:
        """Replace the text of pitch line `index`; TemplateError (with a column) when it does not parse."""
        line = self.product(product_id).pitch[index]
        if line.text == text:
            return
        Template.parse(text)  # raises TemplateError: the caller shows it with its column
        self._edit(product_id, lambda ed: ed.set_pitch_line(product_id, entry_index(line), text))

    def set_cues(self, product_id: str, index: int, **cues: Any) -> None:
        """Set cues of line `index` (expression, gesture, card, pause, language; None removes one)."""
        line = self.product(product_id).pitch[index]
        for k in cues:
            if k not in CUE_KEYS:
                raise KeyError(k)
        old = line_cues(line)
        changes = {k: v for k, v in cues.items() if old[k] != v}
        if changes:
            self._edit(product_id, lambda ed: ed.set_pitch_line(product_id, entry_index(line), **changes),
                       (index, lambda: self.set_cues(product_id, index, **{k: old[k] for k in changes})))

    def approve_line(self, product_id: str, index: int, terms: tuple[str, ...]) -> None:
        """Set the warning terms approved for pitch line `index` (`approved = [...]`); undo takes them back."""
        line = self.product(product_id).pitch[index]
        terms = tuple(dict.fromkeys(terms))
        if terms != line.approved:
            self._edit(product_id, lambda ed: ed.set_pitch_line(product_id, entry_index(line), approved=terms),
                       (index, lambda: self.approve_line(product_id, index, line.approved)))

    def insert_line(self, product_id: str, index: int, text: str, **cues: Any) -> None:
        """Insert a line before `index` (the pitch's length appends); TemplateError when it does not parse."""
        pitch = self.product(product_id).pitch
        if not 0 <= index <= len(pitch):
            raise IndexError(index)
        Template.parse(text)
        values = {k: v for k, v in cues.items() if v is not None and v != ()}

        def insert(ed: ShowEditor) -> None:
            at = entry_index(pitch[index]) if index < len(pitch) else ed.pitch_size(product_id)
            ed.insert_pitch_line(product_id, at, text, **values)

        self._edit(product_id, insert, (index, lambda: self.remove_line(product_id, index)))

    def remove_line(self, product_id: str, index: int) -> None:
        """Remove line `index` (undo puts it back with its cues)."""
        line = self.product(product_id).pitch[index]
        self._edit(product_id, lambda ed: ed.remove_pitch_line(product_id, entry_index(line)),
                   (index, lambda: self.insert_line(product_id, index, line.text, **line_cues(line))))

    def move_line(self, product_id: str, src: int, dst: int) -> None:
        """Move line `src` so that it ends up at position `dst`."""
        pitch = self.product(product_id).pitch
        if not (0 <= src < len(pitch) and 0 <= dst < len(pitch)):
            raise IndexError(dst)
        if src != dst:
            # As written, the line goes where line `dst` stands: before it moving up, after it moving down.
            self._edit(product_id, lambda ed: ed.move_pitch_line(product_id, entry_index(pitch[src]),
                                                                 entry_index(pitch[dst])),
                       (dst, lambda: self.move_line(product_id, dst, src)))

    def undo(self) -> tuple[str, int] | None:
        """Undo the last add/remove/move/cue change/approval; returns (product, line index) to select, or None."""
        if not self.undo_stack:
            return None
        product_id, row, take_back = self.undo_stack.pop()
        self._undoing = True
        try:
            take_back()
        finally:
            self._undoing = False
        size = len(self.product(product_id).pitch)
        return product_id, min(row, size - 1)

    # ---- FAQ entries ----

    def set_faq(self, product_id: str, index: int, keywords: tuple[str, ...] | None = None,
                answer: tuple[str, ...] | None = None) -> None:
        """Change the keywords and/or answer lines of FAQ entry `index`; TemplateError when a line does not parse."""
        entry = self.product(product_id).faq[index]
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
        at = faq_entry_index(entry.answer[0])
        self._edit(product_id, lambda ed: ed.set_faq_entry(product_id, at, keywords, answer))

    def add_faq(self, product_id: str, keywords: tuple[str, ...], answer: tuple[str, ...]) -> int:
        """Append an FAQ entry; returns its index."""
        for text in answer:
            Template.parse(text)
        self._edit(product_id, lambda ed: ed.add_faq_entry(product_id, keywords, answer))
        return len(self.product(product_id).faq) - 1

    def remove_faq(self, product_id: str, index: int) -> None:
        """Remove FAQ entry `index`."""
        faq = self.product(product_id).faq
        if not 0 <= index < len(faq):
            raise IndexError(index)
        at = faq_entry_index(faq[index].answer[0])
        self._edit(product_id, lambda ed: ed.remove_faq_entry(product_id, at))

    # ---- show.toml: settings and the weekly schedule ----

    def set_show_fields(self, changes: dict[str, object]) -> None:
        """Set show settings (ShowEditor.set_show_field keys: "voice.rate", "avatar"…)."""
        def change(ed: ShowEditor) -> None:
            for key, value in changes.items():
                ed.set_show_field(key, value)

        if changes:
            self._edit(None, change)

    def set_schedule(self, windows: Sequence[tuple[list[int], str, str, str]]) -> None:
        """Replace the weekly windows ((days, from, to, rundown) as ShowEditor.set_schedule_windows takes them)."""
        self._edit(None, lambda ed: ed.set_schedule_windows(windows))

    # ---- checking and saving ----

    def save(self, force: bool = False) -> None:
        """Check the edited show with the real loader, then write the changed files (atomically).

        EditError (nothing written) when it does not load; SaveConflict when a file changed on disk
        since it was opened, unless `force`.
        """
        editor = self._editor()
        problem = first_error(editor.validate().problems)
        if problem is not None:
            raise EditError(problem.format())  # file:line, as `studio check` says it
        editor.save(force=force)
        self._changed_files.clear()
        self._saved_show_text = editor.text_of(SHOW_FILE)

    def saved(self, show: Show | None) -> None:
        """After `save`: `show` (as studio check reads it; None: as edited) is what is on disk now."""
        self.base = show or self.show
        self.show = self.base  # the same rows as before: the undo stack still applies
        self.dirty_changed.emit(False)
        self.changed.emit("")

    # ---- the one way an edit is made ----

    def _editor(self) -> ShowEditor:
        if self.editor is None:
            raise EditError(self.problem)
        return self.editor

    def _edit(self, product_id: str | None, change: Callable[[ShowEditor], object],
              undo: tuple[int, Callable[[], None]] | None = None) -> None:
        """Make `change` in the documents and read the show back from them; refuse it (EditError,
        documents as they were) when the edited text does not load. `undo`: (row, inverse edit)."""
        editor = self._editor()
        rel = SHOW_FILE if product_id is None else editor.product_files().get(product_id)
        if rel is None:  # a product file the editor cannot keep the layout of: it says why
            change(editor)
            raise EditError(f"'{product_id}' cannot be edited")
        before = editor.text_of(rel)
        try:
            change(editor)
            if product_id is None:
                result = derive_show(editor)
                show, problems = result.show, list(result.problems)
            else:
                show, problems = derive_product(editor, self.show, product_id)
            if show is None:
                raise EditError(_refusal(problems))
        except Exception:
            editor.restore(rel, before)
            raise
        if product_id is None and _settings(show) == _settings(self.base):
            # show.toml says again what is saved (a choice set back): keep the file as it was
            editor.restore(rel, self._saved_show_text)
        self.show = show
        if editor.file_changed(rel):
            self._changed_files.add(rel)
        else:
            self._changed_files.discard(rel)
        if undo is not None and not self._undoing:
            self.undo_stack.append((product_id or "", *undo))
        self.dirty_changed.emit(self.dirty)
        self.changed.emit(product_id or "")


def _refusal(problems: list[Problem]) -> str:
    """Why an edit was refused, short enough for the line under the field that was edited."""
    problem = first_error(problems)
    if problem is None:
        return "the show cannot be read"  # the loader returned nothing without an error: never expected
    where = f"{problem.key}: " if problem.key else ""
    return where + problem.message + (f" ({problem.hint})" if problem.hint else "")


def _settings(show: Show) -> Show:
    """What show.toml decides in `show` (the products come from their own files)."""
    return replace(show, products=())


__all__ = ["CUE_KEYS", "EditError", "SaveConflict", "ShowDraft", "TemplateError", "entry_index",
           "faq_entry_index", "line_cues", "parse_money"]
