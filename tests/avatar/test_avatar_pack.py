"""Avatar pack loading and validation: located, helpful problems for every kind of mistake."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from imagefiles import bomb_png, png

from studio.avatar.model import MOUTH_REQUIRED
from studio.avatar.pack import AvatarPack, PackResult, bundled_pack_names, resolve_pack
from studio.core.problems import Problem, Severity

Loader = Callable[[Path], PackResult]
Builder = Callable[..., Path]


def only(result: PackResult) -> Problem:
    assert len(result.problems) == 1, [p.format() for p in result.problems]
    return result.problems[0]


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line containing `needle`."""
    for n, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return n
    raise AssertionError(needle)


def test_default_pack_is_clean(default_pack: AvatarPack, load: Loader) -> None:
    result = load(default_pack.root)
    assert result.problems == ()
    names = [p.name for p in default_pack.parts]
    roles = {p.role for p in default_pack.parts}
    assert {"body", "head", "eye", "iris", "brow", "mouth", "hair"} <= roles
    assert names.index("hair_back") < names.index("body") < names.index("head") < names.index("fringe")
    assert set(default_pack.expressions) == {"neutral", "smile", "excited", "surprised", "thinking"}
    assert set(default_pack.gestures) == {"point", "wave", "nod", "present"}
    mouth = default_pack.part("mouth")
    assert set(MOUTH_REQUIRED) | {"G", "H"} <= set(mouth.sprites)


def test_bundled_names_and_resolution(tmp_path: Path) -> None:
    assert "default" in bundled_pack_names()
    assert resolve_pack("default").name == "default"
    assert resolve_pack("avatars/mine", tmp_path) == tmp_path / "avatars/mine"
    assert resolve_pack(str(tmp_path / "x")) == tmp_path / "x"


def test_minimal_pack_loads_without_problems(make_pack: Builder, load: Loader) -> None:
    result = load(make_pack())
    assert result.ok and result.problems == ()
    assert result.pack is not None
    assert [p.name for p in result.pack.parts] == ["body", "head", "eye", "mouth"]  # by z, ties in file order


def test_manifest_file_itself_can_be_given(make_pack: Builder, load: Loader) -> None:
    assert load(make_pack() / "avatar.toml").ok


def test_missing_folder_and_manifest(tmp_path: Path, make_pack: Builder, load: Loader) -> None:
    p = only(load(tmp_path / "nope"))
    assert p.is_error and "not found" in p.message
    p = only(load(make_pack(manifest=None)))
    assert p.file == "avatar.toml" and "no avatar.toml" in p.message and "docs/avatar-packs.md" in p.hint


def test_toml_syntax_error_is_located(manifest: str, make_pack: Builder, load: Loader) -> None:
    text = manifest.replace('name = "Tiny"', 'name = "Tiny')
    p = only(load(make_pack(manifest=text)))
    assert p.is_error and p.line == line_of(text, 'name = "Tiny') and "TOML syntax" in p.message


def test_unknown_key_warns_with_suggestion(manifest: str, make_pack: Builder, load: Loader) -> None:
    text = manifest.replace('pivot = [50, 60]', 'pivot = [50, 60]\nparnet = "body"')
    result = load(make_pack(manifest=text))
    p = only(result)
    assert p.severity is Severity.WARNING and result.ok
    assert p.key == "parts.head.parnet" and p.line == line_of(text, "parnet")
    assert p.hint == "did you mean 'parent'?"
    assert p.format() == f"avatar.toml:{p.line}: warning: parts.head.parnet: unknown key 'parnet' is ignored " \
                         "(did you mean 'parent'?)"


def test_missing_art_file_names_the_closest(manifest: str, make_pack: Builder, load: Loader) -> None:
    text = manifest.replace('"head.svg"', '"haed.svg"')
    p = only(load(make_pack(manifest=text)))
    assert p.is_error and p.key == "parts.head.image" and p.line == line_of(text, "haed.svg")
    assert "'haed.svg' not found" in p.message and "head.svg" in p.hint


