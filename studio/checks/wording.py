"""Check a whole show's wording: every spoken or shown line, with variables filled, across its variants.

`check_wording(show, lists)` runs the compliance matcher over the show and returns located
`Problem`s (file:line, key, message with the matched text, category and legal basis, hint with the
suggested rewrite): block terms are errors, warn terms warnings, a missing AI-disclosure label an
error. Lines are rendered with the product's variable values at a fixed moment and with every
combination of their `{a|b}` variants, up to a bound, enumerated deterministically; a term found
in several renderings of a line is reported once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from studio.checks.disclosure import disclosure_problems
from studio.compliance.approval import approval_keys, is_approved
from studio.compliance.checker import Checker, Finding
from studio.compliance.describe import describe, rewrite_hint
from studio.compliance.lexicon import Level
from studio.compliance.wordlists import ShowWordLists
from studio.core.problems import Problem, Severity, sort_problems
from studio.core.toml import KeyPath, TomlReadError, TomlSource, read_toml_file
from studio.show.model import Line, Show
from studio.show.templates import Template, Var
from studio.show.variables import product_variables, show_variables

SHOW_FILE = "show.toml"
# A fixed evening moment: {time} renders the same on every run, so checks are reproducible.
CHECK_MOMENT = datetime(2026, 2, 1, 20, 0)
MAX_RENDERINGS = 64
EXCERPT = 12  # characters of context shown on each side of a finding in a rendered line

_PITCH_ID = re.compile(r"/pitch/(\d+)$")
_FAQ_ID = re.compile(r"/faq(\d+)/(\d+)$")
_FILLER_ID = re.compile(r"^filler/(\d+)$")

Piece = tuple[str, str | None]  # (text, name of the variable it fills, or None for literal text)


@dataclass(frozen=True)
class Rendering:
    """One text a line can become, with the spans its variables filled."""

    text: str
    variables: tuple[tuple[int, int, str], ...] = ()  # (start, end, variable name)


def renderings(template: Template, values: Mapping[str, str], limit: int = MAX_RENDERINGS) -> list[Rendering]:
    """The texts a line can be spoken as: every variant combination when there are at most
    `limit`; otherwise every option at least once, then combinations in order up to `limit`."""
    out: list[Rendering] = []
    seen: set[str] = set()
    # Too many to try them all: every option is heard at least once first.
    for seq in template.expansions(limit, every_option=True):
        parts: list[str] = []
        spans: list[tuple[int, int, str]] = []
        pos = 0
        for n in seq:
            if isinstance(n, Var):
                value = values.get(n.name, "")
                spans.append((pos, pos + len(value), n.name))
            else:
                value = n
            parts.append(value)
            pos += len(value)
        text = "".join(parts)
        if text not in seen:
            seen.add(text)
            out.append(Rendering(text, tuple(spans)))
        if len(out) >= limit:
            break
    return out


class _Locator:
    """Finds the line of a key in a show file (the model keeps lines only for Line objects)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.sources: dict[str, TomlSource | None] = {}

    def line(self, rel: str, path: KeyPath) -> int | None:
        if rel not in self.sources:
            try:
                self.sources[rel] = read_toml_file(self.root / rel)
            except (TomlReadError, OSError):
                self.sources[rel] = None
        src = self.sources[rel]
        return src.line_of(path) if src is not None else None


def line_key(line: Line) -> str:
    """The TOML key of a line from its id: 'tea/pitch/3' → 'pitch[2]', 'tea/faq1/2' → 'faq[0].answer[1]'."""
    if m := _PITCH_ID.search(line.id):
        return f"pitch[{int(m.group(1)) - 1}]"
    if m := _FAQ_ID.search(line.id):
        return f"faq[{int(m.group(1)) - 1}].answer[{int(m.group(2)) - 1}]"
    if m := _FILLER_ID.search(line.id):
        return f"filler[{int(m.group(1)) - 1}]"
    return line.id


def _approve_hint(f: Finding, how: str) -> str:
    """How to let a warning term air: approve it (`how`), reword it, or allow it show-wide."""
    parts = [how]
    if f.rewrite:
        parts.append(f"or reword it: {f.rewrite}")
    return "; ".join(parts)


def _excerpt(text: str, f: Finding) -> str:
    left = max(0, f.start - EXCERPT)
    right = min(len(text), f.end + EXCERPT)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")


SKIPPED_UNTIL_APPROVED = "will be skipped on air until approved"
APPROVED = "approved: it airs as written"


