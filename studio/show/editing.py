"""Edit a show's TOML files and write them back keeping the operator's comments and layout.

`ShowEditor` holds show.toml and products/*.toml as tomlkit documents. Every operation changes
only the values it names, so untouched lines stay byte-identical; `validate()` runs the real
loader on the edited text without writing; `save()` writes the changed files atomically.
Qt-free: the operator console calls this, and so does `studio import-csv`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import Item
from tomlkit.toml_document import TOMLDocument

from studio.core.atomic import replace_file, write_temp
from studio.core.paths import PathOutsideError, confine, show_relative
from studio.core.toml import MAX_FILE_BYTES
from studio.show.edit import faq, schedule
from studio.show.edit.document import (
    KEEP,
    Cue,
    EditError,
    Keep,
    SaveConflict,
    money_item,
    set_key,
    text_item,
    texts_item,
)
from studio.show.edit.lines import APPROVED, CUE_KEYS, LINE_VALUE_KEYS, LineList, approved_terms, cue_changes
from studio.show.edit.schedule import WindowSpec, clock_text
from studio.show.load.files import ID_PATTERN, PRODUCTS_DIR, SHOW_FILE
from studio.show.loader import PAUSE_KEYS, VOICE_KEYS, LoadResult, load_show
from studio.show.model import RundownItem

PRODUCT_FIELDS = (
    "name", "price", "original_price", "currency", "image", "selling_points", "stock", "link",
    "flash_sale_end",
)
_LINE_KEY = re.compile(r"^(?:pitch\[(\d+)\]|faq\[(\d+)\]\.answer\[(\d+)\]|filler\[(\d+)\])$")
SHOW_FIELDS = (
    "title", "language", "canvas", "fps", "avatar", "background", "disclosure", "logo", "ticker",
    *(f"voice.{k}" for k in sorted(VOICE_KEYS)), *(f"pauses.{k}" for k in sorted(PAUSE_KEYS)),
    "schedule.fallback",
)
_REQUIRED_PRODUCT = ("name", "price")
_PATH_FIELDS = ("image", "logo", "background", "avatar")


@dataclass
class _FileState:
    """One TOML file as read from disk and as edited."""

    rel: str
    path: Path
    doc: TOMLDocument | None  # None: the file cannot be edited (see `problem`)
    original_raw: bytes | None  # None: a new file, not on disk yet
    original_text: str = ""  # LF text as read
    crlf: bool = False
    bom: bool = False
    deleted: bool = False
    problem: str = ""

    @property
    def changed(self) -> bool:
        if self.deleted:
            return self.original_raw is not None
        if self.doc is None:
            return False
        return self.original_raw is None or self.doc.as_string() != self.original_text


@dataclass(frozen=True)
class ProductRemoval:
    """What `remove_product` changed: the file, and the rundowns that listed the product."""

    product: str
    file: str
    rundowns: tuple[tuple[str, int], ...] = ()  # (rundown id, entries removed)
    emptied: tuple[str, ...] = ()  # rundowns left with no products (the loader will refuse them)

    def describe(self) -> list[str]:
        """The changes as sentences for the operator."""
        out = [f"removed {self.file}"]
        for rid, n in self.rundowns:
            out.append(f"removed '{self.product}' from rundown '{rid}'" + (f" ({n} times)" if n > 1 else ""))
        for rid in self.emptied:
            out.append(f"rundown '{rid}' is now empty: add a product to it or remove it")
        return out


def _read_state(path: Path, rel: str) -> _FileState:
    """Read one file for editing; a file that cannot be edited safely gets a `problem`."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return _FileState(rel, path, None, None, problem=f"cannot read it: {exc.strerror or exc}")
    state = _FileState(rel, path, None, raw)
    if len(raw) > MAX_FILE_BYTES:
        state.problem = f"it is over {MAX_FILE_BYTES:,} bytes"
        return state
    state.bom = raw.startswith(b"\xef\xbb\xbf")
    body = raw[3:] if state.bom else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        state.problem = "it is not UTF-8 text (save it as UTF-8 first)"
        return state
    # The majority line end is kept on save; new lines written by the editor follow it.
    state.crlf = text.count("\r\n") * 2 > text.count("\n")
    text = text.replace("\r\n", "\n")
    try:
        tomllib.loads(text)
        doc = tomlkit.parse(text)
    except Exception as exc:  # noqa: BLE001 - tomllib and tomlkit raise several kinds; all mean "not TOML"
        state.problem = f"it is not valid TOML ({str(exc).splitlines()[0] if str(exc) else 'syntax'})"
        return state
    if doc.as_string() != text:
        # tomlkit could not reproduce the file exactly: editing would change untouched lines.
        state.problem = "its layout cannot be preserved by the editor"
        return state
    state.doc = doc
    state.original_text = text
    return state


