"""Pinyin keys, so terms written in pinyin ("zui佳", "ZuiJia") or with same-sound characters are found.

Readings come from pypinyin's per-character dictionary (`pypinyin.pinyin_dict`), not a hand table.
A line's "sound key" is its folded text with each ideograph replaced by one code for its toneless
primary reading; Latin letters stay as they are, so the key lines up with the folded text one to
one. A term is searched syllable by syllable, each either as that code or in pinyin letters
("最佳" matches 醉佳's codes, "zui"+code, code+"jia", "zuijia"), so mixed spellings match without
guessing how to split a run of letters ("kangai" is kang+ai or kan+gai). The codes sit in the BMP
private-use area, which normalisation deletes from text, so they cannot collide with it.
"""

from __future__ import annotations

import itertools
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

_CODE_BASE = 0xE000
_VOWELS = frozenset("aeiouv")
MAX_READINGS = 16  # per term: the readings of heteronyms multiply; the first few are plenty

# A term's toneless syllables in one reading, and its characters' toned readings.
Reading = tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]


@cache  # about 1,500 distinct toned syllables, looked up 100,000 times
def toneless(reading: str) -> str:
    """'zuì' → 'zui', 'lǜ' → 'lv' (pypinyin's spelling of ü)."""
    for u in "üǖǘǚǜ":
        reading = reading.replace(u, "v")
    return "".join(c for c in unicodedata.normalize("NFKD", reading) if not unicodedata.combining(c))


@dataclass(frozen=True)
class Phonetics:
    """Readings of every ideograph and a code per toneless syllable."""

    readings: dict[str, tuple[str, ...]]  # ideograph → toned readings, primary first
    codes: dict[str, str]  # toneless syllable → its one-character code
    latin: frozenset[str]  # syllables that may be typed in letters (those with a vowel)
    key_table: dict[int, str]  # translate table: ideograph → code of its primary reading

    def primary(self, ch: str) -> str | None:
        """The toned primary reading of an ideograph, or None for other characters."""
        found = self.readings.get(ch)
        return found[0] if found else None

    def key(self, folded: str) -> str:
        """The sound key of folded text: one character per character, ideographs as codes."""
        return folded.translate(self.key_table)

    def term_syllables(self, term: str) -> list[Reading]:
        """The toneless syllables of a folded term, one sequence per combination of its
        characters' readings, each with the toned readings; [] unless all are ideographs."""
        per_char: list[list[str]] = []
        for ch in term:
            found = self.readings.get(ch)
            if not found:
                return []
            per_char.append(list(dict.fromkeys(toneless(r) for r in found)))
        toned = tuple(self.readings[ch] for ch in term)
        return [(combo, toned) for combo in itertools.islice(itertools.product(*per_char), MAX_READINGS)]

    def spellings(self, syllable: str) -> tuple[str, ...]:
        """How a syllable may be typed in letters: 'zui'; 'lv' or 'lu' for 绿; none for 'm'."""
        if syllable not in self.latin:
            return ()
        return (syllable, syllable.replace("v", "u")) if "v" in syllable else (syllable,)

    def splits(self, letters: str) -> bool:
        """True when `letters` (lower case) can be read as a run of pinyin syllables ('' can)."""
        return _splits(letters, self.latin)


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Ordinary words, so a same-sound match that is part of one is seen as a coincidence
    (各地一样 is not 第一, 合二为一 not 唯一): pypinyin's phrase dictionary (about 47,000 words and
    idioms) plus the common words it lacks, listed in data/words.toml. Built on first need only."""
    from pypinyin.phrases_dict import phrases_dict  # about 0.1 s: only when a same-sound match needs it

    from studio.compliance.lexicon import DATA_DIR, DATA_PACKAGE, WORDS_FILE

    listed = tomllib.loads((resources.files(DATA_PACKAGE) / DATA_DIR / WORDS_FILE).read_text(encoding="utf-8"))
    return frozenset(phrases_dict) | frozenset(listed.get("words", ()))


@lru_cache(maxsize=4096)
def _splits(run: str, syllables: frozenset[str]) -> bool:
    n = len(run)
    if n > 60:
        return False  # no pinyin evasion is this long; spare the work
    ok = [False] * (n + 1)
    ok[0] = True
    for i in range(n):
        if ok[i]:
            for j in range(i + 1, min(n, i + 6) + 1):
                if run[i:j] in syllables:
                    ok[j] = True
    return ok[n]


@lru_cache(maxsize=1)
def phonetics() -> Phonetics:
    """The reading tables, built once per process from pypinyin's data."""
    from pypinyin.pinyin_dict import pinyin_dict  # imported here: pypinyin takes ~0.2 s to import

    readings: dict[str, tuple[str, ...]] = {}
    for cp, value in pinyin_dict.items():
        toned = tuple(value.split(","))
        if toned and toned[0]:
            readings[chr(cp)] = toned
    # Work per distinct syllable (about 1,500), not per character reading (about 95,000).
    distinct = {r for toned in readings.values() for r in toned}
    plain_of = {r: toneless(r) for r in distinct}
    plains = set(plain_of.values())
    # Vowel-less syllables (m, n, ng, hm) are interjections; as Latin letters they are noise.
    syllables = {s for s in plains if s.isascii() and s.isalpha() and not _VOWELS.isdisjoint(s)}
    codes = {s: chr(_CODE_BASE + i) for i, s in enumerate(sorted(plains))}
    key_table = {ord(ch): codes[plain_of[toned[0]]] for ch, toned in readings.items()}
    return Phonetics(readings, codes, frozenset(syllables), key_table)
