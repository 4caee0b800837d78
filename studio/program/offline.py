"""The program driven by program time instead of a sound card: the offline render's loop, and previews.

Qt-free. Pulling the playout's audio up to time t is what a sound device would have done by then,
so the state at t is exactly what would air at t; the render encodes that audio, a silent preview
drops it. `silent_program` plays a show as it airs (blocked lines skipped), with a silent voice.
"""

from __future__ import annotations

from datetime import datetime

import numpy as np

from studio.compliance.checker import Checker
from studio.outputs.bus import AudioChunk
from studio.program.host import Host
from studio.program.silent import SilentSpeech
from studio.program.view import ProgramView
from studio.runner.planner import Planner
from studio.runner.playout import Playout, ProgramState, compliance_reasons
from studio.show.model import Show
from studio.stage.state import StageState


class OfflineProgram:
    """A playout and its view, advanced by program time: `pull_to(t)`, then `at(t)`."""

    def __init__(self, playout: Playout, view: ProgramView) -> None:
        self.playout, self.view = playout, view

    def pull_to(self, t: float) -> AudioChunk:
        """The program audio up to program time t (none when already pulled), stamped with its start."""
        start, rate = self.playout.t, self.playout.sample_rate
        missing = round(t * rate) - self.playout.samples
        return AudioChunk(start, self.playout.pull(missing) if missing > 0 else np.zeros(0, np.int16), rate)

    def at(self, t: float) -> tuple[StageState, ProgramState]:
        """The stage state at program time t (the audio up to t is pulled first), and the playout's state."""
        self.pull_to(t)
        ps = self.playout.state_at(t)
        return self.view.stage_state(ps, self.playout.wall_at(t)), ps


def silent_program(show: Show, started: datetime, *, template: str | None = None, seed: int = 0,
                   host: Host | None = None) -> OfflineProgram:
    """`show` on air from wall-clock `started` without sound: lines timed by estimate, from the first."""
    checker = Checker(lists=show.compliance)
    playout = Playout(show, Planner(show, seed=seed), SilentSpeech(show.fps), started,
                      check_line=lambda segment: compliance_reasons(checker, show, segment))
    playout.go_live()
    return OfflineProgram(playout, ProgramView(show, host, live=True, template=template))


__all__ = ["OfflineProgram", "silent_program"]
