"""Image headers read before decoding: sizes from every format, limits, and files that lie or are cut short."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from imagefiles import GIF_1X1, bomb_png, chunk, encode, jpeg, photo, png, png_claiming

from studio.core import images
from studio.core.assets import assets_dir
from studio.core.images import (
    MAX_PIXELS,
    ImageError,
    NotAnImage,
    check_image,
    check_image_file,
    format_of_suffix,
)

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("ext", "params", "fmt"), [
    (".png", (), "PNG"),
    (".jpg", (), "JPEG"),
    (".jpg", (1, 95), "JPEG"),  # IMWRITE_JPEG_QUALITY
    (".webp", (64, 80), "WebP"),  # lossy: a VP8 chunk
    (".webp", (64, 101), "WebP"),  # lossless: VP8L
    (".bmp", (), "BMP"),
])
def test_sizes_of_real_encoder_output(ext: str, params: tuple[int, ...], fmt: str) -> None:
    header = check_image(encode(ext, photo(123, 45), *params))
    assert (header.format, header.width, header.height) == (fmt, 123, 45)


def test_progressive_jpeg_alpha_png_sixteen_bit_png_and_alpha_webp() -> None:
    import cv2
    import numpy as np

    assert check_image(encode(".jpg", photo(80, 60), cv2.IMWRITE_JPEG_PROGRESSIVE, 1)).width == 80
    assert check_image(png(30, 20, channels=4)).height == 20
    assert check_image(encode(".png", np.zeros((20, 30), np.uint16))).width == 30
    assert check_image(encode(".webp", photo(30, 20, channels=4))).format == "WebP"  # VP8X with alpha


def test_gif_and_os2_bmp() -> None:
    assert (check_image(GIF_1X1).format, check_image(GIF_1X1).pixels) == ("GIF", 1)
    core = (b"BM" + (26 + 4).to_bytes(4, "little") + b"\0\0\0\0" + (26).to_bytes(4, "little")
            + (12).to_bytes(4, "little") + (1).to_bytes(2, "little") * 2 + (1).to_bytes(2, "little")
            + (24).to_bytes(2, "little") + b"\0\0\0\0")
    assert check_image(core).describe() == "1×1 pixels (0 MP)"


def test_every_image_studio_ships_passes(tmp_path: Path) -> None:
    shipped = [p for folder in (REPO / "studio", assets_dir()) for p in folder.rglob("*")
               if p.suffix.lower() in (".png", ".jpg", ".jpeg", ".webp")]
    assert shipped
    for path in shipped:
        assert not isinstance(check_image_file(path), ImageError), path


def test_over_the_pixel_limit_is_refused_from_the_header_alone() -> None:
    bomb = bomb_png(20_000)
    assert len(bomb) < 60_000  # 48 kB on disk, 400 million pixels decoded
    with pytest.raises(ImageError) as exc:
        check_image(bomb)
    assert exc.value.reason == "20000×20000 pixels (400 MP), above the 40 MP limit"
    assert "scale it down" in exc.value.hint
    side = int(MAX_PIXELS ** 0.5)
    assert check_image(bomb_png(side)).pixels <= MAX_PIXELS  # the limit itself is fine


@pytest.mark.parametrize("data", [
    png(64, 48), jpeg(64, 48), encode(".webp", photo(64, 48)), encode(".bmp", photo(64, 48)), GIF_1X1,
])
def test_a_file_cut_short_is_caught_wherever_it_is_cut(data: bytes) -> None:
    for keep in (20, len(data) // 3, len(data) // 2, len(data) - 3):
        with pytest.raises(ImageError, match=r"cut short|damaged"):
            check_image(data[:keep])


def test_a_png_whose_header_claims_more_than_its_data_can_hold() -> None:
    with pytest.raises(ImageError) as exc:
        check_image(png_claiming(6000, 6000, rows=1))  # 36 MP claimed, 1 row of data
    assert "far too little for that size" in exc.value.reason and "6000×6000" in exc.value.reason


def test_a_jpeg_whose_header_claims_more_than_its_data_can_hold() -> None:
    data = bytearray(jpeg(64, 48))
    sof = data.index(b"\xff\xc0")
    data[sof + 5:sof + 9] = (6000).to_bytes(2, "big") + (6000).to_bytes(2, "big")  # height, width
    with pytest.raises(ImageError, match="far too little"):
        check_image(bytes(data))


@pytest.mark.parametrize(("data", "wording"), [
    (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", bytes(13))[:-4] + b"\0\0\0\0", "checksum"),
    (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", (1).to_bytes(4, "big") * 2 + bytes([3, 2, 0, 0, 0])), "bit depth"),
    (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", bytes(8) + bytes([8, 2, 0, 0, 0])) + chunk(b"IEND", b""), "0×0"),
    (b"\x89PNG\r\n\x1a\n" + chunk(b"tEXt", b"x" * 20), "IHDR"),
    (png_claiming(4, 4).replace(b"\x00\x00\x00\x0bIDAT", b"\x00\x01\x00\x0bIDAT"), "cut short"),
    (b"\xff\xd8\xff\xd9", "no frame header"),
    (b"\xff\xd8\xff\xe0\x00\x01", "claims 1 bytes"),
    (b"\xff\xd8\xff\xe0\x00\x10" + b"\0" * 14 + b"XX", "no segment marker"),
    (b"RIFF\x04\x00\x00\x00WEBPJUNK" + b"\0" * 14, "unknown first chunk"),
    (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "no image data"),
    (b"BM" + b"\0" * 12 + (7).to_bytes(4, "little") + b"\0" * 12, "header size"),
])
def test_damaged_headers_are_errors_that_say_what(data: bytes, wording: str) -> None:
    with pytest.raises(ImageError, match=wording) as exc:
        check_image(data)
    assert not isinstance(exc.value, NotAnImage)


@pytest.mark.parametrize("data", [b"", b"hello, I am text\n", b"%PDF-1.7\n", b"PK\x03\x04zip"])
def test_not_an_image_at_all(data: bytes) -> None:
    with pytest.raises(NotAnImage):
        check_image(data)


def test_a_file_too_large_to_be_a_photo_is_refused_before_reading(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(images, "MAX_IMAGE_BYTES", 1000)
    path = tmp_path / "big.png"
    path.write_bytes(png(64, 48))
    with pytest.raises(ImageError, match="images may be at most"):
        check_image(path)


def test_files_are_read_a_piece_at_a_time_and_results_follow_changes(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(images, "SCAN_BYTES", 64)  # the JPEG's end is found across many small reads
    path = tmp_path / "p.jpg"
    path.write_bytes(jpeg(200, 100))
    assert check_image(path).width == 200
    assert check_image_file(path).width == 200  # type: ignore[union-attr]
    path.write_bytes(jpeg(300, 100)[:500])
    os.utime(path, ns=(1, 1))  # a different stamp, as an edit gives
    assert isinstance(check_image_file(path), ImageError)
    assert isinstance(check_image_file(tmp_path / "missing.png"), ImageError)


def test_suffixes() -> None:
    assert format_of_suffix(".JPG") == "JPEG" and format_of_suffix(".jpeg") == "JPEG"
    assert format_of_suffix(".tif") is None


def test_opencv_is_capped_too_when_studio_loads_it_first(tmp_path: Path) -> None:
    # The second line: were the header check bypassed, OpenCV itself refuses the 400 MP bomb.
    path = tmp_path / "bomb.png"
    path.write_bytes(bomb_png(20_000))
    code = ("import sys, numpy as np; import studio.stage.cutout; import cv2\n"
            "try:\n    cv2.imdecode(np.fromfile(sys.argv[1], np.uint8), cv2.IMREAD_UNCHANGED)\n"
            "except cv2.error as e:\n    print('refused', 'CV_IO_MAX_IMAGE_PIXELS' in str(e))\n")
    env = {k: v for k, v in os.environ.items() if k != "OPENCV_IO_MAX_IMAGE_PIXELS"}
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, env=env,
                         timeout=120)
    assert out.stdout.strip() == "refused True", out.stderr


def test_a_fifo_is_refused_without_opening_it(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    fifo = tmp_path / "photo.png"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    with pytest.raises(ImageError, match="not a regular file"):
        check_image(fifo)


def test_hostile_structures_are_bounded() -> None:
    with pytest.raises(ImageError, match="fill bytes"):
        check_image(b"\xff\xd8" + b"\xff" * 5000 + b"\xd9")
    many = b"GIF89a\x01\x00\x01\x00\x00\x00\x00" + b"!\xf9" + b"\x01\x00" * 300_000 + b"\x00;"
    with pytest.raises(ImageError, match="more than 200,000 blocks"):
        check_image(many)
    chunks = png_claiming(1, 1)[:33] + chunk(b"tEXt", b"") * 200_001
    with pytest.raises(ImageError, match="more than 200,000 chunks"):
        check_image(chunks)
