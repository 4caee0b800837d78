"""Hand-over between the control server's threads and the owner's thread, plus a playout adapter.

The HTTP threads must never touch the playout (or Qt) directly. `StatusBoard` holds a snapshot
the owner refreshes on its own thread and the server reads; `CommandRelay` queues a command from
the server, and the owner runs it from its own thread with `run_pending()` (e.g. every 250 ms),
while the HTTP thread waits a moment for the result. `playout_status` and `playout_commands`
turn a `Playout` into the status dict and the command handler — call them on the owner's thread.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from studio.chat.server import COMMANDS, CommandRejected

log = logging.getLogger(__name__)

Handler = Callable[[str, dict[str, Any]], dict[str, Any]]


class StatusBoard:
    """A status snapshot written by the owner and read by the server (a thread-safe dict copy)."""

    def __init__(self, initial: dict[str, Any] | None = None) -> None:
        self._lock = threading.Lock()
        self._data: dict[str, Any] = dict(initial or {"live": False})

    def update(self, data: dict[str, Any]) -> None:
        with self._lock:
            self._data = dict(data)

    def __call__(self) -> dict[str, Any]:
        with self._lock:
            return dict(self._data)


@dataclass
class _Pending:
    command: str
    args: dict[str, Any]
    done: threading.Event = field(default_factory=threading.Event)
    result: dict[str, Any] | None = None
    error: str = ""
    abandoned: bool = False


class CommandRelay:
    """Carries commands from the server's threads to the owner's thread, and the results back."""

    def __init__(self, handler: Handler, timeout: float = 2.0) -> None:
        self.handler = handler
        self.timeout = timeout
        self._queue: queue.Queue[_Pending] = queue.Queue(maxsize=64)
        self._lock = threading.Lock()

    def __call__(self, command: str, args: dict[str, Any]) -> dict[str, Any]:
        """Called by the server: queue the command and wait for the owner to run it."""
        item = _Pending(command, dict(args))
        try:
            self._queue.put_nowait(item)
        except queue.Full:
            raise CommandRejected("too many commands waiting; the show is busy") from None
        if not item.done.wait(self.timeout):
            with self._lock:
                if not item.done.is_set():
                    item.abandoned = True  # too late now: it must not run after we said it failed
                    raise CommandRejected(f"the show did not take the command within {self.timeout:g} s")
        if item.error:
            raise CommandRejected(item.error)
        return item.result or {}

    def run_pending(self) -> int:
        """Run the queued commands on the calling (owner's) thread; how many ran."""
        ran = 0
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return ran
            with self._lock:
                if item.abandoned:
                    continue
                try:
                    item.result = self.handler(item.command, item.args)
                except CommandRejected as exc:
                    item.error = str(exc)
                except Exception as exc:  # a bug in a command must not kill the owner's loop
                    log.exception("control API: command %s failed", item.command)
                    item.error = f"the command failed: {type(exc).__name__}"
                item.done.set()
            ran += 1


def playout_status(playout: Any, t: float | None = None) -> dict[str, Any]:
    """Now playing, up next and health of a `studio.runner.playout.Playout` (owner's thread only)."""
    t = playout.t if t is None else t
    state = playout.state_at(t)
    entry = state.entry
    now = None
    if entry is not None:
        seg = entry.segment
        now = {"kind": seg.kind, "product": seg.product, "line": seg.line_id, "text": seg.text,
               "speaking": state.speaking}
    stats = playout.stats
    asrun = getattr(playout, "asrun", None)
    return {
        "live": True,
        "status": playout.status,
        "program_seconds": round(t, 3),
        "now_playing": now,
        "up_next": [{"kind": s.kind, "product": s.product, "line": s.line_id, "text": s.text}
                    for s in playout.up_next()],
        "health": {"aired": stats.aired, "skipped": stats.skipped, "failed": stats.failed,
                   "blocked": stats.blocked, "waiting_seconds": round(stats.waiting_seconds, 3)},
        # Whether the as-run records reach the disk (None: not recorded, e.g. a preview).
        "asrun": asrun.health().to_json() if asrun is not None else None,
    }


def playout_commands(playout: Any) -> Handler:
    """A command handler driving `playout` (run it on the owner's thread, e.g. via `CommandRelay`)."""

    def run(command: str, args: dict[str, Any]) -> dict[str, Any]:
        if command == "skip":
            playout.skip_line()
        elif command == "next_product":
            playout.next_product()
        elif command == "interrupt":
            try:
                playout.interrupt_with_product(args["product"])
            except KeyError:
                raise CommandRejected(f"no product {args.get('product')!r} in the show") from None
        elif command == "pause":
            playout.pause()
        elif command == "resume":
            playout.resume()
        else:
            raise CommandRejected(f"unknown command {command!r}; one of: {', '.join(COMMANDS)}")
        return {"status": playout.status}

    return run
