"""Disclosure labels for the stage (visible) and the recorder (implicit, in file metadata)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from studio import __version__
from studio.compliance import DisclosureLabels, disclosure_labels
from studio.compliance.disclosure import DisclosureMissing, says_ai
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
    assert labels.metadata["comment"] == labels.visible
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
