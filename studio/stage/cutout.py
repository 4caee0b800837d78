"""Product photos made card-ready with OpenCV: margins trimmed, plain studio backgrounds cut out.

Done once per image and cached (in memory, and on disk under the user's cache folder keyed by the
file's content hash), never per frame. The cut-out keeps the product's soft shadow as
semi-transparent black, so the product sits on any light card tile as it sat in the studio.
Photos whose background is not plain (a lifestyle shot) are only trimmed of uniform margins.

Every image is judged by studio.core.images before OpenCV sees it (too large, cut short, lying
about its size: PhotoError), and one above SLOW_PIXELS is decoded straight to a smaller size
(JPEG: at 1/2, 1/4 or 1/8 scale inside the decoder) and prepared at most PHOTO_SIDE pixels on its
longer side: an 8000×6000 photo costs a second and tens of MB, not half a minute and gigabytes.
`PhotoCache.scaled` keeps such a smaller copy of backdrops and logos the same way.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path

from studio.core.atomic import write_atomic
from studio.core.dirs import cache_dir
from studio.core.images import ImageError, ImageHeader, check_image, check_image_file

import cv2  # noqa: E402,I001 - after studio.core.images, which caps OpenCV's decoder before it loads
import numpy as np

ALGORITHM = "v2"  # part of the cache key: bump it when the processing changes
PHOTO_SIDE = 1600  # longer side of a prepared product photo (a card tile draws it at most ~400 px)
SCALED_SIDE = 2560  # longer side of a backdrop's or logo's smaller copy (covers a 1080×1920 canvas)

# A border is "plain" when nearly all of it is within PLAIN_SPREAD of its median colour.
PLAIN_SPREAD = 14
PLAIN_SHARE = 0.97
# Pixels further than SOLID from the background colour (max channel difference) are product.
SOLID = 30
RIM = 48.0  # background distance at which a rim pixel counts as fully product
EDGE = 6.0  # grey levels per pixel: product outlines are steeper, soft shadows far gentler
MARGIN = 0.03  # transparent margin kept around the trimmed product, as a share of its larger side


@dataclass(frozen=True)
class Processed:
    """A prepared photo: the RGBA PNG to draw and what was done to it."""

    path: Path
    cut_out: bool  # True: the plain background was removed
    size: tuple[int, int]


class PhotoError(ValueError):
    """A photo that cannot be read as an image; the message says which and why."""


class PhotoCache:
    """Prepares product photos once per file content, keeping results on disk and in memory."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = (directory or cache_dir()) / "photos"
        self._memory: dict[str, Processed] = {}
        self._lock = threading.Lock()  # the recorder may prepare photos off the GUI thread

    def prepare(self, source: Path) -> Processed:
        """The processed version of `source` (a PNG/JPEG), computing it only the first time."""
        data = _read(source)
        key = f"{hashlib.sha256(data).hexdigest()[:32]}-{ALGORITHM}"
        with self._lock:
            hit = self._memory.get(key)
            if hit is not None:
                return hit
            target = self.directory / f"{key}.png"
            done = _read_cached(target)
            if done is None:
                rgba, cut = process_photo(decode(data, source, PHOTO_SIDE))
                done = Processed(target, cut, (rgba.shape[1], rgba.shape[0]))
                self._store(target, rgba, cut)
            self._memory[key] = done
            return done

    def scaled(self, source: Path) -> tuple[Path, ImageHeader]:
        """The file to draw for `source` as it is (a backdrop, a logo) and the original's header.

        Small images are their own file. One above SLOW_PIXELS gets a copy at most SCALED_SIDE
        pixels on its longer side, made once per content and kept on disk like the cut-outs.
        PhotoError when the image must not be decoded at all.
        """
        header = check_image_file(source)
        if isinstance(header, ImageError):
            raise PhotoError(f"{source}: {header}")
        if not header.slow:
            return source, header
        data = _read(source)
        key = f"{hashlib.sha256(data).hexdigest()[:32]}-{ALGORITHM}-scaled"
        with self._lock:
            target = self.directory / f"{key}.png"
            if key not in self._memory and _read_cached(target) is None:
                self._store(target, decode(data, source, SCALED_SIDE), False)
            self._memory[key] = Processed(target, False, (header.width, header.height))
        return target, header

    def _store(self, target: Path, rgba: np.ndarray, cut: bool) -> None:
        _write_png(target, rgba, cut)
        if not target.is_file():  # an unwritable cache: keep the result in a temporary file
            raise PhotoError(f"cannot write the photo cache in {self.directory}")


def _read(source: Path) -> bytes:
    """The bytes of an image that is safe to decode (judged from its header first); PhotoError if not."""
    header = check_image_file(source)
    if isinstance(header, ImageError):
        raise PhotoError(f"{source}: {header}")
    try:
        return source.read_bytes()
    except OSError as exc:
        raise PhotoError(f"{source}: cannot read the photo ({exc.strerror or exc})") from exc