def test_art_outside_the_pack_is_refused(manifest: str, make_pack: Builder, load: Loader) -> None:
    text = manifest.replace('"head.svg"', '"../head.svg"')
    p = only(load(make_pack(manifest=text)))
    assert p.is_error and "outside the pack folder" in p.message


def test_wrong_art_types(manifest: str, make_pack: Builder, load: Loader) -> None:
    text = manifest.replace('"head.svg"', '"head.png"')
    p = only(load(make_pack(manifest=text, files={"head.png": "<svg/>"})))
    assert p.is_error and "not a PNG" in p.message
    text = manifest.replace('"head.svg"', '"head.jpg"')
    p = only(load(make_pack(manifest=text, files={"head.jpg": b"\xff\xd8\xff"})))
    assert "not SVG or PNG" in p.message and ".png" in p.hint
    p = only(load(make_pack(files={"head.svg": b"\x89PNG\r\n\x1a\n...."})))
    assert "not an SVG" in p.message


@pytest.mark.parametrize(("data", "wording"), [
    (bomb_png(20_000), "'head.png': 20000×20000 pixels (400 MP), above the 40 MP limit"),
    (png(64, 64, channels=4)[:300], "'head.png': the PNG data ends early: the file is cut short"),
])
def test_png_art_is_judged_before_qt_decodes_it(manifest: str, make_pack: Builder, load: Loader, data: bytes,
                                                wording: str) -> None:
    text = manifest.replace('"head.svg"', '"head.png"')
    p = only(load(make_pack(manifest=text, files={"head.png": data})))
    assert p.is_error and p.message.startswith(wording) and p.hint


def test_eye_needs_its_three_states(manifest: str, make_pack: Builder, load: Loader) -> None:
    text = manifest.replace(', closed = "eye_closed.svg"', "")
    p = only(load(make_pack(manifest=text)))
    assert p.is_error and p.key == "parts.eye.sprites" and "no closed sprite" in p.message
    assert p.line == line_of(text, 'open = "eye_open.svg"')


def test_mouth_needs_required_shapes_and_capitals(manifest: str, make_pack: Builder, load: Loader) -> None:
    text = manifest.replace(', D = "m.svg", E = "m.svg"', "")
    p = only(load(make_pack(manifest=text)))
    assert p.is_error and "shapes D, E" in p.message and "G and H are optional" in p.hint
    text = manifest.replace('X = "m.svg" }', 'X = "m.svg", g = "m.svg" }')
    p = only(load(make_pack(manifest=text)))
    assert p.severity is Severity.WARNING and p.key == "parts.mouth.sprites.g" and "write G" in p.hint


def test_unknown_role_parent_and_clip(manifest: str, make_pack: Builder, load: Loader) -> None:
    text = manifest.replace('role = "head"', 'role = "haed"')
    result = load(make_pack(manifest=text))
    assert [p.message for p in result.errors] == ['no part has role = "head"', "unknown role 'haed'"]
    assert result.errors[1].hint == "did you mean 'head'?"
    text = manifest.replace('parent = "body"', 'parent = "bdy"')
    p = only(load(make_pack(manifest=text)))
    assert p.key == "parts.head.parent" and "no part named 'bdy'" in p.message and "'body'" in p.hint
    text = manifest.replace('pivot = [50, 40]', 'pivot = [50, 40]\nclip = "body"')
    p = only(load(make_pack(manifest=text)))
    assert p.key == "parts.eye.clip" and "same parent" in p.message


def test_parent_cycle_is_an_error(manifest: str, make_pack: Builder, load: Loader) -> None:
    text = manifest.replace('role = "body"', 'role = "body"\nparent = "head"')
    result = load(make_pack(manifest=text))
    assert result.errors and any("circle" in p.message for p in result.errors)
    assert any("body → head → body" in p.message or "head → body → head" in p.message for p in result.errors)


