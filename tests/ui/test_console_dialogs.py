"""The console's dialogs: settings (voice, avatar, outputs + the private stream key), the schedule grid, CSV import."""

from __future__ import annotations

import shutil
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from studio.checks import check_show
from studio.core.assets import avatar_packs_dir, demo_show_path
from studio.speech.engine import VoiceInfo
from studio.ui.console import settings_dialog as sd
from studio.ui.console.csv_dialog import CsvImportDialog
from studio.ui.console.schedule_editor import ScheduleDialog, Win
from studio.ui.console.settings_dialog import SettingsDialog
from studio.ui.console.window import ConsoleWindow

from console_helpers import open_console  # noqa: E402 (tests/ui on sys.path)

KEY = "live_1234567890_secretKEY"


@pytest.fixture
def show_copy(tmp_path) -> Path:
    target = tmp_path / "show"
    shutil.copytree(demo_show_path(), target)
    return target


@pytest.fixture(autouse=True)
def private_state(tmp_path, monkeypatch) -> Path:
    state = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    monkeypatch.setenv("LOCALAPPDATA", str(state))
    return state / "studio"


@dataclass
class FakeUtterance:
    pcm: np.ndarray
    sample_rate: int = 22050
    failure: object = None


@dataclass
class FakeSpeaker:
    said: list = field(default_factory=list)

    def voices(self) -> list[VoiceInfo]:
        return [VoiceInfo("sit/cmn-latn-pinyin", "Chinese Mandarin (pinyin)", ("cmn-latn-pinyin",)),
                VoiceInfo("gmw/en-us", "English (America)", ("en-us",))]

    def synthesize(self, text, language, voice):
        self.said.append((text, language, voice))
        return FakeUtterance(np.zeros(2205, dtype=np.int16))


def make_window(qtbot, settings, tmp_path, show: Path, factory=None) -> ConsoleWindow:
    return open_console(qtbot, settings, tmp_path, show, factory, size=(1400, 900))


def make_settings_dialog(qtbot, window: ConsoleWindow, speaker: FakeSpeaker) -> SettingsDialog:
    dialog = SettingsDialog(window._settings_show(), window.settings, window, speaker_factory=lambda: speaker)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.voice_combo.count() > 1, timeout=5000)
    return dialog


# ---- settings ----

def test_stream_key_is_private_and_never_in_settings_or_show(qtbot, settings, tmp_path, show_copy,
                                                             private_state) -> None:
    window = make_window(qtbot, settings, tmp_path, show_copy)
    dialog = make_settings_dialog(qtbot, window, FakeSpeaker())
    dialog.record_dir.setText(str(tmp_path / "rec"))
    dialog.segment_minutes.setValue(20)
    dialog.rtmp_url.setText("rtmp://push.example.com/live")
    dialog.rtmp_key.setText(KEY)
    assert dialog.rtmp_key.echoMode() == dialog.rtmp_key.EchoMode.Password  # shown masked
    dialog.accept()
    settings.sync()
    secret = private_state / "secrets.json"
    assert secret.is_file()
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert sd.load_stream_key() == KEY
    assert KEY not in (tmp_path / "console.ini").read_text(encoding="utf-8")
    assert all(KEY not in str(settings.value(k)) for k in settings.allKeys())
    assert settings.value(sd.RTMP_URL) == "rtmp://push.example.com/live"
    assert float(settings.value(sd.SEGMENT_MINUTES)) == 20
    window.save()
    for f in show_copy.rglob("*.toml"):
        assert KEY not in f.read_text(encoding="utf-8")
    # Reopened: the key is not put back in the field, only hinted masked.
    again = make_settings_dialog(qtbot, window, FakeSpeaker())
    assert again.rtmp_key.text() == ""
    assert KEY not in again.rtmp_key.placeholderText() and KEY[-4:] in again.rtmp_key.placeholderText()
    again.reject()


def test_going_live_passes_the_outputs(qtbot, settings, tmp_path, show_copy) -> None:
    made: list = []

    class Session:
        playout = clock = window = bus = None

        def __init__(self, show):
            self.show = show

        def start(self):
            pass

        def stop(self):
            pass

    def factory(show, outputs=None):
        made.append(outputs)
        return Session(show)

    factory.takes_outputs = True
    settings.setValue(sd.RTMP_URL, "rtmp://push.example.com/live")
    sd.save_stream_key(KEY)
    window = make_window(qtbot, settings, tmp_path, show_copy, factory)
    window.status_timer.setInterval(10_000)
    window.refresh_status = lambda: None
    window.go_live()
    assert made and len(made[0]) == 1
    push = made[0][0]
    assert type(push).__name__ == "RtmpPush" and push.key == KEY and push.url == "rtmp://push.example.com/live"
    window.session = None
    window.status_timer.stop()


