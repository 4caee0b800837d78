"""The CLI dispatches every sub-command from one table, and `studio-gui` enters through it."""

from __future__ import annotations

import sys
import tomllib
from dataclasses import replace
from importlib import import_module
from pathlib import Path

import pytest

from studio.cli import COMMANDS, _parser, gui_main, main
from studio.cli.command import Handler

REPO = Path(__file__).resolve().parents[2]


def test_the_parser_declares_exactly_the_table_in_its_order() -> None:
    parser = _parser()
    sub = parser._subparsers._group_actions[0]  # type: ignore[union-attr]
    assert list(sub.choices) == [c.name for c in COMMANDS]
    assert parser.get_default("handlers") == {c.name: c.run for c in COMMANDS}


def test_every_handler_is_reached_through_the_table(monkeypatch: pytest.MonkeyPatch, state_home: Path) -> None:
    ran: list[str] = []

    def handler(name: str) -> Handler:
        return lambda args: ran.append(name) or 7

    monkeypatch.setattr("studio.cli.COMMANDS", tuple(replace(c, run=handler(c.name)) for c in COMMANDS))
    assert main(["check", "nowhere"]) == 7 and main(["demo-path"]) == 7
    assert ran == ["check", "demo-path"]


def test_the_entry_points_are_the_cli() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    entries = {**project["scripts"], **project["gui-scripts"]}
    assert entries == {"studio": "studio.cli:main", "studio-gui": "studio.cli:gui_main"}
    for target in entries.values():
        module, name = target.split(":")
        assert callable(getattr(import_module(module), name))


def test_studio_gui_is_studio_gui(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # A bad argument is refused by the `gui` sub-command's own types, before Qt loads.
    monkeypatch.setattr(sys, "argv", ["studio-gui", "--screenshot", "shot.txt"])
    with pytest.raises(SystemExit) as exc:
        gui_main()
    assert exc.value.code == 2
    assert capsys.readouterr().err.startswith("studio gui: --screenshot shot.txt: ")
