"""studio.core.paths.confine: show-relative paths never leave the show folder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from studio.core.paths import PathOutsideError, SymlinkLoopError, confine, resolve, show_relative


@pytest.fixture
def root(tmp_path: Path) -> Path:
    show = tmp_path / "show"
    (show / "media").mkdir(parents=True)
    (show / "media" / "tea.png").write_bytes(b"\x89PNG")
    (tmp_path / "secret.txt").write_text("outside")
    return show


def test_plain_relative_path_resolves_inside(root: Path) -> None:
    assert confine(root, "media/tea.png") == (root / "media" / "tea.png").resolve()


def test_result_need_not_exist(root: Path) -> None:
    assert confine(root, "media/missing.png") == (root / "media" / "missing.png").resolve()


def test_dotdot_that_stays_inside_is_allowed(root: Path) -> None:
    assert confine(root, "media/../media/tea.png") == (root / "media" / "tea.png").resolve()


def test_backslashes_are_separators(root: Path) -> None:
    assert confine(root, "media\\tea.png") == (root / "media" / "tea.png").resolve()


@pytest.mark.parametrize("relative", ["../x", "media/../../x", "..\\secret.txt", "media\\..\\..\\x"])
def test_dotdot_out_of_the_folder_is_refused(root: Path, relative: str) -> None:
    with pytest.raises(PathOutsideError) as exc:
        confine(root, relative)
    assert str(exc.value) == f"'{relative}' goes outside the show folder with '..'"


@pytest.mark.parametrize("relative", ["/etc/passwd", "C:\\x", "C:/Windows/x.png", "\\\\server\\share\\x", "~/x.png"])
def test_absolute_paths_are_refused(root: Path, relative: str) -> None:
    with pytest.raises(PathOutsideError) as exc:
        confine(root, relative)
    assert str(exc.value) == f"'{relative}' is absolute; write it relative to the show folder"


@pytest.mark.parametrize("relative", ["", "   "])
def test_empty_path_is_refused(root: Path, relative: str) -> None:
    with pytest.raises(PathOutsideError, match="the path is empty"):
        confine(root, relative)


def test_nul_character_is_refused(root: Path) -> None:
    with pytest.raises(PathOutsideError, match="NUL"):
        confine(root, "media/tea\x00.png")


def test_symlink_leading_outside_is_refused(symlink, root: Path, tmp_path: Path) -> None:
    symlink(tmp_path / "secret.txt", root / "media" / "link.png")
    with pytest.raises(PathOutsideError) as exc:
        confine(root, "media/link.png")
    assert str(exc.value) == "'media/link.png' leads outside the show folder through a symbolic link"


def test_symlinked_folder_leading_outside_is_refused(symlink, root: Path, tmp_path: Path) -> None:
    symlink(tmp_path, root / "escape")
    with pytest.raises(PathOutsideError, match="symbolic link"):
        confine(root, "escape/secret.txt")


def test_symlink_that_stays_inside_is_allowed(symlink, root: Path) -> None:
    symlink(root / "media" / "tea.png", root / "alias.png")
    assert confine(root, "alias.png") == (root / "media" / "tea.png").resolve()


def test_root_given_through_a_symlink_still_confines(symlink, root: Path, tmp_path: Path) -> None:
    symlink(root, tmp_path / "via-link")
    assert confine(tmp_path / "via-link", "media/tea.png") == (root / "media" / "tea.png").resolve()
    with pytest.raises(PathOutsideError):
        confine(tmp_path / "via-link", "../secret.txt")


def test_path_outside_error_is_a_value_error() -> None:
    assert issubclass(PathOutsideError, ValueError)


def test_show_relative(root: Path, tmp_path: Path) -> None:
    assert show_relative(root, root / "media" / "tea.png") == "media/tea.png"
    assert show_relative(root, tmp_path / "secret.txt") == (tmp_path / "secret.txt").as_posix()


# ---- symbolic link loops: a located refusal, never a RuntimeError from pathlib ----------------

def test_a_self_loop_is_a_symlink_loop_error(symlink, root: Path) -> None:
    symlink(root / "media" / "self.png", root / "media" / "self.png")
    with pytest.raises(SymlinkLoopError) as exc:
        confine(root, "media/self.png")
    assert str(exc.value) == "symbolic link loop: 'media/self.png' leads back to itself"


def test_a_two_link_loop_and_a_loop_in_a_parent_folder(symlink, root: Path) -> None:
    symlink(root / "b", root / "a")
    symlink(root / "a", root / "b")
    for relative in ("a", "b", "a/tea.png", "media/../a/x/y.png"):
        with pytest.raises(SymlinkLoopError, match=f"'{re.escape(relative)}' leads back to itself"):
            confine(root, relative)


def test_a_looping_root_is_a_symlink_loop_error(symlink, tmp_path: Path) -> None:
    symlink(tmp_path / "loop", tmp_path / "loop")
    with pytest.raises(SymlinkLoopError):
        confine(tmp_path / "loop", "show.toml")
    with pytest.raises(SymlinkLoopError, match=r"symbolic link loop: '.*/loop/x' leads back to itself"):
        resolve(tmp_path / "loop" / "x")


def test_a_symlink_loop_is_refused_like_any_path_out() -> None:
    assert issubclass(SymlinkLoopError, PathOutsideError)  # callers that refuse paths need no change


def test_resolve_of_ordinary_paths(root: Path) -> None:
    assert resolve(root / "media" / ".." / "media" / "tea.png") == (root / "media" / "tea.png").resolve()
    assert resolve(root / "missing" / "x.png") == (root / "missing" / "x.png").resolve()
