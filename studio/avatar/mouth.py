"""Mouth shapes for lip-sync: the (shape, next_shape, blend) state, shape fallbacks, hand-written tracks.

The speech package produces a mouth-shape track and `mouth_at(track, t)` giving the same triple as
`MouthState`. Previews, tests and the contact sheet sample a hand-written list of the same
`MouthCue`s with `mouth_from_cues`, so the avatar never depends on speech.
Shapes follow the common lip-sync letters: A closed (M, B, P), B slightly open with teeth (K, S,
T, EE), C open (EH, AE), D wide open (AA), E rounded (AO, ER), F puckered (UW, OO, W), G upper
teeth on the lower lip (F, V), H tongue raised (L), X rest.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from studio.core.vocab import MouthCue, MouthShape

SHAPES = ("A", "B", "C", "D", "E", "F", "G", "H", "X")

# When a pack lacks an optional shape, the nearest-looking one stands in (the usual lip-sync rule:
# G is drawn like B, H like C); anything unknown rests.
FALLBACKS: dict[str, tuple[str, ...]] = {
    "G": ("B", "A", "X"),
    "H": ("C", "D", "B", "X"),
    "X": ("A",),
    "A": ("X",),
    "B": ("C", "A", "X"),
    "C": ("B", "D", "X"),
    "D": ("C", "E", "X"),
    "E": ("C", "F", "X"),
    "F": ("E", "B", "X"),
}

# How open each shape is (0 closed … 1 wide): drives head bobs and brow lifts while talking.
OPENNESS: dict[str, float] = {"X": 0.0, "A": 0.0, "B": 0.25, "C": 0.55, "D": 1.0, "E": 0.65,
                              "F": 0.3, "G": 0.2, "H": 0.5}

DEFAULT_BLEND = 0.06  # seconds over which one shape blends into the next


@dataclass(frozen=True)
class MouthState:
    """The mouth at one instant: `shape` blending toward `next_shape` by `blend` (0…1)."""

    shape: str = "X"
    next_shape: str = "X"
    blend: float = 0.0

    @property
    def openness(self) -> float:
        a = OPENNESS.get(self.shape, 0.0)
        b = OPENNESS.get(self.next_shape, 0.0)
        return a + (b - a) * self.blend


REST = MouthState()


def resolve_shape(shape: str, available: Collection[str]) -> str:
    """The sprite to show for `shape` in a pack that has `available` shapes (nearest when missing)."""
    if shape in available:
        return shape
    for alt in FALLBACKS.get(shape, ("X", "A")):
        if alt in available:
            return alt
    return "X" if "X" in available else next(iter(available))


def mouth_from_cues(cues: Sequence[MouthCue], t: float, blend_time: float = DEFAULT_BLEND) -> MouthState:
    """The mouth state at `t` for a hand-written track: each shape blends into the next over the
    last `blend_time` seconds before the next cue, so the mouth never jumps between shapes.

    A cue lasts until the next one starts (its `end` is not read: a hand-written track may leave
    gaps), and the last shape is held."""
    if not cues:
        return REST
    i = bisect.bisect_right(cues, t, key=_cue_time) - 1
    if i < 0:
        # Before the first cue the mouth rests, blending into the first shape as it approaches.
        first = cues[0]
        return MouthState("X", first.shape, _ramp(t, first.start, blend_time))
    current = cues[i]
    if i + 1 >= len(cues):
        return MouthState(current.shape, current.shape, 0.0)
    nxt = cues[i + 1]
    # Short shapes get a proportionally shorter blend so they are still seen.
    span = min(blend_time, (nxt.start - current.start) * 0.5)
    return MouthState(current.shape, nxt.shape, _ramp(t, nxt.start, span))


def _cue_time(cue: MouthCue) -> float:
    return cue.start


def _ramp(t: float, at: float, span: float) -> float:
    if span <= 0:
        return 0.0
    x = (t - (at - span)) / span
    return 0.0 if x <= 0 else 1.0 if x >= 1 else x


def track_from_text(pattern: str, start: float = 0.0, step: float = 0.1) -> tuple[MouthCue, ...]:
    """A quick hand-written track: one shape letter per `step` seconds ("XBCDDCAX", a space rests), repeats merged."""
    cues: list[MouthCue] = []
    for i, ch in enumerate(pattern):
        shape = MouthShape(ch if ch != " " else "X")
        at = start + i * step
        if cues and cues[-1].shape == shape:
            cues[-1] = replace(cues[-1], end=at + step)
            continue
        cues.append(MouthCue(at, at + step, shape))
    return tuple(cues)


__all__ = ["DEFAULT_BLEND", "FALLBACKS", "OPENNESS", "REST", "SHAPES", "MouthState",
           "mouth_from_cues", "resolve_shape", "track_from_text"]
