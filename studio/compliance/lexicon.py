"""The compliance lexicon: risky terms with category, severity, legal basis and rewrite, from data files.

The data lives in `studio/compliance/data/*.toml` (format: docs/compliance.md). Loading is strict:
a malformed entry is a bug in studio, not operator input, so it raises `LexiconError` naming the
file and entry. Nothing heavy is imported here, so `studio.show` can use the word-list types
without paying for the matcher's tables.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from importlib import resources
from typing import Any

DATA_PACKAGE = "studio.compliance"
DATA_DIR = "data"
CATALOG_FILE = "catalog.toml"
WORDS_FILE = "words.toml"  # common words for the same-sound guard (phonetic.py), not terms

TERM_KEYS = {"text", "severity", "basis", "rewrite", "unless", "unless_re", "homophones", "note"}
FILE_KEYS = {"category", "severity", "basis", "homophones", "term"}


class Level(str, Enum):
    """What a finding means for the show: `block` lines must not be spoken, `warn` lines need a look."""

    BLOCK = "block"
    WARN = "warn"


class LexiconError(ValueError):
    """A lexicon data file that cannot be used (a bug in studio's data, not in a show)."""


@dataclass(frozen=True)
class Basis:
    """A legal basis a term is banned or risky under, with the penalty an operator faces."""

    id: str
    citation: str  # e.g. 《广告法》第九条第（三）项
    summary: str  # what the provision forbids, in one sentence
    penalty: str = ""  # e.g. 第五十七条：二十万元以上一百万元以下罚款
    english: str = ""  # the same in English, for English-speaking operators

    @property
    def text(self) -> str:
        """Citation and penalty in one line, as messages show it."""
        return f"{self.citation}；{self.penalty}" if self.penalty else self.citation


@dataclass(frozen=True)
class Category:
    """A kind of risky wording (absolute terms, medical claims…)."""

    id: str
    title: str  # Chinese and English title, e.g. "绝对化用语 / absolute term"
    description: str = ""


@dataclass(frozen=True)
class Term:
    """One risky term and everything the checker needs to know about it."""

    text: str  # as written in the lexicon (or the show's deny list)
    category: str
    severity: Level
    basis: Basis
    rewrite: str = ""
    unless: tuple[str, ...] = ()  # context phrases in which the term is no claim (第一步 for 第一)
    unless_re: tuple[str, ...] = ()  # the same as regular expressions over normalised text
    homophones: bool = False  # also flag same-sound characters (醉佳 for 最佳)
    source: str = ""  # the data file (or "show.toml") the term comes from
    # Same-sound matches need no ordinary word around the swapped character (各地一样 is no 第一):
    # set for terms whose file switches homophones on for every entry, unvetted one by one.
    homophone_guard: bool = False


@dataclass(frozen=True)
class Catalog:
    """The categories and legal bases terms refer to."""

    categories: Mapping[str, Category]
    bases: Mapping[str, Basis]

    def category(self, category_id: str) -> Category:
        return self.categories[category_id]

    def basis(self, basis_id: str) -> Basis:
        return self.bases[basis_id]


@dataclass(frozen=True)
class Lexicon:
    """Every term studio knows, with the catalog that explains them."""

    catalog: Catalog
    terms: tuple[Term, ...] = field(default=())

    def with_terms(self, extra: Iterable[Term]) -> Lexicon:
        """A lexicon with `extra` terms added; an extra term replaces a built-in one of the same text."""
        extra = tuple(extra)
        replaced = {t.text for t in extra}
        return Lexicon(self.catalog, tuple(t for t in self.terms if t.text not in replaced) + extra)


def _data_files() -> list[tuple[str, str]]:
    """(name, text) of every data file, sorted by name, read through importlib.resources."""
    base = resources.files(DATA_PACKAGE) / DATA_DIR
    out = []
    for entry in base.iterdir():
        if entry.name.endswith(".toml"):
            out.append((entry.name, entry.read_text(encoding="utf-8")))
    return sorted(out)


def _parse(name: str, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{name}: {exc}") from None


def _need_str(value: object, where: str, *, allow_empty: bool = False) -> str:
    if not isinstance(value, str) or (not allow_empty and not value.strip()):
        raise LexiconError(f"{where}: must be non-empty text, got {value!r}")
    return value.strip()


def _str_list(value: object, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise LexiconError(f"{where}: must be a list of non-empty texts, got {value!r}")
    return tuple(v.strip() for v in value)


def parse_catalog(name: str, text: str) -> Catalog:
    """The catalog file: `[category.<id>]` and `[basis.<id>]` tables."""
    data = _parse(name, text)
    unknown = set(data) - {"category", "basis"}
    if unknown:
        raise LexiconError(f"{name}: unknown tables {sorted(unknown)}")
    categories: dict[str, Category] = {}
    for cid, body in data.get("category", {}).items():
        where = f"{name}: category.{cid}"
        if not isinstance(body, dict) or set(body) - {"title", "description"}:
            raise LexiconError(f"{where}: expected title and description")
        categories[cid] = Category(cid, _need_str(body.get("title"), where + ".title"),
                                   _need_str(body.get("description", ""), where, allow_empty=True))
    bases: dict[str, Basis] = {}
    for bid, body in data.get("basis", {}).items():
        where = f"{name}: basis.{bid}"
        if not isinstance(body, dict) or set(body) - {"citation", "summary", "penalty", "english"}:
            raise LexiconError(f"{where}: expected citation, summary, penalty, english")
        bases[bid] = Basis(
            bid,
            _need_str(body.get("citation"), where + ".citation"),
            _need_str(body.get("summary"), where + ".summary"),
            _need_str(body.get("penalty", ""), where + ".penalty", allow_empty=True),
            _need_str(body.get("english", ""), where + ".english", allow_empty=True),
        )
    if not categories or not bases:
        raise LexiconError(f"{name}: needs at least one category and one basis")
    return Catalog(categories, bases)


def parse_terms(name: str, text: str, catalog: Catalog) -> list[Term]:
    """A term file: a top-level category, default severity and basis, and `[[term]]` entries."""
    data = _parse(name, text)
    unknown = set(data) - FILE_KEYS
    if unknown:
        raise LexiconError(f"{name}: unknown keys {sorted(unknown)}")
    category = _need_str(data.get("category"), f"{name}: category")
    if category not in catalog.categories:
        raise LexiconError(f"{name}: unknown category {category!r}")
    default_severity = data.get("severity", "block")
    default_basis = data.get("basis")
    default_homophones = data.get("homophones", False)
    if not isinstance(default_homophones, bool):
        raise LexiconError(f"{name}: homophones must be true or false")
    entries = data.get("term")
    if not isinstance(entries, list) or not entries:
        raise LexiconError(f"{name}: no [[term]] entries")
    out: list[Term] = []
    for i, entry in enumerate(entries):
        where = f"{name}: term[{i}]"
        if not isinstance(entry, dict):
            raise LexiconError(f"{where}: must be a table")
        extra = set(entry) - TERM_KEYS
        if extra:
            raise LexiconError(f"{where}: unknown keys {sorted(extra)}")
        texts = _str_list(entry.get("text"), where + ".text")
        severity_name = entry.get("severity", default_severity)
        try:
            severity = Level(severity_name)
        except ValueError:
            raise LexiconError(f"{where}: severity must be block or warn, got {severity_name!r}") from None
        basis_id = entry.get("basis", default_basis)
        if not isinstance(basis_id, str) or basis_id not in catalog.bases:
            raise LexiconError(f"{where}: unknown basis {basis_id!r}")
        rewrite = entry.get("rewrite", "")
        if not isinstance(rewrite, str):
            raise LexiconError(f"{where}: rewrite must be text")
        unless = _str_list(entry.get("unless", []), where + ".unless")
        unless_re = _str_list(entry.get("unless_re", []), where + ".unless_re")
        for pattern in unless_re:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise LexiconError(f"{where}: unless_re {pattern!r}: {exc}") from None
        homophones = entry.get("homophones", default_homophones)
        guarded = "homophones" not in entry and homophones
        if not isinstance(homophones, bool):
            raise LexiconError(f"{where}: homophones must be true or false")
        note = entry.get("note", "")
        if not isinstance(note, str):
            raise LexiconError(f"{where}: note must be text")
        for t in texts:
            out.append(Term(t, category, severity, catalog.bases[basis_id], rewrite.strip(),
                            unless, unless_re, homophones, name, guarded))
    return out


@lru_cache(maxsize=1)
def load_catalog() -> Catalog:
    """The bundled categories and legal bases (cheap: one small file)."""
    base = resources.files(DATA_PACKAGE) / DATA_DIR / CATALOG_FILE
    return parse_catalog(CATALOG_FILE, base.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The bundled lexicon: every term file in the data folder."""
    catalog = load_catalog()
    terms: list[Term] = []
    seen: dict[str, str] = {}
    for name, text in _data_files():
        if name in (CATALOG_FILE, WORDS_FILE):
            continue
        for term in parse_terms(name, text, catalog):
            if term.text in seen:
                raise LexiconError(f"{name}: {term.text!r} is also listed in {seen[term.text]}")
            seen[term.text] = name
            terms.append(term)
    return Lexicon(catalog, tuple(terms))
