"""Moderation of viewer text: clean it, shorten it, and refuse banned words in any disguise.

Viewer text is hostile input: it may carry control, zero-width or bidirectional characters that
hide words or reorder what the operator sees, stacks of combining marks, or megabytes of text.
`sanitize` makes it plain and short; `Moderator` decides whether a comment may be answered, using
the compliance `Checker` (the lexicon plus the show's deny and allow lists), which already sees
through width, case, spacing, traditional forms, pinyin and same-sound spellings. What a viewer
typed is never spoken; only their name may be, in the safe form `studio.chat.names` decides.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from studio.chat.names import NameRule
from studio.compliance.checker import Checker, Finding, is_chinese
from studio.compliance.wordlists import ShowWordLists

MAX_TEXT = 200  # characters kept of a comment: a live-room comment is rarely longer
_MAX_MARKS = 2  # combining marks kept after one base character ("Zalgo" text stacks dozens)
# Removed outright: controls, format characters (zero-width, bidi marks and isolates, BOM, tags),
# surrogates (a lone one from JSON cannot be encoded), private use and unassigned code points.
_REMOVED = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
_SPACES = frozenset({"Zs", "Zl", "Zp"})


def sanitize(text: str, max_length: int = MAX_TEXT) -> str:
    """NFKC-normalised `text` without control/zero-width/bidi characters, whitespace collapsed, capped."""
    # Cut before normalising: NFKC may expand a character many times, so bound the work first.
    text = unicodedata.normalize("NFKC", text[: max_length * 4])
    out: list[str] = []
    marks = 0
    space = False
    for ch in text:
        if ch in "\t\n\r\v\f":
            cat = "Zs"  # whitespace controls separate words: keep them as one space
        else:
            cat = unicodedata.category(ch)
        if cat in _REMOVED:
            continue
        if cat in _SPACES:
            space = bool(out)
            continue
        if cat in ("Mn", "Me"):
            marks += 1
            if marks > _MAX_MARKS or not out:
                continue
        else:
            marks = 0
        if space:
            out.append(" ")
            space = False
        out.append(ch)
        if len(out) >= max_length:
            break
    return "".join(out).strip()


def _speakable(ch: str) -> bool:
    """Letters and digits a text-to-speech voice says plainly: ASCII, CJK ideographs, kana, Hangul."""
    if ch.isascii():
        return ch.isalnum()
    cp = ord(ch)
    in_script = (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x3041 <= cp <= 0x30FA
                 or 0xAC00 <= cp <= 0xD7A3 or 0x20000 <= cp <= 0x2EBEF)
    # Unassigned code points inside those blocks (this Python's Unicode tables) are not letters.
    return in_script and ch.isalnum()


@dataclass(frozen=True)
class Verdict:
    """Whether a comment may be answered, and why not (for the as-run log)."""

    ok: bool
    reason: str = ""
    findings: tuple[Finding, ...] = ()


def describe(findings: list[Finding] | tuple[Finding, ...]) -> str:
    """Findings as one short phrase: "banned word '醉佳' (最佳, absolute)"."""
    parts = []
    for f in findings[:3]:
        same = f.matched_text.casefold() == f.term.casefold()
        parts.append(f"'{f.matched_text}' ({f.category})" if same
                     else f"'{f.matched_text}' ({f.term}, {f.category})")
    more = f" and {len(findings) - 3} more" if len(findings) > 3 else ""
    return "banned word " + ", ".join(parts) + more


class Moderator:
    """Judges viewer text with the compliance checker: lexicon, the show's deny list, pinyin and homophones."""

    def __init__(self, lists: ShowWordLists | None = None, language: str = "zh-CN",
                 checker: Checker | None = None, name_words: tuple[str, ...] = ()) -> None:
        self.checker = checker if checker is not None else Checker(lists=lists)
        self.language = language
        self.names = NameRule(self.checker, name_words)  # with the show's [chat] name_deny
        self.checker.check("预热", language)  # build the shared tables now, not on the first comment

    def check_language(self, text: str) -> str:
        """The language to check `text` as: Chinese (pinyin and homophones too) unless clearly not."""
        if is_chinese(self.language) or any(_speakable(c) and not c.isascii() for c in text):
            return "zh-CN"
        return self.language

    def blocking(self, text: str) -> list[Finding]:
        """The banned words in `text`, however written."""
        return self.checker.blocking(text, self.check_language(text))

    def judge(self, text: str) -> Verdict:
        """Ok, or not with the reason: empty, or the banned words found."""
        if not text:
            return Verdict(False, "empty after cleaning")
        findings = self.blocking(text)
        if findings:
            return Verdict(False, describe(findings), tuple(findings))
        return Verdict(True)

    def safe_name(self, name: str, language: str | None = None) -> str:
        """The name as the host may say it (in `language`, default the show's), else 朋友/friend."""
        return self.names.say(name, language or self.language)
