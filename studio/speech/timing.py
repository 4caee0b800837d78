"""Word timings for captions: from the synthesizer's word events, or estimated from audio and text."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from itertools import pairwise

import numpy as np

from studio.speech.engine import PhonemeEvent, WordEvent
from studio.speech.textprep import Chunk
from studio.speech.wavio import voiced_mask

# (start s, end s, estimated) per chunk token, or None when the token got no time at all.
TokenTimes = list[tuple[float, float, bool] | None]


def syllable_weight(spoken: str) -> float:
    """How long a token takes relative to others: pinyin syllables, Hanzi, or English vowel groups."""
    pinyin = re.findall(r"[a-z]+[1-5]", spoken)
    if pinyin:
        return float(len(pinyin))
    han = len(re.findall(r"[\u3400-\u9fff]", spoken))
    latin = sum(max(1, len(re.findall(r"[aeiouy]+", w.lower()))) for w in re.findall(r"[A-Za-z']+", spoken))
    return float(max(1, han + latin))


def timings_from_events(
    chunk: Chunk,
    words: Sequence[WordEvent],
    phonemes: Sequence[PhonemeEvent],
    sample_rate: int,
    first: int,
    last: int,
) -> TokenTimes:
    """Token times (seconds from the trimmed chunk start) from word events; a word ends at its first pause."""
    if not words:
        return [None] * len(chunk.tokens)
    starts = [t.spoken_start for t in chunk.tokens]
    pauses = sorted(p.sample for p in phonemes if not p.phoneme)
    events = sorted(words, key=lambda w: w.sample)
    times: TokenTimes = [None] * len(chunk.tokens)
    for k, w in enumerate(events):
        i = bisect.bisect_right(starts, w.position) - 1
        if i < 0 or w.position >= chunk.tokens[i].spoken_end:
            continue  # a word espeak found in punctuation: no caption unit to light up
        nxt = events[k + 1].sample if k + 1 < len(events) else last
        j = bisect.bisect_right(pauses, w.sample)
        end = min(nxt, pauses[j]) if j < len(pauses) and pauses[j] > w.sample else nxt
        s = (max(w.sample, first) - first) / sample_rate
        e = (min(max(end, w.sample), last) - first) / sample_rate
        prev = times[i]
        times[i] = (min(s, prev[0]), max(e, prev[1]), False) if prev else (s, e, False)
    return _fill_missing(chunk, times, (last - first) / sample_rate)


def _fill_missing(chunk: Chunk, times: TokenTimes, duration: float) -> TokenTimes:
    """Tokens the engine gave no event for get a share of the time between their neighbours."""
    n = len(times)
    i = 0
    while i < n:
        if times[i] is not None:
            i += 1
            continue
        j = i
        while j < n and times[j] is None:
            j += 1
        before = times[i - 1] if i > 0 else None
        after = times[j] if j < n else None
        lo = before[1] if before else 0.0
        hi = after[0] if after else duration
        weights = [syllable_weight(chunk.text[t.spoken_start:t.spoken_end]) for t in chunk.tokens[i:j]]
        total = sum(weights) or 1.0
        t = lo
        span = max(0.0, hi - lo)
        for k, w in zip(range(i, j), weights, strict=True):
            d = span * w / total
            times[k] = (t, t + d, True)
            t += d
        i = j
    return times


def estimate_timings(chunk: Chunk, pcm: np.ndarray, sample_rate: int) -> TokenTimes:
    """Token times from the audio alone: words share the voiced time in proportion to their syllables.

    Silences longer than 80 ms are taken out first, so words never land in a pause.
    """
    if not chunk.tokens:
        return []
    window = 0.005
    mask = voiced_mask(pcm, sample_rate, window)
    if not mask.any():
        return _fill_missing(chunk, [None] * len(chunk.tokens), len(pcm) / sample_rate)
    # Fill short silences (stop closures) so only real pauses are skipped.
    gap_frames = int(0.08 / window)
    idx = np.flatnonzero(mask)
    for before, after in pairwise(idx):
        if 1 < after - before <= gap_frames:
            mask[before:after] = True
    voiced_times = np.flatnonzero(mask) * window  # the start of each voiced window
    weights = [syllable_weight(chunk.text[t.spoken_start:t.spoken_end]) for t in chunk.tokens]
    total = sum(weights)
    cum = np.cumsum([0.0, *weights]) / total * len(voiced_times)
    out: TokenTimes = []
    for k in range(len(chunk.tokens)):
        a = int(min(len(voiced_times) - 1, cum[k]))
        b = int(min(len(voiced_times) - 1, max(a, cum[k + 1] - 1)))
        out.append((float(voiced_times[a]), float(voiced_times[b] + window), True))
    return out
