"""Edit a show's TOML files and write them back keeping the operator's comments and layout.

`ShowEditor` holds show.toml and products/*.toml as tomlkit documents. Every operation changes
only the values it names, so untouched lines stay byte-identical; `validate()` runs the real
loader on the edited text without writing; `save()` writes the changed files atomically.
Qt-free: the operator console calls this, and so does `studio import-csv`.
"""

from __future__ import annotations

import enum
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.container import Container
from tomlkit.items import AoT, Array, InlineTable, Item, Table, Whitespace
from tomlkit.toml_document import TOMLDocument

from studio.core.atomic import replace_file, write_temp
from studio.core.paths import PathOutsideError, confine, show_relative
from studio.show.loader import (
    _DAY_ALIASES,
    _ID,
    PAUSE_KEYS,
    PRODUCTS_DIR,
    SHOW_FILE,
    VOICE_KEYS,
    LoadResult,
    load_show,
)
from studio.show.model import DAYS, RundownItem, ScheduleWindow
from studio.show.tomlsource import MAX_FILE_BYTES


class EditError(ValueError):
    """An edit that cannot be made (or saved); the message says why, for people."""


class SaveConflict(EditError):
    """A file changed on disk since the editor read it; saving would overwrite someone's work."""


class _Keep(enum.Enum):
    KEEP = "keep"


KEEP = _Keep.KEEP  # "leave this as it is" (None means "remove it")

PRODUCT_FIELDS = (
    "name", "price", "original_price", "currency", "image", "selling_points", "stock", "link",
    "flash_sale_end",
)
CUE_KEYS = ("expression", "gesture", "card", "pause", "language")
APPROVED = "approved"  # a line's (or product's) approved warning terms: a list of texts
LINE_VALUE_KEYS = (*CUE_KEYS, APPROVED)  # what a line entry holds besides its text
_LINE_KEY = re.compile(r"^(?:pitch\[(\d+)\]|faq\[(\d+)\]\.answer\[(\d+)\]|filler\[(\d+)\])$")
SHOW_FIELDS = (
    "title", "language", "canvas", "fps", "avatar", "background", "disclosure", "logo", "ticker",
    *(f"voice.{k}" for k in sorted(VOICE_KEYS)), *(f"pauses.{k}" for k in sorted(PAUSE_KEYS)),
    "schedule.fallback",
)
_REQUIRED_PRODUCT = ("name", "price")
_PATH_FIELDS = ("image", "logo", "background", "avatar")
_HHMM = re.compile(r"^(\d{1,2}):(\d{2})$")

Cue = str | float | int | None | _Keep
WindowSpec = tuple[str | Sequence[str] | Sequence[int], str | time, str | time, str] | ScheduleWindow


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
    except Exception as exc:  # tomllib and tomlkit raise several kinds; all mean "not TOML"
        state.problem = f"it is not valid TOML ({str(exc).splitlines()[0] if str(exc) else 'syntax'})"
        return state
    if doc.as_string() != text:
        # tomlkit could not reproduce the file exactly: editing would change untouched lines.
        state.problem = "its layout cannot be preserved by the editor"
        return state
    state.doc = doc
    state.original_text = text
    return state


def _money(value: object, key: str) -> Item:
    """A price as a TOML number, keeping the decimals given (Decimal("168.50") → 168.50)."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float | str):
        raise EditError(f"{key} must be a number, got {type(value).__name__}")
    try:
        if isinstance(value, str):
            amount = Decimal(value.strip().lstrip("¥￥$€£").replace(",", "").strip())
        elif isinstance(value, float):
            amount = Decimal(repr(value))
        else:
            amount = Decimal(value)
    except InvalidOperation:
        raise EditError(f"{key} must be a number, got '{value}'") from None
    if not amount.is_finite():
        raise EditError(f"{key} must be a finite number, got {value}")
    text = format(amount, "f")
    return tomlkit.value(text)


def _text(value: object, key: str) -> Item:
    if not isinstance(value, str):
        raise EditError(f"{key} must be text, got {type(value).__name__}")
    return tomlkit.string(value)


def _texts(value: object, key: str) -> Array:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise EditError(f"{key} must be a list of texts")
    items = list(value)
    if not all(isinstance(v, str) for v in items):
        raise EditError(f"{key} must be a list of texts")
    return tomlkit.array("[" + ", ".join(tomlkit.string(v).as_string() for v in items) + "]")


def _clock_text(value: str | time, end: bool) -> str:
    """A time of day as the docs write it ("19:00"); a midnight end is "24:00"."""
    if isinstance(value, time):
        if end and value == time(0, 0):
            return "24:00"
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, str) and _HHMM.match(value.strip()):
        return value.strip()
    raise EditError(f"'{value}' is not a time of day; write HH:MM such as 19:30")


def _days_value(days: str | Sequence[str] | Sequence[int]) -> Item:
    if isinstance(days, str):
        return tomlkit.string(days)
    names: list[str] = []
    for d in days:
        if isinstance(d, int) and not isinstance(d, bool) and 0 <= d < 7:
            names.append(DAYS[d])
        elif isinstance(d, str):
            names.append(d)
        else:
            raise EditError(f"unknown day {d!r}; use mon … sun or 0 (Monday) … 6")
    return _texts(names, "days")


def _day_set(value: object) -> frozenset[int] | None:
    """The weekdays a `days` value means, or None when it cannot be read (compare, never fail)."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        return None
    out: set[int] = set()
    for item in items:
        key = item.strip().lower() if isinstance(item, str) else ""
        if key not in _DAY_ALIASES:
            return None
        out.update(_DAY_ALIASES[key])
    return frozenset(out)


