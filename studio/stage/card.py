"""The product card: photo, name, price, discount, selling points, stock, flash-sale countdown, link.

`card_parts` lays the card out once per (product, template, fonts) and is cached; `card_layer`
animates it for a frame from the card state (enter/leave, price highlight, selling points) and
fills in what changes every second (the countdown). Everything static is one cached layer, so a
frame costs a few image draws.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from decimal import Decimal

from studio.core.vocab import CardMode
from studio.show.model import Product
from studio.show.variables import CURRENCY_SYMBOLS, format_amount, format_discount
from studio.stage import style
from studio.stage.easing import bump, in_cubic, out_back, out_cubic, progress
from studio.stage.memo import by_identity
from studio.stage.scene import Box, Font, Icon, Item, Layer, Line, LinearGradient, Picture, Rect, Rgba, Text, fade
from studio.stage.state import CardState, StageState
from studio.stage.templates import Template
from studio.stage.text import (
    DIGIT_HEIGHT,
    FittedText,
    TextMetrics,
    centred_baseline,
    fit_text,
    shrink_to_width,
)

ENTER_S = 0.45
LEAVE_S = 0.30
EMPHASIS_IN_S = 0.35
EMPHASIS_OUT_S = 0.30
PRICE_POP_S = 0.60
CHIP_STAGGER_S = 0.12
SHIMMER_PERIOD_S = 3.2

LABELS = {
    "zh": {"stock": ("仅剩 ", " 件"), "flash": "限时秒杀", "ends": "距结束", "cta": "点击下方小黄车",
           "no_image": "暂无图片"},
    "en": {"stock": ("Only ", " left"), "flash": "Flash sale", "ends": "Ends in", "cta": "Tap the cart below",
           "no_image": "No image"},
}


def labels(language: str) -> dict[str, object]:
    return LABELS["zh" if language.lower().startswith("zh") else "en"]


def money(product: Product, amount: Decimal) -> tuple[str, str]:
    """(symbol, amount) as the card prints them: ('¥', '168')."""
    return CURRENCY_SYMBOLS.get(product.currency, product.currency + " "), format_amount(amount)


def saving_badge(product: Product, language: str) -> str:
    """'省70元' (Chinese, yuan), '省HK$70', 'Save $70'; '' without a markdown."""
    saving = product.saving
    if saving is None:
        return ""
    symbol, amount = money(product, saving)
    if language.lower().startswith("zh"):
        return f"省{amount}元" if product.currency == "CNY" else f"省{symbol}{amount}"
    return f"Save {symbol}{amount}"


# ---------------------------------------------------------------- the countdown


def flash_remaining(product: Product, wall: datetime | None) -> float | None:
    """Seconds until the product's flash sale ends at wall-clock `wall`, or None (none, over, unknown).

    A time of day means 'daily at': after today's end the next one is tomorrow's.
    """
    end = product.flash_sale_end
    if end is None or wall is None:
        return None
    if isinstance(end, datetime):
        if (end.tzinfo is None) != (wall.tzinfo is None):
            # One side naive: both are the show's local time, as the loader reads them.
            end, wall = end.replace(tzinfo=None), wall.replace(tzinfo=None)
        left = (end - wall).total_seconds()
        return left if left > 0 else None
    assert isinstance(end, time)
    today = wall.replace(hour=end.hour, minute=end.minute, second=end.second, microsecond=0)
    if today <= wall:
        today += timedelta(days=1)
    return (today - wall).total_seconds()


def countdown_groups(seconds: float) -> tuple[str, ...]:
    """('mm', 'ss') under an hour, ('hh', 'mm', 'ss') from an hour; whole seconds rounded up."""
    s = max(0, math.ceil(seconds - 1e-9))
    h, rest = divmod(s, 3600)
    m, sec = divmod(rest, 60)
    if h:
        return (f"{min(h, 99):02d}", f"{m:02d}", f"{sec:02d}")
    return (f"{m:02d}", f"{sec:02d}")


# ---------------------------------------------------------------- static layout


@dataclass(frozen=True)
class CountdownSlots:
    """Where the countdown's digit groups go: the centre x of each box and the digits' baseline."""

    centres: tuple[float, ...]
    baseline: float
    font: Font
    colour: Rgba


@dataclass(frozen=True)
class CardParts:
    """A laid-out card: the static layer plus what animates separately."""

    panel: Rect
    static: Layer
    static_price: Layer  # the same with the price highlight (red outline, tinted price row) baked in
    price: Layer
    price_box: Rect
    chips_on: tuple[Layer, ...]  # each selling point in its highlighted style
    countdown: CountdownSlots | None
    cta: Rect | None
    texts: tuple[Text, ...]  # every text on the card, for fit checks


class _Builder:
    """Collects items and texts while laying out one card."""

    def __init__(self, product: Product, language: str, tpl: Template, metrics: TextMetrics) -> None:
        self.p = product
        self.lang = language
        self.u = tpl.u
        self.m = metrics
        self.items: list[Item] = []
        self.texts: list[Text] = []

    def text(self, x: float, baseline: float, s: str, font: Font, colour: Rgba, into: list[Item] | None = None) -> Text:
        item = Text(x, baseline, s, font, colour, self.m.advance(s, font))
        (self.items if into is None else into).append(item)
        self.texts.append(item)
        return item

    def width(self, s: str, font: Font) -> float:
        return self.m.advance(s, font)


def _fit_name(b: _Builder, width: float) -> FittedText:
    u = b.u
    fitted = fit_text(b.p.name, width, 2, Font(34 * u, 700), 25 * u, b.m, line_spacing=1.3)
    if fitted.truncated:  # a very long name: a third line at the smallest size before any ellipsis
        fitted = fit_text(b.p.name, width, 3, Font(25 * u, 700), 22 * u, b.m, line_spacing=1.28)
    return fitted


def _draw_lines(b: _Builder, fitted: FittedText, x: float, top: float, colour: Rgba) -> None:
    for i, line in enumerate(fitted.lines):
        cy = top + fitted.line_height * (i + 0.5)
        b.text(x, centred_baseline(cy, fitted.font), line, fitted.font, colour)


@dataclass(frozen=True)
class _PriceRow:
    items: tuple[Item, ...]
    height: float
    box: Rect


def _price_row(b: _Builder, x: float, top: float, width: float, big: float) -> _PriceRow:
    """'¥168' large in red with '¥238' struck through and '7折' beside (or below when narrow)."""
    u = b.u
    items: list[Item] = []
    symbol, amount = money(b.p, b.p.price)
    sym_font = Font(big * 0.46, 800, numeric=True)
    amt_font = Font(big, 800, numeric=True)
    orig_font = Font(27 * u, 400, numeric=True)
    tag_font = Font(22 * u, 700)
    original = ""
    if b.p.saving is not None and b.p.original_price is not None:
        osym, oamt = money(b.p, b.p.original_price)
        original = osym + oamt
    tag = format_discount(b.p, b.lang)
    tag_w = b.width(tag, tag_font) + 18 * u if tag else 0.0
    orig_w = b.width(original, orig_font) if original else 0.0
    col_w = max(tag_w, orig_w)
    gap = 14 * u
    sym_gap = 3 * u
    sym_w = b.width(symbol, sym_font)
    beside = bool(col_w)
    room = width - sym_w - sym_gap - (gap + col_w if beside else 0)
    fitted = shrink_to_width(amount, room, amt_font, big * 0.7, b.m) if room > 0 else amt_font
    if beside and (room <= 0 or b.width(amount, fitted) > room):
        beside = False  # too long for one row: the original price and discount go underneath
        fitted = shrink_to_width(amount, width - sym_w - sym_gap, amt_font, 20 * u, b.m)
    amt_font = fitted
    digit_h = DIGIT_HEIGHT * amt_font.size
    baseline = top + digit_h + 4 * u
    ratio = amt_font.size / big
    if ratio < 1:
        sym_font = Font(max(18 * u, sym_font.size * max(ratio, 0.6)), 800, numeric=True)
        sym_w = b.width(symbol, sym_font)
    b.text(x, baseline, symbol, sym_font, style.PRICE, items)
    amt = b.text(x + sym_w + sym_gap, baseline, amount, amt_font, style.PRICE, items)
    right = amt.x + amt.width
    height = digit_h + 8 * u
    if col_w:
        if beside:
            cx = right + gap
            orig_base = top + 4 * u + DIGIT_HEIGHT * orig_font.size  # tops aligned with the digits
            tag_top = baseline - 32 * u  # bottoms aligned with the baseline
        else:
            cx = x
            orig_base = baseline + 14 * u + 0.72 * orig_font.size
            tag_top = orig_base - 0.36 * orig_font.size - 16 * u
            height += 14 * u + 34 * u
        if original:
            o = b.text(cx, orig_base, original, orig_font, style.INK_3, items)
            strike_y = orig_base - 0.3 * orig_font.size
            items.append(Line(o.x - 1 * u, strike_y, o.x + o.width + 1 * u, strike_y, 2 * u, style.INK_3))
        if tag:
            tx = cx if beside else (cx + orig_w + 12 * u if original else cx)
            pill = Rect(tx, tag_top, tag_w, 32 * u)
            items.append(Box(pill, 7 * u, style.PRICE_SOFT, style.PRICE, 1.5 * u))
            b.text(pill.x + 9 * u, centred_baseline(pill.cy, tag_font), tag, tag_font, style.PRICE, items)
            right = max(right, pill.right)
        if original:
            right = max(right, cx + orig_w)
    return _PriceRow(tuple(items), height, Rect(x, top, right - x, height))


@dataclass(frozen=True)
class _Chip:
    rect: Rect
    text: str
    font: Font


def _chips(b: _Builder, x: float, top: float, width: float, max_rows: int) -> tuple[list[_Chip], float]:
    """Selling points as chips in rows that wrap; chips that would need another row are left out."""
    u = b.u
    font = Font(24 * u, 500)
    h, pad, gap = 42 * u, 14 * u, 9 * u
    chips: list[_Chip] = []
    row, cx = 0, x
    for point in b.p.selling_points:
        text = point.strip()
        if not text:
            continue
        f = shrink_to_width(text, width - 2 * pad, font, 18 * u, b.m)
        if b.width(text, f) > width - 2 * pad:
            continue  # a 'selling point' longer than the card is a paragraph, not a chip
        w = b.width(text, f) + 2 * pad
        if cx > x and cx + w > x + width:
            row += 1
            cx = x
        if row >= max_rows:
            break
        chips.append(_Chip(Rect(cx, top + row * (h + gap), w, h), text, f))
        cx += w + gap
    rows = (max(c.rect.bottom for c in chips) - top) if chips else 0.0
    return chips, rows


def _chip_items(b: _Builder, chip: _Chip, on: bool) -> list[Item]:
    u = b.u
    out: list[Item] = []
    if on:
        out.append(Box(chip.rect, style.R_SMALL * u, style.CHIP_ON, shadow=style.small_shadow(u)))
        colour = style.WHITE
    else:
        out.append(Box(chip.rect, style.R_SMALL * u, style.CHIP_BG, style.CHIP_LINE, 1.5 * u))
        colour = style.CHIP_FG
    font = Font(chip.font.size, 700 if on else chip.font.weight)
    w = b.width(chip.text, font)
    b.text(chip.rect.cx - w / 2, centred_baseline(chip.rect.cy, font), chip.text, font, colour, out)
    return out


def _stock(b: _Builder, x: float, cy: float) -> None:
    u = b.u
    if b.p.stock is None:
        return
    before, after = labels(b.lang)["stock"]  # type: ignore[misc]
    f_text = Font(24 * u, 500)
    f_num = Font(27 * u, 800, numeric=True)
    base = centred_baseline(cy, f_text)
    t1 = b.text(x, base, before, f_text, style.INK_2)
    t2 = b.text(t1.x + t1.width, base, f"{b.p.stock:,}" if b.p.stock >= 100000 else str(b.p.stock), f_num, style.PRICE)
    b.text(t2.x + t2.width, base, after, f_text, style.INK_2)


def _photo(b: _Builder, tile: Rect, banner: bool) -> None:
    u = b.u
    b.items.append(Box(tile, style.R_TILE * u, style.TILE))
    if b.p.image is not None:
        # With a flash-sale strip across the tile's foot, the product stands above it, not behind it.
        area = tile.inset(14 * u)
        if banner:
            area = Rect(area.x, area.y, area.w, area.h - 62 * u)
        b.items.append(Picture(area, b.p.image, "contain", cutout=True))
        return
    # No photo: the product's initial, large and quiet, so the card never shows a hole.
    f = Font(min(tile.w, tile.h) * 0.36, 700)
    initial = b.p.name[:1] or "?"
    w = b.width(initial, f)
    b.text(tile.cx - w / 2, centred_baseline(tile.cy - 14 * u, f), initial, f, (134, 144, 156, 110))
    f2 = Font(22 * u, 500)
    note = str(labels(b.lang)["no_image"])
    w2 = b.width(note, f2)
    b.text(tile.cx - w2 / 2, centred_baseline(tile.cy + min(tile.w, tile.h) * 0.28, f2), note, f2, style.INK_3)


def _badge(b: _Builder, tile: Rect) -> None:
    u = b.u
    text = saving_badge(b.p, b.lang)
    if not text:
        return
    f = shrink_to_width(text, tile.w - 60 * u, Font(27 * u, 800), 18 * u, b.m)
    w = b.width(text, f) + 28 * u
    pill = Rect(tile.x + 12 * u, tile.y + 12 * u, w, 48 * u)
    b.items.append(Box(pill, style.R_SMALL * u, style.BADGE, shadow=style.small_shadow(u)))
    b.text(pill.x + 14 * u, centred_baseline(pill.cy, f), text, f, style.WHITE)


def _flash_banner(b: _Builder, tile: Rect, groups: int) -> CountdownSlots:
    """The flash-sale strip across the bottom of the photo: bolt, 限时秒杀, 距结束 and digit boxes."""
    u = b.u
    strip = Rect(tile.x + 10 * u, tile.bottom - 10 * u - 56 * u, tile.w - 20 * u, 56 * u)
    lab = labels(b.lang)
    f_title = Font(26 * u, 800)
    f_ends = Font(20 * u, 500)
    f_digit = Font(26 * u, 800, numeric=True)
    box_w, box_h, colon_w = 42 * u, 38 * u, 14 * u
    boxes_w = groups * box_w + (groups - 1) * colon_w
    title, ends = str(lab["flash"]), str(lab["ends"])
    icon_w = 26 * u
    inner = strip.w - 24 * u
    need_title = icon_w + 6 * u + b.width(title, f_title) + 12 * u
    need_ends = b.width(ends, f_ends) + 8 * u
    show_ends = need_title + need_ends + boxes_w <= inner
    show_title = need_title + boxes_w <= inner
    b.items.append(Box(strip, style.R_SMALL * u, style.FLASH, shadow=style.small_shadow(u)))
    x = strip.x + 12 * u
    b.items.append(Icon("bolt", Rect(x, strip.cy - icon_w / 2, icon_w, icon_w), style.WHITE))
    if show_title:
        b.text(x + icon_w + 6 * u, centred_baseline(strip.cy, f_title), title, f_title, style.WHITE)
    bx = strip.right - 12 * u - boxes_w
    if show_ends:
        b.text(bx - need_ends, centred_baseline(strip.cy, f_ends), ends, f_ends, fade(style.WHITE, 0.92))
    centres = []
    for i in range(groups):
        r = Rect(bx + i * (box_w + colon_w), strip.cy - box_h / 2, box_w, box_h)
        b.items.append(Box(r, 7 * u, style.WHITE))
        centres.append(r.cx)
        if i < groups - 1:
            cw = b.width(":", f_digit)
            b.text(r.right + (colon_w - cw) / 2, centred_baseline(strip.cy, f_digit) - 2 * u, ":", f_digit, style.WHITE)
    return CountdownSlots(tuple(centres), centred_baseline(strip.cy, f_digit), f_digit, style.PRICE)


def _cta(b: _Builder, rect: Rect) -> None:
    u = b.u
    text = b.p.link.strip() or str(labels(b.lang)["cta"])
    b.items.append(Box(rect, rect.h / 2, style.CTA, shadow=style.small_shadow(u)))
    icon = 34 * u
    room = rect.w - 2 * (rect.h / 2) - icon - 10 * u
    f = shrink_to_width(text, room, Font(28 * u, 800), 19 * u, b.m)
    fitted = fit_text(text, room, 1, f, f.size, b.m)
    line = fitted.lines[0] if fitted.lines else ""
    w = b.width(line, f)
    x = rect.cx - (icon + 10 * u + w) / 2
    b.items.append(Icon("cart", Rect(x, rect.cy - icon / 2, icon, icon), style.WHITE))
    b.text(x + icon + 10 * u, centred_baseline(rect.cy, f), line, f, style.WHITE)


def _layer(items: list[Item], panel: Rect, u: float, name: str) -> Layer:
    reach = style.card_shadow(u).extent() + 4 * u
    bounds = Rect(math.floor(panel.x - reach), math.floor(panel.y - reach),
                  math.ceil(panel.w + 2 * reach) + 1, math.ceil(panel.h + 2 * reach) + 1)
    return Layer(tuple(items), bounds, cache=True, name=name)


def _tight(items: list[Item], box: Rect, u: float, name: str) -> Layer:
    pad = 16 * u
    bounds = Rect(math.floor(box.x - pad), math.floor(box.y - pad), math.ceil(box.w + 2 * pad) + 1,
                  math.ceil(box.h + 2 * pad) + 1)
    return Layer(tuple(items), bounds, cache=True, name=name)


@by_identity(maxsize=32)
def card_parts(product: Product, language: str, tpl: Template, metrics: TextMetrics,
               countdown_groups_n: int = 0) -> CardParts:
    """The card for `product` laid out in `tpl` (cached: layout and text fitting run once)."""
    b = _Builder(product, language, tpl, metrics)
    if tpl.card_style == "horizontal":
        return _horizontal(b, tpl, countdown_groups_n)
    return _vertical(b, tpl, countdown_groups_n)


def _vertical(b: _Builder, tpl: Template, groups: int) -> CardParts:
    u = b.u
    area = tpl.card
    pad = 22 * u
    x, inner = area.x + pad, area.w - 2 * pad
    name = _fit_name(b, inner)
    probe = _Builder(b.p, b.lang, tpl, b.m)
    price_h = _price_row(probe, 0, 0, inner, 84 * u).height
    chips, chips_h = _chips(probe, 0, 0, inner, 2)
    stock_h = 36 * u if b.p.stock is not None else 0.0
    cta_h = 70 * u
    fixed = (pad + 16 * u + name.height + 8 * u + price_h + (14 * u + chips_h if chips else 0)
             + (12 * u + stock_h if stock_h else 0) + 18 * u + cta_h + pad)
    photo_h = max(160 * u, min(inner, area.h - fixed))
    panel = Rect(area.x, area.y, area.w, fixed + photo_h)
    b.items.append(Box(panel, style.R_PANEL * u, style.CARD_BG, shadow=style.card_shadow(u)))
    y = panel.y + pad
    tile = Rect(x, y, inner, photo_h)
    _photo(b, tile, bool(groups))
    _badge(b, tile)
    slots = _flash_banner(b, tile, groups) if groups else None
    y = tile.bottom + 16 * u
    _draw_lines(b, name, x, y, style.INK)
    y += name.height + 8 * u
    price_items: list[Item] = []
    row = _price_row(b, x, y, inner, 84 * u)
    price_items.extend(row.items)
    y += row.height
    chip_parts: list[_Chip] = []
    if chips:
        y += 14 * u
        chip_parts, chips_h = _chips(b, x, y, inner, 2)
        y += chips_h
    for chip in chip_parts:
        b.items.extend(_chip_items(b, chip, on=False))
    if stock_h:
        y += 12 * u
        _stock(b, x, y + stock_h / 2)
        y += stock_h
    y += 18 * u
    cta = Rect(x, y, inner, cta_h)
    _cta(b, cta)
    return _finish(b, panel, row, chip_parts, slots, cta)


def _horizontal(b: _Builder, tpl: Template, groups: int) -> CardParts:
    u = b.u
    area = tpl.card
    pad = 24 * u
    gap = 26 * u
    photo_w = 300 * u
    col_x = area.x + pad + photo_w + gap
    col_w = area.right - pad - col_x
    name = _fit_name(b, col_w)
    probe = _Builder(b.p, b.lang, tpl, b.m)
    price_h = _price_row(probe, 0, 0, col_w, 84 * u).height
    chips, chips_h = _chips(probe, 0, 0, col_w, 2)
    stock_h = 36 * u if b.p.stock is not None else 0.0
    col_h = name.height + 10 * u + price_h + (14 * u + chips_h if chips else 0) + (12 * u + stock_h if stock_h else 0)
    cta_h = 70 * u
    body_h = max(photo_w, col_h)
    body_h = min(body_h, area.h - 2 * pad - 20 * u - cta_h)
    panel = Rect(area.x, area.y, area.w, pad + body_h + 20 * u + cta_h + pad)
    b.items.append(Box(panel, style.R_PANEL * u, style.CARD_BG, shadow=style.card_shadow(u)))
    top = panel.y + pad
    tile = Rect(area.x + pad, top, photo_w, body_h)
    _photo(b, tile, bool(groups))
    _badge(b, tile)
    slots = _flash_banner(b, tile, groups) if groups else None
    y = top + max(0.0, (body_h - col_h) / 2)
    _draw_lines(b, name, col_x, y, style.INK)
    y += name.height + 10 * u
    row = _price_row(b, col_x, y, col_w, 84 * u)
    y += row.height
    chip_parts: list[_Chip] = []
    if chips:
        y += 14 * u
        chip_parts, chips_h = _chips(b, col_x, y, col_w, 2)
        y += chips_h
    for chip in chip_parts:
        b.items.extend(_chip_items(b, chip, on=False))
    if stock_h:
        y += 12 * u
        _stock(b, col_x, y + stock_h / 2)
    cta = Rect(area.x + pad, top + body_h + 20 * u, area.w - 2 * pad, cta_h)
    _cta(b, cta)
    return _finish(b, panel, row, chip_parts, slots, cta)


def _finish(b: _Builder, panel: Rect, row: _PriceRow, chips: list[_Chip], slots: CountdownSlots | None,
            cta: Rect) -> CardParts:
    u = b.u
    static = _layer(b.items, panel, u, "card")
    # The highlighted card is a second cached raster rather than shapes drawn over the first each
    # frame: switching costs nothing, and the transition cross-fades the two.
    halo = Box(row.box.inset(-12 * u, -8 * u), style.R_SMALL * u, style.PRICE_SOFT)
    outline = Box(panel, style.R_PANEL * u, None, style.PRICE, 4 * u)
    highlighted = _layer([b.items[0], halo, *b.items[1:], outline], panel, u, "card.highlighted")
    price = _tight(list(row.items), row.box, u, "card.price")
    on = tuple(_tight(_chip_items(b, c, on=True), c.rect, u, "card.chip") for c in chips)
    return CardParts(panel, static, highlighted, price, row.box, on, slots, cta, tuple(b.texts))


# ---------------------------------------------------------------- animation


def presence(card: CardState, product_since: float, t: float) -> float:
    """How present the card is at t (0 gone … 1 fully in), eased, from the card and product changes."""
    if card.mode.visible:
        entry = product_since
        if not card.previous.visible:
            entry = max(entry, card.since)
        return out_cubic(progress(t, entry, ENTER_S))
    if card.previous.visible:
        return 1.0 - in_cubic(progress(t, card.since, LEAVE_S))
    return 0.0


def emphasis(card: CardState, mode: CardMode, t: float) -> float:
    """How strongly `mode`'s emphasis (price highlight, selling points) shows at t, 0–1."""
    if card.mode is mode:
        return out_cubic(progress(t, card.since, EMPHASIS_IN_S))
    if card.previous is mode:
        return 1.0 - in_cubic(progress(t, card.since, EMPHASIS_OUT_S))
    return 0.0


