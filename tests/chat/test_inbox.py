"""The inbox: cooldowns, de-duplication, the capped queue, naming the asker, as-run events, fuzzing."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from dataclasses import fields
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.chat.inbox import ANSWERED, DROPPED, QUEUED, Answer, ChatSettings, CommentInbox
from studio.compliance.checker import Checker
from studio.show.loader import load_show
from studio.show.model import Show
from studio.show.variables import product_variables, show_variables

from .conftest import Box

NOW = datetime(2026, 11, 26, 14, 0)


def spoken_texts(show: Show, answer: Answer) -> list[str]:
    """Every text the answer's lines can be rendered to, as the planner fills them."""
    out = []
    for line in answer.lines:
        language = line.language or show.language
        values = (product_variables(show.product(answer.product), language, NOW) if answer.product
                  else show_variables(NOW))
        out += line.template.texts(values, 10_000)
    return out


def test_an_answer_addresses_the_asker_and_is_recorded(make_inbox: Callable[..., Box]) -> None:
    box = make_inbox("tea")
    receipt = box.inbox.submit("小王🎉🎉", "多少钱？")
    assert receipt.outcome == QUEUED and receipt.rule == "tea/faq1" and receipt.product == "tea"
    assert receipt.answer == "小王，明前西湖龙井 250g今天直播间价格是168元，点击下方小黄车 1号链接。"
    assert box.events == []  # nothing recorded off the owner's thread
    [answer] = box.inbox.take_ready()
    assert answer.product == "tea" and answer.name == "小王" and answer.question == "多少钱?"
    assert answer.lines[0].text == "小王，{name}今天直播间价格是{price}元，{link}。"
    assert answer.lines[0].id == "tea/faq1/1"  # the show's line id, so the as-run log can tell
    [event] = box.events
    assert (event.outcome, event.rule, event.user, event.question, event.product) == (
        ANSWERED, "tea/faq1", "小王", "多少钱?", "tea")
    assert event.answer == receipt.answer and event.time == NOW
    assert box.inbox.take_ready() == []


def test_naming_can_be_switched_off(make_inbox: Callable[..., Box]) -> None:
    box = make_inbox("tea", address_viewers=False)
    box.inbox.submit("小王", "保质期多久")
    [answer] = box.inbox.take_ready()
    assert answer.lines[0].text.startswith("密封避光保存")


def test_english_shows_address_with_a_comma(make_inbox: Callable[..., Box], show: Show) -> None:
    from dataclasses import replace

    english = replace(show, language="en-US")
    box = make_inbox(None, the_show=english)
    receipt = box.inbox.submit("Amy!!", "hello")
    assert receipt.outcome == QUEUED and receipt.answer.startswith("Amy, ")


def test_a_name_that_would_form_a_banned_word_with_the_answer_is_replaced(
        make_inbox: Callable[..., Box], make_show: Callable[..., Path]) -> None:
    products = {"tea": 'name = "龙井"\nprice = 168\npitch = ["今天{price}元"]\n'
                       '[[faq]]\nkeywords = ["口碑"]\nanswer = "好评很多哦。"\n'}
    result = load_show(make_show(products=products))
    assert result.show is not None
    box = make_inbox("tea", the_show=result.show)
    # "小最" alone is clean, and so is the answer, but "小最，好评…" reads as 最好 once folded.
    receipt = box.inbox.submit("小最", "口碑怎么样")
    assert receipt.outcome == QUEUED and receipt.answer == "朋友，好评很多哦。"
    [answer] = box.inbox.take_ready()
    for text in spoken_texts(box.inbox.show, answer):
        assert not box.inbox._moderator.checker.blocking(text, "zh-CN")


def test_an_answer_with_a_banned_word_is_dropped(make_inbox: Callable[..., Box],
                                                  make_show: Callable[..., Path]) -> None:
    products = {"tea": 'name = "龙井"\nprice = 168\npitch = ["今天{price}元"]\n'
                       '[[faq]]\nkeywords = ["口碑"]\nanswer = "{口碑很好|全网最佳}。"\n'}
    result = load_show(make_show(products=products))
    assert result.show is not None
    box = make_inbox("tea", the_show=result.show)
    receipt = box.inbox.submit("a", "口碑怎么样")
    assert receipt.outcome == DROPPED and receipt.rule == "tea/faq1"
    assert receipt.reason.startswith("answer blocked by compliance: banned word")