def test_voice_and_avatar_choices_reach_show_toml(qtbot, settings, tmp_path, show_copy) -> None:
    window = make_window(qtbot, settings, tmp_path, show_copy)
    speaker = FakeSpeaker()
    dialog = make_settings_dialog(qtbot, window, speaker)
    # Only the voices for the show's language (zh-CN) are offered, after "auto".
    ids = [dialog.voice_combo.itemData(i) for i in range(dialog.voice_combo.count())]
    assert ids == ["auto", "sit/cmn-latn-pinyin"]
    dialog.voice_combo.setCurrentIndex(1)
    dialog.rate_slider.setValue(150)
    dialog.volume_slider.setValue(80)
    # Test voice runs on a worker thread; without a sound device it says so.
    dialog.test_voice()
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=5000)
    assert speaker.said and speaker.said[0][2].id == "sit/cmn-latn-pinyin" and speaker.said[0][2].rate == 150
    assert dialog.voice_status.text()
    # Avatar: a bundled pack is previewed; a broken pack folder lists its problems.
    assert not dialog.avatar_preview.pixmap().isNull()
    broken = show_copy / "packs" / "broken"
    broken.mkdir(parents=True)
    (broken / "avatar.toml").write_text("name = 3\n", encoding="utf-8")
    dialog.set_avatar(broken)
    assert dialog.avatar_problems.count() > 0 and not dialog.avatar_ok
    dialog.set_avatar("default")
    assert dialog.avatar_ok
    changes = dialog.show_changes()
    assert changes == {"voice.id": "sit/cmn-latn-pinyin", "voice.rate": 150, "voice.volume": 0.8}
    dialog.accept()
    window.apply_show_settings(changes)
    window.apply_show_settings({"avatar": "./packs/mine"})  # as the dialog gives a folder inside the show
    assert window.save_action.isEnabled()
    # a pack folder that does not exist does not load: the choice is refused, show.toml keeps its avatar
    assert window.draft.show.avatar == "default" and "packs/mine" in window.statusBar().currentMessage()
    shutil.copytree(avatar_packs_dir() / "default", show_copy / "packs" / "mine")
    window.apply_show_settings({"avatar": "./packs/mine"})
    window.save()
    assert not window._dirty()
    doc = tomllib.loads((show_copy / "show.toml").read_text(encoding="utf-8"))
    assert doc["voice"]["id"] == "sit/cmn-latn-pinyin"
    assert doc["voice"]["rate"] == 150
    assert doc["voice"]["volume"] == pytest.approx(0.8)
    assert doc["avatar"] == "./packs/mine"
    assert check_show(show_copy).show.voice.rate == 150


# ---- schedule ----

def drag(widget, a, b) -> None:
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a.toPoint())
    QTest.mouseMove(widget, ((a + b) / 2).toPoint())
    QTest.mouseMove(widget, b.toPoint())
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b.toPoint())


def test_drawing_a_window_and_refusing_an_overlap(qtbot, settings, tmp_path, show_copy) -> None:
    window = make_window(qtbot, settings, tmp_path, show_copy)
    dialog = ScheduleDialog(window.draft.show, window)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 1000)
    dialog.show()
    qtbot.waitExposed(dialog)
    grid = dialog.grid
    before = len(grid.windows)
    dialog.rundown_combo.setCurrentIndex(dialog.rundown_combo.findData("daytime"))
    # Tuesday 09:00 → 11:30, drawn with the mouse (points a few pixels off snap to 15 minutes)
    start = grid.point_for(1, 9 * 60)
    end = grid.point_for(1, 11 * 60 + 30)
    start.setY(start.y() + 1)
    end.setY(end.y() - 1)
    drag(grid, start, end)
    assert len(grid.windows) == before + 1
    assert grid.windows[-1] == Win((1,), 9 * 60, 11 * 60 + 30, "daytime")
    assert dialog.message.text() == ""
    # Tuesday 08:00 → 10:00 overlaps it: refused with a message
    drag(grid, grid.point_for(1, 8 * 60), grid.point_for(1, 10 * 60))
    assert len(grid.windows) == before + 1
    assert "11:30" in dialog.message.text()
    # The demo's weekday 19:00 window: drawing into it is refused too
    drag(grid, grid.point_for(2, 18 * 60), grid.point_for(2, 20 * 60))
    assert len(grid.windows) == before + 1 and dialog.message.text()
    # Move the new window an hour later by dragging its body, then delete it and draw it again
    drag(grid, grid.point_for(1, 10 * 60), grid.point_for(1, 11 * 60))
    assert grid.windows[-1] == Win((1,), 10 * 60, 12 * 60 + 30, "daytime")
    grid.select(len(grid.windows) - 1)
    QTest.keyClick(grid, Qt.Key.Key_Delete)
    assert len(grid.windows) == before
    drag(grid, grid.point_for(1, 9 * 60), grid.point_for(1, 11 * 60 + 30))
    dialog.accept()
    window.set_schedule(grid.windows)
    assert window.save_action.isEnabled()
    window.save()
    doc = tomllib.loads((show_copy / "show.toml").read_text(encoding="utf-8"))
    last = doc["schedule"]["windows"][-1]
    assert (last["days"], last["from"], last["to"], last["rundown"]) == (["tue"], "09:00", "11:30", "daytime")
    assert len(doc["schedule"]["windows"]) == before + 1


# ---- CSV import ----

def test_csv_import_shows_bad_rows_and_imports_the_good_product(qtbot, settings, tmp_path, show_copy) -> None:
    window = make_window(qtbot, settings, tmp_path, show_copy)
    csv = tmp_path / "products.csv"
    csv.write_text("名称,价格,卖点\nSilk Scarf,89,真丝；百搭\nNo Price,abc,\n", encoding="utf-8")
    dialog = CsvImportDialog(show_copy, window, path=csv)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)  # the plan is made off the UI thread
    assert dialog.products_list.count() == 1
    assert "Silk Scarf" in dialog.products_list.item(0).text()
    problems = [dialog.problems_list.item(i).text() for i in range(dialog.problems_list.count())]
    assert len(problems) == 1 and "3" in problems[0] and "abc" in problems[0]
    dialog.rundown_combo.setCurrentIndex(dialog.rundown_combo.findData("evening"))
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.imported == ["silk-scarf"]
    window.after_import(dialog.imported)
    assert window.draft.product("silk-scarf").name == "Silk Scarf"
    assert "silk-scarf" in [i.product for i in window.draft.show.rundown("evening").items]
    assert (show_copy / "products" / "silk-scarf.toml").is_file()
