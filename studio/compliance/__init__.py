"""Compliance guard, a pure matcher on text: advertising-law wording, AI-disclosure words. Qt-free.

`Checker().check(text, language)` finds risky terms with spans into the text; `parse_word_lists`
reads `[compliance]` from show.toml into word lists. It knows nothing of shows: studio.checks
applies it to a show's lines (`check_wording`) and its label (`disclosure_problems`). The
matcher loads lazily, so the show loader may import the word-list types cheaply.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from studio.compliance.lexicon import Basis, Category, Level, Lexicon, LexiconError, Term, load_lexicon
from studio.compliance.wordlists import DenyTerm, ShowWordLists, parse_word_lists

if TYPE_CHECKING:
    from studio.compliance.checker import Checker, Finding, MatchForm

_LAZY = {
    "Checker": "studio.compliance.checker",
    "Finding": "studio.compliance.checker",
    "MatchForm": "studio.compliance.checker",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'studio.compliance' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


__all__ = [
    "Basis", "Category", "Checker", "DenyTerm", "Finding", "Level", "Lexicon", "LexiconError",
    "MatchForm", "ShowWordLists", "Term", "load_lexicon", "parse_word_lists",
]
