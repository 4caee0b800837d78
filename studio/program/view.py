"""The program view: what the playout says is on air at program time t → the stage state and pose.

Qt-free. Live, preview and offline render all draw their frames through `ProgramView`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from studio.avatar.layout import place
from studio.avatar.motion import AvatarInput, Pose, Rig, pose_at
from studio.avatar.mouth import MouthState
from studio.avatar.pack import AvatarPack
from studio.core.vocab import CardMode
from studio.runner.playout import ProgramState
from studio.show.model import Show
from studio.speech.lipsync import mouth_at
from studio.stage.compose import template_of
from studio.stage.state import Caption, CardState, StageState

# Shown in the preview's ticker while a line plays that would not air live (blocked or unapproved).
NOT_ON_AIR_MARK = "⚠ 直播时不播出 Not aired live:"


@dataclass
class ProgramView:
    """The stage state and avatar pose for program time t, from the playout's ProgramState."""

    show: Show
    pack: AvatarPack | None
    live: bool = True
    template: str | None = None
    seed: int = 0
    _card: CardState = field(default_factory=lambda: CardState(CardMode.HIDDEN, -1e9, CardMode.HIDDEN))
    _product: str | None = None
    _product_since: float = -1e9

    def __post_init__(self) -> None:
        self.rig = Rig(self.pack) if self.pack is not None else None

    def stage_state(self, ps: ProgramState, now: datetime) -> StageState:
        product = None
        if ps.card_product is not None:
            try:
                product = self.show.product(ps.card_product)
            except KeyError:  # removed by a hot reload
                product = None
        if ps.card_product != self._product:
            self._product, self._product_since = ps.card_product, ps.card_since
        self._card = self._card.follow(ps.card_mode, ps.card_since)
        caption = None
        entry = ps.entry
        if entry is not None and ps.t < entry.pause_end + 0.5:
            caption = Caption(entry.segment.text, entry.start, entry.utterance.words, end=entry.pause_end)
        ticker = None
        if not self.live and entry is not None and entry.findings and ps.t < entry.pause_end:
            # Preview plays what live would skip, so the operator hears it: the ticker says so.
            ticker = (f"{NOT_ON_AIR_MARK} {entry.findings[0]}",)
        state = StageState(show=self.show, template=self.template, product=product,
                           product_since=self._product_since, card=self._card, caption=caption,
                           ticker=ticker, live=self.live, now=now, now_at=ps.t)
        return state.with_pose(self.pose(ps, state))

    def pose(self, ps: ProgramState, state: StageState) -> Pose | None:
        if self.rig is None or self.pack is None:
            return None
        tpl = template_of(state)
        r = tpl.avatar
        placement = place(self.pack.size, (r.x, r.y, r.w, r.h))
        card = placement.to_pack((tpl.card.cx, tpl.card.y + tpl.card.h * 0.35)) if state.product else None
        mouth = MouthState()
        if ps.speaking and ps.entry is not None:
            mouth = MouthState(*mouth_at(ps.entry.utterance.mouth, ps.line_t))
        inp = AvatarInput(
            t=ps.t, speaking=ps.speaking, speaking_since=ps.speaking_since, mouth=mouth,
            expressions=ps.expressions, gestures=ps.gestures, card=card,
        )
        return pose_at(self.rig, inp, seed=self.seed)


__all__ = ["NOT_ON_AIR_MARK", "ProgramView"]
