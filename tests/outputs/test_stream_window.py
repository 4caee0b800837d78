"""The stream window on a real display (Xvfb): frameless, stable title, no cursor, 1:1 or fitted,
the picture captured from the X server as OBS would see it, and pacing against an injected clock."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from studio.core.assets import demo_show_path
from studio.core.clock import ManualClock

pytestmark = pytest.mark.gui

DEMO = demo_show_path()


def quadrants(w: int, h: int) -> Any:
    """A test card: red, green, blue and white quarters, so scaling and cropping are visible."""
    from PySide6.QtGui import QColor, QPainter

    from studio.stage.qt_paint import new_frame

    image = new_frame(w, h)
    image.fill(QColor(255, 0, 0))
    p = QPainter(image)
    p.fillRect(w // 2, 0, w - w // 2, h // 2, QColor(0, 255, 0))
    p.fillRect(0, h // 2, w // 2, h - h // 2, QColor(0, 0, 255))
    p.fillRect(w // 2, h // 2, w - w // 2, h - h // 2, QColor(255, 255, 255))
    p.end()
    return image


def rgb(image: Any, x: int, y: int) -> tuple[int, int, int]:
    c = image.pixelColor(x, y)
    return (c.red(), c.green(), c.blue())


def manual() -> ManualClock:
    return ManualClock(datetime(2025, 11, 26, 20, 0), monotonic=50.0)


def needs_x11() -> None:
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.platformName() != "xcb":
        pytest.skip("needs a real X display: run under xvfb-run (scripts/test does)")


def test_window_is_frameless_titled_and_hides_the_cursor(qtbot: Any) -> None:
    from PySide6.QtCore import Qt

    from studio.outputs.stream_window import STREAM_TITLE, StreamOptions, StreamWindow

    frame = quadrants(360, 640)
    window = StreamWindow(lambda t: frame, manual(), 30, (360, 640))
    qtbot.addWidget(window)
    assert window.windowTitle() == STREAM_TITLE == "studio — stream"
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert not window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert window.cursor().shape() == Qt.CursorShape.BlankCursor
    assert window.children() == [window._timer], "nothing but the picture: no child widgets"
    on_top = StreamWindow(lambda t: frame, manual(), 30, (360, 640), StreamOptions(always_on_top=True))
    qtbot.addWidget(on_top)
    assert on_top.windowFlags() & Qt.WindowType.WindowStaysOnTopHint


def test_pacing_in_the_window_uses_the_injected_clock(qtbot: Any) -> None:
    from studio.outputs.stream_window import StreamWindow

    clock = manual()
    times: list[float] = []
    frame = quadrants(36, 64)

    def source(t: float) -> Any:
        times.append(t)
        return frame

    window = StreamWindow(source, clock, 30, (36, 64), start_t=10.0)
    qtbot.addWidget(window)
    window.start()
    assert times == [10.0]
    window._tick()
    assert times == [10.0], "the clock has not moved: no new frame"
    clock.advance(3.5 / 30)
    window._tick()
    assert times[-1] == pytest.approx(10.0 + 3 / 30)
    assert (window.presented, window.skipped) == (2, 2)
    for _ in range(90):
        clock.advance(1 / 30)
        window._tick()
    assert window.presented == 92 and window.skipped == 2
    assert times[-1] == pytest.approx(10.0 + 93 / 30)
    window.stop()


def test_real_window_native_size_captured(qtbot: Any, tmp_path: Path) -> None:
    needs_x11()
    from studio.core.clock import SystemClock
    from studio.outputs.stream_window import StreamWindow, grab_window

    frame = quadrants(360, 640)
    window = StreamWindow(lambda t: frame, SystemClock(), 30, (360, 640))
    qtbot.addWidget(window)
    window.present()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.presented >= 5, timeout=3000)
    assert window.plan.native and (window.width(), window.height()) == (360, 640)
    shot = grab_window(window)
    assert shot is not None
    path = tmp_path / "stream-native.png"
    assert shot.save(str(path))
    assert (shot.width(), shot.height()) == (360, 640)
    assert rgb(shot, 90, 160) == (255, 0, 0)
    assert rgb(shot, 270, 160) == (0, 255, 0)
    assert rgb(shot, 90, 480) == (0, 0, 255)
    assert rgb(shot, 270, 480) == (255, 255, 255)
    assert rgb(shot, 179, 319) == (255, 0, 0) and rgb(shot, 180, 320) == (255, 255, 255), "1:1, no resampling"


def test_real_window_shows_the_stage_scaled_to_fit(qtbot: Any, tmp_path: Path) -> None:
    needs_x11()
    from PySide6.QtGui import QGuiApplication

    from studio.core.clock import SystemClock
    from studio.outputs.stream_window import StreamWindow, grab_window
    from studio.show.loader import load_show
    from studio.stage.cutout import PhotoCache
    from studio.program.offline import silent_program
    from studio.stage.qt_paint import StageRenderer, frame_array

    show = load_show(DEMO).show
    assert show is not None
    renderer = StageRenderer(photos=PhotoCache(tmp_path / "cache"))
    renderer.prepare(show)
    program = silent_program(show, datetime(2025, 11, 26, 20, 48), template="portrait")
    rendered: list[Any] = []
    first: list[float] = []

    def source(t: float) -> Any:
        first[:] = first or [t]  # the window's clock is the system's: the program starts at its first frame
        at = t - first[0] + 2.5
        image = renderer.render(program.at(at)[0], at)
        rendered[:] = [image]
        return image

    screen = QGuiApplication.primaryScreen().availableGeometry()
    window = StreamWindow(source, SystemClock(), 30, (1080, 1920))
    qtbot.addWidget(window)
    window.present()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.presented >= 10, timeout=5000)
    w, h = window.width(), window.height()
    if screen.height() < 1920:
        assert not window.plan.native and h <= screen.height()
    assert abs(w / h - 1080 / 1920) < 0.01, "aspect kept"
    window.stop()
    qtbot.wait(100)  # the last frame reaches the screen
    shot = grab_window(window)
    assert shot is not None
    path = tmp_path / "stream-stage.png"
    assert shot.save(str(path)) and path.stat().st_size > 10_000
    # The capture shows the rendered frame, scaled: compare it with the frame itself.
    from PySide6.QtCore import Qt

    expected = rendered[0].scaled(shot.width(), shot.height(), Qt.AspectRatioMode.IgnoreAspectRatio,
                                  Qt.TransformationMode.SmoothTransformation)
    a = np.array(frame_array(expected.convertToFormat(rendered[0].format())))[:, :, :3].astype(int)
    b = np.array(frame_array(shot.convertToFormat(rendered[0].format())))[:, :, :3].astype(int)
    assert np.abs(a - b).mean() < 6, "the window shows the stage picture"
    # The yellow AI label is on screen, top right.
    k = shot.width() / 1080
    label = b[int(250 * k):int(300 * k), int(700 * k):int(980 * k)]
    yellow = (label[..., 2] > 200) & (label[..., 1] > 170) & (label[..., 0] < 120)  # B, G, R order
    assert yellow.mean() > 0.3


def test_transparent_window_keeps_alpha_and_letterboxes(qtbot: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor

    from studio.outputs.stream_window import StreamOptions, StreamWindow
    from studio.stage.qt_paint import new_frame

    frame = new_frame(90, 160)
    frame.fill(QColor(0, 0, 0, 0))
    window = StreamWindow(lambda t: frame, manual(), 30, (90, 160), StreamOptions(transparent=True, fit=True))
    qtbot.addWidget(window)
    assert window.testAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
    assert not window.plan.native, "fit scales to the screen even when 1:1 would fit"
    window.present()
    qtbot.waitExposed(window)
    grabbed = window.grab().toImage()
    assert not grabbed.isNull()
    window.close()
