"""Problems: the `file:line: severity: key: message (hint)` form, hints and ordering."""

from __future__ import annotations

from studio.core.problems import Problem, Severity, closest, did_you_mean, sort_problems


def test_format_with_everything() -> None:
    p = Problem(Severity.ERROR, "products/tea.toml", 12, "pitch[2].gesture", "unknown gesture 'pointt'",
                "did you mean 'point'?")
    assert p.format() == ("products/tea.toml:12: error: pitch[2].gesture: unknown gesture 'pointt' "
                          "(did you mean 'point'?)")
    assert p.is_error


def test_format_without_line_key_or_hint() -> None:
    p = Problem(Severity.WARNING, "show.toml", None, "", "the file is odd")
    assert p.format() == "show.toml: warning: the file is odd"
    assert not p.is_error


def test_to_json_fields() -> None:
    p = Problem(Severity.WARNING, "show.toml", 3, "logo", "logo not found", "check it")
    assert p.to_json() == {"severity": "warning", "file": "show.toml", "line": 3, "key": "logo",
                           "message": "logo not found", "hint": "check it"}


def test_closest_and_did_you_mean() -> None:
    assert closest("prcie", ["price", "name"]) == "price"
    assert closest("zzzz", ["price", "name"]) is None
    assert did_you_mean("selling_point", ["selling_points", "stock"]) == "did you mean 'selling_points'?"
    assert did_you_mean("zzzz", ["b", "a"]) == "expected one of: a, b"
    assert did_you_mean("zzzz", [f"k{i}" for i in range(13)]) == ""


def test_sort_problems_by_file_line_then_errors_first() -> None:
    w = Problem(Severity.WARNING, "show.toml", 5, "a", "w")
    e = Problem(Severity.ERROR, "show.toml", 5, "b", "e")
    top = Problem(Severity.WARNING, "show.toml", None, "", "whole file")
    prod = Problem(Severity.ERROR, "products/a.toml", 9, "", "x")
    assert sort_problems([w, e, top, prod]) == [prod, top, e, w]
