"""Editing rundowns and the weekly schedule in show.toml, leaving values that mean the same alone."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time
from typing import Any, cast

import tomlkit
from tomlkit.items import AoT, Array, Item, Table
from tomlkit.toml_document import TOMLDocument

from studio.show.edit.document import KEEP, EditError, Keep, set_key, text_item, texts_item, unwrap
from studio.show.edit.lines import LineList, tidy_aot
from studio.show.load.files import HHMM, ID_PATTERN, SHOW_FILE
from studio.show.load.schedule import DAY_ALIASES
from studio.show.model import DAYS, RundownItem, ScheduleWindow

WindowSpec = tuple[str | Sequence[str] | Sequence[int], str | time, str | time, str] | ScheduleWindow


def rundown_ids(doc: TOMLDocument) -> list[str]:
    """The rundowns in show.toml, in file order."""
    table = doc.get("rundowns")
    return [k for k, v in table.items() if isinstance(v, dict)] if isinstance(table, dict) else []


def rundown_items(doc: TOMLDocument, rid: str) -> list[tuple[str, int]]:
    """A rundown's (product id, repeat) entries as written."""
    body = _rundown(doc, rid)
    out = []
    for item in body.get("products", []) if isinstance(body.get("products"), list) else []:
        if isinstance(item, str):
            out.append((str(item).strip(), 1))
        elif isinstance(item, dict) and isinstance(item.get("id"), str):
            repeat = item.get("repeat", 1)
            out.append((str(item["id"]).strip(), int(repeat) if isinstance(repeat, int) else 1))
    return out


def _rundown(doc: TOMLDocument, rid: str) -> Table:
    table = doc.get("rundowns")
    if not isinstance(table, dict) or not isinstance(table.get(rid), dict):
        raise EditError(f"no rundown '{rid}'")
    rundown: Table = table[rid]  # or an inline table: both read and edit alike
    return rundown


def set_rundown(doc: TOMLDocument, rid: str, items: Sequence[str | tuple[str, int] | RundownItem],
                taken: set[str], title: str | Keep | None = KEEP, shuffle: bool | Keep | None = KEEP) -> bool:
    """Create or replace a rundown's products (ids among `taken`) and title/shuffle; True when it changed."""
    if not isinstance(rid, str) or not ID_PATTERN.match(rid):
        raise EditError(f"'{rid}' cannot be a rundown id; use letters, digits, '-' or '_'")
    entries: list[tuple[str, int]] = []
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
        changed |= set_key(body, "title", None if title is None else text_item(title, "title"))
    old = body.get("products")
    if not (isinstance(old, list) and [(a, b) for a, b in rundown_items(doc, rid)] == entries
            and len(old) == len(entries)):
        parts = [tomlkit.string(p).as_string() if r == 1 else
                 "{ id = " + tomlkit.string(p).as_string() + f", repeat = {r} }}" for p, r in entries]
        if isinstance(old, Array) and "\n" in old.as_string():
            text = "[\n" + "".join(f"    {p},\n" for p in parts) + "]"
        else:
            text = "[" + ", ".join(parts) + "]"
        changed |= set_key(body, "products", tomlkit.value(text), after=("title",))
    if shuffle is not KEEP:
        if shuffle is not None and not isinstance(shuffle, bool):
            raise EditError("shuffle must be true or false")
        changed |= set_key(body, "shuffle", None if shuffle is None else tomlkit.item(shuffle))
    if created:
        body.add(tomlkit.nl())  # a blank line before whatever [section] follows
    return changed


def set_schedule_windows(doc: TOMLDocument, windows: Sequence[WindowSpec]) -> bool:
    """Replace the weekly windows, editing existing [[schedule.windows]] in place."""
    known = set(rundown_ids(doc))
    specs: list[tuple[Item, str, str, str]] = []
    for w in windows:
        start: str | time
        end: str | time
        if isinstance(w, ScheduleWindow):
            days: Any = list(w.days)
            start, end, rid = w.start, w.end, w.rundown
        else:
            days, start, end, rid = w
        if rid not in known:
            raise EditError(f"no rundown '{rid}'")
        specs.append((_days_value(days), clock_text(start, end=False), clock_text(end, end=True), rid))
    schedule = doc.get("schedule")
    if schedule is None:
        if not specs:
            return False
        doc["schedule"] = tomlkit.table()
        schedule = doc["schedule"]
    if not isinstance(schedule, Table):
        raise EditError(f"[schedule] is not a table in {SHOW_FILE}")
    found = schedule.get("windows")
    if found is not None and not isinstance(found, AoT):
        raise EditError("schedule.windows is not written as [[schedule.windows]] tables; edit it by hand")
    current = found if isinstance(found, AoT) else None
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
            if _day_set(unwrap(t.get("days"))) != _day_set(unwrap(days_item)):
                changed |= set_key(t, "days", days_item)
            for key, text in (("from", start_s), ("to", end_s)):
                if _clock_of(t.get(key)) != _clock_of(text):
                    changed |= set_key(t, key, tomlkit.string(text))
            changed |= set_key(t, "rundown", tomlkit.string(rid))
        else:
            t = tomlkit.table()
            t["days"] = days_item
            t["from"] = start_s
            t["to"] = end_s
            t["rundown"] = rid
            if current is None:
                schedule["windows"] = tomlkit.aot()
                current = cast(AoT, schedule["windows"])
            before = list(current)
            current.append(t)
            tidy_aot(current, before)
            changed = True
    while current is not None and len(current) > len(specs):
        before = list(current)
        del current[len(current) - 1]
        tidy_aot(current, before)
        changed = True
    return changed


def remove_from_rundowns(doc: TOMLDocument, pid: str) -> tuple[list[tuple[str, int]], list[str]]:
    """Take product `pid` out of every rundown: (rundown id, entries removed) for each rundown
    that listed it, and the rundowns left empty."""
    touched: list[tuple[str, int]] = []
    emptied: list[str] = []
    for rid in rundown_ids(doc):
        body = _rundown(doc, rid)
        products = body.get("products")
        if not isinstance(products, Array):
            continue
        lines = LineList(body, "products", f"rundown '{rid}'")
        hits = [i for i, item in enumerate(products) if _item_id(item) == pid]
        for i in reversed(hits):
            lines.remove(i)
        if hits:
            touched.append((rid, len(hits)))
            if not len(cast(Array, body["products"])):  # the list may have been rewritten
                emptied.append(rid)
    return touched, emptied


def clock_text(value: str | time, end: bool) -> str:
    """A time of day as the docs write it ("19:00"); a midnight end is "24:00"."""
    if isinstance(value, time):
        if end and value == time(0, 0):
            return "24:00"
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, str) and HHMM.match(value.strip()):
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
    return texts_item(names, "days")


def _day_set(value: object) -> frozenset[int] | None:
    """The weekdays a `days` value means, or None when it cannot be read (compare, never fail)."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        return None
    out: set[int] = set()
    for item in items:
        key = item.strip().lower() if isinstance(item, str) else ""
        if key not in DAY_ALIASES:
            return None
        out.update(DAY_ALIASES[key])
    return frozenset(out)


def _clock_of(value: object) -> tuple[int, int] | None:
    value = unwrap(value)
    if isinstance(value, time):
        return (value.hour, value.minute)
    if isinstance(value, str):
        m = HHMM.match(value.strip())
        if m:
            h, mi = int(m.group(1)), int(m.group(2))
            return (0, 0) if (h, mi) == (24, 0) else (h, mi)
    return None


def _item_id(item: object) -> str | None:
    if isinstance(item, str):
        return str(item).strip()
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        return str(item["id"]).strip()
    return None