class ShowEditor:
    """show.toml and products/*.toml as editable documents; see the module docstring."""

    def __init__(self, root: Path | str) -> None:
        given = Path(root)
        self.root = given.parent if given.name == SHOW_FILE and given.is_file() else given
        show_path = self.root / SHOW_FILE
        if not show_path.is_file():
            raise EditError(f"no {SHOW_FILE} in {self.root}")
        self._files: dict[str, _FileState] = {}
        state = _read_state(show_path, SHOW_FILE)
        if state.doc is None:
            raise EditError(f"{SHOW_FILE} cannot be edited: {state.problem}")
        self._files[SHOW_FILE] = state
        pdir = self.root / PRODUCTS_DIR
        if pdir.is_dir():
            for p in sorted(pdir.iterdir(), key=lambda p: p.name):
                # the loader's rules: hidden files, backups and non-TOML files are not products
                if p.name.startswith(".") or p.name.endswith("~") or p.suffix.lower() != ".toml" or not p.is_file():
                    continue
                rel = f"{PRODUCTS_DIR}/{p.name}"
                self._files[rel] = _read_state(p, rel)

    # ---- reading ----

    @property
    def show_doc(self) -> TOMLDocument:
        """The show.toml document (edit it through the methods, which keep the file's layout)."""
        doc = self._files[SHOW_FILE].doc
        assert doc is not None
        return doc

    @property
    def unreadable(self) -> dict[str, str]:
        """Product files that cannot be edited, and why (the loader reports them in detail)."""
        return {rel: s.problem for rel, s in self._files.items() if s.doc is None and not s.deleted}

    def product_ids(self) -> list[str]:
        """Ids of the editable products, in file-name order (as the loader reads them)."""
        return [pid for pid, _ in self._products()]

    def _products(self) -> list[tuple[str, _FileState]]:
        out = []
        for rel, s in self._files.items():
            if rel == SHOW_FILE or s.deleted or s.doc is None:
                continue
            declared = s.doc.get("id")
            out.append((str(declared).strip() if isinstance(declared, str) else s.path.stem, s))
        return out

    def _taken_ids(self) -> set[str]:
        ids = {pid for pid, _ in self._products()}
        ids |= {s.path.stem for rel, s in self._files.items() if rel != SHOW_FILE and not s.deleted}
        return ids

    def has_product(self, pid: str) -> bool:
        """True when a product (or a product file, even unreadable) uses this id."""
        return pid in self._taken_ids()

    def _product(self, pid: str) -> tuple[_FileState, TOMLDocument]:
        for found, s in self._products():
            if found == pid:
                assert s.doc is not None
                return s, s.doc
        for rel, s in self._files.items():
            if rel != SHOW_FILE and not s.deleted and s.path.stem == pid:
                raise EditError(f"{rel} cannot be edited: {s.problem}")
        raise EditError(f"no product '{pid}'")

    def rundown_ids(self) -> list[str]:
        """The rundowns in show.toml, in file order."""
        return schedule.rundown_ids(self.show_doc)

    def rundown_items(self, rid: str) -> list[tuple[str, int]]:
        """A rundown's (product id, repeat) entries as written."""
        return schedule.rundown_items(self.show_doc, rid)

    # ---- products ----

    def set_product_field(self, pid: str, key: str, value: object) -> bool:
        """Set one field of a product (None removes it); True when the file changed."""
        _check_field(key)  # before looking the product up: a wrong field is the mistake to report
        _, doc = self._product(pid)
        return self._set_field(doc, key, value)

    def update_products(self, changes: Mapping[str, Mapping[str, object]]) -> None:
        """Set fields of several products ({id: {field: value}}), finding them in one pass over the show."""
        docs = {pid: s.doc for pid, s in self._products()}
        for pid, fields in changes.items():
            doc = docs.get(pid)
            if doc is None:
                self._product(pid)  # raises the precise error (unreadable file, or no such product)
            assert doc is not None
            for key, value in fields.items():
                self._set_field(doc, key, value)

    def product_files(self) -> dict[str, str]:
        """Each editable product's id and its show-relative file."""
        return {pid: s.rel for pid, s in self._products()}

    def _set_field(self, doc: TOMLDocument, key: str, value: object) -> bool:
        _check_field(key)
        if value is None:
            if key in _REQUIRED_PRODUCT:
                raise EditError(f"a product needs a {key}")
            return set_key(doc, key, None)
        order = list(PRODUCT_FIELDS)
        after = list(reversed(order[: order.index(key)]))  # nearest earlier field first
        return set_key(doc, key, self._product_value(key, value), after=after)

    def _product_value(self, key: str, value: object) -> Item:
        if key in ("price", "original_price"):
            return money_item(value, key)
        if key == "selling_points":
            return texts_item(value, key)
        if key == "stock":
            if isinstance(value, bool) or not isinstance(value, int):
                raise EditError("stock must be a whole number")
            return tomlkit.integer(value)
        if key == "flash_sale_end":
            if isinstance(value, datetime):
                return tomlkit.item(value)
            if isinstance(value, time):
                return tomlkit.string(clock_text(value, end=False))
            return text_item(value, key)
        if key == "currency":
            return text_item(value.strip().upper() if isinstance(value, str) else value, key)
        if key in _PATH_FIELDS:
            return tomlkit.string(self._relative(value, key))
        return text_item(value, key)

    def _relative(self, value: object, key: str) -> str:
        """A path as the show writes it: '/'-separated, relative, inside the show folder."""
        if isinstance(value, Path):
            value = show_relative(self.root, value) if value.is_absolute() else value.as_posix()
        if not isinstance(value, str):
            raise EditError(f"{key} must be a path")
        try:
            confine(self.root, value)
        except PathOutsideError as exc:
            raise EditError(f"{key}: {exc}") from None
        return value.replace("\\", "/")

    def add_product(self, pid: str, name: str, price: object,
                    fields: Mapping[str, object] | None = None) -> Path:
        """Create products/<pid>.toml with a name, a price and any other product fields."""
        return self.add_products([(pid, name, price, fields)])[0]

    def add_products(self, products: Sequence[tuple[str, str, object, Mapping[str, object] | None]]) -> list[Path]:
        """add_product for each (id, name, price, fields), looking at the ids in use once: a CSV import
        adds hundreds, and a look per product made it quadratic."""
        taken = self._taken_ids()
        paths = []
        for pid, name, price, fields in products:
            paths.append(self._add_product(pid, name, price, fields, taken))
            taken.add(pid)
        return paths

    def _add_product(self, pid: str, name: str, price: object, fields: Mapping[str, object] | None,
                     taken: set[str]) -> Path:
        if not isinstance(pid, str) or not ID_PATTERN.match(pid):
            raise EditError(f"'{pid}' cannot be a product id; use letters, digits, '-' or '_'")
        if pid in taken:
            raise EditError(f"a product '{pid}' already exists")
        rel = f"{PRODUCTS_DIR}/{pid}.toml"
        path = self.root / PRODUCTS_DIR / f"{pid}.toml"
        doc = tomlkit.document()
        doc["name"] = text_item(name, "name")
        doc["price"] = money_item(price, "price")
        old = self._files.get(rel)
        if old is not None and old.deleted:
            # removed and added back before saving: one save replaces the old file
            state = _FileState(rel, path, doc, old.original_raw, old.original_text, old.crlf, old.bom)
        else:
            state = _FileState(rel, path, doc, None, crlf=self._files[SHOW_FILE].crlf)
        self._files[rel] = state
        try:
            for key, value in (fields or {}).items():
                if value is not None and key not in ("name", "price"):
                    self._set_field(doc, key, value)
        except EditError:
            del self._files[rel]
            if old is not None:
                self._files[rel] = old
            raise
        return path

    def remove_product(self, pid: str) -> ProductRemoval:
        """Remove a product's file (on save) and every mention of it in the rundowns."""
        state, _ = self._product(pid)
        if state.original_raw is None:
            del self._files[state.rel]  # never saved: nothing to delete on disk
        else:
            state.deleted = True
        touched, emptied = schedule.remove_from_rundowns(self.show_doc, pid)
        return ProductRemoval(pid, state.rel, tuple(touched), tuple(emptied))

    # ---- pitch lines ----

    def _pitch(self, pid: str) -> LineList:
        _, doc = self._product(pid)
        return LineList(doc, "pitch", f"the pitch of '{pid}'")

    def pitch_size(self, pid: str) -> int:
        """How many entries the product's pitch list has (as written, empty ones included)."""
        return len(self._pitch(pid).entries())

    def set_pitch_line(self, pid: str, index: int, text: str | Keep = KEEP, *, expression: Cue = KEEP,
                       gesture: Cue = KEEP, card: Cue = KEEP, pause: Cue = KEEP,
                       language: Cue = KEEP, approved: Sequence[str] | Keep | None = KEEP) -> bool:
        """Change line `index` (0-based) of a pitch: its text, cues and/or approved terms (None
        or an empty list removes one)."""
        changes = cue_changes(text, {"expression": expression, "gesture": gesture, "card": card,
                                      "pause": pause, "language": language, APPROVED: approved})
        return self._pitch(pid).set(index, changes)

    def insert_pitch_line(self, pid: str, index: int, text: str, *, expression: str | None = None,
                          gesture: str | None = None, card: str | None = None,
                          pause: float | None = None, language: str | None = None,
                          approved: Sequence[str] | None = None) -> None:
        """Insert a line before `index` (the pitch's length appends)."""
        cues = {"expression": expression, "gesture": gesture, "card": card, "pause": pause,
                "language": language, APPROVED: approved or None}
        self._pitch(pid).insert(index, text, cues)

    def remove_pitch_line(self, pid: str, index: int) -> None:
        """Remove line `index` (0-based) of a pitch."""
        self._pitch(pid).remove(index)

    def move_pitch_line(self, pid: str, src: int, dst: int) -> bool:
        """Move line `src` so that it ends up at position `dst` (both 0-based)."""
        return self._pitch(pid).move(src, dst)

    # ---- approved wording ----

    def set_approval(self, pid: str | None, key: str, terms: Sequence[str] | None) -> bool:
        """Set the warning terms approved for one line, named as `studio check` names it
        ("pitch[2]", "faq[0].answer[1]", "filler[3]"; `pid` None for filler), or for the product's
        own fields (key ""). None or [] removes the approval. True when a file changed."""
        approved = approved_terms(terms)
        if key == "":
            if pid is None:
                raise EditError("name the product whose fields are approved")
            _, doc = self._product(pid)
            item = None if approved is None else texts_item(approved, APPROVED)
            return set_key(doc, APPROVED, item, after=list(reversed(PRODUCT_FIELDS)))
        m = _LINE_KEY.match(key)
        if m is None:
            raise EditError(f"'{key}' names no line; write pitch[N], faq[N].answer[N] or filler[N]")
        pitch, entry, answer, filler = m.groups()
        if filler is not None:
            lines = LineList(self.show_doc, "filler", "the filler lines")
            return lines.set(int(filler), {APPROVED: approved})
        if pid is None:
            raise EditError(f"name the product of {key}")
        if pitch is not None:
            return self._pitch(pid).set(int(pitch), {APPROVED: approved})
        return faq.set_answer_approval(self._product(pid)[1], pid, int(entry), int(answer), approved)

    # ---- FAQ entries (studio.show.edit.faq) ----

    def faq_entries(self, pid: str) -> list[tuple[list[str], list[str]]]:
        """The product's FAQ as written: (keywords, answer lines) per entry."""
        return faq.faq_entries(self._product(pid)[1], pid)

    def faq_size(self, pid: str) -> int:
        """How many FAQ entries the product's file has."""
        return len(faq.faq_list(self._product(pid)[1], pid)[1])

    def set_faq_entry(self, pid: str, index: int, keywords: Sequence[str] | None = None,
                      answer: Sequence[str] | str | None = None) -> bool:
        """Change the keywords and/or the answer lines of FAQ entry `index` (0-based; None keeps)."""
        return faq.set_faq_entry(self._product(pid)[1], pid, index, keywords, answer)

    def add_faq_entry(self, pid: str, keywords: Sequence[str], answer: Sequence[str] | str) -> None:
        """Append an FAQ entry (a [[faq]] table, or an inline table when the file writes them so)."""
        faq.add_faq_entry(self._product(pid)[1], pid, keywords, answer)

    def remove_faq_entry(self, pid: str, index: int) -> None:
        """Remove FAQ entry `index` (0-based)."""
        faq.remove_faq_entry(self._product(pid)[1], pid, index)

    # ---- show.toml ----

    def set_show_field(self, key: str, value: object) -> bool:
        """Set a show setting: a top-level key or voice.*, pauses.*, schedule.fallback (None removes)."""
        if key not in SHOW_FIELDS:
            raise EditError(f"'{key}' is not a show setting editable here; settings: {', '.join(SHOW_FIELDS)}")
        doc = self.show_doc
        *parents, name = key.split(".")
        table: Any = doc
        for part in parents:
            if part not in table:
                if value is None:
                    return False
                table[part] = tomlkit.table()
            table = table[part]
            if not isinstance(table, dict):
                raise EditError(f"[{part}] is not a table in {SHOW_FILE}")
        if value is None:
            if key == "title":
                raise EditError("a show needs a title")
            return set_key(table, name, None)
        return set_key(table, name, self._show_value(key, value))

    def _show_value(self, key: str, value: object) -> Item:
        if key == "ticker":
            return texts_item(value, key)
        if key in ("logo", "background", "avatar") and isinstance(value, Path):
            return tomlkit.string(self._relative(value, key))
        if key == "logo":
            return tomlkit.string(self._relative(value, key))
        if key in ("disclosure", "schedule.fallback") and value is False:
            return tomlkit.item(False)
        if isinstance(value, bool):
            raise EditError(f"{key} cannot be true/false")
        if isinstance(value, int | float | Decimal):
            return money_item(value, key)
        return text_item(value, key)

    # ---- rundowns and schedule (studio.show.edit.schedule) ----

    def set_rundown(self, rid: str, items: Sequence[str | tuple[str, int] | RundownItem],
                    title: str | Keep | None = KEEP, shuffle: bool | Keep | None = KEEP) -> bool:
        """Create or replace a rundown's products (and title/shuffle); True when show.toml changed."""
        # the ids in use, once: a rundown of hundreds of products must not look per product
        return schedule.set_rundown(self.show_doc, rid, items, self._taken_ids(), title, shuffle)

    def set_schedule_windows(self, windows: Sequence[WindowSpec]) -> bool:
        """Replace the weekly windows, editing existing [[schedule.windows]] in place."""
        return schedule.set_schedule_windows(self.show_doc, windows)

    # ---- checking and saving ----

    def _changed(self) -> list[_FileState]:
        return [s for s in self._files.values() if s.changed]

    @property
    def dirty(self) -> bool:
        """True when some file differs from what is on disk (as read or last saved)."""
        return bool(self._changed())

    def changed_files(self) -> list[str]:
        """Show-relative names of the files a save would write or delete."""
        return [s.rel for s in self._changed()]

    def pending_removals(self) -> list[Path]:
        """Product files a save would delete."""
        return [s.path for s in self._changed() if s.deleted]

    def text_of(self, rel: str) -> str:
        """The current (edited) LF text of a file, as the loader would read it."""
        state = self._files.get(rel)
        if state is None or state.doc is None or state.deleted:
            raise EditError(f"no editable file {rel}")
        return state.doc.as_string()

    def file_changed(self, rel: str) -> bool:
        """True when file `rel` differs from what is on disk (`dirty` for one file)."""
        state = self._files.get(rel)
        return state is not None and state.changed

    def restore(self, rel: str, text: str) -> None:
        """Make file `rel` the `text` taken earlier with `text_of` again (an edit the caller took back)."""
        self.text_of(rel)  # the same files only: raises EditError for any other
        self._files[rel].doc = tomlkit.parse(text)

    def validate(self) -> LoadResult:
        """Load the show as it would be after saving, without writing anything."""
        texts: dict[str, str | None] = {}
        for s in self._changed():
            texts[s.rel] = None if s.deleted else self.text_of(s.rel)
        return load_show(self.root, texts=texts)

    def _encode(self, state: _FileState) -> bytes:
        text = self.text_of(state.rel)
        try:
            tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:  # a tomlkit slip must never reach the disk
            raise EditError(f"{state.rel}: the edited text is not valid TOML ({exc}); nothing was saved") from None
        if state.crlf:
            text = text.replace("\n", "\r\n")
        return (b"\xef\xbb\xbf" if state.bom else b"") + text.encode("utf-8")

    def save(self, force: bool = False) -> list[Path]:
        """Write the changed files atomically and delete removed products; return the paths written.

        Raises SaveConflict (writing nothing) when a file changed on disk since it was read,
        unless `force`; raises EditError (old files intact) when a file cannot be written.
        """
        changed = self._changed()
        conflicts = [s.rel for s in changed if not force and _on_disk(s.path) != s.original_raw]
        if conflicts:
            raise SaveConflict("changed on disk since it was opened: " + ", ".join(conflicts)
                               + " — reopen the show, or save anyway to overwrite")
        writes = [(s, self._encode(s)) for s in changed if not s.deleted]
        temps: list[tuple[_FileState, bytes, Path]] = []
        try:
            for s, data in writes:  # first every temp file: a failure here changes nothing
                s.path.parent.mkdir(parents=True, exist_ok=True)
                temps.append((s, data, write_temp(s.path, data)))
        except OSError as exc:
            for _, _, tmp in temps:
                _unlink(tmp)
            raise EditError(f"cannot save {s.rel}: {exc.strerror or exc}; nothing was changed") from None
        written: list[Path] = []
        for i, (s, data, tmp) in enumerate(temps):
            try:
                replace_file(tmp, s.path)
            except OSError as exc:
                for _, _, rest in temps[i:]:
                    _unlink(rest)
                done = ", ".join(p.name for p in written) or "none"
                raise EditError(f"cannot save {s.rel}: {exc.strerror or exc} (saved: {done})") from None
            s.original_raw, s.original_text = data, self.text_of(s.rel)
            written.append(s.path)
        for s in changed:
            if s.deleted:
                try:
                    s.path.unlink()
                except FileNotFoundError:
                    pass
                except OSError as exc:
                    raise EditError(f"cannot remove {s.rel}: {exc.strerror or exc}") from None
                del self._files[s.rel]
        return written


def _check_field(key: str) -> None:
    if key not in PRODUCT_FIELDS:
        raise EditError(f"'{key}' is not a product field; fields: {', '.join(PRODUCT_FIELDS)}")


def _on_disk(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        return b""  # unreadable now: treat as changed, never overwrite blindly


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


__all__ = ["APPROVED", "CUE_KEYS", "KEEP", "LINE_VALUE_KEYS", "PRODUCT_FIELDS", "SHOW_FIELDS", "EditError",
           "ProductRemoval", "SaveConflict", "ShowEditor"]
