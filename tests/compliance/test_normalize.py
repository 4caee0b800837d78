"""Folding: width, case, accents, traditional forms and separators, with offsets back to the text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.compliance.normalize import fold, fold_with_offsets, is_separator


@pytest.mark.parametrize(("text", "folded"), [
    ("最 佳", "最佳"),
    ("最-佳", "最佳"),
    ("最\u3000佳", "最佳"),
    ("最\u200b佳", "最佳"),
    ("🔥最★佳", "最佳"),
    ("ＢＥＳＴ", "best"),
    ("𝐛𝐞𝐬𝐭", "best"),
    ("Café", "cafe"),
    ("zuì jiā", "zuijia"),
    ("國家級", "国家级"),
    ("髮質", "发质"),
    ("⼀", "一"),
    ("①", "1"),
    ("１００％", "100%"),
    ("＃１", "#1"),
    ("Ｎｏ．１", "no1"),
])
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_hash_and_percent_survive_because_claims_use_them() -> None:
    assert not is_separator("#") and not is_separator("%")
    assert is_separator("!") and is_separator("。") and is_separator(" ") and is_separator("\u200d")


def test_offsets_point_at_the_original_characters() -> None:
    folded, origin = fold_with_offsets("最，佳⑩!")
    assert folded == "最佳10"
    assert origin == [0, 2, 3, 3]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_offsets_always_line_up(text: str) -> None:
    folded, origin = fold_with_offsets(text)
    assert folded == fold(text)
    assert len(origin) == len(folded)
    assert origin == sorted(origin)
    for i, o in enumerate(origin):
        assert 0 <= o < len(text)
        assert folded[i] in fold(text[o])
