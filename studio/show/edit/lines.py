"""Editing a list of lines (a pitch, an FAQ answer, the filler) in the form it is written in:
an inline array of strings and tables, or [[pitch]] tables; cues and approvals kept per line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, cast

import tomlkit
from tomlkit.items import AoT, Array, InlineTable, Item, String, Table, Whitespace
from tomlkit.toml_document import TOMLDocument

from studio.show.edit.document import KEEP, Cue, EditError, Keep, money_item, same, set_key, text_item, texts_item

CUE_KEYS = ("expression", "gesture", "card", "pause", "language")
APPROVED = "approved"  # a line's (or product's) approved warning terms: a list of texts
LINE_VALUE_KEYS = (*CUE_KEYS, APPROVED)  # what a line entry holds besides its text


def render_entry(text: str, cues: Mapping[str, object], spaced: bool) -> Item:
    """A new line entry for an inline array: a string, or an inline table when it has cues."""
    if not cues:
        return tomlkit.string(text)
    parts = [f"text = {tomlkit.string(text).as_string()}"]
    parts += [f"{k} = {cue_item(k, v).as_string()}" for k, v in cues.items()]
    pad = " " if spaced else ""
    return tomlkit.value("{" + pad + ", ".join(parts) + pad + "}")


def cue_item(key: str, value: object) -> Item:
    if key == APPROVED:
        return texts_item(value, APPROVED)
    if key not in CUE_KEYS:
        raise EditError(f"unknown cue '{key}'; cues are: {', '.join(CUE_KEYS)}")
    if key == "pause":
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            raise EditError("pause must be a number of seconds")
        return money_item(value, "pause")
    return text_item(value, key)


def cue_changes(text: str | Keep, cues: Mapping[str, Cue | Sequence[str]]) -> dict[str, object]:  # approved: terms
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


class LineList:
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
        if isinstance(v, String | InlineTable):  # a document's strings are tomlkit Strings
            # A single line written on its own: make it a one-line list so it can grow.
            self.parent[self.key] = tomlkit.value("[" + v.as_string().strip() + "]")
            return cast(Array, self.parent[self.key])  # "[…]" is an array
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
                item = None if val is None else (text_item(val, "text") if k == "text" else cue_item(k, val))
                if k == "text" and item is None:
                    raise EditError("a line needs text")
                changed |= set_key(entry, k, item)
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
            self.replace_entry(v, index, render_entry(str(text), cues, self.spaced(v)))
            return True
        if "text" not in changes or changes["text"] is None:
            raise EditError(f"line {index + 1} of {self.what} is not text; give the new text")
        cues = {k: val for k, val in changes.items() if k != "text" and val is not None}
        self.replace_entry(v, index, render_entry(str(changes["text"]), cues, self.spaced(v)))
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
                rendered = text_item(new, name) if name == "text" else cue_item(name, new)
                if not same(item, rendered):
                    changed = True
                    pairs.append((key.as_string().strip(), rendered.as_string()))
                    continue
            pairs.append((key.as_string().strip(), item.as_string().strip()))
        for name, new in changes.items():
            if name not in seen and new is not None:
                rendered = text_item(new, name) if name == "text" else cue_item(name, new)
                pairs.append((name, rendered.as_string()))
                changed = True
        if not changed:
            return False
        pad = " " if entry.as_string().startswith("{ ") else ""
        self.replace_entry(arr, index, tomlkit.value("{" + pad + ", ".join(f"{k} = {v}" for k, v in pairs) + pad + "}"))
        return True

    def replace_entry(self, arr: Array, index: int, item: Item) -> None:
        if self.multiline(arr):
            arr[index] = item
        else:
            parts = [e.as_string().strip() for e in arr]
            parts[index] = item.as_string()
            self.rebuild(arr, parts)

    @staticmethod
    def multiline(arr: Array) -> bool:
        return "\n" in arr.as_string()

    def rebuild(self, arr: Array, parts: list[str]) -> None:
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
            entry = render_entry(text, cues, True)
            # A new list is written one line per entry, as the docs and the starter show do.
            self.parent[self.key] = tomlkit.value("[\n    " + entry.as_string() + ",\n]")
            return
        if isinstance(v, AoT):
            table = tomlkit.table()
            table["text"] = text
            for k, val in cues.items():
                table[k] = cue_item(k, val)
            tables = list(v)
            v.insert(index, table)
            tidy_aot(v, tables)
            return
        entry = render_entry(text, cues, self.spaced(v))
        if self.multiline(v) and size:
            v.insert(index, entry)
        else:
            parts = [e.as_string().strip() for e in v]
            parts.insert(index, entry.as_string())
            self.rebuild(v, parts)

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
                tidy_aot(v, tables)
        elif self.multiline(v):
            del v[index]
        else:
            parts = [e.as_string().strip() for e in v]
            del parts[index]
            self.rebuild(v, parts)

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
            tidy_aot(v, tables)
        elif self.multiline(v):
            item = v[src]
            del v[src]
            v.insert(dst, item)
        else:
            parts = [e.as_string().strip() for e in v]
            parts.insert(dst, parts.pop(src))
            self.rebuild(v, parts)
        return True


def tidy_aot(aot: AoT, before: list[Any]) -> None:
    """Keep [[table]]s separated by a blank line when the file separated them so."""
    if not any(ends_blank(t) for t in before[:-1] or before):
        return  # a tightly packed file stays tightly packed
    last_blank = bool(before) and ends_blank(before[-1])  # before the loop below adds to it
    tables = list(aot)
    for t in tables[:-1]:
        if not ends_blank(t):
            t.add(tomlkit.nl())
    if last_blank and tables and not ends_blank(tables[-1]):
        tables[-1].add(tomlkit.nl())  # the file had a blank line after the last one


def ends_blank(table: Table) -> bool:
    body = table.value.body
    return bool(body) and body[-1][0] is None and isinstance(body[-1][1], Whitespace)


def approved_terms(terms: Sequence[str] | None) -> list[str] | None:
    """Approved terms as written to the file: stripped, each once, in order; None when there are none."""
    if terms is None:
        return None
    if isinstance(terms, str) or not all(isinstance(t, str) for t in terms):
        raise EditError("approved terms must be a list of texts")
    out = list(dict.fromkeys(t.strip() for t in terms if t.strip()))
    return out or None
