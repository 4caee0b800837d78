"""The bundled lexicon: every file loads, every entry is complete, reachable and documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.compliance import Checker, Level, LexiconError, load_lexicon
from studio.compliance.lexicon import load_catalog, parse_catalog, parse_terms
from studio.compliance.normalize import fold

DOCS = Path(__file__).resolve().parents[2] / "docs" / "compliance.md"
REQUIRED_CATEGORIES = {"absolute", "authority", "medical", "guarantee", "urgency"}


def test_lexicon_covers_the_required_categories_in_both_languages() -> None:
    terms = load_lexicon().terms
    assert len(terms) >= 250
    assert {t.category for t in terms} >= REQUIRED_CATEGORIES
    for category in REQUIRED_CATEGORIES:
        in_category = [t.text for t in terms if t.category == category]
        assert any(t.isascii() for t in in_category), f"{category} has no English terms"
        assert any(not t.isascii() for t in in_category), f"{category} has no Chinese terms"


@pytest.mark.parametrize("text", ["最佳", "第一", "首个", "首家", "唯一", "顶级", "极致", "国家级", "万能", "100%",
                                  "绝对", "永久", "权威", "专家推荐", "特供", "驰名商标", "治疗", "治愈", "药到病除",
                                  "抗癌", "减肥神器", "保证有效", "无效退款", "零风险", "#1", "best ever",
                                  "guaranteed", "cure", "miracle", "risk-free"])
def test_terms_named_in_the_issue_are_listed(text: str) -> None:
    assert text in {t.text for t in load_lexicon().terms}


def test_every_term_has_basis_category_and_rewrite() -> None:
    catalog = load_catalog()
    for t in load_lexicon().terms:
        assert t.category in catalog.categories
        assert t.basis.id in catalog.bases and t.basis.citation
        assert t.severity in (Level.BLOCK, Level.WARN)
        assert t.rewrite, f"{t.text} ({t.source}) has no suggested rewrite"
        assert fold(t.text), f"{t.text} folds to nothing"


def test_every_exemption_phrase_contains_a_term_of_its_entry() -> None:
    terms = load_lexicon().terms
    for t in terms:
        siblings = {fold(s.text) for s in terms if s.unless == t.unless and s.source == t.source}
        for phrase in t.unless:
            assert any(s in fold(phrase) for s in siblings), f"{phrase!r} exempts none of {siblings}"


def test_every_term_is_found_when_written_plainly(checker: Checker) -> None:
    # Guards against an exemption or boundary rule that swallows its own term.
    by_folded: dict[str, str] = {}
    for t in load_lexicon().terms:
        by_folded.setdefault(fold(t.text), t.text)
    for t in load_lexicon().terms:
        language = "en-US" if t.text.isascii() else "zh-CN"
        found = checker.check(f"“{t.text}”", language)
        assert [f.term for f in found] == [by_folded[fold(t.text)]], t.text


def test_docs_name_every_category_and_basis() -> None:
    text = DOCS.read_text(encoding="utf-8")
    catalog = load_catalog()
    for cid in catalog.categories:
        assert f"`{cid}`" in text, f"docs/compliance.md does not describe category {cid}"
    for bid in catalog.bases:
        assert f"`{bid}`" in text, f"docs/compliance.md does not describe basis {bid}"


CATALOG = """
[category.absolute]
title = "绝对化用语"
[basis.b]
citation = "《广告法》第九条"
summary = "s"
"""


@pytest.mark.parametrize(("body", "message"), [
    ('category = "nope"\n[[term]]\ntext = "x"\nbasis = "b"', "unknown category"),
    ('category = "absolute"\nbasis = "b"\n[[term]]\ntext = "x"\nseverity = "stop"', "severity must be block or warn"),
    ('category = "absolute"\n[[term]]\ntext = "x"\nbasis = "zz"', "unknown basis"),
    ('category = "absolute"\nbasis = "b"\n[[term]]\ntext = "x"\nunless_re = ["("]', "unless_re"),
    ('category = "absolute"\nbasis = "b"\n[[term]]\ntext = "x"\ncolour = "red"', "unknown keys"),
    ('category = "absolute"\nbasis = "b"\n[[term]]\ntext = ""', "non-empty"),
    ('category = "absolute"\nbasis = "b"', "no [[term]] entries"),
    ('category = "absolute"\nbasis = "b"\n[[term]\ntext = "x"', "t.toml"),
    ('category = "absolute"\nbasis = "b"\nhomophones = "yes"\n[[term]]\ntext = "x"',
     "homophones must be true or false"),
])
def test_malformed_term_files_are_refused_with_their_place(body: str, message: str) -> None:
    catalog = parse_catalog("catalog.toml", CATALOG)
    with pytest.raises(LexiconError, match=message.replace("[", r"\[")):
        parse_terms("t.toml", body, catalog)


def test_a_term_file_entry_may_list_several_terms() -> None:
    catalog = parse_catalog("catalog.toml", CATALOG)
    terms = parse_terms("t.toml", 'category = "absolute"\nbasis = "b"\n[[term]]\ntext = ["甲", "乙"]\n'
                                  'severity = "warn"\nrewrite = "丙"', catalog)
    assert [(t.text, t.severity, t.rewrite, t.basis.id) for t in terms] == [
        ("甲", Level.WARN, "丙", "b"), ("乙", Level.WARN, "丙", "b")]


def test_a_file_may_switch_same_sound_matching_on_for_every_entry_with_the_guard() -> None:
    catalog = parse_catalog("catalog.toml", CATALOG)
    terms = parse_terms("t.toml", 'category = "absolute"\nbasis = "b"\nhomophones = true\n[[term]]\ntext = "甲"\n'
                                  '[[term]]\ntext = "乙"\nhomophones = true\n[[term]]\ntext = "丙"\nhomophones = false',
                        catalog)
    # Switched on by the file: guarded; by the entry itself (vetted one by one): not guarded.
    assert [(t.text, t.homophones, t.homophone_guard) for t in terms] == [
        ("甲", True, True), ("乙", True, False), ("丙", False, False)]
