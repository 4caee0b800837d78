"""The control server's security and API: every request is checked, every answer is JSON."""

from __future__ import annotations

import argparse
import json
import os
import socket
import stat
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from studio.chat import server as server_module
from studio.chat.remote import CommandRelay, StatusBoard
from studio.chat.server import (
    MAX_BODY,
    CommandRejected,
    ControlServer,
    RateLimits,
    ensure_token,
    read_token,
    token_path,
)
from studio.cli import chat as chat_commands
from studio.cli.command import register
from studio.core.live_registry import ShowLock, find_live, live_shows
from studio.core.logs import write_private

from .conftest import TOKEN, Box, Running, request

COMMENT = {"user": "小王", "text": "多少钱"}


def _security_cases(port: int) -> list[tuple[str, dict[str, Any], int]]:
    good = f"127.0.0.1:{port}"
    return [
        ("correct", {}, 200),
        ("localhost host", {"host": f"localhost:{port}"}, 200),
        ("no token", {"token": None}, 401),
        ("wrong token", {"token": "not-the-token-" + "x" * 40}, 401),
        ("token prefix", {"token": TOKEN[:-1]}, 401),
        ("basic auth", {"token": None, "headers": {"Authorization": f"Basic {TOKEN}"}}, 401),
        ("wrong host", {"host": f"evil.example:{port}"}, 403),
        ("rebound host", {"host": "attacker.example"}, 403),
        ("host without port", {"host": "127.0.0.1"}, 403),
        ("other port", {"host": f"127.0.0.1:{port + 1}"}, 403),
        ("two hosts", {"headers": {"Host": good}}, 403),
        ("web origin", {"headers": {"Origin": "https://evil.example"}}, 403),
        ("null origin", {"headers": {"Origin": "null"}}, 403),
        ("local origin", {"headers": {"Origin": f"http://{good}"}}, 403),
        ("browser fetch", {"headers": {"Sec-Fetch-Site": "cross-site"}}, 403),
        ("oversize body", {"raw": b"{" + b" " * MAX_BODY + b"}"}, 413),
        ("lying length", {"raw": b"{}", "headers": {"Content-Length": "99999999"}}, 413),
        ("not json", {"raw": b"user=a&text=b"}, 400),
        ("json array", {"raw": b'["a"]'}, 400),
        ("bad utf-8", {"raw": b'{"text": "\xff"}'}, 400),
        ("deep nesting", {"raw": b"[" * 2000 + b"]" * 2000}, 400),
        ("form post", {"content_type": "application/x-www-form-urlencoded"}, 415),
        ("no content type", {"content_type": None}, 415),
        ("text not a string", {"raw": json.dumps({"user": "a", "text": 5}).encode()}, 400),
        ("empty text", {"raw": json.dumps({"user": "a", "text": "  "}).encode()}, 400),
    ]


def test_security_table(running: Running) -> None:
    port = running.port
    for name, options, expected in _security_cases(port):
        reply = request(port, "POST", "/comments", COMMENT, **options)
        assert reply.status == expected, (name, reply.body)
        assert isinstance(reply.body, dict) and reply.body["ok"] is (expected == 200), name
        if expected != 200:
            assert reply.body["error"] and "Traceback" not in reply.body["error"], name
        if expected == 401:
            assert reply.headers["WWW-Authenticate"].startswith("Bearer"), name
            assert TOKEN not in reply.body["error"]
    # Only the two correct requests reached the inbox.
    assert running.box.inbox.stats()["received"] == 2


def test_refused_requests_never_reach_the_callbacks(running: Running) -> None:
    for options in ({"token": None}, {"host": "evil.example"}, {"headers": {"Origin": "https://x.example"}}):
        assert request(running.port, "GET", "/status", **options).status in (401, 403)
        assert request(running.port, "POST", "/commands", {"command": "skip"}, **options).status in (401, 403)
    assert running.commands == [] and running.box.inbox.stats()["received"] == 0


