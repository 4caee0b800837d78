"""Poses for the host in previews, until the runner drives the avatar from real speech. Qt-free.

`PreviewHost.pose(state, t)` turns what the stage state already knows into an avatar input: the
caption's word timings make the mouth move (an approximation, not lip-sync from audio), card cues
become expressions and gestures, and the host glances at the card. The runner replaces this with
the utterance's mouth track; the stage only ever passes the resulting pose through.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from studio.avatar.layout import place
from studio.avatar.motion import AvatarInput, Pose, Rig, pose_at
from studio.avatar.mouth import mouth_from_cues
from studio.avatar.pack import AvatarPack, load_pack, resolve_pack
from studio.core.vocab import CardMode, Cue, MouthCue, MouthShape
from studio.show.model import Show
from studio.stage.compose import template_of
from studio.stage.state import Caption, StageState, in_time_order

# Open shapes cycled through a word's characters: enough variety to read as talking.
_TALK = "CBDCEBDFCB"
_CARD_CUES = {
    CardMode.SHOWN: ("smile", "present"),
    CardMode.PRICE: ("excited", "point"),
    CardMode.POINTS: ("smile", "present"),
}


def load_show_pack(show: Show) -> tuple[AvatarPack | None, list[str]]:
    """The show's avatar pack, or None with the problems as printable lines."""
    path: Path = resolve_pack(show.avatar, show.root)
    result = load_pack(path)
    return result.pack, [p.format() for p in result.problems if p.is_error]


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


class PreviewHost:
    """Avatar poses derived from a stage state: talking along the caption, reacting to card cues."""

    def __init__(self, pack: AvatarPack, seed: int = 0) -> None:
        self.pack = pack
        self.rig = Rig(pack)
        self.seed = seed

    def pose(self, state: StageState, t: float) -> Pose:
        tpl = template_of(state)
        r = tpl.avatar
        placement = place(self.pack.size, (r.x, r.y, r.w, r.h))
        card = placement.to_pack((tpl.card.cx, tpl.card.y + tpl.card.h * 0.35)) if state.product else None
        speaking, since, mouth = False, -1e9, mouth_from_cues((), t)
        cap = state.caption
        if cap is not None and cap.words:
            end = cap.start + max(w.end for w in cap.words)
            speaking = cap.start <= t < end
            since = cap.start if speaking else end
            mouth = mouth_from_cues(mouth_cues(cap), t)
        expressions: list[Cue] = []
        gestures: list[Cue] = []
        cue = _CARD_CUES.get(state.card.mode)
        if cue is not None and state.product is not None:
            at = max(state.card.since, state.product_since, t - 30.0)
            expressions.append(Cue(at, cue[0]))
            gestures.append(Cue(at + 0.2, cue[1]))
        inp = AvatarInput(t=t, speaking=speaking, speaking_since=since, mouth=mouth,
                          expressions=tuple(expressions), gestures=tuple(gestures), card=card)
        return pose_at(self.rig, inp, seed=self.seed)
