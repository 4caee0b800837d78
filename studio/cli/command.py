"""A `studio` sub-command as data: how its parser is declared and what runs it, registered from one table."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeAlias

Handler = Callable[[argparse.Namespace], int]
# What add_subparsers() returns: argparse has no public name for it (and it is generic only in the
# stubs, over the parser class: cliargs.Parser under `studio`, ArgumentParser in tests and scripts).
SubParsers: TypeAlias = "argparse._SubParsersAction[Any]"


@dataclass(frozen=True)
class Command:
    """One sub-command: `declare(subparsers, name)` adds its parser, `run(args)` returns the exit code."""

    name: str
    declare: Callable[[SubParsers, str], argparse.ArgumentParser]
    run: Handler


def register(sub: SubParsers, commands: Iterable[Command]) -> dict[str, Handler]:
    """Declare `commands` in order (the order `--help` lists them); returns their handlers by name."""
    handlers: dict[str, Handler] = {}
    for command in commands:
        command.declare(sub, command.name)
        handlers[command.name] = command.run
    return handlers
