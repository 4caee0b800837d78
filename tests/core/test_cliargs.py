"""studio.core.cliargs: the argument types every command shares, in-process (the real CLI runs in test_cli_args)."""

from __future__ import annotations

import argparse
import os
from datetime import date, datetime
from pathlib import Path

import pytest

from studio.core import cliargs
from studio.core.cliargs import BadValue


@pytest.mark.parametrize(("check", "text", "value"), [
    (cliargs.port(), "1", 1),
    (cliargs.port(), " 65535 ", 65535),
    (cliargs.port(any_port=True), "0", 0),
    (cliargs.whole(1, 10), "+7", 7),
    (cliargs.seed, "4294967295", 2**32 - 1),
    (cliargs.real(0.0, 1.0), "0", 0.0),
    (cliargs.real(0.0, 1.0), "1e0", 1.0),
    (cliargs.real(0.0, 1440.0, above_lo=True), "0.15", 0.15),
    (cliargs.seconds_to_run, "1000000", 1_000_000.0),
    (cliargs.day, "2026-11-11", date(2026, 11, 11)),
    (cliargs.moment, "2026-11-11 20:05", datetime(2026, 11, 11, 20, 5)),
    (cliargs.moment, "2026-11-11T20:05:30", datetime(2026, 11, 11, 20, 5, 30)),
    (cliargs.language, "zh-Hant-TW", "zh-Hant-TW"),
    (cliargs.text(), "  多少钱？ ", "  多少钱？ "),
])
def test_good_values_are_returned_converted(check, text: str, value: object) -> None:
    assert check(text) == value


def test_a_time_of_day_means_today() -> None:
    value = cliargs.moment("20:05")
    assert (value.hour, value.minute, value.second, value.tzinfo) == (20, 5, 0, None)
    assert value.date() == datetime.now().date() or abs((value.date() - datetime.now().date()).days) == 1


@pytest.mark.parametrize(("check", "text", "what"), [
    (cliargs.port(), "0", "must be from 1 to 65535"),
    (cliargs.port(), "65536", "must be from 1 to 65535"),
    (cliargs.port(), "8080.0", "is not a whole number"),
    (cliargs.port(), "0x50", "is not a whole number"),
    (cliargs.port(), "١٢٣", "is not a whole number"),  # Arabic-Indic digits: int() takes them, a port is ASCII
    (cliargs.port(), "", "is empty"),
    (cliargs.port(), "9" * 100_000, "must be from 1 to 65535"),  # never int() of 100,000 digits
    (cliargs.port(), "-" + "9" * 100, "must be from 1 to 65535"),
    (cliargs.real(0.0, 1.0), "nan", "is not a finite number"),
    (cliargs.real(0.0, 1.0), "-inf", "is not a finite number"),
    (cliargs.real(0.0, 1.0), "1e309", "is not a finite number"),
    (cliargs.real(0.0, 1.0), "1,5", "is not a number"),
    (cliargs.real(0.0, 1.0), "-0.0001", "must be at least 0 and at most 1"),
    (cliargs.real(0.0, 10.0, above_lo=True), "0", "must be more than 0 and at most 10"),
    (cliargs.day, "2026-02-29", "is not a date"),
    (cliargs.moment, "24:00", "is not a time"),
    (cliargs.language, "zh_CN!", "is not a language tag"),
    (cliargs.text(max_length=3), "abcd", "is 4 characters long; at most 3"),
    (cliargs.text(), "a\x00b", "contains a NUL character"),
])
def test_bad_values_say_what_is_wrong(check, text: str, what: str) -> None:
    with pytest.raises(BadValue) as exc:
        check(text)
    assert exc.value.what == what


def test_output_file_rules(tmp_path: Path) -> None:
    png = cliargs.output_file([".png"], "a PNG image")
    assert png(str(tmp_path / "Frame.PNG")) == tmp_path / "Frame.PNG"  # the extension in any case
    (tmp_path / "old.png").write_bytes(b"x")
    assert png(str(tmp_path / "old.png")) == tmp_path / "old.png"  # overwriting one's own output is fine
    for value, what in [
        (str(tmp_path), "is a folder"),
        (str(tmp_path / "x.jpg"), "the file is written as a PNG image, so its name must end in .png"),
        (str(tmp_path / "no" / "x.png"), f"the folder {(tmp_path / 'no').as_posix()} does not exist"),
        (str(tmp_path / "old.png" / "x.png"), f"{(tmp_path / 'old.png').as_posix()} is a file, not a folder"),
        ("x\n.png", "has a control or invisible character in its name"),
        ("x\u202e.png", "has a control or invisible character in its name"),
        (os.fsdecode(b"\xff.png"), "has bytes that are not UTF-8 in its name"),
    ]:
        with pytest.raises(BadValue) as exc:
            png(value)
        assert exc.value.what == what, value


