"""Image files judged before anything decodes them: format and pixel size from the header, limits, damage.

A supplier's photo is untrusted input. OpenCV and Qt believe an image's header and allocate what
it claims (a 48 kB PNG can claim 20000×20000 pixels and take 20 GB to prepare), so every loader
asks `check_image` first. It reads PNG, JPEG, WebP, GIF and BMP headers in pure Python with
bounded reads, rejects images above MAX_PIXELS, and walks the file's structure (not its pixels)
to catch a file that is cut short or holds far too little data for the size it claims. Qt-free.

Importing this module also caps OpenCV's own decoder at MAX_PIXELS (OPENCV_IO_MAX_IMAGE_PIXELS,
read once when cv2 is imported): modules that import cv2 import this first.
"""

from __future__ import annotations

import os
import re
import stat
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

MAX_PIXELS = 40_000_000  # refused above this (docs/show-format.md)
SLOW_PIXELS = 4_000_000  # above this a downscaled copy is prepared once and used instead
MAX_IMAGE_BYTES = 100_000_000
# Qt's decoders (QImageReader.setAllocationLimit, in MB) stop at the same size in 32-bit pixels.
QT_ALLOCATION_MB = (MAX_PIXELS * 4 >> 20) + 1
MAX_CHUNKS = 200_000  # PNG chunks / GIF blocks walked before the file counts as hostile
MAX_MARKERS = 4_096  # JPEG segments walked
MAX_FILL = 1_024  # 0xFF fill bytes before a JPEG marker (real files have a handful)
SCAN_BYTES = 1 << 20  # read at a time when looking for the end of a JPEG's data

_cv_limit = os.environ.get("OPENCV_IO_MAX_IMAGE_PIXELS", "")
if not _cv_limit.isdigit() or int(_cv_limit) > MAX_PIXELS:
    os.environ["OPENCV_IO_MAX_IMAGE_PIXELS"] = str(MAX_PIXELS)

FORMATS = ("PNG", "JPEG", "WebP", "GIF", "BMP")
SUFFIX_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WebP", ".gif": "GIF", ".bmp": "BMP"}
_RESIZE_HINT = "scale it down, e.g. to 4000×3000, and export it again"
_EXPORT_HINT = "export or download it again"
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_DEPTHS = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8), 4: (8, 16), 6: (8, 16)}
_PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
_DEFLATE_RATIO = 1032  # deflate cannot shrink data more than about 1032:1
_JPEG_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_JPEG_STANDALONE = frozenset(range(0xD0, 0xD8)) | {0x01}
_JPEG_NEXT_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")  # skips stuffed 0xFF00, restarts and fill bytes

@dataclass(frozen=True)
class ImageHeader:
    """What an image file's header says: its format and pixel size."""

    format: str  # one of FORMATS
    width: int
    height: int

    @property
    def pixels(self) -> int:
        return self.width * self.height

    @property
    def slow(self) -> bool:
        """True when decoding it costs enough time that a downscaled copy should be used instead."""
        return self.pixels > SLOW_PIXELS

    def describe(self) -> str:
        return f"{self.width}×{self.height} pixels ({_megapixels(self.pixels)} MP)"


class ImageError(ValueError):
    """An image file that must not be decoded: `reason` says what is wrong, `hint` what to do."""

    def __init__(self, reason: str, hint: str = "") -> None:
        super().__init__(reason + (f" ({hint})" if hint else ""))
        self.reason = reason
        self.hint = hint


class NotAnImage(ImageError):
    """The file is not a PNG, JPEG, WebP, GIF or BMP image at all (text, a document, an unknown format)."""


def _megapixels(pixels: int) -> str:
    """One decimal, none when it is zero: 48 MP, 39.9 MP (never "40" for an image under the limit)."""
    return f"{pixels / 1e6:.1f}".removesuffix(".0")


