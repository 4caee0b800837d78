"""Hypothesis properties: disguised banned terms are still found; the demo show's lines are not."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.compliance import Checker, Level, Term, load_lexicon
from studio.compliance.normalize import fold
from studio.compliance.phonetic import phonetics, toneless
from studio.core.assets import demo_show_path
from studio.show.loader import load_show
from studio.show.variables import product_variables, show_variables

DEMO = demo_show_path()
BLOCK_TERMS = sorted(t.text for t in load_lexicon().terms if t.severity is Level.BLOCK)
HAN_BLOCK_TERMS = [t for t in BLOCK_TERMS if all(phonetics().primary(c) for c in t) and len(t) >= 2]
SEPARATORS = list(" \u3000\t-_.,，。、·•*~/|!！?？:：;；…—()（）【】「」'\"\u200b\u200d★☆♥🔥✨👍")
CARRIERS = {"zh-CN": ("我说：", "！"), "en-US": ("I said: ", "!")}
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _full_width(ch: str) -> str:
    return chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch


def _language(term: str) -> str:
    return "en-US" if term.isascii() else "zh-CN"


def _covering(checker: Checker, text: str, language: str, start: int, end: int) -> list[str]:
    return [f.term for f in checker.check(text, language)
            if f.start <= start and end <= f.end and f.severity is Level.BLOCK]


@st.composite
def disguised(draw: st.DrawFn) -> tuple[str, str, str, int, int]:
    """A block term with separators, full-width forms and case changes, inside a carrier line."""
    term = draw(st.sampled_from(BLOCK_TERMS))
    out = []
    for i, ch in enumerate(term):
        if i and draw(st.booleans()):
            out.append("".join(draw(st.lists(st.sampled_from(SEPARATORS), min_size=1, max_size=3))))
        if ch.isascii() and draw(st.booleans()):
            ch = ch.upper() if draw(st.booleans()) else ch
            ch = _full_width(ch) if draw(st.booleans()) else ch
        out.append(ch)
    language = _language(term)
    before, after = CARRIERS[language]
    body = "".join(out)
    return term, language, before + body + after, len(before), len(before) + len(body)


@SETTINGS
@given(disguised())
def test_disguised_block_terms_are_still_found(case: tuple[str, str, str, int, int]) -> None:
    term, language, text, start, end = case
    checker = _checker()
    found = _covering(checker, text, language, start, end)
    assert found, f"{text!r} hides {term!r}"
    assert any(fold(term) in fold(t) or fold(t) in fold(term) for t in found)


@SETTINGS
@given(st.sampled_from(HAN_BLOCK_TERMS), st.data())
def test_block_terms_partly_in_pinyin_are_still_found(term: str, data: st.DataObject) -> None:
    ph = phonetics()
    spelled = [ph.primary(c) or "" for c in term]
    if not any(toneless(s) in ph.latin for s in spelled):
        return
    picks = data.draw(st.lists(st.booleans(), min_size=len(term), max_size=len(term)).filter(any))
    out = []
    for ch, reading, pick in zip(term, spelled, picks, strict=True):
        letters = toneless(reading)
        if pick and letters in ph.latin and (letters[0] not in "aeiouv" or (out and out[-1].isascii())):
            out.append(letters.upper() if data.draw(st.booleans()) else letters)
        else:
            out.append(ch)
    text = "我说：" + "".join(out) + "！"
    found = [f for f in _checker().check(text, "zh-CN") if f.severity is Level.BLOCK]
    assert found, f"{text!r} hides {term!r}"


def _demo_lines() -> list[tuple[object, str, dict[str, str] | None]]:
    show = load_show(DEMO).show
    assert show is not None
    lines: list[tuple[object, str, dict[str, str] | None]] = []
    for line in show.filler:
        lines.append((line, line.language or show.language, None))
    for p in show.products:
        for line in [*p.pitch, *(a for e in p.faq for a in e.answer)]:
            language = line.language or show.language
            lines.append((line, language, product_variables(p, language, datetime(2026, 1, 1))))
    return lines


_DEMO = _demo_lines()
_CHECKER: list[Checker] = []


def _checker() -> Checker:
    if not _CHECKER:
        _CHECKER.append(Checker())
    return _CHECKER[0]


@SETTINGS
@given(st.integers(0, len(_DEMO) - 1), st.integers(0, 2**32 - 1), st.integers(0, 7 * 24 * 60 - 1))
def test_demo_show_lines_are_never_flagged(index: int, seed: int, minute: int) -> None:
    line, language, values = _DEMO[index]
    now = datetime(2026, 1, 5) + timedelta(minutes=minute)
    filled = dict(values or show_variables(now))
    filled["time"] = now.strftime("%H:%M")
    text = line.template.render(filled, random.Random(seed))  # type: ignore[attr-defined]
    assert _checker().check(text, language) == [], text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_findings_always_index_the_original_text(text: str) -> None:
    for language in ("zh-CN", "en-US"):
        for f in _checker().check(text, language):
            assert 0 <= f.start < f.end <= len(text)
            assert text[f.start:f.end] == f.matched_text
            assert isinstance(f.severity, Level)


def test_every_block_term_is_in_the_property_pools() -> None:
    assert len(BLOCK_TERMS) > 150 and len(HAN_BLOCK_TERMS) > 80
    assert all(isinstance(t, Term) for t in load_lexicon().terms)
