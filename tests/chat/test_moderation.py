"""Moderation: viewer text cleaned and capped, banned words refused (names: test_names.py)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.chat.moderation import MAX_TEXT, Moderator, sanitize
from studio.compliance.wordlists import DenyTerm, ShowWordLists

INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"


@pytest.mark.parametrize(("raw", "clean"), [
    ("多少钱", "多少钱"),
    ("  多少\u200b钱  ", "多少钱"),  # zero-width space inside a word
    ("\u202e价格\u202c", "价格"),  # right-to-left override
    ("how\tmuch\n\n is  it", "how much is it"),  # whitespace collapsed
    ("ＨＥＬＬＯ", "HELLO"),  # NFKC: full width
    ("a\x00b\x1bc\x7f", "abc"),  # controls
    ("e\u0301\u0301\u0301\u0301\u0301", "é\u0301\u0301"),  # stacked combining marks thinned
    ("<script>alert(1)</script>", "<script>alert(1)</script>"),  # markup is text, never parsed
    ("\ud800价格", "价格"),  # a lone surrogate from JSON
    ("🎉🎉多少钱", "🎉🎉多少钱"),  # emoji are kept (never spoken raw anyway)
])
def test_sanitize(raw: str, clean: str) -> None:
    assert sanitize(raw) == clean


def test_sanitize_caps_length_and_bounds_work() -> None:
    assert len(sanitize("多" * 10_000)) == MAX_TEXT
    assert len(sanitize("ﷺ" * 10_000)) == MAX_TEXT  # one character NFKC-expands to 18
    assert sanitize("ab" * 100, max_length=5) == "ababa"


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_sanitized_text_has_no_invisible_or_control_characters(text: str) -> None:
    clean = sanitize(text)
    assert len(clean) <= MAX_TEXT
    assert clean == clean.strip()
    assert "  " not in clean
    assert not any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn") for c in clean)
    clean.encode("utf-8")  # never a lone surrogate


@pytest.mark.parametrize(("text", "term"), [
    ("这是最佳的茶吗", "最佳"),  # the lexicon as written
    ("最 佳", "最佳"),  # spacing
    ("最\u200b佳", "最佳"),  # zero-width inside (removed before checking)
    ("zuijia", "最佳"),  # pinyin
    ("醉佳的茶", "最佳"),  # same-sound characters
    ("國家級的嗎", "国家级"),  # traditional
    ("Is it the BEST one?", "the best"),  # English
])
def test_banned_words_are_refused_in_any_disguise(moderator: Moderator, text: str, term: str) -> None:
    verdict = moderator.judge(sanitize(text))
    assert not verdict.ok
    assert verdict.findings[0].term == term
    assert verdict.reason.startswith("banned word")


@pytest.mark.parametrize("text", ["多少钱", "有几个颜色", "敏感肌能用吗", "how much is it?", "最好冷藏吗"])
def test_ordinary_questions_pass(moderator: Moderator, text: str) -> None:
    assert moderator.judge(text).ok


def test_empty_text_is_refused(moderator: Moderator) -> None:
    assert moderator.judge(sanitize("\u200b \u202e")).reason == "empty after cleaning"


def test_the_shows_deny_list_counts_with_pinyin() -> None:
    mod = Moderator(ShowWordLists(deny=(DenyTerm("拼多多"),)), "zh-CN")
    assert not mod.judge("拼多多便宜吗").ok
    assert not mod.judge("pinduoduo便宜吗").ok
    assert mod.judge("便宜吗").ok


def test_a_name_with_a_banned_word_is_not_said(moderator: Moderator) -> None:
    assert moderator.safe_name("醉佳小王") == "朋友"
    assert moderator.safe_name("小王") == "小王"
