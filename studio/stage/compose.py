"""`compose(state, t, metrics)`: the whole picture at show time t as a scene, purely from its inputs.

The same state, time and fonts always give the same scene, and the renderer turns the same scene
into the same pixels: the stream window, the operator's preview and an offline render are one path.
Drawing order, back to front: background, host, card, captions, ticker, logo, AI label (always on
top, so nothing can cover it).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from studio.show.model import CHROMA_GREEN, Background
from studio.stage.captions import caption_layer
from studio.stage.card import card_layer
from studio.stage.chrome import disclosure_layer, logo_layer, ticker_layer
from studio.stage.scene import Avatar, Clear, Fill, Item, Picture, Rect, Scene, rgba
from studio.stage.state import StageState
from studio.stage.templates import Template, template_for_canvas, template_named
from studio.stage.text import TextMetrics

DEFAULT_BACKGROUND = "#20232A"


def template_of(state: StageState) -> Template:
    """The template a state asks for: its own choice, else the one of the show's canvas."""
    if state.template is not None:
        return template_named(state.template)
    return template_for_canvas(state.show.canvas)


def wall_clock(state: StageState, t: float) -> datetime | None:
    """The wall-clock time at show time t, from the state's anchor (None when unknown)."""
    if state.now is None:
        return None
    return state.now + timedelta(seconds=t - state.now_at)


def background_items(background: Background, tpl: Template) -> tuple[Item, ...]:
    """What is behind everything: a cover-fitted image, a colour, chroma green or transparency."""
    if background.kind == "transparent":
        return (Clear(),)
    if background.kind == "chroma":
        return (Fill(rgba(background.color or CHROMA_GREEN)),)
    if background.kind == "image" and background.image is not None:
        # The renderer falls back to the default colour if the file cannot be read at draw time.
        return (Picture(Rect(0, 0, tpl.width, tpl.height), background.image, "cover",
                        fallback=rgba(DEFAULT_BACKGROUND)),)
    return (Fill(rgba(background.color or DEFAULT_BACKGROUND)),)


def disclosure_shown(state: StageState) -> bool:
    """On air the label is always drawn; only a rehearsal may turn it off."""
    return state.live or state.disclosure_visible


def compose(state: StageState, t: float, metrics: TextMetrics) -> Scene:
    """The scene at show time t. Pure: no clock, no randomness, no mutation."""
    tpl = template_of(state)
    show = state.show
    items: list[Item] = list(background_items(show.background, tpl))
    items.append(Avatar(tpl.avatar, state.pose))
    card = card_layer(state, tpl, t, metrics, wall_clock(state, t))
    if card is not None:
        items.append(card)
    caption = caption_layer(state.caption, tpl, t, metrics)
    if caption is not None:
        items.append(caption)
    ticker = ticker_layer(state.ticker if state.ticker is not None else show.ticker, tpl, t, metrics)
    if ticker is not None:
        items.append(ticker)
    logo = logo_layer(show.logo, tpl)
    if logo is not None:
        items.append(logo)
    if disclosure_shown(state):
        items.append(disclosure_layer(show.disclosure, show.language, tpl, metrics))
    return Scene(tpl.width, tpl.height, tuple(items), transparent=show.background.kind == "transparent")