def format_of_suffix(suffix: str) -> str | None:
    """The format a file name promises ('.JPG' → 'JPEG'), or None for other suffixes."""
    return SUFFIX_FORMATS.get(suffix.lower())


def check_image(source: Path | bytes) -> ImageHeader:
    """The header of an image that is safe to decode; ImageError (NotAnImage) when it is not.

    Safe means: a known format, at most MAX_IMAGE_BYTES and MAX_PIXELS, and a structure that can
    hold the pixels the header claims (not cut short, not far too little data for its size).
    Reads the header and the file's chunk/segment structure, never its pixels, a piece at a time.
    """
    if isinstance(source, bytes):
        return _check(_Source(source, None, len(source)))
    try:
        if not stat.S_ISREG(source.stat().st_mode):  # opening a FIFO would wait forever, a device never end
            raise ImageError("not a regular file", "give an image file")
        with source.open("rb") as fh:
            return _check(_Source(None, fh, os.fstat(fh.fileno()).st_size))
    except OSError as exc:
        raise ImageError(f"cannot read the file ({exc.strerror or exc})") from None


def check_image_file(path: Path) -> ImageHeader | ImageError:
    """check_image for a file, remembered until the file changes: the header, or the error."""
    try:
        st = path.stat()
    except OSError as exc:
        return ImageError(f"cannot read the file ({exc.strerror or exc})")
    return _check_cached(path, st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=1024)
def _check_cached(path: Path, size: int, stamp: int) -> ImageHeader | ImageError:  # size/stamp: redo when changed
    try:
        return check_image(path)
    except ImageError as exc:
        return exc


class _Source:
    """Bounded random access to an image's bytes: bytes in memory, or a file read a piece at a time.

    Not mmap: a file truncated by another process while mapped kills the reader with SIGBUS.
    """

    def __init__(self, data: bytes | None, fh: BinaryIO | None, size: int) -> None:
        self.data, self.fh, self.size = data, fh, size

    def read(self, pos: int, n: int) -> bytes:
        if self.data is not None:
            return self.data[pos:pos + n]
        assert self.fh is not None
        self.fh.seek(pos)
        return self.fh.read(n)

    def find(self, pattern: re.Pattern[bytes], pos: int) -> int | None:
        """Where `pattern` (two bytes long) next matches at or after `pos`, reading SCAN_BYTES at a time."""
        if self.data is not None:
            found = pattern.search(self.data, pos)
            return None if found is None else found.start()
        while pos < self.size:
            block = self.read(pos, SCAN_BYTES + 1)  # one byte of overlap: a match may straddle blocks
            found = pattern.search(block)
            if found is not None:
                return pos + found.start()
            pos += SCAN_BYTES
        return None


def _check_size(size: int) -> None:
    if size > MAX_IMAGE_BYTES:
        raise ImageError(f"the file is {size / 1e6:.0f} MB; images may be at most {MAX_IMAGE_BYTES // 1_000_000} MB",
                         _RESIZE_HINT)


def _check(src: _Source) -> ImageHeader:
    if src.size == 0:
        raise NotAnImage("the file is empty", _EXPORT_HINT)
    _check_size(src.size)
    reader = _reader_for(src.read(0, 16))
    if reader is None:
        raise NotAnImage("not a PNG, JPEG, WebP, GIF or BMP image", "export it as PNG or JPEG")
    header = reader(src)
    if header.width <= 0 or header.height <= 0:
        raise ImageError(f"the {header.format} header says the image is {header.width}×{header.height} pixels",
                         _EXPORT_HINT)
    if header.pixels > MAX_PIXELS:
        raise ImageError(f"{header.describe()}, above the {MAX_PIXELS // 1_000_000} MP limit", _RESIZE_HINT)
    return header