def test_routes_and_methods(running: Running) -> None:
    port = running.port
    assert request(port, "GET", "/nowhere").status == 404
    reply = request(port, "GET", "/comments")
    assert reply.status == 405 and reply.headers["Allow"] == "POST"
    assert request(port, "DELETE", "/status").status == 405
    assert request(port, "OPTIONS", "/comments", token=None).status == 401  # no CORS preflight passes
    assert request(port, "GET", "/status?x=1").status == 200


def test_malformed_requests_get_json_errors(running: Running) -> None:
    for line in (b"GET / HTTP/1.1 and more", b"GET / HTTP/x.y"):
        with socket.create_connection(("127.0.0.1", running.port), timeout=5) as s:
            s.sendall(line + b"\r\n\r\n")
            data = b""
            while chunk := s.recv(65536):
                data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        assert head.split(b" ")[1] == b"400", data
        assert json.loads(body)["ok"] is False and b"application/json" in head


def test_a_comment_is_answered_with_its_rule(running: Running) -> None:
    reply = request(running.port, "POST", "/comments", COMMENT)
    assert reply.status == 200
    assert reply.body == {"ok": True, "outcome": "queued", "rule": "tea/faq1", "product": "tea",
                          "answer": "小王，明前西湖龙井 250g今天直播间价格是168元，点击下方小黄车 1号链接。"}
    assert reply.headers["Content-Type"] == "application/json; charset=utf-8"
    dropped = request(running.port, "POST", "/comments", {"user": "b", "text": "zuijia的是哪个"})
    assert dropped.status == 200 and dropped.body["outcome"] == "dropped"
    assert dropped.body["reason"].startswith("banned word")
    assert running.box.inbox.pending() == 1


def test_comments_flood_per_user_then_overall(running: Running) -> None:
    port, clock = running.port, running.box.clock
    for i in range(5):
        assert request(port, "POST", "/comments", {"user": "spammer", "text": f"多少钱{i}"}).status == 200
    reply = request(port, "POST", "/comments", {"user": "spammer", "text": "多少钱"})
    assert reply.status == 429 and int(reply.headers["Retry-After"]) >= 1
    assert "this user" in reply.body["error"]
    # The same name in another disguise is the same sender.
    assert request(port, "POST", "/comments", {"user": "ＳＰＡＭＭＥＲ", "text": "hi"}).status == 429
    assert request(port, "POST", "/comments", {"user": "someone", "text": "hi"}).status == 200
    clock.advance(10)
    assert request(port, "POST", "/comments", {"user": "spammer", "text": "你好"}).status == 200
    # Overall: 50 comments in 10 s, whoever sends them.
    clock.advance(10)
    statuses = [request(port, "POST", "/comments", {"user": f"u{i}", "text": "hello"}).status for i in range(51)]
    assert statuses[:50] == [200] * 50 and statuses[50] == 429


def test_request_flood_is_limited(make_inbox: Callable[..., Box]) -> None:
    box = make_inbox()
    with ControlServer(box.inbox, lambda: {"live": True}, lambda c, a: {}, TOKEN, clock=box.clock,
                       limits=RateLimits(requests=(20, 10.0))) as server:
        statuses = [request(server.port, "GET", "/status").status for _ in range(25)]
        assert statuses[:20] == [200] * 20 and set(statuses[20:]) == {429}
        box.clock.advance(10)
        assert request(server.port, "GET", "/status").status == 200


def test_status_reports_the_show_and_the_inbox(running: Running) -> None:
    request(running.port, "POST", "/comments", COMMENT)
    reply = request(running.port, "GET", "/status")
    assert reply.status == 200
    assert reply.body == {"ok": True, "live": True, "status": "on_air",
                          "chat": {"pending": 1, "received": 1, "queued": 1, "dropped": 0}}


def test_commands(running: Running) -> None:
    port = running.port
    for command in ("skip", "next_product", "pause", "resume"):
        reply = request(port, "POST", "/commands", {"command": command})
        assert reply.status == 200 and reply.body == {"ok": True, "command": command, "status": "on_air"}
    assert request(port, "POST", "/commands", {"command": "interrupt", "product": "serum"}).status == 200
    assert running.commands[-1] == ("interrupt", {"product": "serum"})
    bad = request(port, "POST", "/commands", {"command": "rm -rf"})
    assert bad.status == 400 and "skip" in bad.body["error"]
    assert request(port, "POST", "/commands", {"command": "interrupt"}).status == 400
    missing = request(port, "POST", "/commands", {"command": "interrupt", "product": "caviar"})
    assert missing.status == 404 and "tea" in missing.body["error"]
    assert len(running.commands) == 5


