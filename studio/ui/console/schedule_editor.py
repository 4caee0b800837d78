"""Schedule editor: the week as a grid where the operator draws, moves, resizes and deletes windows.

Drag on a day column from a start to an end time to draw a window (times snap to 15 minutes);
drag a block to move it, drag its top or bottom edge to resize it, Delete removes the selected
one. A window that would overlap another is refused with a message. `windows()` gives the specs
for ShowEditor.set_schedule_windows.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from studio.show.model import Show
from studio.ui.show_overview import CARD, PANEL, RUNDOWN_COLORS, TEXT_DIM

SNAP = 15  # minutes
DAY = 1440
WEEK = 7 * DAY
EDGE = 5  # pixels: a press this close to a block's top or bottom resizes it
MARGINS = (56, 36, 16, 16)  # left, top, right, bottom


@dataclass(frozen=True)
class Win:
    """A window being edited: days (0 = Monday), start and end in minutes (end may pass midnight)."""

    days: tuple[int, ...]
    start: int  # 0 … 1425
    end: int  # start+15 … start+1440
    rundown: str

    def intervals(self) -> list[tuple[int, int]]:
        return [(d * DAY + self.start, d * DAY + self.end) for d in self.days]

    def spec(self) -> tuple[list[int], str, str, str]:
        return (list(self.days), clock(self.start), clock(self.end), self.rundown)


def clock(minute: int) -> str:
    """Minutes → "HH:MM"; a window ending at midnight ends at "24:00"; past midnight wraps."""
    if minute == DAY:
        return "24:00"
    minute %= DAY
    return f"{minute // 60:02d}:{minute % 60:02d}"


def overlaps(a: Win, b: Win) -> bool:
    """True when two windows share a minute of the week (wrapping Sunday night into Monday)."""
    for s1, e1 in a.intervals():
        for s2, e2 in b.intervals():
            for shift in (-WEEK, 0, WEEK):
                if s1 < e2 + shift and s2 + shift < e1:
                    return True
    return False


def from_show(show: Show) -> list[Win]:
    out = []
    for w in show.schedule.windows:
        s = w.start.hour * 60 + w.start.minute
        e = w.end.hour * 60 + w.end.minute
        if e <= s:
            e += DAY
        out.append(Win(tuple(w.days), s, e, w.rundown))
    return out


class ScheduleGrid(QWidget):
    """The week grid; `changed` after every accepted edit, `refused(message)` when one is refused."""

    changed = Signal()
    refused = Signal(str)
    selection_changed = Signal(int)

    def __init__(self, show: Show, windows: list[Win] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scheduleGrid")
        self.show_model = show
        self.windows: list[Win] = list(windows) if windows is not None else from_show(show)
        self.colors = {r.id: QColor(RUNDOWN_COLORS[i % len(RUNDOWN_COLORS)]) for i, r in enumerate(show.rundowns)}
        self.rundown = show.rundowns[0].id if show.rundowns else ""
        self.selected = -1
        self._drag: tuple | None = None  # ("draw", day, minute) | ("move"/"top"/"bottom", index, day, minute, offset)
        self._proposal: Win | None = None
        self.setMinimumSize(QSize(720, 560))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)

    # ---- geometry ----

    def _area(self) -> QRectF:
        left, top, right, bottom = MARGINS
        return QRectF(left, top, self.width() - left - right, self.height() - top - bottom)

    def day_x(self, day: int) -> float:
        a = self._area()
        return a.left() + a.width() * day / 7

    def minute_y(self, minute: float) -> float:
        a = self._area()
        return a.top() + a.height() * minute / DAY

    def point_for(self, day: int, minute: int) -> QPointF:
        """The point at the middle of `day`'s column at `minute` (tests and drawing)."""
        a = self._area()
        return QPointF(self.day_x(day) + a.width() / 14, self.minute_y(minute))

    def day_at(self, x: float) -> int:
        a = self._area()
        return max(0, min(6, int((x - a.left()) / (a.width() / 7))))

    def minute_at(self, y: float) -> int:
        a = self._area()
        raw = (y - a.top()) / a.height() * DAY
        return max(0, min(DAY, round(raw / SNAP) * SNAP))

    def _pieces(self, w: Win) -> list[tuple[int, int, int, int]]:
        """(day column, start, end, offset) blocks: a window past midnight continues on the next day."""
        out = []
        for d in w.days:
            out.append((d, w.start, min(w.end, DAY), 0))
            if w.end > DAY:
                out.append(((d + 1) % 7, 0, w.end - DAY, DAY))
        return out

    def _rect(self, day: int, start: int, end: int) -> QRectF:
        a = self._area()
        col = a.width() / 7
        return QRectF(self.day_x(day) + 3, self.minute_y(start), col - 6, self.minute_y(end) - self.minute_y(start))

    def hit(self, pos: QPointF) -> tuple[int, str, int, int] | None:
        """(window index, "move"/"top"/"bottom", day column, offset) under `pos`."""
        for i in range(len(self.windows) - 1, -1, -1):
            for day, s, e, offset in self._pieces(self.windows[i]):
                r = self._rect(day, s, e)
                if not r.adjusted(0, -EDGE, 0, EDGE).contains(pos):
                    continue
                if abs(pos.y() - r.top()) <= EDGE and offset == 0:
                    return i, "top", day, offset
                if abs(pos.y() - r.bottom()) <= EDGE and (offset or self.windows[i].end <= DAY):
                    return i, "bottom", day, offset
                if r.contains(pos):
                    return i, "move", day, offset
        return None

    # ---- editing ----

    def select(self, index: int) -> None:
        self.selected = index
        self.selection_changed.emit(index)
        self.update()

    def _conflict(self, win: Win, ignore: int = -1) -> Win | None:
        for j, other in enumerate(self.windows):
            if j != ignore and overlaps(win, other):
                return other
        return None

    def _refuse(self, win: Win, other: Win) -> None:
        self.refused.emit(self.tr("Refused: %1–%2 overlaps the window %3–%4 (%5)")
                          .replace("%1", clock(win.start)).replace("%2", clock(win.end))
                          .replace("%3", clock(other.start)).replace("%4", clock(other.end))
                          .replace("%5", self._title(other.rundown)))

    def _title(self, rid: str) -> str:
        try:
            return self.show_model.rundown(rid).title
        except (KeyError, ValueError):
            return rid

    def add(self, win: Win) -> bool:
        """Add a window unless it overlaps one; False (and `refused`) when it does."""
        other = self._conflict(win)
        if other is not None:
            self._refuse(win, other)
            return False
        self.windows.append(win)
        self.select(len(self.windows) - 1)
        self.changed.emit()
        return True

    def put(self, index: int, win: Win) -> bool:
        """Replace window `index` unless the result overlaps another window."""
        other = self._conflict(win, ignore=index)
        if other is not None:
            self._refuse(win, other)
            return False
        if self.windows[index] != win:
            self.windows[index] = win
            self.changed.emit()
        self.update()
        return True

    def delete_selected(self) -> None:
        if 0 <= self.selected < len(self.windows):
            del self.windows[self.selected]
            self.select(-1)
            self.changed.emit()

    def set_rundown(self, rid: str) -> None:
        """The rundown for new windows, and for the selected one."""
        self.rundown = rid
        if 0 <= self.selected < len(self.windows) and self.windows[self.selected].rundown != rid:
            self.put(self.selected, replace(self.windows[self.selected], rundown=rid))

    def _proposed(self, pos: QPointF) -> Win | None:
        if self._drag is None:
            return None
        kind = self._drag[0]
        minute = self.minute_at(pos.y())
        if kind == "draw":
            _, day, first = self._drag
            a, b = sorted((first, minute))
            return Win((day,), a, b, self.rundown) if b - a >= SNAP and a < DAY else None
        _, index, day0, minute0, offset = self._drag
        w = self.windows[index]
        if kind == "move":
            delta = minute - minute0
            ddays = self.day_at(pos.x()) - day0
            start = w.start + delta
            shift, start = divmod(start, DAY)
            days = tuple(sorted((d + ddays + shift) % 7 for d in w.days))
            return replace(w, days=days, start=start, end=start + (w.end - w.start))
        if kind == "top":
            start = min(minute, w.end - SNAP)
            return replace(w, start=start) if start >= 0 and w.end - start <= DAY else None
        end = max(minute + offset, w.start + SNAP)
        return replace(w, end=end) if end - w.start <= DAY else None

    # ---- mouse and keys ----

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt naming)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        pos = event.position()
        if not self._area().contains(pos):
            return
        found = self.hit(pos)
        if found is None:
            self.select(-1)
            self._drag = ("draw", self.day_at(pos.x()), self.minute_at(pos.y()))
        else:
            index, kind, day, offset = found
            self.select(index)
            self._drag = (kind, index, day, self.minute_at(pos.y()), offset)
        self._proposal = None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt naming)
        if self._drag is not None:
            self._proposal = self._proposed(event.position())
            self.update()
        else:
            found = self.hit(event.position())
            shape = Qt.CursorShape.ArrowCursor
            if found is not None:
                shape = Qt.CursorShape.SizeVerCursor if found[1] != "move" else Qt.CursorShape.SizeAllCursor
            self.setCursor(shape)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt naming)
        if self._drag is None or event.button() != Qt.MouseButton.LeftButton:
            return
        proposal = self._proposed(event.position())
        drag, self._drag, self._proposal = self._drag, None, None
        if proposal is not None:
            if drag[0] == "draw":
                if not self.rundown:
                    self.refused.emit(self.tr("The show has no rundown to schedule"))
                else:
                    self.add(proposal)
            else:
                self.put(drag[1], proposal)
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_selected()
        else:
            super().keyPressEvent(event)

    # ---- drawing ----

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt naming)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        a = self._area()
        p.fillRect(self.rect(), QColor(PANEL))
        p.fillRect(a, QColor(CARD))
        small = QFont(self.font())
        small.setPixelSize(11)
        p.setFont(small)
        for hour in range(0, 25, 2):
            y = self.minute_y(hour * 60)
            p.setPen(QPen(QColor("#353B48"), 1))
            p.drawLine(QPointF(a.left(), y), QPointF(a.right(), y))
            p.setPen(QColor(TEXT_DIM))
            p.drawText(QRectF(0, y - 8, a.left() - 8, 16), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       f"{hour:02d}:00")
        days = (self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"), self.tr("Fri"), self.tr("Sat"),
                self.tr("Sun"))
        for d in range(7):
            x = self.day_x(d)
            p.setPen(QPen(QColor("#353B48"), 1))
            p.drawLine(QPointF(x, a.top()), QPointF(x, a.bottom()))
            p.setPen(QColor("#D5DBE6"))
            p.drawText(QRectF(x, 8, a.width() / 7, 22), Qt.AlignmentFlag.AlignCenter, days[d])
        label = QFont(self.font())
        label.setPixelSize(12)
        label.setBold(True)
        p.setFont(label)
        for i, w in enumerate(self.windows):
            dragged = self._proposal is not None and self._drag is not None and self._drag[0] != "draw" \
                and self._drag[1] == i
            self._block(p, w, selected=i == self.selected, faded=dragged)
        if self._proposal is not None:
            self._block(p, self._proposal, selected=True, faded=False, outline=True)
        p.end()

    def _block(self, p: QPainter, w: Win, selected: bool, faded: bool, outline: bool = False) -> None:
        color = QColor(self.colors.get(w.rundown, QColor("#888")))
        color.setAlpha(90 if faded else (150 if outline else 215))
        for day, s, e, _ in self._pieces(w):
            rect = self._rect(day, s, e).adjusted(0, 1, 0, -1)
            p.setBrush(color)
            p.setPen(QPen(QColor("#FFFFFF"), 2) if selected else Qt.PenStyle.NoPen)
            p.drawRoundedRect(rect, 5, 5)
            if rect.height() > 28:
                p.setPen(QColor("#FFFFFF"))
                p.drawText(rect.adjusted(6, 4, -4, -4),
                           Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
                           f"{self._title(w.rundown)}\n{clock(w.start)}–{clock(w.end)}")


