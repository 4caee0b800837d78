"""Approved wording in show files: `approved = […]` on lines and products, `[compliance] warnings`."""

from __future__ import annotations

import pytest

from studio.compliance.wordlists import WARNINGS_ALLOW, WARNINGS_APPROVE
from studio.core.problems import Severity

SHOW = 'title = "Test show"\n\n[rundowns.main]\nproducts = ["tea"]\n'
HEAD = 'name = "明前龙井"\nprice = 168\n'


def products(pitch: str, head: str = HEAD) -> dict[str, str]:
    return {"tea": head + pitch}


def test_line_and_product_approvals_are_loaded(make_show, load) -> None:
    head = 'name = "万能锅"\nprice = 99\napproved = ["万能"]\n'
    pitch = ('pitch = [\n  { text = "全球首发", approved = ["全球首发", " 首家 "] },\n  "你好",\n]\n'
             '[[faq]]\nkeywords = ["保修"]\nanswer = { text = "永久保修", approved = "永久" }\n')
    show = load(make_show(products=products(pitch, head))).show
    assert show is not None
    tea = show.product("tea")
    assert tea.approved == ("万能",)
    assert [line.approved for line in tea.pitch] == [("全球首发", "首家"), ()]
    assert tea.faq[0].answer[0].approved == ("永久",)
    assert show.compliance.warnings == WARNINGS_APPROVE  # strict unless the show says otherwise


@pytest.mark.parametrize(("value", "key", "severity", "message"), [
    ("42", "pitch[0].approved", Severity.ERROR, "must be a list of approved terms, got the number 42"),
    ("[1]", "pitch[0].approved[0]", Severity.ERROR, "an approval must be text, got the number 1"),
    ('[""]', "pitch[0].approved[0]", Severity.WARNING, "empty approval is ignored"),
    ('["首家", "首家"]', "pitch[0].approved[1]", Severity.WARNING, "'首家' is approved twice"),
    (f'["{"很" * 51}"]', "pitch[0].approved[0]", Severity.ERROR,
     "the approval is 51 characters long; at most 50"),
])
def test_bad_approvals_are_located(make_show, load, only, value: str, key: str, severity: Severity,
                                   message: str) -> None:
    pitch = f'pitch = [\n  {{ text = "首家采用", approved = {value} }},\n]\n'
    p = only(load(make_show(products=products(pitch))), key=key)
    assert (p.file, p.line, p.severity, p.message) == ("products/tea.toml", 4, severity, message)


def test_the_warning_policy_is_read_and_checked(make_show, load, only) -> None:
    allow = load(make_show(show='title = "t"\n[compliance]\nwarnings = "allow"\n\n'
                                '[rundowns.main]\nproducts = ["tea"]\n',
                           products=products('pitch = ["你好"]\n')))
    assert allow.show is not None and allow.show.compliance.warnings == WARNINGS_ALLOW
    bad = load(make_show(show='title = "t"\n[compliance]\nwarnings = "aprove"\n\n[rundowns.main]\nproducts = ["tea"]\n',
                         products=products('pitch = ["你好"]\n')))
    p = only(bad, key="compliance.warnings")
    assert (p.file, p.line, p.severity) == ("show.toml", 3, Severity.ERROR)
    assert p.message == "warnings must be \"approve\" or \"allow\", got 'aprove'"
    assert p.hint.startswith("did you mean 'approve'? — approve: warning wording airs only once approved")
