"""Reading rundowns (which products play, in what order) and the weekly schedule of windows."""

from __future__ import annotations

from datetime import time
from typing import Any

from studio.core.problems import did_you_mean
from studio.core.toml import KeyPath
from studio.core.toml import describe_value as _kind
from studio.show.load.files import HHMM, ID_PATTERN, PRODUCTS_DIR, ShowFile
from studio.show.model import DAYS, WEEK_MINUTES, Product, Rundown, RundownItem, Schedule, ScheduleWindow, SourceRef

DAY_NAMES_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAY_ALIASES: dict[str, tuple[int, ...]] = {
    **{d: (i,) for i, d in enumerate(DAYS)},
    **{n.lower(): (i,) for i, n in enumerate(DAY_NAMES_EN)},
    **{f"周{c}": (i,) for i, c in enumerate("一二三四五六日")},
    **{f"星期{c}": (i,) for i, c in enumerate("一二三四五六日")},
    "周天": (6,),
    "星期天": (6,),
    "daily": tuple(range(7)),
    "every day": tuple(range(7)),
    "每天": tuple(range(7)),
    "weekdays": tuple(range(5)),
    "工作日": tuple(range(5)),
    "weekends": (5, 6),
    "weekend": (5, 6),
    "周末": (5, 6),
}

RUNDOWN_KEYS = {"title", "products", "shuffle"}
RUNDOWN_ITEM_KEYS = {"id", "repeat"}
SCHEDULE_KEYS = {"fallback", "windows"}
WINDOW_KEYS = {"days", "from", "to", "rundown"}


def read_rundowns(f: ShowFile, d: dict[str, Any], products: list[Product]) -> list[Rundown]:
    """`[rundowns.<id>]`: the products each rundown plays (ids checked against `products`)."""
    ids = [p.id for p in products]
    table = f.table(d, "rundowns", ())
    if not table:
        if "rundowns" not in d and ids:
            f.warn(("rundowns",), "no rundowns; all products play in file order",
                   "add [rundowns.main] with products = [\"…\"]", line=1)
            return [Rundown("all", "All products", tuple(RundownItem(i) for i in ids),
                            source=SourceRef(f.file, None))]
        if isinstance(d.get("rundowns"), dict):  # (any other type was reported by f.table)
            f.error(("rundowns",), "no rundowns defined", 'add [rundowns.main] with products = ["…"]')
        return []
    out = []
    for rid, body in table.items():
        path: KeyPath = ("rundowns", rid)
        if not isinstance(body, dict):
            f.error(path, f"must be a table, got {_kind(body)}",
                    f'write [rundowns.{rid}] with products = ["…"]')
            continue
        if not ID_PATTERN.match(rid):
            f.error(path, f"'{rid}' cannot be a rundown id", "use letters, digits, '-' or '_'")
        f.check_keys(body, path, RUNDOWN_KEYS)
        title = f.string(body, "title", path, default=rid, shown=True)
        items = []
        raw = body.get("products")
        if raw is None:
            f.error(path + ("products",), "a rundown needs products", 'products = ["tea", "thermos"]',
                    line=f.line(path))
            continue
        if not isinstance(raw, list):
            f.error(path + ("products",), f"must be a list, got {_kind(raw)}", 'products = ["tea", "thermos"]')
            continue
        for i, item in enumerate(raw):
            ipath = path + ("products", i)
            repeat = 1
            if isinstance(item, dict):
                f.check_keys(item, ipath, RUNDOWN_ITEM_KEYS)
                pid = f.string(item, "id", ipath, required=True)
                repeat = f.integer(item, "repeat", ipath, 1, 1, 100) or 1
            elif isinstance(item, str):
                pid = item.strip()
            else:
                f.error(ipath, f"must be a product id or {{ id = \"…\", repeat = 2 }}, got {_kind(item)}")
                continue
            if not pid:
                if isinstance(item, str):
                    f.warn(ipath, "empty product id is ignored")
                continue
            if pid not in ids and (pid in f.ctx.broken_products or f.ctx.products_refused):
                continue  # its own file (or the folder) already has the error
            if pid not in ids:
                known = ids + sorted(f.ctx.broken_products)
                f.error(ipath, f"unknown product '{pid}'",
                        did_you_mean(pid, known) if known else f"add {PRODUCTS_DIR}/{pid}.toml")
                continue
            items.append(RundownItem(pid, repeat))
        if not items and not raw:
            f.error(path + ("products",), "the rundown is empty", "list at least one product")
            continue
        out.append(Rundown(rid, title, tuple(items), f.boolean(body, "shuffle", path, False), f.ref(path)))
    return out


