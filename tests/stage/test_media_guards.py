"""Supplier images on the stage: large ones prepared once at a smaller size, hostile ones become placeholders."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from imagefiles import bomb_png, encode, jpeg, png_claiming

from studio.show.model import Background, Show
from studio.stage import cutout
from studio.stage.cutout import PHOTO_SIDE, SCALED_SIDE, PhotoCache, PhotoError, decode
from studio.stage.media import image_info
from studio.stage.state import state_for

from .test_cutout import studio_photo

pytestmark = pytest.mark.gui


def big_studio_photo(width: int = 5000, height: int = 4000) -> bytes:
    """The test studio photo blown up to a camera's size (20 MP), as a JPEG."""
    return encode(".jpg", cv2.resize(studio_photo(), (width, height), interpolation=cv2.INTER_LINEAR))


def test_a_large_photo_is_decoded_small_and_prepared_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "photo.jpg"
    source.write_bytes(big_studio_photo())
    sizes: list[tuple[int, int]] = []
    real = cutout.process_photo

    def spy(rgba: np.ndarray) -> tuple[np.ndarray, bool]:
        sizes.append(rgba.shape[:2])
        return real(rgba)

    monkeypatch.setattr(cutout, "process_photo", spy)
    done = PhotoCache(tmp_path / "cache").prepare(source)
    assert sizes == [(1280, PHOTO_SIDE)], "processed at most PHOTO_SIDE on its longer side"
    assert done.cut_out and max(done.size) <= PHOTO_SIDE
    assert PhotoCache(tmp_path / "cache").prepare(source) == done and len(sizes) == 1, "once, then from disk"
    source.write_bytes(big_studio_photo(5000, 3900))  # an edited photo is redone
    assert PhotoCache(tmp_path / "cache").prepare(source).path != done.path and len(sizes) == 2


def test_reduced_jpeg_decoding_keeps_the_picture() -> None:
    img = np.zeros((3000, 4000, 3), np.uint8)
    img[:, :2000] = (0, 0, 255)  # left half red (BGR), right half black
    rgba = decode(encode(".jpg", img), "t.jpg", 1000)
    assert rgba.shape == (750, 1000, 4)
    assert tuple(rgba[375, 200]) == pytest.approx((255, 0, 0, 255), abs=6)
    assert tuple(rgba[375, 800]) == pytest.approx((0, 0, 0, 255), abs=6)
    assert decode(encode(".jpg", img[:100, :100]), "t.jpg", 1000).shape == (100, 100, 4), "small: as it is"


def test_backdrops_and_logos_get_a_smaller_copy_once(tmp_path: Path) -> None:
    small = tmp_path / "small.jpg"
    small.write_bytes(jpeg(640, 480))
    cache = PhotoCache(tmp_path / "cache")
    assert cache.scaled(small)[0] == small, "a small image is its own file"
    big = tmp_path / "big.jpg"
    big.write_bytes(big_studio_photo(6000, 4000))
    target, header = cache.scaled(big)
    assert (header.width, header.height) == (6000, 4000)
    copy = cv2.imread(str(target), cv2.IMREAD_UNCHANGED)
    assert copy.shape[:2] == (round(4000 * SCALED_SIDE / 6000), SCALED_SIDE)
    stamp = target.stat().st_mtime_ns
    assert PhotoCache(tmp_path / "cache").scaled(big)[0] == target and target.stat().st_mtime_ns == stamp


def test_a_large_logo_is_measured_on_its_copy_in_the_originals_pixels(tmp_path: Path) -> None:
    logo = np.zeros((2000, 2500, 4), np.uint8)
    logo[500:1500, 1000:2000] = (20, 40, 200, 255)  # visible box: x 1000–2000, y 500–1500
    path = tmp_path / "logo.png"
    path.write_bytes(encode(".png", logo))
    info = image_info(path)
    assert info is not None and (info.width, info.height) == (2500, 2000)
    box = info.content
    assert box.x == pytest.approx(1000, abs=2) and box.y == pytest.approx(500, abs=2)
    assert box.w == pytest.approx(1000, abs=3) and box.h == pytest.approx(1000, abs=3)
    path.write_bytes(bomb_png(20_000))
    os.utime(path, ns=(5, 5))
    assert image_info(path) is None, "a logo that must not be decoded is left out"


@pytest.mark.parametrize("hostile", ["bomb", "cut", "liar"])
def test_an_image_replaced_on_air_becomes_the_placeholder(hostile: str, demo: Show, stage: Any,
                                                          tmp_path: Path) -> None:
    """The show was checked, then the files changed under it: the frame still draws, the problem is named."""
    from studio.stage.qt_paint import StageRenderer, frame_array

    data = {"bomb": bomb_png(20_000), "cut": big_studio_photo()[:30_000], "liar": png_claiming(6000, 6000)}[hostile]
    photo, backdrop, logo = (tmp_path / n for n in ("tea.jpg", "room.png", "logo.png"))
    for path in (photo, backdrop, logo):
        path.write_bytes(data)
    tea = replace(demo.product("tea"), image=photo)
    show = replace(demo, products=tuple(tea if p.id == "tea" else p for p in demo.products), logo=logo,
                   background=Background("image", image=backdrop))
    renderer = StageRenderer(photos=PhotoCache(tmp_path / "cache"), fonts=stage.fonts)
    renderer.prepare(show)
    frame = np.array(frame_array(renderer.render(state_for(show, "tea"), 1.0)))
    assert tuple(frame[5, 5, :3]) == (0x2A, 0x23, 0x20), "the default backdrop colour"
    named = [p for p in renderer.problems if "tea.jpg" in p or "room.png" in p]
    assert len(named) == 2, renderer.problems
    wording = {"bomb": "above the 40 MP limit", "cut": "cut short", "liar": "far too little"}[hostile]
    assert all(wording in p for p in named)


def test_prepare_refuses_what_decode_refuses(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(bomb_png(20_000))
    with pytest.raises(PhotoError, match="bomb.png: 20000×20000 pixels"):
        PhotoCache(tmp_path / "c").prepare(bomb)
    with pytest.raises(PhotoError, match="above the 40 MP limit"):
        PhotoCache(tmp_path / "c").scaled(bomb)
    with pytest.raises(PhotoError, match="far too little"):
        decode(png_claiming(6000, 6000), "liar.png")