def _unwrap(item: object) -> Any:
    return item.unwrap() if isinstance(item, Item) else item


def _same(old: object, new: Item) -> bool:
    """True when writing `new` over `old` would not change the value (so leave the text alone)."""
    a, b = _unwrap(old), _unwrap(new)
    if type(a) is bool or type(b) is bool:
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return Decimal(repr(a) if isinstance(a, float) else a) == Decimal(repr(b) if isinstance(b, float) else b)
    return type(a) is type(b) and a == b


def _set_key(table: Container | Table | TOMLDocument, key: str, item: Item | None,
             after: Sequence[str] = ()) -> bool:
    """Set or remove (None) one key, keeping its comment; new keys go after the first `after` present."""
    if item is None:
        if key in table:
            del table[key]
            return True
        return False
    if key in table:
        if _same(table[key], item):
            return False
        table[key] = item  # tomlkit keeps the old value's comment and spacing
        return True
    for anchor in after:
        if anchor in table and not isinstance(table[anchor], Table | AoT):
            try:
                container = table if isinstance(table, Container) else table.value
                container._insert_after(anchor, key, item)  # beside its neighbours, not at the end
                return True
            except (AttributeError, KeyError, ValueError):
                break
    table[key] = item
    return True


# ---- lists of lines (an inline array of strings/tables, or [[pitch]] tables) ----

def _render_entry(text: str, cues: Mapping[str, object], spaced: bool) -> Item:
    """A new line entry for an inline array: a string, or an inline table when it has cues."""
    if not cues:
        return tomlkit.string(text)
    parts = [f"text = {tomlkit.string(text).as_string()}"]
    parts += [f"{k} = {_cue_item(k, v).as_string()}" for k, v in cues.items()]
    pad = " " if spaced else ""
    return tomlkit.value("{" + pad + ", ".join(parts) + pad + "}")


def _cue_item(key: str, value: object) -> Item:
    if key == APPROVED:
        return _texts(value, APPROVED)
    if key not in CUE_KEYS:
        raise EditError(f"unknown cue '{key}'; cues are: {', '.join(CUE_KEYS)}")
    if key == "pause":
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            raise EditError("pause must be a number of seconds")
        return _money(value, "pause")
    return _text(value, key)


def _cue_changes(text: str | _Keep, cues: Mapping[str, Cue]) -> dict[str, object]:
    out: dict[str, object] = {}
    if text is not KEEP:
        if not isinstance(text, str):
            raise EditError("a line's text must be text")
        out["text"] = text
    for k, v in cues.items():
        if k not in LINE_VALUE_KEYS:
            raise EditError(f"unknown cue '{k}'; cues are: {', '.join(CUE_KEYS)}")
        if v is not KEEP:
            out[k] = None if k == APPROVED and not v else v  # no approvals: the key goes
    return out


