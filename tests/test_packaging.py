"""What `pip install .` puts on a machine: every package, the data files, and the assets that run the demo show."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETUPTOOLS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
# What the wheel is built from: the files and folders a clean clone needs for `pip install .`.
SOURCE_FILES = ("pyproject.toml", "README.md")
SOURCE_FOLDERS = ("studio", "assets")


def test_every_package_folder_is_listed_for_the_wheel() -> None:
    # pyproject.toml lists the packages by hand (packages.find cannot map assets/ into studio), so
    # a new package folder that is not listed would silently be missing from an installed studio.
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "studio").rglob("__init__.py")}
    listed = set(SETUPTOOLS["packages"])
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
    assert listed - found == {"studio.assets"}, "listed packages that have no folder"


def test_the_assets_folder_installs_inside_the_package() -> None:
    assert SETUPTOOLS["package-dir"] == {"studio.assets": "assets"}
    assert SETUPTOOLS["package-data"]["studio.assets"] == ["**/*"]
    assert not (ROOT / "studio" / "assets").exists(), "shipped art lives in the top-level assets/ folder"


def test_the_container_image_copies_everything_the_wheel_is_built_from() -> None:
    copied = set()
    for line in (ROOT / "deploy" / "Containerfile").read_text(encoding="utf-8").splitlines():
        if line.startswith("COPY "):
            copied.update(Path(source).name for source in line.split()[1:-1])
    assert set(SOURCE_FILES + SOURCE_FOLDERS) <= copied


def _source_copy(dest: Path) -> Path:
    """What a clean clone holds for the build, without __pycache__ or a previous build's folders."""
    dest.mkdir()
    for name in SOURCE_FILES:
        shutil.copy2(ROOT / name, dest / name)
    for name in SOURCE_FOLDERS:
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return dest


def _clean_env(home: Path) -> dict[str, str]:
    """The environment of a user who installed the wheel: no PYTHONPATH to the checkout, a private home."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")}
    env.update(HOME=str(home), XDG_STATE_HOME=str(home / "state"), XDG_CACHE_HOME=str(home / "cache"),
               XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
               QT_QPA_PLATFORM="offscreen")
    return env


def _run(args: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_the_wheel_runs_the_demo_show_from_a_clean_venv(tmp_path: Path) -> None:
    # Build offline with the venv's own backend (the test extra pins setuptools that builds wheels).
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                  "-w", tmp_path / "dist", _source_copy(tmp_path / "src")], cwd=tmp_path)
    assert built.returncode == 0, (
        "could not build the wheel; the [test] extra's setuptools builds it offline (scripts/test installs it)\n"
        + built.stdout + built.stderr)
    (wheel,) = (tmp_path / "dist").glob("studio-*.whl")

    # A new venv without pip, and this venv's pip installs the wheel into it: studio comes only from
    # the wheel.
    venv = (tmp_path / "venv").resolve()
    made = _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    env = _clean_env(tmp_path / "home")
    installed = _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index",
                      wheel], cwd=tmp_path, env=env)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    # Then the third-party dependencies, without a download: a .pth line appends this venv's
    # site-packages to sys.path. It does not run that folder's own .pth files, so the editable
    # install of the checkout stays invisible (and it comes after the wheel's studio anyway).
    site = _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=tmp_path, env=env)
    deps = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    Path(site.stdout.strip(), "studio_test_dependencies.pth").write_text("\n".join(deps) + "\n", encoding="utf-8")

    where = _run([python, "-c", "import studio; print(studio.__file__)"], cwd=tmp_path, env=env)
    assert Path(where.stdout.strip()).resolve().is_relative_to(venv), where.stdout + where.stderr
    demo = _run([venv / "bin" / "studio", "demo-path"], cwd=tmp_path, env=env)
    assert demo.returncode == 0, demo.stderr
    demo_path = Path(demo.stdout.strip())
    assert demo_path.resolve().is_relative_to(venv) and (demo_path / "show.toml").is_file(), demo.stdout

    checked = _run([venv / "bin" / "studio", "check", demo_path], cwd=tmp_path, env=env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert ": OK" in checked.stderr, checked.stderr

    pack = _run([python, "-c", "from studio.avatar.pack import load_pack, resolve_pack;"
                 "r = load_pack(resolve_pack('default')); print(r.root);"
                 "print('\\n'.join(p.format() for p in r.problems)); raise SystemExit(0 if r.ok else 1)"],
                cwd=tmp_path, env=env)
    assert pack.returncode == 0, pack.stdout + pack.stderr
    assert Path(pack.stdout.splitlines()[0]).resolve().is_relative_to(venv), pack.stdout
