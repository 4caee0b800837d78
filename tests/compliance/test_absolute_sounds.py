"""Every absolute term in pinyin and in same-sound characters: every tone, with or without tone numbers.

For each term of the `absolute` category written in Chinese characters, the forms are generated
from its reading (pypinyin, phrase-aware): toneless (zuijia), with tone numbers (zui4jia1), with
tone marks (zuìjiā), spaced, hyphenated, upper and title case, every tone of each syllable in turn
(zui1…zui5 / zuī…zui), one syllable in pinyin among the characters (zui佳, 最jia1), and every
same-sound substitution of one character (醉佳, 最家) by a common character (GB2312 level 1) with the
same syllable and tone. Each must be found as the term (or a lexicon term that sounds the same:
顶级/顶极/鼎级, 唯一/惟一).

Same-sound forms that are ordinary words (中极, 手选, 至真) or that the term's exemptions name
(国家及 — "and", not a rank) must *not* be found: that is the guard that keeps 各地一样 from being
第一. Characters that fold to another one (乾 is the traditional form of 干) are left out.

Figures: 97 terms, 4,445 pinyin forms (each also inside a sentence) and 1,354 same-sound forms, 8
of them ordinary words or exempt. Before this change 1,695 pinyin forms (every one with tone
numbers, and lone vowel syllables such as 最an全) and 1,332 of the 1,346 same-sound forms (only 最佳
opted in) were missed; now none are.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pytest
from pypinyin import Style, lazy_pinyin, pinyin

from studio.compliance import Checker, load_lexicon
from studio.compliance.normalize import fold
from studio.compliance.phonetic import common_words, phonetics

ZH = "zh-CN"
_MARKS = {"a": "āáǎà", "e": "ēéěè", "i": "īíǐì", "o": "ōóǒò", "u": "ūúǔù", "v": "ǖǘǚǜ"}


def _chinese(text: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in text)


TERMS = sorted({t.text for t in load_lexicon().terms if t.category == "absolute" and _chinese(t.text)})


def mark(syllable: str, tone: int) -> str:
    """'zui', 4 → 'zuì'; tone 5 (neutral) has no mark. The mark sits where pinyin puts it."""
    s = syllable
    if tone == 5:
        return s.replace("v", "ü")
    for vowel in "aeo":
        if vowel in s:
            i = s.index(vowel)
            break
    else:
        i = s.index("iu") + 1 if "iu" in s else s.index("ui") + 1 if "ui" in s else max(s.rfind(v) for v in "iuv")
    return (s[:i] + _MARKS[s[i]][tone - 1] + s[i + 1:]).replace("v", "ü")


def reading(term: str) -> tuple[list[str], list[int]]:
    """The term's syllables ('zui', 'jia') and tones (4, 1), as pypinyin reads the phrase."""
    toned = [p[0] for p in pinyin(term, style=Style.TONE3, neutral_tone_with_five=True)]
    return [s[:-1].replace("ü", "v") for s in toned], [int(s[-1]) for s in toned]


def pinyin_forms(term: str) -> list[str]:
    base, tones = reading(term)
    numbered = [f"{b}{t}" for b, t in zip(base, tones, strict=True)]
    marked = [mark(b, t) for b, t in zip(base, tones, strict=True)]
    out: set[str] = set()
    for sep in ("", " ", "-"):
        out |= {sep.join(base), sep.join(base).upper(), sep.join(b.capitalize() for b in base),
                sep.join(numbered), sep.join(marked)}
    for i in range(len(base)):
        for tone in range(1, 6):  # every tone of this syllable, the others as they are
            out.add("".join(f"{b}{tone if j == i else t}" for j, (b, t) in enumerate(zip(base, tones, strict=True))))
            out.add(" ".join(mark(b, tone if j == i else t) for j, (b, t) in enumerate(zip(base, tones, strict=True))))
        out.add(term[:i] + base[i] + term[i + 1:])  # one syllable typed among the characters
        out.add(term[:i] + numbered[i] + term[i + 1:])
    return sorted(out)


def _common(ch: str) -> bool:
    """A GB2312 level-1 character (the 3,755 in everyday use)."""
    try:
        code = ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(code) == 2 and 0xB0 <= code[0] <= 0xD7


@lru_cache(maxsize=1)
def _by_reading() -> dict[str, list[str]]:
    """Common characters by their primary toned reading ('zuì' → 醉, 罪…)."""
    out: dict[str, list[str]] = {}
    for ch, readings in phonetics().readings.items():
        if _common(ch) and fold(ch) == ch:
            out.setdefault(readings[0], []).append(ch)
    return out


def homophone_forms(term: str) -> list[str]:
    toned = [p[0] for p in pinyin(term, style=Style.TONE)]
    out = set()
    for i, ch in enumerate(term):
        for other in _by_reading().get(toned[i], []):
            if other != ch:
                out.add(term[:i] + other + term[i + 1:])
    return sorted(out)


def _found_as(checker: Checker, text: str, term: str) -> bool:
    sound = lazy_pinyin(term)
    return any(f.term == term or lazy_pinyin(f.term) == sound for f in checker.check(text, ZH))


def _ordinary(checker: Checker, term: str, form: str) -> bool:
    """True for a same-sound form that is an ordinary word or an exempt context of the term."""
    if form in common_words():
        return True
    entry = next(t for t in checker.lexicon.terms if t.text == term)
    return any(u in form for u in entry.unless) or any(re.search(p, form) for p in entry.unless_re)


def test_every_chinese_absolute_term_is_covered() -> None:
    assert len(TERMS) >= 90
    assert sum(len(pinyin_forms(t)) for t in TERMS) >= 4000
    assert sum(len(homophone_forms(t)) for t in TERMS) >= 1300


@pytest.mark.parametrize("term", TERMS)
def test_pinyin_forms_are_found(checker: Checker, term: str) -> None:
    missed = [f for f in pinyin_forms(term)
              if not _found_as(checker, f, term) or not _found_as(checker, f"这款{f}的茶", term)]
    assert missed == []


@pytest.mark.parametrize("term", TERMS)
def test_same_sound_forms_are_found_unless_they_are_ordinary_words(checker: Checker, term: str) -> None:
    missed, flagged_words = [], []
    for form in homophone_forms(term):
        found = _found_as(checker, form, term)
        if _ordinary(checker, term, form):
            if found:
                flagged_words.append(form)
        elif not found:
            missed.append(form)
    assert missed == [] and flagged_words == []