def test_the_same_question_is_answered_once_per_cooldown(make_inbox: Callable[..., Box]) -> None:
    box = make_inbox("tea", question_cooldown=60, rule_cooldown=0)
    assert box.inbox.submit("a", "保质期多久").outcome == QUEUED
    dup = box.inbox.submit("b", "保质期  多久！")  # the same once normalised
    assert dup.outcome == DROPPED and dup.reason.startswith("duplicate")
    box.clock.advance(59)
    assert box.inbox.submit("c", "保质期多久").outcome == DROPPED
    box.clock.advance(2)
    assert box.inbox.submit("d", "保质期多久").outcome == QUEUED


def test_one_rule_is_answered_once_per_rule_cooldown(make_inbox: Callable[..., Box]) -> None:
    box = make_inbox("tea", rule_cooldown=30)
    assert box.inbox.submit("a", "多少钱").outcome == QUEUED
    second = box.inbox.submit("b", "价格是多少")  # another wording, the same answer
    assert second.outcome == DROPPED and second.rule == "tea/faq1" and "30 s" in second.reason
    box.inbox.set_on_air("serum")
    assert box.inbox.submit("c", "价格呢").outcome == QUEUED  # another product's answer
    box.clock.advance(31)
    box.inbox.set_on_air("tea")
    assert box.inbox.submit("d", "几块钱").outcome == QUEUED


def test_the_queue_is_capped_and_drops_the_oldest(make_inbox: Callable[..., Box]) -> None:
    box = make_inbox("tea", max_queue=3)
    questions = ["多少钱", "保质期", "发货", "续航", "蓝牙", "颜色"]
    for i, q in enumerate(questions):
        assert box.inbox.submit(f"u{i}", q).outcome == QUEUED
    assert box.inbox.pending() == 3
    answers = box.inbox.take_ready(limit=10)
    assert [a.question for a in answers] == ["续航", "蓝牙", "颜色"]  # oldest dropped first, FIFO
    dropped = [e for e in box.events if e.outcome == DROPPED]
    assert [e.question for e in dropped] == ["多少钱", "保质期", "发货"]
    assert all("queue full" in e.reason for e in dropped)


def test_answers_are_taken_one_at_a_time_by_default(make_inbox: Callable[..., Box]) -> None:
    box = make_inbox("tea")
    box.inbox.submit("a", "多少钱")
    box.inbox.submit("b", "保质期")
    assert len(box.inbox.take_ready()) == 1 and box.inbox.pending() == 1


def test_stale_answers_are_dropped(make_inbox: Callable[..., Box]) -> None:
    box = make_inbox("tea", max_age=90)
    box.inbox.submit("a", "多少钱")
    box.clock.advance(91)
    assert box.inbox.take_ready() == []
    assert box.events[-1].outcome == DROPPED and "90 s" in box.events[-1].reason


def test_every_drop_is_recorded_with_its_reason(make_inbox: Callable[..., Box]) -> None:
    box = make_inbox("tea")
    box.inbox.submit("a", "最佳的是哪款")
    box.inbox.submit("b", "今天天气不错")
    box.inbox.submit("c", "\u200b\u202e")
    box.inbox.take_ready()
    reasons = [e.reason for e in box.events]
    assert reasons[0].startswith("banned word '最佳'")
    assert reasons[1] == "no matching answer"
    assert reasons[2] == "empty after cleaning"
    assert all(e.outcome == DROPPED for e in box.events)
    assert box.inbox.stats() == {"pending": 0, "received": 3, "queued": 0, "dropped": 3}


def test_a_viewers_words_are_never_read_aloud(make_inbox: Callable[..., Box]) -> None:
    # DESIGN: nothing a viewer typed is spoken. There is no setting that could turn it on.
    assert not {"read_comments", "max_read"} & {f.name for f in fields(ChatSettings)}
    with pytest.raises(TypeError):
        ChatSettings(read_comments=True)  # type: ignore[call-arg]
    box = make_inbox("tea")
    box.inbox.submit("小王", "多少钱<b>{price}</b>呀，主播是骗子")
    [answer] = box.inbox.take_ready()
    assert [line.id for line in answer.lines] == ["tea/faq1/1"]  # the FAQ answer alone, no quote line
    assert answer.lines[0].text == "小王，{name}今天直播间价格是{price}元，{link}。"
    for text in spoken_texts(box.inbox.show, answer):
        assert "<b>" not in text and "骗子" not in text


