"""The assets helper finds the shipped demo show and avatar packs in a checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.core import assets
from studio.core.assets import assets_dir, avatar_packs_dir, demo_show_path

ROOT = Path(__file__).resolve().parents[2]


def test_a_source_checkout_reads_the_top_level_assets_folder() -> None:
    assert assets_dir() == ROOT / "assets"
    assert (demo_show_path() / "show.toml").is_file()
    assert (avatar_packs_dir() / "default" / "avatar.toml").is_file()


def _package_at(monkeypatch: pytest.MonkeyPatch, package: Path) -> None:
    package.mkdir(parents=True)
    files = assets.resources.files
    monkeypatch.setattr(assets.resources, "files", lambda name: package if name == "studio" else files(name))


def test_an_installed_package_reads_its_own_assets_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    package = tmp_path / "site-packages" / "studio"
    _package_at(monkeypatch, package)
    (package / "assets" / "demo-show").mkdir(parents=True)
    assert demo_show_path() == package / "assets" / "demo-show"
    assert avatar_packs_dir() == package / "assets" / "avatars"


def test_a_stray_assets_folder_beside_an_installed_package_is_not_ours(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Another distribution may have dropped site-packages/assets: only a checkout (pyproject.toml) counts.
    package = tmp_path / "site-packages" / "studio"
    _package_at(monkeypatch, package)
    (tmp_path / "site-packages" / "assets" / "demo-show").mkdir(parents=True)
    assert assets_dir() == package / "assets"
    assert not demo_show_path().exists()  # callers report the place they looked


def test_a_checkout_wins_over_a_stale_assets_folder_inside_the_package(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    package = tmp_path / "checkout" / "studio"
    _package_at(monkeypatch, package)
    (package / "assets").mkdir()  # left behind by a checkout from before the move
    (tmp_path / "checkout" / "assets").mkdir()
    (tmp_path / "checkout" / "pyproject.toml").write_text("[project]\n", encoding="utf-8")
    assert assets_dir() == tmp_path / "checkout" / "assets"
