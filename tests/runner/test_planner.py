"""The planner: schedule switches, variants that differ across loops, operator commands, resume."""

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from studio.core.assets import demo_show_path
from studio.runner.planner import FAQ, FILLER, ONE_OFF, PITCH, Planner, Position
from studio.show.loader import load_show

THURSDAY_AFTERNOON = datetime(2026, 11, 26, 14, 0)  # fallback: daytime
THURSDAY_EVENING = datetime(2026, 11, 26, 20, 0)  # weekdays 19:00-23:30: evening


@pytest.fixture(scope="module")
def show():
    result = load_show(demo_show_path())
    assert result.ok
    return result.show


def products_in_order(planner: Planner, now: datetime, n: int) -> list[str]:
    seen: list[str] = []
    for _ in range(n):
        seg = planner.next_segment(now)
        if seg.first_of_product:
            seen.append(seg.product)
    return seen


def test_fallback_rundown_plays_all_lines_in_order(show) -> None:
    planner = Planner(show, seed=1)
    tea = show.product("tea")
    segs = [planner.next_segment(THURSDAY_AFTERNOON) for _ in range(len(tea.pitch) + 1)]
    assert [s.rundown for s in segs[:-1]] == ["daytime"] * len(tea.pitch)
    assert [s.line_id for s in segs[:-1]] == [line.id for line in tea.pitch]
    assert segs[0].first_of_product and segs[len(tea.pitch) - 1].last_of_product
    assert segs[-1].product == "thermos"
    # variables are filled: no braces left, price spoken
    assert "{" not in segs[3].text and "168" in segs[3].text and "7.1折" in segs[3].text
    # the last line of a product waits at least the between-products pause
    assert segs[len(tea.pitch) - 1].pause_after == show.pauses.between_products


def test_repeat_counts_and_loops(show) -> None:
    planner = Planner(show, seed=2)
    order = products_in_order(planner, THURSDAY_EVENING, 60)
    # evening: tea ×2, serum, headphones, thermos — looping
    assert order[:6] == ["tea", "tea", "serum", "headphones", "thermos", "tea"]


def test_schedule_switch_waits_for_the_product_boundary(show) -> None:
    planner = Planner(show, seed=3)
    first = planner.next_segment(datetime(2026, 11, 26, 18, 59))
    assert first.rundown == "daytime" and first.product == "tea"
    # 19:00 arrives mid-product: the tea pitch finishes in the daytime rundown …
    rest = [planner.next_segment(datetime(2026, 11, 26, 19, 0)) for _ in range(len(show.product("tea").pitch) - 1)]
    assert all(s.rundown == "daytime" and s.product == "tea" for s in rest)
    # … then the evening rundown starts from its top
    nxt = planner.next_segment(datetime(2026, 11, 26, 19, 0, 30))
    assert nxt.rundown == "evening" and nxt.position == Position("evening", 0, 0, 0, 0)


def test_window_across_midnight(show) -> None:
    # Saturday 18:00 – Sunday 01:00 is evening; Sunday 00:30 is still inside it.
    planner = Planner(show, seed=4)
    assert planner.next_segment(datetime(2026, 11, 29, 0, 30)).rundown == "evening"
    planner = Planner(show, seed=4)
    assert planner.next_segment(datetime(2026, 11, 29, 1, 0)).rundown == "daytime"


def test_variants_never_repeat_the_previous_text_of_a_line(show) -> None:
    planner = Planner(show, seed=5)
    first_lines: list[str] = []
    for seg in (planner.next_segment(THURSDAY_AFTERNOON) for _ in range(400)):
        if seg.line_id == "tea/pitch/1":
            first_lines.append(seg.text)
    assert len(first_lines) >= 5
    assert all(a != b for a, b in zip(first_lines, first_lines[1:], strict=False))


def test_same_seed_same_plan(show) -> None:
    a = [s.text for s in Planner(show, seed=9).upcoming(THURSDAY_EVENING, 40)]
    b = [s.text for s in Planner(show, seed=9).upcoming(THURSDAY_EVENING, 40)]
    assert a == b


