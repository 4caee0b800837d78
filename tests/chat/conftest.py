"""Chat fixtures: the demo show, inboxes on a manual clock, and a running control server."""

from __future__ import annotations

import http.client
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pytest

from studio.chat.inbox import ChatEvent, ChatSettings, CommentInbox
from studio.chat.moderation import Moderator
from studio.chat.server import ControlServer, RateLimits
from studio.compliance.checker import Checker
from studio.core.assets import demo_show_path
from studio.core.clock import ManualClock
from studio.show.loader import load_show
from studio.show.model import Show

TOKEN = "test-token-" + "k" * 40
THURSDAY_AFTERNOON = datetime(2026, 11, 26, 14, 0)


@pytest.fixture(scope="session")
def show() -> Show:
    """The bundled demo show, loaded once."""
    result = load_show(demo_show_path())
    assert result.ok and result.show is not None
    return result.show


@pytest.fixture(scope="session")
def checker(show: Show) -> Checker:
    """The compliance checker with the demo show's lists (what the live session uses)."""
    return Checker(lists=show.compliance)


@pytest.fixture(scope="session")
def moderator(show: Show, checker: Checker) -> Moderator:
    return Moderator(show.compliance, show.language, checker=checker)


@dataclass
class Box:
    """An inbox with its manual clock and the events it recorded."""

    inbox: CommentInbox
    clock: ManualClock
    events: list[ChatEvent] = field(default_factory=list)


@pytest.fixture
def make_inbox(show: Show, moderator: Moderator) -> Callable[..., Box]:
    """`make_inbox(on_air="tea", **settings)`: a fresh inbox on a manual clock."""

    def build(on_air: str | None = "tea", the_show: Show | None = None, **settings: Any) -> Box:
        clock = ManualClock(THURSDAY_AFTERNOON, monotonic=1000.0)
        events: list[ChatEvent] = []
        s = the_show or show
        inbox = CommentInbox(s, clock=clock, settings=ChatSettings(**settings), record=events.append,
                             moderator=moderator if the_show is None else None)
        inbox.set_on_air(on_air)
        return Box(inbox, clock, events)

    return build


@dataclass
class Reply:
    """An HTTP answer: status, JSON body and headers."""

    status: int
    body: dict[str, Any]
    headers: dict[str, str]


def request(port: int, method: str, path: str, body: Any = None, *, token: str | None = TOKEN,
            host: str | None = None, headers: dict[str, str] | None = None, raw: bytes | None = None,
            content_type: str | None = "application/json") -> Reply:
    """One request to the control server, with every header under the test's control."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        conn.putheader("Host", host if host is not None else f"127.0.0.1:{port}")
        if token is not None:
            conn.putheader("Authorization", f"Bearer {token}")
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode("utf-8"))
        if data is not None:
            if content_type is not None:
                conn.putheader("Content-Type", content_type)
            if not (headers and "Content-Length" in headers):
                conn.putheader("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            conn.putheader(k, v)
        conn.endheaders()
        if data is not None:
            conn.send(data)
        resp = conn.getresponse()
        payload = resp.read()
        return Reply(resp.status, json.loads(payload.decode("utf-8")), dict(resp.getheaders()))
    finally:
        conn.close()


@dataclass
class Running:
    """A started control server and what it calls."""

    server: ControlServer
    box: Box
    commands: list[tuple[str, dict[str, Any]]]

    @property
    def port(self) -> int:
        return self.server.port


@pytest.fixture
def running(make_inbox: Callable[..., Box]) -> Iterator[Running]:
    """A control server on an ephemeral loopback port over a fresh inbox; closed after the test."""
    box = make_inbox()
    seen: list[tuple[str, dict[str, Any]]] = []

    def commands(name: str, args: dict[str, Any]) -> dict[str, Any]:
        seen.append((name, args))
        return {"status": "on_air"}

    server = ControlServer(box.inbox, lambda: {"live": True, "status": "on_air"}, commands, TOKEN,
                           clock=box.clock, limits=RateLimits(requests=(1000, 10.0)))
    server.start()
    try:
        yield Running(server, box, seen)
    finally:
        server.close()
