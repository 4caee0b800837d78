"""compose(state, t) without Qt: purity, layout inside the safe areas, transitions, label, countdown."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time
from pathlib import Path

import pytest

from studio.core.vocab import CardMode
from studio.show.model import CHROMA_GREEN, Background, Product, Show
from studio.stage.captions import caption_layout, spoken_chars
from studio.stage.card import ENTER_S, countdown_groups, flash_remaining, presence, saving_badge
from studio.stage.compose import compose
from studio.stage.scene import (
    Avatar,
    Box,
    Clear,
    Fill,
    Layer,
    Picture,
    Rect,
    Scene,
    Text,
    item_bounds,
    rgba,
    walk,
)
from studio.stage.state import (
    Caption,
    CardState,
    StageState,
    estimate_word_timings,
    first_pitch_text,
    state_for,
)
from studio.stage.templates import TEMPLATES, template_for_canvas, template_named
from studio.stage.text import ApproxMetrics

from .conftest import NOW


def full_state(show: Show, template: str, product: str = "serum", live: bool = True) -> StageState:
    text = first_pitch_text(show.product(product), show.language, NOW)
    return state_for(show, product, template=template, t=0.0, caption=text, live=live, now=NOW)


def absolute(layer: Layer, r: Rect) -> Rect:
    return Rect(r.x + layer.dx, r.y + layer.dy, r.w, r.h)


def test_compose_is_pure(demo: Show, approx: ApproxMetrics) -> None:
    state = full_state(demo, "portrait")
    a = compose(state, 3.25, approx)
    b = compose(state, 3.25, approx)
    assert a == b and hash(a.items[-1]) == hash(b.items[-1])
    assert compose(state, 3.30, approx) != a, "time moves the picture (caption, ticker, countdown)"


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_key_elements_stay_in_the_safe_area(demo: Show, approx: ApproxMetrics, name: str) -> None:
    tpl = template_named(name)
    for rect_name, rect in tpl.key_rects().items():
        assert tpl.safe.contains(rect), f"{name}: {rect_name} leaves the safe area"
        for zone, covered in tpl.platform_zones:
            assert not rect.intersects(covered), f"{name}: {rect_name} lies under the platform's {zone}"
    scene = compose(full_state(demo, name), 5.0, approx)
    for layer_name in ("card.frame", "captions", "ticker", "logo", "disclosure"):
        (layer,) = scene.layers(layer_name)
        # The first box is the element's plate or panel (its layer bounds also hold the soft shadow).
        plate = next(i for i in walk(layer.items) if isinstance(i, Box))
        box = absolute(layer, plate.rect)
        assert tpl.safe.contains(box, tolerance=2), f"{name}: {layer_name} at {box} leaves {tpl.safe}"
    for item in unclipped(scene.items):
        if isinstance(item, Text):
            b = item_bounds(item)
            assert b is not None and tpl.safe.contains(b, tolerance=4), f"{name}: text '{item.text}' at {b}"
        if isinstance(item, Layer) and item.clip is not None:  # scrolling or lit text shows only here
            assert tpl.safe.contains(item.clip, tolerance=2), f"{name}: {item.name} clip {item.clip}"


def unclipped(items: tuple[object, ...]) -> list[object]:
    """Items depth-first, without descending into clipped layers (their clip is checked instead)."""
    out: list[object] = []
    for item in items:
        out.append(item)
        if isinstance(item, Layer) and item.clip is None:
            out.extend(unclipped(item.items))
    return out


def test_scene_order_and_avatar_passthrough(demo: Show, approx: ApproxMetrics) -> None:
    pose = object()
    state = replace(full_state(demo, "portrait"), pose=pose)
    scene = compose(state, 2.0, approx)
    assert isinstance(scene.items[0], Picture) and scene.items[0].fit == "cover"
    avatars = [i for i in scene.items if isinstance(i, Avatar)]
    assert len(avatars) == 1 and avatars[0].pose is pose
    names = [i.name for i in scene.items if isinstance(i, Layer)]
    assert names == ["card.frame", "captions", "ticker", "logo", "disclosure"]


def test_disclosure_cannot_be_hidden_on_air(demo: Show, approx: ApproxMetrics) -> None:
    on_air = replace(full_state(demo, "portrait", live=True), disclosure_visible=False)
    scene = compose(on_air, 1.0, approx)
    assert isinstance(scene.items[-1], Layer) and scene.items[-1].name == "disclosure", "on top of everything"
    label = [i.text for i in walk((scene.items[-1],)) if isinstance(i, Text) and i.text != "AI"]
    assert "".join(label) == demo.disclosure, "the show's own wording, whole"
    # An empty disclosure text still puts the default label on air.
    blank = replace(on_air, show=replace(demo, disclosure="  "))
    texts = "".join(i.text for i in walk(compose(blank, 1.0, approx).layers("disclosure")[0].items)
                    if isinstance(i, Text))
    assert "AI数字人主播" in texts
    rehearsal = replace(on_air, live=False)
    assert compose(rehearsal, 1.0, approx).layers("disclosure") == []


def test_disclosure_label_is_high_contrast(demo: Show, approx: ApproxMetrics) -> None:
    (label,) = compose(full_state(demo, "portrait"), 1.0, approx).layers("disclosure")
    plate = next(i for i in label.items if isinstance(i, Box))
    text = [i for i in label.items if isinstance(i, Text)][-1]

    def luminance(c: tuple[int, int, int, int]) -> float:
        def lin(v: int) -> float:
            s = v / 255
            return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
        return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])

    assert isinstance(plate.fill, tuple)
    hi, lo = sorted((luminance(plate.fill), luminance(text.colour)), reverse=True)
    assert (hi + 0.05) / (lo + 0.05) >= 7.0, "WCAG AAA contrast"
    assert text.font.size >= 20


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_long_name_and_nine_digit_price_fit_the_card(demo: Show, long_product: Product, approx: ApproxMetrics,
                                                     name: str) -> None:
    tpl = template_named(name)
    state = replace(state_for(demo, "tea", template=name, now=NOW), product=long_product)
    scene = compose(state, 3.0, approx)
    (card,) = scene.layers("card.frame")
    panel = next(i for i in walk(card.items) if isinstance(i, Box) and i.shadow is not None).rect
    assert tpl.card.contains(panel), f"the card grew out of its area: {panel}"
    texts = [i for i in walk(card.items) if isinstance(i, Text)]
    assert any("123456789" in t.text for t in texts), "the full price is shown, never cut"
    for t in texts:
        b = item_bounds(t)
        assert b is not None and panel.inset(8 * tpl.u).contains(b, tolerance=1), f"'{t.text}' overflows: {b}"
        assert t.font.size >= 16 * tpl.u, f"'{t.text}' shrank to {t.font.size}px: unreadable"
    name_texts = "".join(t.text for t in texts)
    assert LONG_PREFIX in name_texts


LONG_PREFIX = "云集好物旗舰店"


def test_card_enters_and_leaves_with_easing(demo: Show) -> None:
    card = CardState(CardMode.SHOWN, 10.0, CardMode.HIDDEN)
    values = [presence(card, 0.0, 10.0 + k * 0.05) for k in range(12)]
    assert values[0] == 0.0 and values[-1] == 1.0
    assert all(b >= a for a, b in zip(values, values[1:])), "monotonic"
    assert values[1] - values[0] > values[-2] - values[-3], "eases out: fast start, gentle landing"
    # A new product while the card is up: the card comes in again from the product's time.
    assert presence(CardState(CardMode.SHOWN, 0.0, CardMode.HIDDEN), 20.0, 20.0) == 0.0
    assert presence(CardState(CardMode.SHOWN, 0.0, CardMode.HIDDEN), 20.0, 20.0 + ENTER_S) == 1.0
    leaving = CardState(CardMode.HIDDEN, 30.0, CardMode.PRICE)
    assert presence(leaving, 0.0, 30.0) == 1.0 and presence(leaving, 0.0, 31.0) == 0.0
    assert presence(CardState(CardMode.HIDDEN, 0.0, CardMode.HIDDEN), 0.0, 5.0) == 0.0


def test_hidden_card_is_not_drawn_and_modes_change_the_card(demo: Show, approx: ApproxMetrics) -> None:
    base = full_state(demo, "portrait")
    hidden = replace(base, card=CardState(CardMode.HIDDEN, 0.0, CardMode.HIDDEN))
    assert compose(hidden, 5.0, approx).layers("card.frame") == []
    shown = compose(replace(base, card=CardState(CardMode.SHOWN, 0.0, CardMode.HIDDEN)), 5.0, approx)
    price = compose(replace(base, card=CardState(CardMode.PRICE, 4.9, CardMode.SHOWN)), 5.0, approx)
    points = compose(replace(base, card=CardState(CardMode.POINTS, 4.0, CardMode.SHOWN)), 5.0, approx)
    assert shown.layers("card.highlighted") == [] and price.layers("card.highlighted")
    (pop,) = price.layers("card.price")
    assert pop.scale > 1.0, "the price pops when it is highlighted"
    assert len(points.layers("card.chip")) == len(demo.product("serum").selling_points)
    assert shown.layers("card.chip") == []


def test_state_follows_a_mode_only_source() -> None:
    card = CardState(CardMode.SHOWN, 1.0, CardMode.HIDDEN)
    assert card.follow(CardMode.SHOWN, 1.0) is card
    nxt = card.follow(CardMode.PRICE, 4.0)
    assert nxt == CardState(CardMode.PRICE, 4.0, CardMode.SHOWN)


def test_countdown(demo: Show) -> None:
    serum = demo.product("serum")  # flash sale daily at 21:00
    assert flash_remaining(serum, datetime(2025, 11, 26, 20, 48, 30)) == 690.0
    assert countdown_groups(690.0) == ("11", "30")
    assert countdown_groups(689.2) == ("11", "30"), "whole seconds round up: 0:00 only at the end"
    assert countdown_groups(3600 * 2 + 61) == ("02", "01", "01")
    assert flash_remaining(serum, datetime(2025, 11, 26, 21, 0, 0)) == 24 * 3600.0, "daily: tomorrow's"
    assert flash_remaining(serum, None) is None
    once = replace(serum, flash_sale_end=datetime(2025, 11, 26, 21, 0))
    assert flash_remaining(once, datetime(2025, 11, 26, 21, 0, 1)) is None, "a past one-off sale is over"
    assert flash_remaining(demo.product("tea"), NOW) is None
    assert isinstance(serum.flash_sale_end, time)


def test_countdown_ticks_with_t(demo: Show, approx: ApproxMetrics) -> None:
    state = full_state(demo, "portrait")

    def digits(t: float) -> list[str]:
        (card,) = compose(state, t, approx).layers("card.frame")
        return [i.text for i in card.items if isinstance(i, Text)]

    assert digits(0.0) == ["11", "30"]
    assert digits(1.0) == ["11", "29"]
    assert digits(690.0 - 0.5) == ["00", "01"]


def test_saving_badge(demo: Show) -> None:
    tea = demo.product("tea")
    assert saving_badge(tea, "zh-CN") == "省70元"
    assert saving_badge(tea, "en-US") == "Save ¥70"
    assert saving_badge(replace(tea, original_price=None), "zh-CN") == ""


def test_captions_light_up_word_by_word(demo: Show, approx: ApproxMetrics) -> None:
    text = "今天直播间只要168元"
    words = estimate_word_timings(text)
    assert words[0].start == 0.0 and all(a.end <= b.start + 1e-9 for a, b in zip(words, words[1:]))
    assert spoken_chars(words, -1.0) == 0.0
    assert spoken_chars(words, 100.0) == len(text)
    mid = [spoken_chars(words, k * 0.1) for k in range(40)]
    assert all(b >= a for a, b in zip(mid, mid[1:])), "never goes backwards"
    state = replace(state_for(demo, "tea", template="portrait"), caption=Caption(text, 10.0, words))
    before = compose(state, 9.9, approx)
    assert before.layers("captions") == []
    early = compose(state, 10.5, approx).layers("captions.spoken")
    late = compose(state, 11.5, approx).layers("captions.spoken")
    assert early and late and late[0].clip is not None and early[0].clip is not None
    assert late[0].clip.w > early[0].clip.w, "the lit part grows as the line is spoken"


def test_long_captions_page_two_lines_at_a_time(demo: Show, approx: ApproxMetrics) -> None:
    text = "日常价二百三十八元，今天直播间只要一百六十八元，直接省七十元，相当于七折！库存只有五百罐，喜欢的朋友抓紧下单，手慢就没了。"
    tpl = template_named("portrait")
    layout = caption_layout(text, tpl, approx)
    assert len(layout.lines) > 2
    words = estimate_word_timings(text)
    state = replace(state_for(demo, "tea", template="portrait"), caption=Caption(text, 0.0, words))
    first = [i.text for i in walk(compose(state, 0.5, approx).items) if isinstance(i, Text)
             and i.colour[:3] == (255, 255, 255) and i.text in text]
    last = [i.text for i in walk(compose(state, words[-1].end + 0.1, approx).items) if isinstance(i, Text)
            and i.colour[:3] == (255, 255, 255) and i.text in text]
    assert first and last and first != last, "the page turns as speech moves on"


@pytest.mark.parametrize(("background", "expected"), [
    (Background("color", "#123456"), Fill(rgba("#123456"))),
    (Background("chroma", CHROMA_GREEN), Fill(rgba("#00B140"))),
    (Background("transparent"), Clear()),
])
def test_backgrounds(demo: Show, approx: ApproxMetrics, background: Background, expected: object) -> None:
    state = state_for(replace(demo, background=background), "tea")
    scene = compose(state, 0.0, approx)
    assert scene.items[0] == expected
    assert scene.transparent == (background.kind == "transparent")


def test_image_background_is_cover_fitted_with_a_fallback(demo: Show, approx: ApproxMetrics) -> None:
    scene = compose(state_for(demo, "tea", template="landscape"), 0.0, approx)
    pic = scene.items[0]
    assert isinstance(pic, Picture) and pic.fit == "cover" and pic.rect == Rect(0, 0, 1920, 1080)
    assert pic.fallback is not None and isinstance(demo.background.image, Path)


def test_ticker_scrolls_and_loops(demo: Show, approx: ApproxMetrics) -> None:
    state = state_for(demo, "tea", template="portrait")

    def offset(t: float) -> float:
        return compose(state, t, approx).layers("ticker.copy")[0].dx

    assert offset(1.0) < offset(0.0), "moves right to left"
    (strip,) = {c.items[0] for c in compose(state, 0.0, approx).layers("ticker.copy")}
    assert isinstance(strip, Layer) and strip.cache, "the text is one cached raster, only moved"
    assert compose(replace(state, ticker=()), 0.0, approx).layers("ticker") == []


def test_templates_for_canvases() -> None:
    assert template_for_canvas((1080, 1920)).name == "portrait"
    assert template_for_canvas((720, 1280)).name == "portrait-720"
    assert template_for_canvas((1920, 1080)).name == "landscape"
    scaled = template_for_canvas((1440, 2560))
    assert scaled.u == pytest.approx(1440 / 1080) and scaled.safe.contains(scaled.card)
    with pytest.raises(ValueError, match="no layout"):
        template_for_canvas((1000, 1000))
    with pytest.raises(KeyError, match="choose"):
        template_named("square")


def test_scene_is_hashable_and_comparable(demo: Show, approx: ApproxMetrics) -> None:
    scene = compose(full_state(demo, "landscape"), 1.0, approx)
    assert isinstance(scene, Scene)
    assert len({scene.items[-1], compose(full_state(demo, "landscape"), 1.0, approx).items[-1]}) == 1


def test_card_shows_everything_a_buyer_needs(demo: Show, approx: ApproxMetrics) -> None:
    from studio.stage.scene import Line as StrikeLine

    scene = compose(full_state(demo, "portrait", product="serum"), 2.0, approx)
    (card,) = scene.layers("card.frame")
    items = walk(card.items)
    texts = [i.text for i in items if isinstance(i, Text)]
    serum = demo.product("serum")
    assert "玻尿酸补水精华 30ml" in texts
    assert "¥" in texts and "129" in texts, "price with its currency"
    assert "¥199" in texts and any(isinstance(i, StrikeLine) for i in items), "original price struck through"
    assert "省70元" in texts and "6.5折" in texts, "saving badge and discount"
    assert set(serum.selling_points) <= set(texts), "selling points as chips"
    assert "300" in texts and "仅剩 " in texts, "stock left"
    assert "点击下方小黄车 3号链接" in texts, "the link hint"
    assert "限时秒杀" in texts and ["11", "28"] == [t for t in texts if t.isdigit() and len(t) == 2][-2:]
    pictures = [i for i in items if isinstance(i, Picture)]
    assert len(pictures) == 1 and pictures[0].cutout and pictures[0].source == serum.image