def test_an_unsafe_name_is_never_said(make_inbox: Callable[..., Box]) -> None:
    box = make_inbox("tea")
    assert box.inbox.submit("主播是骗子", "多少钱").answer.startswith("朋友，")  # from the issue
    assert box.inbox.submit("我不是AI是真人", "保质期多久").answer.startswith("朋友，")
    [first, second] = box.inbox.take_ready(limit=2)
    assert first.name == second.name == "朋友"
    for answer in (first, second):
        for text in spoken_texts(box.inbox.show, answer):
            assert "骗子" not in text and "真人" not in text
    assert [e.user for e in box.events] == ["朋友", "朋友"]  # the as-run log has the said form too


def test_a_show_change_drops_answers_for_removed_products(make_inbox: Callable[..., Box], show: Show) -> None:
    from dataclasses import replace

    box = make_inbox("tea")
    box.inbox.submit("a", "多少钱")
    box.inbox.replace_show(replace(show, products=tuple(p for p in show.products if p.id != "tea")))
    assert box.inbox.take_ready() == []
    assert box.events[-1].reason == "the product left the show"


def test_submitting_from_many_threads_is_safe(make_inbox: Callable[..., Box]) -> None:
    box = make_inbox("tea", max_queue=1000, question_cooldown=0, rule_cooldown=0)

    def post(n: int) -> None:
        for i in range(25):
            box.inbox.submit(f"u{n}", random.choice(["多少钱", "保质期", "发货", "你好"]) + str(i))

    threads = [threading.Thread(target=post, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert box.inbox.stats()["received"] == 200
    assert len(box.inbox.take_ready(limit=1000)) == 200 == len(box.events)


# ---- fuzzing: hostile comment text never crashes the inbox and never puts a banned word on air ----

HOSTILE = st.one_of(
    st.text(max_size=400),
    st.text(alphabet=st.sampled_from(list("最佳第一国家级zuijia醉 \u200b\u202e\u2066🎉<>{}|多少钱价格你好发货")),
            max_size=80),
    st.builds(lambda a, b: a + b, st.sampled_from(["多少钱", "你好", "发货吗", "hello ", "续航"]),
              st.text(max_size=60)),
    st.builds(lambda c, n: c * n, st.sampled_from(["多", "🎉", "\u200b", "a\u0301", "<b>"]),
              st.integers(min_value=1000, max_value=10_000)),
)


@given(user=st.text(max_size=300), text=HOSTILE,
       on_air=st.sampled_from([None, "tea", "thermos", "serum", "headphones"]))
@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_hostile_comments_never_crash_or_air_a_banned_word(make_inbox: Callable[..., Box], checker: Checker,
                                                            user: str, text: str, on_air: str | None) -> None:
    box = make_inbox(on_air)
    receipt = box.inbox.submit(user, text)
    answers = box.inbox.take_ready(limit=5)
    assert len(box.events) == 1
    if receipt.outcome == DROPPED:
        assert answers == [] and receipt.reason
        return
    [answer] = answers
    assert len(answer.name) <= 16 and len(answer.question) <= 200
    for spoken in spoken_texts(box.inbox.show, answer):
        assert not checker.blocking(spoken, "zh-CN"), spoken
        assert not any(c in spoken for c in "\u200b\u202e\u2066\x00")


def test_ten_thousand_characters_are_handled_quickly(make_inbox: Callable[..., Box]) -> None:
    box = make_inbox("tea")
    receipt = box.inbox.submit("x" * 10_000, "多少钱" + "呀" * 10_000)
    assert receipt.outcome == QUEUED
    [answer] = box.inbox.take_ready()
    assert answer.name == "朋友" and len(answer.question) == 200  # too long to be a nickname


def test_inbox_is_usable_without_a_clock_or_recorder(show: Show) -> None:
    inbox = CommentInbox(show)
    inbox.set_on_air("tea")
    delivered = []
    inbox.submit("a", "多少钱")
    assert inbox.pump(lambda product, lines, comment: delivered.append((product, lines, comment.user))) == 1
    assert delivered[0][0] == "tea" and delivered[0][2] == "a"
