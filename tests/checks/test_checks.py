"""`studio check` covers the show's avatar pack, located in the pack's own files."""

import shutil
from pathlib import Path

from studio.checks import check_show
from studio.cli import main
from studio.core.assets import avatar_packs_dir, demo_show_path
from studio.show.starter import create_starter


def test_demo_show_passes_every_check() -> None:
    result = check_show(demo_show_path())
    assert result.ok and result.problems == ()


def test_a_broken_custom_pack_fails_the_show_at_the_pack_line(tmp_path: Path, capsys) -> None:
    show = tmp_path / "show"
    create_starter(show)
    shutil.copytree(avatar_packs_dir() / "default", show / "avatars" / "mine")
    manifest = show / "avatars" / "mine" / "avatar.toml"
    text = manifest.read_text(encoding="utf-8")
    lines = text.splitlines()
    n = next(i for i, line in enumerate(lines) if line.startswith('image = "parts/hair_back.svg"'))
    lines[n] = 'image = "parts/hair_bak.svg"'
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    toml = (show / "show.toml").read_text(encoding="utf-8").replace('avatar = "default"', 'avatar = "avatars/mine"')
    (show / "show.toml").write_text(toml, encoding="utf-8")

    result = check_show(show)
    assert not result.ok
    [problem] = result.errors
    assert problem.file == "avatars/mine/avatar.toml" and problem.line == n + 1
    assert problem.key == "parts.hair_back.image" and "hair_back.svg" in problem.hint

    assert main(["check", str(show)]) == 1
    out = capsys.readouterr().out
    assert f"{show.as_posix()}/avatars/mine/avatar.toml:{n + 1}: error: parts.hair_back.image" in out


def test_avatar_sheet_command_writes_a_png(qapp, tmp_path: Path) -> None:  # one QApplication for all
    out = tmp_path / "sheet.png"
    assert main(["avatar-sheet", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"\x89PNG") and out.stat().st_size > 50_000
