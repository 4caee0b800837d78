"""The preview pane: the stage frame for the selected product and line, or the program while live.

Rendered with the same StageRenderer as the stream window, so the preview is what airs. Edits are
debounced (~150 ms) so typing never waits for the renderer.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from studio.core.vocab import CardMode
from studio.show.model import Show
from studio.show.variables import product_variables
from studio.program.qt_stage import StageKit, build_stage
from studio.stage.state import state_for

DEBOUNCE_MS = 150
PROGRAM_FPS = 10  # the operator's monitor: enough to follow the show, cheap next to the stream window

ProgramSource = Callable[[], QImage | None]


class PreviewPane(QWidget):
    """Shows a scaled stage frame: the edited product (rehearsal) or the program (live)."""

    def __init__(self, show: Show, now: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preview")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 360)
        self._now = now
        self.show_model = show
        self.kit: StageKit | None = None
        self.error = ""
        self.product_id: str | None = show.products[0].id if show.products else None
        self.line_index: int | None = None
        self.image: QImage | None = None  # the last full-size frame (what tests compare)
        self.renders = 0
        self._program: ProgramSource | None = None
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.render_now)
        self._program_timer = QTimer(self)
        self._program_timer.setInterval(1000 // PROGRAM_FPS)
        self._program_timer.timeout.connect(self._grab_program)

    # ---- inputs ----

    def set_show(self, show: Show) -> None:
        """A new version of the show (an edit): re-render after the debounce."""
        if show.root != self.show_model.root or show.avatar != self.show_model.avatar:
            self.kit = None  # the stage is built for one show folder and one avatar pack
        self.show_model = show
        self.schedule()

    def select(self, product_id: str | None, line_index: int | None = None) -> None:
        self.product_id, self.line_index = product_id, line_index
        self.schedule()

    def schedule(self) -> None:
        """Render after DEBOUNCE_MS of quiet (restarts on every call)."""
        if self._program is None:
            self._debounce.start()

    def set_program(self, source: ProgramSource | None) -> None:
        """While live, show the program frames from `source`; None returns to the rehearsal preview."""
        self._program = source
        if source is not None:
            self._debounce.stop()
            self._program_timer.start()
        else:
            self._program_timer.stop()
            self.schedule()
        self.update()

    @property
    def showing_program(self) -> bool:
        return self._program is not None

    # ---- rendering ----

    def render_now(self) -> None:
        """Render the selected product (and line as the caption) at full size, then repaint."""
        show = self.show_model
        if self.product_id is None or not any(p.id == self.product_id for p in show.products):
            self.image = None
            self.update()
            return
        try:
            if self.kit is None:
                self.kit = build_stage(show)
            else:
                self.kit.renderer.prepare(show)  # a new photo or price is picked up
            self.image = self._render(show).copy()  # the renderer may reuse its buffer
            self.error = ""
        except Exception as exc:  # noqa: BLE001 - a preview failure must never take the console down
            self.error = str(exc)
            self.image = None
        self.renders += 1
        self.update()

    def _render(self, show: Show) -> QImage:
        assert self.kit is not None and self.product_id is not None
        product = show.product(self.product_id)
        now = self._now()
        card = CardMode.SHOWN
        caption = None
        if self.line_index is not None and 0 <= self.line_index < len(product.pitch):
            line = product.pitch[self.line_index]
            values = product_variables(product, line.language or show.language, now)
            caption = line.template.render(values, random.Random(0))
            if line.card:
                card = line.card
        t = 30.0  # long after the card appeared: the settled picture, no transition
        state = state_for(show, self.product_id, t=t - 0.05, card=card, caption=caption, now=now)
        if self.kit.host is not None:
            state = state.with_pose(self.kit.host.pose(state, t))
        return self.kit.renderer.render(state, t)

    def _grab_program(self) -> None:
        image = self._program() if self._program is not None else None
        if image is not None and not image.isNull():
            self.image = image.copy()
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt naming)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        p.fillRect(self.rect(), QColor("#101216"))
        if self.image is None:
            p.setPen(QColor("#6B7385"))
            text = self.error or self.tr("Nothing to preview")
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
            p.end()
            return
        iw, ih = self.image.width(), self.image.height()
        scale = min(self.width() / iw, self.height() / ih)
        w, h = iw * scale, ih * scale
        target = QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)
        p.drawImage(target, self.image)
        p.setPen(QColor("#2F3542"))
        p.drawRect(target.adjusted(0, 0, -1, -1))
        p.end()