class _Lines:
    """The line list at `parent[key]`, edited in the form it is written in."""

    def __init__(self, parent: TOMLDocument | Table, key: str, what: str) -> None:
        self.parent = parent
        self.key = key
        self.what = what

    def value(self) -> Array | AoT | None:
        v = self.parent.get(self.key)
        if v is None:
            return None
        if isinstance(v, Array | AoT):
            return v
        if isinstance(v, str | InlineTable):
            # A single line written on its own: make it a one-line list so it can grow.
            self.parent[self.key] = tomlkit.value("[" + v.as_string().strip() + "]")
            return self.parent[self.key]
        raise EditError(f"{self.what} is written as a {type(v).__name__}; "
                        f"write it as {self.key} = [\"…\"] to edit it here")

    def entries(self) -> list[Any]:
        v = self.value()
        return [] if v is None else list(v)

    def _check(self, index: int, size: int) -> None:
        if not 0 <= index < size:
            raise EditError(f"{self.what} has no line {index + 1} (it has {size})")

    def spaced(self, arr: Array) -> bool:
        for e in arr:
            if isinstance(e, InlineTable):
                return e.as_string().startswith("{ ")
        return True

    def set(self, index: int, changes: dict[str, object]) -> bool:
        v = self.value()
        entries = [] if v is None else list(v)
        self._check(index, len(entries))
        assert v is not None
        entry = entries[index]
        if isinstance(v, AoT):
            changed = False
            for k, val in changes.items():
                item = None if val is None else (_text(val, "text") if k == "text" else _cue_item(k, val))
                if k == "text" and item is None:
                    raise EditError("a line needs text")
                changed |= _set_key(entry, k, item)
            return changed
        if isinstance(entry, InlineTable):
            return self._set_inline_table(v, index, entry, changes)
        if isinstance(entry, str):
            text = changes.get("text", str(entry))
            cues = {k: val for k, val in changes.items() if k != "text" and val is not None}
            if text is None:
                raise EditError("a line needs text")
            if text == str(entry) and not cues:
                return False
            self._replace(v, index, _render_entry(str(text), cues, self.spaced(v)))
            return True
        if "text" not in changes or changes["text"] is None:
            raise EditError(f"line {index + 1} of {self.what} is not text; give the new text")
        cues = {k: val for k, val in changes.items() if k != "text" and val is not None}
        self._replace(v, index, _render_entry(str(changes["text"]), cues, self.spaced(v)))
        return True

    def _set_inline_table(self, arr: Array, index: int, entry: InlineTable, changes: dict[str, object]) -> bool:
        # Re-render the one table in its own style: tomlkit's in-place edits leave odd spacing.
        pairs: list[tuple[str, str]] = []
        seen: set[str] = set()
        changed = False
        for key, item in entry.value.body:
            if key is None:
                continue
            name = key.key
            seen.add(name)
            if name in changes:
                new = changes[name]
                if new is None:
                    if name == "text":
                        raise EditError("a line needs text")
                    changed = True
                    continue
                rendered = _text(new, name) if name == "text" else _cue_item(name, new)
                if not _same(item, rendered):
                    changed = True
                    pairs.append((key.as_string().strip(), rendered.as_string()))
                    continue
            pairs.append((key.as_string().strip(), item.as_string().strip()))
        for name, new in changes.items():
            if name not in seen and new is not None:
                rendered = _text(new, name) if name == "text" else _cue_item(name, new)
                pairs.append((name, rendered.as_string()))
                changed = True
        if not changed:
            return False
        pad = " " if entry.as_string().startswith("{ ") else ""
        self._replace(arr, index, tomlkit.value("{" + pad + ", ".join(f"{k} = {v}" for k, v in pairs) + pad + "}"))
        return True

    def _replace(self, arr: Array, index: int, item: Item) -> None:
        if self._multiline(arr):
            arr[index] = item
        else:
            parts = [e.as_string().strip() for e in arr]
            parts[index] = item.as_string()
            self._rebuild(arr, parts)

    @staticmethod
    def _multiline(arr: Array) -> bool:
        return "\n" in arr.as_string()

    def _rebuild(self, arr: Array, parts: list[str]) -> None:
        """Write a one-line array anew (tomlkit's own inserts there lose the spaces)."""
        self.parent[self.key] = tomlkit.value("[" + ", ".join(parts) + "]")

    def insert(self, index: int, text: str, cues: Mapping[str, object]) -> None:
        v = self.value()
        size = 0 if v is None else len(v)
        if not 0 <= index <= size:
            raise EditError(f"{self.what} has {size} lines; cannot insert at line {index + 1}")
        if not isinstance(text, str):
            raise EditError("a line's text must be text")
        cues = {k: val for k, val in cues.items() if val is not None}
        if v is None:
            entry = _render_entry(text, cues, True)
            # A new list is written one line per entry, as the docs and the starter show do.
            self.parent[self.key] = tomlkit.value("[\n    " + entry.as_string() + ",\n]")
            return
        if isinstance(v, AoT):
            table = tomlkit.table()
            table["text"] = text
            for k, val in cues.items():
                table[k] = _cue_item(k, val)
            tables = list(v)
            v.insert(index, table)
            self._tidy_aot(v, tables)
            return
        entry = _render_entry(text, cues, self.spaced(v))
        if self._multiline(v) and size:
            v.insert(index, entry)
        else:
            parts = [e.as_string().strip() for e in v]
            parts.insert(index, entry.as_string())
            self._rebuild(v, parts)

    def remove(self, index: int) -> None:
        v = self.value()
        size = 0 if v is None else len(v)
        self._check(index, size)
        assert v is not None
        if isinstance(v, AoT):
            tables = list(v)
            del v[index]
            if not len(v):
                del self.parent[self.key]
            else:
                self._tidy_aot(v, tables)
        elif self._multiline(v):
            del v[index]
        else:
            parts = [e.as_string().strip() for e in v]
            del parts[index]
            self._rebuild(v, parts)

    def move(self, src: int, dst: int) -> bool:
        v = self.value()
        size = 0 if v is None else len(v)
        self._check(src, size)
        self._check(dst, size)
        assert v is not None
        if src == dst:
            return False
        if isinstance(v, AoT):
            tables = list(v)
            table = v[src]
            del v[src]
            v.insert(dst, table)
            self._tidy_aot(v, tables)
        elif self._multiline(v):
            item = v[src]
            del v[src]
            v.insert(dst, item)
        else:
            parts = [e.as_string().strip() for e in v]
            parts.insert(dst, parts.pop(src))
            self._rebuild(v, parts)
        return True

    @staticmethod
    def _tidy_aot(aot: AoT, before: list[Any]) -> None:
        """Keep [[table]]s separated by a blank line when the file separated them so."""
        def blank(t: Table) -> bool:
            body = t.value.body
            return bool(body) and body[-1][0] is None and isinstance(body[-1][1], Whitespace)

        if not any(blank(t) for t in before[:-1] or before):
            return  # a tightly packed file stays tightly packed
        last_blank = bool(before) and blank(before[-1])  # before the loop below adds to it
        tables = list(aot)
        for t in tables[:-1]:
            if not blank(t):
                t.add(tomlkit.nl())
        if last_blank and tables and not blank(tables[-1]):
            tables[-1].add(tomlkit.nl())  # the file had a blank line after the last one


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
        table = self.show_doc.get("rundowns")
        return [k for k, v in table.items() if isinstance(v, dict)] if isinstance(table, dict) else []

    def rundown_items(self, rid: str) -> list[tuple[str, int]]:
        """A rundown's (product id, repeat) entries as written."""
        body = self._rundown(rid)
        out = []
        for item in body.get("products", []) if isinstance(body.get("products"), list) else []:
            if isinstance(item, str):
                out.append((str(item).strip(), 1))
            elif isinstance(item, dict) and isinstance(item.get("id"), str):
                repeat = item.get("repeat", 1)
                out.append((str(item["id"]).strip(), int(repeat) if isinstance(repeat, int) else 1))
        return out

    def _rundown(self, rid: str) -> Table:
        table = self.show_doc.get("rundowns")
        if not isinstance(table, dict) or not isinstance(table.get(rid), dict):
            raise EditError(f"no rundown '{rid}'")
        return table[rid]

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
            return _set_key(doc, key, None)
        order = list(PRODUCT_FIELDS)
        after = list(reversed(order[: order.index(key)]))  # nearest earlier field first
        return _set_key(doc, key, self._product_value(key, value), after=after)

    def _product_value(self, key: str, value: object) -> Item:
        if key in ("price", "original_price"):
            return _money(value, key)
        if key == "selling_points":
            return _texts(value, key)
        if key == "stock":
            if isinstance(value, bool) or not isinstance(value, int):
                raise EditError("stock must be a whole number")
            return tomlkit.integer(value)
        if key == "flash_sale_end":
            if isinstance(value, datetime):
                return tomlkit.item(value)
            if isinstance(value, time):
                return tomlkit.string(_clock_text(value, end=False))
            return _text(value, key)
        if key == "currency":
            return _text(value.strip().upper() if isinstance(value, str) else value, key)
        if key in _PATH_FIELDS:
            return tomlkit.string(self._relative(value, key))
        return _text(value, key)

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
        if not isinstance(pid, str) or not _ID.match(pid):
            raise EditError(f"'{pid}' cannot be a product id; use letters, digits, '-' or '_'")
        if pid in taken:
            raise EditError(f"a product '{pid}' already exists")
        rel = f"{PRODUCTS_DIR}/{pid}.toml"
        path = self.root / PRODUCTS_DIR / f"{pid}.toml"
        doc = tomlkit.document()
        doc["name"] = _text(name, "name")
        doc["price"] = _money(price, "price")
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
        touched: list[tuple[str, int]] = []
        emptied: list[str] = []
        for rid in self.rundown_ids():
            body = self._rundown(rid)
            products = body.get("products")
            if not isinstance(products, Array):
                continue
            lines = _Lines(body, "products", f"rundown '{rid}'")
            hits = [i for i, item in enumerate(products) if _item_id(item) == pid]
            for i in reversed(hits):
                lines.remove(i)
            if hits:
                touched.append((rid, len(hits)))
                if not len(body["products"]):
                    emptied.append(rid)
        return ProductRemoval(pid, state.rel, tuple(touched), tuple(emptied))

    # ---- pitch lines ----

    def _pitch(self, pid: str) -> _Lines:
        _, doc = self._product(pid)
        return _Lines(doc, "pitch", f"the pitch of '{pid}'")

    def pitch_size(self, pid: str) -> int:
        """How many entries the product's pitch list has (as written, empty ones included)."""
        return len(self._pitch(pid).entries())

    def set_pitch_line(self, pid: str, index: int, text: str | _Keep = KEEP, *, expression: Cue = KEEP,
                       gesture: Cue = KEEP, card: Cue = KEEP, pause: Cue = KEEP,
                       language: Cue = KEEP, approved: Sequence[str] | None | _Keep = KEEP) -> bool:
        """Change line `index` (0-based) of a pitch: its text, cues and/or approved terms (None
        or an empty list removes one)."""
        changes = _cue_changes(text, {"expression": expression, "gesture": gesture, "card": card,
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
        approved = _approved_terms(terms)
        if key == "":
            if pid is None:
                raise EditError("name the product whose fields are approved")
            _, doc = self._product(pid)
            item = None if approved is None else _texts(approved, APPROVED)
            return _set_key(doc, APPROVED, item, after=list(reversed(PRODUCT_FIELDS)))
        m = _LINE_KEY.match(key)
        if m is None:
            raise EditError(f"'{key}' names no line; write pitch[N], faq[N].answer[N] or filler[N]")
        pitch, entry, answer, filler = m.groups()
        if filler is not None:
            lines = _Lines(self.show_doc, "filler", "the filler lines")
            return lines.set(int(filler), {APPROVED: approved})
        if pid is None:
            raise EditError(f"name the product of {key}")
        if pitch is not None:
            return self._pitch(pid).set(int(pitch), {APPROVED: approved})
        _, _, entries = self._faq(pid)
        index = int(entry)
        if not 0 <= index < len(entries):
            raise EditError(f"the FAQ of '{pid}' has no entry {index + 1} (it has {len(entries)})")
        if not isinstance(entries[index], Table):
            raise EditError(f"FAQ entry {index + 1} of '{pid}' is written inline; write it as a [[faq]] "
                            "table to approve its answer here")
        answers = _Lines(entries[index], "answer", f"the answer of FAQ entry {index + 1}")
        return answers.set(int(answer), {APPROVED: approved})

    # ---- FAQ entries ----

    def _faq(self, pid: str) -> tuple[TOMLDocument, _Lines, list[Any]]:
        """The product's document, its faq list (as written) and the entries (tables)."""
        _, doc = self._product(pid)
        value = doc.get("faq")
        if value is not None and not isinstance(value, AoT | Array):
            raise EditError(f"the FAQ of '{pid}' is not written as [[faq]] tables; edit it by hand")
        entries = [] if value is None else list(value)
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict):
                raise EditError(f"FAQ entry {i + 1} of '{pid}' is not a table; edit it by hand")
        return doc, _Lines(doc, "faq", f"the FAQ of '{pid}'"), entries

    def faq_entries(self, pid: str) -> list[tuple[list[str], list[str]]]:
        """The product's FAQ as written: (keywords, answer lines) per entry."""
        _, _, entries = self._faq(pid)
        return [(_faq_keywords(e.get("keywords")), _faq_answer(e.get("answer"))) for e in entries]

    def faq_size(self, pid: str) -> int:
        """How many FAQ entries the product's file has."""
        return len(self._faq(pid)[2])

    def set_faq_entry(self, pid: str, index: int, keywords: Sequence[str] | None = None,
                      answer: Sequence[str] | str | None = None) -> bool:
        """Change the keywords and/or the answer lines of FAQ entry `index` (0-based; None keeps)."""
        _, lines, entries = self._faq(pid)
        if not 0 <= index < len(entries):
            raise EditError(f"the FAQ of '{pid}' has no entry {index + 1} (it has {len(entries)})")
        entry = entries[index]
        new_keywords = None if keywords is None else _faq_check_keywords(keywords)
        new_answer = None if answer is None else _faq_check_answer(answer)
        if isinstance(entry, InlineTable):
            return self._set_inline_faq(lines, index, entry, new_keywords, new_answer)
        changed = False
        if new_keywords is not None and _faq_keywords(entry.get("keywords")) != new_keywords:
            changed |= _set_key(entry, "keywords", _texts(new_keywords, "keywords"))
        if new_answer is not None and _faq_answer(entry.get("answer")) != new_answer:
            old = entry.get("answer")
            if isinstance(old, Array | AoT):
                answer_lines = _Lines(entry, "answer", f"the answer of FAQ entry {index + 1}")
                size = len(old)
                for i, text in enumerate(new_answer[:size]):
                    changed |= answer_lines.set(i, {"text": text})
                for i in range(size - 1, len(new_answer) - 1, -1):
                    answer_lines.remove(i)
                for i in range(size, len(new_answer)):
                    answer_lines.insert(i, new_answer[i], {})
                changed = True
            else:
                changed |= _set_key(entry, "answer", _faq_answer_item(new_answer, None), after=("keywords",))
        return changed

    def _set_inline_faq(self, lines: _Lines, index: int, entry: InlineTable, keywords: list[str] | None,
                        answer: list[str] | None) -> bool:
        # Re-render the one inline table in its own style (as pitch lines are).
        arr = lines.value()
        assert isinstance(arr, Array)
        rendered: dict[str, str] = {}
        if keywords is not None and _faq_keywords(entry.get("keywords")) != keywords:
            rendered["keywords"] = _texts(keywords, "keywords").as_string()
        if answer is not None and _faq_answer(entry.get("answer")) != answer:
            rendered["answer"] = _faq_answer_item(answer, entry.get("answer")).as_string()
        if not rendered:
            return False
        pairs: list[tuple[str, str]] = []
        for key, item in entry.value.body:
            if key is None:
                continue
            name = key.key
            pairs.append((key.as_string().strip(), rendered.pop(name, item.as_string().strip())))
        pairs += list(rendered.items())
        pad = " " if entry.as_string().startswith("{ ") else ""
        lines._replace(arr, index, tomlkit.value("{" + pad + ", ".join(f"{k} = {v}" for k, v in pairs) + pad + "}"))
        return True

    def add_faq_entry(self, pid: str, keywords: Sequence[str], answer: Sequence[str] | str) -> None:
        """Append an FAQ entry (a [[faq]] table, or an inline table when the file writes them so)."""
        doc, lines, entries = self._faq(pid)
        new_keywords = _faq_check_keywords(keywords)
        new_answer = _faq_check_answer(answer)
        value = doc.get("faq")
        if isinstance(value, Array):
            pad = " " if lines.spaced(value) else ""
            text = (f"{{{pad}keywords = {_texts(new_keywords, 'keywords').as_string()}, "
                    f"answer = {_faq_answer_item(new_answer, None).as_string()}{pad}}}")
            item = tomlkit.value(text)
            if lines._multiline(value) and len(value):
                value.append(item)
            else:
                lines._rebuild(value, [e.as_string().strip() for e in value] + [item.as_string()])
            return
        table = tomlkit.table()
        table["keywords"] = _texts(new_keywords, "keywords")
        table["answer"] = _faq_answer_item(new_answer, None)
        if value is None:
            aot = tomlkit.aot()
            aot.append(table)
            doc["faq"] = aot
            return
        before = list(value)
        value.append(table)
        _Lines._tidy_aot(value, before)

    def remove_faq_entry(self, pid: str, index: int) -> None:
        """Remove FAQ entry `index` (0-based)."""
        _, lines, entries = self._faq(pid)
        if not 0 <= index < len(entries):
            raise EditError(f"the FAQ of '{pid}' has no entry {index + 1} (it has {len(entries)})")
        last = isinstance(entries[index], Table) and index == len(entries) - 1 and index > 0
        tight_end = last and not _ends_blank(entries[index])
        lines.remove(index)
        if tight_end and _ends_blank(entries[index - 1]):
            entries[index - 1].value.body.pop()  # the new last table ends as the removed one did

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
            return _set_key(table, name, None)
        return _set_key(table, name, self._show_value(key, value))

    def _show_value(self, key: str, value: object) -> Item:
        if key == "ticker":
            return _texts(value, key)
        if key in ("logo", "background", "avatar") and isinstance(value, Path):
            return tomlkit.string(self._relative(value, key))
        if key == "logo":
            return tomlkit.string(self._relative(value, key))
        if key in ("disclosure", "schedule.fallback") and value is False:
            return tomlkit.item(False)
        if isinstance(value, bool):
            raise EditError(f"{key} cannot be true/false")
        if isinstance(value, int | float | Decimal):
            return _money(value, key)
        return _text(value, key)

    def set_rundown(self, rid: str, items: Sequence[str | tuple[str, int] | RundownItem],
                    title: str | None | _Keep = KEEP, shuffle: bool | None | _Keep = KEEP) -> bool:
        """Create or replace a rundown's products (and title/shuffle); True when show.toml changed."""
        if not isinstance(rid, str) or not _ID.match(rid):
            raise EditError(f"'{rid}' cannot be a rundown id; use letters, digits, '-' or '_'")
        entries: list[tuple[str, int]] = []
        taken = self._taken_ids()  # once: a rundown of hundreds of products must not look per product
        for item in items:
            pid, repeat = (item.product, item.repeat) if isinstance(item, RundownItem) else (
                (item, 1) if isinstance(item, str) else item)
            if pid not in taken:
                raise EditError(f"no product '{pid}'")
            if isinstance(repeat, bool) or not isinstance(repeat, int) or not 1 <= repeat <= 100:
                raise EditError(f"repeat must be a whole number 1–100, got {repeat!r}")
            entries.append((pid, repeat))
        if not entries:
            raise EditError("a rundown needs at least one product")
        doc = self.show_doc
        changed = created = False
        if "rundowns" not in doc:
            doc["rundowns"] = tomlkit.table(is_super_table=True)
        rundowns = doc["rundowns"]
        if not isinstance(rundowns, Table):
            raise EditError(f"rundowns is not a table in {SHOW_FILE}")
        if rid not in rundowns:
            rundowns[rid] = tomlkit.table()
            changed = created = True
        body = rundowns[rid]
        if not isinstance(body, Table):
            raise EditError(f"rundown '{rid}' is not written as [rundowns.{rid}]; edit it by hand")
        if title is not KEEP:
            changed |= _set_key(body, "title", None if title is None else _text(title, "title"))
        old = body.get("products")
        if not (isinstance(old, list) and [(a, b) for a, b in self.rundown_items(rid)] == entries
                and len(old) == len(entries)):
            parts = [tomlkit.string(p).as_string() if r == 1 else
                     "{ id = " + tomlkit.string(p).as_string() + f", repeat = {r} }}" for p, r in entries]
            if isinstance(old, Array) and "\n" in old.as_string():
                text = "[\n" + "".join(f"    {p},\n" for p in parts) + "]"
            else:
                text = "[" + ", ".join(parts) + "]"
            changed |= _set_key(body, "products", tomlkit.value(text), after=("title",))
        if shuffle is not KEEP:
            if shuffle is not None and not isinstance(shuffle, bool):
                raise EditError("shuffle must be true or false")
            changed |= _set_key(body, "shuffle", None if shuffle is None else tomlkit.item(shuffle))
        if created:
            body.add(tomlkit.nl())  # a blank line before whatever [section] follows
        return changed

    def set_schedule_windows(self, windows: Sequence[WindowSpec]) -> bool:
        """Replace the weekly windows, editing existing [[schedule.windows]] in place."""
        known = set(self.rundown_ids())
        specs: list[tuple[Item, str, str, str]] = []
        for w in windows:
            if isinstance(w, ScheduleWindow):
                days: Any = list(w.days)
                start, end, rid = w.start, w.end, w.rundown
            else:
                days, start, end, rid = w
            if rid not in known:
                raise EditError(f"no rundown '{rid}'")
            specs.append((_days_value(days), _clock_text(start, end=False), _clock_text(end, end=True), rid))
        doc = self.show_doc
        schedule = doc.get("schedule")
        if schedule is None:
            if not specs:
                return False
            doc["schedule"] = tomlkit.table()
            schedule = doc["schedule"]
        if not isinstance(schedule, Table):
            raise EditError(f"[schedule] is not a table in {SHOW_FILE}")
        current = schedule.get("windows")
        if current is not None and not isinstance(current, AoT):
            raise EditError("schedule.windows is not written as [[schedule.windows]] tables; edit it by hand")
        if not specs:
            if current is None:
                return False
            del schedule["windows"]
            return True
        changed = False
        tables = list(current) if current is not None else []
        for i, (days_item, start_s, end_s, rid) in enumerate(specs):
            if i < len(tables):
                t = tables[i]
                # Leave a value's text alone when it means the same ("weekdays" vs mon…fri).
                if _day_set(_unwrap(t.get("days"))) != _day_set(_unwrap(days_item)):
                    changed |= _set_key(t, "days", days_item)
                for key, text in (("from", start_s), ("to", end_s)):
                    if _clock_of(t.get(key)) != _clock_of(text):
                        changed |= _set_key(t, key, tomlkit.string(text))
                changed |= _set_key(t, "rundown", tomlkit.string(rid))
            else:
                t = tomlkit.table()
                t["days"] = days_item
                t["from"] = start_s
                t["to"] = end_s
                t["rundown"] = rid
                if current is None:
                    schedule["windows"] = tomlkit.aot()
                    current = schedule["windows"]
                before = list(current)
                current.append(t)
                _Lines._tidy_aot(current, before)
                changed = True
        while len(current) > len(specs):
            before = list(current)
            del current[len(current) - 1]
            _Lines._tidy_aot(current, before)
            changed = True
        return changed

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


def _approved_terms(terms: Sequence[str] | None) -> list[str] | None:
    """Approved terms as written to the file: stripped, each once, in order; None when there are none."""
    if terms is None:
        return None
    if isinstance(terms, str) or not all(isinstance(t, str) for t in terms):
        raise EditError("approved terms must be a list of texts")
    out = list(dict.fromkeys(t.strip() for t in terms if t.strip()))
    return out or None


def _check_field(key: str) -> None:
    if key not in PRODUCT_FIELDS:
        raise EditError(f"'{key}' is not a product field; fields: {', '.join(PRODUCT_FIELDS)}")


def _item_id(item: object) -> str | None:
    if isinstance(item, str):
        return str(item).strip()
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        return str(item["id"]).strip()
    return None


def _ends_blank(table: Table) -> bool:
    body = table.value.body
    return bool(body) and body[-1][0] is None and isinstance(body[-1][1], Whitespace)


def _faq_keywords(value: object) -> list[str]:
    value = _unwrap(value)
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value] if isinstance(value, list) else []