def _reader_for(head: bytes) -> Callable[[_Source], ImageHeader] | None:
    if head.startswith(_PNG_SIGNATURE):
        return _png
    if head.startswith(b"\xff\xd8\xff"):
        return _jpeg
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return _webp
    if head.startswith((b"GIF87a", b"GIF89a")):
        return _gif
    if head.startswith(b"BM"):
        return _bmp
    return None


def _u16be(b: bytes, at: int) -> int:
    return int.from_bytes(b[at:at + 2], "big")


def _u32be(b: bytes, at: int) -> int:
    return int.from_bytes(b[at:at + 4], "big")


def _le(b: bytes, at: int, n: int, signed: bool = False) -> int:
    return int.from_bytes(b[at:at + n], "little", signed=signed)


def _cut_short(fmt: str) -> ImageError:
    return ImageError(f"the {fmt} data ends early: the file is cut short (an interrupted download or copy?)",
                      _EXPORT_HINT)


def _damaged(fmt: str, detail: str) -> ImageError:
    return ImageError(f"the {fmt} header is damaged ({detail})", _EXPORT_HINT)


def _too_little(header: ImageHeader, data: int) -> ImageError:
    return ImageError(f"the {header.format} header says {header.width}×{header.height} pixels, but the file "
                      f"holds only {data:,} bytes of image data, far too little for that size: it is damaged "
                      "or its header lies", _EXPORT_HINT)


# ---- PNG: IHDR, then every chunk's length and type (the data is skipped, never inflated) ----