def test_rejected_commands_and_bugs_answer_cleanly(make_inbox: Callable[..., Box]) -> None:
    box = make_inbox()

    def commands(name: str, args: dict[str, Any]) -> dict[str, Any]:
        if name == "pause":
            raise CommandRejected("the show is not on air")
        raise RuntimeError("secret internals")

    def status() -> dict[str, Any]:
        raise RuntimeError("secret internals")

    with ControlServer(box.inbox, status, commands, TOKEN, clock=box.clock) as server:
        reply = request(server.port, "POST", "/commands", {"command": "pause"})
        assert reply.status == 409 and reply.body == {"ok": False, "error": "the show is not on air"}
        for method, path, body in (("POST", "/commands", {"command": "skip"}), ("GET", "/status", None)):
            reply = request(server.port, method, path, body)
            assert reply.status == 500 and "secret" not in reply.body["error"]


def test_the_server_binds_loopback_only_and_closes(make_inbox: Callable[..., Box]) -> None:
    box = make_inbox()
    server = ControlServer(box.inbox, dict, lambda c, a: {}, TOKEN).start()
    assert server.address[0] == "127.0.0.1"
    assert server.url == f"http://127.0.0.1:{server.port}"
    port = server.port
    server.close()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    with pytest.raises(ValueError):
        ControlServer(box.inbox, dict, lambda c, a: {}, "short")


# ---- token and discovery files ----

@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_token_file_is_private_and_reused(state_home: Path) -> None:
    token, path = ensure_token()
    assert path == token_path() and path.parent.parent == state_home
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and len(token) >= 32
    assert ensure_token() == (token, path) and read_token() == token
    os.chmod(path, 0o644)
    ensure_token()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.write_text("short\n")
    fresh, _ = ensure_token()  # an unusable token is replaced
    assert fresh != token and read_token() == fresh


