"""The as-run log: an append-only JSON Lines record of everything the host said (or did not).

One file per local day (`YYYY-MM-DD.jsonl`); every record is flushed and fsynced before the call
returns, so a `kill -9` loses at most the line in progress. Readers skip a torn last line. A day
file that is deleted, rotated or cannot be written never loses records silently: they wait in
memory and `AsRunLog.health()` says so (see `AsRunLog`).
"""

from __future__ import annotations

import collections
import errno
import json
import logging
import os
import stat
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from studio.core.csvout import write_csv
from studio.runner.planner import Position

log = logging.getLogger(__name__)

AIRED = "aired"
SKIPPED = "skipped"
FAILED = "failed"
BLOCKED = "blocked"
ANSWERED = "answered"  # a viewer comment that got an answer (the answer airs as its own record)
DROPPED = "dropped"  # a viewer comment that was not answered, with the reason
OUTCOMES = (AIRED, SKIPPED, FAILED, BLOCKED, ANSWERED, DROPPED)

CSV_FIELDS = ("start", "end", "rundown", "product", "line_id", "kind", "outcome", "duration",
              "language", "text", "findings", "note")
CSV_NUMERIC = ("duration",)  # written as numbers; every other column is text (formula-neutralised)
MAX_PENDING = 10_000  # records kept in memory while the day file cannot be written (hours of a busy show)


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


@dataclass(frozen=True)
class AsRunHealth:
    """Whether the as-run records reach the disk: what waits in memory, what was lost, and why."""

    pending: int = 0  # records kept in memory until the day file can be written
    lost: int = 0  # records dropped (the memory buffer was full, or nothing could be saved at exit)
    written: int = 0  # records written by this process
    error: str = ""  # why writing fails now ("" while it works)
    path: str = ""  # the day file being written (or waiting to be)
    since: datetime | None = None  # the start of the first record that is waiting

    @property
    def state(self) -> str:
        """The state in one word: "ok"; "degraded" while records wait in memory; "incomplete" when
        writing works again but some records were lost on the way."""
        if self.pending or self.error:
            return "degraded"
        return "incomplete" if self.lost else "ok"

    @property
    def ok(self) -> bool:
        return self.state == "ok"

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "state": self.state, "pending": self.pending, "lost": self.lost,
                "written": self.written, "error": self.error, "path": self.path,
                "since": self.since.isoformat(timespec="seconds") if self.since else None}


@dataclass
class DayReading:
    """The records of one day plus what could not be read (a torn last line after a crash)."""

    records: list[AsRunRecord] = field(default_factory=list)
    unreadable: list[int] = field(default_factory=list)  # 1-based line numbers


