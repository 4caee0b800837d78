"""Text layout without Qt: Chinese line-breaking rules, balanced wrapping and shrink-to-fit.

Measuring needs a font, so layout takes a `TextMetrics` (the real one is
`studio.stage.qt_fonts.QtTextMetrics`; `ApproxMetrics` serves Qt-free tests). The rules follow
the common Chinese typesetting practice (GB/T 15834, W3C clreq): closing punctuation never starts
a line, opening punctuation and currency signs never end one, and Latin words and numbers are
never split unless a single one is wider than the line.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from studio.stage.scene import Font

# Closing punctuation, full- and half-width: may not begin a line (行首禁则).
NO_LINE_START = frozenset(
    "，。、；：？！）】》」』〕〉〗〙〛’”…‥—–～·・ー々〻ゝゞヽヾ"
    ",.;:?!)]}%‰℃°′″\"'"
    "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
)
# Opening punctuation and prefixes: may not end a line (行尾禁则).
NO_LINE_END = frozenset("（【《「『〔〈〖〘〚‘“([{¥$£€₩₹#@")
KEEP_MAX = 8  # longer 'words' may break (a timing span covering a whole clause is no word)
# Dashes and ellipses come in pairs (——, ……) that must stay together.
INSEPARABLE = frozenset("—…‥")

_LATIN_RUN = re.compile(r"[A-Za-z0-9\u00C0-\u024F][A-Za-z0-9\u00C0-\u024F'’\-\.,/%+]*")


class TextMetrics(Protocol):
    """Font measurements in canvas pixels."""

    def advance(self, text: str, font: Font) -> float: ...

    def ascent(self, font: Font) -> float: ...

    def descent(self, font: Font) -> float: ...


class ApproxMetrics:
    """Font-free estimates: ideographs one em, Latin about half; for Qt-free tests only."""

    def advance(self, text: str, font: Font) -> float:
        return sum(_approx_char(c) for c in text) * font.size

    def ascent(self, font: Font) -> float:
        return font.size * 0.88

    def descent(self, font: Font) -> float:
        return font.size * 0.24


def _approx_char(c: str) -> float:
    if c == " ":
        return 0.3
    if unicodedata.east_asian_width(c) in ("W", "F"):
        return 1.0
    return 0.62 if c.isupper() or c.isdigit() else 0.52


@dataclass(frozen=True)
class Span:
    """A line of wrapped text: `text[start:end]`, trailing spaces already left out."""

    start: int
    end: int


def units(text: str, keep: tuple[tuple[int, int], ...] = ()) -> list[tuple[int, int]]:
    """Split `text` into unbreakable units (start, end): a break may fall only between two units.

    Each ideograph is its own unit, a Latin word or number is one unit (with its trailing spaces),
    closing punctuation sticks to the unit before it and opening punctuation to the unit after.
    `keep` lists (start, end) character ranges not to break inside — the words of the speech
    engine's word timings, so 精华 stays on one line — unless one is longer than `KEEP_MAX`.
    """
    raw: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        m = _LATIN_RUN.match(text, i)
        if m:
            j = m.end()
        else:
            j = i + 1
            while j < n and text[j] == text[i] and text[i] in INSEPARABLE:
                j += 1
        while j < n and text[j] == " ":  # spaces hang at the end of the unit before them
            j += 1
        raw.append((i, j))
        i = j
    merged: list[tuple[int, int]] = []
    carry: int | None = None  # where pending opening punctuation starts
    for start, end in raw:
        if carry is not None:
            start, carry = carry, None
        if merged and text[start] in NO_LINE_START:
            merged[-1] = (merged[-1][0], end)
        elif text[start:end].rstrip(" ")[-1:] in NO_LINE_END:
            carry = start
        else:
            merged.append((start, end))
    if carry is not None:  # opening punctuation at the very end: keep it on the last line
        if merged:
            merged[-1] = (merged[-1][0], n)
        else:
            merged.append((carry, n))
    if keep:
        inside = {i for a, b in keep if 1 < b - a <= KEEP_MAX for i in range(a + 1, b)}
        joined: list[tuple[int, int]] = []
        for start, end in merged:
            if joined and start in inside:
                joined[-1] = (joined[-1][0], end)
            else:
                joined.append((start, end))
        merged = joined
    return merged


def wrap(text: str, width: float, measure: Callable[[str], float],
         keep: tuple[tuple[int, int], ...] = ()) -> list[Span]:
    """Greedy line filling by units; a unit wider than the line is split by characters."""
    lines: list[Span] = []
    cur: int | None = None  # start of the line being filled
    cur_end = 0
    for start, end in units(text, keep):
        if cur is None:
            cur, cur_end = start, start
        if measure(text[cur:end].rstrip(" ")) <= width:
            cur_end = end
            continue
        if cur_end > cur:  # the line has content: close it and start the next with this unit
            lines.append(Span(cur, _rstrip(text, cur, cur_end)))
            cur, cur_end = start, start
            if measure(text[start:end].rstrip(" ")) <= width:
                cur_end = end
                continue
        # A lone unit wider than a line (a long URL or number): break it by characters.
        pieces = _split_chars(text, start, end, width, measure)
        for a, b in pieces[:-1]:
            lines.append(Span(a, _rstrip(text, a, b)))
        cur, cur_end = pieces[-1]
    if cur is not None and cur_end > cur:
        lines.append(Span(cur, _rstrip(text, cur, cur_end)))
    return [s for s in lines if s.end > s.start]


def _split_chars(text: str, start: int, end: int, width: float,
                 measure: Callable[[str], float]) -> list[tuple[int, int]]:
    """Cut text[start:end] into pieces no wider than `width` (at least one character each)."""
    pieces: list[tuple[int, int]] = []
    a = start
    while a < end:
        b = a + 1
        while b < end and measure(text[a:b + 1].rstrip(" ")) <= width:
            b += 1
        pieces.append((a, b))
        a = b
    return pieces


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] == " ":
        end -= 1
    return end


def balanced_wrap(text: str, width: float, measure: Callable[[str], float],
                  keep: tuple[tuple[int, int], ...] = ()) -> list[Span]:
    """Wrap into as few lines as greedy wrapping needs, but with lengths as even as possible.

    A caption of one full line and two stray characters reads worse than two even lines; this
    searches the narrowest width that keeps the line count.
    """
    greedy = wrap(text, width, measure, keep)
    if len(greedy) <= 1:
        return greedy
    lo, hi = 0.0, width
    best = greedy
    for _ in range(14):  # binary search to a fraction of a pixel
        mid = (lo + hi) / 2
        trial = wrap(text, mid, measure, keep)
        if len(trial) == len(greedy) and all(measure(text[s.start:s.end]) <= mid + 0.01 for s in trial):
            best, hi = trial, mid
        else:
            lo = mid
    return best


@dataclass(frozen=True)
class FittedText:
    """Text fitted into a box: the chosen font, its lines and the line height."""

    font: Font
    lines: tuple[str, ...]
    line_height: float
    truncated: bool

    @property
    def height(self) -> float:
        return self.line_height * len(self.lines)


ELLIPSIS = "…"


def fit_text(text: str, width: float, max_lines: int, font: Font, min_size: float,
             metrics: TextMetrics, line_spacing: float = 1.28, step: float = 1.0) -> FittedText:
    """The largest size from `font.size` down to `min_size` at which `text` fits `max_lines` lines.

    When even `min_size` needs more lines, the last line ends in an ellipsis: the box is never
    overflowed, whatever the text.
    """
    size = font.size
    while True:
        f = Font(size, font.weight, font.numeric)
        measure = _measurer(metrics, f)
        spans = balanced_wrap(text, width, measure) if max_lines > 1 else wrap(text, width, measure)
        if len(spans) <= max_lines or size - step < min_size - 1e-6:
            break
        size = max(min_size, size - step)
    lines = [text[s.start:s.end] for s in spans]
    truncated = False
    if len(lines) > max_lines:
        truncated = True
        rest = text[spans[max_lines - 1].start:].strip()
        lines = lines[:max_lines - 1] + [_ellipsize(rest, width, measure)]
    return FittedText(f, tuple(lines), size * line_spacing, truncated)


def _ellipsize(text: str, width: float, measure: Callable[[str], float]) -> str:
    if measure(text) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # the longest prefix that still fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if measure(text[:mid].rstrip() + ELLIPSIS) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + ELLIPSIS


def shrink_to_width(text: str, width: float, font: Font, min_size: float, metrics: TextMetrics) -> Font:
    """The largest font size (≥ `min_size`) at which one line of `text` is no wider than `width`."""
    natural = metrics.advance(text, font)
    if natural <= width:
        return font
    size = max(min_size, math.floor(font.size * width / natural * 4) / 4)
    f = Font(size, font.weight, font.numeric)
    while size > min_size and metrics.advance(text, f) > width:
        size = max(min_size, size - 0.5)
        f = Font(size, font.weight, font.numeric)
    return f


def _measurer(metrics: TextMetrics, font: Font) -> Callable[[str], float]:
    @lru_cache(maxsize=4096)
    def measure(s: str) -> float:
        return metrics.advance(s, font)

    return measure


# Where glyphs sit relative to the baseline, as a share of the font size: ideographs and Latin
# capitals/digits both centre about 0.36 em above it. Using a constant rather than the font's
# ascent/descent keeps vertical centring identical across CJK fonts, whose line metrics differ a lot.
GLYPH_CENTRE = 0.36
DIGIT_HEIGHT = 0.73  # cap/digit height, for aligning prices by their top


def centred_baseline(cy: float, font: Font) -> float:
    """The baseline that centres a line of `font` vertically on `cy`."""
    return cy + GLYPH_CENTRE * font.size
