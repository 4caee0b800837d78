"""Text preparation: what the voice reads, per language, mapped back onto the caption."""

from __future__ import annotations

from itertools import pairwise

import pytest

from studio.speech import numbers as num
from studio.speech.textprep import SENTENCE_PAUSE, prepare, tokenize


def spoken(text: str, lang: str, mandarin: str = "hanzi") -> list[str]:
    return [c.text for c in prepare(text, lang, mandarin).chunks]


@pytest.mark.parametrize(("n", "words"), [
    (0, "零"), (5, "五"), (10, "十"), (15, "十五"), (20, "二十"), (105, "一百零五"),
    (110, "一百一十"), (168, "一百六十八"), (1005, "一千零五"), (10000, "一万"),
    (100005, "十万零五"), (120000, "十二万"), (100000000, "一亿"), (1000000005, "十亿零五"),
])
def test_chinese_integers(n: int, words: str) -> None:
    assert num.zh_integer(n) == words


@pytest.mark.parametrize(("n", "words"), [
    (0, "zero"), (13, "thirteen"), (40, "forty"), (99, "ninety-nine"), (168, "one hundred sixty-eight"),
    (1299, "one thousand two hundred ninety-nine"), (2_000_000, "two million"),
])
def test_english_integers(n: int, words: str) -> None:
    assert num.en_integer(n) == words


@pytest.mark.parametrize(("text", "said"), [
    ("168.5元", "一百六十八点五元"),
    ("¥99", "九十九元"),
    ("￥168.50", "一百六十八点五元"),
    ("5折", "五折"),
    ("7.5折", "七五折"),
    ("3件", "三件"),
    ("买2件", "买两件"),
    ("50%", "百分之五十"),
    ("12.5%", "百分之十二点五"),
    ("蓝牙5.3", "蓝牙五点三"),
    ("500ml", "五百毫升"),
    ("250g", "两百五十克"),
    ("48小时", "四十八小时"),
    ("2024年", "二零二四年"),
    ("21:00", "二十一点"),
    ("20:05", "二十点零五分"),
    ("1,299元", "一千二百九十九元"),
    ("$19.99", "十九点九九美元"),
])
def test_chinese_reading(text: str, said: str) -> None:
    assert "".join(spoken(text, "zh-CN")) == said


@pytest.mark.parametrize(("text", "said"), [
    ("$19.99", "nineteen dollars ninety-nine"),
    ("$1", "one dollar"),
    ("$0.99", "ninety-nine cents"),
    ("¥99", "ninety-nine yuan"),
    ("€5", "five euros"),
    ("50%", "fifty percent"),
    ("5.3", "five point three"),
    ("500ml", "five hundred milliliters"),
    ("1st", "first"),
    ("22nd", "twenty-second"),
    ("21:00", "nine p m"),
    ("8:05", "eight oh five a m"),
    ("1,299", "one thousand two hundred ninety-nine"),
])
def test_english_reading(text: str, said: str) -> None:
    assert " ".join(spoken(text, "en-US")) == said


def test_emoji_and_markup_are_not_read_but_captions_keep_them() -> None:
    text = "🔥<b>Only</b> **$19.99** today 😀 see https://shop.example/x!"
    line = prepare(text, "en-US")
    assert line.text == text
    assert " ".join(c.text for c in line.chunks) == "Only nineteen dollars ninety-nine today see!"
    # Every spoken unit maps back to the exact caption characters it came from.
    units = [text[t.char_start:t.char_end] for c in line.chunks for t in c.tokens]
    assert units == ["Only", "$19.99", "today", "see"]


def test_tokens_cover_the_text_exactly() -> None:
    text = "日常价238元，今天只要168.5元！😀 Only $5."
    toks = tokenize(text, "zh-CN")
    assert toks[0].start == 0 and toks[-1].end == len(text)
    assert all(a.end == b.start for a, b in pairwise(toks))


def test_long_lines_split_at_sentence_ends_with_a_pause() -> None:
    line = prepare("第一句话。第二句话！Third sentence? 第四句", "zh-CN", "hanzi")
    assert [c.text for c in line.chunks] == ["第一句话。", "第二句话！", "Third sentence?", "第四句"]
    assert [c.pause_after for c in line.chunks] == [SENTENCE_PAUSE, SENTENCE_PAUSE, SENTENCE_PAUSE, 0.0]


def test_english_runs_in_mandarin_lines_get_their_own_chunk() -> None:
    line = prepare("来看这款AirWave 降噪耳机", "zh-CN", "pinyin")
    assert [(c.language, c.text) for c in line.chunks] == [
        ("zh", "lai2 kan4 zhe4 kuan3"), ("en", "AirWave"), ("zh", "jiang4 zao4 er3 ji1")]


def test_pinyin_resolves_polyphones_from_phrases() -> None:
    said = " ".join(spoken("重要的银行，长大了，行走。", "zh-CN", "pinyin"))
    assert "zhong4 yao4" in said
    assert "yin2 hang2" in said
    assert "zhang3 da4" in said
    assert "xing2 zou3" in said


def test_numbers_become_chinese_words_before_pinyin() -> None:
    line = prepare("今天168.5元", "zh-CN", "pinyin")
    chunk = line.chunks[0]
    assert chunk.text == "jin1 tian1 yi4 bai3 liu4 shi2 ba1 dian3 wu3 yuan2"
    price = chunk.tokens[-1]
    assert line.text[price.char_start:price.char_end] == "168.5元"
    assert chunk.text[price.spoken_start:price.spoken_end] == "yi4 bai3 liu4 shi2 ba1 dian3 wu3 yuan2"


def test_text_with_nothing_to_say_has_no_chunks() -> None:
    assert prepare("😀🎉 ✨", "zh-CN").chunks == ()
