"""Disclosure labels for the stage (visible) and the recorder (implicit, in file metadata)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from studio import __version__
from studio.checks.disclosure import DisclosureLabels, disclosure_labels, disclosure_problems
from studio.compliance.disclosure import DisclosureMissing, ai_denial, says_ai
from studio.core.problems import Severity
from studio.show.loader import load_show
from studio.show.model import Show


@pytest.fixture
def demo(demo_show: Path) -> Show:
    show = load_show(demo_show).show
    assert show is not None
    return show


def test_labels_of_the_demo_show(demo: Show) -> None:
    labels = disclosure_labels(demo, producer="云集好物", content_id="rec-20260201-2000")
    assert isinstance(labels, DisclosureLabels)
    assert labels.visible == "AI数字人主播 · 内容由AI生成"
    assert labels.metadata["comment"] == f"AIGC: {labels.visible}"
    assert json.loads(labels.metadata["AIGC"]) == {
        "Label": "1", "ContentProducer": "云集好物", "ProduceID": "rec-20260201-2000",
        "ReservedCode1": "", "ContentPropagator": "", "PropagateID": "", "ReservedCode2": "",
    }


def test_default_producer_names_studio(demo: Show) -> None:
    implicit = json.loads(disclosure_labels(demo).metadata["AIGC"])
    assert implicit["ContentProducer"] == f"studio/{__version__}"


def test_visible_label_is_one_tidy_line(demo: Show) -> None:
    labels = disclosure_labels(dataclasses.replace(demo, disclosure="  AI数字人\n主播  "))
    assert labels.visible == "AI数字人 主播"


@pytest.mark.parametrize("label", ["", "  ", "\t\n"])
def test_no_labels_without_a_disclosure(demo: Show, label: str) -> None:
    with pytest.raises(DisclosureMissing):
        disclosure_labels(dataclasses.replace(demo, disclosure=label))


@pytest.mark.parametrize(("label", "expected"), [
    ("AI数字人主播", True), ("AI-generated host", True), ("ai host", True), ("虚拟主播", True),
    ("内容由人工智能生成", True), ("digital presenter", True), ("AIGC内容", True),
    ("欢迎光临", False), ("Maintained by our staff", False), ("Live shop", False), ("", False),
])
def test_says_ai(label: str, expected: bool) -> None:
    assert says_ai(label) is expected


@pytest.mark.parametrize("label", [
    "本主播非AI", "不是AI", "并非AI主播", "本直播无AI", "没有使用AI", "内容非AI生成", "真人主播", "主播为真人",
    "真人直播 · 无剪辑", "not AI", "non-AI host", "No AI here", "Not AI-generated", "human host", "a real person",
    "AI avatar voiced by a live human", "主播是活人",
    "AI数字人主播，主播为真人",  # says AI and denies it: the denial wins
    "本主播並非ＡＩ",  # traditional and full width
])
def test_a_label_that_denies_ai_is_an_error(demo: Show, label: str) -> None:
    [problem] = disclosure_problems(dataclasses.replace(demo, disclosure=label), line=7)
    assert problem.severity is Severity.ERROR and (problem.file, problem.line, problem.key) == (
        "show.toml", 7, "disclosure")
    assert "denies that the host is AI-generated" in problem.message
    assert "say affirmatively" in problem.hint
    assert ai_denial(label)


@pytest.mark.parametrize("label", [
    "AI数字人主播 · 内容由AI生成", "AI数字人，不是真人", "本主播不是真人主播，是AI", "虚拟主播，非真人",
    "AI-generated host, not a real person", "AI host (not a human presenter)", "除非AI出错，价格以详情页为准 · AI主播",
    "Digital human host", "AI-generated live host", "AI数字人 · 生活人气好物",  # "human host", "live", "活人" inside
])
def test_a_negated_human_claim_affirms_ai(demo: Show, label: str) -> None:
    assert not ai_denial(label)
    assert says_ai(label)
    assert disclosure_problems(dataclasses.replace(demo, disclosure=label)) == []


@pytest.mark.parametrize("label", ["本主播非AI", "not AI", "no AI", "Not AI-generated", "无人工智能"])
def test_a_negated_mention_does_not_count_as_saying_ai(label: str) -> None:
    # The "does not say AI" warning and the denial error agree: a denial never "says AI".
    assert not says_ai(label)


def test_a_label_that_says_nothing_of_ai_is_still_a_warning(demo: Show) -> None:
    [problem] = disclosure_problems(dataclasses.replace(demo, disclosure="欢迎光临"))
    assert problem.severity is Severity.WARNING and "does not say the host is AI-generated" in problem.message
