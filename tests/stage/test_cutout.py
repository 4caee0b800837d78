"""Product photos: plain backgrounds cut out (shadows kept soft), margins trimmed, done once and cached."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from studio.stage import cutout
from studio.stage.cutout import PhotoCache, PhotoError, decode, process_photo

from .conftest import DEMO


def studio_photo(size: int = 400, background: int = 246) -> np.ndarray:
    """A red box with a white label on a plain light studio background, with a soft shadow under it."""
    img = np.full((size, size, 3), background, np.uint8)
    shadow = np.zeros((size, size), np.float32)
    cv2.ellipse(shadow, (200, 300), (90, 14), 0, 0, 360, 1.0, -1)
    shadow = cv2.GaussianBlur(shadow, (0, 0), 9)
    img = (img * (1 - 0.35 * shadow[..., None])).astype(np.uint8)
    cv2.rectangle(img, (140, 100), (260, 300), (40, 40, 210), -1)  # BGR red
    cv2.rectangle(img, (160, 170), (240, 230), (250, 248, 248), -1)  # a white label, like the background
    return img


def encode(img: np.ndarray) -> bytes:
    ok, data = cv2.imencode(".png", img)
    assert ok
    return data.tobytes()


def test_plain_background_is_cut_out_and_trimmed() -> None:
    rgba, cut = process_photo(decode(encode(studio_photo())))
    assert cut
    h, w = rgba.shape[:2]
    assert w < 300 and h < 300, "the empty studio around the product is trimmed"
    alpha = rgba[:, :, 3]
    assert alpha[0, 0] == 0 and alpha[-1, -1] == 0, "corners are transparent"
    cy, cx = h // 2, w // 2
    assert alpha[cy, cx] == 255, "the white label inside the product stays opaque"
    red = np.all(rgba == (210, 40, 40, 255), axis=2).sum()
    assert red >= 0.9 * (121 * 201 - 81 * 61), "product colours are kept exactly"
    # Below the product its shadow remains, as translucent black.
    below = rgba[-int(h * 0.06), cx]
    assert 0 < below[3] < 200 and below[:3].max() < 40


def test_busy_background_is_only_trimmed() -> None:
    rng = np.random.default_rng(7)
    img = rng.integers(0, 255, (200, 300, 3), dtype=np.uint8)
    rgba, cut = process_photo(decode(encode(img)))
    assert not cut
    assert rgba[:, :, 3].min() == 255, "a lifestyle photo keeps its background"
    framed = np.full((260, 360, 3), 255, np.uint8)
    framed[30:230, 30:330] = img
    rgba, _ = process_photo(decode(encode(framed)))
    h, w = rgba.shape[:2]
    assert h <= 200 * 1.12 and w <= 300 * 1.12, "uniform margins are trimmed (a thin transparent margin stays)"
    assert rgba[h // 4: -h // 4, w // 4: -w // 4, 3].min() == 255, "the picture itself stays whole"


def test_transparent_png_is_only_trimmed() -> None:
    img = np.zeros((100, 200, 4), np.uint8)
    img[20:60, 50:120] = (10, 20, 30, 255)
    rgba, cut = process_photo(decode(encode(img)))
    assert not cut
    assert rgba[:, :, 3].max() == 255 and rgba.shape[0] < 60 and rgba.shape[1] < 90


def test_demo_photos_are_cut_out(photo_cache: PhotoCache) -> None:
    for name in ("tea", "serum", "headphones", "thermos"):
        done = photo_cache.prepare(DEMO / "media" / f"{name}.png")
        assert done.cut_out, name
        img = cv2.imread(str(done.path), cv2.IMREAD_UNCHANGED)
        assert img.shape[2] == 4
        h, w = img.shape[:2]
        assert img[0, 0, 3] == 0 and img[0, -1, 3] == 0, f"{name}: background left in the corners"
        assert (img[:, :, 3] == 255).mean() > 0.15, f"{name}: the product must stay solid"
        assert (img[:, :, 3] == 0).mean() > 0.1, f"{name}: the background must be gone"
        assert max(h, w) < 1000, f"{name}: not trimmed"


def test_photos_are_processed_once_and_cached_on_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "photo.png"
    source.write_bytes(encode(studio_photo()))
    calls = []
    real = cutout.process_photo

    def counting(rgba: np.ndarray) -> tuple[np.ndarray, bool]:
        calls.append(1)
        return real(rgba)

    monkeypatch.setattr(cutout, "process_photo", counting)
    cache = PhotoCache(tmp_path / "cache")
    first = cache.prepare(source)
    assert cache.prepare(source) is first, "in memory"
    assert PhotoCache(tmp_path / "cache").prepare(source) == first, "on disk, for the next run"
    assert len(calls) == 1
    copy = tmp_path / "renamed.png"
    copy.write_bytes(source.read_bytes())
    assert cache.prepare(copy).path == first.path, "keyed by content, not by name"
    source.write_bytes(encode(studio_photo(background=240)))
    assert cache.prepare(source).path != first.path, "a changed photo is processed again"
    assert len(calls) == 2


def test_unreadable_photo_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not an image")
    with pytest.raises(PhotoError, match="bad.png"):
        PhotoCache(tmp_path / "c").prepare(bad)
    with pytest.raises(PhotoError, match="cannot read"):
        PhotoCache(tmp_path / "c").prepare(tmp_path / "missing.png")
