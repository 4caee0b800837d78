"""The Show an editor's documents describe: read from the edited text, one product or the whole show."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from studio.core.assets import demo_show_path
from studio.show.edit.derived import derive_product, derive_show, edited_texts, first_error
from studio.show.editing import EditError, ShowEditor
from studio.show.load.products import read_product_text
from studio.show.loader import load_show


@pytest.fixture
def show(tmp_path: Path) -> Path:
    root = tmp_path / "demo"
    shutil.copytree(demo_show_path(), root)
    return root


def test_one_product_read_from_text_is_the_product_a_full_load_gives(show: Path) -> None:
    loaded = load_show(show).show
    assert loaded is not None
    text = (show / "products" / "tea.toml").read_text(encoding="utf-8")
    product, problems = read_product_text(loaded.root, "products/tea.toml", text, loaded.language)
    assert product == loaded.product("tea") and not [p for p in problems if p.is_error]
    broken, problems = read_product_text(loaded.root, "products/tea.toml", text.replace("price = 168", ""),
                                         loaded.language)
    error = first_error(problems)
    assert broken is None and error is not None and error.key == "price"


def test_derive_product_follows_the_edited_document_without_writing(show: Path) -> None:
    before = (show / "products" / "tea.toml").read_bytes()
    editor = ShowEditor(show)
    base = load_show(show).show
    editor.set_product_field("tea", "stock", 42)
    editor.insert_pitch_line("tea", 0, "第一句。", gesture="point")
    derived, problems = derive_product(editor, base, "tea")
    assert derived is not None and first_error(problems) is None
    tea = derived.product("tea")
    assert tea.stock == 42 and tea.pitch[0].text == "第一句。" and tea.pitch[0].gesture == "point"
    assert derived.product("serum") is base.product("serum")  # the other products are not read again
    assert derived == derive_show(editor).show  # the same Show a full read of the documents gives
    assert (show / "products" / "tea.toml").read_bytes() == before


def test_an_edit_that_does_not_load_is_reported_and_can_be_taken_back(show: Path) -> None:
    editor = ShowEditor(show)
    base = load_show(show).show
    snapshot = editor.text_of("products/tea.toml")
    editor.set_product_field("tea", "original_price", None)  # the pitch says {saving}: needs it
    assert editor.file_changed("products/tea.toml") and not editor.file_changed("show.toml")
    derived, problems = derive_product(editor, base, "tea")
    error = first_error(problems)
    assert derived is None and error is not None and "original_price" in error.message
    editor.restore("products/tea.toml", snapshot)
    assert editor.text_of("products/tea.toml") == snapshot
    assert not editor.file_changed("products/tea.toml") and not editor.dirty
    with pytest.raises(EditError):
        editor.restore("products/nothing.toml", snapshot)


def test_derive_show_reads_show_toml_edits(show: Path) -> None:
    editor = ShowEditor(show)
    editor.set_show_field("voice.rate", 150)
    result = derive_show(editor)
    assert result.show is not None and result.show.voice.rate == 150
    assert set(edited_texts(editor)) == {"show.toml", *(f"products/{p}.toml" for p in
                                                          ("headphones", "serum", "tea", "thermos"))}

