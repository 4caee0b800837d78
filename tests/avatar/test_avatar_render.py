"""Rendering: golden images of key poses (with a tolerance), caching, clipping, any size, PNG packs.

Regenerate the goldens after an intended art or motion change with
`STUDIO_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/avatar/test_avatar_render.py`, then look at them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from studio.avatar import qt_render
from studio.avatar.motion import AvatarInput, Rig, blinks_between, eye_openness, pose_at
from studio.avatar.mouth import MouthState
from studio.avatar.pack import AvatarPack, load_pack
from studio.avatar.qt_render import AvatarRenderer, render_pose
from studio.core.vocab import Cue

pytestmark = pytest.mark.gui

Builder = Callable[..., Path]

GOLDEN = Path(__file__).parent / "golden"
SIZE = (270, 480)  # a 1080×1920 portrait at a quarter
BACKGROUND = 0xFF2B3040
MEAN_TOLERANCE = 1.0   # mean absolute difference per channel, 0–255
OUTLIER_LEVEL = 48     # a pixel channel this far off counts as different…
OUTLIER_SHARE = 0.001  # …and at most this share of them may be (an iris is ~0.3 %)


def to_array(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    w, h = image.width(), image.height()
    buf = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.bytesPerLine() * h)
    return buf.reshape(h, image.bytesPerLine())[:, : w * 4].reshape(h, w, 4).astype(np.int16)


def compare_golden(image: QImage, name: str, save_actual: bool = True) -> None:
    path = GOLDEN / f"{name}.png"
    if os.environ.get("STUDIO_UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        assert image.save(str(path))  # PNG, from the suffix
        return
    assert path.is_file(), f"no golden {path.name}; create it with STUDIO_UPDATE_GOLDEN=1"
    expected = QImage(str(path))
    assert (expected.width(), expected.height()) == (image.width(), image.height())
    diff = np.abs(to_array(image) - to_array(expected))
    mean = float(diff.mean())
    share = float((diff > OUTLIER_LEVEL).mean())
    if mean > MEAN_TOLERANCE or share > OUTLIER_SHARE:
        if save_actual:
            image.save(str(path.with_name(f"{name}.actual.png")))
        pytest.fail(f"{name}: mean difference {mean:.2f} (≤ {MEAN_TOLERANCE}), "
                    f"{share:.2%} of channels off by > {OUTLIER_LEVEL} (≤ {OUTLIER_SHARE:.1%}); "
                    f"see {name}.actual.png")


@pytest.fixture(scope="module")
def renderer(default_pack: AvatarPack, qapp: Any) -> AvatarRenderer:
    r = AvatarRenderer(default_pack)
    assert r.problems == []
    return r


def open_eyes_time(seed: int, near: float) -> float:
    t = near
    while min(eye_openness(seed, t - d) for d in (0.0, 0.2, 0.4)) < 1.0:
        t += 0.1
    return t


SEED = 5
T = open_eyes_time(SEED, 40.0)
CARD = (1350.0, 760.0)

KEY_POSES: dict[str, AvatarInput] = {
    "neutral": AvatarInput(t=T),
    "smile_talking_D": AvatarInput(t=T, speaking=True, speaking_since=T - 2, mouth=MouthState("D", "D", 0.0),
                                   expressions=(Cue(T - 3, "smile"),)),
    "excited_wave": AvatarInput(t=T, expressions=(Cue(T - 3, "excited"),), gestures=(Cue(T - 0.6, "wave"),)),
    "point_card": AvatarInput(t=T, gestures=(Cue(T - 1.0, "point"),), card=CARD),
    "present_card": AvatarInput(t=T, gestures=(Cue(T - 1.0, "present"),), card=CARD,
                                expressions=(Cue(T - 3, "smile"),)),
    "thinking_E": AvatarInput(t=T, mouth=MouthState("E", "E", 0.0), expressions=(Cue(T - 3, "thinking"),)),
    "surprised_F": AvatarInput(t=T, mouth=MouthState("F", "F", 0.0), expressions=(Cue(T - 3, "surprised"),)),
}


@pytest.mark.parametrize("name", sorted(KEY_POSES))
def test_key_pose_matches_golden(renderer: AvatarRenderer, rig: Rig, name: str) -> None:
    pose = pose_at(rig, KEY_POSES[name], SEED)
    compare_golden(render_pose(renderer, pose, *SIZE, background=BACKGROUND), name)


def test_golden_comparison_notices_a_missing_iris(renderer: AvatarRenderer, rig: Rig) -> None:
    if os.environ.get("STUDIO_UPDATE_GOLDEN") == "1":
        pytest.skip("goldens are being rewritten")
    from dataclasses import replace

    pose = pose_at(rig, KEY_POSES["neutral"], SEED)
    broken = replace(pose, parts=tuple(p for p in pose.parts if p.name != "iris_l"))
    with pytest.raises(pytest.fail.Exception, match="neutral"):
        compare_golden(render_pose(renderer, broken, *SIZE, background=BACKGROUND), "neutral", save_actual=False)


def test_blink_closed_matches_golden(renderer: AvatarRenderer, rig: Rig) -> None:
    from studio.avatar.motion import BLINK_CLOSE

    b = blinks_between(SEED, 100, 160)[0]
    pose = pose_at(rig, AvatarInput(t=b.start + BLINK_CLOSE + b.hold / 2), SEED)
    assert pose.eye_openness == 0.0
    compare_golden(render_pose(renderer, pose, *SIZE, background=BACKGROUND), "blink_closed")


def test_irises_are_hidden_when_the_eyes_close(renderer: AvatarRenderer, rig: Rig) -> None:
    """The iris is clipped to the eye white: with the eye shut no iris colour shows around the eye."""
    b = blinks_between(SEED, 100, 160)[0]
    from studio.avatar.motion import BLINK_CLOSE

    closed = pose_at(rig, AvatarInput(t=b.start + BLINK_CLOSE + b.hold / 2), SEED)
    opened = pose_at(rig, AvatarInput(t=b.start - 0.5), SEED)
    size = (540, 960)

    from studio.avatar.layout import place

    placement = place(rig.pack.size, (0, 0, *size))
    x0, y0 = (int(v) for v in placement.to_device((350, 390)))
    x1, y1 = (int(v) for v in placement.to_device((650, 530)))

    def amber_pixels(pose: Any) -> int:
        a = to_array(render_pose(renderer, pose, *size, background=BACKGROUND))[y0:y1, x0:x1]
        # The iris' lower half is a warm amber (red high, blue low): nothing else around the eyes is.
        b_, g, r = a[..., 0], a[..., 1], a[..., 2]
        return int(((r > 170) & (b_ < 110) & (g > 100) & (g < 175)).sum())

    assert amber_pixels(opened) > 200
    assert amber_pixels(closed) < amber_pixels(opened) // 20


def test_sprites_are_rasterized_once_per_scale(default_pack: AvatarPack, rig: Rig, qapp: Any,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    r = AvatarRenderer(default_pack)
    svg_files = {p for p in default_pack.art_files() if p.suffix == ".svg"}
    assert len(r._svgs) == len(svg_files)  # every SVG parsed once, up front
    calls: list[Path] = []
    original = r._rasterize

    def counting(path: Path, scale: float) -> Any:
        calls.append(path)
        return original(path, scale)

    monkeypatch.setattr(r, "_rasterize", counting)
    parsed: list[object] = []

    def no_parsing(*args: object) -> None:
        parsed.append(args)

    monkeypatch.setattr(qt_render, "QSvgRenderer", no_parsing)
    image = QImage(*SIZE, QImage.Format.Format_ARGB32_Premultiplied)
    for i in range(20):
        image.fill(0)
        painter = QPainter(image)
        pose = pose_at(rig, AvatarInput(t=i / 30, gestures=(Cue(0.0, "wave"),)), 1)
        r.draw(painter, pose, QRectF(0, 0, *SIZE))
        painter.end()
    assert len(calls) == len(default_pack.art_files())  # each file once, at the one scale used
    assert parsed == []  # drawing never parses art
    painter = QPainter(image)
    r.draw(painter, pose, QRectF(0, 0, SIZE[0] * 2, SIZE[1] * 2))  # a new size: a new set
    painter.end()
    assert len(calls) == 2 * len(default_pack.art_files())


def test_any_size_draws_the_same_picture(renderer: AvatarRenderer, rig: Rig) -> None:
    pose = pose_at(rig, KEY_POSES["neutral"], SEED)
    small = render_pose(renderer, pose, *SIZE, background=BACKGROUND)
    big = render_pose(renderer, pose, SIZE[0] * 4, SIZE[1] * 4, background=BACKGROUND)
    shrunk = big.scaled(*SIZE, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)
    diff = np.abs(to_array(small) - to_array(shrunk))
    assert float(diff.mean()) < 4.0


def test_draw_respects_the_painters_own_transform(renderer: AvatarRenderer, rig: Rig) -> None:
    pose = pose_at(rig, KEY_POSES["neutral"], SEED)
    direct = render_pose(renderer, pose, *SIZE, background=BACKGROUND)
    image = QImage(SIZE[0] * 2, SIZE[1] * 2, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor.fromRgba(BACKGROUND))
    painter = QPainter(image)
    painter.translate(SIZE[0], SIZE[1])  # the stage may draw into a translated painter
    renderer.draw(painter, pose, QRectF(0, 0, *SIZE))
    painter.end()
    part = image.copy(SIZE[0], SIZE[1], *SIZE)
    assert float(np.abs(to_array(part) - to_array(direct)).mean()) < 0.5


def test_png_pack_renders_and_warns_about_wrong_sizes(make_pack: Builder, manifest: str, qapp: Any) -> None:
    def png(w: int, h: int, colour: str, rect: tuple[int, int, int, int]) -> bytes:
        image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        p = QPainter(image)
        p.fillRect(*rect, QColor(colour))
        p.end()
        path = Path(os.environ.get("TMPDIR", "/tmp")) / f"studio-avatar-test-{os.getpid()}.png"
        image.save(str(path))
        data = path.read_bytes()
        path.unlink()
        return data

    manifest = manifest.replace('"body.svg"', '"body.png"').replace('"head.svg"', '"head.png"')
    root = make_pack(manifest=manifest, files={"body.png": png(100, 140, "#3050c0", (20, 80, 60, 60)),
                                                "head.png": png(50, 70, "#f0c0a0", (15, 10, 20, 40))})
    result = load_pack(root)
    assert result.pack is not None, [p.format() for p in result.problems]
    r = AvatarRenderer(result.pack)
    assert [p.file for p in r.problems] == ["head.png"] and "stretched" in r.problems[0].message
    pose = pose_at(Rig(result.pack), AvatarInput(t=1.0), 1)
    a = to_array(render_pose(r, pose, 100, 140, background=0xFF000000))
    blue = (a[..., 0] > 150) & (a[..., 2] < 100)
    assert 2500 < int(blue.sum()) < 4000  # the body rectangle, 60×60 less what the head covers


def test_unreadable_svg_is_reported(make_pack: Builder, qapp: Any) -> None:
    root = make_pack(files={"head.svg": "<svg xmlns='http://www.w3.org/2000/svg'><rect width='10' height="})
    result = load_pack(root)
    assert result.pack is not None
    r = AvatarRenderer(result.pack)
    assert [(p.file, p.is_error) for p in r.problems] == [("head.svg", True)]
    # Drawing still works: the broken part is simply missing.
    render_pose(r, pose_at(Rig(result.pack), AvatarInput(t=0.5), 1), 100, 140)


def test_contact_sheet_renders(default_pack: AvatarPack, qapp: Any, tmp_path: Path) -> None:
    from studio.avatar.qt_sheet import save_sheet

    out = save_sheet(default_pack, tmp_path / "sheet.png")
    image = QImage(str(out))
    assert image.width() > 1500 and image.height() > 1500
    a = to_array(image)
    assert len(np.unique(a.reshape(-1, 4)[::97], axis=0)) > 500  # a picture, not a blank page


def test_sheet_command_reports_a_broken_pack(make_pack: Builder, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    from studio.cli import main

    root = make_pack(drop=("m.svg",))
    assert main(["avatar-sheet", str(root), "--out", str(tmp_path / "x.png")]) == 1
    err = capsys.readouterr().err
    assert "avatar.toml:" in err and "art file 'm.svg' not found" in err
    assert not (tmp_path / "x.png").exists()
