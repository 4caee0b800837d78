"""studio.core.text: which characters are hidden in show text, their names, and what is kept."""

from __future__ import annotations

import pytest

from studio.core.text import (
    BIDI_CONTROL,
    CONTROL,
    INVISIBLE,
    char_label,
    describe_hidden,
    find_hidden,
    strip_hidden,
)

FLAG_ENGLAND = "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"


@pytest.mark.parametrize(("char", "kind"), [
    *[(chr(cp), BIDI_CONTROL) for cp in (0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068,
                                         0x2069, 0x200E, 0x200F, 0x061C)],
    *[(chr(cp), CONTROL) for cp in (0x00, 0x07, 0x0D, 0x1B, 0x7F, 0x85, 0x9F, 0x2028, 0x2029, 0xD800)],
    *[(chr(cp), INVISIBLE) for cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x3164, 0x115F, 0x1160, 0xFFA0,
                                      0x2800, 0x180E, 0x00AD, 0x034F, 0x2061, 0xE0001, 0xE0041, 0xE007F)],
])
def test_hidden_characters_are_found_between_letters(char: str, kind: str) -> None:
    text = f"今天{char}只要"
    assert [(h.index, h.char, h.kind) for h in find_hidden(text)] == [(2, char, kind)]
    assert strip_hidden(text) == "今天只要"


@pytest.mark.parametrize("text", [
    "明前龙井 Longjing tea ¥168",
    "第一行\n第二行\twith a tab",
    "👩\u200d💻 ❤\ufe0f\u200d🔥 👩🏽\u200d💻 👨\u200d👩\u200d👧",  # ZWJ emoji sequences
    "❤\ufe0f 1\ufe0f\u20e3 ☺\ufe0e",  # variation selectors after a visible base, keycaps
    "葛\U000e0100城",  # an ideographic variation sequence
    FLAG_ENGLAND,  # tag characters of an emoji flag
    "می\u200cخواهم",  # Persian: ZWNJ between Arabic-script letters
    "क्\u200dष",  # Devanagari: ZWJ between letters
    "مرحبا שלום",  # Arabic and Hebrew letters themselves
    "\u0600١٢",  # a visible format mark (ARABIC NUMBER SIGN)
])
def test_legitimate_text_is_kept(text: str) -> None:
    assert find_hidden(text) == []
    assert strip_hidden(text) is text


@pytest.mark.parametrize(("text", "cleaned"), [
    ("a\u200db", "ab"),  # a ZWJ between Latin letters joins nothing
    ("👩\u200d", "👩"),  # a ZWJ at the end
    ("\u200d💻", "💻"),  # and at the start
    ("\ufe0f开始", "开始"),  # a lone variation selector at the start
    ("❤\ufe0f\ufe0f", "❤\ufe0f"),  # a second selector modifies nothing
    ("a \ufe0fb", "a b"),  # after a space
    ("x\U000e0067\U000e007f", "x"),  # tags not after a black flag
    ("🏴\U000e0067\U000e0062", "🏴"),  # flag tags without the CANCEL TAG
    ("\u202e价格\u202c", "价格"),
])
def test_context_decides_for_joiners_selectors_and_tags(text: str, cleaned: str) -> None:
    assert strip_hidden(text) == cleaned


def test_labels_name_the_character() -> None:
    assert char_label("\u202e") == "U+202E RIGHT-TO-LEFT OVERRIDE"
    assert char_label("\u200b") == "U+200B ZERO WIDTH SPACE"
    assert char_label("\x07") == "U+0007 BELL"
    assert char_label("\x90") == "U+0090 CONTROL"
    assert char_label("\U000e0041") == "U+E0041 TAG LATIN CAPITAL LETTER A"


def test_describe_lists_distinct_characters_and_counts_the_rest() -> None:
    hidden = find_hidden("\u202ea\u202eb\u200bc\u2066d\u3164e\x07")
    assert describe_hidden(hidden) == ("U+202E RIGHT-TO-LEFT OVERRIDE (bidi control), "
                                       "U+200B ZERO WIDTH SPACE (invisible character), "
                                       "U+2066 LEFT-TO-RIGHT ISOLATE (bidi control) and 2 more")


def test_long_and_hostile_text_is_handled_in_linear_time() -> None:
    import time

    text = "今天\u200b👩\u200d💻 \ufe0f" * 20_000 + ("\ufe0f" * 50_000 + "\u200d") * 4
    started = time.perf_counter()
    assert len(find_hidden(text)) == 40_000 + 4 * 50_001
    assert strip_hidden(text) == "今天👩\u200d💻 " * 20_000
    assert time.perf_counter() - started < 5
