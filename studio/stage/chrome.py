"""The room's fixed furniture: the scrolling promotions ticker, the brand logo and the AI label."""

from __future__ import annotations

import math
from pathlib import Path

from studio.show.model import disclosure_for
from studio.stage import style
from studio.stage.media import image_info
from studio.stage.memo import by_identity
from studio.stage.scene import Box, Font, Icon, Item, Layer, Picture, Rect, Text, rgba
from studio.stage.templates import Template
from studio.stage.text import TextMetrics, centred_baseline, fit_text, shrink_to_width

TICKER_SPEED = 80.0  # template units per second: a comfortable reading speed on a phone
TICKER_TAG = {"zh": "福利", "en": "DEALS"}


@by_identity(maxsize=16)
def _ticker_strip(lines: tuple[str, ...], tpl: Template,
                  metrics: TextMetrics) -> tuple[Layer, float, Rect, tuple[Item, ...]]:
    """(one copy of the scrolling text as a cached layer, its period in px, the text window, the fixed parts)."""
    u = tpl.u
    r = tpl.ticker
    font = Font(28 * u, 500)
    zh = any("\u4e00" <= c <= "\u9fff" for c in "".join(lines))
    tag_text = TICKER_TAG["zh" if zh else "en"]
    tag_font = Font(26 * u, 800)
    tag_w = metrics.advance(tag_text, tag_font) + 30 * u
    tag = Rect(r.x + 6 * u, r.y + 6 * u, tag_w, r.h - 12 * u)
    fixed: list[Item] = [
        Box(r, r.h / 2, style.PLATE_DARK),
        Box(tag, tag.h / 2, style.TICKER_TAG),
        Text(tag.x + 15 * u, centred_baseline(tag.cy, tag_font), tag_text, tag_font, style.WHITE,
             metrics.advance(tag_text, tag_font)),
    ]
    window = Rect(tag.right + 12 * u, r.y, r.right - r.h / 2 - (tag.right + 12 * u), r.h)
    base = centred_baseline(r.cy, font)
    items: list[Item] = []
    x = window.x
    gap = 34 * u
    dot = 9 * u
    for line in lines:
        w = metrics.advance(line, font)
        items.append(Text(x, base, line, font, style.WHITE, w))
        x += w + gap
        items.append(Icon("dot", Rect(x - dot / 2, r.cy - dot / 2, dot, dot), style.YELLOW))
        x += gap
    period = max(x - window.x, window.w * 0.5)
    strip = Layer(tuple(items), Rect(math.floor(window.x), r.y, math.ceil(period) + 2, r.h), cache=True,
                  name="ticker.text")
    return strip, period, window, tuple(fixed)


def ticker_layer(lines: tuple[str, ...], tpl: Template, t: float, metrics: TextMetrics) -> Layer | None:
    """The promotions strip at t: the text scrolls right to left without end."""
    lines = tuple(line.strip() for line in lines if line.strip())
    if not lines:
        return None
    strip, period, window, fixed = _ticker_strip(lines, tpl, metrics)
    offset = (t * TICKER_SPEED * tpl.u) % period
    # Whole pixels: a cached strip blitted at a fraction of a pixel would be resampled (soft text).
    dx = -round(offset)
    copies: list[Item] = []
    k = 0
    while k * period + dx < window.w:
        copies.append(Layer((strip,), strip.bounds, dx=dx + round(k * period), name="ticker.copy"))
        k += 1
    # Text slides in and out through soft edges rather than being sliced at the window's border.
    scroller = Layer(tuple(copies), window, clip=window, name="ticker.window", fade_x=40 * tpl.u)
    r = tpl.ticker
    plate = Layer(fixed, Rect(math.floor(r.x), math.floor(r.y), math.ceil(r.w) + 1, math.ceil(r.h) + 1), cache=True,
                  name="ticker.plate")
    return Layer((plate, scroller), tpl.ticker, name="ticker")


