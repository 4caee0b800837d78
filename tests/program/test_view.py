"""The program view is a pure function of the playout's state at t: no history, any order, any view."""

from __future__ import annotations

from datetime import datetime

import pytest

from studio.avatar.pack import load_pack, resolve_pack
from studio.core.assets import demo_show_path
from studio.core.vocab import CardMode
from studio.program.host import Host
from studio.program.view import ProgramView
from studio.runner.planner import Planner
from studio.runner.playout import Playout, ProgramState
from studio.show.loader import load_show
from studio.show.model import Show
from studio.stage.state import CardState, StageState

THURSDAY_AFTERNOON = datetime(2026, 11, 26, 14, 0)


@pytest.fixture(scope="module")
def show() -> Show:
    result = load_show(demo_show_path())
    assert result.show is not None
    return result.show


@pytest.fixture(scope="module")
def host(show: Show) -> Host:
    pack = load_pack(resolve_pack(show.avatar, show.root)).pack
    assert pack is not None
    return Host(pack, seed=7)


def run(show: Show, source: object, seconds: float, step: float = 0.05) -> list[ProgramState]:
    """The playout's state every `step` seconds of a run, as a frame loop samples it."""
    playout = Playout(show, Planner(show, seed=3), source, THURSDAY_AFTERNOON)  # type: ignore[arg-type]
    playout.go_live()
    states = []
    while playout.t < seconds:
        playout.advance(step)
        states.append(playout.state_at(playout.t))
    return states


def picture(state: StageState) -> tuple:
    return (state.product, state.product_since, state.card, state.caption, state.ticker, state.pose)


def test_any_order_and_any_view_draw_the_same_moment(show: Show, host: Host, tones) -> None:
    states = run(show, tones(), 45.0)
    now = THURSDAY_AFTERNOON
    forward = [picture(ProgramView(show, host).stage_state(ps, now)) for ps in states]
    view = ProgramView(show, host)
    backward = [picture(view.stage_state(ps, now)) for ps in reversed(states)][::-1]
    assert forward == backward
    # A view made mid-show (a hot reload builds a new one) draws the moment on air as the old one did.
    middle = states[len(states) // 2:]
    assert [picture(ProgramView(show, host).stage_state(ps, now)) for ps in middle] == forward[len(states) // 2:]
    assert {p[2].mode for p in forward} >= {CardMode.SHOWN, CardMode.POINTS, CardMode.PRICE}


def test_the_card_transition_comes_from_the_playouts_timeline(show: Show, tones) -> None:
    """What a view that followed every frame used to remember is what the playout now says."""
    states = run(show, tones(), 90.0)
    followed = CardState(CardMode.HIDDEN, -1e9, CardMode.HIDDEN)
    product, product_since = None, -1e9
    changes = 0
    for ps in states:
        if ps.card_product != product:
            product, product_since = ps.card_product, ps.card_since
        before = followed
        followed = followed.follow(ps.card_mode, ps.card_since)
        changes += followed is not before
        state = ProgramView(show, None).stage_state(ps, THURSDAY_AFTERNOON)
        assert state.card == followed and state.product_since == product_since, ps.t
    assert changes > 8  # several products, each with its card cues


def test_a_new_host_takes_over_at_the_first_product_turn_after_it_came(show: Show, host: Host, tones) -> None:
    states = run(show, tones(), 60.0)
    other = Host(host.pack, seed=8)  # another rig: what a changed `avatar =` brings
    view = ProgramView(show, host).with_host_from(other, 5.0)
    on_air = [view.host_at(ps) for ps in states]
    assert on_air == [other if ps.turn_since >= 5.0 else host for ps in states]
    assert on_air[0] is host and on_air[-1] is other
    ps = states[-1]
    assert view.stage_state(ps, THURSDAY_AFTERNOON).pose == other.pose(
        view.stage_state(ps, THURSDAY_AFTERNOON), ps.t, ps)
    # Once a frame of the new turn is on screen, the old host is done with; before, it is kept.
    assert view.from_turn(states[0].turn_since) == view
    settled = view.from_turn(ps.turn_since)
    assert settled.host is other and settled.later_hosts == ()
