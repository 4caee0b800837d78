"""Choose photo… judges the file from its header: a bomb, a cut-short or lying image is refused with the reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from imagefiles import bomb_png, jpeg, png, png_claiming

from studio.ui.console.editors import PhotoError, copy_photo

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
