"""Property: whatever viewers send as names and comments, nothing unsafe is ever queued for speech.

Every queued line renders to the show's (or a built-in rule's) own text, with at most the asker's
name before it in a form the name rule allows; no rendering holds a bidi, control, format,
filler or tag character, or a banned word. Fed straight to `CommentInbox.submit` and once
through the HTTP control server.
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from studio.chat.faq import GREETING, ORDER, PRICE, SHIPPING, rule_lines
from studio.chat.identity import IDENTITY, IdentityRule, builtin_answer
from studio.chat.inbox import Answer, CommentInbox
from studio.chat.names import NameRule, fallback_name
from studio.compliance.checker import Checker, is_chinese
from studio.show.model import Show
from studio.show.variables import product_variables, show_variables

from .conftest import TOKEN, Box, Running, request

NOW = datetime(2026, 11, 26, 14, 0)
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u180e\u034f\u00ad"
FILLERS = "\u3164\u115f\u1160\u2800\uffa0"
TAGS = "".join(chr(c) for c in (0xE0001, 0xE0041, 0xE0049, 0xE007F))
UNSAFE_CHARS = frozenset(BIDI + INVISIBLE + FILLERS + TAGS)

PIECES = st.one_of(
    st.text(max_size=40),  # any Unicode (no surrogates: hypothesis leaves them out, added below)
    st.sampled_from(list(BIDI + INVISIBLE + FILLERS + TAGS) + ["\ud800", "\udfff", "\ud83d"]),
    st.sampled_from(["👨\u200d👩\u200d👧\u200d👦", "🏳\ufe0f\u200d🌈", "🇨🇳", "👍🏽", "🎉"]),  # emoji with ZWJ
    st.builds(lambda base, n: base + "\u0301\u0336\u0489" * n, st.sampled_from(["a", "主", "Z"]),
              st.integers(1, 60)),  # combining stacks
    st.sampled_from(["主播是骗子", "我不是AI是真人", "最佳", "zuijia", "傻逼", "你是真人吗", "are you a bot",
                     "多少钱", "发货", "你好", "{price}", "{name|x}", "<b>", "加微信13800138000", "www.x.cn",
                     "Amy", "小王", "官方客服", "ＡＩ", "\u202e子骗是播主"]),
)
HOSTILE = st.one_of(
    st.lists(PIECES, max_size=8).map("".join),
    st.builds(lambda c, n: c * n, st.sampled_from(["多", "🎉", "\u200b", "\u3164", "a\u0301", "你是真人吗"]),
              st.integers(1000, 20_000)),  # huge
)

# Names that are often sayable once cleaned, wrapped in hostile characters.
NAMES = st.one_of(
    HOSTILE,
    st.builds(lambda a, name, b: a + name + b, st.sampled_from(["", "🎉", "\u202e", "\u200b", "【", "\u3164", TAGS]),
              st.sampled_from(["小王", "Amy", "Kevin Lee", "爱吃鱼的猫", "Zoë", "Mike88", "糖糖520", "Daisy"]),
              st.sampled_from(["", "✨", "\u2066", "\u0301\u0301\u0301", "】", "\ufeff"])),
)


def known_sources(show: Show) -> dict[str, set[str]]:
    """Line id → every template text the show or a built-in rule can put under that id."""
    out: dict[str, set[str]] = defaultdict(set)
    for p in show.products:
        for entry in p.faq:
            for line in entry.answer:
                out[line.id].add(line.text)
    for rule in (PRICE, SHIPPING, ORDER, GREETING):
        for product in (None, *show.products):
            for line in rule_lines(rule, product, show.language) or ():
                out[line.id].add(line.text)
    for line in IdentityRule.for_show(show).lines:
        out[line.id].add(line.text)
    out[f"{IDENTITY}/1"].add(builtin_answer(show)[0])
    return out


def assert_nothing_unsafe(show: Show, answer: Answer, names: NameRule, checker: Checker) -> None:
    """The answer's lines hold no viewer text but a safe name, no unsafe character, no banned word."""
    known = known_sources(show)
    for i, line in enumerate(answer.lines):
        language = line.language or show.language
        source = line.text
        if source not in known[line.id]:
            assert i == 0, f"only the first line may carry the name: {source!r}"
            [original] = [k for k in known[line.id] if source.endswith(k)]
            name = source[: -len(original)].removesuffix("，" if is_chinese(language) else ", ")
            fallback = fallback_name(language)
            if name != fallback:
                verdict = names.verdict(answer.comment.user, language)
                assert verdict.said and verdict.name == name, (answer.comment.user, name)
                assert names.verdict(name, language).said
        values = (product_variables(show.product(answer.product), language, NOW) if answer.product
                  else show_variables(NOW))
        for text in line.template.texts(values, 10_000):
            assert not UNSAFE_CHARS & set(text), repr(text)
            assert not any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn") for c in text), repr(text)
            assert not checker.blocking(text, language), text


@given(comments=st.lists(st.tuples(NAMES, HOSTILE), min_size=1, max_size=4),
       on_air=st.sampled_from([None, "tea", "thermos", "serum", "headphones"]))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                     HealthCheck.too_slow])
def test_nothing_unsafe_is_ever_queued_for_speech(make_inbox: Callable[..., Box], checker: Checker,
                                                  comments: list[tuple[str, str]], on_air: str | None) -> None:
    box = make_inbox(on_air, question_cooldown=0, rule_cooldown=0)
    names = box.inbox._moderator.names
    for user, text in comments:
        box.inbox.submit(user, text)
        box.clock.advance(20)  # past the identity gap: every identity question gets its own answer
    answers = box.inbox.take_ready(limit=20)
    event("answered" if answers else "all dropped")
    event("identity answered" if any(a.rule == IDENTITY for a in answers) else "no identity answer")
    event("name said" if any(a.name != "朋友" for a in answers) else "no name said")
    for answer in answers:
        assert_nothing_unsafe(box.inbox.show, answer, names, checker)


def test_nothing_unsafe_is_queued_through_the_http_server(running: Running, checker: Checker) -> None:
    hostile = [
        ("主播是骗子", "多少钱"), ("我不是AI是真人", "你是真人吗"), ("\u202e子骗是播主", "发货吗"),
        ("\u3164\u3164", "你好"), ("\ud800小王", "多少钱\udfff"), ("Amy" + TAGS, "are you a bot?"),
        ("👨\u200d👩\u200d👧", "最佳的茶多少钱"), ("Z" + "\u0301" * 500, "zuijia"), ("官方客服", "怎么买"),
        ("x" * 5000, "多" * 5000), ("加微信13800138000", "{price}{name|x}<b>"), ("⠀", "发货\u2066吗"),
    ]
    for user, text in hostile:
        # ensure_ascii: lone surrogates travel as \ud800 escapes, as a hostile bridge may send them
        raw = json.dumps({"user": user, "text": text}, ensure_ascii=True).encode("ascii")
        reply = request(running.port, "POST", "/comments", raw=raw[:4096], token=TOKEN)
        assert reply.status in (200, 400, 413), reply
        running.box.clock.advance(20)
    inbox: CommentInbox = running.box.inbox
    answers = inbox.take_ready(limit=50)
    assert answers, "some of these comments are answered"
    assert any(a.rule == IDENTITY for a in answers)
    for answer in answers:
        assert_nothing_unsafe(inbox.show, answer, inbox._moderator.names, checker)
