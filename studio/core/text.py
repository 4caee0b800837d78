"""Characters that do not show as themselves: bidi controls, control characters, invisible fillers.

Show text (titles, lines, names…) and operator one-off lines reach the screen and the voice; a
U+202E RIGHT-TO-LEFT OVERRIDE reverses a caption on air, a zero-width space hides a banned word
from people, a Hangul filler makes a "blank" name. `find_hidden` lists such characters with
their names for located warnings; `strip_hidden` removes them. Both decide in one place, so the
loader, the planner and (later) chat moderation agree.

Kept on purpose, because they are part of what people write:
- a ZERO WIDTH JOINER between two emoji (👩‍💻, ❤️‍🔥) and a ZWJ or ZERO WIDTH NON-JOINER between
  two letters of a script that joins (Arabic, Persian, Syriac, Indic, Mongolian…);
- a variation selector right after a visible character (❤️, 1️⃣, CJK ideographic variants);
- the tag characters of an emoji flag sequence (🏴 + tags + CANCEL TAG, e.g. the flag of England);
- tab and line feed (multi-line TOML strings), and visible format marks such as U+0600 ARABIC
  NUMBER SIGN.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

BIDI_CONTROL = "bidi control"
CONTROL = "control character"
INVISIBLE = "invisible character"

_BIDI = frozenset({0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)})
# Letters or symbols that draw nothing: Hangul fillers, Braille blank, Khmer inherent vowels,
# the combining grapheme joiner (none of them is a format character, so list them by name).
_FILLERS = frozenset({0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x2800, 0x3164, 0xFFA0})
# The printable characters `find_hidden` may flag: fillers and variation selectors.
_PRINTABLE_SUSPECTS = re.compile("[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180d\u180f\u2800\u3164"
                                 "\ufe00-\ufe0f\uffa0\U000e0100-\U000e01ef]")
# Format characters that do print a mark (number signs and the like): never flagged.
_VISIBLE_FORMAT = frozenset({*range(0x0600, 0x0606), 0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2,
                             0x110BD, 0x110CD})
_VARIATION_SELECTORS = ((0xFE00, 0xFE0F), (0xE0100, 0xE01EF), (0x180B, 0x180D), (0x180F, 0x180F))
_ZWNJ, _ZWJ = 0x200C, 0x200D
_TAG_FIRST, _TAG_LAST, _CANCEL_TAG, _BLACK_FLAG = 0xE0020, 0xE007E, 0xE007F, 0x1F3F4
# Extended pictographic ranges (emoji), close enough to UTS #51 for deciding where a ZWJ joins.
_PICTOGRAPHIC = ((0x00A9, 0x00A9), (0x00AE, 0x00AE), (0x203C, 0x203C), (0x2049, 0x2049),
                 (0x2122, 0x2122), (0x2139, 0x2139), (0x2194, 0x21AA), (0x231A, 0x23FF),
                 (0x24C2, 0x24C2), (0x25AA, 0x25FE), (0x2600, 0x27BF), (0x2934, 0x2935),
                 (0x2B05, 0x2B55), (0x3030, 0x3030), (0x303D, 0x303D), (0x3297, 0x3297),
                 (0x3299, 0x3299), (0x1F000, 0x1FAFF))
_EMOJI_MODIFIERS = (0x1F3FB, 0x1F3FF)
# Scripts whose letters a ZWJ/ZWNJ legitimately shapes: Arabic, Syriac, Thaana, N'Ko, Indic,
# Sinhala, Myanmar, Khmer, Mongolian and Arabic presentation forms.
_JOINING = ((0x0600, 0x08FF), (0x0900, 0x0DFF), (0x1000, 0x109F), (0x1780, 0x18AF),
            (0xFB50, 0xFDFF), (0xFE70, 0xFEFC))
# Controls have no Unicode name; they get their ISO 6429 names (C1 ones are rare enough to go unnamed).
_C0_NAMES = ("NULL START-OF-HEADING START-OF-TEXT END-OF-TEXT END-OF-TRANSMISSION ENQUIRY ACKNOWLEDGE "
             "BELL BACKSPACE CHARACTER-TABULATION LINE-FEED LINE-TABULATION FORM-FEED CARRIAGE-RETURN "
             "SHIFT-OUT SHIFT-IN DATA-LINK-ESCAPE DEVICE-CONTROL-ONE DEVICE-CONTROL-TWO DEVICE-CONTROL-THREE "
             "DEVICE-CONTROL-FOUR NEGATIVE-ACKNOWLEDGE SYNCHRONOUS-IDLE END-OF-TRANSMISSION-BLOCK CANCEL "
             "END-OF-MEDIUM SUBSTITUTE ESCAPE FILE-SEPARATOR GROUP-SEPARATOR RECORD-SEPARATOR UNIT-SEPARATOR")
_CONTROL_NAMES = {**{cp: n.replace("-", " ") for cp, n in enumerate(_C0_NAMES.split())},
                  0x7F: "DELETE", 0x85: "NEXT LINE"}


@dataclass(frozen=True)
class Hidden:
    """One character in a text that would not show as itself: where, which, and what kind."""

    index: int
    char: str
    kind: str  # BIDI_CONTROL, CONTROL or INVISIBLE

    @property
    def label(self) -> str:
        """'U+202E RIGHT-TO-LEFT OVERRIDE', as a person can look it up."""
        return char_label(self.char)


def char_label(ch: str) -> str:
    """A character as 'U+XXXX NAME' (controls and unnamed characters get a descriptive name)."""
    cp = ord(ch)
    name = unicodedata.name(ch, "") or _CONTROL_NAMES.get(cp, "")
    if not name:
        category = unicodedata.category(ch)
        name = {"Cc": "CONTROL", "Cs": "surrogate (not a character)",
                "Co": "private-use character", "Cn": "unassigned code point"}.get(category, "no name")
    return f"U+{cp:04X} {name}"


def _within(cp: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(lo <= cp <= hi for lo, hi in ranges)


def _kind(cp: int, category: str) -> str | None:
    """The kind of a character that is hidden wherever it stands, or None."""
    if cp in _BIDI:
        return BIDI_CONTROL
    if category == "Cc":
        return None if cp in (0x09, 0x0A) else CONTROL
    if category in ("Cs", "Zl", "Zp"):
        return CONTROL
    if cp in _FILLERS or (category == "Cf" and cp not in _VISIBLE_FORMAT):
        return INVISIBLE
    return None


def _pictographic_before(text: str, i: int) -> bool:
    """Whether an emoji ends at text[i - 1], looking past variation selectors and skin tones."""
    j = i - 1
    while j >= 0 and (_within(ord(text[j]), _VARIATION_SELECTORS[:1]) or _within(ord(text[j]), (_EMOJI_MODIFIERS,))):
        j -= 1
    return j >= 0 and _within(ord(text[j]), _PICTOGRAPHIC)


def _joiner_kept(text: str, i: int) -> bool:
    """A ZWJ inside an emoji sequence, or a ZWJ/ZWNJ between two letters of a joining script."""
    after = ord(text[i + 1]) if i + 1 < len(text) else None
    if after is None or i == 0:
        return False
    if ord(text[i]) == _ZWJ and _pictographic_before(text, i) and _within(after, _PICTOGRAPHIC):
        return True
    return _within(ord(text[i - 1]), _JOINING) and _within(after, _JOINING)


def _flag_tags(text: str, i: int) -> int:
    """How many characters from text[i] form the tags of an emoji flag (🏴 + tags + CANCEL TAG), or 0."""
    if i == 0 or ord(text[i - 1]) != _BLACK_FLAG:
        return 0
    j = i
    while j < len(text) and _TAG_FIRST <= ord(text[j]) <= _TAG_LAST:
        j += 1
    return j + 1 - i if j > i and j < len(text) and ord(text[j]) == _CANCEL_TAG else 0


def find_hidden(text: str) -> list[Hidden]:
    """Every character of `text` that would not show as itself, in order (see the module notes)."""
    # Almost all text is plain: `isprintable` (C speed) rules out controls and format characters,
    # and the few printable suspects are looked for directly.
    if text.replace("\n", "").replace("\t", "").isprintable() and not _PRINTABLE_SUSPECTS.search(text):
        return []
    found: list[Hidden] = []
    visible_before = False  # whether the previous character kept is a visible base
    i = 0
    while i < len(text):
        ch = text[i]
        cp = ord(ch)
        if (tags := _flag_tags(text, i)):
            i += tags
            visible_before = True
            continue
        category = unicodedata.category(ch)
        kind = _kind(cp, category)
        if cp in (_ZWJ, _ZWNJ) and _joiner_kept(text, i):
            kind = None
        elif _within(cp, _VARIATION_SELECTORS):
            kind = None if visible_before else INVISIBLE  # a lone selector modifies nothing
        if kind is not None:
            found.append(Hidden(i, ch, kind))
            visible_before = False
        else:
            visible_before = not ch.isspace() and not _within(cp, _VARIATION_SELECTORS)
        i += 1
    return found


def strip_hidden(text: str) -> str:
    """`text` without the characters `find_hidden` lists; everything else stays as it was."""
    hidden = find_hidden(text)
    if not hidden:
        return text
    drop = {h.index for h in hidden}
    return "".join(ch for i, ch in enumerate(text) if i not in drop)


def describe_hidden(hidden: list[Hidden], most: int = 3) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE (bidi control) and 2 more': the distinct characters found."""
    distinct = list(dict.fromkeys((h.char, h.kind) for h in hidden))
    parts = [f"{char_label(ch)} ({kind})" for ch, kind in distinct[:most]]
    more = len(distinct) - most
    return ", ".join(parts) + (f" and {more} more" if more > 0 else "")
