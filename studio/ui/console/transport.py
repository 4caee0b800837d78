"""The transport bar: go live, pause, skip, next product, interrupt, stop — and what is on air.

The bar only shows and forwards: the window owns the QActions (with their shortcuts) and the
session; the bar displays the playout's state, read on a timer.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.core.vocab import PlayoutStatus
from studio.runner.asrun import AsRunHealth
from studio.show.model import Show


def _clock_text(seconds: float) -> str:
    s = max(0, int(seconds))
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


class TransportBar(QFrame):
    """Buttons for the transport actions, the on-air lamp, now playing, up next, time and health."""

    def __init__(self, actions: list[QAction | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transport")
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 10, 14, 10)
        row.setSpacing(8)
        self.buttons: dict[str, QToolButton] = {}
        for action in actions:
            if action is None:  # a gap between groups
                row.addSpacing(10)
                continue
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setObjectName(action.objectName() + "Button")
            self.buttons[action.objectName()] = button
            row.addWidget(button)
        row.addSpacing(16)
        self.lamp = QLabel()
        self.lamp.setObjectName("lamp")
        self.lamp.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lamp.setMinimumWidth(96)
        row.addWidget(self.lamp)
        self.clock = QLabel("00:00:00")
        self.clock.setObjectName("airClock")
        self.clock.setToolTip(self.tr("Time on air (program clock)"))
        row.addWidget(self.clock)
        info = QVBoxLayout()
        info.setSpacing(2)
        self.now_playing = QLabel()
        self.now_playing.setObjectName("nowPlaying")
        self.up_next = QLabel()
        self.up_next.setObjectName("meta")
        info.addWidget(self.now_playing)
        info.addWidget(self.up_next)
        row.addLayout(info, 1)
        self.health = QLabel()
        self.health.setObjectName("meta")
        self.health.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.health)
        # Whether the as-run records reach the disk: quiet while they do, loud when they do not.
        self.asrun = QLabel()
        self.asrun.setObjectName("asrunHealth")
        row.addWidget(self.asrun)
        self.set_off_air()

    def set_off_air(self, note: str = "") -> None:
        """Nothing on air: grey lamp, empty read-outs."""
        self._lamp(self.tr("OFF AIR"), "off")
        self.clock.setText("00:00:00")
        self.now_playing.setText(self.tr("Not on air — press Go live (F5)"))
        self.up_next.setText(note)
        self.health.setText("")
        self.set_asrun(None)

    def set_status(self, status: str, seconds: float, now: str, next_up: str, health: str) -> None:
        """The playout's read-out: its status, or "pausing" while the line on air finishes before a pause."""
        if status == PlayoutStatus.ON_AIR:
            self._lamp(self.tr("ON AIR"), "on")
        elif status == PlayoutStatus.PAUSED:
            self._lamp(self.tr("PAUSED"), "paused")
        elif status == "pausing":  # asked to pause: the line on air finishes first
            self._lamp(self.tr("PAUSING…"), "paused")
        else:
            self._lamp(self.tr("STARTING"), "off")
        self.clock.setText(_clock_text(seconds))
        self.now_playing.setText(now)
        self.up_next.setText(next_up)
        self.health.setText(health)

    def set_asrun(self, health: AsRunHealth | None) -> None:
        """The as-run log's health (None: nothing is being recorded, e.g. off air)."""
        if health is None:
            self.asrun.hide()
            return
        if health.state == "degraded":
            text = self.tr("AS-RUN NOT SAVED · %1 waiting").replace("%1", str(health.pending))
            tip = self.tr("The as-run records cannot be written: %1\nThey are kept in memory (%2 waiting, "
                          "%3 lost) and written in order as soon as the file can be written again. "
                          "Check that the folder exists, is writable and the disk has space.")
            tip = tip.replace("%1", health.error).replace("%2", str(health.pending)).replace("%3", str(health.lost))
        elif health.state == "incomplete":
            text = self.tr("As-run: %1 lost").replace("%1", str(health.lost))
            tip = self.tr("Writing works again, but %1 records were lost while it did not (the memory "
                          "buffer was full). File: %2").replace("%1", str(health.lost)).replace("%2", health.path)
        else:
            text = self.tr("As-run ✓")
            tip = self.tr("%1 records written to %2").replace("%1", str(health.written)).replace("%2", health.path)
        self.asrun.setText(text)
        self.asrun.setToolTip(tip)
        self.asrun.setProperty("state", health.state)
        self.asrun.style().unpolish(self.asrun)
        self.asrun.style().polish(self.asrun)
        self.asrun.show()

    def _lamp(self, text: str, state: str) -> None:
        self.lamp.setText(text)
        self.lamp.setProperty("state", state)
        self.lamp.style().unpolish(self.lamp)
        self.lamp.style().polish(self.lamp)


class InterruptDialog(QDialog):
    """Interrupt the rundown: pitch a product next, or say a one-off line (then the rundown resumes)."""

    def __init__(self, show: Show, current: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Interrupt"))
        self.setMinimumWidth(520)
        col = QVBoxLayout(self)
        col.setSpacing(10)
        intro = QLabel(self.tr("After the line on air, play this — then the rundown resumes where it was."))
        intro.setWordWrap(True)
        col.addWidget(intro)
        self.by_product = QRadioButton(self.tr("Pitch a product"))
        self.by_line = QRadioButton(self.tr("Say a one-off line"))
        group = QButtonGroup(self)
        group.addButton(self.by_product)
        group.addButton(self.by_line)
        self.product = QComboBox()
        for p in show.products:
            self.product.addItem(p.name, p.id)
        if current is not None:
            self.product.setCurrentIndex(max(0, self.product.findData(current)))
        self.line = QLineEdit()
        self.line.setPlaceholderText(self.tr("For example: 3号链接限时秒杀，最后五分钟！"))
        col.addWidget(self.by_product)
        col.addWidget(self.product)
        col.addWidget(self.by_line)
        col.addWidget(self.line)
        note = QLabel(self.tr("A one-off line is checked for compliance like any other: blocked wording is not spoken."))
        note.setObjectName("meta")
        note.setWordWrap(True)
        col.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.by_product.toggled.connect(self._sync)
        self.line.textChanged.connect(self._sync)
        self.line.textEdited.connect(lambda _: self.by_line.setChecked(True))
        self.by_product.setChecked(True)
        self._sync()

    def choice(self) -> tuple[str, str]:
        """("product", id) or ("line", text)."""
        if self.by_product.isChecked():
            return "product", str(self.product.currentData())
        return "line", self.line.text().strip()

    def _sync(self) -> None:
        self.product.setEnabled(self.by_product.isChecked())
        self.ok.setEnabled(self.by_product.isChecked() and self.product.count() > 0
                           or self.by_line.isChecked() and bool(self.line.text().strip()))
