"""Viewer names: said only as a short, harmless nickname, else 朋友 / friend (the rule in studio.chat.names).

The labelled corpus (tests/chat/data/names_*.jsonl, 313 realistic and hostile names, zh + en) was
written and split before the rule: names_tune.jsonl was used to tune it, names_holdout.jsonl was
kept aside and run once at the end. An unsafe name said is a failure on either part; safe names
that fall back cost only a friendly "朋友" and are bounded.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.chat.inbox import CommentInbox
from studio.chat.names import (
    FALLBACK_NAME,
    MAX_CHARS,
    NameRule,
    fallback_name,
    name_words,
    parse_name_words,
)
from studio.compliance.checker import Checker
from studio.compliance.lexicon import LexiconError
from studio.show.loader import load_show

DATA = Path(__file__).parent / "data"
FILLERS = "\u115f\u1160\u3164\uffa0\u2800"


def corpus(part: str) -> list[dict[str, str]]:
    lines = (DATA / f"names_{part}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def rule(checker: Checker) -> NameRule:
    return NameRule(checker)


def test_the_corpus_is_large_labelled_and_split_without_overlap() -> None:
    tune, holdout = corpus("tune"), corpus("holdout")
    assert len(tune) + len(holdout) >= 150
    assert len(holdout) * 3 >= len(tune + holdout) - 3  # a third kept aside
    assert {r["label"] for r in tune + holdout} == {"say", "fallback"}
    assert not {r["name"] for r in tune} & {r["name"] for r in holdout}
    for part in (tune, holdout):
        assert sum(r["label"] == "say" for r in part) >= 40 and sum(r["label"] == "fallback" for r in part) >= 50
        assert any(any("\u4e00" <= c <= "\u9fff" for c in r["name"]) for r in part)  # Chinese
        assert any(r["name"].isascii() and r["name"].strip() for r in part)  # English


@pytest.mark.parametrize(("part", "max_fallbacks"), [("tune", 0.10), ("holdout", 0.10)])
def test_no_unsafe_name_is_said_and_few_safe_names_fall_back(rule: NameRule, part: str,
                                                             max_fallbacks: float) -> None:
    rows = corpus(part)
    said_unsafe = []
    fell_back = []
    for r in rows:
        verdict = rule.verdict(r["name"], "zh-CN")
        if r["label"] == "fallback" and verdict.said:
            said_unsafe.append((r["name"], verdict.name))
        if r["label"] == "say" and not verdict.said:
            fell_back.append((r["name"], verdict.reason))
    safe = sum(r["label"] == "say" for r in rows)
    print(f"{part}: {len(rows)} names, unsafe said {len(said_unsafe)}, safe fell back {len(fell_back)}/{safe}",
          fell_back)
    assert said_unsafe == []
    assert len(fell_back) <= max_fallbacks * safe, fell_back


@pytest.mark.parametrize(("raw", "said"), [
    ("小王", "小王"),
    ("小王🎉✨", "小王"),  # decoration is not said
    ("【小王】", "小王"),
    ("Ａｍｙ", "Amy"),  # full width
    ("\u202eevil\u202c", "evil"),  # bidi controls removed
    ("小\u200b王", "小王"),  # zero-width inside
    ("小王\u3164", "小王"),  # a Hangul filler
    ("Kevin  Lee", "Kevin Lee"),  # words apart by one space
    ("Zoë", "Zoë"),  # accents on Latin letters are said
    ("Mike88", "Mike88"),
    ("小美2024", "小美2024"),  # four digits: a year, not an account
    ("Daisy", "Daisy"), ("Aidan", "Aidan"), ("Abbott", "Abbott"),  # role words only as words
    ("一只努力的小胖子", "一只努力的小胖子"),  # eight Han characters
])
def test_safe_names_are_said_cleaned(rule: NameRule, raw: str, said: str) -> None:
    verdict = rule.verdict(raw, "zh-CN")
    assert (verdict.name, verdict.said, verdict.reason) == (said, True, "")


@pytest.mark.parametrize(("raw", "reason"), [
    ("主播是骗子", "role word '主播'"),  # from the issue
    ("我不是AI是真人", "sentence word '我'"),  # from the issue
    ("骗子", "insult word '骗子'"),
    ("pianzi", "insult word '骗子'"),  # pinyin
    ("zhenren", "role word '真人'"),
    ("機器人", "role word '机器人'"),  # traditional
    ("ＡＩ小美", "role word 'ai'"),  # full width
    ("NotAI", "sentence word 'not'"),  # camelCase splits words
    ("iamai", "role word 'iamai'"),  # inside a word
    ("AI", "role word 'ai'"),
    ("价格是多少", "sentence word '是'"),
    ("真的吗", "sentence word '吗'"),
    ("最好的主播", "advertising-law word '最好'"),  # the compliance lexicon
    ("加微信abc", "contact word '微信'"),
    ("13800138000", "a number (phone or account)"),
    ("一三八零零一三八", "a number (phone or account)"),
    ("www.example.com", "a link or handle"),
    ("abc.cn", "a link or handle"),
    ("@admin", "a link or handle"),
    ("＠小王", "a link or handle"),  # full-width at sign
    ("t**5", "a masked name (the platform hid part of it)"),
    ("Иван", "'И' is in a script the host does not say"),
    ("ΑΙ", "'Α' is in a script the host does not say"),  # Greek capitals that look like AI
    ("さくら", "'さ' is in a script the host does not say"),
    ("\u3164\u3164", "nothing to say"),
    ("🎉🎉", "nothing to say"),
    ("", "nothing to say"),
    ("一只努力减肥的小胖子", "too long for a nickname"),  # nine Han characters
    ("Christopher Alexander Montgomery", "too long for a nickname"),  # three words
    ("Bartholomew Maximilian", "too long for a nickname"),  # 21 letters
    ("法轮", "sensitive word '法轮'"),
])
def test_unsafe_names_fall_back_with_the_reason(rule: NameRule, raw: str, reason: str) -> None:
    verdict = rule.verdict(raw, "zh-CN")
    assert (verdict.name, verdict.said, verdict.reason) == ("朋友", False, reason)


def test_the_fallback_is_in_the_answers_language(rule: NameRule) -> None:
    assert rule.say("骗子", "en-US") == "friend" == fallback_name("en-US")
    assert rule.say("骗子", "zh-CN") == "朋友" == fallback_name("zh-CN") == fallback_name("cmn")
    assert FALLBACK_NAME == {"zh": "朋友", "en": "friend"}
    # An English voice does not say Han characters; a Chinese one says Latin names.
    assert rule.verdict("小王", "en-US").reason == "Han characters in a non-Chinese answer"
    assert rule.say("Amy", "zh-CN") == "Amy"


def test_a_show_adds_its_own_words_with_pinyin_and_inside_latin_words(checker: Checker) -> None:
    rule = NameRule(checker, ("竞品", "rivalshop"))
    assert rule.verdict("竞品小王", "zh-CN").reason == "name_deny word '竞品'"
    assert rule.verdict("jingpin", "zh-CN").reason == "name_deny word '竞品'"
    assert rule.verdict("RivalShopFan", "zh-CN").reason == "name_deny word 'rivalshop'"
    assert NameRule(checker).say("竞品小王", "zh-CN") == "竞品小王"  # not a built-in word


def test_the_built_in_list_has_every_kind_in_chinese_and_english() -> None:
    words = name_words()
    assert {"role", "insult", "claim", "contact", "sentence", "sensitive"} <= set(words.words)
    for kind in ("role", "insult", "claim", "contact", "sentence"):
        terms = words.words[kind] + words.inside[kind]
        assert any(not t.isascii() for t in terms) and any(t.isascii() and t.isalpha() for t in terms), kind
    for role in ("ai", "真人", "主播", "客服", "官方", "机器人", "bot", "host", "admin"):
        assert role in words.words["role"]
    assert "official" in words.inside["role"]
    for particle in ("是", "不", "非", "吗", "呢", "吧"):
        assert particle in words.words["sentence"]


@pytest.mark.parametrize("text", [
    "not toml [", "[role]\nwords = 3", "[role]\ninside = [\"x\"]", "[role]\nwords = [\"a\"]\ninside = [\"Bot\"]",
    "[role]\nwords = [\"a\"]\nextra = 1", "",
])
def test_a_broken_word_list_is_refused_by_name(text: str) -> None:
    with pytest.raises(LexiconError, match=r"names\.toml"):
        parse_name_words(text)


HOSTILE_NAMES = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.sampled_from(list("小王主播骗子是不AIai真人 \u200b\u202e\u2066\u3164\u115f\u2800\uffa0"
                                         "\U000e0041🎉👨\u200d👩a\u0301@.#*0123456789一三八")), max_size=30),
    st.builds(lambda c, n: c * n, st.sampled_from(["小", "a", "\u0301", "🎉", "\u3164", "1"]),
              st.integers(min_value=1, max_value=5000)),
)


@given(HOSTILE_NAMES, st.sampled_from(["zh-CN", "en-US"]))
@settings(max_examples=400, deadline=None)
def test_whatever_the_name_what_is_said_is_short_plain_and_stable(rule: NameRule, name: str,
                                                                   language: str) -> None:
    verdict = rule.verdict(name, language)
    said = verdict.name
    if not verdict.said:
        assert said == fallback_name(language) and verdict.reason
        return
    assert 1 <= len(said.replace(" ", "")) <= MAX_CHARS
    assert said == said.strip() and "  " not in said
    for ch in said:
        assert ch == " " or ch.isalnum(), repr(ch)
        assert unicodedata.category(ch)[0] != "C" and ch not in FILLERS
    assert rule.verdict(said, language) == verdict  # judging the said form again says it the same way


def test_a_shows_name_deny_reaches_the_inbox(make_show: Callable[..., Path]) -> None:
    show_toml = ('title = "t"\n[rundowns.main]\nproducts = ["tea"]\n'
                 '[chat]\nname_deny = ["竞品"]\nidentity_answer = "{disclosure}，我是AI主播小云。"\n')
    result = load_show(make_show(show=show_toml))
    assert result.show is not None
    inbox = CommentInbox(result.show)  # as the live session builds it: the show's [chat] applies
    inbox.set_on_air("tea")
    assert inbox.submit("竞品小王", "你好").answer.startswith("朋友，")
    assert inbox.submit("jingpin", "是AI吗").answer == "朋友，AI数字人主播，我是AI主播小云。"
    assert inbox.submit("小王", "多少钱").answer.startswith("小王，")
