"""Approved wording: warning terms air only once approved for their line, and `studio check` says so."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from studio.checks.approval import hold_reasons, line_verdict
from studio.checks.wording import check_wording
from studio.compliance import Checker, ShowWordLists
from studio.compliance.approval import UNAPPROVED, judge
from studio.compliance.wordlists import WARNINGS_ALLOW
from studio.core.problems import Problem, Severity
from studio.show.loader import load_show
from studio.show.model import Line, Show, SourceRef
from studio.show.templates import Template

ZH = "zh-CN"
SHOW = 'title = "Test show"\n\n[rundowns.main]\nproducts = ["tea"]\n'
HEAD = 'name = "明前龙井"\nprice = 168\n'


@pytest.fixture
def load(make_show: Callable[..., Path]) -> Callable[..., tuple[Show, list[Problem]]]:
    """Build and load a show (it must load); return it with its wording problems."""

    def run(pitch: str, head: str = HEAD, show: str = SHOW) -> tuple[Show, list[Problem]]:
        result = load_show(make_show(show=show, products={"tea": head + pitch}))
        assert result.show is not None, [p.format() for p in result.problems]
        return result.show, check_wording(result.show, result.show.compliance)

    return run


def test_an_approved_warning_is_listed_as_approved_not_as_a_warning(load) -> None:
    _, found = load('pitch = [\n  { text = "全球首发的新茶", approved = ["全球首发"] },\n]\n')
    (p,) = found
    assert (p.severity, p.line, p.key) == (Severity.NOTE, 4, "pitch[0]")
    assert p.message.startswith("'全球首发': 绝对化用语 / absolute term, approved: it airs as written")
    assert p.format().startswith("products/tea.toml:4: note: pitch[0]: '全球首发'")


def test_an_unapproved_warning_says_it_will_be_skipped_and_how_to_approve(load) -> None:
    _, found = load('pitch = [\n  "全球首发的新茶",\n]\n')
    (p,) = found
    assert (p.severity, p.line) == (Severity.WARNING, 4)
    assert "will be skipped on air until approved" in p.message
    assert 'approved = ["全球首发"] in pitch[0]' in p.hint


def test_an_edit_that_brings_in_a_new_warning_term_needs_a_new_approval(load) -> None:
    _, found = load('pitch = [\n  { text = "全球首发，永久保修", approved = ["全球首发"] },\n]\n')
    assert [(p.severity, p.message.split(":")[0]) for p in found] == [
        (Severity.WARNING, "'永久'"), (Severity.NOTE, "'全球首发'")]


def test_approvals_are_compared_folded(load) -> None:
    _, found = load('pitch = [\n  { text = "全球首发的新茶", approved = ["全球首發"] },\n]\n')
    assert [p.severity for p in found] == [Severity.NOTE]


def test_a_stale_approval_is_a_located_warning(load) -> None:
    _, found = load('pitch = [\n  { text = "很好喝的新茶", approved = ["全球首发"] },\n]\n')
    (p,) = found
    assert (p.severity, p.line, p.key) == (Severity.WARNING, 4, "pitch[0].approved")
    assert p.message == "'全球首发' is approved, but the line does not say it (a stale approval)"


def test_a_block_term_cannot_be_approved(load) -> None:
    _, found = load('pitch = [\n  { text = "全网最佳的茶", approved = ["最佳"] },\n]\n')
    assert [p.severity for p in found] == [Severity.ERROR, Severity.WARNING]
    assert "an approval cannot put it on air" in found[1].message


def test_faq_answers_and_filler_lines_take_approvals_too(load) -> None:
    show = 'filler = [\n  { text = "万能的主播陪你聊", approved = ["万能"] },\n]\n' + SHOW
    faq = '[[faq]]\nkeywords = ["保修"]\nanswer = [{ text = "永久保修", approved = ["永久"] }]\n'
    _, found = load('pitch = ["你好"]\n' + faq, show=show)
    assert [(p.file, p.key, p.severity) for p in found] == [
        ("products/tea.toml", "faq[0].answer[0]", Severity.NOTE),
        ("show.toml", "filler[0]", Severity.NOTE)]


def test_a_product_name_is_approved_for_the_product(load) -> None:
    head = 'name = "万能锅"\nprice = 99\napproved = ["万能"]\n'
    _, found = load('pitch = ["{name}来了"]\n', head=head)
    assert [(p.key, p.severity) for p in found] == [("name", Severity.NOTE)]
    _, found = load('pitch = ["{name}来了"]\n', head='name = "万能锅"\nprice = 99\n')
    (p,) = found
    assert p.key == "name" and "will be skipped on air until approved" in p.message
    assert 'lines that say {name} are skipped until then: approve it with approved = ["万能"]' in p.hint


def test_a_show_that_allows_warnings_lists_them_as_plain_warnings(load) -> None:
    show = SHOW + '[compliance]\nwarnings = "allow"\n'
    show_, found = load('pitch = ["全球首发的新茶"]\n', show=show)
    assert show_.compliance.warnings == WARNINGS_ALLOW
    (p,) = found
    assert p.severity is Severity.WARNING and "skipped" not in p.message


# ---- the verdict on air ----

TEA_LINE_12 = SourceRef("products/tea.toml", 12)


def _line(text: str, approved: tuple[str, ...] = (), source: SourceRef = TEA_LINE_12) -> Line:
    return Line("tea/pitch/1", Template.parse(text), source=source, approved=approved)


@pytest.mark.parametrize(("text", "approved", "airs"), [
    ("今天的茶很好喝", (), True),
    ("全球首发的新茶", (), False),
    ("全球首发的新茶", ("全球首发",), True),
    ("全球首发，永久保修", ("全球首发",), False),
    ("quan qiu shou fa 的新茶", ("全球首发",), True),  # approved by term, however it is written
    ("全网最佳的茶", ("最佳",), False),  # block terms are never approved
])
def test_judge(checker: Checker, text: str, approved: tuple[str, ...], airs: bool) -> None:
    assert judge(checker, text, ZH, approved).airs is airs


def test_a_show_that_allows_warnings_airs_them(checker: Checker) -> None:
    verdict = judge(checker, "全球首发的新茶", ZH, policy=WARNINGS_ALLOW)
    assert verdict.airs and [f.term for f in verdict.allowed] == ["全球首发"]


def test_reasons_say_what_and_where_to_approve(checker: Checker) -> None:
    line = _line("全球首发的新茶")
    verdict = judge(checker, line.text, ZH, line.approved)
    assert hold_reasons(verdict, line) == [
        f"{UNAPPROVED}: 全球首发 (absolute) — approve it in the console or in products/tea.toml:12"]
    one_off = _line("全球首发的新茶", source=SourceRef(""))
    assert hold_reasons(verdict, one_off)[0].endswith(
        '— reword it, or set warnings = "allow" under [compliance] in show.toml')


def test_terms_in_the_product_name_follow_the_product_approval(load, checker: Checker) -> None:
    show, _ = load('pitch = ["{name}来了，万能"]\n', head='name = "万能锅"\nprice = 99\napproved = ["万能"]\n')
    line = show.product("tea").pitch[0]
    verdict = line_verdict(checker, show, line, "万能锅来了，万能", ZH, "tea")
    # the name is approved for the product; the second 万能 is the line's own, and not approved
    assert [f.start for f in verdict.approved] == [0]
    assert [f.start for f in verdict.unapproved] == [6]
    assert not verdict.airs


def test_the_show_lists_decide_by_default(checker: Checker) -> None:
    lists = ShowWordLists(warnings=WARNINGS_ALLOW)
    assert not lists.needs_approval and ShowWordLists().needs_approval


# ---- studio check ----

def test_studio_check_lists_approved_wording_and_says_what_unapproved_wording_will_do(
        make_show, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from studio.cli import main

    root = make_show(show=SHOW, products={"tea": HEAD + 'pitch = [\n  { text = "全球首发", approved = ["全球首发"] },\n'
                                                         '  "首家采用",\n]\n'})
    assert main(["check", str(root)]) == 0
    out, err = capsys.readouterr()
    assert ("products/tea.toml:4: note: pitch[0]: '全球首发': 绝对化用语 / absolute term, approved: it airs as written"
            in out)
    assert "products/tea.toml:5: warning: pitch[1]: '首家'" in out and "will be skipped on air until approved" in out
    assert "(0 errors, 1 warning, 1 note)" in err
    assert main(["check", "--json", str(root)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["warnings"], report["notes"]) == (1, 1)
    assert [(p["severity"], p["key"]) for p in report["problems"]] == [("note", "pitch[0]"), ("warning", "pitch[1]")]
