"""The bundled demo show loads cleanly, and `studio new` writes a show that passes the loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.show.starter import StarterError, create_starter


def test_demo_show_has_no_errors(demo_show: Path, load) -> None:
    result = load(demo_show)
    assert result.errors == [], "\n".join(p.format() for p in result.errors)
    # Until every image lands, only "not found" warnings for media are acceptable.
    for p in result.warnings:
        assert p.key in {"image", "logo", "background"} and "not found" in p.message, p.format()
    assert result.ok


def test_demo_show_content(demo_show: Path, load) -> None:
    show = load(demo_show).show
    assert len(show.products) >= 4
    assert {r.id for r in show.rundowns} == {"daytime", "evening"}
    assert len(show.schedule.windows) >= 1
    assert show.schedule.fallback == "daytime"
    assert sum(len(p.faq) for p in show.products) >= 4
    assert all(p.pitch for p in show.products)
    lines = [line for p in show.products for line in p.pitch] + list(show.filler)
    assert any(line.language == "en-US" for line in lines)
    assert any(line.language is None and any("\u4e00" <= c <= "\u9fff" for c in line.text) for line in lines)
    assert show.language == "zh-CN"
    for rundown in show.rundowns:
        for item in rundown.items:
            show.product(item.product)  # every rundown item names a loaded product


def test_demo_schedule_lookups(demo_show: Path, load) -> None:
    from datetime import datetime
    s = load(demo_show).show.schedule
    assert s.rundown_at(datetime(2026, 11, 24, 20, 0)) == "evening"  # Tuesday evening
    assert s.rundown_at(datetime(2026, 11, 24, 10, 0)) == "daytime"
    assert s.rundown_at(datetime(2026, 11, 29, 0, 30)) == "evening"  # Saturday's window, Sunday 00:30


@pytest.mark.parametrize("language", ["zh-CN", "en-US", "en-GB", "zh-TW"])
def test_starter_show_loads_without_any_problem(tmp_path: Path, load, language: str) -> None:
    folder = tmp_path / "my-show"
    written = create_starter(folder, language=language)
    assert written == [folder / "show.toml", folder / "products" / "sample.toml"]
    assert (folder / "media").is_dir()
    result = load(folder)
    assert result.problems == (), "\n".join(p.format() for p in result.problems)
    show = result.show
    assert show.language == language
    assert [p.id for p in show.products] == ["sample"]
    assert show.product("sample").faq and len(show.product("sample").pitch) == 2
    assert show.schedule.windows and show.filler


def test_starter_into_an_existing_empty_folder(tmp_path: Path, load) -> None:
    create_starter(tmp_path, title="Empty is fine")
    assert load(tmp_path).show.title == "Empty is fine"


@pytest.mark.parametrize("title", ['Say "hi"', "C:\\new\\show", "two\nlines", "tab\there", "ctl\x01x", "{name} 50%"])
def test_starter_title_with_awkward_characters(tmp_path: Path, load, title: str) -> None:
    create_starter(tmp_path / "s", title=title)
    result = load(tmp_path / "s")
    assert result.problems == (), "\n".join(p.format() for p in result.problems)
    assert result.show.title


def test_starter_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(StarterError, match="not empty"):
        create_starter(tmp_path)
    assert not (tmp_path / "show.toml").exists()


def test_starter_refuses_a_file(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(StarterError):
        create_starter(target)


def test_starter_refuses_a_bad_language_tag(tmp_path: Path) -> None:
    with pytest.raises(StarterError, match="language tag"):
        create_starter(tmp_path / "s", language='en" US')
    assert not (tmp_path / "s").exists()
