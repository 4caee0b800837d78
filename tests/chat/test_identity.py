"""AI identity questions: recognised in every disguise and language, always answered with the disclosure."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from studio.chat.identity import ANSWERS, IDENTITY, LANGUAGES, IdentityRule, base_language, show_languages
from studio.chat.inbox import ANSWERED, DROPPED, QUEUED
from studio.chat.moderation import sanitize
from studio.compliance.disclosure import ai_denial, says_ai
from studio.show.loader import load_show
from studio.show.model import ChatConfig, Line, Show
from studio.show.templates import Template

from .conftest import Box

ASKED_ZH = [
    "主播是真人吗", "你是不是真人", "你是机器人吗", "是AI吗", "人工智能", "主播是真的人吗", "真人还是AI",
    "主播是真人嗎",  # traditional
    "你是機器人嗎", "是ＡＩ吗", "ＡＩ主播吧",  # full width
    "真 人 吗", "是 A I 吗", "是-不-是-真-人",  # spaces and punctuation
    "zhen ren ma", "ni shi ji qi ren ma", "shi bu shi AI", "ZhenRenMa",  # pinyin
    "主播真人？", "AI?", "你是谁", "有人吗", "是数字人吗", "虚拟主播？", "是不是录播", "自动回复吗",
    "真\u200b人\u202e吗",  # invisible characters inside
]
ASKED_EN = [
    "are you real", "Are you a bot?", "are you human", "is this AI", "R U A BOT", "areyouabot",
    "you're a bot", "youre fake", "human or AI?", "who are you", "Am I talking to a real person?",
    "is the host a robot", "ARE YOU AN AI", "Are you ChatGPT?", "bot?", "is there a human here",
    "ａｒｅ ｙｏｕ ｒｅａｌ",
]
NOT_ASKED = [
    "多少钱", "这个娃娃是真人大小吗", "扫地机器人吗", "是真人发吗", "真人秀好看", "发货快吗", "你好",
    "AI智能音箱多少钱", "有人买过吗", "is this real leather?", "is it fake?", "how much", "hello",
    "really?", "this robot vacuum is great", "are you shipping today", "Aidan here", "",
]


@pytest.fixture
def rule(show: Show) -> IdentityRule:
    return IdentityRule.for_show(show)


@pytest.mark.parametrize("text", ASKED_ZH + ASKED_EN)
def test_identity_questions_are_recognised_in_any_disguise(rule: IdentityRule, text: str) -> None:
    assert rule.asks(sanitize(text)), text


@pytest.mark.parametrize("text", NOT_ASKED)
def test_product_questions_that_share_the_words_are_not(rule: IdentityRule, text: str) -> None:
    assert not rule.asks(sanitize(text)), text


# One question per language set, written as a native speaker types it (accents and all).
PER_LANGUAGE = {
    "ja": "あなたはAIですか？", "ko": "사람이에요?", "es": "¿Eres humano?", "pt": "Você é um robô?",
    "fr": "Tu es réel ?", "de": "Bist du ein Roboter?", "ru": "Ты бот?", "vi": "Bạn là người thật không?",
    "id": "Apakah kamu manusia?", "ms": "Awak robot ke?", "th": "เป็นคนจริงไหม",
}


def test_every_language_set_has_a_sample_and_an_answer() -> None:
    assert set(PER_LANGUAGE) | {"zh", "en"} == set(LANGUAGES) == set(ANSWERS)


@pytest.mark.parametrize(("language", "question"), sorted(PER_LANGUAGE.items()))
def test_a_shows_language_adds_its_keyword_set(show: Show, language: str, question: str) -> None:
    chinese_show = IdentityRule.for_show(show)
    assert not chinese_show.asks(sanitize(question))  # not a language of the demo show
    own = IdentityRule.for_show(replace(show, language=f"{language}-XX"))
    assert own.asks(sanitize(question))
    assert {"zh", "en", language} == own.languages
    # A line in that language is enough: "every language a show uses".
    tea = show.product("tea")
    line = Line(id="tea/pitch/9", template=Template.parse("…"), language=language)
    with_line = replace(show, products=tuple(replace(p, pitch=p.pitch + (line,)) if p.id == "tea" else p
                                             for p in show.products))
    assert language in show_languages(with_line) and tea.pitch
    assert IdentityRule.for_show(with_line).asks(sanitize(question))


def test_a_language_without_a_set_falls_back_to_english_and_chinese(show: Show) -> None:
    italian = IdentityRule.for_show(replace(show, language="it-IT", disclosure="Presentatore AI"))
    assert italian.languages == {"zh", "en"}
    assert italian.asks("are you a bot?") and italian.asks("你是真人吗")
    [line] = italian.lines
    assert line.language == "en-US"  # said by an English voice
    assert line.text.startswith("Presentatore AI: I'm an AI-generated host")


def test_language_tags_are_read_by_their_base() -> None:
    assert [base_language(t) for t in ("zh-CN", "cmn-Hans", "yue", "EN-us", "in", "ms-MY")] == [
        "zh", "zh", "zh", "en", "id", "ms"]


def test_the_answer_is_the_shows_disclosure_affirmed(rule: IdentityRule, show: Show) -> None:
    [line] = rule.lines
    assert line.id == f"{IDENTITY}/1" and line.language is None
    assert line.text == "AI数字人主播 · 内容由AI生成：我是由AI生成的数字人主播，不是真人。有问题尽管在评论区问我哦。"
    assert line.template.render({}) == line.text  # literal: a label with braces is never parsed
    english = IdentityRule.for_show(replace(show, language="en-US", disclosure="AI-generated host"))
    assert english.lines[0].text.startswith("AI-generated host: I'm an AI-generated host, not a real person.")


@pytest.mark.parametrize("language", sorted(ANSWERS))
def test_every_built_in_answer_affirms_ai_and_denies_nothing(language: str) -> None:
    text = ANSWERS[language].replace("{disclosure}", "AI-generated host")
    assert says_ai(text) and not ai_denial(text), text


def test_the_operator_may_reword_the_answer(show: Show) -> None:
    own = replace(show, chat=ChatConfig(identity_answer="大家好，{disclosure}，我是AI主播小云。"))
    [line] = IdentityRule.for_show(own).lines
    assert line.text == "大家好，AI数字人主播 · 内容由AI生成，我是AI主播小云。"


# ---- in the inbox ----

def test_an_identity_question_is_answered_with_the_disclosure(make_inbox: Callable[..., Box]) -> None:
    box = make_inbox("tea")
    receipt = box.inbox.submit("小王", "主播是真人吗？")
    assert receipt.outcome == QUEUED and receipt.rule == IDENTITY and receipt.product is None
    assert receipt.answer.startswith("小王，AI数字人主播 · 内容由AI生成：我是由AI生成的数字人主播")
    [answer] = box.inbox.take_ready()
    assert answer.rule == IDENTITY
    [event] = box.events
    assert (event.outcome, event.rule, event.user) == (ANSWERED, IDENTITY, "小王")


@pytest.mark.parametrize("text", [
    "多少钱？你是真人吗",  # also a price question
    "你是机器人吗，怎么下单",  # also an order question
    "主播是真人吗 最佳",  # carries a banned word (the answer never quotes it)
    "傻逼主播是AI吗",  # carries an insult
    "zuijia 主播是真人吗",  # a banned word in pinyin
])
def test_the_identity_answer_wins_over_every_other_rule_and_any_banned_word(
        make_inbox: Callable[..., Box], text: str) -> None:
    box = make_inbox("tea")
    receipt = box.inbox.submit("路人", text)
    assert (receipt.outcome, receipt.rule) == (QUEUED, IDENTITY), receipt
    [answer] = box.inbox.take_ready()
    for line in answer.lines:
        assert "最佳" not in line.text and "傻" not in line.text and "zuijia" not in line.text


def test_the_identity_answer_goes_first_and_is_never_pushed_out(make_inbox: Callable[..., Box]) -> None:
    box = make_inbox("tea", max_queue=3, max_age=90)
    for i, q in enumerate(["多少钱", "保质期", "发货"]):
        box.inbox.submit(f"u{i}", q)
    assert box.inbox.submit("asker", "are you a bot?").rule == IDENTITY
    for i, q in enumerate(["续航", "蓝牙", "颜色", "你好"]):  # a flood after it
        assert box.inbox.submit(f"v{i}", q).outcome == QUEUED
    assert box.inbox.pending() == 3
    box.clock.advance(200)  # older than max_age: ordinary answers go stale, the disclosure does not
    taken = box.inbox.take_ready(limit=10)
    assert [a.rule for a in taken] == [IDENTITY]
    dropped = [e.reason for e in box.events if e.outcome == DROPPED]
    assert sum("queue full" in r for r in dropped) == 5 and sum("not answered within" in r for r in dropped) == 2


def test_askers_while_the_answer_waits_join_it(make_inbox: Callable[..., Box]) -> None:
    box = make_inbox("tea")
    first = box.inbox.submit("甲", "你是真人吗")
    second = box.inbox.submit("乙", "are you real?")
    assert second.outcome == QUEUED and second.answer == first.answer
    assert box.inbox.pending() == 1  # one answer serves both
    box.inbox.take_ready()
    assert [(e.user, e.outcome, e.rule) for e in box.events] == [("甲", ANSWERED, IDENTITY), ("乙", ANSWERED, IDENTITY)]


def test_a_later_asker_is_answered_once_the_gap_has_passed(make_inbox: Callable[..., Box]) -> None:
    # Decision (docs/chat.md): never dropped for a cooldown; at most one disclosure answer per
    # identity_gap (15 s) on air, so a flood of "are you real" cannot fill the show with it.
    box = make_inbox("tea", identity_gap=15)
    box.inbox.submit("甲", "你是真人吗")
    assert [a.rule for a in box.inbox.take_ready()] == [IDENTITY]  # on air at t0
    box.clock.advance(3)
    again = box.inbox.submit("乙", "你是真人吗")  # the same words: no duplicate cooldown for this rule
    assert (again.outcome, again.rule) == (QUEUED, IDENTITY)
    box.inbox.submit("丙", "多少钱")
    assert [a.rule for a in box.inbox.take_ready()] == ["tea/faq1"]  # the price answer goes meanwhile
    assert box.inbox.take_ready() == []
    box.clock.advance(11.9)  # t0 + 14.9 s
    assert box.inbox.take_ready() == []
    box.clock.advance(0.2)  # t0 + 15.1 s: the second asker's answer
    [answer] = box.inbox.take_ready()
    assert answer.rule == IDENTITY and answer.name == "乙"


def test_an_operator_answer_that_the_checker_blocks_falls_back_to_the_built_in_one(
        make_inbox: Callable[..., Box], show: Show) -> None:
    own = replace(show, chat=ChatConfig(identity_answer="{disclosure}，我是全网最佳的AI主播。"))
    box = make_inbox("tea", the_show=own)
    receipt = box.inbox.submit("小王", "你是机器人吗")
    assert receipt.rule == IDENTITY and "最佳" not in receipt.answer
    assert "我是由AI生成的数字人主播" in receipt.answer


def test_an_english_show_answers_in_english_and_says_friend(make_inbox: Callable[..., Box], show: Show) -> None:
    english = replace(show, language="en-US", disclosure="AI-generated host")
    box = make_inbox(None, the_show=english)
    receipt = box.inbox.submit("小王", "are you human?")
    assert receipt.answer.startswith("friend, AI-generated host: I'm an AI-generated host")


def test_the_rule_follows_a_show_change(make_inbox: Callable[..., Box], show: Show) -> None:
    box = make_inbox("tea")
    assert not box.inbox.submit("a", "Bist du ein Roboter?").rule
    box.inbox.replace_show(replace(show, language="de-DE", disclosure="KI-Moderator"))
    receipt = box.inbox.submit("b", "Bist du ein Roboter?")
    assert receipt.rule == IDENTITY and "KI-Moderator. Ich bin ein KI-generierter Moderator" in receipt.answer


def test_a_show_file_can_reword_but_not_switch_off_the_answer(make_show: Callable[..., Path]) -> None:
    base = 'title = "t"\n[rundowns.main]\nproducts = ["tea"]\n'
    ok = load_show(make_show(show=base + '[chat]\nidentity_answer = "{disclosure}：我是AI主播。"\n'))
    assert ok.show is not None and ok.show.chat.identity_answer == "{disclosure}：我是AI主播。"
    off = load_show(make_show(show=base + "[chat]\nidentity_answer = false\n"))
    assert off.show is None
    [problem] = off.errors
    assert (problem.file, problem.line, problem.key) == ("show.toml", 5, "chat.identity_answer")
    assert "cannot be switched off" in problem.message
