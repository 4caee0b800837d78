"""Text normalisation for matching: width, case, accents, traditional forms and separators folded away.

Evasions such as "最 佳", "最-佳", "ＢＥＳＴ", "國家級" or "zuì" must meet the lexicon in one form. A
single `str.translate` table does all of it at C speed: each character maps to the text it stands
for (NFKD compatibility decomposition, accents stripped, case folded, traditional → simplified by
OpenCC) and separators (spaces, punctuation, symbols, emoji, zero-width and control characters)
map to nothing. Because the table works character by character, offsets in the normalised text
can be mapped back to the original text, so findings can be underlined where the operator typed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Kept although they are punctuation: they carry meaning in claims ("#1", "100%").
KEEP = frozenset("#%")
SEPARATOR_CATEGORIES = frozenset({
    "Zs", "Zl", "Zp",  # spaces and line separators
    "Cc", "Cf", "Cn",  # controls, zero-width/format characters, unassigned
    "Mn", "Me",  # combining marks (accents; left over after NFKD)
    "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po",  # punctuation
    "Sk", "So", "Sm",  # modifier, other (emoji, ★) and maths symbols
})

# Blocks scanned for compatibility forms, case, accents and separators. Hangul syllables,
# CJK unified ideographs and private-use areas are left out: NFKD would split Hangul into jamo,
# ideographs only need the traditional → simplified map, and private-use characters are separators.
_SCAN_RANGES = (
    (0x0000, 0x3400),  # Latin … CJK symbols, kana, enclosed CJK, CJK compatibility
    (0x4DC0, 0x4E00),  # Yijing hexagram symbols
    (0xA000, 0xAC00),  # Yi, Vai, Latin Extended-D …
    (0xF900, 0x10000),  # CJK compatibility ideographs, presentation, variation selectors, half/full width
    (0x10000, 0x10200),  # Linear B, Aegean numbers (symbols)
    (0x1D400, 0x1D800),  # mathematical alphanumerics (𝐛𝐞𝐬𝐭)
    (0x1F000, 0x1FB00),  # mahjong, enclosed alphanumerics (🅱), emoji, symbols
    (0x2F800, 0x2FA20),  # CJK compatibility ideographs supplement
    (0xE0000, 0xE0080),  # tag characters (invisible)
    (0xE0100, 0xE01F0),  # variation selectors supplement
)
# The BMP private-use area folds to nothing, so the pinyin matcher can use it for syllable codes
# that never collide with text. (The supplementary private-use planes stay as they are: they
# would add 130,000 table entries for characters no pitch contains, and they match no term.)
_PRIVATE_USE = ((0xE000, 0xF900),)
# Ideographs converted by OpenCC (Extension A, the main block, Extensions B–F).
_HAN_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0x20000, 0x2EBF0))


def is_separator(ch: str) -> bool:
    """True for characters that carry no letters: they may sit inside a term without breaking it."""
    return ch not in KEEP and unicodedata.category(ch) in SEPARATOR_CATEGORIES


def traditional_to_simplified() -> dict[str, str]:
    """Every traditional ideograph that OpenCC's t2s conversion changes, mapped to its simplified form."""
    import opencc  # imported here: it loads a native library and dictionaries

    try:
        converter = opencc.OpenCC("t2s")
    except Exception:  # noqa: BLE001 - older bindings want the config file name (and raise their own kinds)
        converter = opencc.OpenCC("t2s.json")
    chars = [chr(c) for lo, hi in _HAN_RANGES for c in range(lo, hi)]
    # One call over the whole set, one character per line, so phrase rules cannot join neighbours.
    converted = converter.convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):
        raise RuntimeError("OpenCC changed the number of lines while converting single characters")
    return {a: b for a, b in zip(chars, converted, strict=True) if a != b and len(b) == 1}


def fold_char(ch: str, t2s: dict[str, str]) -> str:
    """What one character stands for when matching: '' for separators, 'a' for 'Ａ', '国' for '國'."""
    decomposed = unicodedata.normalize("NFKD", ch.casefold())
    out = []
    for c in decomposed:
        if unicodedata.combining(c):
            continue  # accents: "zuì" is "zui"
        c = t2s.get(c, c)
        if not is_separator(c):
            out.append(c)
    return "".join(out)


@lru_cache(maxsize=1)
def fold_table() -> dict[int, str]:
    """The translate table: code point → folded text, for every character that changes."""
    t2s = traditional_to_simplified()
    table: dict[int, str] = {}
    for lo, hi in _SCAN_RANGES:
        for cp in range(lo, hi):
            ch = chr(cp)
            if 0xD800 <= cp < 0xE000:
                continue  # surrogates never appear in decoded text
            folded = fold_char(ch, t2s)
            if folded != ch:
                table[cp] = folded
    for lo, hi in _PRIVATE_USE:
        for cp in range(lo, hi):
            table[cp] = ""
    for trad, simp in t2s.items():
        table[ord(trad)] = simp
    return table


def fold(text: str) -> str:
    """The normalised form of `text` (what the matcher sees)."""
    return text.translate(fold_table())


@lru_cache(maxsize=1)
def _length_changers() -> re.Pattern[str]:
    """Characters whose folded text is not exactly one character (separators, expansions)."""
    cps = sorted(cp for cp, rep in fold_table().items() if len(rep) != 1)
    ranges: list[tuple[int, int]] = []
    for cp in cps:
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    body = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                   for a, b in ranges)
    return re.compile(f"[{body}]")


def fold_with_offsets(text: str, folded: str | None = None) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the index of the original character.

    Most characters fold to exactly one character, so only the few that vanish or expand
    (found by one regular expression) need handling one by one.
    """
    table = fold_table()
    if folded is None:
        folded = text.translate(table)
    origin: list[int] = []
    done = 0
    for m in _length_changers().finditer(text):
        i = m.start()
        origin.extend(range(done, i))
        origin.extend([i] * len(table[ord(text[i])]))
        done = i + 1
    origin.extend(range(done, len(text)))
    return folded, origin
