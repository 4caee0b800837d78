"""The `studio` command: exit codes, located output relative to what was typed, JSON, -q, new."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from studio import __version__
from studio.cli import main
from studio.core.assets import demo_show_path

LINE = re.compile(r"^(?P<file>[^:]+?)(:(?P<line>\d+))?: (?P<severity>error|warning): ")

GOOD_SHOW = 'title = "t"\n\n[rundowns.main]\nproducts = ["tea"]\n'
GOOD_PRODUCT = 'name = "明前龙井"\nprice = 168\npitch = ["今天只要{price}元"]\n'
# One error (price, line 2) and one warning (unknown key, line 3) in the product file.
BROKEN_PRODUCT = 'name = "明前龙井"\nprice = "abc"\nprcie = 1\npitch = ["hi"]\n'


@pytest.fixture(autouse=True)
def _isolated(state_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def write_show(folder: Path, product: str = GOOD_PRODUCT, show: str = GOOD_SHOW) -> Path:
    (folder / "products").mkdir(parents=True)
    (folder / "show.toml").write_text(show, encoding="utf-8")
    (folder / "products" / "tea.toml").write_text(product, encoding="utf-8")
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# ---- check --------------------------------------------------------------------------------------

def test_check_demo_show_exits_0(capsys) -> None:
    code, out, err = run(capsys, "check", str(demo_show_path()))
    assert code == 0
    assert " error: " not in out
    assert "OK — " in err and "products" in err and "0 errors" in err


def test_check_clean_show_prints_nothing_but_the_summary(capsys, tmp_path: Path) -> None:
    write_show(tmp_path / "good")
    code, out, err = run(capsys, "check", "good")
    assert (code, out) == (0, "")
    assert err.strip() == "good: OK — 1 products, 1 rundowns, 0 schedule windows (0 errors, 0 warnings)"


def test_check_broken_show_exits_1_with_located_lines(capsys, tmp_path: Path) -> None:
    write_show(tmp_path / "shows" / "broken", BROKEN_PRODUCT)
    code, out, err = run(capsys, "check", "shows/broken")
    assert code == 1
    lines = out.splitlines()
    assert lines == [
        'shows/broken/products/tea.toml:2: error: price: must be a number, got text "abc" '
        "(write price = 168.5, without a currency sign or words)",
        "shows/broken/products/tea.toml:3: warning: prcie: unknown key 'prcie' is ignored (did you mean 'price'?)",
    ]
    for line in lines:
        m = LINE.match(line)
        assert m and Path(m["file"]).is_file()  # the path works from where the user is
    assert "cannot run — 1 error, 1 warning" in err


def test_check_by_show_toml_path_gives_the_same_paths(capsys, tmp_path: Path) -> None:
    write_show(tmp_path / "broken", BROKEN_PRODUCT)
    code, out, _ = run(capsys, "check", "broken/show.toml")
    assert code == 1
    assert out.splitlines()[0].startswith("broken/products/tea.toml:2: error: price: ")


def test_check_current_folder(capsys, tmp_path: Path, monkeypatch) -> None:
    write_show(tmp_path / "here", BROKEN_PRODUCT)
    monkeypatch.chdir(tmp_path / "here")
    code, out, _ = run(capsys, "check", ".")
    assert code == 1
    assert out.splitlines()[0].startswith("products/tea.toml:2: error: ")


def test_check_absolute_path(capsys, tmp_path: Path) -> None:
    root = write_show(tmp_path / "abs", BROKEN_PRODUCT)
    code, out, _ = run(capsys, "check", str(root))
    assert code == 1
    assert out.splitlines()[0].startswith(f"{root.as_posix()}/products/tea.toml:2: error: ")


def test_check_missing_folder(capsys) -> None:
    code, out, _ = run(capsys, "check", "nope")
    assert code == 1
    assert out.strip() == "nope: error: no such folder (give the folder that holds show.toml)"


def test_check_missing_folder_given_as_show_toml(capsys) -> None:
    code, out, _ = run(capsys, "check", "nope/show.toml")
    assert code == 1
    assert out.strip() == "nope: error: no such folder (give the folder that holds show.toml)"


def test_check_folder_without_show_toml(capsys, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, out, _ = run(capsys, "check", "empty")
    assert code == 1
    assert out.startswith("empty/show.toml: error: no show.toml in empty ")


def test_quiet_hides_warnings(capsys, tmp_path: Path) -> None:
    write_show(tmp_path / "broken", BROKEN_PRODUCT)
    code, out, _ = run(capsys, "check", "-q", "broken")
    assert code == 1
    assert len(out.splitlines()) == 1 and ": error: " in out and "warning" not in out


def test_quiet_on_warnings_only_exits_0_silently(capsys, tmp_path: Path) -> None:
    write_show(tmp_path / "warn", GOOD_PRODUCT + "prcie = 1\n")
    code, out, _ = run(capsys, "check", "warn")
    assert code == 0 and ": warning: prcie:" in out
    code, out, _ = run(capsys, "check", "--quiet", "warn")
    assert (code, out) == (0, "")


def test_json_report(capsys, tmp_path: Path) -> None:
    write_show(tmp_path / "broken", BROKEN_PRODUCT)
    code, out, err = run(capsys, "check", "--json", "broken")
    assert code == 1 and err == ""
    report = json.loads(out)
    assert set(report) == {"show", "ok", "errors", "warnings", "notes", "problems"}
    assert (report["show"], report["ok"], report["errors"], report["warnings"]) == ("broken", False, 1, 1)
    first, second = report["problems"]
    assert set(first) == {"severity", "file", "line", "key", "message", "hint", "path"}
    assert first == {
        "severity": "error", "file": "products/tea.toml", "line": 2, "key": "price",
        "message": 'must be a number, got text "abc"', "hint": "write price = 168.5, without a currency sign or words",
        "path": "broken/products/tea.toml",
    }
    assert (second["severity"], second["line"], second["key"]) == ("warning", 3, "prcie")


def test_json_report_for_the_demo(capsys) -> None:
    code, out, _ = run(capsys, "check", "--json", str(demo_show_path()))
    report = json.loads(out)
    assert code == 0 and report["ok"] is True and report["errors"] == 0
    assert report["warnings"] == len(report["problems"])
    for p in report["problems"]:
        assert set(p) == {"severity", "file", "line", "key", "message", "hint", "path"}
        assert p["path"].endswith(p["file"])


def test_json_keeps_chinese_readable(capsys, tmp_path: Path) -> None:
    write_show(tmp_path / "zh", 'name = "龙井"\nprice = "十元"\npitch = ["hi"]\n')
    _, out, _ = run(capsys, "check", "--json", "zh")
    assert "十元" in out
    assert json.loads(out)["problems"][0]["message"] == 'must be a number, got text "十元"'


def test_check_output_keeps_one_line_per_problem(capsys, tmp_path: Path) -> None:
    # A value with a newline, an escape sequence or a bidi override must not break the
    # `file:line: error:` lines editors parse (JSON keeps the value as it is).
    write_show(tmp_path / "nl", 'name = "x"\nprice = "a\\nb\\u001b[2J\\u202e"\npitch = ["hi"]\n')
    code, out, err = run(capsys, "check", "nl")
    assert code == 1
    assert out == ('nl/products/tea.toml:2: error: price: must be a number, got text "a\\nb\\x1b[2J\\u202e" '
                   "(write price = 168.5, without a currency sign or words)\n")
    _, out, _ = run(capsys, "check", "--json", "nl")
    assert json.loads(out)["problems"][0]["message"] == 'must be a number, got text "a\nb\x1b[2J\u202e"'
    code, out, err = run(capsys, "check", "new\nline")
    assert out == "new\\nline: error: no such folder (give the folder that holds show.toml)\n"
    assert err == "new\\nline: cannot run — 1 error, 0 warnings\n"


# ---- usage errors -------------------------------------------------------------------------------

def test_no_command_is_a_usage_error(capsys) -> None:
    code, out, err = run(capsys)
    assert code == 2
    assert "usage: studio" in err and out == ""


@pytest.mark.parametrize("argv", [
    ["bogus"],
    ["check"],
    ["new"],
    ["check", "x", "--nope"],
    ["new", "x", "--language"],
])
def test_usage_errors_exit_2(capsys, argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert "usage: studio" in capsys.readouterr().err


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"studio {__version__}"


def test_help_exits_0(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check", "--help"])
    assert exc.value.code == 0
    assert "--json" in capsys.readouterr().out


def test_demo_path(capsys) -> None:
    code, out, _ = run(capsys, "demo-path")
    assert code == 0
    assert Path(out.strip()) == demo_show_path()
    assert (Path(out.strip()) / "show.toml").is_file()


def test_unexpected_failure_is_one_line_and_exit_1(capsys, monkeypatch, state_home: Path) -> None:
    def boom(_path: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("studio.cli.show.check_show", boom)
    code, out, err = run(capsys, "check", "anything")
    assert code == 1 and out == ""
    assert err.startswith("studio: unexpected error: RuntimeError: boom (details in ")
    log = state_home / "studio" / "studio.log"
    assert "Traceback" in log.read_text(encoding="utf-8")


# ---- new ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("language", ["zh-CN", "en-US"])
def test_new_creates_a_show_that_checks_clean(capsys, tmp_path: Path, language: str) -> None:
    code, out, err = run(capsys, "new", "fresh", "--language", language, "--title", "Night market")
    assert code == 0
    assert out.splitlines() == ["created fresh/show.toml", "created fresh/products/sample.toml"]
    assert "next: studio check fresh" in err
    code, out, err = run(capsys, "check", "fresh")
    assert (code, out) == (0, "")
    assert "(0 errors, 0 warnings)" in err


def test_new_default_is_chinese(capsys, tmp_path: Path) -> None:
    assert run(capsys, "new", "zh")[0] == 0
    assert 'language = "zh-CN"' in (tmp_path / "zh" / "show.toml").read_text(encoding="utf-8")


def test_new_on_a_non_empty_folder_fails(capsys, tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    code, out, err = run(capsys, "new", "taken")
    assert code == 1 and out == ""
    assert err.startswith("studio new: ") and "not empty" in err
    assert sorted(p.name for p in (tmp_path / "taken").iterdir()) == ["notes.txt"]


def test_new_with_a_bad_language_is_a_usage_error(capsys, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["new", "x", "--language", "english please"])
    assert exc.value.code == 2
    assert capsys.readouterr().err == ("studio new: --language 'english please': is not a language tag "
                                       "(write zh-CN, en-US, …)\n")
    assert not (tmp_path / "x").exists()


# ---- the real entry point -----------------------------------------------------------------------

def test_python_m_studio_check_runs(tmp_path: Path, state_home: Path) -> None:
    write_show(tmp_path / "broken", BROKEN_PRODUCT)
    env = {**os.environ, "XDG_STATE_HOME": str(state_home), "PYTHONIOENCODING": "utf-8"}
    repo = Path(__file__).resolve().parents[1]
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(repo), env.get("PYTHONPATH")]))
    demo = subprocess.run([sys.executable, "-m", "studio", "check", str(demo_show_path())],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=60)
    assert demo.returncode == 0, demo.stderr
    assert "OK — " in demo.stderr
    broken = subprocess.run([sys.executable, "-m", "studio", "check", "broken"], cwd=tmp_path,
                            capture_output=True, text=True, encoding="utf-8", env=env, timeout=60)
    assert broken.returncode == 1
    assert broken.stdout.startswith("broken/products/tea.toml:2: error: price: ")


def test_output_in_a_legacy_code_page_does_not_crash(monkeypatch, tmp_path: Path) -> None:
    # `studio check show > out.txt` on an English Windows writes cp1252, which has no Chinese.
    import io
    write_show(tmp_path / "zh", 'name = "龙井"\nprice = "十元"\npitch = ["hi"]\n')
    for argv in (["check", "zh"], ["check", "--json", "zh"]):
        out = io.TextIOWrapper(io.BytesIO(), encoding="cp1252")
        err = io.TextIOWrapper(io.BytesIO(), encoding="cp1252")
        monkeypatch.setattr(sys, "stdout", out)
        monkeypatch.setattr(sys, "stderr", err)
        assert main(argv) == 1
        out.flush()
        text = out.buffer.getvalue().decode("cp1252")
        assert "unexpected error" not in text
        if "--json" in argv:
            assert json.loads(text)["problems"][0]["message"] == 'must be a number, got text "十元"'
        else:
            assert text.startswith("zh/products/tea.toml:2: error: price: ")
            assert "\\u5341\\u5143" in text