class _Collector:
    """Turns findings into problems, once per (place, term); sorts warnings by approval."""

    def __init__(self, checker: Checker, needs_approval: bool) -> None:
        self.checker = checker
        self.needs_approval = needs_approval
        self.problems: list[Problem] = []
        self.seen: set[tuple[str, int | None, str, str]] = set()

    def add(self, f: Finding, file: str, line: int | None, key: str, context: str | None,
            approved: bool = False, gated: str | None = None) -> None:
        """Report `f`; `approved` lists it as approved wording; `gated` (how to approve) marks a
        warning that keeps its line off air until approved."""
        mark = (file, line, key, f.term)
        if mark in self.seen:
            return
        self.seen.add(mark)
        severity = Severity.ERROR if f.severity is Level.BLOCK else Severity.WARNING
        hint = rewrite_hint(f)
        verdict = None
        if f.severity is Level.WARN and approved:
            severity, verdict, hint = Severity.NOTE, APPROVED, ""
        elif f.severity is Level.WARN and gated is not None:
            verdict = f"check it is true and allowed; {SKIPPED_UNTIL_APPROVED}"
            hint = _approve_hint(f, gated)
        message = describe(f, self.checker, verdict)
        if context is not None:
            message += f" (in “{context}”)"
        self.problems.append(Problem(severity, file, line, key, message, hint))

    def text(self, text: str, language: str, file: str, line: int | None, key: str,
             approvals: frozenset[str] = frozenset(), spoken: bool = False) -> list[Finding]:
        """A shown field; `spoken` ones (name, link) gate the lines that say them."""
        found = self.checker.check(text, language)
        for f in found:
            gated = None
            if spoken and self.needs_approval:
                gated = (f'lines that say {{{key}}} are skipped until then: approve it with '
                         f'approved = ["{f.term}"] at the top of {file}')
            self.add(f, file, line, key, None, is_approved(f, approvals), gated)
        return found

    def line(self, line: Line, values: Mapping[str, str], language: str, limit: int) -> None:
        file, number = line.source.file, line.source.line
        key = line_key(line)
        language = line.language or language
        plain = not line.template.variables() and line.template.variant_count() == 1
        approvals = approval_keys(line.approved)
        found: list[Finding] = []
        for r in renderings(line.template, values, limit):
            for f in self.checker.check(r.text, language):
                # A term wholly inside a filled-in value belongs to that value's own field
                # (the product name, the link), which is checked, and reported, once.
                if any(s <= f.start and f.end <= e for s, e, _ in r.variables):
                    continue
                found.append(f)
                how = (f"approve it in the console (right-click the underline: Approve wording) or "
                       f'with approved = ["{f.term}"] in {key}' if self.needs_approval else None)
                self.add(f, file, number, key, None if plain else _excerpt(r.text, f),
                         is_approved(f, approvals), how)
        self.stale(line.approved, found, file, number, key + ".approved", "the line does not say it")

    def stale(self, approved: tuple[str, ...], found: list[Finding], file: str, line: int | None,
              key: str, absent: str) -> None:
        """Approvals that name no warning the text says: left over from an earlier wording."""
        for term in approved:
            keys = approval_keys((term,))
            matching = [f for f in found if is_approved(f, keys)]
            if not matching:
                self.problems.append(Problem(
                    Severity.WARNING, file, line, key,
                    f"'{term}' is approved, but {absent} (a stale approval)",
                    f"remove '{term}' from approved"))
            elif all(f.blocks for f in matching):
                self.problems.append(Problem(
                    Severity.WARNING, file, line, key,
                    f"'{term}' is approved, but it must not be said: an approval cannot put it on air",
                    f"reword the line and remove '{term}' from approved"))


def check_wording(show: Show, lists: ShowWordLists | None = None, *, checker: Checker | None = None,
               now: datetime = CHECK_MOMENT, max_renderings: int = MAX_RENDERINGS) -> list[Problem]:
    """Every compliance problem in `show`, in reading order.

    Checks the AI-disclosure label, ticker lines, filler lines, each product's name, selling
    points and link, pitch lines and FAQ answers. Pass `checker` to reuse one across calls
    (it must have been built with the same `lists`).
    """
    checker = checker if checker is not None else Checker(lists=lists)
    locate = _Locator(show.root)
    out = _Collector(checker, (lists if lists is not None else show.compliance).needs_approval)
    problems: list[Problem] = list(disclosure_problems(show, locate.line(SHOW_FILE, ("disclosure",))))

    for i, text in enumerate(show.ticker):
        out.text(text, show.language, SHOW_FILE, locate.line(SHOW_FILE, ("ticker", i)), f"ticker[{i}]")
    filler_values = show_variables(now)
    for line in show.filler:
        out.line(line, filler_values, show.language, max_renderings)

    for product in show.products:
        rel = product.source.file
        approvals = approval_keys(product.approved)
        fields = out.text(product.name, show.language, rel, locate.line(rel, ("name",)), "name",
                          approvals, spoken=True)
        for i, point in enumerate(product.selling_points):
            fields += out.text(point, show.language, rel, locate.line(rel, ("selling_points", i)),
                               f"selling_points[{i}]", approvals)
        if product.link:
            fields += out.text(product.link, show.language, rel, locate.line(rel, ("link",)), "link",
                               approvals, spoken=True)
        out.stale(product.approved, fields, rel, locate.line(rel, ("approved",)), "approved",
                  "no name, link or selling point says it")
        values_by_language: dict[str, dict[str, str]] = {}
        lines = list(product.pitch) + [a for entry in product.faq for a in entry.answer]
        for line in lines:
            language = line.language or show.language
            if language not in values_by_language:
                values_by_language[language] = product_variables(product, language, now)
            out.line(line, values_by_language[language], language, max_renderings)

    return sort_problems(problems + out.problems)
