"""The host on stage: the one mapping from what is on air to the avatar's pose. Qt-free.

`Host.pose(state, t, on_air)` places the avatar in the template, turns its gaze to the card and
poses it from what it is doing. On air (live, preview, offline render) the playout's state says
that: the utterance's mouth track, the line's expressions and gestures. A single frame with no
playout behind it (`studio stage`, the console's stage preview) is rehearsed from the stage state
alone: the caption's word timings move the mouth (an approximation, not lip-sync from audio) and
card cues become expressions and gestures.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from studio.avatar.layout import place
from studio.avatar.motion import AvatarInput, Pose, Rig, pose_at
from studio.avatar.mouth import REST, MouthState, mouth_from_cues
from studio.avatar.pack import AvatarPack, PackResult
from studio.core.vocab import CardMode, Cue, MouthCue, MouthShape
from studio.runner.playout import ProgramState
from studio.speech.lipsync import mouth_at
from studio.stage.compose import template_of
from studio.stage.state import Caption, StageState, in_time_order

# Open shapes cycled through a word's characters: enough variety to read as talking.
_TALK = "CBDCEBDFCB"
_CARD_CUES = {
    CardMode.SHOWN: ("smile", "present"),
    CardMode.PRICE: ("excited", "point"),
    CardMode.POINTS: ("smile", "present"),
}


def pack_errors(pack: PackResult) -> list[str]:
    """Why a pack did not load, as printable lines (the placeholder host is drawn instead)."""
    return [p.format() for p in pack.problems if p.is_error]


@dataclass(frozen=True)
class Acting:
    """What the host is doing at one instant: speaking or not, the mouth, the cues in force."""

    speaking: bool = False
    speaking_since: float = -1e9
    mouth: MouthState = REST
    expressions: tuple[Cue, ...] = ()
    gestures: tuple[Cue, ...] = ()


def on_air_acting(ps: ProgramState) -> Acting:
    """The host's acting from the playout: the utterance's own mouth track and the lines' cues."""
    mouth = REST
    if ps.speaking and ps.entry is not None:
        mouth = MouthState(*mouth_at(ps.entry.utterance.mouth, ps.line_t))
    return Acting(ps.speaking, ps.speaking_since, mouth, ps.expressions, ps.gestures)


def rehearsed_acting(state: StageState, t: float) -> Acting:
    """The host's acting from a stage state alone: talking along the caption, reacting to card cues."""
    speaking, since, mouth = False, -1e9, REST
    cap = state.caption
    if cap is not None and cap.words:
        end = cap.start + max(w.end for w in cap.words)
        speaking = cap.start <= t < end
        since = cap.start if speaking else end
        mouth = mouth_from_cues(mouth_cues(cap), t)
    expressions: tuple[Cue, ...] = ()
    gestures: tuple[Cue, ...] = ()
    cue = _CARD_CUES.get(state.card.mode)
    if cue is not None and state.product is not None:
        at = max(state.card.since, state.product_since, t - 30.0)
        expressions, gestures = (Cue(at, cue[0]),), (Cue(at + 0.2, cue[1]),)
    return Acting(speaking, since, mouth, expressions, gestures)


@lru_cache(maxsize=32)
def mouth_cues(caption: Caption) -> tuple[MouthCue, ...]:
    """A mouth track from word timings: one open shape per character, rest between words."""
    cues: list[MouthCue] = []
    for w in in_time_order(caption.words):
        chars = [c for c in caption.text[w.char_start:w.char_end] if c.isalnum()] or ["a"]
        step = (w.end - w.start) / len(chars)
        rest = caption.start + w.end - min(0.05, step * 0.3)
        for i, ch in enumerate(chars):
            at = caption.start + w.start + i * step
            cues.append(MouthCue(at, min(at + step, rest), MouthShape(_TALK[(ord(ch) + i) % len(_TALK)])))
        cues.append(MouthCue(rest, caption.start + w.end, MouthShape.X))
    cues.sort(key=lambda c: c.start)
    return tuple(cues)


class Host:
    """The show's avatar pack rigged once, posed for any stage state and time."""

    def __init__(self, pack: AvatarPack, seed: int = 0) -> None:
        self.pack = pack
        self.rig = Rig(pack)
        self.seed = seed

    def pose(self, state: StageState, t: float, on_air: ProgramState | None = None) -> Pose:
        """The pose at t on `state`: acted from the playout's state `on_air`, else rehearsed from `state`."""
        tpl = template_of(state)
        r = tpl.avatar
        placement = place(self.pack.size, (r.x, r.y, r.w, r.h))
        card = placement.to_pack((tpl.card.cx, tpl.card.y + tpl.card.h * 0.35)) if state.product else None
        acting = on_air_acting(on_air) if on_air is not None else rehearsed_acting(state, t)
        inp = AvatarInput(t=t, speaking=acting.speaking, speaking_since=acting.speaking_since, mouth=acting.mouth,
                          expressions=acting.expressions, gestures=acting.gestures, card=card)
        return pose_at(self.rig, inp, seed=self.seed)


__all__ = ["Acting", "Host", "mouth_cues", "on_air_acting", "pack_errors", "rehearsed_acting"]
