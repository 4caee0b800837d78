"""The as-run log: an append-only JSON Lines record of everything the host said (or did not).

One file per local day (`YYYY-MM-DD.jsonl`); every record is flushed and fsynced before the call
returns, so a `kill -9` loses at most the line in progress. Readers skip a torn last line.
"""

from __future__ import annotations

import csv
import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from studio.runner.planner import Position

AIRED = "aired"
SKIPPED = "skipped"
FAILED = "failed"
BLOCKED = "blocked"
ANSWERED = "answered"  # a viewer comment that got an answer (the answer airs as its own record)
DROPPED = "dropped"  # a viewer comment that was not answered, with the reason
OUTCOMES = (AIRED, SKIPPED, FAILED, BLOCKED, ANSWERED, DROPPED)

CSV_FIELDS = ("start", "end", "rundown", "product", "line_id", "kind", "outcome", "duration",
              "language", "text", "findings", "note")


@dataclass(frozen=True)
class AsRunRecord:
    """One line's fate: when, where in the show, what was said, how long, and how it went."""

    start: datetime
    end: datetime
    line_id: str
    kind: str
    text: str
    outcome: str
    duration: float = 0.0
    language: str = ""
    rundown: str | None = None
    product: str | None = None
    position: Position | None = None
    findings: tuple[str, ...] = ()  # human-readable compliance findings
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["start"] = self.start.isoformat(timespec="milliseconds")
        data["end"] = self.end.isoformat(timespec="milliseconds")
        data["findings"] = list(self.findings)
        data["position"] = asdict(self.position) if self.position else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AsRunRecord:
        pos = data.get("position")
        return cls(
            start=datetime.fromisoformat(data["start"]),
            end=datetime.fromisoformat(data["end"]),
            line_id=str(data["line_id"]),
            kind=str(data["kind"]),
            text=str(data["text"]),
            outcome=str(data["outcome"]),
            duration=float(data.get("duration", 0.0)),
            language=str(data.get("language", "")),
            rundown=data.get("rundown"),
            product=data.get("product"),
            position=Position(**pos) if isinstance(pos, dict) else None,
            findings=tuple(data.get("findings", ())),
            note=str(data.get("note", "")),
        )


@dataclass
class DayReading:
    """The records of one day plus what could not be read (a torn last line after a crash)."""

    records: list[AsRunRecord] = field(default_factory=list)
    unreadable: list[int] = field(default_factory=list)  # 1-based line numbers


class AsRunLog:
    """Appends records to the day's file and reads days back."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._fh: IO[str] | None = None
        self._day: date | None = None

    def path_for(self, day: date) -> Path:
        return self.folder / f"{day.isoformat()}.jsonl"

    def append(self, record: AsRunRecord) -> None:
        """Write one record durably (flush + fsync) to the file of the record's start day."""
        day = record.start.date()
        if self._fh is None or self._day != day:
            self.close()
            self.folder.mkdir(parents=True, exist_ok=True)
            path = self.path_for(day)
            # A torn line left by a crash must not glue itself to the next record.
            needs_newline = path.exists() and path.stat().st_size > 0 and not _ends_with_newline(path)
            self._fh = path.open("a", encoding="utf-8", newline="\n")
            if needs_newline:
                self._fh.write("\n")
            self._day = day
        self._fh.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def read_day(self, day: date) -> DayReading:
        return read_file(self.path_for(day))

    def days(self) -> list[date]:
        out = []
        if self.folder.is_dir():
            for p in self.folder.glob("*.jsonl"):
                try:
                    out.append(date.fromisoformat(p.stem))
                except ValueError:
                    continue
        return sorted(out)

    def last_position(self) -> Position | None:
        """Where the rundown was when the log ends (for resuming after a restart)."""
        for day in reversed(self.days()):
            for record in reversed(self.read_day(day).records):
                if record.position is not None:
                    return record.position
        return None


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as fh:
        fh.seek(-1, os.SEEK_END)
        return fh.read(1) == b"\n"


def read_file(path: Path) -> DayReading:
    """Read a day file; lines that are not valid records are listed, not fatal."""
    tail = DayTail(path)
    tail.poll(final=True)
    return tail.reading


class DayTail:
    """Follows one day file, reading only what was appended since the last poll (a console that
    refreshes every few seconds must not re-read a whole day of records each time)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.reading = DayReading()
        self._offset = 0
        self._line = 0

    def poll(self, final: bool = False) -> list[AsRunRecord]:
        """The records appended since the last poll. A last line without its newline may still be
        being written: it is left for the next poll, unless `final` (then it counts as torn)."""
        try:
            with self.path.open("rb") as fh:
                fh.seek(self._offset)
                data = fh.read()
        except OSError:
            return []
        end = len(data) if final else data.rfind(b"\n") + 1
        new: list[AsRunRecord] = []
        for raw in data[:end].splitlines():
            self._line += 1
            if not raw.strip():
                continue
            try:
                record = AsRunRecord.from_json(json.loads(raw.decode("utf-8", errors="replace")))
            except (ValueError, KeyError, TypeError):
                self.reading.unreadable.append(self._line)
                continue
            new.append(record)
        self._offset += end
        self.reading.records.extend(new)
        return new


@dataclass(frozen=True)
class Summary:
    """Totals for a day: lines per outcome, airtime, and lines per product."""

    lines: int
    outcomes: dict[str, int]
    aired_seconds: float
    first: datetime | None
    last: datetime | None
    by_product: dict[str, int]

    def format(self) -> str:
        parts = [f"{self.lines} lines"]
        parts += [f"{self.outcomes.get(o, 0)} {o}" for o in OUTCOMES]
        text = ", ".join(parts) + f"; {self.aired_seconds / 60:.1f} min on air"
        if self.first and self.last:
            text += f"; {self.first:%H:%M:%S}–{self.last:%H:%M:%S}"
        return text


def summarize(records: Iterable[AsRunRecord]) -> Summary:
    records = list(records)
    outcomes = Counter(r.outcome for r in records)
    by_product = Counter(r.product for r in records if r.product and r.outcome == AIRED)
    return Summary(
        lines=len(records),
        outcomes=dict(outcomes),
        aired_seconds=sum(r.duration for r in records if r.outcome == AIRED),
        first=min((r.start for r in records), default=None),
        last=max((r.end for r in records), default=None),
        by_product=dict(by_product),
    )


def export_csv(records: Iterable[AsRunRecord], path: Path) -> int:
    """Write records as CSV (UTF-8 with BOM so Excel opens Chinese correctly); returns the count."""
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_FIELDS)
        writer.writeheader()
        for r in records:
            row = r.to_json()
            row["findings"] = "; ".join(r.findings)
            writer.writerow({k: row.get(k, "") for k in CSV_FIELDS})
            count += 1
    return count