class ScheduleDialog(QDialog):
    """The grid with a rundown picker, Delete, and a message line; `windows()` after exec()."""

    def __init__(self, show: Show, parent: QWidget | None = None, windows: list[Win] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scheduleDialog")
        self.setWindowTitle(self.tr("Edit the weekly schedule"))
        self.grid = ScheduleGrid(show, windows)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Rundown")))
        self.rundown_combo = QComboBox()
        self.rundown_combo.setObjectName("rundownCombo")
        for r in show.rundowns:
            self.rundown_combo.addItem(r.title, r.id)
        self.rundown_combo.currentIndexChanged.connect(
            lambda _: self.grid.set_rundown(str(self.rundown_combo.currentData())))
        top.addWidget(self.rundown_combo)
        self.delete_button = QPushButton(self.tr("Delete window"))
        self.delete_button.setEnabled(False)
        self.delete_button.clicked.connect(self.grid.delete_selected)
        top.addWidget(self.delete_button)
        top.addStretch(1)
        hint = QLabel(self.tr("Drag on a day to draw a window (15-minute steps); drag a block to move it, "
                              "its edges to resize it; Delete removes it."))
        hint.setObjectName("meta")
        hint.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("scheduleMessage")
        self.message.setStyleSheet("color: #FF8787;")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        col = QVBoxLayout(self)
        col.addLayout(top)
        col.addWidget(hint)
        col.addWidget(self.grid, 1)
        col.addWidget(self.message)
        col.addWidget(buttons)
        self.grid.refused.connect(self.message.setText)
        self.grid.changed.connect(lambda: self.message.setText(""))
        self.grid.selection_changed.connect(self._selected)
        self.resize(980, 760)

    def _selected(self, index: int) -> None:
        self.delete_button.setEnabled(index >= 0)
        if index >= 0:
            i = self.rundown_combo.findData(self.grid.windows[index].rundown)
            if i >= 0:
                self.rundown_combo.blockSignals(True)
                self.rundown_combo.setCurrentIndex(i)
                self.rundown_combo.blockSignals(False)
                self.grid.rundown = self.grid.windows[index].rundown

    def windows(self) -> list[tuple[list[int], str, str, str]]:
        """The windows as ShowEditor.set_schedule_windows takes them."""
        return [w.spec() for w in self.grid.windows]