def test_two_shows_starting_together_share_one_token(state_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The other show writes its token between our look and our write: we take theirs, not replace it."""
    theirs = "t" * 43
    real_create = server_module.create_atomic

    def other_show_first(path: Path, data: str, *, private: bool = False) -> bool:
        write_private(path, theirs + "\n")
        return real_create(path, data, private=private)

    monkeypatch.setattr(server_module, "create_atomic", other_show_first)
    assert ensure_token()[0] == theirs and read_token() == theirs


def test_a_live_show_is_listed_while_its_lock_is_held(state_home: Path, make_inbox: Callable[..., Box],
                                                       tmp_path: Path) -> None:
    box = make_inbox()
    show = tmp_path / "tea-show"
    show.mkdir()
    with ShowLock.acquire(show) as lock, ControlServer(box.inbox, dict, lambda c, a: {}, TOKEN) as server:
        path = lock.publish(server.port, server.url, title="龙井专场")
        assert path.parent == state_home / "studio" / "live" and path.stem == lock.key
        found = find_live(show)
        assert found is not None and found.port == server.port and found.title == "龙井专场"
        assert found.pid == os.getpid() and found.show == str(show.resolve())
        assert find_live(show / ".." / "tea-show") == found  # however the folder is spelled
        if sys.platform != "win32":
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
            assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert not path.exists() and find_live(show) is None and live_shows() == []


# ---- `studio comment` ----

def _comment_args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="studio")
    sub = parser.add_subparsers(dest="command")
    handlers = register(sub, chat_commands.COMMANDS)
    args = parser.parse_args(["comment", *argv])
    assert handlers == {"comment": chat_commands.cmd_comment}
    return args


def test_studio_comment_posts_and_prints_the_answer(state_home: Path, running: Running, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    write_private(token_path(), TOKEN + "\n")
    demo = tmp_path / "demo"
    demo.mkdir()
    with ShowLock.acquire(demo) as lock:
        lock.publish(running.port, running.server.url, "Demo")
        code = chat_commands.cmd_comment(_comment_args(str(demo), "多少钱", "--user", "小王"))
        out = capsys.readouterr()
        assert code == 0, out.err
        answer = json.loads(out.out)
        assert answer["outcome"] == "queued" and answer["rule"] == "tea/faq1"
        # Another show is not live: say so, list the live ones, never post to them.
        assert chat_commands.cmd_comment(_comment_args(str(tmp_path / "other"), "多少钱")) == 1
        err = capsys.readouterr().err
        assert "other is not live; live now:" in err and f"Demo ({demo.resolve()})" in err
        assert running.box.inbox.stats()["received"] == 1
        # A refusal from the server (the sender is flooding) is a failure, with the reason.
        for _ in range(6):
            code = chat_commands.cmd_comment(_comment_args(str(demo / "show.toml"), "你好", "--user", "x"))
        assert code == 1 and "429" in capsys.readouterr().err


def test_studio_comment_without_a_live_show(state_home: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert chat_commands.cmd_comment(_comment_args("/shows/demo", "多少钱")) == 1
    assert "no show is live; start one with `studio live /shows/demo`" in capsys.readouterr().err
    # Live without a control server (--no-control): say so rather than "not live".
    with ShowLock.acquire(tmp_path):
        assert chat_commands.cmd_comment(_comment_args(str(tmp_path), "多少钱")) == 1
        assert f"is live (process {os.getpid()}) but takes no comments" in capsys.readouterr().err
    # An explicit port where nothing answers.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        free = s.getsockname()[1]
    write_private(token_path(), TOKEN)
    assert chat_commands.cmd_comment(_comment_args("/shows/demo", "多少钱", "--port", str(free))) == 1
    assert f"no show is live on port {free}" in capsys.readouterr().err


def test_studio_comment_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for argv in (("/shows/demo", "  "), ("/shows/demo", "hi", "--port", "70000")):
        with pytest.raises(SystemExit) as exc:  # the argument types (studio.core.cliargs) refuse them
            _comment_args(*argv)
        assert exc.value.code == 2
    if sys.platform != "win32":  # a show folder that loops is only followed when the show is looked up
        (tmp_path / "a").symlink_to(tmp_path / "b")
        (tmp_path / "b").symlink_to(tmp_path / "a")
        assert chat_commands.cmd_comment(_comment_args(str(tmp_path / "a"), "hi")) == 2
        assert "cannot follow" in capsys.readouterr().err


# ---- hand-over to the owner's thread ----

def test_command_relay_runs_commands_on_the_owners_thread() -> None:
    ran_on: list[str] = []

    def handler(command: str, args: dict[str, Any]) -> dict[str, Any]:
        ran_on.append(threading.current_thread().name)
        if command == "pause":
            raise CommandRejected("not on air")
        return {"done": command}

    relay = CommandRelay(handler, timeout=5)
    results: list[Any] = []

    def http_thread() -> None:
        results.append(relay("skip", {}))
        try:
            relay("pause", {})
        except CommandRejected as exc:
            results.append(str(exc))

    t = threading.Thread(target=http_thread, name="http")
    t.start()
    while t.is_alive():
        relay.run_pending()  # the owner's loop (Qt timer) on this thread
        t.join(0.01)
    assert results == [{"done": "skip"}, "not on air"]
    assert ran_on == [threading.current_thread().name] * 2


def test_command_relay_gives_up_when_the_owner_is_stuck() -> None:
    calls: list[str] = []
    relay = CommandRelay(lambda c, a: calls.append(c) or {}, timeout=0.05)
    with pytest.raises(CommandRejected, match="did not take the command"):
        relay("skip", {})
    assert relay.run_pending() == 0 and calls == []  # it never runs after being given up


def test_status_board_returns_copies() -> None:
    board = StatusBoard()
    assert board() == {"live": False}
    board.update({"live": True, "status": "on_air"})
    snapshot = board()
    snapshot["status"] = "changed"
    assert board()["status"] == "on_air"
