"""The stream window: the programme picture alone, for OBS Window Capture (or a second monitor).

Frameless, nothing drawn over the picture, the cursor hidden over it, and always the same title
("studio — stream") so OBS finds the window again after studio restarts. It is exactly the canvas
size (physical pixels) when that fits the chosen screen, otherwise scaled to fit keeping the aspect
ratio; optionally always on top or fullscreen. Frames come from a `FrameSource` and are paced by a
precise timer against an injected clock (`FramePacer`): late frames are skipped and counted.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QGuiApplication,
    QImage,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QScreen,
)
from PySide6.QtWidgets import QWidget

from studio.core.clock import Clock
from studio.outputs.pacing import FramePacer, Tick
from studio.outputs.placement import WindowPlan, fit_rect, plan_window

log = logging.getLogger(__name__)

STREAM_TITLE = "studio — stream"
FrameSource = Callable[[float], QImage]  # show time (s) → the frame to show


@dataclass(frozen=True)
class StreamOptions:
    """How the stream window sits on the desktop."""

    screen: int | None = None  # index into QGuiApplication.screens(); None: the primary screen
    fullscreen: bool = False
    always_on_top: bool = False
    fit: bool = False  # True: fill the screen's free area (keeping aspect) even when 1:1 would fit
    transparent: bool = False  # keep the alpha channel (for capture with alpha)


class StreamWindow(QWidget):
    """A frameless window showing the latest frame; `start()` begins pacing frames from the source."""

    closed = Signal()  # the operator closed the window (Ctrl+Q): whoever runs the show ends it

    def __init__(self, source: FrameSource, clock: Clock, fps: float, canvas: tuple[int, int],
                 options: StreamOptions | None = None, start_t: float = 0.0) -> None:
        super().__init__(None)
        self.options = options or StreamOptions()
        self.source = source
        self.clock = clock
        self.fps = fps
        self.start_t = start_t
        self.canvas = canvas
        self.pacer: FramePacer | None = None
        self.frame: QImage | None = None
        self.on_tick: Callable[[Tick], None] | None = None  # observers (stats, tests)
        self.render_errors = 0
        flags = Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint
        if self.options.always_on_top:
            flags |= Qt.WindowType.WindowStaysOnTopHint
        self.setWindowFlags(flags)
        self.setWindowTitle(STREAM_TITLE)
        self.setCursor(Qt.CursorShape.BlankCursor)
        if self.options.transparent:
            self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        else:
            # Every pixel is painted each frame: Qt need not clear the window first.
            self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
            self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        self.plan = self._place()

    # ---- placement ----

    def _screen(self) -> QScreen | None:
        screens = QGuiApplication.screens()
        i = self.options.screen
        if i is not None and 0 <= i < len(screens):
            return screens[i]
        return QGuiApplication.primaryScreen()

    def _place(self) -> WindowPlan:
        screen = self._screen()
        if screen is None:  # no screen at all (an odd platform): 1:1 at the origin
            plan = WindowPlan((0, 0, *self.canvas), True)
        else:
            g = screen.availableGeometry() if not self.options.fullscreen else screen.geometry()
            plan = plan_window(self.canvas, (g.x(), g.y(), g.width(), g.height()), screen.devicePixelRatio(),
                               fit=self.options.fit or self.options.fullscreen)
            self.setScreen(screen)
        x, y, w, h = plan.geometry
        self.setGeometry(QRect(x, y, w, h))
        return plan

    def present(self) -> None:
        """Show the window as configured (fullscreen or placed) and start the frame loop."""
        if self.options.fullscreen:
            self.showFullScreen()
        else:
            self.show()
        self.start()

    # ---- the frame loop ----

    def start(self) -> None:
        self.pacer = FramePacer(self.clock, self.fps, self.start_t)
        self._tick()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def presented(self) -> int:
        return self.pacer.presented if self.pacer else 0

    @property
    def skipped(self) -> int:
        return self.pacer.skipped if self.pacer else 0

    def _tick(self) -> None:
        pacer = self.pacer
        if pacer is None:
            return
        tick = pacer.due()
        if tick is not None:
            try:
                self.frame = self.source(tick.t)
            except Exception:  # a broken frame must not stop the stream: keep the last good one
                self.render_errors += 1
                if self.render_errors <= 3:
                    log.exception("stream: rendering the frame at t=%.3f failed", tick.t)
            self.update()
            if self.on_tick is not None:
                self.on_tick(tick)
        # Re-arm for the next frame's due time from the clock, not by a fixed interval.
        self._timer.start(max(0, int(pacer.seconds_to_next() * 1000 + 0.999)))

    # ---- painting ----

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt naming)
        p = QPainter(self)
        dpr = self.devicePixelRatioF()
        size = (round(self.width() * dpr), round(self.height() * dpr))
        frame = self.frame
        if self.options.transparent:
            p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
            p.fillRect(self.rect(), Qt.GlobalColor.transparent)
        if frame is None or frame.isNull():
            if not self.options.transparent:
                p.fillRect(self.rect(), QColor(0, 0, 0))
            p.end()
            return
        x, y, w, h = fit_rect((frame.width(), frame.height()), size)
        if not self.options.transparent and (w, h) != size:
            p.fillRect(self.rect(), QColor(0, 0, 0))  # letterbox bars
        target = QRect(round(x / dpr), round(y / dpr), round(w / dpr), round(h / dpr))
        if (w, h) != (frame.width(), frame.height()):
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        p.drawImage(target, frame)
        p.end()

    # ---- keys ----

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        # Only a deliberate chord closes the programme window: a stray Esc must not end the stream.
        if event.matches(QKeySequence.StandardKey.Quit) or (
                event.key() == Qt.Key.Key_Q and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt naming)
        self.stop()
        super().closeEvent(event)
        self.closed.emit()


def grab_window(window: QWidget) -> QImage | None:
    """The window as the screen shows it (what OBS captures): from the X server where there is one,
    else Qt's own rendering of the widget."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if QGuiApplication.platformName() == "xcb" and screen is not None:
        pixmap = screen.grabWindow(window.winId())
        if not pixmap.isNull():
            return pixmap.toImage()
    pixmap = window.grab()
    return None if pixmap.isNull() else pixmap.toImage()
