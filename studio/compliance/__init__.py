"""Compliance guard: advertising-law wording, AI disclosure and per-show word lists. Qt-free.

`Checker().check(text, language)` finds risky terms with spans into the text; `check_show(show,
lists)` turns a whole show into located problems; `parse_word_lists` reads `[compliance]` from
show.toml. Show-dependent names load lazily, so `studio.show` may import the word-list types
without importing itself back through this package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from studio.compliance.lexicon import Basis, Category, Level, Lexicon, LexiconError, Term, load_lexicon
from studio.compliance.wordlists import DenyTerm, ShowWordLists, parse_word_lists

if TYPE_CHECKING:
    from studio.compliance.checker import Checker, Finding, MatchForm
    from studio.compliance.disclosure import DisclosureLabels, disclosure_labels
    from studio.compliance.show_check import check_show

_LAZY = {
    "Checker": "studio.compliance.checker",
    "Finding": "studio.compliance.checker",
    "MatchForm": "studio.compliance.checker",
    "check_show": "studio.compliance.show_check",
    "DisclosureLabels": "studio.compliance.disclosure",
    "disclosure_labels": "studio.compliance.disclosure",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'studio.compliance' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


__all__ = [
    "Basis", "Category", "Checker", "DenyTerm", "DisclosureLabels", "Finding", "Level", "Lexicon",
    "LexiconError", "MatchForm", "ShowWordLists", "Term", "check_show", "disclosure_labels",
    "load_lexicon", "parse_word_lists",
]
