"""Reading lists of lines (pitch, FAQ answers, filler): text, template, variables, cues, approvals."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from studio.core.problems import closest, did_you_mean
from studio.core.toml import KeyPath
from studio.core.toml import describe_value as _kind
from studio.show.load.files import LANGUAGE_TAG, ShowFile
from studio.core.vocab import CardMode
from studio.show.model import CARD_ACTIONS, EXPRESSIONS, GESTURES, FaqEntry, Line
from studio.show.templates import Template, TemplateError
from studio.show.variables import SHOW_VARIABLES, VARIABLES

LINE_KEYS = {"text", "expression", "gesture", "card", "pause", "language", "approved"}
MAX_APPROVAL_LENGTH = 50  # an approval names a term ("全球首发"), not a sentence
FAQ_KEYS = {"keywords", "answer"}


def read_lines(f: ShowFile, value: Any, path: KeyPath, id_prefix: str, language: str,
           variables: set[str], context: str | None) -> tuple[Line, ...]:
    """A list of line entries (strings or tables with cues)."""
    if value is None:
        return ()
    if isinstance(value, str | dict):
        value = [value]
    if not isinstance(value, list):
        f.error(path, f"must be a list of lines, got {_kind(value)}", 'write ["first line", "second line"]')
        return ()
    out = []
    for i, entry in enumerate(value):
        line = _line(f, entry, path + (i,), f"{id_prefix}/{i + 1}", variables, context)
        if line is not None:
            out.append(line)
    return tuple(out)


def _line(f: ShowFile, entry: Any, path: KeyPath, line_id: str, variables: set[str],
          context: str | None) -> Line | None:
    cues: dict[str, Any] = {}
    if isinstance(entry, str):
        text = entry
    elif isinstance(entry, dict):
        f.check_keys(entry, path, LINE_KEYS)
        if "text" not in entry:
            f.error(path + ("text",), "a line needs text", 'write { text = "…", gesture = "point" }',
                    line=f.line(path))
            return None
        text = entry["text"]
        if not isinstance(text, str):
            f.error(path + ("text",), f"must be text, got {_kind(text)}")
            return None
        cues = entry
    else:
        f.error(path, f"a line must be text or a table, got {_kind(entry)}")
        return None
    text = f.clean(text.strip(), path)
    if not text:
        f.warn(path, "empty line is ignored")
        return None
    if len(text) > 2000:
        f.error(path, f"the line is {len(text)} characters long; at most 2000",
                "split it into several lines")
        return None
    try:
        template = Template.parse(text)
    except TemplateError as exc:
        f.error(path, f"{exc.message} (column {exc.column})", exc.hint)
        return None
    for var in template.variables():
        if var.name in variables:
            continue
        if var.name in VARIABLES:
            need = VARIABLES[var.name]
            if context is None:
                f.error(path, f"{{{var.name}}} needs a product; filler lines can only use "
                        + ", ".join("{" + v + "}" for v in SHOW_VARIABLES))
            else:
                f.error(path, f"{{{var.name}}} needs the product's {need}, which is missing"
                        + (" or not above the price" if need == "original_price" else ""),
                        f"set {need} in this file, or remove {{{var.name}}}")
        else:
            f.error(path, f"unknown variable {{{var.name}}}",
                    did_you_mean(var.name, VARIABLES) if closest(var.name, VARIABLES) else
                    "variables: " + ", ".join("{" + v + "}" for v in VARIABLES)
                    + "; write {{ and }} for literal braces")
    expression = _choice(f, cues, "expression", path, EXPRESSIONS)
    gesture = _choice(f, cues, "gesture", path, GESTURES)
    card_cue = _choice(f, cues, "card", path, CARD_ACTIONS)
    card = CardMode(card_cue) if card_cue else None
    pause = None
    if "pause" in cues:
        pause = f.number(cues, "pause", path, 0.0, 0.0, 60.0, " seconds")
    lang = None
    if "language" in cues:
        lang = f.string(cues, "language", path) or None
        if lang and not LANGUAGE_TAG.match(lang):
            f.error(path + ("language",), f"'{lang}' is not a language tag", "write en-US, zh-CN, …")
            lang = None
    approved = read_approvals(f, cues, path)
    return Line(line_id, template, expression, gesture, card, pause, lang, f.ref(path), approved)


def read_approvals(f: ShowFile, table: dict[str, Any], path: KeyPath) -> tuple[str, ...]:
    """`approved = ["全球首发"]`: the warning terms the operator approved (whether each is still
    in the text is for `studio check` to say, which knows the lexicon)."""
    raw = table.get("approved")
    if raw is None:
        return ()
    items = list(enumerate(raw)) if isinstance(raw, list) else [(None, raw)]
    if not isinstance(raw, list | str):
        f.error(path + ("approved",), f"must be a list of approved terms, got {_kind(raw)}",
                'write approved = ["全球首发"]')
        return ()
    out: list[str] = []
    for i, term in items:
        where = path + ("approved",) + (() if i is None else (i,))
        if not isinstance(term, str):
            f.error(where, f"an approval must be text, got {_kind(term)}", 'write approved = ["全球首发"]')
        elif not term.strip():
            f.warn(where, "empty approval is ignored", "remove it")
        elif len(term.strip()) > MAX_APPROVAL_LENGTH:
            f.error(where, f"the approval is {len(term.strip())} characters long; at most {MAX_APPROVAL_LENGTH}",
                    'list the approved term itself, e.g. approved = ["全球首发"]')
        elif term.strip() in out:
            f.warn(where, f"'{term.strip()}' is approved twice", "remove the repeat")
        else:
            out.append(term.strip())
    return tuple(out)


def _choice(f: ShowFile, table: dict[str, Any], key: str, path: KeyPath, choices: Iterable[str]) -> str | None:
    if key not in table:
        return None
    value = table[key]
    if not isinstance(value, str) or value not in choices:
        shown = value if isinstance(value, str) else _kind(value)
        f.error(path + (key,), f"unknown {key} '{shown}'",
                did_you_mean(str(value), choices) or "expected one of: " + ", ".join(choices))
        return None
    return value


def read_faq(f: ShowFile, d: dict[str, Any], pid: str, language: str, variables: set[str]) -> tuple[FaqEntry, ...]:
    """A product's `[[faq]]` entries: keywords to match comments, and the answer lines."""
    value = d.get("faq")
    if value is None:
        return ()
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        f.error(("faq",), f"must be a list of entries, got {_kind(value)}",
                'write [[faq]] tables with keywords = ["…"] and answer = "…"')
        return ()
    out = []
    for i, entry in enumerate(value):
        path: KeyPath = ("faq", i)
        if not isinstance(entry, dict):
            f.error(path, f"an FAQ entry must be a table, got {_kind(entry)}")
            continue
        f.check_keys(entry, path, FAQ_KEYS)
        keywords = f.strings(entry, "keywords", path, shown=True)  # comments arrive cleaned: match them
        if not keywords:
            f.error(path + ("keywords",), "an FAQ entry needs keywords", 'keywords = ["多少钱", "价格"]',
                    line=f.line(path))
        if "answer" not in entry:
            f.error(path + ("answer",), "an FAQ entry needs an answer", line=f.line(path))
            continue
        answer = read_lines(f, entry["answer"], path + ("answer",), f"{pid}/faq{i + 1}", language,
                        variables, "faq")
        if keywords and answer:
            out.append(FaqEntry(keywords, answer, f.ref(path)))
    return tuple(out)