def test_output_folder_may_be_new_and_nested(tmp_path: Path) -> None:
    folder = cliargs.output_folder("the recordings")
    assert folder(str(tmp_path / "a" / "b")) == tmp_path / "a" / "b"
    (tmp_path / "f").write_text("x")
    with pytest.raises(BadValue, match="is a file, not a folder"):
        folder(str(tmp_path / "f"))
    with pytest.raises(BadValue, match=f"{(tmp_path / 'f').as_posix()} is a file, not a folder"):
        folder(str(tmp_path / "f" / "deeper" / "still"))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="needs POSIX permissions and a user that obeys them (not root)")
def test_unwritable_places_are_refused(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "old.png").write_bytes(b"x")
    os.chmod(locked / "old.png", 0o444)
    os.chmod(locked, 0o555)
    try:
        with pytest.raises(BadValue, match="cannot write in"):
            cliargs.output_file([".png"], "a PNG image")(str(locked / "new.png"))
        with pytest.raises(BadValue, match="cannot be written"):
            cliargs.output_folder("x")(str(locked))
    finally:
        os.chmod(locked, 0o755)


def test_show_folder_and_input_file(symlink, tmp_path: Path) -> None:
    (tmp_path / "show").mkdir()
    (tmp_path / "show" / "show.toml").write_text("title = 't'\n")
    folder = cliargs.show_folder()
    assert folder(str(tmp_path / "show")) == tmp_path / "show"
    assert folder(str(tmp_path / "show" / "show.toml")) == tmp_path / "show" / "show.toml"
    assert cliargs.show_folder(must_exist=False)(str(tmp_path / "nope")) == tmp_path / "nope"
    symlink(tmp_path / "loop", tmp_path / "loop")
    loop = "is a symbolic link loop: it, or a folder above it, leads back to itself"
    for value, what in [(str(tmp_path / "nope"), "no such folder"),
                        (str(tmp_path / "show" / "notes.txt"), "no such folder"),
                        (str(tmp_path / "loop"), loop),
                        (str(tmp_path / "loop" / "sub"), loop),
                        (str(tmp_path / ("x" * 300)), "is too long a name for the file system"),
                        ("", "is empty")]:
        with pytest.raises(BadValue) as exc:
            folder(value)
        assert exc.value.what == what, value
    csv = cliargs.input_file("the CSV file")
    with pytest.raises(BadValue, match="is a folder, not a file"):
        csv(str(tmp_path))
    with pytest.raises(BadValue, match="no such file"):
        csv(str(tmp_path / "x.csv"))


@pytest.mark.parametrize(("value", "shown"), [
    ("tea", "tea"),
    ("", "''"),
    ("a b", "'a b'"),
    ("a\nb", "'a\\nb'"),
    ("\u202eabc", "'\\u202eabc'"),
    (os.fsdecode(b"x\xffy"), "'x\\xffy'"),
    ("明前龙井", "明前龙井"),
    ("x" * 100, "x" * 59 + "…"),
    ("it's", "'it\\'s'"),
])
def test_values_are_shown_on_one_line(value: str, shown: str) -> None:
    assert cliargs.shown(value) == shown


def test_the_parser_prints_one_line_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    parser = cliargs.Parser(prog="studio")
    sub = parser.add_subparsers(dest="command")
    live = sub.add_parser("live")
    live.add_argument("--control-port", type=cliargs.port(any_port=True), default=0)
    assert parser.parse_args(["live", "--control-port", "8080"]).control_port == 8080
    with pytest.raises(SystemExit) as exc:
        parser.parse_args(["live", "--control-port", "65536"])
    assert exc.value.code == 2
    assert capsys.readouterr().err == ("studio live: --control-port 65536: must be from 0 to 65535 "
                                       "(0 means any free port)\n")


def test_a_plain_argparse_parser_still_reports_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser(prog="studio")
    parser.add_argument("--port", type=cliargs.port())
    with pytest.raises(SystemExit) as exc:
        parser.parse_args(["--port", "nan"])
    assert exc.value.code == 2
    assert "argument --port: is not a whole number (give a whole number from 1 to 65535)" in capsys.readouterr().err


def test_argparse_own_errors_keep_the_usage_but_escape_the_value(capsys: pytest.CaptureFixture[str]) -> None:
    parser = cliargs.Parser(prog="studio")
    parser.add_argument("--card", choices=["show", "hide"])
    with pytest.raises(SystemExit):
        parser.parse_args(["--card", "x\x1b[2J"])
    err = capsys.readouterr().err
    assert err.startswith("usage: studio") and "\x1b" not in err and len(err.splitlines()) == 2


def test_usage_error_for_checks_after_parsing(capsys: pytest.CaptureFixture[str]) -> None:
    assert cliargs.usage_error("render", "--product", "tae", "no such product", "did you mean 'tea'?") == 2
    assert capsys.readouterr().err == "studio render: --product tae: no such product (did you mean 'tea'?)\n"