def test_duplicate_and_missing_roles(manifest: str, make_pack: Builder, load: Loader) -> None:
    text = manifest.replace('pivot = [50, 60]', 'pivot = [50, 60]\n', 1).replace(
        'image = "head.svg"\nparent = "body"\nrole = "head"', 'image = "head.svg"\nparent = "body"\nrole = "body"')
    result = load(make_pack(manifest=text))
    messages = [p.message for p in result.errors]
    assert any("only one part may have role = \"body\"" in m for m in messages)
    assert any('no part has role = "head"' in m for m in messages)


def test_bad_values_are_located(manifest: str, make_pack: Builder, load: Loader) -> None:
    text = manifest.replace("pivot = [50, 60]", 'pivot = [50, "sixty"]')
    p = only(load(make_pack(manifest=text)))
    assert p.key == "parts.head.pivot" and "two numbers" in p.message and p.line == line_of(text, "sixty")
    text = manifest.replace("size = [100, 140]", "size = [100, 0]")
    p = only(load(make_pack(manifest=text)))
    assert p.key == "size" and "between" in p.message
    text = manifest.replace("format = 1", "format = 2")
    p = only(load(make_pack(manifest=text)))
    assert p.key == "format" and "unsupported" in p.message


@pytest.mark.parametrize(("old", "new", "key", "message"), [
    # A whole number too large for a float was a crash (float() overflowed) before the shared reader.
    ("z = 10\n", "z = 1" + "0" * 400 + "\n", "parts.head.z",
     "must be between -1e+06 and 1e+06, got 10000000000000000000…"),
    ("pivot = [50, 60]", "pivot = [50, 1" + "0" * 400 + "]", "parts.head.pivot",
     "must be between -560 and 700, got [50, 10000000000000000000…]"),
    ("z = 10\n", "z = inf\n", "parts.head.z", "must be a number, got the number inf"),
])
def test_huge_and_infinite_numbers_are_located_errors(manifest: str, make_pack: Builder, load: Loader, old: str,
                                                      new: str, key: str, message: str) -> None:
    text = manifest.replace(old, new, 1)
    p = only(load(make_pack(manifest=text)))
    assert (p.key, p.message, p.line) == (key, message, line_of(text, new.strip()[-10:]))


def test_pack_and_show_word_a_mistake_alike(manifest: str, make_pack: Builder, load: Loader, tmp_path: Path) -> None:
    # One located-TOML reader: the same slip reads the same in avatar.toml and in show.toml.
    from studio.show.loader import load_show

    pack = only(load(make_pack(manifest=manifest + "\n[motion]\nbreth = 2\n")))
    show = tmp_path / "show"
    (show / "products").mkdir(parents=True)
    (show / "show.toml").write_text('title = "t"\n[voice]\nrat = 2\n[rundowns.main]\nproducts = ["tea"]\n',
                                    encoding="utf-8")
    (show / "products" / "tea.toml").write_text('name = "x"\nprice = 1\npitch = ["hi"]\n', encoding="utf-8")
    (voice,) = load_show(show).problems
    assert (pack.severity, pack.message, pack.hint) == (Severity.WARNING, "unknown key 'breth' is ignored",
                                                        "did you mean 'breath'?")
    assert (voice.severity, voice.message, voice.hint) == (Severity.WARNING, "unknown key 'rat' is ignored",
                                                           "did you mean 'rate'?")


def test_expression_problems(manifest: str, make_pack: Builder, load: Loader) -> None:
    text = manifest.replace("[expressions.excited]", "[expressions.exited]")
    result = load(make_pack(manifest=text))
    errors = result.errors
    assert len(errors) == 1 and errors[0].key == "expressions.exited" and errors[0].hint == "did you mean 'excited'?"
    assert any(p.severity is Severity.WARNING and "'excited' is not defined" in p.message for p in result.problems)
    text = manifest.replace("mouth = { offset = [0, -1] }", 'mouht = { offset = [0, -1] }')
    p = only(load(make_pack(manifest=text)))
    assert p.key == "expressions.smile.mouht" and "'mouth'" in p.hint
    text = manifest.replace("mouth = { offset = [0, -1] }", 'mouth = { sprite = "grin" }')
    p = only(load(make_pack(manifest=text)))
    assert p.key == "expressions.smile.mouth.sprite" and "no sprite 'grin'" in p.message


