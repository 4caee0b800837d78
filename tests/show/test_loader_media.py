"""Media paths in a show: images, logo, background, avatar — confined to the show folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from imagefiles import GIF_1X1, bomb_png, jpeg, png, png_claiming

from studio.core.problems import Severity

SHOW = 'title = "Test show"\n\n[rundowns.main]\nproducts = ["tea"]\n'
PNG = png(8, 8)
JPEG = jpeg(8, 8)


def product(image_line: str) -> dict[str, str]:
    return {"tea": f'name = "x"\nprice = 1\n{image_line}\npitch = ["hi"]\n'}


def test_existing_image_is_resolved(make_show, load) -> None:
    root = make_show(products=product('image = "media/tea.png"'), files={"media/tea.png": PNG})
    result = load(root)
    assert result.problems == ()
    assert result.show.product("tea").image == (root / "media" / "tea.png").resolve()


def test_windows_style_image_path(make_show, load) -> None:
    root = make_show(products=product('image = "media\\\\tea.jpg"'), files={"media/tea.jpg": JPEG})
    result = load(root)
    assert result.problems == ()
    assert result.show.product("tea").image == (root / "media" / "tea.jpg").resolve()


def test_missing_image_is_a_warning_and_none(make_show, load, only) -> None:
    result = load(make_show(products=product('image = "media/tea.png"')))
    p = only(result)
    assert (p.file, p.line, p.key, p.severity) == ("products/tea.toml", 3, "image", Severity.WARNING)
    assert p.message == "image 'media/tea.png' not found; a placeholder is used"
    assert p.hint == "check the spelling; paths are relative to the show folder"
    assert result.ok and result.show.product("tea").image is None


def test_misspelt_image_suggests_the_file_that_exists(make_show, load, only) -> None:
    result = load(make_show(products=product('image = "media/tae.png"'), files={"media/tea.png": PNG}))
    assert only(result).hint == "did you mean 'tea.png'?"


def test_missing_image_with_nothing_close_keeps_the_plain_hint(make_show, load, only) -> None:
    # Not "expected one of: <everything in the folder>": a listing is no help here.
    result = load(make_show(products=product('image = "zzz.png"')))
    assert only(result).hint == "check the spelling; paths are relative to the show folder"


def test_text_file_named_png_is_a_warning(make_show, load, only) -> None:
    root = make_show(products=product('image = "media/tea.png"'), files={"media/tea.png": "not an image\n"})
    result = load(root)
    p = only(result)
    assert (p.line, p.key, p.severity) == (3, "image", Severity.WARNING)
    assert p.message == ("'tea.png' is not a readable image (not a PNG, JPEG, WebP, GIF or BMP image); "
                         "a placeholder is used")
    assert result.ok and result.show.product("tea").image is None


def test_image_with_a_non_image_suffix(make_show, load, only) -> None:
    result = load(make_show(products=product('image = "media/tea.gif"'), files={"media/tea.gif": b"GIF89a"}))
    p = only(result)
    assert (p.line, p.key, p.severity) == (3, "image", Severity.WARNING)
    assert result.show.product("tea").image is None


def test_image_outside_the_show_is_an_error_at_the_image_key(make_show, load, only) -> None:
    root = make_show(products=product('image = "../secret.png"'))
    (root.parent / "secret.png").write_bytes(PNG)
    p = only(load(root))
    assert (p.file, p.line, p.key, p.severity) == ("products/tea.toml", 3, "image", Severity.ERROR)
    assert p.message == "'../secret.png' goes outside the show folder with '..'"
    assert p.hint == "media must live inside the show folder, e.g. media/tea.png"


@pytest.mark.parametrize(("path", "wording"), [
    ("/etc/passwd", "is absolute"),
    ("C:\\\\Users\\\\me\\\\tea.png", "is absolute"),
    ("media/../../x.png", "goes outside the show folder with '..'"),
])
def test_other_escapes_are_errors(make_show, load, only, path: str, wording: str) -> None:
    p = only(load(make_show(products=product(f'image = "{path}"'))))
    assert (p.line, p.key, p.severity) == (3, "image", Severity.ERROR)
    assert wording in p.message


def test_symlinked_image_leading_outside_is_an_error(symlink, make_show, load, only, tmp_path: Path) -> None:
    (tmp_path / "secret.png").write_bytes(PNG)
    root = make_show(products=product('image = "media/tea.png"'))
    (root / "media").mkdir()
    symlink(tmp_path / "secret.png", root / "media" / "tea.png")
    p = only(load(root))
    assert (p.line, p.key, p.severity) == (3, "image", Severity.ERROR)
    assert p.message == "'media/tea.png' leads outside the show folder through a symbolic link"


def test_symlinked_image_inside_the_show_is_fine(symlink, make_show, load) -> None:
    root = make_show(products=product('image = "media/tea.png"'), files={"art/tea-final.png": PNG})
    (root / "media").mkdir()
    symlink(root / "art" / "tea-final.png", root / "media" / "tea.png")
    result = load(root)
    assert result.problems == ()
    assert result.show.product("tea").image == (root / "art" / "tea-final.png").resolve()


def test_symlinked_product_file_leading_outside_is_an_error(symlink, make_show, load, only, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.toml"
    outside.write_text('name = "x"\nprice = 1\npitch = ["hi"]\n')
    root = make_show()
    symlink(outside, root / "products" / "linked.toml")
    p = only(load(root), file="products/linked.toml")
    assert p.severity is Severity.ERROR and "symbolic link" in p.message


def test_overlong_image_name_is_a_warning_not_a_crash(make_show, load, only) -> None:
    name = "a" * 300 + ".png"
    p = only(load(make_show(products=product(f'image = "{name}"'))))
    assert (p.line, p.key, p.severity) == (3, "image", Severity.WARNING)


def test_missing_logo_and_background_are_warnings(make_show, load, only) -> None:
    show = 'title = "t"\nlogo = "media/logo.png"\nbackground = "media/bg.png"\n[rundowns.main]\nproducts = ["tea"]\n'
    result = load(make_show(show=show))
    p = only(result, key="logo")
    assert (p.file, p.line, p.severity) == ("show.toml", 2, Severity.WARNING)
    assert p.message == "logo 'media/logo.png' not found; a placeholder is used"
    p = only(result, key="background")
    assert (p.line, p.severity) == (3, Severity.WARNING)
    assert p.message == "background image 'media/bg.png' not found; a placeholder is used"
    assert result.ok
    assert result.show.logo is None and result.show.background.kind == "color"


def test_logo_and_background_images_are_read(make_show, load) -> None:
    show = 'title = "t"\nlogo = "media/logo.png"\nbackground = "media/bg.jpg"\n[rundowns.main]\nproducts = ["tea"]\n'
    root = make_show(show=show, files={"media/logo.png": PNG, "media/bg.jpg": JPEG})
    result = load(root)
    assert result.problems == ()
    assert result.show.logo == (root / "media" / "logo.png").resolve()
    assert result.show.background.kind == "image"
    assert result.show.background.image == (root / "media" / "bg.jpg").resolve()


def test_logo_outside_the_show(make_show, load, only) -> None:
    show = 'title = "t"\nlogo = "../logo.png"\n[rundowns.main]\nproducts = ["tea"]\n'
    p = only(load(make_show(show=show)))
    assert (p.line, p.key, p.severity) == (2, "logo", Severity.ERROR)


@pytest.mark.parametrize(("value", "kind", "color"), [
    ('"#1e2a3a"', "color", "#1E2A3A"),
    ('"chroma"', "chroma", "#00B140"),
    ('"transparent"', "transparent", None),
])
def test_background_kinds(make_show, load, value: str, kind: str, color: str | None) -> None:
    show = f'title = "t"\nbackground = {value}\n[rundowns.main]\nproducts = ["tea"]\n'
    bg = load(make_show(show=show)).show.background
    assert (bg.kind, bg.color) == (kind, color)


def test_avatar_pack_folder_must_exist_and_stay_inside(make_show, load, only) -> None:
    show = 'title = "t"\navatar = "avatars/host"\n[rundowns.main]\nproducts = ["tea"]\n'
    p = only(load(make_show(show=show)))
    assert (p.line, p.key, p.severity) == (2, "avatar", Severity.ERROR)
    assert p.message == "avatar folder 'avatars/host' not found"
    root = make_show(show=show, files={"avatars/host/pack.toml": "x = 1\n"})
    assert load(root).show.avatar == str((root / "avatars" / "host").resolve())
    show = 'title = "t"\navatar = "../host"\n[rundowns.main]\nproducts = ["tea"]\n'
    p = only(load(make_show(show=show)))
    assert (p.key, p.severity) == ("avatar", Severity.ERROR) and "'..'" in p.message


# ---- images judged from their headers before anything decodes them (issue 13, item 7) ----

def test_an_image_above_the_pixel_limit_is_an_error_naming_the_file(make_show, load, only) -> None:
    root = make_show(products=product('image = "media/tea.png"'), files={"media/tea.png": bomb_png(20_000)})
    p = only(load(root))
    assert (p.file, p.line, p.key, p.severity) == ("products/tea.toml", 3, "image", Severity.ERROR)
    assert p.message == "'tea.png': 20000×20000 pixels (400 MP), above the 40 MP limit"
    assert p.hint == "scale it down, e.g. to 4000×3000, and export it again"


@pytest.mark.parametrize(("data", "wording"), [
    (png(64, 48)[:200], "the PNG data ends early: the file is cut short"),
    (jpeg(64, 48)[:-40], "the JPEG data ends early"),
    (png_claiming(5000, 5000), "far too little for that size"),
])
def test_a_cut_short_or_lying_image_is_an_error(make_show, load, only, data: bytes, wording: str) -> None:
    root = make_show(products=product('image = "media/tea.png"'), files={"media/tea.png": data})
    p = only(load(root))
    assert (p.key, p.severity) == ("image", Severity.ERROR)
    assert p.message.startswith("'tea.png': ") and wording in p.message


def test_a_photo_that_costs_time_is_a_warning(make_show, load, only) -> None:
    root = make_show(products=product('image = "media/tea.png"'), files={"media/tea.png": png_claiming(2500, 2000,
                                                                                                        rows=2000)})
    result = load(root)
    p = only(result)
    assert (p.key, p.severity) == ("image", Severity.WARNING)
    assert p.message == "'tea.png' is 2500×2000 pixels (5 MP): a smaller copy is prepared once and used on air"
    assert result.show.product("tea").image is not None


def test_an_image_whose_content_is_another_format_is_read_as_it_is(make_show, load, only) -> None:
    root = make_show(products=product('image = "media/tea.png"'), files={"media/tea.png": JPEG})
    result = load(root)
    p = only(result)
    assert p.severity is Severity.WARNING
    assert p.message == "'tea.png' is a JPEG file, not PNG as its name says; it is read as JPEG"
    assert p.hint == "rename it to tea.jpg"
    assert result.show.product("tea").image is not None


def test_logo_and_background_are_judged_too(make_show, load, only) -> None:
    show = 'title = "t"\nlogo = "media/logo.png"\nbackground = "media/bg.png"\n[rundowns.main]\nproducts = ["tea"]\n'
    result = load(make_show(show=show, files={"media/logo.png": bomb_png(9000), "media/bg.png": png(64, 48)[:100]}))
    logo, bg = only(result, key="logo"), only(result, key="background")
    assert (logo.line, logo.severity) == (2, Severity.ERROR) and "81 MP" in logo.message
    assert (bg.line, bg.severity) == (3, Severity.ERROR) and "cut short" in bg.message
    text = load(make_show(show=show, files={"media/logo.png": "text", "media/bg.png": GIF_1X1}))
    assert only(text, key="logo").severity is Severity.WARNING  # not an image: the placeholder, as when missing
    assert "is a GIF file" in only(text, key="background").message
