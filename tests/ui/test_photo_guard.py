"""Choose photo… judges the file from its header: a bomb, a cut-short or lying image is refused with the reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from imagefiles import bomb_png, jpeg, png, png_claiming

from studio.ui.console.product_editor import PhotoError, copy_photo

pytestmark = pytest.mark.gui


@pytest.mark.parametrize(("data", "kind", "wording"), [
    (bomb_png(20_000), "unsafe", "20000×20000 pixels (400 MP), above the 40 MP limit"),
    (jpeg(300, 200)[:-60], "unsafe", "cut short"),
    (png_claiming(6000, 6000), "unsafe", "far too little"),
    (b"hello", "unreadable", ""),
])
def test_hostile_photos_are_refused_and_nothing_is_copied(qapp, tmp_path: Path, data: bytes, kind: str,
                                                          wording: str) -> None:
    root = tmp_path / "show"
    source = tmp_path / "pick.png"
    source.write_bytes(data)
    with pytest.raises(PhotoError) as exc:
        copy_photo(source, root)
    assert (exc.value.kind, exc.value.name) == (kind, "pick.png") and wording in exc.value.detail
    assert not (root / "media").exists()


def test_a_good_photo_is_copied(qapp, tmp_path: Path) -> None:
    source = tmp_path / "pick.png"
    source.write_bytes(png(40, 30))
    assert copy_photo(source, tmp_path / "show") == "media/pick.png"
    assert (tmp_path / "show" / "media" / "pick.png").read_bytes() == source.read_bytes()


def test_thumbnails_decode_large_photos_small_and_hostile_ones_not_at_all(qapp, tmp_path: Path) -> None:
    from decimal import Decimal

    import cv2
    import numpy as np

    from studio.show.model import Product
    from studio.ui.show_overview import _thumbnail, product_pixmap

    big = tmp_path / "big.jpg"
    ok, data = cv2.imencode(".jpg", np.full((3000, 4000, 3), (0, 0, 255), np.uint8))
    big.write_bytes(data.tobytes())
    thumb = _thumbnail(big, 132)
    assert (thumb.width(), thumb.height()) == (264, 198), "decoded near the size it is drawn at"
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(bomb_png(20_000))
    assert _thumbnail(bomb, 132).isNull()
    product = Product(id="tea", name="茶", price=Decimal(1), image=bomb)
    assert not product_pixmap(product, 132).isNull(), "the placeholder tile, not a crash"