def test_gesture_problems(manifest: str, make_pack: Builder, load: Loader) -> None:
    text = manifest.replace("[[gestures.nod.keys]]\nt = 0.5", "[[gestures.nod.keys]]\nt = 1.5")
    p = only(load(make_pack(manifest=text)))
    assert p.key == "gestures.nod.keys[0].t" and "between 0 and 1" in p.message and p.line == line_of(text, "t = 1.5")
    text = manifest.replace("[gestures.nod]\nduration = 1.0\n", "[gestures.nod]\n")
    p = only(load(make_pack(manifest=text)))
    assert p.key == "gestures.nod" and "no duration" in p.message
    text = manifest.replace(
        "[[gestures.nod.keys]]\nt = 0.5\nhead = { offset = [0, 3] }",
        "[[gestures.nod.keys]]\nt = 0.6\nhead = { offset = [0, 3] }\n[[gestures.nod.keys]]\nt = 0.2\n"
        'head = { offset = [0, 0] }\nease = "bounce"')
    result = load(make_pack(manifest=text))
    assert [p.key for p in result.errors] == ["gestures.nod.keys[1].t"]
    assert "time order" in result.errors[0].message
    text = manifest.replace("[gestures.wave]", "[gestures.wav]")
    result = load(make_pack(manifest=text))
    assert result.errors[0].key == "gestures.wav" and result.errors[0].hint == "did you mean 'wave'?"
    text = manifest.replace("head = { rotate = 3 }", "hed = { rotate = 3 }")
    p = only(load(make_pack(manifest=text)))
    assert p.key == "gestures.point.keys[0].hed" and "no part named 'hed'" in p.message


def test_aim_is_checked(manifest: str, make_pack: Builder, load: Loader) -> None:
    text = manifest.replace("[gestures.point]\nduration = 1.0",
                                    '[gestures.point]\nduration = 1.0\naim = { part = "hand", at = [200, 50] }')
    p = only(load(make_pack(manifest=text)))
    assert p.key == "gestures.point.aim.part" and "no part named 'hand'" in p.message


@pytest.mark.parametrize("bad", ["parts = 3", "[parts]\n", "[parts.head]\nimage = 5"])
def test_never_raises_on_odd_structure(make_pack: Builder, load: Loader, bad: str) -> None:
    text = "format = 1\nsize = [100, 140]\n" + bad
    result = load(make_pack(manifest=text))
    assert not result.ok and result.errors


def test_problems_sorted_by_line(manifest: str, make_pack: Builder, load: Loader) -> None:
    text = manifest.replace('"head.svg"', '"x.svg"').replace('"body.svg"', '"y.svg"')
    result = load(make_pack(manifest=text))
    lines = [p.line or 0 for p in result.problems]
    assert lines == sorted(lines) and len(lines) == 2


def test_pack_modules_do_not_import_qt() -> None:
    code = ("import sys, studio.avatar, studio.avatar.motion, studio.avatar.pack, studio.avatar.model, "
            "studio.avatar.manifest, studio.avatar.mouth, "
            "studio.avatar.layout; sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr


def test_the_documented_example_pack_loads(tmp_path: Path, load: Loader) -> None:
    """The complete example in docs/avatar-packs.md stays valid."""
    import re

    doc = (Path(__file__).resolve().parents[2] / "docs" / "avatar-packs.md").read_text(encoding="utf-8")
    section = doc.split("## A complete small example", 1)[1]
    manifest = re.search(r"```toml\n(.*?)```", section, re.S)
    assert manifest is not None
    text = manifest.group(1)
    (tmp_path / "avatar.toml").write_text(text, encoding="utf-8")
    for rel in set(re.findall(r'"(parts/[^"]+\.png)"', text)):
        target = tmp_path / rel
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(png(4, 4, channels=4))
    result = load(tmp_path)
    assert result.ok, [p.format() for p in result.problems]
    # Only the expressions and gestures it leaves out are mentioned.
    assert all(p.severity is Severity.WARNING and p.key in ("expressions", "gestures") for p in result.problems)
