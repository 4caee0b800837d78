"""Located problems found in operator input (show files, avatar packs…), for people and tools."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    """How bad a problem is: errors stop a show from loading, warnings do not, notes only inform
    (wording the operator approved, say, listed so it stays visible)."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in operator input, with where it is and what to do about it."""

    severity: Severity
    file: str  # relative to the show (or pack) folder, '/'-separated
    line: int | None
    key: str  # dotted key path such as "pitch[2].gesture", or "" for the whole file
    message: str
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self) -> str:
        """`file:line: error: key: message (hint)` — the form compilers and editors understand."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        text = f"{where}: {self.severity.value}: "
        if self.key:
            text += f"{self.key}: "
        text += self.message
        if self.hint:
            text += f" ({self.hint})"
        return text

    def to_json(self) -> dict[str, object]:
        return {
            "severity": self.severity.value,
            "file": self.file,
            "line": self.line,
            "key": self.key,
            "message": self.message,
            "hint": self.hint,
        }


class ProblemReport:
    """What a validator returns besides its result: `problems`, split into errors and warnings."""

    problems: tuple[Problem, ...]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def notes(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.NOTE]


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The known word an unknown one most likely meant, or None when nothing is close."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest known word, or listing the choices when none is close."""
    options = sorted(set(choices))
    best = closest(word, options)
    if best is not None:
        return f"did you mean '{best}'?"
    if len(options) <= 12:
        return "expected one of: " + ", ".join(options)
    return ""


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in reading order: by file, then line, errors before warnings before notes on a line."""
    rank = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}
    return sorted(problems, key=lambda p: (p.file, p.line if p.line is not None else 0, rank[p.severity]))
