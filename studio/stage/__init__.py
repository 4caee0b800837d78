"""The stage: layout templates, overlay state and the pure `compose(state, t, metrics)` → scene.

Qt-free except the `qt_*` modules (fonts, the QPainter renderer, the placeholder host).
"""

from studio.stage.compose import compose, template_of
from studio.stage.scene import Scene
from studio.stage.state import Caption, CardState, StageState, estimate_word_timings, state_for
from studio.stage.templates import TEMPLATES, Template, template_for_canvas, template_named

__all__ = [
    "TEMPLATES", "Caption", "CardState", "Scene", "StageState", "Template", "compose",
    "estimate_word_timings", "state_for", "template_for_canvas", "template_named", "template_of",
]
