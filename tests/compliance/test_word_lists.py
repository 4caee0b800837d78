"""Per-show word lists: parsing `[compliance]` with located problems, and their effect on checks."""

from __future__ import annotations

from typing import Any

import pytest

from studio.compliance import Checker, DenyTerm, Level, ShowWordLists, parse_word_lists
from studio.core.problems import Severity
from studio.core.toml import KeyPath, TomlReader

Reported = list[tuple[str, KeyPath, str, str]]


class Recorder(TomlReader):
    """The located-TOML reader, keeping each problem's raw key path (the loader formats it)."""

    def __init__(self) -> None:
        super().__init__("show.toml")
        self.seen: Reported = []

    def report(self, severity: Severity, path: KeyPath, message: str, hint: str = "",
               line: int | None = None) -> None:
        self.seen.append(("error" if severity is Severity.ERROR else "warn", path, message, hint))


def parse(table: Any) -> tuple[ShowWordLists, Reported]:
    reader = Recorder()
    lists = parse_word_lists(table, reader)
    return lists, reader.seen


def test_absent_table_gives_empty_lists() -> None:
    assert parse(None) == (ShowWordLists(), [])


def test_plain_lists() -> None:
    lists, seen = parse({"allow": ["第一", " 国家级非遗 "], "deny": ["竞品"]})
    assert seen == []
    assert lists == ShowWordLists(("第一", "国家级非遗"), (DenyTerm("竞品"),))


def test_deny_table_entry() -> None:
    lists, seen = parse({"deny": [{"term": "秒杀同行", "category": "absolute", "severity": "warn",
                                    "basis": "平台规则", "rewrite": "很有竞争力"}]})
    assert seen == []
    assert lists.deny == (DenyTerm("秒杀同行", "absolute", Level.WARN, "平台规则", "很有竞争力"),)


@pytest.mark.parametrize(("table", "expected"), [
    ("第一", ("error", ("compliance",), 'must be a table, got text "第一"')),
    ({"alow": []}, ("warn", ("compliance", "alow"), "unknown key 'alow' is ignored")),
    ({"allow": 3}, ("error", ("compliance", "allow"), "must be a list of texts, got the number 3")),
    ({"allow": [""]}, ("error", ("compliance", "allow", 0), "empty allow entry")),
    ({"allow": [7]}, ("error", ("compliance", "allow", 0), "allow entry must be text, got the number 7")),
    ({"allow": ["！！"]}, ("error", ("compliance", "allow", 0), "'！！' has no letters or characters to match")),
    ({"allow": ["x" * 51]}, ("error", ("compliance", "allow", 0),
                             "the allow entry is 51 characters long; at most 50")),
    ({"allow": ["第一", "第一"]}, ("warn", ("compliance", "allow", 1), "'第一' is listed twice")),
    ({"deny": True}, ("error", ("compliance", "deny"), "must be a list, got true (true/false)")),
    ({"deny": [3]}, ("error", ("compliance", "deny", 0), "a deny entry must be text or a table, got the number 3")),
    ({"deny": [{"severity": "warn"}]}, ("error", ("compliance", "deny", 0, "term"), "a deny entry needs a term")),
    ({"deny": [{"term": "x", "severity": "stop"}]},
     ("error", ("compliance", "deny", 0, "severity"), "severity must be \"block\" or \"warn\", got 'stop'")),
    ({"deny": [{"term": "x", "category": "absolut"}]},
     ("error", ("compliance", "deny", 0, "category"), "unknown category 'absolut'")),
    ({"deny": [{"term": "x", "basis": 9}]},
     ("error", ("compliance", "deny", 0, "basis"), "basis must be text, got the number 9")),
    ({"deny": [{"term": "x", "colour": "red"}]},
     ("warn", ("compliance", "deny", 0, "colour"), "unknown key 'colour' is ignored")),
    ({"deny": ["竞品", {"term": "竞品"}]}, ("warn", ("compliance", "deny", 1),
                                             "'竞品' is listed twice; the first entry is used")),
    ({"allow": ["竞品"], "deny": ["竞品"]}, ("warn", ("compliance", "deny", 0),
                                            "'竞品' is both allowed and denied; deny wins")),
])
def test_problems_are_located(table: Any, expected: tuple[str, KeyPath, str]) -> None:
    _, seen = parse(table)
    assert [(kind, path, message) for kind, path, message, _ in seen] == [expected]


