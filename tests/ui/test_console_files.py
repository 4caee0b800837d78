"""The console's file work: unsaved-changes prompt, new show, product photo, long work with progress."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from studio.checks import check_show
from studio.core.assets import demo_show_path
from studio.ui.application import make_app
from studio.ui.console.window import ConsoleWindow

from console_helpers import SATURDAY_EVENING, open_console  # noqa: E402 (tests/ui on sys.path)



def make_window(qtbot, settings, tmp_path, show: Path) -> ConsoleWindow:
    return open_console(qtbot, settings, tmp_path, show, product="tea")


def edit_price(window: ConsoleWindow) -> None:
    window.draft.set_field("tea", "price", window.draft.product("tea").price - 10)
    assert window.draft.dirty


# ---- unsaved-changes prompt ----

def test_closing_with_edits_cancel_keeps_the_window(qtbot, settings, tmp_path, show_copy) -> None:
    window = make_window(qtbot, settings, tmp_path, show_copy)
    edit_price(window)
    asked: list[str] = []
    window.choose_unsaved = lambda question: asked.append(question) or "cancel"
    assert not window.close()
    assert window.isVisible() and window.draft.dirty and len(asked) == 1
    window.choose_unsaved = lambda question: "discard"
    assert window.close()
    assert check_show(show_copy).show.product("tea").price == 168  # nothing written


def test_closing_with_edits_save_writes_them(qtbot, settings, tmp_path, show_copy) -> None:
    window = make_window(qtbot, settings, tmp_path, show_copy)
    edit_price(window)
    window.choose_unsaved = lambda question: "save"
    assert window.close()
    assert check_show(show_copy).show.product("tea").price == 158


def test_closing_without_edits_asks_nothing(qtbot, settings, tmp_path, show_copy) -> None:
    window = make_window(qtbot, settings, tmp_path, show_copy)
    window.choose_unsaved = lambda question: pytest.fail("asked without edits")
    assert window.close()


def test_opening_another_show_asks_first(qtbot, settings, tmp_path, show_copy, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    other = tmp_path / "other"
    shutil.copytree(demo_show_path(), other)
    window = make_window(qtbot, settings, tmp_path, show_copy)
    edit_price(window)
    dialogs: list[str] = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *a, **k: dialogs.append("open") or str(other)))
    window.choose_unsaved = lambda question: "cancel"
    window.open_action.trigger()
    assert dialogs == [] and window.draft.root == show_copy and window.draft.dirty
    window.choose_unsaved = lambda question: "discard"
    window.open_action.trigger()
    assert dialogs == ["open"] and window.draft.root == other and not window.draft.dirty
    edit_price(window)
    window.choose_unsaved = lambda question: "save"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(show_copy)))
    window.open_action.trigger()
    assert window.draft.root == show_copy
    assert check_show(other).show.product("tea").price == 158


# ---- new show ----

@pytest.mark.parametrize("language, title", [("zh-CN", "我的直播间"), ("en-US", "My live show")])
def test_new_show_creates_a_starter_and_opens_it(qtbot, settings, tmp_path, show_copy, language, title) -> None:
    window = make_window(qtbot, settings, tmp_path, show_copy)
    folder = tmp_path / "new" / "show"
    window.ask_new_show = lambda: (folder, language)
    window.new_action.trigger()
    assert (folder / "show.toml").is_file()
    assert window.result.show is not None and window.result.root == folder
    assert window.draft.show.title == title and window.draft.show.language == language
    assert window.windowTitle().endswith(title)


def test_new_show_refuses_a_folder_with_files(qtbot, settings, tmp_path, show_copy, monkeypatch) -> None:
    window = make_window(qtbot, settings, tmp_path, show_copy)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: warnings.append(a[2])))
    window.ask_new_show = lambda: (show_copy, "zh-CN")
    window.new_action.trigger()
    assert warnings and "not empty" in warnings[0]
    assert window.draft.root == show_copy


def test_new_show_with_edits_cancel_does_nothing(qtbot, settings, tmp_path, show_copy) -> None:
    window = make_window(qtbot, settings, tmp_path, show_copy)
    edit_price(window)
    window.choose_unsaved = lambda question: "cancel"
    window.ask_new_show = lambda: pytest.fail("asked for a folder after Cancel")
    window.new_action.trigger()
    assert window.draft.dirty


# ---- product photo ----

def solid_image(path: Path, colour: str, size: int = 64) -> Path:
    from PySide6.QtGui import QColor, QImage

    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    path.parent.mkdir(parents=True, exist_ok=True)
    assert image.save(str(path))
    return path


def frame_array(window: ConsoleWindow):
    import numpy as np
    from PySide6.QtGui import QImage

    image = window.preview.image.convertToFormat(QImage.Format.Format_RGB32)
    view = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    return view[:, : image.width(), :3].copy()


def test_choose_photo_copies_into_media_and_updates_the_preview(qtbot, settings, tmp_path, show_copy) -> None:
    import numpy as np

    window = make_window(qtbot, settings, tmp_path, show_copy)
    editor = window.product_editor
    assert editor.choose_photo.isVisible()
    window.preview.render_now()
    old_frame = frame_array(window)
    old_photo = editor.photo.pixmap().toImage()
    picked = solid_image(tmp_path / "picks" / "tea.png", "#FF0000")  # media/tea.png is taken
    editor.ask_photo_file = lambda: str(picked)
    editor.choose_photo.click()
    assert (show_copy / "media" / "tea-2.png").read_bytes() == picked.read_bytes()
    assert window.draft.product("tea").image == show_copy / "media" / "tea-2.png"
    assert window.draft.dirty and editor.photo_path.text() == "tea-2.png"
    assert editor.photo.pixmap().toImage() != old_photo
    before = window.preview.renders
    qtbot.waitUntil(lambda: window.preview.renders > before, timeout=3000)
    assert window.preview.show_model.product("tea").image.name == "tea-2.png"
    assert not np.array_equal(frame_array(window), old_frame)
    # the same name again: -3
    editor.choose_photo.click()
    assert (show_copy / "media" / "tea-3.png").is_file()
    assert window.draft.product("tea").image == show_copy / "media" / "tea-3.png"
    window.save_action.trigger()
    assert not window.draft.dirty
    assert 'image = "media/tea-3.png"' in (show_copy / "products" / "tea.toml").read_text(encoding="utf-8")
    assert check_show(show_copy).show.product("tea").image.name == "tea-3.png"


def test_choose_photo_refuses_what_is_not_an_image(qtbot, settings, tmp_path, show_copy) -> None:
    window = make_window(qtbot, settings, tmp_path, show_copy)
    editor = window.product_editor
    media_before = sorted(p.name for p in (show_copy / "media").iterdir())
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    fake = tmp_path / "fake.png"
    fake.write_text("not a png", encoding="utf-8")
    for bad in (text, fake):
        editor.ask_photo_file = lambda bad=bad: str(bad)
        editor.choose_photo.click()
        assert bad.name in editor.message.text()
    assert sorted(p.name for p in (show_copy / "media").iterdir()) == media_before
    assert not window.draft.dirty
    editor.ask_photo_file = lambda: ""  # cancelled: nothing happens
    editor.choose_photo.click()
    assert not window.draft.dirty


def test_choose_photo_keeps_jpeg_and_webp_names(qtbot, settings, tmp_path, show_copy) -> None:
    window = make_window(qtbot, settings, tmp_path, show_copy)
    editor = window.product_editor
    for name in ("new photo.jpg", "pic.webp", "pic.bmp"):
        if QImageReaderSupports(Path(name).suffix):
            picked = solid_image(tmp_path / "picks" / name, "#00FF00")
            assert editor.set_photo(picked)
            assert (show_copy / "media" / name).is_file()
            assert window.draft.product("tea").image == show_copy / "media" / name


def QImageReaderSupports(suffix: str) -> bool:  # noqa: N802
    from PySide6.QtGui import QImageReader

    return suffix.lstrip(".").encode() in [bytes(f) for f in QImageReader.supportedImageFormats()]


# ---- long work: prepare speech, render a preview video ----

@pytest.fixture
def starter(tmp_path, monkeypatch) -> Path:
    """A small English starter show (two pitch lines), with its own speech cache."""
    from studio.show.starter import create_starter

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    folder = tmp_path / "starter"
    create_starter(folder, language="en-US")
    toml = (folder / "show.toml").read_text(encoding="utf-8").replace('canvas = "portrait"',
                                                                     'canvas = "portrait-720"')
    (folder / "show.toml").write_text(toml, encoding="utf-8")
    return folder


def starter_window(qtbot, settings, tmp_path, folder: Path) -> ConsoleWindow:
    make_app()
    window = ConsoleWindow(check_show(folder), settings, now=lambda: SATURDAY_EVENING, asrun_dir=tmp_path / "asrun")
    window.confirm = lambda title, question: True
    window.choose_unsaved = lambda question: "discard"  # tests never leave a dialog open
    window.job_failed = lambda error: pytest.fail(error)
    window.speech_cache_dir = tmp_path / "speech"
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_prepare_speech_fills_the_cache_with_progress(qtbot, settings, tmp_path, starter) -> None:
    from studio.speech.showlines import show_lines

    window = starter_window(qtbot, settings, tmp_path, starter)
    labels: list[str] = []
    window.prepare_speech_action.trigger()
    assert window.job is not None and window.progress_dialog is not None
    assert not window.prepare_speech_action.isEnabled() and not window.open_action.isEnabled()
    window.progress_dialog.setLabelText = lambda text, f=window.progress_dialog.setLabelText: (labels.append(text),
                                                                                              f(text))
    ticks = []
    timer_hits = lambda: ticks.append(1)  # noqa: E731 - the UI thread keeps running while it works
    from PySide6.QtCore import QTimer

    timer = QTimer(window)
    timer.timeout.connect(timer_hits)
    timer.start(10)
    qtbot.waitUntil(lambda: window.job is None, timeout=120_000)
    timer.stop()
    result = window.last_job_result
    lines = show_lines(window.draft.show, 12, SATURDAY_EVENING)  # the window's clock: {time} lines match
    assert result["lines"] == len(lines) and result["done"] == len(lines) and not result["failed"]
    assert not result["cancelled"]
    assert any(p.is_file() for p in (tmp_path / "speech").rglob("*"))
    assert len(ticks) > 3  # never blocked
    assert labels and window.prepare_speech_action.isEnabled()
    assert "Speech ready" in window.statusBar().currentMessage() or "语音" in window.statusBar().currentMessage()
    # again: everything comes from the cache
    window.prepare_speech_action.trigger()
    qtbot.waitUntil(lambda: window.job is None, timeout=60_000)
    assert window.last_job_result["cached"] == len(lines)


def test_prepare_speech_cancel_stops_between_lines(qtbot, settings, tmp_path, starter) -> None:
    window = starter_window(qtbot, settings, tmp_path, starter)
    window.prepare_speech_action.trigger()
    job = window.job
    # the operator presses Cancel (on the UI thread) as soon as the first line is reported
    def press_cancel() -> None:
        if window.progress_dialog is not None:
            window.progress_dialog.findChild(QPushButton).click()

    job.progressed.connect(lambda done, total, text: press_cancel(), Qt.ConnectionType.QueuedConnection)
    qtbot.waitUntil(lambda: window.job is None, timeout=60_000)
    result = window.last_job_result
    assert job.cancelled
    assert result["cancelled"] and result["done"] < result["lines"]
    assert window.progress_dialog is None and window.prepare_speech_action.isEnabled()


def test_render_preview_video_with_progress(qtbot, settings, tmp_path, starter) -> None:
    import av

    window = starter_window(qtbot, settings, tmp_path, starter)
    out = tmp_path / "videos" / "sample.mp4"
    window.ask_render_path = lambda: str(out)
    labels: list[str] = []
    window.render_action.trigger()
    assert window.job is not None
    window.job.progressed.connect(lambda d, t, text: labels.append(text))
    qtbot.waitUntil(lambda: window.job is None, timeout=180_000)
    assert out.is_file()
    with av.open(str(out)) as container:
        assert container.streams.video[0].codec_context.width == 720
    assert window.last_job_result.frames > 30
    assert labels and "s ·" in labels[-1]


def test_render_preview_video_cancel_deletes_the_file(qtbot, settings, tmp_path, starter) -> None:
    window = starter_window(qtbot, settings, tmp_path, starter)
    out = tmp_path / "videos" / "sample.mp4"
    window.ask_render_path = lambda: str(out)
    window.render_action.trigger()
    seen = []
    window.job.progressed.connect(lambda d, t, text: seen.append(out.exists()) or window.cancel_job())
    qtbot.waitUntil(lambda: window.job is None, timeout=120_000)
    assert seen and window.last_job_result is None
    assert not out.exists()


def test_closing_while_working_stops_the_work(qtbot, settings, tmp_path, starter) -> None:
    window = starter_window(qtbot, settings, tmp_path, starter)
    out = tmp_path / "videos" / "sample.mp4"
    window.ask_render_path = lambda: str(out)
    window.render_action.trigger()
    job = window.job
    qtbot.waitUntil(lambda: out.exists(), timeout=60_000)
    assert window.close()
    assert not job.running and not out.exists()
