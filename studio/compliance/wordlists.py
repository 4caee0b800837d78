"""A show's own word lists (`[compliance]` in show.toml): terms it allows, terms it adds, and
whether warning-level wording needs the operator's approval before it airs.

Plain values, validated here through the located-TOML reader of the file they are in (the show
loader passes its reader of show.toml), so problems are worded and located as the loader's own;
nothing here imports `studio.show` or the matcher's tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from studio.compliance.lexicon import Level, load_catalog
from studio.compliance.normalize import is_separator
from studio.core.problems import did_you_mean
from studio.core.toml import KeyPath, TomlReader
from studio.core.toml import describe_value as _kind

COMPLIANCE_KEYS = {"allow", "deny", "warnings"}
DENY_KEYS = {"term", "category", "severity", "basis", "rewrite"}
CUSTOM_CATEGORY = "custom"
SHOW_DENY_BASIS = "show-deny"
MAX_TERM_LENGTH = 50
# `warnings`: what happens on air to a line whose only findings are warnings (全球首发, 万能…).
WARNINGS_APPROVE = "approve"  # strict, the default: it airs once the operator approved its wording
WARNINGS_ALLOW = "allow"  # it airs as written (the operator watches the show, or takes the risk)
WARNING_POLICIES = (WARNINGS_APPROVE, WARNINGS_ALLOW)


@dataclass(frozen=True)
class DenyTerm:
    """A term the show adds to the lexicon (or re-rates, when the lexicon has it too)."""

    term: str
    category: str = CUSTOM_CATEGORY
    severity: Level = Level.BLOCK
    basis: str = ""  # a catalog basis id, or the operator's own citation; "" = the show's deny list
    rewrite: str = ""


@dataclass(frozen=True)
class ShowWordLists:
    """The show's allow list (terms or phrases never flagged), deny list (terms added) and
    warning policy (`approve`: warning wording airs only once approved; `allow`: it airs)."""

    allow: tuple[str, ...] = ()
    deny: tuple[DenyTerm, ...] = ()
    warnings: str = WARNINGS_APPROVE

    @property
    def needs_approval(self) -> bool:
        """True when warning-level wording is skipped on air until the operator approves it."""
        return self.warnings == WARNINGS_APPROVE


def _term_text(value: object, path: KeyPath, reader: TomlReader, what: str) -> str | None:
    if not isinstance(value, str):
        reader.error(path, f"{what} must be text, got {_kind(value)}", 'write it in quotes: "…"')
        return None
    text = value.strip()
    if not text:
        reader.error(path, f"empty {what}", "remove it, or write the word")
        return None
    if all(is_separator(c) for c in text):
        reader.error(path, f"'{text}' has no letters or characters to match", "write a word, not only punctuation")
        return None
    if len(text) > MAX_TERM_LENGTH:
        reader.error(path, f"the {what} is {len(text)} characters long; at most {MAX_TERM_LENGTH}",
              "list the risky word itself, not a whole sentence")
        return None
    return text


def _deny_entry(item: object, path: KeyPath, reader: TomlReader) -> DenyTerm | None:
    if isinstance(item, str):
        text = _term_text(item, path, reader, "deny term")
        return DenyTerm(text) if text is not None else None
    if not isinstance(item, dict):
        reader.error(path, f"a deny entry must be text or a table, got {_kind(item)}",
              'write "词" or { term = "词", severity = "warn" }')
        return None
    reader.check_keys(item, path, DENY_KEYS)
    if "term" not in item:
        reader.error(path + ("term",), "a deny entry needs a term", '{ term = "词" }')
        return None
    text = _term_text(item["term"], path + ("term",), reader, "deny term")
    if text is None:
        return None
    catalog = load_catalog()
    category = item.get("category", CUSTOM_CATEGORY)
    if not isinstance(category, str) or category not in catalog.categories:
        shown = category if isinstance(category, str) else _kind(category)
        reader.error(path + ("category",), f"unknown category '{shown}'",
              did_you_mean(str(category), catalog.categories) or
              "expected one of: " + ", ".join(sorted(catalog.categories)))
        category = CUSTOM_CATEGORY
    severity = Level.BLOCK
    if "severity" in item:
        raw = item["severity"]
        try:
            severity = Level(raw)
        except ValueError:
            reader.error(path + ("severity",), f"severity must be \"block\" or \"warn\", got {raw!r}",
                  "block: the line must not be spoken; warn: it needs a look")
    basis = item.get("basis", "")
    if not isinstance(basis, str):
        reader.error(path + ("basis",), f"basis must be text, got {_kind(basis)}",
              'cite the rule, e.g. basis = "平台规则：禁止提及竞品"')
        basis = ""
    rewrite = item.get("rewrite", "")
    if not isinstance(rewrite, str):
        reader.error(path + ("rewrite",), f"rewrite must be text, got {_kind(rewrite)}", 'rewrite = "很推荐"')
        rewrite = ""
    return DenyTerm(text, category, severity, basis.strip(), rewrite.strip())


def parse_word_lists(table: Any, reader: TomlReader, path: KeyPath = ("compliance",)) -> ShowWordLists:
    """Validate the raw `[compliance]` table; problems go to `reader` with key paths under `path`.

    Never raises for bad input: unusable entries are reported and left out.
    """
    if table is None:
        return ShowWordLists()
    if not isinstance(table, dict):
        reader.error(path, f"must be a table, got {_kind(table)}",
              "write [compliance] with allow = [\"…\"] and deny = [\"…\"] below it")
        return ShowWordLists()
    reader.check_keys(table, path, COMPLIANCE_KEYS)
    allow: list[str] = []
    raw_allow = table.get("allow", [])
    if isinstance(raw_allow, str):
        raw_allow = [raw_allow]
    if not isinstance(raw_allow, list):
        reader.error(path + ("allow",), f"must be a list of texts, got {_kind(raw_allow)}", 'allow = ["第一", "首发"]')
        raw_allow = []
    seen_allow: set[str] = set()
    for i, item in enumerate(raw_allow):
        text = _term_text(item, path + ("allow", i), reader, "allow entry")
        if text is None:
            continue
        if text in seen_allow:
            reader.warn(path + ("allow", i), f"'{text}' is listed twice", "remove the repeat")
            continue
        seen_allow.add(text)
        allow.append(text)
    deny: list[DenyTerm] = []
    raw_deny = table.get("deny", [])
    if isinstance(raw_deny, str | dict):
        raw_deny = [raw_deny]
    if not isinstance(raw_deny, list):
        reader.error(path + ("deny",), f"must be a list, got {_kind(raw_deny)}",
              'deny = ["词", { term = "词", severity = "warn" }]')
        raw_deny = []
    seen_deny: set[str] = set()
    for i, item in enumerate(raw_deny):
        entry = _deny_entry(item, path + ("deny", i), reader)
        if entry is None:
            continue
        if entry.term in seen_deny:
            reader.warn(path + ("deny", i), f"'{entry.term}' is listed twice; the first entry is used",
                 "remove the repeat")
            continue
        if entry.term in seen_allow:
            reader.warn(path + ("deny", i), f"'{entry.term}' is both allowed and denied; deny wins",
                 "remove it from one of the lists")
        seen_deny.add(entry.term)
        deny.append(entry)
    warnings = _warning_policy(table.get("warnings", WARNINGS_APPROVE), path + ("warnings",), reader)
    return ShowWordLists(tuple(a for a in allow if a not in seen_deny), tuple(deny), warnings)


def _warning_policy(value: object, path: KeyPath, reader: TomlReader) -> str:
    """`warnings = "approve"` (the default) or `"allow"`; anything else is an error and stays strict."""
    if isinstance(value, str) and value.strip().lower() in WARNING_POLICIES:
        return value.strip().lower()
    shown = f"'{value}'" if isinstance(value, str) else _kind(value)
    guess = did_you_mean(value.strip().lower(), WARNING_POLICIES) if isinstance(value, str) else ""
    reader.error(path, f'warnings must be "approve" or "allow", got {shown}',
          (guess + " — " if guess.startswith("did") else "")
          + "approve: warning wording airs only once approved; allow: it airs as written")
    return WARNINGS_APPROVE
