"""The shared vocabulary: one value from the show file to the stage, the same words on the wire."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from studio.core.vocab import CardMode, PlayoutStatus
from studio.show.loader import load_show
from studio.show.model import CARD_ACTIONS


def test_every_card_cue_is_a_mode_and_nothing_else_is() -> None:
    assert [CardMode(c) for c in CARD_ACTIONS] == list(CardMode)
    assert CARD_ACTIONS == ("show", "hide", "highlight_price", "selling_points")  # the order menus list them in
    with pytest.raises(ValueError):
        CardMode("bounce")
    assert [m.visible for m in CardMode] == [True, False, True, True]


def test_a_loaded_card_cue_is_the_mode_itself(make_show) -> None:
    root: Path = make_show(products={"tea": 'name = "茶"\nprice = 1\npitch = [{ text = "看价格", card = "highlight_price" }]\n'})
    show = load_show(root).show
    assert show is not None
    card = show.product("tea").pitch[0].card
    assert card is CardMode.PRICE and card == "highlight_price" and f"{card}" == "highlight_price"


def test_the_playout_status_is_written_as_before() -> None:
    assert [str(s) for s in PlayoutStatus] == ["off_air", "on_air", "paused", "stopped"]
    assert json.dumps({"status": PlayoutStatus.ON_AIR}) == '{"status": "on_air"}'
    assert PlayoutStatus.PAUSED == "paused"
