"""Captions: the line being spoken, wrapped by Chinese rules, lit up word by word as it is said.

The spoken part is drawn in yellow over the white text, its edge moving smoothly through each
word from the word timings (karaoke style), so viewers who watch muted can follow along.
Lines longer than two rows are shown two rows at a time, turning the page as speech moves on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from studio.core.vocab import WordTiming
from studio.stage import style
from studio.stage.easing import out_cubic, progress
from studio.stage.memo import by_identity
from studio.stage.scene import Box, Font, Item, Layer, Rect, Text
from studio.stage.state import Caption, in_time_order
from studio.stage.templates import Template
from studio.stage.text import Span, TextMetrics, balanced_wrap, centred_baseline

IN_S = 0.18
OUT_S = 0.25
ROWS = 2


@dataclass(frozen=True)
class CaptionLayout:
    """A caption wrapped for a template: the font, its lines (spans of the text) and their pages."""

    font: Font
    lines: tuple[Span, ...]
    widths: tuple[float, ...]
    line_height: float
    pad_x: float
    pad_y: float

    def pages(self) -> list[tuple[int, int]]:
        """Line index ranges [a, b) shown together."""
        return [(i, min(i + ROWS, len(self.lines))) for i in range(0, len(self.lines), ROWS)] or [(0, 0)]


@by_identity(maxsize=64)
def caption_layout(text: str, tpl: Template, metrics: TextMetrics,
                   words: tuple[WordTiming, ...] = ()) -> CaptionLayout:
    """The caption wrapped (balanced, Chinese rules, never inside a timed word) for a template."""
    u = tpl.u
    font = Font(46 * u, 700)
    pad_x, pad_y = 30 * u, 16 * u
    width = tpl.captions.w - 2 * pad_x

    def measure(s: str) -> float:
        return metrics.advance(s, font)

    keep = tuple((w.char_start, w.char_end) for w in words)
    lines = tuple(balanced_wrap(text, width, measure, keep))
    widths = tuple(measure(text[s.start:s.end]) for s in lines)
    return CaptionLayout(font, lines, widths, font.size * 1.4, pad_x, pad_y)


def spoken_chars(words: tuple[WordTiming, ...], elapsed: float) -> float:
    """How many characters have been said `elapsed` seconds into the line (fractional mid-word)."""
    done = 0.0
    for w in in_time_order(words):
        if elapsed >= w.end:
            done = max(done, float(w.char_end))
        elif elapsed >= w.start and w.end > w.start:
            done = max(done, w.char_start + (w.char_end - w.char_start) * (elapsed - w.start) / (w.end - w.start))
        else:
            break
    return done


def _advance_to(text: str, span: Span, chars: float, font: Font, metrics: TextMetrics) -> float:
    """The x offset within a line at fractional character position `chars` (absolute in the text)."""
    k = min(max(chars - span.start, 0.0), float(span.end - span.start))
    whole = int(math.floor(k))
    x = metrics.advance(text[span.start:span.start + whole], font) if whole else 0.0
    if whole < span.end - span.start and k > whole:
        x += (k - whole) * metrics.advance(text[span.start + whole], font)
    return x


def caption_layer(caption: Caption | None, tpl: Template, t: float, metrics: TextMetrics) -> Layer | None:
    """The caption plate at t, or None when there is nothing to show."""
    if caption is None or not caption.text.strip() or t < caption.start:
        return None
    shown = out_cubic(progress(t, caption.start, IN_S))
    if caption.end is not None:
        shown *= 1.0 - progress(t, caption.end, OUT_S)
    if shown <= 0.001:
        return None
    text = caption.text
    lay = caption_layout(text, tpl, metrics, caption.words)
    if not lay.lines:
        return None
    elapsed = t - caption.start
    spoken = spoken_chars(caption.words, elapsed) if caption.words else 0.0
    pages = lay.pages()
    page = pages[-1]
    for a, b in pages:
        if spoken < lay.lines[b - 1].end:
            page = (a, b)
            break
    plate, rows = _page(text, tpl, metrics, caption.words, page)
    items: list[Item] = [plate]
    if caption.words:
        for (start, end), x, yellow in rows:
            lit = _advance_to(text, Span(start, end), spoken, lay.font, metrics)
            if lit > 0.5:
                row = yellow.bounds
                clip = Rect(row.x, row.y, x + lit - row.x, row.h)
                items.append(Layer((yellow,), clip, clip=clip, name="captions.spoken"))
    rise = round((1.0 - shown) * 14 * tpl.u)  # whole pixels: the rasters are not resampled
    return Layer(tuple(items), plate.bounds, dy=rise, opacity=shown, name="captions")


@by_identity(maxsize=32)
def _page(text: str, tpl: Template, metrics: TextMetrics, words: tuple[WordTiming, ...],
          page: tuple[int, int]) -> tuple[Layer, tuple[tuple[tuple[int, int], float, Layer], ...]]:
    """One page of a caption: the plate with its white lines (one cached raster) and, per line,
    its span, left edge and a cached yellow copy that the spoken part reveals through a clip."""
    lay = caption_layout(text, tpl, metrics, words)
    a, b = page
    u = tpl.u
    width = max(lay.widths[a:b]) + 2 * lay.pad_x
    height = (b - a) * lay.line_height + 2 * lay.pad_y
    area = tpl.captions
    plate = Rect(area.cx - width / 2, area.bottom - height, width, height)
    base_items: list[Item] = [Box(plate, style.R_TILE * u, style.PLATE_DARK)]
    rows = []
    for i in range(a, b):
        span = lay.lines[i]
        line = text[span.start:span.end]
        w = lay.widths[i]
        x = area.cx - w / 2
        top = plate.y + lay.pad_y + (i - a) * lay.line_height
        base = centred_baseline(top + lay.line_height / 2, lay.font)
        base_items.append(Text(x, base, line, lay.font, style.WHITE, w))
        yellow = Layer((Text(x, base, line, lay.font, style.HIGHLIGHT, w),),
                       _pixels(Rect(x - 4 * u, top, w + 8 * u, lay.line_height)), cache=True, name="captions.line")
        rows.append(((span.start, span.end), x, yellow))
    return Layer(tuple(base_items), _pixels(plate), cache=True, name="captions.plate"), tuple(rows)


def _pixels(r: Rect) -> Rect:
    """`r` grown to whole pixels, so cached rasters are blitted without resampling."""
    x0, y0 = math.floor(r.x), math.floor(r.y)
    return Rect(x0, y0, math.ceil(r.right) - x0, math.ceil(r.bottom) - y0)
