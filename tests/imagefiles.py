"""Image files for tests, made by real encoders (OpenCV) or byte by byte where a hostile file is needed."""

from __future__ import annotations

import zlib

import cv2
import numpy as np

# The smallest GIF: 1×1, a two-colour global table, one frame, the trailer (a classic hand-made file).
GIF_1X1 = (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff"
           b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")


def photo(width: int = 64, height: int = 48, channels: int = 3, seed: int = 1) -> np.ndarray:
    """Noisy pixels (BGR or BGRA), so no encoder can shrink them to nothing."""
    rng = np.random.default_rng(seed)
    return rng.integers(0, 255, (height, width, channels), dtype=np.uint8)


def encode(ext: str, image: np.ndarray, *params: int) -> bytes:
    ok, data = cv2.imencode(ext, image, list(params))
    assert ok, ext
    return data.tobytes()


def png(width: int = 64, height: int = 48, channels: int = 3) -> bytes:
    return encode(".png", photo(width, height, channels))


def jpeg(width: int = 64, height: int = 48) -> bytes:
    return encode(".jpg", photo(width, height))


def chunk(kind: bytes, body: bytes) -> bytes:
    """A PNG chunk with its length and checksum."""
    return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")


def png_claiming(width: int, height: int, rows: int = 1, depth: int = 8, colour: int = 2) -> bytes:
    """A well-formed PNG whose header says width×height but whose data holds `rows` rows of black."""
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[colour]
    row = b"\x00" * (1 + (width * channels * depth + 7) // 8)
    z = zlib.compressobj(9)
    body = b"".join(z.compress(row) for _ in range(rows)) + z.flush()
    ihdr = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([depth, colour, 0, 0, 0])
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def bomb_png(side: int) -> bytes:
    """A valid side×side 1-bit PNG, all black: a few kB on disk, side² pixels once decoded."""
    return png_claiming(side, side, rows=side, depth=1, colour=0)
