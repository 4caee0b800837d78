"""Editing a product's FAQ: [[faq]] tables (or inline tables) of keywords and answer lines."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import tomlkit
from tomlkit.items import AoT, Array, InlineTable, Item, Table
from tomlkit.toml_document import TOMLDocument

from studio.show.edit.document import EditError, set_key, texts_item, unwrap
from studio.show.edit.lines import APPROVED, LINE_VALUE_KEYS, LineList, ends_blank, render_entry, tidy_aot


def faq_list(doc: TOMLDocument, pid: str) -> tuple[LineList, list[Any]]:
    """Product `pid`'s faq list (as written) and its entries (tables)."""
    value = doc.get("faq")
    if value is not None and not isinstance(value, AoT | Array):
        raise EditError(f"the FAQ of '{pid}' is not written as [[faq]] tables; edit it by hand")
    entries = [] if value is None else list(value)
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise EditError(f"FAQ entry {i + 1} of '{pid}' is not a table; edit it by hand")
    return LineList(doc, "faq", f"the FAQ of '{pid}'"), entries


def faq_entries(doc: TOMLDocument, pid: str) -> list[tuple[list[str], list[str]]]:
    """The product's FAQ as written: (keywords, answer lines) per entry."""
    _, entries = faq_list(doc, pid)
    return [(_faq_keywords(e.get("keywords")), _faq_answer(e.get("answer"))) for e in entries]


def set_faq_entry(doc: TOMLDocument, pid: str, index: int, keywords: Sequence[str] | None = None,
                  answer: Sequence[str] | str | None = None) -> bool:
    """Change the keywords and/or the answer lines of FAQ entry `index` (0-based; None keeps)."""
    lines, entries = faq_list(doc, pid)
    if not 0 <= index < len(entries):
        raise EditError(f"the FAQ of '{pid}' has no entry {index + 1} (it has {len(entries)})")
    entry = entries[index]
    new_keywords = None if keywords is None else _faq_check_keywords(keywords)
    new_answer = None if answer is None else _faq_check_answer(answer)
    if isinstance(entry, InlineTable):
        return _set_inline_faq(lines, index, entry, new_keywords, new_answer)
    changed = False
    if new_keywords is not None and _faq_keywords(entry.get("keywords")) != new_keywords:
        changed |= set_key(entry, "keywords", texts_item(new_keywords, "keywords"))
    if new_answer is not None and _faq_answer(entry.get("answer")) != new_answer:
        old = entry.get("answer")
        if isinstance(old, Array | AoT):
            answer_lines = LineList(entry, "answer", f"the answer of FAQ entry {index + 1}")
            size = len(old)
            for i, text in enumerate(new_answer[:size]):
                changed |= answer_lines.set(i, {"text": text})
            for i in range(size - 1, len(new_answer) - 1, -1):
                answer_lines.remove(i)
            for i in range(size, len(new_answer)):
                answer_lines.insert(i, new_answer[i], {})
            changed = True
        else:
            changed |= set_key(entry, "answer", _faq_answer_item(new_answer, None), after=("keywords",))
    return changed


def _set_inline_faq(lines: LineList, index: int, entry: InlineTable, keywords: list[str] | None,
                    answer: list[str] | None) -> bool:
    # Re-render the one inline table in its own style (as pitch lines are).
    arr = lines.value()
    assert isinstance(arr, Array)
    rendered: dict[str, str] = {}
    if keywords is not None and _faq_keywords(entry.get("keywords")) != keywords:
        rendered["keywords"] = texts_item(keywords, "keywords").as_string()
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
    lines.replace_entry(arr, index, tomlkit.value("{" + pad + ", ".join(f"{k} = {v}" for k, v in pairs) + pad + "}"))
    return True


def add_faq_entry(doc: TOMLDocument, pid: str, keywords: Sequence[str], answer: Sequence[str] | str) -> None:
    """Append an FAQ entry (a [[faq]] table, or an inline table when the file writes them so)."""
    lines, _ = faq_list(doc, pid)
    new_keywords = _faq_check_keywords(keywords)
    new_answer = _faq_check_answer(answer)
    value = doc.get("faq")
    if isinstance(value, Array):
        pad = " " if lines.spaced(value) else ""
        text = (f"{{{pad}keywords = {texts_item(new_keywords, 'keywords').as_string()}, "
                f"answer = {_faq_answer_item(new_answer, None).as_string()}{pad}}}")
        item = tomlkit.value(text)
        if lines.multiline(value) and len(value):
            value.append(item)
        else:
            lines.rebuild(value, [e.as_string().strip() for e in value] + [item.as_string()])
        return
    table = tomlkit.table()
    table["keywords"] = texts_item(new_keywords, "keywords")
    table["answer"] = _faq_answer_item(new_answer, None)
    if value is None:
        aot = tomlkit.aot()
        aot.append(table)
        doc["faq"] = aot
        return
    before = list(value)
    value.append(table)
    tidy_aot(value, before)


def remove_faq_entry(doc: TOMLDocument, pid: str, index: int) -> None:
    """Remove FAQ entry `index` (0-based)."""
    lines, entries = faq_list(doc, pid)
    if not 0 <= index < len(entries):
        raise EditError(f"the FAQ of '{pid}' has no entry {index + 1} (it has {len(entries)})")
    last = isinstance(entries[index], Table) and index == len(entries) - 1 and index > 0
    tight_end = last and not ends_blank(entries[index])
    lines.remove(index)
    if tight_end and ends_blank(entries[index - 1]):
        entries[index - 1].value.body.pop()  # the new last table ends as the removed one did


def set_answer_approval(doc: TOMLDocument, pid: str, index: int, line: int, approved: list[str] | None) -> bool:
    """Set (None: remove) the approved terms of answer line `line` of FAQ entry `index`."""
    _, entries = faq_list(doc, pid)
    if not 0 <= index < len(entries):
        raise EditError(f"the FAQ of '{pid}' has no entry {index + 1} (it has {len(entries)})")
    if not isinstance(entries[index], Table):
        raise EditError(f"FAQ entry {index + 1} of '{pid}' is written inline; write it as a [[faq]] "
                        "table to approve its answer here")
    answers = LineList(entries[index], "answer", f"the answer of FAQ entry {index + 1}")
    return answers.set(line, {APPROVED: approved})


def _faq_keywords(value: object) -> list[str]:
    value = unwrap(value)
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value] if isinstance(value, list) else []


def _faq_answer(value: object) -> list[str]:
    value = unwrap(value)
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
            cues = {k: unwrap(v) for k, v in olds[i].items() if k != "text" and k in LINE_VALUE_KEYS}
        parts.append(render_entry(text, cues, True).as_string())
    return tomlkit.value("[" + ", ".join(parts) + "]")
