"""Warning wording on an unattended show: unapproved lines are skipped, logged with the reason,
and the show goes straight on; approved lines air; preview plays them marked."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from studio.compliance.checker import Checker
from studio.runner.asrun import AIRED, BLOCKED, AsRunLog
from studio.runner.planner import Planner
from studio.runner.playout import NOT_APPROVED_NOTE, Playout, compliance_reasons
from studio.show.loader import load_show
from studio.show.model import Show

THURSDAY_AFTERNOON = datetime(2026, 11, 26, 14, 0)

PITCH = ('pitch = [\n'
         '  "第一句：茶汤清亮",\n'
         '  "全球首发的新茶",\n'
         '  { text = "永久保修，放心买", approved = ["永久"] },\n'
         '  "最后一句：欢迎下单",\n'
         ']\n')


def _show(make_show, policy: str = "") -> Show:
    show = 'title = "t"\n' + (f'[compliance]\nwarnings = "{policy}"\n' if policy else "")
    show += '\n[rundowns.main]\nproducts = ["tea"]\n'
    result = load_show(make_show(show=show, products={"tea": 'name = "龙井"\nprice = 168\n' + PITCH}))
    assert result.show is not None, [p.format() for p in result.problems]
    return result.show


def _playout(show: Show, source, tmp_path: Path | None, live: bool = True) -> Playout:
    checker = Checker(lists=show.compliance)
    p = Playout(show, Planner(show, seed=1), source, THURSDAY_AFTERNOON,
                check_line=lambda seg: compliance_reasons(checker, show, seg),
                asrun=AsRunLog(tmp_path / "asrun") if tmp_path else None, live=live)
    p.stop_after_product()
    return p


def test_an_unapproved_line_is_skipped_logged_with_its_reason_and_the_show_goes_on(make_show, tones, tmp_path) -> None:
    show = _show(make_show)
    source = tones()
    p = _playout(show, source, tmp_path)
    p.go_live()
    p.advance(40)
    records = AsRunLog(tmp_path / "asrun").read_day(THURSDAY_AFTERNOON.date()).records
    assert [(r.text, r.outcome) for r in records] == [
        ("第一句：茶汤清亮", AIRED), ("全球首发的新茶", BLOCKED), ("永久保修，放心买", AIRED),
        ("最后一句：欢迎下单", AIRED)]
    skipped = records[1]
    assert skipped.note == NOT_APPROVED_NOTE
    assert skipped.findings == (
        "unapproved warning: 全球首发 (absolute) — approve it in the console or in products/tea.toml:5",)
    assert all("全球首发" not in text for text, _ in source.keys.values())  # never even synthesized
    assert p.stats.blocked == 1 and p.stats.aired == 3
    # No dead air beyond the scripted pause: the next line starts when the previous one's pause ends.
    entries = list(p._history)
    assert [e.segment.text for e in entries] == ["第一句：茶汤清亮", "永久保修，放心买", "最后一句：欢迎下单"]
    for prev, nxt in zip(entries, entries[1:], strict=False):
        assert abs(nxt.start - prev.pause_end) < 0.011


def test_a_show_that_allows_warnings_airs_them(make_show, tones, tmp_path) -> None:
    show = _show(make_show, "allow")
    p = _playout(show, tones(), tmp_path)
    p.go_live()
    p.advance(40)
    records = AsRunLog(tmp_path / "asrun").read_day(THURSDAY_AFTERNOON.date()).records
    assert [r.outcome for r in records] == [AIRED] * 4


def test_preview_plays_the_line_and_carries_why_it_would_be_skipped(make_show, tones) -> None:
    show = _show(make_show)
    p = _playout(show, tones(), None, live=False)
    p.go_live()
    p.advance(40)
    (entry,) = [e for e in p._history if e.segment.text == "全球首发的新茶"]
    assert entry.findings and entry.findings[0].startswith("unapproved warning: 全球首发")


def test_the_preview_picture_marks_a_line_that_would_not_air(make_show, tones) -> None:
    from studio.program.view import NOT_ON_AIR_MARK, ProgramView

    show = _show(make_show)
    p = _playout(show, tones(), None, live=False)
    p.go_live()
    preview, on_air = ProgramView(show, None, live=False), ProgramView(show, None, live=True)
    marked = set()
    while p.t < 30:
        p.advance(0.25)
        ps = p.state_at(p.t)
        if ps.entry is None:
            continue
        ticker = preview.stage_state(ps, p.wall_at(ps.t)).ticker
        if ticker is not None:
            assert ticker[0].startswith(f"{NOT_ON_AIR_MARK} unapproved warning: 全球首发")
            marked.add(ps.entry.segment.text)
        assert on_air.stage_state(ps, p.wall_at(ps.t)).ticker is None  # the real show is never marked
    assert marked == {"全球首发的新茶"}


def test_the_demo_show_goes_on_air_fully_under_the_strict_default(demo_show, tones) -> None:
    assert demo_show.compliance.needs_approval
    checker = Checker(lists=demo_show.compliance)
    p = Playout(demo_show, Planner(demo_show, seed=5), tones(), THURSDAY_AFTERNOON,
                check_line=lambda seg: compliance_reasons(checker, demo_show, seg))
    p.go_live()
    p.advance(900)  # a quarter of an hour: every product of the rundown, variants drawn afresh
    assert p.stats.aired > 30 and p.stats.blocked == 0


def test_a_one_off_line_with_warning_wording_is_skipped_with_advice_to_reword(make_show, tones, tmp_path) -> None:
    show = _show(make_show)
    p = _playout(show, tones(), tmp_path)
    p.go_live()
    p.advance(1.0)
    p.interrupt_with_line("全网首发，今晚限时")
    p.advance(20)
    records = AsRunLog(tmp_path / "asrun").read_day(THURSDAY_AFTERNOON.date()).records
    (one_off,) = [r for r in records if r.text == "全网首发，今晚限时"]
    assert one_off.outcome == BLOCKED and one_off.note == NOT_APPROVED_NOTE
    assert one_off.findings[0].endswith('reword it, or set warnings = "allow" under [compliance] in show.toml')
