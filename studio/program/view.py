"""The program view: what the playout says is on air at program time t → the stage state and pose.

Qt-free. Live, preview and offline render all draw their frames through `ProgramView`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from studio.program.host import Host
from studio.runner.playout import ProgramState
from studio.show.model import Show
from studio.stage.state import Caption, CardState, StageState

# Shown in the preview's ticker while a line plays that would not air live (blocked or unapproved).
NOT_ON_AIR_MARK = "⚠ 直播时不播出 Not aired live:"


@dataclass(frozen=True)
class ProgramView:
    """The stage state and host pose for program time t: a pure function of the playout's ProgramState.

    It keeps no history: the card's transition and when its product came on are the playout's
    (`ProgramState.card_previous`, `product_since`), so any t can be drawn in any order, and a
    view rebuilt for a reloaded show draws the moment on air exactly as the one before it. A
    changed avatar is data too: `later_hosts` says from which product turn each host is on air.
    """

    show: Show
    host: Host | None  # None: the stage draws its placeholder host
    live: bool = True
    template: str | None = None
    # (program time, host): the host of every product turn that begins at or after that time
    later_hosts: tuple[tuple[float, Host | None], ...] = ()

    def host_at(self, ps: ProgramState) -> Host | None:
        """The host on air at `ps`: the last one whose product turns had begun by then."""
        host = self.host
        for since, later in self.later_hosts:
            if ps.turn_since >= since:
                host = later
        return host

    def with_host_from(self, host: Host | None, after: float) -> ProgramView:
        """This view with `host` on air from the first product turn that begins at or after `after`.

        A new avatar comes on between products, never in the middle of a pitch."""
        return replace(self, later_hosts=(*self.later_hosts, (after, host)))

    def from_turn(self, turn_since: float) -> ProgramView:
        """This view without the hosts that went off air before the turn that began at `turn_since`."""
        host, later = self.host, []
        for since, next_host in self.later_hosts:
            if turn_since >= since:
                host = next_host
            else:
                later.append((since, next_host))
        return replace(self, host=host, later_hosts=tuple(later))

    def stage_state(self, ps: ProgramState, now: datetime) -> StageState:
        product = None
        if ps.card_product is not None:
            try:
                product = self.show.product(ps.card_product)
            except KeyError:  # removed by a hot reload
                product = None
        caption = None
        entry = ps.entry
        if entry is not None and ps.t < entry.pause_end + 0.5:
            caption = Caption(entry.segment.text, entry.start, entry.utterance.words, end=entry.pause_end)
        ticker = None
        if not self.live and entry is not None and entry.findings and ps.t < entry.pause_end:
            # Preview plays what live would skip, so the operator hears it: the ticker says so.
            ticker = (f"{NOT_ON_AIR_MARK} {entry.findings[0]}",)
        state = StageState(show=self.show, template=self.template, product=product,
                           product_since=ps.product_since,
                           card=CardState(ps.card_mode, ps.card_since, ps.card_previous), caption=caption,
                           ticker=ticker, live=self.live, now=now, now_at=ps.t)
        host = self.host_at(ps)
        return state.with_pose(host.pose(state, ps.t, ps) if host is not None else None)


__all__ = ["NOT_ON_AIR_MARK", "ProgramView"]
