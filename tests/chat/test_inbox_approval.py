"""FAQ answers with warning wording: queued only when approved (or when the show allows warnings)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from studio.chat.inbox import DROPPED, QUEUED
from studio.show.loader import load_show

from .conftest import Box

FAQ = '[[faq]]\nkeywords = ["保修"]\nanswer = [{ text = "永久保修，放心买"APPROVAL }]\n'


@pytest.mark.parametrize(("approval", "policy", "outcome"), [
    ("", "", DROPPED),
    (', approved = ["永久"]', "", QUEUED),
    ("", '[compliance]\nwarnings = "allow"\n', QUEUED),
])
def test_an_answer_with_unapproved_warning_wording_is_not_queued(
        make_inbox: Callable[..., Box], make_show: Callable[..., Path], approval: str, policy: str,
        outcome: str) -> None:
    products = {"tea": 'name = "龙井"\nprice = 168\npitch = ["你好"]\n' + FAQ.replace("APPROVAL", approval)}
    show = 'title = "t"\n' + policy + '\n[rundowns.main]\nproducts = ["tea"]\n'
    result = load_show(make_show(show=show, products=products))
    assert result.show is not None, [p.format() for p in result.problems]
    box = make_inbox("tea", the_show=result.show)
    receipt = box.inbox.submit("a", "保修多久")
    assert receipt.outcome == outcome
    if outcome == DROPPED:
        assert receipt.reason == "answer blocked by compliance: unapproved warning '永久' (absolute)"


def test_a_name_that_would_bring_warning_wording_is_not_said(
        make_inbox: Callable[..., Box], monkeypatch: pytest.MonkeyPatch) -> None:
    """Defence in depth behind the name rule: a name that slipped through with warning wording
    (永久 here, injected) would hold the whole answer off the air, so the host says 朋友 instead."""
    box = make_inbox("tea")
    monkeypatch.setattr(box.inbox._moderator, "safe_name", lambda user, language=None: "永久会员")
    receipt = box.inbox.submit("永久会员", "多少钱")
    assert receipt.outcome == QUEUED
    assert receipt.answer.startswith("朋友，"), receipt.answer
    assert "永久" not in receipt.answer
