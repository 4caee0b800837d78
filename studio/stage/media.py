"""Facts about show images that layout needs (size, visible box), read once per file and remembered."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from studio.core.images import ImageError, check_image_file
from studio.stage.scene import Rect


@dataclass(frozen=True)
class ImageInfo:
    """An image's pixel size and the box holding its visible (non-transparent) pixels."""

    width: int
    height: int
    content: Rect

    @property
    def aspect(self) -> float:
        return self.content.w / self.content.h if self.content.h else 1.0


def image_info(path: Path) -> ImageInfo | None:
    """Size and visible box of the image at `path`, or None when it cannot be read or must not be decoded."""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return None
    return _info(path, stamp)


@lru_cache(maxsize=64)
def _info(path: Path, stamp: int) -> ImageInfo | None:  # `stamp` re-reads a file that changed
    header = check_image_file(path)  # judged before anything decodes it
    if isinstance(header, ImageError):
        return None
    w, h = header.width, header.height
    if header.format == "JPEG":  # no alpha: all of it is visible
        return ImageInfo(w, h, Rect(0, 0, w, h))
    # Here, not at the top: the CLI imports the stage package and cv2 is slow to load.
    from studio.stage.cutout import PhotoCache, PhotoError

    # isort: split
    # cv2 after studio.stage.cutout, which caps OpenCV's decoder before cv2 loads
    import cv2

    try:
        target, _ = PhotoCache().scaled(path)  # a large image is measured on its smaller copy
        image = cv2.imdecode(np.fromfile(str(target), dtype=np.uint8), cv2.IMREAD_UNCHANGED)
    except (PhotoError, OSError, cv2.error):
        return None
    if image is None:
        return None
    box = Rect(0, 0, w, h)
    if image.ndim == 3 and image.shape[2] == 4:
        alpha = image[:, :, 3] > 8
        rows, cols = np.flatnonzero(alpha.any(axis=1)), np.flatnonzero(alpha.any(axis=0))
        if rows.size and cols.size:
            sx, sy = w / image.shape[1], h / image.shape[0]  # back to the original's pixels
            x0, y0 = math.floor(int(cols[0]) * sx), math.floor(int(rows[0]) * sy)
            x1, y1 = min(w, math.ceil((int(cols[-1]) + 1) * sx)), min(h, math.ceil((int(rows[-1]) + 1) * sy))
            box = Rect(x0, y0, x1 - x0, y1 - y0)
    return ImageInfo(w, h, box)
