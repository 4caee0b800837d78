"""Schedules: windows, days, overlaps (also across midnight and the week's end) and lookups."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from studio.core.problems import Severity
from studio.show.model import Schedule, ScheduleWindow

HEAD = """\
title = "t"

[rundowns.day]
products = ["tea"]

[rundowns.night]
products = ["tea"]

[schedule]
fallback = "day"
"""  # 10 lines; windows start on line 11


def window(days: str, start: str, end: str, rundown: str = "night") -> str:
    return f'\n[[schedule.windows]]\ndays = {days}\nfrom = "{start}"\nto = "{end}"\nrundown = "{rundown}"\n'


def schedule_show(*windows: str) -> str:
    return HEAD + "".join(windows)


# A week with known weekdays: 2026-11-23 is a Monday.
MON, TUE, SAT, SUN = 23, 24, 28, 29


def at(day: int, hh: int, mm: int = 0) -> datetime:
    return datetime(2026, 11, day, hh, mm)


def test_calendar_assumption() -> None:
    assert [at(d, 0).weekday() for d in (MON, TUE, SAT, SUN)] == [0, 1, 5, 6]


# ---- window values ------------------------------------------------------------------------------

def test_windows_are_read(make_show, load) -> None:
    show = schedule_show(window('"weekdays"', "19:00", "23:30"), window('["sat", "sun"]', "18:00", "01:00"))
    result = load(make_show(show=show))
    assert result.problems == ()
    w1, w2 = result.show.schedule.windows
    assert (w1.days, w1.start, w1.end, w1.rundown) == ((0, 1, 2, 3, 4), time(19), time(23, 30), "night")
    assert (w2.days, w2.crosses_midnight) == ((5, 6), True)
    assert w1.source.file == "show.toml" and w1.source.line == 12
    assert result.show.schedule.fallback == "day"


@pytest.mark.parametrize(("days", "expected"), [
    ('"weekdays"', (0, 1, 2, 3, 4)),
    ('"周末"', (5, 6)),
    ('"daily"', (0, 1, 2, 3, 4, 5, 6)),
    ('"每天"', (0, 1, 2, 3, 4, 5, 6)),
    ('["mon", "sat"]', (0, 5)),
    ('["Monday", "周三", "星期日"]', (0, 2, 6)),
    ('"工作日"', (0, 1, 2, 3, 4)),
    ('"weekends"', (5, 6)),
])
def test_day_aliases(make_show, load, days: str, expected: tuple[int, ...]) -> None:
    result = load(make_show(show=schedule_show(window(days, "10:00", "11:00"))))
    assert result.problems == ()
    assert result.show.schedule.windows[0].days == expected


def test_unknown_day(make_show, load, only) -> None:
    p = only(load(make_show(show=schedule_show(window('["mon", "tues"]', "10:00", "11:00")))))
    assert (p.line, p.key, p.severity) == (13, "schedule.windows[0].days[1]", Severity.ERROR)
    assert p.message == "unknown day 'tues'" and p.hint == "did you mean 'tue'?"


def test_24_00_is_accepted_as_an_end(make_show, load) -> None:
    result = load(make_show(show=schedule_show(window('"daily"', "20:00", "24:00"))))
    assert result.problems == ()
    w = result.show.schedule.windows[0]
    assert w.end == time(0, 0) and not w.crosses_midnight
    assert result.show.schedule.rundown_at(at(MON, 23, 59)) == "night"
    assert result.show.schedule.rundown_at(at(TUE, 0, 0)) == "day"


def test_a_whole_day_from_00_00_to_24_00(make_show, load) -> None:
    # The hint for from == to recommends exactly this; it must be accepted.
    result = load(make_show(show=schedule_show(window('"sun"', "00:00", "24:00"))))
    assert result.problems == ()
    s = result.show.schedule
    assert s.rundown_at(at(SUN, 0, 0)) == "night" and s.rundown_at(at(SUN, 23, 59)) == "night"
    assert s.rundown_at(at(SAT, 23, 59)) == "day" and s.rundown_at(at(MON, 0, 0)) == "day"


def test_24_00_is_not_a_start(make_show, load, only) -> None:
    p = only(load(make_show(show=schedule_show(window('"daily"', "24:00", "02:00")))))
    assert (p.line, p.key) == (14, "schedule.windows[0].from")


@pytest.mark.parametrize("value", ["25:00", "9am", "12:60"])
def test_bad_times(make_show, load, only, value: str) -> None:
    p = only(load(make_show(show=schedule_show(window('"daily"', "10:00", value)))))
    assert (p.line, p.key, p.severity) == (15, "schedule.windows[0].to", Severity.ERROR)
    assert p.message == f'must be a time of day like "09:30", got text "{value}"'


def test_from_equal_to_is_an_error(make_show, load, only) -> None:
    p = only(load(make_show(show=schedule_show(window('"daily"', "20:00", "20:00")))))
    assert (p.file, p.line, p.key, p.severity) == ("show.toml", 12, "schedule.windows[0]", Severity.ERROR)
    assert p.message == "the window starts and ends at the same time"


def test_missing_window_keys(make_show, load) -> None:
    result = load(make_show(show=HEAD + "\n[[schedule.windows]]\nrundown = \"night\"\n"))
    keys = sorted(p.key for p in result.errors)
    assert keys == ["schedule.windows[0].days", "schedule.windows[0].from", "schedule.windows[0].to"]
    assert {p.line for p in result.errors} == {12}


def test_unknown_rundown_in_window(make_show, load, only) -> None:
    p = only(load(make_show(show=schedule_show(window('"daily"', "10:00", "11:00", "nihgt")))))
    assert (p.line, p.key, p.severity) == (16, "schedule.windows[0].rundown", Severity.ERROR)
    assert p.format() == ("show.toml:16: error: schedule.windows[0].rundown: "
                          "unknown rundown 'nihgt' (did you mean 'night'?)")


def test_unknown_fallback(make_show, load, only) -> None:
    show = HEAD.replace('fallback = "day"', 'fallback = "dya"')
    p = only(load(make_show(show=show)))
    assert (p.line, p.key, p.severity) == (10, "schedule.fallback", Severity.ERROR)
    assert p.hint == "did you mean 'day'?"


def test_fallback_defaults_to_the_first_rundown(make_show, load) -> None:
    result = load(make_show(show=HEAD.replace('fallback = "day"\n', "")))
    assert result.show.schedule.fallback == "day"


# ---- overlaps -----------------------------------------------------------------------------------

def test_overlapping_windows_on_the_same_day(make_show, load, only) -> None:
    show = schedule_show(window('"daily"', "18:00", "21:00"), window('["wed"]', "20:00", "22:00", "day"))
    p = only(load(make_show(show=show)))
    assert (p.file, p.line, p.key, p.severity) == ("show.toml", 18, "schedule.windows[1]", Severity.ERROR)
    assert p.message == "overlaps the window at show.toml:12 on Wednesday 20:00–21:00"


def test_adjacent_windows_do_not_overlap(make_show, load) -> None:
    show = schedule_show(window('"daily"', "18:00", "20:00"), window('"daily"', "20:00", "22:00", "day"))
    result = load(make_show(show=show))
    assert result.problems == ()
    s = result.show.schedule
    assert s.window_at(at(TUE, 19, 59)).start == time(18)
    assert s.window_at(at(TUE, 20, 0)).start == time(20)


def test_window_crossing_midnight_overlaps_one_on_the_next_day(make_show, load, only) -> None:
    show = schedule_show(window('["fri"]', "22:00", "02:00"), window('["sat"]', "01:00", "03:00", "day"))
    p = only(load(make_show(show=show)))
    assert (p.line, p.key) == (18, "schedule.windows[1]")
    assert p.message == "overlaps the window at show.toml:12 on Saturday 01:00–02:00"


def test_sunday_night_window_wraps_into_monday_morning(make_show, load, only) -> None:
    show = schedule_show(window('"sun"', "23:00", "02:00"), window('"mon"', "01:00", "03:00", "day"))
    p = only(load(make_show(show=show)))
    assert (p.line, p.key) == (18, "schedule.windows[1]")
    assert p.message == "overlaps the window at show.toml:12 on Monday 01:00–02:00"


def test_sunday_night_window_next_to_monday_morning_is_fine(make_show, load) -> None:
    show = schedule_show(window('"sun"', "23:00", "02:00"), window('"mon"', "02:00", "03:00", "day"))
    assert load(make_show(show=show)).problems == ()


def test_windows_overlapping_every_day_are_reported_once(make_show, load) -> None:
    show = schedule_show(window('"daily"', "10:00", "12:00"), window('"daily"', "11:00", "13:00", "day"))
    result = load(make_show(show=show))
    assert len(result.errors) == 1  # one report per pair of windows, not one per day


def test_demo_style_weekend_window_does_not_overlap_weekday_evenings(make_show, load) -> None:
    show = schedule_show(window('"weekdays"', "19:00", "23:30"), window('["sat", "sun"]', "18:00", "01:00"))
    assert load(make_show(show=show)).problems == ()


# ---- lookups ------------------------------------------------------------------------------------

def make_schedule(*windows: ScheduleWindow, fallback: str | None = "day") -> Schedule:
    return Schedule(tuple(windows), fallback)


def test_rundown_at_inside_and_outside_a_window() -> None:
    s = make_schedule(ScheduleWindow((0, 1, 2, 3, 4), time(19), time(23, 30), "night"))
    assert s.rundown_at(at(TUE, 20, 0)) == "night"
    assert s.rundown_at(at(TUE, 19, 0)) == "night"
    assert s.rundown_at(at(TUE, 23, 30)) == "day"  # the end is not part of the window
    assert s.rundown_at(at(TUE, 18, 59)) == "day"
    assert s.rundown_at(at(SAT, 20, 0)) == "day"  # not a weekday


def test_rundown_at_without_fallback_is_none() -> None:
    s = make_schedule(ScheduleWindow((0,), time(19), time(20), "night"), fallback=None)
    assert s.rundown_at(at(TUE, 12)) is None
    assert s.window_at(at(TUE, 12)) is None


def test_saturday_window_crossing_midnight_covers_sunday_morning() -> None:
    s = make_schedule(ScheduleWindow((5,), time(18), time(1), "night"))
    assert s.rundown_at(at(SAT, 18, 0)) == "night"
    assert s.rundown_at(at(SUN, 0, 30)) == "night"
    assert s.rundown_at(at(SUN, 1, 0)) == "day"
    assert s.rundown_at(at(SAT, 0, 30)) == "day"  # Friday had no window


def test_sunday_window_crossing_midnight_covers_monday_morning() -> None:
    s = make_schedule(ScheduleWindow((6,), time(23), time(2), "night"))
    assert s.rundown_at(at(SUN, 23, 30)) == "night"
    assert s.rundown_at(at(MON, 1, 0)) == "night"
    assert s.rundown_at(at(MON, 2, 0)) == "day"
    assert s.rundown_at(at(TUE, 1, 0)) == "day"


def test_lookup_uses_local_wall_time_of_aware_datetimes() -> None:
    from datetime import timedelta, timezone
    s = make_schedule(ScheduleWindow((0,), time(20), time(21), "night"))
    assert s.rundown_at(datetime(2026, 11, 23, 20, 30, tzinfo=timezone(timedelta(hours=8)))) == "night"


def test_loaded_demo_like_schedule_lookups(make_show, load) -> None:
    show = schedule_show(window('"weekdays"', "19:00", "23:30"), window('["sat", "sun"]', "18:00", "01:00"))
    s = load(make_show(show=show)).show.schedule
    assert s.rundown_at(at(MON, 20)) == "night"
    assert s.rundown_at(at(MON, 12)) == "day"
    assert s.rundown_at(at(SUN, 0, 30)) == "night"
    assert s.rundown_at(at(MON, 0, 30)) == "night"  # Sunday's window reaches into Monday
    assert s.rundown_at(at(TUE, 0, 30)) == "day"


def test_empty_days_list_is_an_error_not_a_silently_dropped_window(make_show, load, only) -> None:
    p = only(load(make_show(show=schedule_show(window("[]", "10:00", "11:00")))))
    assert (p.line, p.key, p.severity) == (13, "schedule.windows[0].days", Severity.ERROR)
    assert p.message == "lists no days"


def test_windows_must_be_tables(make_show, load, only) -> None:
    p = only(load(make_show(show=HEAD + 'windows = "19:00-23:00"\n')))
    assert (p.line, p.key, p.severity) == (11, "schedule.windows", Severity.ERROR)