def _read_cached(target: Path) -> Processed | None:
    if not target.is_file():
        return None
    try:
        image = cv2.imdecode(np.fromfile(str(target), dtype=np.uint8), cv2.IMREAD_UNCHANGED)
    except (cv2.error, OSError):  # a cache file replaced by something hostile: redo it
        image = None
    if image is None or image.ndim != 3 or image.shape[2] != 4:
        return None  # a damaged cache file is simply redone
    cut = target.with_suffix(".cut").is_file()
    return Processed(target, cut, (image.shape[1], image.shape[0]))


def _write_png(target: Path, rgba: np.ndarray, cut: bool) -> None:
    ok, encoded = cv2.imencode(".png", cv2.cvtColor(rgba, cv2.COLOR_RGBA2BGRA))
    if not ok:
        raise PhotoError("cannot encode the processed photo")
    write_atomic(target, encoded.tobytes())  # another process never reads half a file
    marker = target.with_suffix(".cut")
    if cut:
        marker.write_bytes(b"")
    elif marker.exists():
        marker.unlink()


def decode(data: bytes, source: Path | str = "photo", max_side: int | None = None) -> np.ndarray:
    """Bytes of a PNG/JPEG/WebP → RGBA uint8 (h, w, 4); PhotoError when it is not a safe image.

    With `max_side`, an image above SLOW_PIXELS comes back at most that many pixels on its longer
    side; a JPEG is decoded at a reduced scale directly, so its full size never exists in memory.
    """
    try:
        header = check_image(data)
    except ImageError as exc:
        raise PhotoError(f"{source}: {exc}") from None
    flags = cv2.IMREAD_UNCHANGED
    if max_side is not None and header.slow and header.format == "JPEG":
        # A JPEG has no alpha; the decoder scales by 1/2, 1/4 or 1/8 while it decodes.
        factor = max(1, min(8, max(header.width, header.height) // max_side))
        factor = 1 << (factor.bit_length() - 1)  # a power of two, never below max_side
        flags = {1: cv2.IMREAD_COLOR, 2: cv2.IMREAD_REDUCED_COLOR_2, 4: cv2.IMREAD_REDUCED_COLOR_4,
                 8: cv2.IMREAD_REDUCED_COLOR_8}[factor] | cv2.IMREAD_IGNORE_ORIENTATION
    try:
        image = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), flags)
    except cv2.error as exc:  # OpenCV's own pixel cap, or a decoder failure it raises rather than reports
        raise PhotoError(f"{source}: OpenCV cannot read this image ({str(exc).strip().splitlines()[-1]})") from None
    if image is None:
        raise PhotoError(f"{source}: not an image OpenCV can read (use PNG or JPEG)")
    if max_side is not None and max(image.shape[:2]) > max_side:
        scale = max_side / max(image.shape[:2])
        size = (max(1, round(image.shape[1] * scale)), max(1, round(image.shape[0] * scale)))
        image = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
    return _rgba(image)


def _rgba(image: np.ndarray) -> np.ndarray:
    if image.dtype != np.uint8:  # 16-bit PNGs
        image = (image / 257).astype(np.uint8)
    if image.ndim == 2:
        return cv2.cvtColor(image, cv2.COLOR_GRAY2RGBA)
    if image.shape[2] == 3:
        return cv2.cvtColor(image, cv2.COLOR_BGR2RGBA)
    return cv2.cvtColor(image, cv2.COLOR_BGRA2RGBA)


def process_photo(rgba: np.ndarray) -> tuple[np.ndarray, bool]:
    """Trim and, when the background is plain, cut it out. Returns (RGBA, cut_out)."""
    alpha = rgba[:, :, 3]
    if (alpha < 250).mean() > 0.01:
        # Already transparent around the product (a PNG cut-out): only trim.
        return _trim(rgba, alpha > 8), False
    rgb = rgba[:, :, :3]
    background = plain_background(rgb)
    if background is None:
        return _trim(rgba, _differs_from_border(rgb)), False
    return _trim(cut_out(rgb, background), None), True


def _border(rgb: np.ndarray) -> np.ndarray:
    h, w = rgb.shape[:2]
    b = max(2, round(min(h, w) * 0.02))
    return np.concatenate([rgb[:b].reshape(-1, 3), rgb[-b:].reshape(-1, 3),
                           rgb[:, :b].reshape(-1, 3), rgb[:, -b:].reshape(-1, 3)])


def plain_background(rgb: np.ndarray) -> np.ndarray | None:
    """The studio background colour when the photo's border is one plain colour, else None."""
    border = _border(rgb).astype(np.int16)
    median = np.median(border, axis=0)
    spread = np.abs(border - median).max(axis=1)
    if (spread <= PLAIN_SPREAD).mean() < PLAIN_SHARE:
        return None
    if median.min() < 150:  # dark studio backgrounds: shadows cannot be told from the product
        return None
    return median.astype(np.float32)


