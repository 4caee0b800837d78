"""WAV files: strict reading (a truncated or empty file is an error, not a short clip), writing, silence."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np

from studio.core.atomic import write_atomic


class BadWavError(ValueError):
    """A WAV the engine wrote that cannot be used; the message says what is wrong with it."""


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    """16-bit mono PCM and its rate. Raises BadWavError for anything else, including truncation."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise BadWavError("the engine wrote no WAV file") from None
    except OSError as exc:
        raise BadWavError(f"the WAV file cannot be read: {exc}") from None
    if len(data) == 0:
        raise BadWavError("the WAV file is empty (0 bytes)")
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise BadWavError(f"not a WAV file (no RIFF/WAVE header; {len(data)} bytes)")
    pos = 12
    fmt: tuple[int, int, int, int] | None = None
    pcm_bytes: bytes | None = None
    while pos + 8 <= len(data):
        chunk_id = data[pos: pos + 4]
        (size,) = struct.unpack_from("<I", data, pos + 4)
        body = pos + 8
        if chunk_id == b"fmt ":
            if size < 16 or body + 16 > len(data):
                raise BadWavError("the WAV format chunk is cut short")
            audio_format, channels, rate, _, _, bits = struct.unpack_from("<HHIIHH", data, body)
            fmt = (audio_format, channels, rate, bits)
        elif chunk_id == b"data":
            if body + size > len(data):
                raise BadWavError(
                    f"the WAV is truncated: its header announces {size} bytes of audio "
                    f"but only {len(data) - body} are there")
            pcm_bytes = data[body: body + size]
            break
        pos = body + size + (size & 1)
    if fmt is None:
        raise BadWavError("the WAV has no format chunk")
    audio_format, channels, rate, bits = fmt
    if audio_format != 1 or bits != 16 or channels != 1:
        raise BadWavError(f"expected 16-bit mono PCM, got format {audio_format}, "
                          f"{channels} channel(s), {bits} bits")
    if not 8000 <= rate <= 96000:
        raise BadWavError(f"implausible sample rate {rate} Hz")
    if pcm_bytes is None:
        raise BadWavError("the WAV has no data chunk")
    if len(pcm_bytes) < 2:
        raise BadWavError("the WAV holds no audio (0 samples)")
    pcm = np.frombuffer(pcm_bytes[: len(pcm_bytes) // 2 * 2], dtype="<i2").astype(np.int16)
    return pcm, rate


def wav_bytes(pcm: np.ndarray, sample_rate: int) -> bytes:
    """A complete 16-bit mono WAV file in memory."""
    body = np.ascontiguousarray(pcm, dtype="<i2").tobytes()
    header = struct.pack("<4sI4s4sIHHIIHH4sI", b"RIFF", 36 + len(body), b"WAVE", b"fmt ", 16, 1, 1,
                         sample_rate, sample_rate * 2, 2, 16, b"data", len(body))
    return header + body


def write_wav(path: Path, pcm: np.ndarray, sample_rate: int, *, private: bool = False) -> None:
    """Write atomically so a reader never sees half a file; `private`: this user's only (0600)."""
    write_atomic(Path(path), wav_bytes(pcm, sample_rate), private=private)


WINDOW_SECONDS = 0.005
SILENCE_DB = -45.0  # below this (relative to full scale) a 5 ms window counts as silence
_SILENCE_FLOOR = 32768.0 * 10 ** (SILENCE_DB / 20)


def window_rms(pcm: np.ndarray, sample_rate: int, window: float = WINDOW_SECONDS) -> np.ndarray:
    """RMS of consecutive windows (the last partial window is dropped)."""
    n = max(1, int(round(sample_rate * window)))
    count = len(pcm) // n
    if count == 0:
        return np.zeros(0)
    frames = pcm[: count * n].astype(np.float32).reshape(count, n)
    return np.sqrt(np.mean(frames * frames, axis=1))


def voiced_mask(pcm: np.ndarray, sample_rate: int, window: float = WINDOW_SECONDS) -> np.ndarray:
    """One bool per window: is anything audible there?"""
    return window_rms(pcm, sample_rate, window) > _SILENCE_FLOOR


def voiced_bounds(pcm: np.ndarray, sample_rate: int) -> tuple[int, int] | None:
    """[first, last) sample of audible sound, to window precision; None for silence."""
    mask = voiced_mask(pcm, sample_rate)
    idx = np.flatnonzero(mask)
    if idx.size == 0:
        return None
    n = max(1, int(round(sample_rate * WINDOW_SECONDS)))
    return int(idx[0]) * n, min(len(pcm), (int(idx[-1]) + 1) * n)


def silent_gaps(pcm: np.ndarray, sample_rate: int, min_gap: float = 0.0) -> list[tuple[float, float]]:
    """(start, end) seconds of every silence between audible parts at least `min_gap` long."""
    mask = voiced_mask(pcm, sample_rate)
    if not mask.any():
        return []
    n = max(1, int(round(sample_rate * WINDOW_SECONDS)))
    gaps = []
    idx = np.flatnonzero(mask)
    for a, b in zip(idx[:-1], idx[1:]):
        if b - a > 1:
            start, end = (a + 1) * n / sample_rate, b * n / sample_rate
            if end - start >= min_gap:
                gaps.append((start, end))
    return gaps