def _faq_answer(value: object) -> list[str]:
    value = _unwrap(value)
    if isinstance(value, str | dict):
        value = [value]
    if not isinstance(value, list):
        return []
    out = []
    for v in value:
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, dict) and isinstance(v.get("text"), str):
            out.append(v["text"])
    return out


def _faq_check_keywords(keywords: object) -> list[str]:
    if isinstance(keywords, str) or not isinstance(keywords, Iterable):
        raise EditError("keywords must be a list of texts")
    out = [k.strip() for k in keywords if isinstance(k, str) and k.strip()]
    if len(out) != len(list(keywords)):
        raise EditError("keywords must be non-empty texts")
    if not out:
        raise EditError("an FAQ entry needs keywords")
    return out


def _faq_check_answer(answer: object) -> list[str]:
    items = [answer] if isinstance(answer, str) else answer
    if not isinstance(items, Iterable):
        raise EditError("an answer must be text or a list of texts")
    items = list(items)
    if not all(isinstance(v, str) for v in items):
        raise EditError("an answer must be text or a list of texts")
    if not any(v.strip() for v in items):
        raise EditError("an FAQ entry needs an answer")
    return items


def _faq_answer_item(answer: list[str], old: object) -> Item:
    """An answer as a string (one line, unless it was a list) or a list, keeping old lines' cues."""
    if len(answer) == 1 and not isinstance(old, Array | AoT):
        return tomlkit.string(answer[0])
    olds = list(old) if isinstance(old, Array) else []
    parts = []
    for i, text in enumerate(answer):
        cues = {}
        if i < len(olds) and isinstance(olds[i], dict):
            cues = {k: _unwrap(v) for k, v in olds[i].items() if k != "text" and k in LINE_VALUE_KEYS}
        parts.append(_render_entry(text, cues, True).as_string())
    return tomlkit.value("[" + ", ".join(parts) + "]")


def _clock_of(value: object) -> tuple[int, int] | None:
    value = _unwrap(value)
    if isinstance(value, time):
        return (value.hour, value.minute)
    if isinstance(value, str):
        m = _HHMM.match(value.strip())
        if m:
            h, mi = int(m.group(1)), int(m.group(2))
            return (0, 0) if (h, mi) == (24, 0) else (h, mi)
    return None


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


__all__ = ["APPROVED", "CUE_KEYS", "KEEP", "LINE_VALUE_KEYS", "PRODUCT_FIELDS", "SHOW_FIELDS", "EditError", "ProductRemoval",
           "SaveConflict", "ShowEditor"]
