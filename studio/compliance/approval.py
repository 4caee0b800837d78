"""Approved wording: which findings keep a spoken line off air, and how to say why.

A `block` finding always keeps a line off air. A `warn` finding (全球首发, 首家, 万能, 永久, 绝对…)
is a claim that may be true; with `[compliance] warnings = "approve"` (the default) the line airs
only once the operator approved that term for that line (`approved = ["全球首发"]` in the line's
table), and with `warnings = "allow"` it airs as written. Terms inside the product's name or link,
which lines speak through {name} and {link}, are approved once for the product (`approved` at the
top of its file). Approvals name terms and are compared folded (width, case, traditional forms),
so an edit that brings in a new warning term needs a new approval; see docs/compliance.md.
This module judges text against approvals; studio.checks.approval applies it to a show's lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from studio.compliance.checker import Checker, Finding
from studio.compliance.normalize import fold
from studio.compliance.wordlists import WARNINGS_APPROVE

UNAPPROVED = "unapproved warning"  # how as-run records and logs name the reason
# (value spoken through a variable, the terms approved for it): the product's name and link
Field = tuple[str, Sequence[str]]


def approval_keys(approved: Iterable[str]) -> frozenset[str]:
    """Approved terms as they are compared: folded, so 全球首發 and ＱＵＡＮ… approve alike."""
    return frozenset(k for k in (fold(a) for a in approved) if k)


def is_approved(finding: Finding, keys: frozenset[str]) -> bool:
    """True when `keys` name the finding's term (or the text as written, e.g. a pinyin spelling)."""
    return fold(finding.term) in keys or fold(finding.matched_text) in keys


@dataclass(frozen=True)
class Verdict:
    """A spoken line's findings, sorted by what they mean on air."""

    blocked: tuple[Finding, ...] = ()  # must not be said
    unapproved: tuple[Finding, ...] = ()  # warnings in the line nobody approved: skipped on air
    approved: tuple[Finding, ...] = ()  # warnings the operator approved: airs
    allowed: tuple[Finding, ...] = ()  # warnings the show lets air without approval
    unapproved_fields: tuple[Finding, ...] = ()  # the same, inside the product's name or link

    @property
    def airs(self) -> bool:
        """True when nothing keeps the line off air."""
        return not self.blocked and not self.unapproved and not self.unapproved_fields


def _spans(text: str, value: str) -> list[tuple[int, int]]:
    """Where `value` occurs in `text` (every occurrence, overlapping ones too)."""
    out: list[tuple[int, int]] = []
    if not value:
        return out
    at = text.find(value)
    while at >= 0:
        out.append((at, at + len(value)))
        at = text.find(value, at + 1)
    return out


def judge(checker: Checker, text: str, language: str, approved: Iterable[str] = (), *,
          policy: str = WARNINGS_APPROVE, fields: Sequence[Field] = ()) -> Verdict:
    """Check `text` and sort its findings; a warning wholly inside a `fields` value is judged by
    that field's approvals, any other by `approved` (the line's)."""
    findings = checker.check(text, language)
    if not findings:
        return Verdict()
    blocked = tuple(f for f in findings if f.blocks)
    warnings = [f for f in findings if not f.blocks]
    if policy != WARNINGS_APPROVE:
        return Verdict(blocked, allowed=tuple(warnings))
    line_keys = approval_keys(approved)
    borrowed = [(_spans(text, value), approval_keys(keys)) for value, keys in fields if value]
    ok: list[Finding] = []
    held: list[Finding] = []
    held_fields: list[Finding] = []
    for f in warnings:
        keys, unapproved = line_keys, held
        for spans, field_keys in borrowed:
            if any(s <= f.start and f.end <= e for s, e in spans):
                keys, unapproved = field_keys, held_fields
                break
        (ok if is_approved(f, keys) else unapproved).append(f)
    return Verdict(blocked, tuple(held), tuple(ok), unapproved_fields=tuple(held_fields))


__all__ = ["UNAPPROVED", "Field", "Verdict", "approval_keys", "is_approved", "judge"]