class AsRunLog:
    """Appends records to the day's file and reads days back.

    A record is never dropped silently. Before each append the open file is compared with the day
    path (deleted, or renamed by a log rotation: a fresh file is started there). When the file
    cannot be written (folder gone read-only, a directory in its place, disk full) the record waits
    in memory — bounded by `max_pending`, beyond which the oldest go and are counted — and is
    written, in order and with its own times, on the next append or `retry()`. `health()` says
    which of these is happening; the log says it once when writing fails and once when it works
    again. Files are user-only (0600) in user-only folders (0700): they hold viewer names.

    One thread only: the live session appends and asks for health on its own thread.
    """

    def __init__(self, folder: Path, max_pending: int = MAX_PENDING, rescue_dir: Path | None = None) -> None:
        self.folder = folder
        self.max_pending = max_pending
        self.rescue_dir = rescue_dir  # where records go that still cannot be written at close
        self._fd: int | None = None
        self._path: Path | None = None  # the file `_fd` was opened as
        self._pending: collections.deque[AsRunRecord] = collections.deque()
        self._written = 0
        self._lost = 0
        self._error = ""
        self._since: datetime | None = None  # start of the first record that could not be written
        self._dropping = False  # the overflow warning was logged in this episode

    def path_for(self, day: date) -> Path:
        return self.folder / f"{day.isoformat()}.jsonl"

    def append(self, record: AsRunRecord) -> bool:
        """Write one record durably (flush + fsync) to the file of the record's start day.

        Never raises for a file that cannot be written: the record waits in memory (see the class).
        Returns True when it and every record waiting before it are on disk.
        """
        if len(self._pending) >= self.max_pending:
            self._pending.popleft()
            self._lost += 1
            if not self._dropping:
                self._dropping = True
                log.error("as-run: more than %d records are waiting to be written; the oldest are being "
                          "dropped from now on (counted as lost in /status) — make %s writable",
                          self.max_pending, self.folder)
        self._pending.append(record)
        return self._drain()

    def retry(self) -> bool:
        """Write the records waiting in memory (the live session calls this on its periodic tick)."""
        return self._drain() if self._pending else True

    def health(self) -> AsRunHealth:
        """Whether the records reach the disk, what waits in memory, what was lost, and why."""
        if self._pending:
            path = self.path_for(self._pending[0].start.date())
        else:
            path = self._path or self.folder
        return AsRunHealth(pending=len(self._pending), lost=self._lost, written=self._written,
                           error=self._error, path=str(path), since=self._since)

    def close(self) -> None:
        """Close the file after one last try; records that still cannot be written are saved to a
        rescue file in the temporary folder, named in the log."""
        if self._pending:
            self._drain()
        if self._pending:
            self._rescue()
        self._close_fd()

    def _drain(self) -> bool:
        while self._pending:
            record = self._pending[0]
            try:
                self._write(record)
            except OSError as exc:
                self._failed(record, exc)
                return False
            self._pending.popleft()
            self._written += 1
        if self._error:
            self._recovered()
        return True

    def _write(self, record: AsRunRecord) -> None:
        fd = self._file_for(self.path_for(record.start.date()))
        _write_all(fd, _line(record))
        os.fsync(fd)

    def _file_for(self, path: Path) -> int:
        """The open descriptor of `path`, reopened when the day changed or the file was replaced."""
        if self._fd is not None and self._path == path:
            gone = _replaced(self._fd, path)
            if not gone:
                return self._fd
            # A rotation (renamed away) is routine; a deleted file is worth a warning.
            log.log(logging.WARNING if gone == "deleted" else logging.INFO,
                    "as-run: %s was %s while the show was on air; starting a new file there", path, gone)
        self._close_fd()
        self._fd, self._path = _open_day_file(path), path
        return self._fd

    def _failed(self, record: AsRunRecord, exc: OSError) -> None:
        self._close_fd()  # a torn line is ended with a newline when the file is opened again
        where = exc.filename or self.path_for(record.start.date())
        self._error = f"cannot write {where}: {exc.strerror or exc}"
        if self._since is None:
            self._since = record.start
            log.warning("as-run: %s. Records are kept in memory (up to %d) and written, in order, as soon "
                        "as the file can be written again — check that the folder exists, is writable "
                        "and the disk has space. The show goes on.", self._error, self.max_pending)

    def _recovered(self) -> None:
        log.info("as-run: writing to %s again; the records that waited are written in order%s",
                 self._path, f" ({self._lost} lost in all: the memory buffer was full)" if self._lost else "")
        self._error, self._since, self._dropping = "", None, False

    def _rescue(self) -> None:
        count = len(self._pending)
        try:
            fd, name = tempfile.mkstemp(prefix=f"studio-asrun-{self.folder.name}-", suffix=".jsonl",
                                        dir=self.rescue_dir)
            try:
                for record in self._pending:
                    _write_all(fd, _line(record))
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            log.error("as-run: %d records were never written (%s) and cannot be saved elsewhere either "
                      "(%s); they are lost", count, self._error, exc.strerror or exc)
            self._lost += count
        else:
            log.error("as-run: %d records could not be written (%s); they are saved in %s — append that "
                      "file to the day file in %s", count, self._error, name, self.folder)
        self._pending.clear()

    def _close_fd(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                os.close(fd)
            except OSError:  # the data was fsynced already; nothing left to lose
                pass

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


def _replaced(fd: int, path: Path) -> str:
    """How the file open as `fd` stopped being `path` ("deleted", "moved away"), or "" if it is."""
    mine = os.fstat(fd)
    if mine.st_nlink == 0:
        return "deleted"
    try:
        there = os.stat(path)
    except OSError:
        return "moved away"
    return "" if (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino) else "replaced or moved away"


def _open_day_file(path: Path) -> int:
    """Open (or create, user-only) a day file for appending; a torn last line left by a crash is
    ended first so it cannot glue itself to the next record."""
    _private_folder(path.parent)
    flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, 0o600)
    try:
        _tighten(fd, path, 0o600)
        if os.lseek(fd, 0, os.SEEK_END) > 0:
            os.lseek(fd, -1, os.SEEK_END)
            if os.read(fd, 1) != b"\n":
                _write_all(fd, b"\n")
    except OSError:
        os.close(fd)
        raise
    return fd