@by_identity(maxsize=16)
def logo_layer(logo: Path | None, tpl: Template) -> Layer | None:
    """The brand logo on a light plate (legible on any background), left-aligned in its slot."""
    if logo is None:
        return None
    info = image_info(logo)
    if info is None:
        return None
    u = tpl.u
    slot = tpl.logo
    pad_x, pad_y = 16 * u, 10 * u
    inner_h = slot.h - 2 * pad_y
    inner_w = min(slot.w - 2 * pad_x, inner_h * info.aspect)
    inner_h = min(inner_h, inner_w / info.aspect) if info.aspect else inner_h
    plate = Rect(slot.x, slot.y + (slot.h - inner_h - 2 * pad_y) / 2, inner_w + 2 * pad_x, inner_h + 2 * pad_y)
    items: tuple[Item, ...] = (
        Box(plate, style.R_TILE * u, style.PLATE_LIGHT, shadow=style.small_shadow(u)),
        Picture(Rect(plate.x + pad_x, plate.y + pad_y, inner_w, inner_h), logo, "contain", crop=info.content),
    )
    reach = style.small_shadow(u).extent()
    bounds = Rect(math.floor(plate.x - reach), math.floor(plate.y - reach), math.ceil(plate.w + 2 * reach) + 1,
                  math.ceil(plate.h + 2 * reach) + 1)
    return Layer(items, bounds, cache=True, name="logo")


@by_identity(maxsize=16)
def disclosure_layer(text: str, language: str, tpl: Template, metrics: TextMetrics) -> Layer:
    """The AI-disclosure label: black on yellow with an 'AI' mark, right-aligned in its slot.

    A long text shrinks (not below 18 px at 1080 wide) and wraps to up to four rows rather than
    being cut — it is a legal notice, not decoration; only beyond about a hundred characters does
    the last row end in "…" (keep the notice short).
    """
    u = tpl.u
    label = text.strip() or disclosure_for(language)
    slot = tpl.disclosure
    mark_font = Font(22 * u, 900, numeric=True)
    mark_w = metrics.advance("AI", mark_font) + 16 * u
    pad = 16 * u
    room = slot.w - 2 * pad - mark_w - 10 * u
    font = shrink_to_width(label, room, Font(27 * u, 800), 21 * u, metrics)
    fitted = fit_text(label, room, 4, font, 18 * u, metrics, line_spacing=1.2)
    text_w = max(metrics.advance(line, fitted.font) for line in fitted.lines)
    h = max(54 * u, fitted.height + 18 * u)
    plate = Rect(slot.right - (2 * pad + mark_w + 10 * u + text_w), slot.y + max(0.0, (slot.h - h) / 2),
                 2 * pad + mark_w + 10 * u + text_w, h)
    mark = Rect(plate.x + pad, plate.cy - 17 * u, mark_w, 34 * u)
    items: list[Item] = [
        Box(plate, style.R_SMALL * u + 2 * u, style.YELLOW, rgba("#000000", 0.55), 2 * u, style.small_shadow(u)),
        Box(mark, 7 * u, style.NEAR_BLACK),
        Text(mark.x + 8 * u, centred_baseline(mark.cy, mark_font), "AI", mark_font, style.YELLOW,
             metrics.advance("AI", mark_font)),
    ]
    top = plate.cy - fitted.height / 2
    for i, line in enumerate(fitted.lines):
        cy = top + fitted.line_height * (i + 0.5)
        items.append(Text(mark.right + 10 * u, centred_baseline(cy, fitted.font), line, fitted.font,
                          style.NEAR_BLACK, metrics.advance(line, fitted.font)))
    reach = style.small_shadow(u).extent()
    bounds = Rect(math.floor(plate.x - reach), math.floor(plate.y - reach), math.ceil(plate.w + 2 * reach) + 1,
                  math.ceil(plate.h + 2 * reach) + 1)
    return Layer(tuple(items), bounds, cache=True, name="disclosure")