def card_layer(state: StageState, tpl: Template, t: float, metrics: TextMetrics,
               wall: datetime | None) -> Layer | None:
    """The card as it looks at t, or None when it is not on screen."""
    product = state.product
    if product is None:
        return None
    shown = presence(state.card, state.product_since, t)
    if shown <= 0.001:
        return None
    remaining = flash_remaining(product, wall)
    groups = countdown_groups(remaining) if remaining is not None else ()
    parts = card_parts(product, state.show.language, tpl, metrics, len(groups))
    u = tpl.u
    price_on = emphasis(state.card, CardMode.PRICE, t)
    if price_on >= 0.999:
        items: list[Item] = [parts.static_price]
    elif price_on <= 0.001:
        items = [parts.static]
    else:
        items = [parts.static, _with(parts.static_price, opacity=price_on)]
    price_scale = 1.0
    if state.card.mode is CardMode.PRICE:
        price_scale = 1.0 + 0.16 * bump(progress(t, state.card.since, PRICE_POP_S))
    if price_scale == 1.0:
        items.append(parts.price)
    else:
        box = parts.price_box
        items.append(_with(parts.price, scale=price_scale, origin=(box.x, box.y + box.h * 0.6)))

    points_on = state.card.mode is CardMode.POINTS or state.card.previous is CardMode.POINTS
    if points_on:
        for i, chip in enumerate(parts.chips_on):
            if state.card.mode is CardMode.POINTS:
                k = progress(t, state.card.since + i * CHIP_STAGGER_S, EMPHASIS_IN_S)
                level, scale = out_cubic(k), 0.86 + 0.14 * out_back(k)
            else:
                level, scale = 1.0 - in_cubic(progress(t, state.card.since, EMPHASIS_OUT_S)), 1.0
            if level > 0.001:
                c = chip.bounds
                items.append(_with(chip, opacity=level, scale=scale, origin=(c.cx, c.cy)))

    if parts.countdown is not None and groups:
        slots = parts.countdown
        for cx, digits in zip(slots.centres, groups):
            w = metrics.advance(digits, slots.font)
            items.append(Text(cx - w / 2, slots.baseline, digits, slots.font, slots.colour, w))

    if parts.cta is not None:
        # A light band sweeps across the call to action every few seconds: movement draws the eye
        # to the one thing the viewer should do, without blinking.
        phase = (t % SHIMMER_PERIOD_S) / 0.9
        if phase < 1.0:
            r = parts.cta
            band = r.h * 1.6
            x = r.x - band + (r.w + 2 * band) * in_cubic(phase) ** 0.6
            shine = LinearGradient(((0.0, (255, 255, 255, 0)), (0.5, (255, 255, 255, 90)), (1.0, (255, 255, 255, 0))))
            items.append(Layer((Box(Rect(x, r.y, band, r.h), 0, shine),), r, clip=r, clip_radius=r.h / 2,
                               name="card.shine"))

    slide = (1.0 - shown) * 70 * u * tpl.card_from
    return Layer(tuple(items), parts.static.bounds, opacity=shown, dx=round(slide), name="card.frame")


def _with(layer: Layer, **changes: object) -> Layer:
    return replace(layer, **changes)  # type: ignore[arg-type]
