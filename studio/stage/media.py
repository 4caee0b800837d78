"""Facts about show images that layout needs (size, visible box), read once per file and remembered."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

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
    """Size and visible box of the image at `path`, or None when it cannot be read."""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return None
    return _info(path, stamp)


@lru_cache(maxsize=64)
def _info(path: Path, stamp: int) -> ImageInfo | None:  # `stamp` re-reads a file that changed
    import cv2  # here, not at the top: the CLI imports the stage package and cv2 is slow to load

    try:
        data = np.fromfile(str(path), dtype=np.uint8)
    except OSError:
        return None
    image = cv2.imdecode(data, cv2.IMREAD_UNCHANGED)
    if image is None:
        return None
    h, w = image.shape[:2]
    box = Rect(0, 0, w, h)
    if image.ndim == 3 and image.shape[2] == 4:
        alpha = image[:, :, 3] > 8
        rows, cols = np.flatnonzero(alpha.any(axis=1)), np.flatnonzero(alpha.any(axis=0))
        if rows.size and cols.size:
            box = Rect(int(cols[0]), int(rows[0]), int(cols[-1]) + 1 - int(cols[0]), int(rows[-1]) + 1 - int(rows[0]))
    return ImageInfo(w, h, box)
