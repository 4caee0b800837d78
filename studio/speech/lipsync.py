"""Lip-sync: a mouth-shape track (Rhubarb's A–H and X) from the synthesizer's phonemes and the audio.

With phoneme timings (libespeak-ng reports each phoneme with its sample position) the shapes come
from what is said: IPA → shape, diphthongs split, closures kept. The audio then decides where the
mouth rests: any stretch of silence long enough to see becomes X, whatever the phonemes say.
Without phonemes (other engines) the shapes come from the audio alone: energy, spectral balance
and the first two formants of each 10 ms frame. Either way the track is smoothed for the frame
rate: no shape is held for a single frame except a closure (A), which must always be seen.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import numpy as np

from studio.core.vocab import MouthCue, MouthShape
from studio.speech.types import MouthTrack

S = MouthShape
MIN_REST = 0.10  # seconds: a silence this long (or longer) shows the mouth at rest
TRANSITION = 0.06  # seconds: how long before a cue ends mouth_at starts blending to the next

# IPA letters → shapes. Consonants not listed are B (teeth together, lips apart).
_CONSONANT = {**{c: S.A for c in "pbmɓʙ"}, **{c: S.G for c in "fvʋɱ"},
              **{c: S.H for c in "lɫɭʎɬ"}, **{c: S.F for c in "wɥʍ"}}
_VOWEL = {
    **{c: S.D for c in "aɑäɶ"},
    **{c: S.C for c in "æɛeəʌɐɤɘ"},
    **{c: S.E for c in "oɔɒøœɞɵɜɚɝ"},
    **{c: S.F for c in "uʊyʏ"},
    **{c: S.B for c in "iɪɨɯ"},
}
_OPENNESS = {S.D: 4, S.C: 3, S.E: 2, S.F: 1, S.B: 0}
_IGNORED = set("ːˑˈˌ.'ʰʲʷˠˤ̪̩̯̃̊̚-_|0123456789˥˦˧˨˩ ")


def phoneme_shapes(ipa: str) -> list[tuple[MouthShape, float]]:
    """The shapes one phoneme goes through, with relative durations: 'aɪ' → [(D, .6), (B, .4)]."""
    units: list[tuple[str, MouthShape]] = []  # ("v"|"c", shape)
    text = ipa.replace("ər", "ɚ").replace("ɝ", "ɚ")
    for ch in text:
        if ch in _IGNORED or ch.isspace():
            continue
        if ch in _VOWEL:
            units.append(("v", _VOWEL[ch]))
        else:
            shape = _CONSONANT.get(ch, S.B)
            if units and units[-1][0] == "c":
                # One consonant cluster ("ts", "nɡ"): the most visible articulation wins.
                prev = units[-1][1]
                rank = {S.A: 4, S.G: 3, S.F: 2, S.H: 1, S.B: 0}
                if rank.get(shape, 0) > rank.get(prev, 0):
                    units[-1] = ("c", shape)
            else:
                units.append(("c", shape))
    if not units:
        return []
    vowels = [u for u in units if u[0] == "v"]
    nucleus = max(vowels, key=lambda u: _OPENNESS.get(u[1], 0)) if vowels else None
    weights = []
    for u in units:
        if u[0] == "c":
            weights.append(0.6)
        else:
            weights.append(1.6 if u is nucleus else 1.0)
    total = sum(weights)
    out: list[tuple[MouthShape, float]] = []
    for (_, shape), w in zip(units, weights):
        if out and out[-1][0] == shape:
            out[-1] = (shape, out[-1][1] + w / total)
        else:
            out.append((shape, w / total))
    return out


# -- tracks from phonemes ------------------------------------------------------------------------

def _silences(pcm: np.ndarray, sample_rate: int, min_len: float) -> list[tuple[float, float]]:
    """Silent stretches of at least `min_len` seconds (10 ms resolution)."""
    feats = _frame_rms(pcm, sample_rate)
    if feats.size == 0:
        return []
    quiet = _quiet_frames(feats)
    out = []
    hop = _HOP / sample_rate if sample_rate else 0.01
    i = 0
    n = len(quiet)
    while i < n:
        if quiet[i]:
            j = i
            while j < n and quiet[j]:
                j += 1
            start, end = i * hop, min(len(pcm) / sample_rate, j * hop + (_WIN - _HOP) / sample_rate)
            if j == n:
                end = len(pcm) / sample_rate
            if end - start >= min_len:
                out.append((start, end))
            i = j
        else:
            i += 1
    return out


def track_from_phonemes(
    phonemes: Sequence[tuple[float, float, str]],
    pcm: np.ndarray,
    sample_rate: int,
    fps: int = 30,
) -> MouthTrack:
    """Shapes from timed phonemes ((start s, end s, IPA), "" for a pause) checked against the audio."""
    duration = len(pcm) / sample_rate if sample_rate else 0.0
    segs: list[list] = []  # [start, end, shape, is_pause]
    for start, end, ipa in phonemes:
        start, end = max(0.0, start), min(duration, end)
        if end <= start:
            continue
        parts = phoneme_shapes(ipa) if ipa else []
        if not parts:
            segs.append([start, end, S.X, True])
            continue
        t = start
        for shape, frac in parts:
            d = (end - start) * frac
            segs.append([t, t + d, shape, False])
            t += d
        segs[-1][1] = end
    segs = _fill_gaps(segs, duration)
    # The audio has the last word on rest: long silences are X even if a phoneme claims them.
    for a, b in _silences(pcm, sample_rate, MIN_REST):
        segs = _overlay(segs, a, b, S.X)
    segs = _absorb_short_pauses(segs)
    return MouthTrack(tuple(_smooth(segs, fps, duration)), duration, fps, "phonemes")


def _fill_gaps(segs: list[list], duration: float) -> list[list]:
    """Make the segments cover [0, duration]: uncovered time (between chunks) is a pause."""
    out: list[list] = []
    t = 0.0
    for s in sorted(segs, key=lambda s: s[0]):
        if s[0] > t + 1e-6:
            out.append([t, s[0], S.X, True])
        s = [max(s[0], t), s[1], s[2], s[3]]
        if s[1] > s[0]:
            out.append(s)
            t = s[1]
    if duration > t + 1e-6:
        out.append([t, duration, S.X, True])
    return out


def _overlay(segs: list[list], a: float, b: float, shape: MouthShape) -> list[list]:
    out: list[list] = []
    for s in segs:
        if s[1] <= a or s[0] >= b:
            out.append(s)
            continue
        if s[0] < a:
            out.append([s[0], a, s[2], s[3]])
        if s[1] > b:
            out.append([b, s[1], s[2], s[3]])
    out.append([a, b, shape, True])
    out.sort(key=lambda s: s[0])
    return out


def _absorb_short_pauses(segs: list[list]) -> list[list]:
    """A pause too short to rest in: lips close early before m/b/p, otherwise the last shape holds."""
    out: list[list] = []
    for i, s in enumerate(segs):
        # (A short pause at the very start is onset, not rest; one at the very end may close.)
        if s[2] == S.X and s[1] - s[0] < MIN_REST and i < len(segs) - 1:
            nxt = segs[i + 1][2]
            if nxt == S.A:
                out.append([s[0], s[1], S.A, False])
            elif out:
                out[-1] = [out[-1][0], s[1], out[-1][2], out[-1][3]]
            else:
                out.append([s[0], s[1], nxt, False])
            continue
        out.append(list(s))
    return out


# -- smoothing -----------------------------------------------------------------------------------

def _min_len(shape: MouthShape, frame: float) -> float:
    return frame if shape == S.A else 2 * frame


def _smooth(segs: list[list], fps: int, duration: float) -> list[MouthCue]:
    """Merge and stretch cues so none lasts under two frames, except closures (at least one)."""
    frame = 1.0 / fps
    cues = [[s[0], s[1], s[2]] for s in segs if s[1] > s[0]]
    eps = 1e-9

    def merge_equal() -> None:
        i = 0
        while i < len(cues) - 1:
            if cues[i][2] == cues[i + 1][2]:
                cues[i][1] = cues[i + 1][1]
                del cues[i + 1]
            else:
                i += 1

    merge_equal()
    accepted: set[int] = set()
    for _ in range(4 * len(cues) + 10):
        worst = None
        for i, c in enumerate(cues):
            if id(c) in accepted:
                continue
            short = _min_len(c[2], frame) - (c[1] - c[0])
            if short > eps and (worst is None or short > worst[1]):
                worst = (i, short)
        if worst is None:
            break
        i, need = worst
        c = cues[i]
        left = cues[i - 1] if i > 0 else None
        right = cues[i + 1] if i + 1 < len(cues) else None
        slack_l = (left[1] - left[0]) - _min_len(left[2], frame) if left else 0.0
        slack_r = (right[1] - right[0]) - _min_len(right[2], frame) if right else 0.0
        slack_l, slack_r = max(0.0, slack_l), max(0.0, slack_r)
        if c[2] == S.A and slack_l + slack_r < need and (left is not None or right is not None):
            # A closure must be seen: it swallows its shorter neighbour rather than vanish.
            victim = min((n for n in (left, right) if n is not None), key=lambda n: n[1] - n[0])
            if victim is left:
                c[0] = left[0]
                del cues[i - 1]
            else:
                c[1] = right[1]  # type: ignore[index]
                del cues[i + 1]
            merge_equal()
            continue
        if slack_l + slack_r >= need or c[2] == S.A:
            # Stretch it: take time from the neighbours, the roomier one first.
            take_r = min(slack_r, need if slack_r >= slack_l else max(0.0, need - slack_l))
            take_l = min(slack_l, need - take_r)
            take_r = min(slack_r, need - take_l)
            if left is not None and take_l > 0:
                left[1] -= take_l
                c[0] -= take_l
            if right is not None and take_r > 0:
                right[0] += take_r
                c[1] += take_r
            if _min_len(c[2], frame) - (c[1] - c[0]) > eps:
                accepted.add(id(c))  # nothing left to take (a tiny track): keep what we have
            continue
        # Too short and no room: fold it into a neighbour that is not a closure.
        candidates = [n for n in (left, right) if n is not None and n[2] != S.A]
        if not candidates:
            candidates = [n for n in (left, right) if n is not None]
        if not candidates:
            accepted.add(id(c))
            continue
        target = max(candidates, key=lambda n: n[1] - n[0])
        if target is left:
            left[1] = c[1]
        else:
            right[0] = c[0]  # type: ignore[index]
        del cues[i]
        merge_equal()
    merge_equal()
    if cues:
        cues[0][0] = 0.0
        cues[-1][1] = max(cues[-1][1], duration)
    return [MouthCue(round(c[0], 6), round(c[1], 6), c[2]) for c in cues]


# -- tracks from audio alone ---------------------------------------------------------------------

_WIN = 512  # samples per analysis frame (23 ms at 22,050 Hz)
_HOP = 220  # samples between frames (10 ms at 22,050 Hz)


def _frames(pcm: np.ndarray) -> np.ndarray:
    x = pcm.astype(np.float32)
    if len(x) < _WIN:
        x = np.pad(x, (0, _WIN - len(x)))
    count = 1 + (len(x) - _WIN) // _HOP
    return np.lib.stride_tricks.as_strided(x, shape=(count, _WIN), strides=(x.strides[0] * _HOP, x.strides[0]))


def _frame_rms(pcm: np.ndarray, sample_rate: int) -> np.ndarray:
    if len(pcm) == 0:
        return np.zeros(0)
    f = _frames(pcm)
    return np.sqrt(np.mean(f * f, axis=1))


def _quiet_frames(rms: np.ndarray, relative_db: float | None = None) -> np.ndarray:
    """Frames below -45 dBFS (the trimming threshold), or below `relative_db` under the loudest frame."""
    floor = 32768.0 * 10 ** (-45 / 20)
    if relative_db is not None and rms.size:
        floor = max(floor, float(rms.max()) * 10 ** (relative_db / 20))
    return rms < floor


def audio_features(pcm: np.ndarray, sample_rate: int) -> dict[str, np.ndarray]:
    """Per 10 ms frame: level (dB below the loudest frame), F1, F2 (Hz), low- and high-band shares."""
    frames = _frames(pcm) * np.hanning(_WIN).astype(np.float32)
    spec = np.abs(np.fft.rfft(frames, axis=1)) + 1e-3
    freqs = np.fft.rfftfreq(_WIN, 1.0 / sample_rate)
    power = spec * spec
    total = power.sum(axis=1) + 1e-9
    low = power[:, freqs < 400].sum(axis=1) / total
    high = power[:, freqs >= 3500].sum(axis=1) / total
    # Cepstral smoothing gives the vocal-tract envelope; its peaks are the formants.
    ceps = np.fft.irfft(np.log(spec), axis=1)
    lifter = np.zeros(ceps.shape[1], dtype=np.float32)
    lifter[:26] = 1.0
    lifter[-25:] = 1.0
    env = np.fft.rfft(ceps * lifter, axis=1).real
    band1 = (freqs >= 200) & (freqs <= 1000)
    f1_idx = np.argmax(np.where(band1, env, -np.inf), axis=1)
    f1 = freqs[f1_idx]
    lo2 = np.maximum(f1 + 300, 700)
    band2 = (freqs[None, :] >= lo2[:, None]) & (freqs[None, :] <= 2800)
    f2 = freqs[np.argmax(np.where(band2, env, -np.inf), axis=1)]
    # Front vowels (i) carry energy at 1.8–3.2 kHz; back rounded ones (u) almost none: steadier
    # than the F2 peak, which jumps to F3 when F2 fades at the end of an "oo".
    front = (power[:, (freqs >= 1800) & (freqs < 3200)].sum(axis=1)
             / (power[:, (freqs >= 600) & (freqs < 1600)].sum(axis=1) + 1e-9))
    rms = np.sqrt(np.mean((_frames(pcm)) ** 2, axis=1))
    peak = max(float(rms.max()), 1e-9)
    level = 20 * np.log10(np.maximum(rms, 1e-9) / peak)
    return {"level": level, "f1": f1, "f2": f2, "low": low, "high": high, "front": front, "rms": rms}


_CODES = (S.A, S.B, S.C, S.D, S.E, S.F, S.G, S.H, S.X)
_CODE = {shape: i for i, shape in enumerate(_CODES)}


def classify_frames(feats: dict[str, np.ndarray]) -> np.ndarray:
    """One shape code (index into _CODES) per frame: a vowel chart for voiced frames."""
    level, f1, f2, low, high = feats["level"], feats["f1"], feats["f2"], feats["low"], feats["high"]
    shapes = np.full(level.shape, _CODE[S.C], dtype=np.int8)
    # Thresholds read off espeak-ng's vowels (its American uː sits at F2 ≈ 1400 Hz, iː above 2200).
    shapes[f1 >= 650] = _CODE[S.D]
    shapes[(f1 >= 380) & (f1 < 650) & (f2 < 1150)] = _CODE[S.E]
    close = f1 < 380
    spread = close & (f2 >= 1800) & (feats["front"] >= 0.5)
    shapes[close & ~spread] = _CODE[S.F]
    shapes[spread] = _CODE[S.B]
    # Nasals and voiced closures: quiet, almost all energy below 400 Hz, nothing in the formants.
    shapes[(low > 0.8) & (level < -10)] = _CODE[S.A]
    shapes[high > 0.35] = _CODE[S.B]  # hiss: s, sh, t, k
    shapes[_quiet_frames(feats["rms"], relative_db=-40.0)] = _CODE[S.X]
    return shapes


def _majority(codes: np.ndarray, radius: int = 2) -> np.ndarray:
    """Each frame takes the most common code around it; closures and rests keep their own."""
    n = len(codes)
    counts = np.zeros((n, len(_CODES)), dtype=np.int16)
    for off in range(-radius, radius + 1):
        lo, hi = max(0, -off), min(n, n - off)
        counts[np.arange(lo, hi), codes[lo + off: hi + off]] += 1
    voted = np.argmax(counts, axis=1).astype(np.int8)
    keep = (codes == _CODE[S.A]) | (codes == _CODE[S.X])
    voted[keep] = codes[keep]
    return voted


def track_from_audio(pcm: np.ndarray, sample_rate: int, fps: int = 30) -> MouthTrack:
    """Shapes from the audio alone, for engines that report no phonemes."""
    duration = len(pcm) / sample_rate if sample_rate else 0.0
    if len(pcm) < _WIN:
        return MouthTrack((MouthCue(0.0, duration, S.X),) if duration else (), duration, fps, "audio")
    voted = _majority(classify_frames(audio_features(pcm, sample_rate)))
    hop = _HOP / sample_rate
    # Runs of equal codes become segments; frame i describes the audio around its centre.
    change = np.flatnonzero(np.diff(voted)) + 1
    starts = np.concatenate(([0], change))
    ends = np.concatenate((change, [len(voted)]))
    centre = (_WIN / 2 - _HOP / 2) / sample_rate
    segs: list[list] = []
    for a, b in zip(starts, ends):
        shape = _CODES[int(voted[a])]
        t0 = 0.0 if a == 0 else a * hop + centre
        t1 = duration if b == len(voted) else b * hop + centre
        segs.append([t0, t1, shape, shape == S.X])
    segs = _absorb_short_pauses(segs)
    return MouthTrack(tuple(_smooth(segs, fps, duration)), duration, fps, "audio")


def lip_sync(
    pcm: np.ndarray,
    sample_rate: int,
    phonemes: Sequence[tuple[float, float, str]] | None = None,
    fps: int = 30,
) -> MouthTrack:
    """The mouth track for an utterance: from phonemes when the engine gave them, else from audio."""
    if len(pcm) == 0:
        return MouthTrack((), 0.0, fps, "none")
    if phonemes:
        return track_from_phonemes(phonemes, pcm, sample_rate, fps)
    return track_from_audio(pcm, sample_rate, fps)


def rest_track(duration: float, fps: int = 30) -> MouthTrack:
    """A closed, resting mouth for `duration` (a failed utterance)."""
    cues = (MouthCue(0.0, duration, S.X),) if duration > 0 else ()
    return MouthTrack(cues, duration, fps, "none")


def mouth_at(track: MouthTrack, t: float) -> tuple[MouthShape, MouthShape, float]:
    """(shape, next shape, blend 0..1 towards it) at `t` seconds, for the avatar's animation."""
    cues = track.cues
    if not cues or t < 0 or t >= track.duration:
        return S.X, S.X, 0.0
    i = bisect.bisect_right(cues, t, key=lambda c: c.start) - 1
    i = max(0, min(i, len(cues) - 1))
    cue = cues[i]
    nxt = cues[i + 1].shape if i + 1 < len(cues) else S.X
    window = min(TRANSITION, cue.duration / 2)
    left = cue.end - t
    if window <= 0 or left >= window or nxt == cue.shape:
        return cue.shape, nxt, 0.0
    return cue.shape, nxt, float(min(1.0, max(0.0, 1.0 - left / window)))


def shapes_at_frames(track: MouthTrack, fps: int | None = None) -> list[MouthShape]:
    """The shape shown on each video frame (frame k at k / fps)."""
    rate = fps or track.fps
    count = int(np.ceil(track.duration * rate))
    return [mouth_at(track, k / rate)[0] for k in range(count)]