def _private_folder(folder: Path) -> None:
    """Create `folder` and its missing parents user-only (0700), and tighten `folder` itself when an
    older studio made it readable by others."""
    missing = []
    p = folder
    while not p.exists() and p != p.parent:
        missing.append(p)
        p = p.parent
    for p in reversed(missing):
        try:
            p.mkdir(mode=0o700)
        except FileExistsError:  # made by someone else meanwhile
            pass
    if not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "a file is in the place of the as-run folder", str(folder))
    _tighten(None, folder, 0o700)


def _tighten(fd: int | None, path: Path, mode: int) -> None:
    """Make a file or folder user-only; a file someone else owns is left as it is (still usable)."""
    if os.name == "nt":  # NTFS permissions come from the user's profile folder, already private
        return
    try:
        st = os.fstat(fd) if fd is not None else os.stat(path)
        if stat.S_IMODE(st.st_mode) & 0o077:
            if fd is not None:
                os.fchmod(fd, mode)
            else:
                os.chmod(path, mode)
    except OSError as exc:
        log.warning("as-run: cannot make %s private to this user (%s); it may be readable by others",
                    path, exc.strerror or exc)


def _line(record: AsRunRecord) -> bytes:
    # A lone surrogate (never valid UTF-8) becomes the JSON escape `\udXXX`: the line stays
    # valid JSON and reads back to the same text, instead of failing the append.
    return (json.dumps(record.to_json(), ensure_ascii=False) + "\n").encode("utf-8", "backslashreplace")


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


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
        self.restarts = 0  # how often the file was replaced (rotated, deleted) and read from the top
        self._offset = 0
        self._line = 0
        self._ident: tuple[int, int] | None = None

    def poll(self, final: bool = False) -> list[AsRunRecord]:
        """The records appended since the last poll. A last line without its newline may still be
        being written: it is left for the next poll, unless `final` (then it counts as torn).
        When the file was replaced (a log rotation, a deleted file started afresh) the reading
        starts over with the new file."""
        try:
            with self.path.open("rb") as fh:
                st = os.fstat(fh.fileno())
                ident = (st.st_dev, st.st_ino)
                if self._ident is not None and (ident != self._ident or st.st_size < self._offset):
                    self.reading, self._offset, self._line = DayReading(), 0, 0
                    self.restarts += 1
                self._ident = ident
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
    """Write records as CSV (UTF-8 with BOM so Excel opens Chinese correctly); returns the count.

    Every column but `duration` is text and is neutralised against formulas (studio.core.csvout):
    a line such as "-50% 限时折扣" or a viewer name such as "=HYPERLINK(…)" is written with a
    leading `'`. `duration` stays a number.
    """

    def rows() -> Iterable[dict[str, Any]]:
        for r in records:
            row = r.to_json()
            row["findings"] = "; ".join(r.findings)
            yield row

    return write_csv(path, CSV_FIELDS, rows(), numeric=CSV_NUMERIC)