def test_category_typo_gets_a_suggestion() -> None:
    _, seen = parse({"deny": [{"term": "x", "category": "absolut"}]})
    assert seen[0][3] == "did you mean 'absolute'?"


def test_bad_entries_are_left_out_and_good_ones_kept() -> None:
    lists, _ = parse({"allow": ["", "首发"], "deny": [{"term": ""}, "竞品", {"term": "x", "severity": "stop"}]})
    assert lists.allow == ("首发",)
    assert lists.deny == (DenyTerm("竞品"), DenyTerm("x"))


def test_both_allowed_and_denied_is_denied() -> None:
    lists, _ = parse({"allow": ["竞品"], "deny": ["竞品"]})
    assert lists.allow == ()


# ---- effect on checking ----

def test_allowing_a_term_switches_it_off_in_every_spelling() -> None:
    checker = Checker(lists=ShowWordLists(allow=("第一",)))
    assert checker.check("品质第一名") == []
    assert checker.check("di一名") == []
    assert [f.term for f in checker.check("全网最佳")] == ["最佳"]


def test_allowing_a_term_does_not_allow_a_stronger_frame_around_it() -> None:
    # 全网最 is a term of its own: "best on the whole net" claims more than "best".
    checker = Checker(lists=ShowWordLists(allow=("最佳",)))
    assert checker.check("这是最佳的茶") == []
    assert [f.term for f in checker.check("全网最佳")] == ["全网最"]


def test_allowing_a_phrase_exempts_only_that_phrase() -> None:
    checker = Checker(lists=ShowWordLists(allow=("国家级非遗项目",)))
    assert checker.check("这是国家级非遗项目") == []
    assert checker.check("这是國家級非遗项目") == []
    assert [f.term for f in checker.check("这是国家级工艺")] == ["国家级"]


def test_deny_adds_a_blocking_custom_term_caught_in_disguise_too() -> None:
    checker = Checker(lists=ShowWordLists(deny=(DenyTerm("竞品"),)))
    for text, form in [("别买竞品", "exact"), ("别买竞 品", "disguised"), ("别买jing品", "pinyin")]:
        (f,) = checker.check(text)
        assert (f.term, f.category, f.severity, f.form.value) == ("竞品", "custom", Level.BLOCK, form)
        assert "show.toml [compliance] deny" in f.basis


def test_deny_table_uses_a_catalog_basis_or_the_operators_citation() -> None:
    checker = Checker(lists=ShowWordLists(deny=(
        DenyTerm("包过", "guarantee", Level.WARN, "ad-law-4-28", "认真学习"),
        DenyTerm("秒杀同行", basis="平台规则：禁止贬低同行"),
    )))
    (a,) = checker.check("保证包过")
    assert (a.category, a.severity, a.basis_id, a.rewrite) == ("guarantee", Level.WARN, "ad-law-4-28", "认真学习")
    assert a.basis.startswith("《广告法》第四条")
    (b,) = checker.check("价格秒杀同行")
    assert b.basis == "平台规则：禁止贬低同行"


def test_deny_re_rates_a_lexicon_term_and_keeps_its_exemptions() -> None:
    checker = Checker(lists=ShowWordLists(deny=(DenyTerm("最好", severity=Level.WARN),)))
    (f,) = checker.check("最好的茶")
    assert (f.severity, f.rewrite) == (Level.WARN, "口碑很好、很推荐")
    assert checker.check("最好冷藏") == []


def test_checkers_with_lists_do_not_change_the_shared_lexicon(checker: Checker) -> None:
    Checker(lists=ShowWordLists(allow=("最佳",), deny=(DenyTerm("茶"),)))
    assert [f.term for f in checker.check("最佳的茶")] == ["最佳"]
