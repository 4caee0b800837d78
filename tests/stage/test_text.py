"""Text layout without Qt: Chinese line-breaking rules, balanced wrapping, shrink-to-fit, ellipsis."""

from __future__ import annotations

import pytest

from studio.stage.scene import Font
from studio.stage.text import (
    NO_LINE_END,
    NO_LINE_START,
    ApproxMetrics,
    balanced_wrap,
    fit_text,
    shrink_to_width,
    units,
    wrap,
)

F = Font(10)
M = ApproxMetrics()


def measure(s: str) -> float:
    return M.advance(s, F)


def lines(text: str, width: float, keep: tuple[tuple[int, int], ...] = ()) -> list[str]:
    return [text[s.start:s.end] for s in wrap(text, width, measure, keep)]


SAMPLES = [
    "日常价238元，今天直播间只要168元，直接省70元，相当于7.1折！",
    "《西湖龙井》是「明前」头采，（限量）供应……库存只有500罐。",
    "Hi everyone, these are the AirWave headphones with active noise cancelling.",
    "蓝牙5.3，苹果和安卓手机都能连——还支持两台设备同时连接。",
    "“好喝！”她说：‘真的好喝。’",
]


@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize("width", [60.0, 75.0, 100.0, 150.0])
def test_kinsoku_rules_hold_at_every_width(text: str, width: float) -> None:
    out = lines(text, width)
    assert "".join(out).replace(" ", "") == text.replace(" ", ""), "no character may be lost or added"
    for i, line in enumerate(out):
        assert line == line.strip(" ")
        if i > 0:
            assert line[0] not in NO_LINE_START, f"line {i} starts with closing punctuation: {out}"
        if i < len(out) - 1:
            assert line[-1] not in NO_LINE_END, f"line {i} ends with opening punctuation: {out}"
        # Only a unit wider than the whole line may overflow, and then it is split by characters.
        assert measure(line) <= width + 1e-6 or len(line) == 1


def test_latin_words_and_numbers_stay_whole() -> None:
    text = "Hi everyone, these are the AirWave headphones"
    out = lines(text, 60.0)
    words = {w.strip(",") for w in text.split()}
    for line in out:
        for w in line.split():
            assert w.strip(",") in words, f"'{w}' is a split word: {out}"
    for width in (30.0, 40.0, 50.0, 60.0):  # "¥168" is about 2.5 em wide
        out = lines("今天只要¥168元到手价", width)
        assert any("¥168" in line for line in out), f"the price was split: {out}"


def test_dashes_and_ellipses_are_never_split() -> None:
    for width in (40.0, 45.0, 60.0, 75.0):
        for line in lines("真的——太好用了……不信你试试", width):
            assert not line.startswith(("—", "…")), line
            assert line.count("—") in (0, 2) and line.count("…") in (0, 2), line


def test_units_attach_punctuation() -> None:
    text = "（限量）好茶，送礼。"
    pieces = [text[a:b] for a, b in units(text)]
    assert pieces[0] == "（限"
    assert "量）" in pieces
    assert "茶，" in pieces and "礼。" in pieces


def test_timed_words_are_kept_together() -> None:
    text = "这款玻尿酸补水精华是我自己也在用的"
    keep = ((2, 5), (5, 7), (7, 9))  # 玻尿酸 补水 精华, as a speech engine's word timings give them
    for width in (40.0, 55.0, 75.0, 95.0):
        out = lines(text, width, keep)
        joined = [0]
        for line in out:
            joined.append(joined[-1] + len(line))
        for a, b in keep:
            assert not any(a < cut < b for cut in joined), f"{text[a:b]} was split: {out}"


def test_a_word_longer_than_the_line_is_split_by_characters() -> None:
    text = "https://example.com/averyveryverylongpathwithoutanyspaces"
    out = lines(text, 40.0)
    assert "".join(out) == text
    assert all(measure(line) <= 40.0 for line in out)


def test_balanced_wrap_keeps_line_count_and_evens_lengths() -> None:
    text = "日常价238元，今天直播间只要168元，直接省70元"
    greedy = wrap(text, 160.0, measure)
    balanced = balanced_wrap(text, 160.0, measure)
    assert len(balanced) == len(greedy) == 2
    widths = [measure(text[s.start:s.end]) for s in balanced]
    greedy_widths = [measure(text[s.start:s.end]) for s in greedy]
    assert max(widths) - min(widths) < max(greedy_widths) - min(greedy_widths)


def test_fit_text_shrinks_before_wrapping_and_ellipsizes_last() -> None:
    name = "明前西湖龙井 250g"
    fitted = fit_text(name, 200.0, 2, Font(20), 14, M)
    assert fitted.font.size == 20 and len(fitted.lines) == 1 and not fitted.truncated
    long = "云集好物旗舰店官方正品明前特级西湖龙井绿茶礼盒装二百五十克罐装送礼长辈自饮两相宜新茶上市限时包邮顺丰发货假一赔十正品保障"
    fitted = fit_text(long, 200.0, 2, Font(20), 14, M)
    assert fitted.font.size == 14, "shrinks to the minimum before giving up"
    assert len(fitted.lines) == 2 and fitted.truncated and fitted.lines[-1].endswith("…")
    assert all(M.advance(line, fitted.font) <= 200.0 for line in fitted.lines)


def test_shrink_to_width() -> None:
    f = shrink_to_width("123456789", 100.0, Font(40, 800, True), 10, M)
    assert M.advance("123456789", f) <= 100.0
    assert f.size >= 10 and f.weight == 800 and f.numeric
    assert shrink_to_width("1", 100.0, Font(40), 10, M) == Font(40)