def cut_out(rgb: np.ndarray, background: np.ndarray) -> np.ndarray:
    """RGBA with the plain background removed and its shadows kept as translucent black.

    The product is every pixel clearly unlike the background plus whatever those pixels enclose
    (a white label inside a bottle is product, not background). Outside it, a pixel darker than
    the background is shadow: black with the alpha that reproduces its darkness on the original
    background, so the shadow still falls naturally on the card tile.
    """
    h, w = rgb.shape[:2]
    f = rgb.astype(np.float32)
    diff = np.abs(f - background).max(axis=2)
    # Neutral darkening (a shadow) keeps the background's hue; product colour does not.
    lum = f.mean(axis=2)
    bg_lum = float(background.mean())
    chroma = np.abs((f - lum[..., None]) - (background - bg_lum)).max(axis=2)
    # The product's outline is crisp where a shadow is soft: strong local contrast marks product.
    grey = cv2.GaussianBlur(lum, (0, 0), 1.0)
    gx = cv2.Sobel(grey, cv2.CV_32F, 1, 0, ksize=3) / 8.0
    gy = cv2.Sobel(grey, cv2.CV_32F, 0, 1, ksize=3) / 8.0
    edges = np.hypot(gx, gy) > EDGE
    solid = edges | ((diff > SOLID) & (chroma > 12)) | (lum < bg_lum * 0.45)
    k = max(3, round(min(h, w) * 0.008)) | 1
    solid = cv2.morphologyEx(solid.astype(np.uint8), cv2.MORPH_CLOSE,
                             cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    # Fill holes: whatever the background cannot reach from outside the photo is product. A one
    # pixel frame of background around the photo connects every stretch of border for one fill.
    flood = np.pad((1 - solid) * 255, 1, constant_values=255).astype(np.uint8)
    cv2.floodFill(flood, np.zeros((h + 4, w + 4), np.uint8), (0, 0), 128)
    outside = flood[1:-1, 1:-1]
    inside = (outside != 128).astype(np.float32)
    # The mask's rim also caught a pixel or two of background (edge detection and closing widen
    # it): there, opacity follows how unlike the background the pixel is, and its colour is
    # unmixed from the background, so no light fringe shows on a dark card.
    e = max(3, round(min(h, w) * 0.004)) | 1
    core = cv2.erode(inside, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (e, e)))
    rim = (inside > 0) & (core == 0)
    inside[rim] = np.clip(diff[rim] / RIM, 0.0, 1.0)
    inside = cv2.GaussianBlur(inside, (3, 3), 0.7)
    shadow = np.clip((bg_lum - lum) / max(bg_lum, 1.0), 0.0, 1.0)
    shadow[shadow < 0.03] = 0.0  # the background's own noise and vignetting stay clear
    alpha = inside + (1.0 - inside) * shadow
    # Unmix the rim from the background: observed = a·product + (1 − a)·background.
    a = np.maximum(inside[..., None], 1e-3)
    product = np.where(inside[..., None] < 0.999, (f - (1.0 - a) * background) / a, f)
    premultiplied = np.clip(product, 0, 255) * inside[..., None]  # shadow contributes black
    colour = np.where(alpha[..., None] > 1e-4, premultiplied / np.maximum(alpha[..., None], 1e-4), 0)
    out = np.empty((h, w, 4), np.uint8)
    out[..., :3] = np.clip(colour + 0.5, 0, 255).astype(np.uint8)
    out[..., 3] = np.clip(alpha * 255 + 0.5, 0, 255).astype(np.uint8)
    return out


def _differs_from_border(rgb: np.ndarray) -> np.ndarray:
    """Pixels unlike the border's median colour: what trimming keeps on a non-plain photo."""
    median = np.median(_border(rgb).astype(np.int16), axis=0)
    return np.abs(rgb.astype(np.int16) - median).max(axis=2) > PLAIN_SPREAD


def _trim(rgba: np.ndarray, keep: np.ndarray | None) -> np.ndarray:
    """Crop to the pixels in `keep` (default: any alpha), leaving a small transparent margin."""
    mask = rgba[:, :, 3] > 8 if keep is None else keep
    rows = np.flatnonzero(mask.any(axis=1))
    cols = np.flatnonzero(mask.any(axis=0))
    if rows.size == 0 or cols.size == 0:
        return rgba
    y0, y1, x0, x1 = int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1
    if keep is not None and not (rgba[:, :, 3] < 250).any():
        # An opaque photo: crop only (padding it would add transparent bands to a picture).
        return np.ascontiguousarray(rgba[y0:y1, x0:x1])
    pad = round(max(y1 - y0, x1 - x0) * MARGIN)
    crop = rgba[y0:y1, x0:x1]
    return np.ascontiguousarray(np.pad(crop, ((pad, pad), (pad, pad), (0, 0))))