def test_upcoming_does_not_consume(show) -> None:
    planner = Planner(show, seed=6)
    ahead = planner.upcoming(THURSDAY_AFTERNOON, 8)
    assert [s.line_id for s in ahead] == [planner.next_segment(THURSDAY_AFTERNOON).line_id for _ in range(8)]


def test_interrupts_then_resume(show) -> None:
    planner = Planner(show, seed=7)
    planner.next_segment(THURSDAY_AFTERNOON)  # tea line 1
    planner.interrupt_with_line("限时福利：前100名下单送茶杯！")
    planner.interrupt_with_product("headphones")
    one_off = planner.next_segment(THURSDAY_AFTERNOON)
    assert one_off.kind == ONE_OFF and one_off.text == "限时福利：前100名下单送茶杯！"
    hp = [planner.next_segment(THURSDAY_AFTERNOON) for _ in range(len(show.product("headphones").pitch))]
    assert [s.product for s in hp] == ["headphones"] * len(hp)
    back = planner.next_segment(THURSDAY_AFTERNOON)
    assert back.product == "tea" and back.line_id == "tea/pitch/2"


def test_skip_jump_and_stop_after_product(show) -> None:
    planner = Planner(show, seed=8)
    planner.next_segment(THURSDAY_AFTERNOON)
    planner.skip_product()
    assert planner.next_segment(THURSDAY_AFTERNOON).product == "thermos"
    planner.jump_to("headphones")
    assert planner.next_segment(THURSDAY_AFTERNOON).product == "headphones"
    planner.stop_after_product()
    remaining = [planner.next_segment(THURSDAY_AFTERNOON) for _ in range(10)]
    said = [s for s in remaining if s is not None]
    assert len(said) == len(show.product("headphones").pitch) - 1
    assert remaining[-1] is None and planner.stopped


def test_faq_answer_uses_product_variables(show) -> None:
    planner = Planner(show, seed=10)
    planner.answer("tea", show.product("tea").faq[0].answer)
    seg = planner.next_segment(THURSDAY_AFTERNOON)
    assert seg.kind == FAQ and "168" in seg.text and "1号链接" in seg.text


def test_resume_continues_with_the_next_item(show) -> None:
    planner = Planner(show, seed=11)
    planner.resume_at(Position("evening", loop=3, item=1, repeat=0, line=2))  # serum was playing
    seg = planner.next_segment(THURSDAY_EVENING)
    assert seg.product == "headphones" and seg.position.loop == 3 and seg.first_of_product


def test_filler_when_nothing_is_scheduled(tmp_path: Path) -> None:
    (tmp_path / "products").mkdir()
    (tmp_path / "products" / "a.toml").write_text('name = "A"\nprice = 1\npitch = ["a"]\n', encoding="utf-8")
    (tmp_path / "show.toml").write_text(
        'title = "t"\nfiller = ["现在是{time}"]\n[rundowns.main]\nproducts = ["a"]\n'
        '[schedule]\nfallback = false\n[[schedule.windows]]\ndays = "daily"\nfrom = "19:00"\nto = "20:00"\nrundown = "main"\n',
        encoding="utf-8")
    result = load_show(tmp_path)
    assert result.ok, [p.format() for p in result.problems]
    planner = Planner(result.show)
    seg = planner.next_segment(datetime(2026, 11, 26, 10, 5))
    assert seg.kind == FILLER and seg.text == "现在是10:05"
    assert planner.next_segment(datetime(2026, 11, 26, 19, 5)).kind == PITCH


def test_a_simulated_day_has_no_gaps_in_the_plan(show) -> None:
    planner = Planner(show, seed=12)
    t = datetime(2026, 11, 26, 0, 0)
    end = t + timedelta(hours=24)
    count = 0
    while t < end:
        seg = planner.next_segment(t)
        assert seg is not None and seg.text.strip()
        t += timedelta(seconds=len(seg.text) * 0.25 + seg.pause_after)
        count += 1
    assert count > 5000
