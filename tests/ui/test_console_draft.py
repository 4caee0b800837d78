"""ShowDraft: edits go into the ShowEditor's documents; the Show is read back from them; refusals say why."""

from __future__ import annotations

import shutil
import statistics
import time
from pathlib import Path

import pytest

from studio.checks import check_show
from studio.core.assets import demo_show_path
from studio.show import load_show
from studio.ui.application import make_app
from studio.ui.console.draft import EditError, ShowDraft

from console_helpers import open_console  # noqa: E402 (tests/ui on sys.path)


def draft_of(show: Path) -> ShowDraft:
    make_app()
    result = check_show(show)
    assert result.show is not None, result.errors
    return ShowDraft(result.show)


def test_an_edit_that_would_not_load_is_refused_with_the_loaders_words(qtbot, settings, tmp_path,
                                                                       show_copy) -> None:
    window = open_console(qtbot, settings, tmp_path, show_copy, product="tea")
    editor = window.product_editor
    before = window.draft.editor.text_of("products/tea.toml")
    editor.original_price.clear()
    editor.original_price.textEdited.emit("")  # the tea's pitch says {original_price} and {saving}
    assert "original_price" in editor.message.text() and editor.message.text().startswith("Not applied")
    assert window.draft.product("tea").original_price == 238 and not window.draft.dirty
    assert window.draft.editor.text_of("products/tea.toml") == before  # taken back, to the byte
    pitch = window.pitch_editor
    pitch.lines.setCurrentRow(1)
    pitch.editor.setPlainText("今天{colour}特别好看")
    pitch.apply_line()
    assert "unknown variable {colour}" in pitch.status.text()
    assert window.draft.product("tea").pitch[1].text != "今天{colour}特别好看" and not window.draft.dirty


def test_lines_are_found_by_their_entry_when_the_file_has_empty_ones(qtbot, tmp_path) -> None:
    show = tmp_path / "show"
    shutil.copytree(demo_show_path(), show)
    tea = show / "products" / "tea.toml"
    tea.write_text(tea.read_text(encoding="utf-8").replace("pitch = [\n", 'pitch = [\n    "",\n', 1),
                   encoding="utf-8")
    draft = draft_of(show)
    original = [line.text for line in draft.product("tea").pitch]
    draft.set_line("tea", 0, "第一句改了。")
    draft.move_line("tea", 0, 2)
    draft.move_line("tea", 4, 0)
    draft.remove_line("tea", 1)
    expected = [original[4], original[2], "第一句改了。", original[3]]
    assert [line.text for line in draft.product("tea").pitch] == expected
    draft.save()
    assert [line.text for line in load_show(show).show.product("tea").pitch] == expected


def test_show_settings_and_windows_set_back_to_what_is_saved_are_no_edit(qtbot, show_copy) -> None:
    draft = draft_of(show_copy)
    saved = draft.editor.text_of("show.toml")
    draft.set_show_fields({"voice.rate": 150, "voice.id": "gmw/en-us"})
    assert draft.dirty and draft.show.voice.rate == 150
    draft.set_show_fields({"voice.rate": 175, "voice.id": "auto"})
    assert not draft.dirty and draft.editor.text_of("show.toml") == saved
    windows = [(list(w.days), w.start.strftime("%H:%M"), w.end.strftime("%H:%M"), w.rundown)
               for w in draft.show.schedule.windows]
    draft.set_schedule([*windows, ([1], "09:00", "11:00", "daytime")])
    assert draft.dirty and len(draft.show.schedule.windows) == len(windows) + 1
    draft.set_schedule(windows)
    assert not draft.dirty


def test_saving_over_a_file_changed_on_disk_asks_first(qtbot, settings, tmp_path, show_copy) -> None:
    window = open_console(qtbot, settings, tmp_path, show_copy, product="tea")
    window.draft.set_field("tea", "stock", 42)
    tea = show_copy / "products" / "tea.toml"
    tea.write_text(tea.read_text(encoding="utf-8").replace("stock = 500", "stock = 7"), encoding="utf-8")
    asked: list[str] = []
    window.confirm = lambda title, question: asked.append(question) or False
    window.save()
    assert asked and "products/tea.toml" in asked[0] and window.draft.dirty
    assert "stock = 7" in tea.read_text(encoding="utf-8")  # declined: nothing written
    window.confirm = lambda title, question: True
    window.save()
    assert not window.draft.dirty and check_show(show_copy).show.product("tea").stock == 42


def test_an_edit_of_a_large_show_stays_interactive(qtbot, tmp_path) -> None:
    show = tmp_path / "big"
    shutil.copytree(demo_show_path(), show)
    tea = (show / "products" / "tea.toml").read_text(encoding="utf-8")
    for i in range(196):
        (show / "products" / f"p{i:03d}.toml").write_text(tea, encoding="utf-8")
    draft = draft_of(show)
    assert len(draft.show.products) == 200
    seen: list[str] = []
    draft.changed.connect(seen.append)
    times = []
    for k in range(11):
        start = time.perf_counter()
        draft.set_line("p100", 1, f"这款龙井是明前头采，第{k}遍。")
        draft.set_field("p100", "stock", 100 + k)
        times.append((time.perf_counter() - start) / 2)
    assert statistics.median(times) < 0.05, times  # well inside one keystroke's wait
    assert seen == ["p100"] * 22 and draft.product("p100").stock == 110


def test_a_show_whose_files_cannot_be_edited_still_opens_and_says_why(qtbot, settings, tmp_path,
                                                                      show_copy) -> None:
    toml = show_copy / "show.toml"
    toml.write_bytes(b"\xff" + toml.read_bytes())  # not UTF-8: the editor will not touch it
    draft = ShowDraft(load_show(show_copy, texts={"show.toml": toml.read_bytes()[1:].decode("utf-8")}).show)
    assert draft.editor is None and "UTF-8" in draft.problem
    with pytest.raises(EditError, match="UTF-8"):
        draft.set_field("tea", "stock", 1)
