"""The located-TOML reader: TOML text read safely, every key's line remembered, values read typed.

`tomllib` gives values but no positions; located error messages need them. After tomllib has
accepted the text, a small structural scanner walks it again and records, for every key path
(("products", "faq", 0, "answer") style), the 1-based line where its value begins. `TomlReader`
reads values from one such file (text, numbers, tables, known keys…) and turns every unusable
one into a located `Problem` and a default. The show loader, the avatar pack and the show's word
lists all read through it, so a mistake is worded and located alike wherever it is made.
"""

from __future__ import annotations

import bisect
import math
import re
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from studio.core.problems import Problem, Severity, did_you_mean
from studio.core.text import describe_hidden, find_hidden, strip_hidden

KeyPath = tuple[str | int, ...]

MAX_FILE_BYTES = 1_000_000

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_TOML_ERROR_AT = re.compile(r"\(at line (\d+), column (\d+)\)")
_TOML_ERROR_AT_END = "(at end of document)"
_HUGE_NUMBER = re.compile(r"[0-9][0-9_]{4000,}")


class TomlReadError(Exception):
    """The file cannot be read as TOML; `line` is where the trouble is, when known."""

    def __init__(self, message: str, line: int | None = None, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.hint = hint


@dataclass
class TomlSource:
    """A parsed TOML document plus where each key path sits in the text."""

    data: dict[str, Any]
    lines: dict[KeyPath, int] = field(default_factory=dict)

    def line_of(self, path: KeyPath) -> int | None:
        """The line of `path`, or of its nearest located ancestor."""
        p = tuple(path)
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return None


def decode_text(raw: bytes) -> str:
    """Bytes of a show file as text: UTF-8, a BOM tolerated, CRLF made LF; else TomlReadError."""
    if len(raw) > MAX_FILE_BYTES:
        raise TomlReadError(
            f"the file is {len(raw):,} bytes; show files may be at most {MAX_FILE_BYTES:,}",
            hint="keep long texts and media in separate files",
        )
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise TomlReadError("this is not a text file (it contains NUL bytes)", line,
                            hint="a show file must be plain UTF-8 text")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        hint = "save it as UTF-8 (in Notepad: Save As → Encoding: UTF-8)"
        try:
            raw.decode("gb18030")
            hint = "it looks like GBK/GB18030; " + hint
        except UnicodeDecodeError:
            pass
        raise TomlReadError("the file is not valid UTF-8 text", line, hint=hint
        ) from None
    return text.replace("\r\n", "\n")


def parse_toml(text: str) -> TomlSource:
    """Parse TOML text; raise TomlReadError with the line of a syntax error."""
    if not text.strip():
        raise TomlReadError("the file is empty", 1, hint="see `studio new` for a starter show")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        line = None
        hint = "check quotes, brackets and '=' on that line"
        m = _TOML_ERROR_AT.search(msg)
        if m:
            line = int(m.group(1))
            msg = _TOML_ERROR_AT.sub("", msg).strip()
        elif _TOML_ERROR_AT_END in msg:
            # tomllib gives no line here: point at the last line that has anything on it.
            line = text.rstrip().count("\n") + 1
            msg = msg.replace(_TOML_ERROR_AT_END, "at the end of the file").strip()
            if msg.startswith(("Unclosed", "Unterminated")):
                hint = "a quote or bracket opened earlier is never closed"
        raise TomlReadError(f"TOML syntax: {msg}", line, hint=hint) from None
    except RecursionError:
        raise TomlReadError("the file nests too deeply to read") from None
    except ValueError:
        # tomllib lets int() refuse numbers with thousands of digits; say where the number is.
        m = _HUGE_NUMBER.search(text)
        line = text.count("\n", 0, m.start()) + 1 if m else None
        raise TomlReadError("a number in the file is too long to read", line,
                            hint="numbers may have at most a few thousand digits") from None
    source = TomlSource(data)
    try:
        _Scanner(text, source.lines).scan()
    except (IndexError, ValueError, RecursionError):
        pass  # positions are a courtesy; the data is already valid
    return source


def read_toml_file(path: Path) -> TomlSource:
    """Read and parse one TOML file, refusing binary, oversized or non-UTF-8 content."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise TomlReadError(
                f"the file is {size:,} bytes; show files may be at most {MAX_FILE_BYTES:,}",
                hint="keep long texts and media in separate files",
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise TomlReadError(f"cannot read the file: {exc.strerror or exc}") from None
    return parse_toml(decode_text(raw))


class _Scanner:
    """Walks TOML text that tomllib accepted, recording the line of every key and element."""

    def __init__(self, text: str, out: dict[KeyPath, int]) -> None:
        self.s = text
        self.i = 0
        self.out = out
        self.nl = [m.start() for m in re.finditer("\n", text)]
        self.aot_index: dict[KeyPath, int] = {}

    def line(self, pos: int | None = None) -> int:
        return bisect.bisect_left(self.nl, self.i if pos is None else pos) + 1

    def peek(self, n: int = 1) -> str:
        return self.s[self.i : self.i + n]

    def skip_ws(self, newlines: bool) -> None:
        s = self.s
        while self.i < len(s):
            c = s[self.i]
            if c in " \t" or (newlines and c in "\r\n"):
                self.i += 1
            elif c == "#":
                while self.i < len(s) and s[self.i] != "\n":
                    self.i += 1
            else:
                break

    def record(self, path: KeyPath, pos: int) -> None:
        self.out.setdefault(path, self.line(pos))

    def record_with_parents(self, path: KeyPath, pos: int) -> None:
        """Record `path` and the tables it implies (`[a.b]` and `a.b = 1` define `a` too)."""
        for n in range(1, len(path) + 1):
            self.record(path[:n], pos)

    def scan(self) -> None:
        table: KeyPath = ()
        while True:
            self.skip_ws(newlines=True)
            if self.i >= len(self.s):
                return
            start = self.i
            if self.peek(2) == "[[":
                self.i += 2
                keys = self.key()
                self.skip_ws(False)
                self.i += 2  # ]]
                path = self.resolve(keys, last_is_array=True)
                idx = self.aot_index.get(path, -1) + 1
                self.aot_index[path] = idx
                self.record_with_parents(path, start)
                table = path + (idx,)
                self.record(table, start)
            elif self.peek() == "[":
                self.i += 1
                keys = self.key()
                self.skip_ws(False)
                self.i += 1  # ]
                table = self.resolve(keys, last_is_array=False)
                self.record_with_parents(table, start)
            else:
                keys = self.key()
                self.skip_ws(False)
                self.i += 1  # =
                self.skip_ws(False)
                for n in range(1, len(keys) + 1):  # a dotted key defines its parent tables
                    self.record(table + keys[:n], start)
                self.value(table + keys)

    def resolve(self, keys: KeyPath, last_is_array: bool) -> KeyPath:
        """A header's keys with the current index of each array of tables inserted."""
        out: list[str | int] = []
        for n, k in enumerate(keys):
            out.append(k)
            is_last = n == len(keys) - 1
            if tuple(out) in self.aot_index and not (is_last and last_is_array):
                out.append(self.aot_index[tuple(out)])
        return tuple(out)

    def key(self) -> tuple[str, ...]:
        parts: list[str] = []
        while True:
            self.skip_ws(False)
            c = self.peek()
            if c == '"':
                parts.append(self.basic_string())
            elif c == "'":
                end = self.s.index("'", self.i + 1)
                parts.append(self.s[self.i + 1 : end])
                self.i = end + 1
            else:
                m = _BARE_KEY.match(self.s, self.i)
                if not m:
                    raise ValueError("key expected")
                parts.append(m.group(0))
                self.i = m.end()
            self.skip_ws(False)
            if self.peek() == ".":
                self.i += 1
                continue
            return tuple(parts)

    def basic_string(self) -> str:
        start = self.i
        self.i += 1
        s = self.s
        while s[self.i] != '"':
            self.i += 2 if s[self.i] == "\\" else 1
        self.i += 1
        text: str = tomllib.loads("k = " + s[start : self.i])["k"]
        return text

    def value(self, path: KeyPath) -> None:
        s = self.s
        if s.startswith('"""', self.i):
            self.i += 3
            while not s.startswith('"""', self.i):
                self.i += 2 if s[self.i] == "\\" else 1
            self.i += 3
            while self.peek() == '"':  # up to two quotes may end the content
                self.i += 1
        elif s.startswith("'''", self.i):
            self.i = s.index("'''", self.i + 3) + 3
            while self.peek() == "'":
                self.i += 1
        elif self.peek() == '"':
            self.basic_string()
        elif self.peek() == "'":
            self.i = s.index("'", self.i + 1) + 1
        elif self.peek() == "[":
            self.i += 1
            n = 0
            while True:
                self.skip_ws(newlines=True)
                if self.peek() == "]":
                    self.i += 1
                    return
                if self.peek() == ",":
                    self.i += 1
                    continue
                self.record(path + (n,), self.i)
                self.value(path + (n,))
                n += 1
        elif self.peek() == "{":
            self.i += 1
            while True:
                self.skip_ws(newlines=True)
                if self.peek() == "}":
                    self.i += 1
                    return
                if self.peek() == ",":
                    self.i += 1
                    continue
                start = self.i
                keys = self.key()
                self.skip_ws(False)
                self.i += 1  # =
                self.skip_ws(False)
                for n in range(1, len(keys) + 1):
                    self.record(path + keys[:n], start)
                self.value(path + keys)
        else:
            start = self.i
            while self.i < len(s) and s[self.i] not in ",]}\n#":
                self.i += 1
            if self.i == start:  # lost track of the structure: stop rather than loop forever
                raise ValueError("value expected")


def format_key(path: KeyPath) -> str:
    """("pitch", 2, "gesture") → 'pitch[2].gesture': a key path as an operator would write it."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + (part if re.match(r"^[\w-]+$", part) else f'"{part}"')
    return out


def describe_value(value: object) -> str:
    """A TOML value in words for messages: 'text "abc"', 'the number 3', 'a table'…"""
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:27] + "…"
        return f'text "{shown}"'
    if isinstance(value, int | float):
        return f"the number {format_number(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, datetime | date | time):
        return f"the date/time {value}"
    return type(value).__name__


def format_number(value: object) -> str:
    """A number as written, shortened when it has more digits than a message can show."""
    if isinstance(value, float):
        return f"{value:g}"
    text = str(value)
    return text if len(text) <= 24 else text[:20] + "…"


class TomlReader:
    """Typed reading of one parsed TOML file: an unusable value becomes a located Problem and a default.

    Problems go to `problems` (a list the caller may share between files), each with this file's
    name, the line of its key path and the key as an operator writes it.
    """

    def __init__(self, file: str, source: TomlSource | None = None,
                 problems: list[Problem] | None = None) -> None:
        self.file = file
        self.source = source
        self.problems: list[Problem] = [] if problems is None else problems

    def line(self, path: KeyPath) -> int | None:
        return self.source.line_of(path) if self.source else None

    # ---- reporting ----

    def report(self, severity: Severity, path: KeyPath, message: str, hint: str = "",
               line: int | None = None) -> None:
        """One problem at `path` (on `line` when given, else the line the path is on)."""
        self.problems.append(Problem(severity, self.file, line or self.line(path), format_key(path),
                                     message, hint))

    def error(self, path: KeyPath, message: str, hint: str = "", line: int | None = None) -> None:
        self.report(Severity.ERROR, path, message, hint, line)

    def warn(self, path: KeyPath, message: str, hint: str = "", line: int | None = None) -> None:
        self.report(Severity.WARNING, path, message, hint, line)

    # ---- typed readers: report and return a default when the value is unusable ----

    def check_keys(self, table: Mapping[str, Any], path: KeyPath, known: Collection[str]) -> None:
        for key in table:
            if key not in known:
                self.warn(path + (key,), f"unknown key '{key}' is ignored", did_you_mean(key, known))

    def table(self, parent: Mapping[str, Any], key: str, path: KeyPath) -> dict[str, Any]:
        value = parent.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.error(path + (key,), f"must be a table, got {describe_value(value)}",
                       f"write it as [{format_key(path + (key,))}] with keys below it")
            return {}
        return value

    def clean(self, text: str, path: KeyPath) -> str:
        """Text that reaches the screen or the voice, without hidden characters (warned, with their names)."""
        hidden = find_hidden(text)
        if not hidden:
            return text
        one = len(hidden) == 1
        self.warn(path, f"{'hidden character' if one else f'{len(hidden)} hidden characters'} "
                        f"{describe_hidden(hidden)} {'is' if one else 'are'} removed before airing",
                  f"{'it' if one else 'they'} can reverse, hide or disguise text on screen and in speech; "
                  f"delete {'it' if one else 'them'} from the file")
        return strip_hidden(text).strip()

    def string(self, table: Mapping[str, Any], key: str, path: KeyPath, *, required: bool = False,
               default: str = "", allow_empty: bool = False, shown: bool = False) -> str:
        """A text value; `shown` text (it reaches the screen or the voice) is cleaned by `clean()`."""
        if key not in table:
            if required:
                self.error(path + (key,), "is required", f'add {key} = "…"', line=self.line(path) or 1)
            return default
        value = table[key]
        if not isinstance(value, str):
            self.error(path + (key,), f"must be text, got {describe_value(value)}",
                       f'put the value in quotes: {key} = "…"')
            return default
        if not value.strip() and not allow_empty:
            self.error(path + (key,), "must not be empty")
            return default
        if not shown:
            return value.strip()
        cleaned = self.clean(value.strip(), path + (key,))
        if not cleaned and not allow_empty:
            self.error(path + (key,), "must not be empty (it holds only hidden characters)")
            return default
        return cleaned

    def strings(self, table: Mapping[str, Any], key: str, path: KeyPath, *,
                shown: bool = False) -> tuple[str, ...]:
        value = table.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.error(path + (key,), f"must be a list of texts, got {describe_value(value)}",
                       f'write {key} = ["…", "…"]')
            return ()
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, str):
                self.error(path + (key, i), f"must be text, got {describe_value(item)}")
                continue
            text = self.clean(item.strip(), path + (key, i)) if shown else item.strip()
            if not text:
                self.warn(path + (key, i), "empty text is ignored")
            else:
                out.append(text)
        return tuple(out)

    def number(self, table: Mapping[str, Any], key: str, path: KeyPath, default: float,
               lo: float, hi: float, unit: str = "") -> float:
        if key not in table:
            return default
        value = table[key]
        if not is_number(value):
            self.error(path + (key,), f"must be a number, got {describe_value(value)}",
                       f"write {key} = {default:g}")
            return default
        if not lo <= value <= hi:
            self.error(path + (key,), f"must be between {lo:g} and {hi:g}{unit}, got {format_number(value)}")
            return default
        return float(value)

    def integer(self, table: Mapping[str, Any], key: str, path: KeyPath, default: int | None,
                lo: int, hi: int) -> int | None:
        if key not in table:
            return default
        value = table[key]
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(path + (key,), f"must be a whole number, got {describe_value(value)}")
            return default
        if not lo <= value <= hi:
            self.error(path + (key,), f"must be between {lo} and {hi}, got {format_number(value)}")
            return default
        return value

    def boolean(self, table: Mapping[str, Any], key: str, path: KeyPath, default: bool) -> bool:
        if key not in table:
            return default
        value = table[key]
        if not isinstance(value, bool):
            self.error(path + (key,), f"must be true or false, got {describe_value(value)}")
            return default
        return value


def is_number(value: object) -> bool:
    """True for a finite TOML number (true/false, nan and inf are not numbers to a reader)."""
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))
