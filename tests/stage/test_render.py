"""The QPainter renderer: fonts, golden frames per template, determinism, fit, zero-copy, caching."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest

from studio.core.vocab import CardMode
from studio.show.model import Background, Product, Show
from studio.stage.compose import compose
from studio.stage.scene import Box, Text, item_bounds, walk
from studio.stage.state import Caption, CardState, StageState, estimate_word_timings, first_pitch_text, state_for
from studio.stage.templates import template_named

from .conftest import GOLDEN, NOW

pytestmark = pytest.mark.gui

UPDATE = os.environ.get("STUDIO_UPDATE_GOLDEN") == "1"
SCALE = 4  # goldens are stored at 1/4 size: small files, and still every element is visible


def frame_state(show: Show, template: str, product: str, mode: CardMode) -> StageState:
    """The product came on at 0 and its first line started at 0.3 s; frames are taken at 2.5 s."""
    text = first_pitch_text(show.product(product), show.language, NOW)
    state = state_for(show, product, template=template, t=0.0, live=True, now=NOW)
    card = CardState(mode, 0.0 if mode is CardMode.SHOWN else 0.5,
                     CardMode.HIDDEN if mode is CardMode.SHOWN else CardMode.SHOWN)
    return replace(state, product_since=0.0, card=card, caption=Caption(text, 0.3, estimate_word_timings(text)))


CASES = {
    "portrait": ("serum", CardMode.PRICE),
    "landscape": ("tea", CardMode.SHOWN),
    "portrait-720": ("thermos", CardMode.POINTS),
}


def pixels(image: Any) -> np.ndarray:
    from studio.stage.qt_paint import frame_array

    return np.array(frame_array(image))  # a copy: the image may go away


def small(image: Any) -> np.ndarray:
    from PySide6.QtCore import Qt

    shrunk = image.scaled(image.width() // SCALE, image.height() // SCALE, Qt.AspectRatioMode.IgnoreAspectRatio,
                          Qt.TransformationMode.SmoothTransformation)
    return pixels(shrunk)


def test_a_cjk_font_is_installed_and_draws_every_character(stage: Any, demo: Show) -> None:
    from PySide6.QtGui import QFont, QRawFont

    from studio.stage.qt_fonts import CJK_FAMILIES, PROBE

    assert stage.fonts.cjk in CJK_FAMILIES, (
        "no CJK font: install fonts-noto-cjk or fonts-wqy-microhei (see docs/stage.md)")
    font = QFont(stage.fonts.cjk)
    font.setPixelSize(40)
    raw = QRawFont.fromFont(font)
    used = set(PROBE)
    for template in CASES:
        for product in demo.products:
            scene = compose(frame_state(demo, template, product.id, CardMode.SHOWN), 2.5, stage.metrics)
            used |= {c for i in walk(scene.items) if isinstance(i, Text) for c in i.text}
    missing = sorted(c for c in used if not c.isspace() and not raw.supportsCharacter(ord(c))
                     and not (stage.fonts.numeric and c.isascii()))
    assert not missing, f"{stage.fonts.cjk} cannot draw {missing}: they would render as boxes"


def test_missing_cjk_font_fails_loudly(qapp_session: Any) -> None:
    from studio.stage.qt_fonts import FontRequirementError, find_cjk_family

    with pytest.raises(FontRequirementError, match="fonts-noto-cjk"):
        find_cjk_family(("No Such Font SC",))


@pytest.mark.parametrize("template", list(CASES))
def test_golden_frames(stage: Any, demo: Show, template: str) -> None:
    product, mode = CASES[template]
    stage.prepare(demo)
    image = stage.render(frame_state(demo, template, product, mode), 2.5)
    tpl = template_named(template)
    assert (image.width(), image.height()) == tpl.size
    got = small(image)
    path = GOLDEN / f"{template}.png"
    meta_path = GOLDEN / "fonts.json"
    fonts = {"cjk": stage.fonts.cjk, "numeric": stage.fonts.numeric}
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        cv2.imwrite(str(path), got)
        meta_path.write_text(json.dumps(fonts, indent=1) + "\n", encoding="utf-8")
        return
    assert path.is_file(), f"no golden {path.name}: run with STUDIO_UPDATE_GOLDEN=1 and review the PNGs"
    recorded = json.loads(meta_path.read_text(encoding="utf-8"))
    if recorded != fonts:
        pytest.skip(f"goldens were drawn with {recorded}, this machine has {fonts}")
    want = cv2.imread(str(path), cv2.IMREAD_UNCHANGED)
    assert want.shape == got.shape
    diff = np.abs(want.astype(np.int16) - got.astype(np.int16))
    if diff.mean() > 1.5 or (diff.max(axis=2) > 40).mean() > 0.005:
        out = Path(os.environ.get("PYTEST_FAILED_FRAMES", "/tmp")) / f"stage-{template}-actual.png"
        cv2.imwrite(str(out), got)
        pytest.fail(f"{template}: mean difference {diff.mean():.2f}, "
                    f"{(diff.max(axis=2) > 40).mean():.2%} pixels off — actual frame saved to {out}")


def test_same_inputs_same_pixels(demo: Show, photo_cache: Any, qapp_session: Any) -> None:
    from studio.stage.qt_paint import StageRenderer

    state = frame_state(demo, "portrait", "serum", CardMode.PRICE)
    a = StageRenderer(photos=photo_cache).render(state, 3.1)
    renderer = StageRenderer(photos=photo_cache)
    renderer.render(frame_state(demo, "portrait", "tea", CardMode.SHOWN), 9.0)  # warm other caches first
    b = renderer.render(state, 3.1)
    assert np.array_equal(pixels(a), pixels(b))


@pytest.mark.parametrize("template", list(CASES))
def test_long_name_and_nine_digit_price_fit_with_real_fonts(stage: Any, demo: Show, long_product: Product,
                                                           template: str) -> None:
    tpl = template_named(template)
    state = replace(frame_state(demo, template, "tea", CardMode.PRICE), product=long_product)
    scene = stage.scene(state, 3.0)
    (card,) = scene.layers("card.frame")
    panel = next(i for i in walk(card.items) if isinstance(i, Box) and i.shadow is not None).rect
    assert tpl.card.contains(panel)
    texts = [i for i in walk(card.items) if isinstance(i, Text)]
    assert any(t.text.endswith("123456789") for t in texts)
    for t in texts:
        measured = stage.metrics.advance(t.text, t.font)
        assert abs(measured - t.width) < 0.01
        b = item_bounds(t)
        assert b is not None and panel.inset(8 * tpl.u).contains(b, tolerance=1), f"'{t.text}' overflows {b}"
    image = stage.render(state, 3.0)
    assert image.width() == tpl.width  # and it draws


def test_frame_array_is_a_view_not_a_copy(qapp_session: Any) -> None:
    from PySide6.QtGui import QColor

    from studio.stage.qt_paint import frame_array, new_frame

    image = new_frame(64, 32)
    image.fill(QColor(10, 20, 30, 255))
    array = frame_array(image)
    assert array.shape == (32, 64, 4) and array.dtype == np.uint8
    assert tuple(array[0, 0]) == (30, 20, 10, 255), "B, G, R, A in memory"
    image.setPixelColor(5, 3, QColor(200, 100, 50, 255))
    assert tuple(array[3, 5]) == (50, 100, 200, 255), "the array sees the image's own pixels"
    assert array.__array_interface__["data"][0] == np.frombuffer(image.constBits(), np.uint8).ctypes.data
    view = array[1:3]
    del image, array
    assert view.image is not None and tuple(view[0, 0]) == (30, 20, 10, 255), "a view keeps the image alive"


def test_transparent_and_chroma_backgrounds(stage: Any, demo: Show) -> None:
    clear = stage.render(state_for(replace(demo, background=Background("transparent")), "tea"), 1.0)
    px = pixels(clear)
    assert px[5, 5, 3] == 0 and px[-5, 5, 3] > 0, "alpha out where nothing is drawn, the host is opaque"
    green = pixels(stage.render(state_for(replace(demo, background=Background("chroma", "#00B140")), "tea"), 1.0))
    assert tuple(green[5, 5]) == (0x40, 0xB1, 0x00, 255)


def test_unreadable_background_falls_back_and_is_reported(stage: Any, demo: Show, tmp_path: Path) -> None:
    from studio.stage.qt_paint import StageRenderer

    broken = tmp_path / "broken.png"
    broken.write_bytes(b"nope")
    renderer = StageRenderer(photos=stage.painter.photos, fonts=stage.fonts)
    show = replace(demo, background=Background("image", image=broken))
    px = pixels(renderer.render(state_for(show, "tea"), 1.0))
    assert tuple(px[5, 5, :3]) == (0x2A, 0x23, 0x20), "the default colour instead of a black hole"
    assert any("broken.png" in p for p in renderer.problems)


def test_static_parts_are_rasterized_once(stage: Any, demo: Show) -> None:
    from studio.stage.qt_paint import new_frame

    state = frame_state(demo, "portrait", "tea", CardMode.SHOWN)
    frame = new_frame(1080, 1920)
    stage.render(state, 1.0, into=frame)
    before = stage.painter.layer_rasterizations
    for k in range(30):
        assert stage.render(state, 1.0 + k / 30, into=frame) is frame, "the frame buffer is reused"
    assert stage.painter.layer_rasterizations - before <= 2, "only a new caption line may need a raster"


def test_avatar_painter_is_injected_and_gets_the_pose(demo: Show, photo_cache: Any, qapp_session: Any) -> None:
    from PySide6.QtGui import QColor

    from studio.stage.qt_paint import StageRenderer

    calls: list[tuple[Any, object]] = []

    def painter(p: Any, rect: Any, pose: object) -> None:
        calls.append((rect, pose))
        p.fillRect(rect, QColor(255, 0, 255))

    pose = object()
    state = replace(state_for(demo, "tea", template="portrait"), pose=pose)
    px = pixels(StageRenderer(avatar_painter=painter, photos=photo_cache).render(state, 1.0))
    assert calls and calls[0][1] is pose
    r = template_named("portrait").avatar
    assert (calls[0][0].x(), calls[0][0].y(), calls[0][0].width(), calls[0][0].height()) == (r.x, r.y, r.w, r.h)
    assert tuple(px[1900, 300, :3]) == (255, 0, 255)


def test_real_avatar_adapter_draws_the_host(demo: Show, photo_cache: Any, qapp_session: Any) -> None:
    from studio.checks import show_pack
    from studio.program.host import Host
    from studio.stage.qt_avatar import pack_painter
    from studio.stage.qt_paint import StageRenderer

    pack = show_pack(demo).pack
    assert pack is not None
    state = frame_state(demo, "portrait-720", "tea", CardMode.SHOWN)
    host = Host(pack)
    talking = host.pose(state, 1.0)
    assert talking is not host.pose(state, 1.2)
    renderer = StageRenderer(avatar_painter=pack_painter(pack), photos=photo_cache)
    with_host = pixels(renderer.render(state.with_pose(talking), 1.0))
    placeholder = pixels(StageRenderer(photos=photo_cache, fonts=renderer.fonts).render(state, 1.0))
    r = template_named("portrait-720").avatar
    region = (slice(int(r.y + r.h * 0.3), int(r.y + r.h * 0.5)), slice(60, 300))
    assert np.abs(with_host[region].astype(int) - placeholder[region].astype(int)).mean() > 10
