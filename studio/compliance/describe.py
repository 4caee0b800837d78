"""How a finding is told to people: what matched and how, its category, verdict and legal basis.

`studio check`, the CSV import and the console word the same finding the same way, so the texts
live here, beside the matcher whose findings they describe.
"""

from __future__ import annotations

from studio.compliance.checker import Checker, Finding, MatchForm
from studio.compliance.lexicon import Level


def describe(f: Finding, checker: Checker, verdict: str | None = None) -> str:
    """'zui佳' ('最佳' in pinyin): 绝对化用语 / absolute term, must not be said — 《广告法》…"""
    category = checker.lexicon.catalog.categories.get(f.category)
    title = category.title if category is not None else f.category
    if f.form is MatchForm.PINYIN:
        what = f"'{f.matched_text}' ('{f.term}' in pinyin)"
    elif f.form is MatchForm.HOMOPHONE:
        what = f"'{f.matched_text}' (sounds like '{f.term}')"
    elif f.form is MatchForm.DISGUISED:
        what = f"'{f.matched_text}' ('{f.term}' disguised)"
    elif f.matched_text != f.term:
        what = f"'{f.matched_text}' ('{f.term}')"
    else:
        what = f"'{f.term}'"
    if verdict is None:
        verdict = "must not be said" if f.severity is Level.BLOCK else "check it is true and allowed"
    return f"{what}: {title}, {verdict} — {f.basis}"


def rewrite_hint(f: Finding) -> str:
    """What to do about it: the suggested rewrite, and for a warning how to allow it."""
    parts = []
    if f.rewrite:
        parts.append(f"try: {f.rewrite}")
    if f.severity is Level.WARN:
        parts.append("if it is true and provable, add it to allow under [compliance] in show.toml")
    return "; ".join(parts)


__all__ = ["describe", "rewrite_hint"]
