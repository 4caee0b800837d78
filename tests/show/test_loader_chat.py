"""`[chat]` in show.toml: the AI identity answer (reworded, never off) and words kept out of viewer names."""

from __future__ import annotations

import pytest

from studio.core.problems import Severity
from studio.show.model import ChatConfig

SHOW = 'title = "Test show"\n\n[rundowns.main]\nproducts = ["tea"]\n\n[chat]\n'  # [chat] is line 6


def test_no_chat_table_means_the_built_in_rules(make_show, load) -> None:
    result = load(make_show())
    assert result.problems == () and result.show.chat == ChatConfig()


def test_a_reworded_identity_answer_and_extra_name_words(make_show, load) -> None:
    result = load(make_show(show=SHOW + 'identity_answer = "{disclosure}。我是AI主播小云，有问题尽管问。"\n'
                                        'name_deny = ["竞品店", "rivalshop"]\n'))
    assert result.problems == ()
    assert result.show.chat == ChatConfig("{disclosure}。我是AI主播小云，有问题尽管问。", ("竞品店", "rivalshop"))


def test_the_answer_may_rely_on_the_disclosure_label(make_show, load) -> None:
    show = 'disclosure = "AI数字人主播"\n' + SHOW + 'identity_answer = "您好，我是{disclosure}。"\n'
    assert load(make_show(show=show)).problems == ()


@pytest.mark.parametrize(("value", "message"), [
    ("false", "cannot be switched off"),
    ('""', "cannot be switched off"),
    ('"   "', "cannot be switched off"),
    ('"我是真人主播，欢迎来到直播间"', "denies that the host is AI ('是真人')"),
    ('"{disclosure}，但我不是AI"', "denies that the host is AI ('不是ai')"),
    ('"I am a human host"', "denies that the host is AI ('human host')"),
    ('"欢迎来到直播间，有问题尽管问"', "does not say that the host is AI-generated"),
    ('"我是AI主播，{name}今天{price}元"', "only {disclosure} (the show's AI label) may be filled in here"),
    ('"我是AI主播' + "呀" * 300 + '"', "at most 300"),
    ("3", "must be text"),
])
def test_an_identity_answer_that_does_not_affirm_ai_is_a_located_error(make_show, load, only, value: str,
                                                                       message: str) -> None:
    result = load(make_show(show=SHOW + f"identity_answer = {value}\n"))
    assert result.show is None
    p = only(result, key="chat.identity_answer")
    assert (p.severity, p.file, p.line) == (Severity.ERROR, "show.toml", 7)
    assert message in p.message and p.hint


def test_a_label_that_denies_ai_makes_the_default_wording_of_the_answer_no_better(make_show, load, only) -> None:
    # The answer is judged with the show's label filled in: "{disclosure}" alone says what the label says.
    result = load(make_show(show='disclosure = "真人主播"\n' + SHOW + 'identity_answer = "{disclosure}"\n'))
    assert "denies" in only(result, key="chat.identity_answer").message


@pytest.mark.parametrize(("value", "key", "message"), [
    ('["!!!"]', "chat.name_deny[0]", "has no letters"),
    ('["' + "长" * 51 + '"]', "chat.name_deny[0]", "at most 50"),
    ("3", "chat.name_deny", "must be a list of texts"),
    ('["ok", 3]', "chat.name_deny[1]", "must be text"),
    ('["ok", 3, "？！"]', "chat.name_deny[2]", "has no letters"),  # located at its own index
])
def test_bad_name_words_are_located_errors(make_show, load, only, value: str, key: str, message: str) -> None:
    result = load(make_show(show=SHOW + f"name_deny = {value}\n"))
    p = only(result, key=key)
    assert p.severity is Severity.ERROR and p.line == 7 and message in p.message


def test_unknown_chat_keys_are_warnings_with_a_suggestion(make_show, load, only) -> None:
    result = load(make_show(show=SHOW + 'name_denny = ["x"]\nread_comments = true\n'))
    assert result.show is not None
    assert "did you mean 'name_deny'" in only(result, key="chat.name_denny").hint
    only(result, key="chat.read_comments", severity=Severity.WARNING)  # there is no such setting


def test_chat_must_be_a_table(make_show, load, only) -> None:
    result = load(make_show(show='title = "t"\nchat = "on"\n[rundowns.main]\nproducts = ["tea"]\n'))
    assert only(result, key="chat").severity is Severity.ERROR