def _clock(f: ShowFile, table: dict[str, Any], key: str, path: KeyPath, allow_24: bool) -> time | None:
    if key not in table:
        f.error(path + (key,), "is required", f'{key} = "09:00"', line=f.line(path))
        return None
    value = table[key]
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, str):
        m = HHMM.match(value.strip())
        if m:
            h, mi = int(m.group(1)), int(m.group(2))
            if allow_24 and h == 24 and mi == 0:
                return time(0, 0)
            if h < 24 and mi < 60:
                return time(h, mi)
    f.error(path + (key,), f"must be a time of day like \"09:30\", got {_kind(value)}",
            "use 24-hour HH:MM" + (" (\"24:00\" for midnight)" if allow_24 else ""))
    return None


def _days(f: ShowFile, table: dict[str, Any], path: KeyPath) -> tuple[int, ...]:
    value = table.get("days")
    if value is None:
        f.error(path + ("days",), "is required", 'days = ["mon", "tue"] or "daily"', line=f.line(path))
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        f.error(path + ("days",), f"must be a list of days, got {_kind(value)}")
        return ()
    if not items:
        f.error(path + ("days",), "lists no days", 'days = ["mon", "tue"] or "daily"')
        return ()
    days: set[int] = set()
    for i, item in enumerate(items):
        key = item.strip().lower() if isinstance(item, str) else ""
        if key in DAY_ALIASES:
            days.update(DAY_ALIASES[key])
        else:
            ipath = path + ("days",) if isinstance(value, str) else path + ("days", i)
            f.error(ipath, f"unknown day {item!r}",
                    did_you_mean(key, list(DAYS) + ["daily", "weekdays", "weekends"]) or
                    "use mon … sun, daily, weekdays or weekends")
    return tuple(sorted(days))


def read_schedule(f: ShowFile, d: dict[str, Any], rundowns: list[Rundown]) -> Schedule:
    """`[schedule]`: the weekly windows, each naming a rundown (no two may overlap), and the fallback."""
    ids = [r.id for r in rundowns]
    table = f.table(d, "schedule", ())
    f.check_keys(table, ("schedule",), SCHEDULE_KEYS)
    if table.get("fallback") is False:
        fallback = None  # explicitly none: outside the windows only filler lines play
    else:
        fallback = f.string(table, "fallback", ("schedule",), default="") or None
    if fallback is not None and fallback not in ids:
        f.error(("schedule", "fallback"), f"unknown rundown '{fallback}'",
                did_you_mean(fallback, ids) if ids else "define the rundown under [rundowns]")
        fallback = None
    if fallback is None and "fallback" not in table and ids:
        fallback = ids[0]
    raw = table.get("windows", [])
    if not isinstance(raw, list):
        f.error(("schedule", "windows"), f"must be a list of [[schedule.windows]] tables, got {_kind(raw)}")
        raw = []
    windows: list[ScheduleWindow] = []
    for i, body in enumerate(raw):
        path: KeyPath = ("schedule", "windows", i)
        if not isinstance(body, dict):
            f.error(path, f"must be a table, got {_kind(body)}")
            continue
        f.check_keys(body, path, WINDOW_KEYS)
        days = _days(f, body, path)
        start = _clock(f, body, "from", path, allow_24=False)
        end = _clock(f, body, "to", path, allow_24=True)
        rid = f.string(body, "rundown", path, required=True)
        if rid and rid not in ids:
            f.error(path + ("rundown",), f"unknown rundown '{rid}'",
                    did_you_mean(rid, ids) if ids else "define it under [rundowns]")
            continue
        whole_day = isinstance(body.get("to"), str) and body["to"].strip() == "24:00"
        if start is not None and end is not None and start == end and not whole_day:
            f.error(path, "the window starts and ends at the same time",
                    "for a whole day write from = \"00:00\", to = \"24:00\"")
            continue
        if days and start is not None and end is not None and rid:
            windows.append(ScheduleWindow(days, start, end, rid, f.ref(path)))
    _check_overlaps(f, windows)
    return Schedule(tuple(windows), fallback)


def _split_week(a: int, b: int) -> list[tuple[int, int]]:
    if b <= WEEK_MINUTES:
        return [(a, b)]
    return [(a, WEEK_MINUTES), (0, b - WEEK_MINUTES)]


def _check_overlaps(f: ShowFile, windows: list[ScheduleWindow]) -> None:
    spans = [(w, s) for w in windows for iv in w.week_intervals() for s in _split_week(*iv)]
    reported: set[tuple[int, int]] = set()
    for i, (w1, (a1, b1)) in enumerate(spans):
        for w2, (a2, b2) in spans[i + 1 :]:
            if w1 is w2:
                continue
            lo, hi = max(a1, a2), min(b1, b2)
            if lo >= hi:
                continue
            pair = (id(w1), id(w2))
            if pair in reported:
                continue
            reported.add(pair)
            first, second = sorted((w1, w2), key=lambda w: w.source.line or 0)
            f.error(
                ("schedule", "windows", windows.index(second)),
                f"overlaps the window at {first.source} on {DAY_NAMES_EN[lo // 1440]} "
                f"{_hhmm(lo % 1440)}–{_hhmm(hi % 1440 if hi % 1440 else 1440)}",
                "each moment of the week may belong to one window only",
                line=second.source.line,
            )


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