def _png(src: _Source) -> ImageHeader:
    ihdr = src.read(8, 25)
    if len(ihdr) < 25:
        raise _cut_short("PNG")
    if _u32be(ihdr, 0) != 13 or ihdr[4:8] != b"IHDR":
        raise _damaged("PNG", "it does not start with an IHDR chunk")
    if zlib.crc32(ihdr[4:21]) != _u32be(ihdr, 21):
        raise _damaged("PNG", "the IHDR checksum does not match")
    width, height, depth, colour = _u32be(ihdr, 8), _u32be(ihdr, 12), ihdr[16], ihdr[17]
    if depth not in _PNG_DEPTHS.get(colour, ()):
        raise _damaged("PNG", f"colour type {colour} with bit depth {depth}")
    header = ImageHeader("PNG", width, height)
    if header.pixels > MAX_PIXELS or not header.pixels:
        return header  # refused for its size: no need to walk it
    pos, data = 33, 0
    for _ in range(MAX_CHUNKS):
        head = src.read(pos, 8)
        if len(head) < 8:
            raise _cut_short("PNG")
        length, kind = _u32be(head, 0), head[4:8]
        if length > 0x7FFFFFFF:
            raise _damaged("PNG", f"a chunk claims {length:,} bytes")
        pos += 12 + length
        if pos > src.size:
            raise _cut_short("PNG")
        if kind == b"IDAT":
            data += length
        elif kind == b"IEND":
            break
    else:
        raise _damaged("PNG", f"more than {MAX_CHUNKS:,} chunks")
    if data == 0:
        raise ImageError("the PNG has no image data", _EXPORT_HINT)
    raw = height * (1 + (width * _PNG_CHANNELS[colour] * depth + 7) // 8)
    if data * _DEFLATE_RATIO < raw:
        raise _too_little(header, data)
    return header


# ---- JPEG: segments up to the frame header, then the scans up to the end marker ----

def _jpeg(src: _Source) -> ImageHeader:
    pos, header = 2, None
    for _ in range(MAX_MARKERS):
        pos, marker = _jpeg_marker(src, pos)
        if marker in _JPEG_STANDALONE:
            continue
        if marker == 0xD9 or (marker == 0xDA and header is None):
            raise _damaged("JPEG", "no frame header before the image data")
        seg = src.read(pos, 7)
        if len(seg) < 2:
            raise _cut_short("JPEG")
        length = _u16be(seg, 0)
        if length < 2:
            raise _damaged("JPEG", f"a segment claims {length} bytes")
        if marker in _JPEG_SOF:
            if len(seg) < 7:
                raise _cut_short("JPEG")
            header = ImageHeader("JPEG", _u16be(seg, 5), _u16be(seg, 3))
            if header.height == 0 and header.width:
                raise ImageError("the JPEG gives its height only after the image data (a DNL marker), "
                                 "which studio does not read", "open it and save it again as JPEG")
            if header.pixels > MAX_PIXELS or not header.pixels:
                return header
        if marker == 0xDA:
            assert header is not None
            _jpeg_scans(src, pos + length, header)
            return header
        pos += length
        if pos > src.size:
            raise _cut_short("JPEG")
    raise _damaged("JPEG", f"more than {MAX_MARKERS:,} segments before the image data")


def _jpeg_marker(src: _Source, pos: int) -> tuple[int, int]:
    """The marker at `pos` (fill bytes skipped) and the position after it."""
    head = src.read(pos, 2)
    if len(head) < 2:
        raise _cut_short("JPEG")
    if head[0] != 0xFF:
        raise _damaged("JPEG", f"no segment marker at byte {pos:,}")
    start = pos
    pos += 1
    while head[1] == 0xFF:  # fill bytes before a marker
        pos += 1
        head = src.read(pos - 1, 2)
        if len(head) < 2:
            raise _cut_short("JPEG")
        if pos - start > MAX_FILL:
            raise _damaged("JPEG", f"more than {MAX_FILL:,} fill bytes at byte {start:,}")
    return pos + 1, head[1]


def _jpeg_scans(src: _Source, pos: int, header: ImageHeader) -> None:
    """Walk the entropy-coded scans to the end marker; enough data for the size the header claims?"""
    start = pos
    for _ in range(MAX_MARKERS):
        found = src.find(_JPEG_NEXT_MARKER, pos)
        if found is None:
            raise _cut_short("JPEG")
        marker = src.read(found + 1, 1)[0]
        pos = found + 2
        if marker == 0xD9:
            # Every 8×8 block of the first scan costs at least one bit, whatever the tables.
            blocks = ((header.width + 7) // 8) * ((header.height + 7) // 8)
            if (pos - start) * 8 < blocks:
                raise _too_little(header, pos - start)
            return
        seg = src.read(pos, 2)
        if len(seg) < 2:
            raise _cut_short("JPEG")
        pos += _u16be(seg, 0)
        if pos > src.size:
            raise _cut_short("JPEG")
    raise _damaged("JPEG", f"more than {MAX_MARKERS:,} segments after the frame header")


# ---- WebP: the RIFF container and its first image chunk ----

def _webp(src: _Source) -> ImageHeader:
    head = src.read(0, 30)
    if len(head) < 30 or _le(head, 4, 4) + 8 > src.size:
        raise _cut_short("WebP")
    kind = head[12:16]
    if kind == b"VP8 ":
        if head[23:26] != b"\x9d\x01\x2a":
            raise _damaged("WebP", "no VP8 start code")
        header = ImageHeader("WebP", _le(head, 26, 2) & 0x3FFF, _le(head, 28, 2) & 0x3FFF)
    elif kind == b"VP8L":
        if head[20] != 0x2F:
            raise _damaged("WebP", "no VP8L signature")
        bits = _le(head, 21, 4)
        header = ImageHeader("WebP", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    elif kind == b"VP8X":
        header = ImageHeader("WebP", _le(head, 24, 3) + 1, _le(head, 27, 3) + 1)
    else:
        raise _damaged("WebP", f"unknown first chunk {kind!r}")
    end, pos, image = _le(head, 4, 4) + 8, 12, False
    for _ in range(MAX_CHUNKS):
        if pos + 8 > end:
            break
        chunk = src.read(pos, 8)
        length = _le(chunk, 4, 4)
        image = image or chunk[:4] in (b"VP8 ", b"VP8L", b"ANMF")
        pos += 8 + length + (length & 1)
        if pos > src.size:
            raise _cut_short("WebP")
    else:
        raise _damaged("WebP", f"more than {MAX_CHUNKS:,} chunks")
    if not image:
        raise ImageError("the WebP has no image data", _EXPORT_HINT)
    return header


# ---- GIF: the logical screen, then every block to the trailer ----

def _gif(src: _Source) -> ImageHeader:
    head = src.read(0, 13)
    if len(head) < 13:
        raise _cut_short("GIF")
    header = ImageHeader("GIF", _le(head, 6, 2), _le(head, 8, 2))
    pos = 13 + _colour_table(head[10])
    frames, steps = 0, 0
    while steps < MAX_CHUNKS:  # blocks and their data sub-blocks share one budget
        steps += 1
        kind = src.read(pos, 1)
        if not kind:
            raise _cut_short("GIF")
        if kind == b";":
            if not frames:
                raise ImageError("the GIF has no image data", _EXPORT_HINT)
            return header
        if kind == b"!":
            pos += 2  # introducer and label
        elif kind == b",":
            frame = src.read(pos, 10)
            if len(frame) < 10:
                raise _cut_short("GIF")
            w, h = _le(frame, 5, 2), _le(frame, 7, 2)
            if w * h > MAX_PIXELS:
                raise ImageError(f"a frame of the GIF is {w}×{h} pixels, above the {MAX_PIXELS // 1_000_000} MP "
                                 "limit", _RESIZE_HINT)
            pos += 10 + _colour_table(frame[9]) + 1  # descriptor, local colour table, LZW code size
            frames += 1
        else:
            raise _damaged("GIF", f"unknown block {kind!r} at byte {pos:,}")
        while steps < MAX_CHUNKS:  # data sub-blocks: a length byte and that many bytes, to a zero length
            steps += 1
            length = src.read(pos, 1)
            if not length:
                raise _cut_short("GIF")
            pos += 1 + length[0]
            if length[0] == 0:
                break
    raise _damaged("GIF", f"more than {MAX_CHUNKS:,} blocks")


def _colour_table(flags: int) -> int:
    return 3 << ((flags & 7) + 1) if flags & 0x80 else 0


# ---- BMP: the DIB header; uncompressed pixels must all be in the file ----

def _bmp(src: _Source) -> ImageHeader:
    head = src.read(0, 34)
    if len(head) < 26:
        raise _cut_short("BMP")
    offset, dib = _le(head, 10, 4), _le(head, 14, 4)
    if dib == 12:
        width, height, bpp, compression = _le(head, 18, 2), _le(head, 20, 2), _le(head, 24, 2), 0
    elif dib >= 40:
        if len(head) < 34:
            raise _cut_short("BMP")
        width, height = _le(head, 18, 4, signed=True), abs(_le(head, 22, 4, signed=True))
        bpp, compression = _le(head, 28, 2), _le(head, 30, 4)
    else:
        raise _damaged("BMP", f"unknown header size {dib}")
    header = ImageHeader("BMP", width, height)
    if bpp not in (1, 4, 8, 16, 24, 32):
        raise _damaged("BMP", f"{bpp} bits per pixel")
    if compression not in (0, 1, 2, 3, 6):
        raise ImageError(f"the BMP uses compression {compression}, which studio does not read",
                         "save it as PNG or JPEG")
    uncompressed = compression in (0, 3, 6) and 0 < header.pixels <= MAX_PIXELS and width > 0
    if uncompressed and offset + ((width * bpp + 31) // 32) * 4 * height > src.size:  # rows, 4-byte aligned
        raise _cut_short("BMP")
    return header


__all__ = ["FORMATS", "MAX_IMAGE_BYTES", "MAX_PIXELS", "QT_ALLOCATION_MB", "SLOW_PIXELS", "ImageError", "ImageHeader",
           "NotAnImage", "check_image", "check_image_file", "format_of_suffix"]
