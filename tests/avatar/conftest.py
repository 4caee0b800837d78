"""Avatar test setup: Qt offscreen when there is no display, the default pack, and a pack-folder builder."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from studio.avatar.motion import Rig
from studio.avatar.pack import AvatarPack, PackResult, load_pack
from studio.core.assets import avatar_packs_dir

DEFAULT_PACK = avatar_packs_dir() / "default"

# A tiny but complete pack: one SVG per sprite, each a coloured rectangle somewhere on a 100×140 canvas.
MINIMAL_MANIFEST = """\
format = 1
name = "Tiny"
size = [100, 140]

[parts.body]
image = "body.svg"
role = "body"
z = 0
pivot = [50, 140]

[parts.head]
image = "head.svg"
parent = "body"
role = "head"
z = 10
pivot = [50, 60]

[parts.eye]
parent = "head"
role = "eye"
z = 20
pivot = [50, 40]
sprites = { open = "eye_open.svg", half = "eye_half.svg", closed = "eye_closed.svg" }

[parts.mouth]
parent = "head"
role = "mouth"
z = 20
pivot = [50, 55]
sprites = { A = "m.svg", B = "m.svg", C = "m.svg", D = "m.svg", E = "m.svg", F = "m.svg", X = "m.svg" }

[expressions.smile]
mouth = { offset = [0, -1] }
[expressions.excited]
[expressions.surprised]
[expressions.thinking]

[gestures.nod]
duration = 1.0
[[gestures.nod.keys]]
t = 0.5
head = { offset = [0, 3] }
[gestures.point]
duration = 1.0
[[gestures.point.keys]]
t = 0.5
head = { rotate = 3 }
[gestures.wave]
duration = 1.0
[[gestures.wave.keys]]
t = 0.5
head = { rotate = -3 }
[gestures.present]
duration = 1.0
[[gestures.present.keys]]
t = 0.5
body = { offset = [2, 0] }
"""


def rect_svg(x: int, y: int, w: int, h: int, colour: str = "#c06040") -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="140" viewBox="0 0 100 140">'
            f'<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{colour}"/></svg>')


MINIMAL_FILES: dict[str, str | bytes] = {
    "body.svg": rect_svg(20, 80, 60, 60),
    "head.svg": rect_svg(30, 20, 40, 45, "#f0c0a0"),
    "eye_open.svg": rect_svg(40, 36, 20, 8, "#202020"),
    "eye_half.svg": rect_svg(40, 39, 20, 4, "#202020"),
    "eye_closed.svg": rect_svg(40, 41, 20, 1, "#202020"),
    "m.svg": rect_svg(45, 54, 10, 3, "#a02030"),
}


@pytest.fixture
def manifest() -> str:
    """The tiny pack's manifest text; tests change one thing in it and expect one problem."""
    return MINIMAL_MANIFEST


@pytest.fixture(scope="session")
def default_pack() -> AvatarPack:
    result = load_pack(DEFAULT_PACK)
    assert result.pack is not None, [p.format() for p in result.problems]
    return result.pack


@pytest.fixture(scope="session")
def rig(default_pack: AvatarPack) -> Rig:
    return Rig(default_pack)


@pytest.fixture
def make_pack(tmp_path: Path) -> Callable[..., Path]:
    """Build a pack folder: `make_pack(manifest=..., files={...})`; `manifest=None` leaves avatar.toml out."""
    counter = iter(range(1_000_000))

    def build(manifest: str | None = MINIMAL_MANIFEST, files: Mapping[str, str | bytes] | None = None,
              drop: tuple[str, ...] = ()) -> Path:
        root = tmp_path / f"pack{next(counter)}"
        root.mkdir()
        if manifest is not None:
            (root / "avatar.toml").write_text(manifest, encoding="utf-8")
        all_files = {**MINIMAL_FILES, **(files or {})}
        for rel, content in all_files.items():
            if rel in drop:
                continue
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return root

    return build


@pytest.fixture
def load() -> Callable[[Path], PackResult]:
    """`load_pack` plus the invariants every result keeps (never raises; pack None exactly on errors)."""

    def run(path: Path) -> PackResult:
        result = load_pack(path)
        for p in result.problems:
            assert p.message == p.message.strip() and p.message
            assert p.hint == p.hint.strip()
            assert p.line is None or p.line >= 1
        assert (result.pack is None) == bool(result.errors)
        return result

    return run

