"""A `studio` sub-command as data: how its parser is declared and what runs it, registered from one table."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from dataclasses import dataclass

Handler = Callable[[argparse.Namespace], int]
SubParsers = argparse._SubParsersAction  # type: ignore[type-arg]  # argparse has no public name for it


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
