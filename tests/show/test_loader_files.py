"""Reading show files: syntax, encodings, sizes, names — each problem with its exact location."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from studio.core.problems import Severity
from studio.show.loader import load_show

SHOW = 'title = "Test show"\n\n[rundowns.main]\nproducts = ["tea"]\n'
PRODUCT = 'name = "明前龙井"\nprice = 168\npitch = ["今天只要{price}元"]\n'


def test_minimal_show_has_no_problems(make_show, load) -> None:
    result = load(make_show())
    assert result.problems == ()
    assert result.ok
    show = result.show
    assert show.title == "Test show"
    assert [p.id for p in show.products] == ["tea"]
    assert show.product("tea").price == 168


def test_toml_syntax_error_in_show_toml(make_show, load, only) -> None:
    result = load(make_show(show='title = "Test show"\nfps = 30\nlanguage = "zh-CN\n'))
    p = only(result, file="show.toml")
    assert (p.severity, p.line, p.key) == (Severity.ERROR, 3, "")
    assert p.message.startswith("TOML syntax: ")
    assert p.hint == "check quotes, brackets and '=' on that line"
    assert p.format().startswith("show.toml:3: error: TOML syntax: ")


def test_toml_syntax_error_in_a_product_file(make_show, load, only) -> None:
    result = load(make_show(products={"tea": 'name = "x"\nprice = 1\npitch = ["a", "b"\n\n'}))
    p = only(result, file="products/tea.toml")
    assert p.severity is Severity.ERROR and p.message.startswith("TOML syntax")
    assert p.line == 3  # the last line with text: tomllib gives no position at the end
    assert p.message == "TOML syntax: Unclosed array at the end of the file"
    assert p.hint == "a quote or bracket opened earlier is never closed"


def test_duplicate_key_is_a_syntax_error_at_its_line(make_show, load, only) -> None:
    result = load(make_show(products={"tea": 'name = "x"\nprice = 1\nprice = 2\n'}))
    p = only(result, file="products/tea.toml")
    assert p.line == 3 and p.message.startswith("TOML syntax")


def test_empty_show_file(make_show, load, only) -> None:
    result = load(make_show(show=""))
    p = only(result, file="show.toml")
    assert (p.severity, p.line, p.key, p.message) == (Severity.ERROR, 1, "", "the file is empty")
    assert "studio new" in p.hint


def test_empty_product_file(make_show, load, only) -> None:
    result = load(make_show(products={"tea": "\n\n"}))
    p = only(result, file="products/tea.toml")
    assert (p.severity, p.line, p.message) == (Severity.ERROR, 1, "the file is empty")


def test_binary_file_with_nul_bytes(make_show, load, only) -> None:
    result = load(make_show(products={"tea": b'name = "x"\nprice = 1\n\x89PNG\x00\x00\x01'}))
    p = only(result, file="products/tea.toml")
    assert (p.severity, p.line) == (Severity.ERROR, 3)
    assert p.message == "this is not a text file (it contains NUL bytes)"
    assert "UTF-8" in p.hint


def test_gbk_encoded_show_toml(make_show, load, only) -> None:
    gbk = 'title = "Test"\n# 秋冬好物节\nlanguage = "zh-CN"\n'.encode("gbk")
    result = load(make_show(show=gbk))
    p = only(result, file="show.toml")
    assert (p.severity, p.line, p.key) == (Severity.ERROR, 2, "")
    assert p.message == "the file is not valid UTF-8 text"
    assert "GBK" in p.hint and "UTF-8" in p.hint


def test_gbk_encoded_product_file(make_show, load, only) -> None:
    result = load(make_show(products={"tea": PRODUCT.encode("gbk")}))
    p = only(result, file="products/tea.toml")
    assert p.line == 1 and "GBK" in p.hint


def test_non_utf8_that_is_not_gbk_either_has_no_gbk_hint(make_show, load, only) -> None:
    result = load(make_show(show=b'title = "\xff\xff\xff"\n'))
    p = only(result, file="show.toml")
    assert p.message == "the file is not valid UTF-8 text"
    assert "GBK" not in p.hint and "UTF-8" in p.hint


def test_file_over_one_megabyte_is_refused(make_show, load, only) -> None:
    big = PRODUCT + "# " + "x" * 1_000_000 + "\n"
    result = load(make_show(products={"tea": big}))
    p = only(result, file="products/tea.toml")
    assert p.severity is Severity.ERROR
    assert p.message.startswith("the file is 1,000,")
    assert "at most 1,000,000" in p.message
    assert p.hint


def test_file_just_under_the_limit_is_read(make_show, load) -> None:
    padded = PRODUCT + "#" * (1_000_000 - len(PRODUCT.encode()) - 1) + "\n"
    assert len(padded.encode()) == 1_000_000
    assert load(make_show(products={"tea": padded})).problems == ()


def test_utf8_bom_is_accepted(make_show, load) -> None:
    result = load(make_show(show=b"\xef\xbb\xbf" + SHOW.encode(),
                            products={"tea": b"\xef\xbb\xbf" + PRODUCT.encode()}))
    assert result.problems == ()
    assert result.show.title == "Test show"


def test_crlf_line_ends_are_accepted_and_lines_still_right(make_show, load, only) -> None:
    product = PRODUCT.replace("\n", "\r\n") + 'gesture_x = 1\r\n'
    result = load(make_show(show=SHOW.replace("\n", "\r\n"), products={"tea": product}))
    p = only(result)
    assert (p.file, p.line, p.key, p.severity) == ("products/tea.toml", 4, "gesture_x", Severity.WARNING)
    assert result.show.product("tea").name == "明前龙井"


def test_chinese_product_file_name_gives_the_id(make_show, load) -> None:
    show = SHOW.replace('["tea"]', '["龙井"]')
    result = load(make_show(show=show, products={"龙井": PRODUCT}))
    assert result.problems == ()
    assert [p.id for p in result.show.products] == ["龙井"]
    assert result.show.product("龙井").source.file == "products/龙井.toml"


def test_id_key_overrides_the_file_name(make_show, load) -> None:
    result = load(make_show(products={"whatever": 'id = "tea"\n' + PRODUCT}))
    assert result.problems == ()
    assert result.show.products[0].id == "tea"


def test_bad_product_id(make_show, load, only) -> None:
    result = load(make_show(products={"tea": PRODUCT, "x": 'id = "has space"\n' + PRODUCT}))
    p = only(result, key="id")
    assert (p.file, p.line, p.severity) == ("products/x.toml", 1, Severity.ERROR)
    assert p.message == "'has space' cannot be a product id"


def test_non_toml_file_in_products_is_a_warning(make_show, load, only) -> None:
    result = load(make_show(products={"tea": PRODUCT, "notes.txt": "hello"}))
    p = only(result)
    assert (p.file, p.line, p.severity) == ("products/notes.txt", None, Severity.WARNING)
    assert p.format() == ("products/notes.txt: warning: not a .toml file; ignored "
                          "(product files end in .toml; images go in media/)")
    assert result.ok


def test_hidden_and_backup_files_are_ignored(make_show, load) -> None:
    result = load(make_show(products={"tea": PRODUCT, ".tea.toml.swp": b"\x00", "tea.toml~": b"\x00"}))
    assert result.problems == ()


def test_missing_show_toml(make_show, load, only) -> None:
    root = make_show(show=None)
    p = only(load(root))
    assert (p.file, p.line, p.severity) == ("show.toml", None, Severity.ERROR)
    assert p.message == f"no show.toml in {root}"


def test_missing_products_folder(make_show, load, only) -> None:
    p = only(load(make_show(products=None)), file="products/")
    assert p.message == "no products folder" and p.is_error


def test_empty_products_folder(make_show, load, only) -> None:
    p = only(load(make_show(products={})), file="products/")
    assert p.message == "no product files" and p.is_error


def test_no_such_folder(tmp_path: Path, load, only) -> None:
    p = only(load(tmp_path / "nope"))
    assert p.message == "no such folder" and p.file == str(tmp_path / "nope")


def test_loading_by_show_toml_path(make_show, load) -> None:
    root = make_show()
    result = load(root / "show.toml")
    assert result.ok and result.root == root


def test_missing_show_toml_given_by_path_names_the_folder(make_show, load, only) -> None:
    root = make_show(show=None)
    result = load(root / "show.toml")
    assert result.root == root
    assert only(result).message == f"no show.toml in {root}"


def test_a_file_that_is_not_a_show_folder(make_show, load, only) -> None:
    root = make_show()
    p = only(load(root / "products" / "tea.toml"))
    assert p.message == "not a show folder"


def test_loader_accepts_a_string_path(make_show) -> None:
    assert load_show(str(make_show())).ok


def test_every_file_reports_at_once(make_show, load) -> None:
    result = load(make_show(show='title = "t"\n[rundowns.main]\nproducts = ["a"]\n',
                            products={"a": 'name = "a"\nprice = 1\npitch = ["x"]\n',
                                      "b": "", "c": b"\x00", "d": "x = ", "e": 'name = "e"\n'}))
    files = sorted({p.file for p in result.errors})
    assert files == ["products/b.toml", "products/c.toml", "products/d.toml", "products/e.toml"]
    assert result.show is None


def test_unusable_folder_name_is_a_problem_not_an_exception(tmp_path: Path, load, only) -> None:
    p = only(load(tmp_path / ("x" * 300)))
    assert p.is_error and p.message.startswith("cannot read the show: ")
    p = only(load(tmp_path / ("x" * 300) / "show.toml"))
    assert p.is_error and p.file == str(tmp_path / ("x" * 300))


# ---- one set of path rules for every file of a show, show.toml included -----------------------

LOOP_HINT = "replace the link with the real file or folder, or point it at one"


def test_show_toml_linked_from_outside_is_an_error(symlink, make_show, load, only, tmp_path: Path) -> None:
    root = make_show(show=None)
    (tmp_path / "elsewhere.toml").write_text(SHOW, encoding="utf-8")
    symlink(tmp_path / "elsewhere.toml", root / "show.toml")
    p = only(load(root))
    assert (p.file, p.line, p.severity) == ("show.toml", None, Severity.ERROR)
    assert p.message == "'show.toml' leads outside the show folder through a symbolic link"
    assert p.hint == "copy the file into the show folder"


def test_show_toml_linked_inside_the_folder_is_fine(symlink, make_show, load) -> None:
    root = make_show(show=None, files={"versions/v2.toml": SHOW})
    symlink(root / "versions" / "v2.toml", root / "show.toml")
    assert load(root).problems == ()


@pytest.mark.parametrize("target", ["show.toml", "other.toml"])
def test_show_toml_in_a_symlink_loop(symlink, make_show, load, only, target: str) -> None:
    root = make_show(show=None)
    symlink(root / target, root / "show.toml")
    if target != "show.toml":
        symlink(root / "show.toml", root / target)
    p = only(load(root))
    assert (p.file, p.severity, p.message, p.hint) == (
        "show.toml", Severity.ERROR, "symbolic link loop: 'show.toml' leads back to itself", LOOP_HINT)


def test_a_product_file_in_a_loop_is_one_located_error(symlink, make_show, load, only) -> None:
    root = make_show(show='title = "t"\n[rundowns.main]\nproducts = ["tea", "loop"]\n')
    symlink(root / "products" / "loop.toml", root / "products" / "loop.toml")
    result = load(root)
    p = only(result)  # the rundown naming it does not add a second error
    assert (p.file, p.message, p.hint) == (
        "products/loop.toml", "symbolic link loop: 'products/loop.toml' leads back to itself", LOOP_HINT)


def test_a_products_folder_in_a_loop_or_leading_out(symlink, make_show, load, only, tmp_path: Path) -> None:
    root = make_show(products=None)
    symlink(root / "products", root / "products")
    p = only(load(root))
    assert (p.file, p.message) == ("products/", "symbolic link loop: 'products' leads back to itself")
    other = make_show(products=None)
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "tea.toml").write_text(PRODUCT, encoding="utf-8")
    symlink(tmp_path / "shared", other / "products")
    p = only(load(other))
    assert (p.file, p.message) == ("products/", "'products' leads outside the show folder through a symbolic link")


@pytest.mark.parametrize(("show", "key"), [
    ('title = "t"\nlogo = "media/loop.png"\n', "logo"),
    ('title = "t"\nbackground = "media/loop.png"\n', "background"),
    ('title = "t"\navatar = "media/loop.png"\n', "avatar"),
])
def test_media_in_a_loop_is_a_located_error(symlink, make_show, load, only, show: str, key: str) -> None:
    root = make_show(show=show + '[rundowns.main]\nproducts = ["tea"]\n', files={"media/x.png": b""})
    symlink(root / "media" / "loop.png", root / "media" / "loop.png")
    p = only(load(root))
    assert (p.file, p.line, p.key, p.severity) == ("show.toml", 2, key, Severity.ERROR)
    assert (p.message, p.hint) == ("symbolic link loop: 'media/loop.png' leads back to itself", LOOP_HINT)


def test_a_product_image_behind_a_looping_folder(symlink, make_show, load, only) -> None:
    root = make_show(products={"tea": PRODUCT + 'image = "media/a/tea.png"\n'})
    (root / "media").mkdir()
    symlink(root / "media" / "b", root / "media" / "a")
    symlink(root / "media" / "a", root / "media" / "b")
    p = only(load(root))
    assert (p.file, p.line, p.key) == ("products/tea.toml", 4, "image")
    assert p.message == "symbolic link loop: 'media/a/tea.png' leads back to itself"


@pytest.mark.parametrize("make_loop", ["self", "pair", "parent"])
def test_a_show_folder_in_a_loop(symlink, tmp_path: Path, load, only, make_loop: str) -> None:
    if make_loop == "pair":
        symlink(tmp_path / "b", tmp_path / "a")
        symlink(tmp_path / "a", tmp_path / "b")
    else:
        symlink(tmp_path / "a", tmp_path / "a")
    given = tmp_path / "a" / "show" if make_loop == "parent" else tmp_path / "a"
    for path in (given, given / "show.toml"):
        p = only(load(path))
        assert (p.file, p.severity) == (str(given), Severity.ERROR)
        assert (p.message, p.hint) == ("symbolic link loop: the folder (or one above it) leads back to itself",
                                       LOOP_HINT)


def test_a_product_link_to_nothing_is_a_warning(symlink, make_show, load, only) -> None:
    root = make_show()
    symlink(root / "products" / "gone.toml.bak", root / "products" / "gone.toml")
    p = only(load(root))
    assert (p.file, p.severity, p.message) == ("products/gone.toml", Severity.WARNING,
                                               "a symbolic link to nothing; ignored")


def test_every_check_of_a_looping_show_reports_instead_of_raising(symlink, make_show) -> None:
    # What `studio check`, `studio live` and the console's Open… call: the loader, the avatar
    # pack and the wording checks, each given a loop somewhere.
    from studio.checks import check_show

    root = make_show(show='title = "t"\navatar = "packs/mine"\n[rundowns.main]\nproducts = ["tea"]\n',
                     files={"packs/mine/avatar.toml": 'name = "mine"\n[parts.head]\nimage = "parts/head.svg"\n'})
    (root / "packs" / "mine" / "parts").mkdir()
    symlink(root / "packs" / "mine" / "parts" / "head.svg", root / "packs" / "mine" / "parts" / "head.svg")
    result = check_show(root)
    assert result.show is None
    assert any(p.file == "packs/mine/avatar.toml" and "symbolic link loop" in p.message for p in result.errors)
    symlink(root / "products" / "loop.toml", root / "products" / "loop.toml")
    result = check_show(root)
    assert any(p.file == "products/loop.toml" and "symbolic link loop" in p.message for p in result.errors)
    assert check_show(root / "products" / "loop.toml" / "show.toml").errors  # a looping path given as the show


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes (POSIX)")
def test_a_product_file_that_is_a_pipe_is_an_error_and_never_opened(make_show, load) -> None:
    root = make_show(show='title = "Test show"\n\n[rundowns.main]\nproducts = ["tea", "thermos"]\n')
    os.mkfifo(root / "products" / "thermos.toml")  # opening it for reading would wait forever
    result = load(root)
    pipe = [p for p in result.problems if p.file == "products/thermos.toml"]
    assert [(p.severity, p.message) for p in pipe] == [
        (Severity.ERROR, "not a regular file (a pipe, socket or device); not read")]
    # The rundown names it as a product that is there but broken, not as a typo.
    assert not any("unknown product 'thermos'" in p.message and "expected one of" in p.message
                   for p in result.problems)
