"""The control server: a loopback-only HTTP API for comments, status and remote-control commands.

Platform bridges post comments, `studio comment` posts test comments, and remote panels (a Stream
Deck) read the status and send commands. Every request must pass, in this order:

1. Host is exactly `127.0.0.1:PORT` or `localhost:PORT` — a web page that rebinds its own domain
   name to 127.0.0.1 (DNS rebinding) still sends its own name as Host, so it is refused (403);
2. no `Origin` header (browsers add it to cross-origin and POST requests; bridges and curl do
   not) and no cross-site `Sec-Fetch-Site` — anything from a web page is refused (403);
3. `Authorization: Bearer TOKEN`, compared in constant time (401);
4. rate limits: all requests, all comments, and comments per user (429 with Retry-After);
5. for POST: `Content-Type: application/json`, a `Content-Length` of at most 4096 bytes (411,
   413 — the body is never read when too long), a UTF-8 JSON object (400).

Errors are JSON `{"ok": false, "error": "..."}`; a bug answers 500 with no traceback (the log has it).

The server runs in daemon threads. `status()` and `commands()` are called on those threads: the
owner must not touch Qt or the playout from them, but hand over (see `studio.chat.remote`).
"""

from __future__ import annotations

import collections
import hmac
import json
import logging
import os
import secrets
import socket
import sys
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from studio.chat.inbox import CommentInbox
from studio.compliance.normalize import fold
from studio.core.clock import Clock, SystemClock
from studio.core.logs import state_dir

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
MAX_BODY = 4096
MAX_CONNECTIONS = 16  # requests handled at once; more are closed unanswered
REQUEST_TIMEOUT = 5.0  # seconds a client may take to send its request
COMMANDS = ("skip", "next_product", "interrupt", "pause", "resume")
TOKEN_FILE = "control-token"
DISCOVERY_FILE = "control.json"


class CommandRejected(Exception):
    """Raised by a `commands` callback when a command cannot be carried out (answered 409)."""


class ApiError(Exception):
    """An error answer: HTTP status, a message for people, and extra headers."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


class RateLimiter:
    """At most `limit` events per `window` seconds for each key (a sliding window)."""

    def __init__(self, limit: int, window: float, clock: Clock, max_keys: int = 10_000) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self.max_keys = max_keys
        self._seen: dict[str, collections.deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str = "") -> float:
        """0.0 when allowed (and counted), else the seconds until the next event would be."""
        now = self.clock.monotonic()
        with self._lock:
            stamps = self._seen.get(key)
            if stamps is None:
                if len(self._seen) >= self.max_keys:
                    self._forget(now)
                stamps = self._seen[key] = collections.deque()
            while stamps and now - stamps[0] >= self.window:
                stamps.popleft()
            if len(stamps) >= self.limit:
                return max(0.001, self.window - (now - stamps[0]))
            stamps.append(now)
            return 0.0

    def _forget(self, now: float) -> None:
        """Drop keys whose window ran out; if a flood of names is still too many, the oldest."""
        for k in [k for k, d in self._seen.items() if not d or now - d[-1] >= self.window]:
            del self._seen[k]
        while len(self._seen) >= self.max_keys:
            del self._seen[next(iter(self._seen))]


class RateLimits:
    """The server's limits: (events, seconds) for all requests, all comments, comments per user."""

    def __init__(self, requests: tuple[int, float] = (100, 10.0), comments: tuple[int, float] = (50, 10.0),
                 per_user: tuple[int, float] = (5, 10.0)) -> None:
        self.requests = requests
        self.comments = comments
        self.per_user = per_user


# ---- the token and the discovery file ----

def token_path() -> Path:
    """Where the control token lives: the user's state folder (never the show folder)."""
    return state_dir() / TOKEN_FILE


def discovery_path() -> Path:
    """Where a running server writes its port, for `studio comment` and panels."""
    return state_dir() / DISCOVERY_FILE


def _write_private(path: Path, text: str) -> None:
    """Write `text` readable by this user only (0600), atomically."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(tmp, 0o600)  # the umask can only narrow the mode; make sure it is exactly 0600
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def read_token(path: Path | None = None) -> str | None:
    """The stored token, or None when there is none (or it is unreadable)."""
    path = path or token_path()
    try:
        token = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return token if len(token) >= 32 and token.isascii() and token.isprintable() else None


def ensure_token(path: Path | None = None) -> tuple[str, Path]:
    """The control token (created on first use, 0600) and where it is: panels keep working across runs."""
    path = path or token_path()
    token = read_token(path)
    if token is None:
        token = secrets.token_urlsafe(32)
        _write_private(path, token + "\n")
        log.info("control API: created a new token in %s", path)
    elif sys.platform != "win32" and path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)  # someone widened it: others on this machine must not read it
    return token, path


def read_discovery(path: Path | None = None) -> dict[str, Any] | None:
    """What a running server wrote about itself ({"port", "pid", "show", …}), or None."""
    path = path or discovery_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("port"), int):
        return None
    return data


# ---- the server ----

class _Server(ThreadingHTTPServer):
    """ThreadingHTTPServer with a cap on requests in flight."""

    daemon_threads = True
    # On Windows SO_REUSEADDR lets another program bind the same port and take our requests.
    allow_reuse_address = sys.platform != "win32"
    control: ControlServer

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(address, handler)
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            self.shutdown_request(request)  # a flood of connections: close, do not queue threads
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hung up mid-answer: log it, never print a traceback to the console."""
        log.debug("control API: connection from %s failed", client_address, exc_info=True)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()


class _Handler(BaseHTTPRequestHandler):
    """Turns HTTP requests into `ControlServer.handle` calls and JSON answers."""

    server: _Server
    server_version = "studio-control"
    sys_version = ""
    timeout = REQUEST_TIMEOUT
    # http.server assumes HTTP/0.9 until the request line parses, and 0.9 answers have no status
    # line or headers; no client of ours speaks 0.9, so errors always carry a proper status.
    default_request_version = "HTTP/1.0"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._handle()

    def do_POST(self) -> None:  # noqa: N802
        self._handle()

    # Anything else gets the same checks first, then 405: no method reveals more than another.
    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_HEAD = do_GET  # noqa: N815

    def _handle(self) -> None:
        try:
            status, body, headers = self.server.control.handle(self.command, self.path, self.headers, self.rfile)
        except ApiError as exc:
            status, body, headers = exc.status, {"ok": False, "error": exc.message}, exc.headers
        except Exception:
            log.exception("control API: %s %s failed", self.command, self.path)
            status, body, headers = 500, {"ok": False, "error": "internal error (details in the studio log)"}, {}
        self._send(status, body, headers)

    def _send(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body, ensure_ascii=False, default=str).encode("utf-8")  # a datetime in a status
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if status >= 400:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own errors (a malformed request line…) as JSON, like ours."""
        try:
            phrase = HTTPStatus(code).phrase
        except ValueError:
            phrase = "error"
        self._send(code, {"ok": False, "error": (message or phrase)[:120]})

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        log.debug("control API %s: " + format, self.client_address[0], *args)


class ControlServer:
    """The loopback HTTP API over a `CommentInbox`, a status callback and a commands callback.

    `status()` returns a JSON-able dict; `commands(name, args)` carries out "skip",
    "next_product", "interrupt" (args["product"]), "pause" or "resume" and returns a dict, or
    raises `CommandRejected`. Both are called on the server's threads: marshal to your own
    (`studio.chat.remote.CommandRelay` and `StatusBoard` do that).
    """

    def __init__(self, inbox: CommentInbox, status: Callable[[], dict[str, Any]],
                 commands: Callable[[str, dict[str, Any]], dict[str, Any]], token: str, port: int = 0,
                 *, clock: Clock | None = None, limits: RateLimits | None = None) -> None:
        if len(token) < 16:
            raise ValueError("the control token is too short (use ensure_token())")
        self.inbox = inbox
        self.status = status
        self.commands = commands
        self._token = token.encode("utf-8")
        clock = clock or SystemClock()
        limits = limits or RateLimits()
        self._requests = RateLimiter(*limits.requests, clock)
        self._comments = RateLimiter(*limits.comments, clock)
        self._per_user = RateLimiter(*limits.per_user, clock)
        self._httpd = _Server((HOST, port), _Handler)  # binds now: the port is known at once
        self._httpd.control = self
        self._thread: threading.Thread | None = None
        self._discovery: Path | None = None
        self.port: int = self._httpd.server_address[1]
        self._hosts = {f"{HOST}:{self.port}", f"localhost:{self.port}"}

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self) -> ControlServer:
        """Serve in a daemon thread."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.2},
                                            name="studio-control", daemon=True)
            self._thread.start()
            log.info("control API listening on %s", self.url)
        return self

    def close(self) -> None:
        """Stop serving, free the port and remove the discovery file this server wrote."""
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._httpd.server_close()
        if self._discovery is not None:
            data = read_discovery(self._discovery)
            if data is not None and data.get("port") == self.port and data.get("pid") == os.getpid():
                self._discovery.unlink(missing_ok=True)  # only ours: another show may have started
            self._discovery = None

    def __enter__(self) -> ControlServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def write_discovery(self, path: Path | None = None, show: Path | None = None, title: str = "") -> Path:
        """Write {"port", "pid", "show", "title", "url"} (0600) so clients can find this server."""
        path = path or discovery_path()
        data = {"port": self.port, "pid": os.getpid(), "url": self.url,
                "show": str(show) if show is not None else "", "title": title}
        _write_private(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        self._discovery = path
        return path

    # ---- requests (on the server's threads) ----

    def handle(self, method: str, path: str, headers: Any, body: Any) -> tuple[int, dict[str, Any], dict[str, str]]:
        """Check and answer one request: (status, JSON body, extra headers). Raises ApiError."""
        self._check_caller(headers)
        wait = self._requests.allow()
        if wait:
            raise _too_many("too many requests", wait)
        route = path.split("?", 1)[0]
        allowed = {"/status": "GET", "/comments": "POST", "/commands": "POST"}.get(route)
        if allowed is None:
            raise ApiError(404, f"no such endpoint {route[:60]!r}; use /status, /comments or /commands")
        if method != allowed:
            raise ApiError(405, f"{route} takes {allowed}", {"Allow": allowed})
        if route == "/status":
            return 200, {"ok": True, **self.status(), "chat": self.inbox.stats()}, {}
        data = _read_json(headers, body)
        if route == "/comments":
            return 200, self._comment(data), {}
        return 200, self._command(data), {}

    def _check_caller(self, headers: Any) -> None:
        host = (headers.get("Host") or "").strip().lower()
        if host not in self._hosts or len(headers.get_all("Host") or ()) != 1:
            raise ApiError(403, f"Host must be {HOST}:{self.port} (this server answers local programs only)")
        if headers.get("Origin") is not None:
            raise ApiError(403, "requests from web pages are refused (Origin header present)")
        if (headers.get("Sec-Fetch-Site") or "none").lower() != "none":
            raise ApiError(403, "requests from web pages are refused (Sec-Fetch-Site)")
        auth = headers.get("Authorization") or ""
        scheme, _, given = auth.partition(" ")
        ok = hmac.compare_digest(given.strip().encode("utf-8", "replace"), self._token)
        if scheme.lower() != "bearer" or not ok:
            what = "missing" if not auth else "wrong"
            raise ApiError(401, f"{what} token: send 'Authorization: Bearer <token>' (the token is in "
                                f"{token_path()})", {"WWW-Authenticate": 'Bearer realm="studio"'})

    def _comment(self, data: dict[str, Any]) -> dict[str, Any]:
        user, text = data.get("user", ""), data.get("text")
        if not isinstance(user, str) or not isinstance(text, str):
            raise ApiError(400, 'a comment is {"user": "name", "text": "the comment"} with text values')
        if not text.strip():
            raise ApiError(400, "the comment text is empty")
        wait = self._per_user.allow(fold(user[:64]) or "?")
        if wait:
            raise _too_many("too many comments from this user", wait)
        wait = self._comments.allow()
        if wait:
            raise _too_many("too many comments", wait)
        receipt = self.inbox.submit(user, text)
        return {"ok": True, **receipt.to_json()}

    def _command(self, data: dict[str, Any]) -> dict[str, Any]:
        command = data.get("command")
        if command not in COMMANDS:
            raise ApiError(400, f"unknown command {str(command)[:40]!r}; one of: {', '.join(COMMANDS)}")
        args: dict[str, Any] = {}
        if command == "interrupt":
            product = data.get("product")
            known = [p.id for p in self.inbox.show.products]
            if not isinstance(product, str) or not product:
                raise ApiError(400, 'interrupt needs "product": a product id')
            if product not in known:
                raise ApiError(404, f"no product {product[:40]!r}; known: {', '.join(known)}")
            args["product"] = product
        try:
            result = self.commands(command, args)
        except CommandRejected as exc:
            raise ApiError(409, str(exc)) from None
        return {"ok": True, "command": command, **(result or {})}


def _too_many(message: str, wait: float) -> ApiError:
    seconds = max(1, int(wait + 0.999))
    return ApiError(429, f"{message}; try again in {seconds} s", {"Retry-After": str(seconds)})


def _read_json(headers: Any, body: Any) -> dict[str, Any]:
    """The request body as a JSON object, after checking its type and length (body unread if too long)."""
    ctype = (headers.get("Content-Type") or "").split(";", 1)[0].strip().lower()
    if ctype != "application/json":
        raise ApiError(415, "send JSON with 'Content-Type: application/json'")
    if headers.get("Transfer-Encoding") is not None:
        raise ApiError(411, "send a Content-Length, not a chunked body")
    raw = headers.get("Content-Length")
    if raw is None:
        raise ApiError(411, "a Content-Length header is required")
    try:
        length = int(raw.strip())
    except ValueError:
        raise ApiError(400, "Content-Length is not a number") from None
    if length < 0:
        raise ApiError(400, "Content-Length is negative")
    if length > MAX_BODY:
        raise ApiError(413, f"the body is {length} bytes; at most {MAX_BODY}")
    try:
        payload = body.read(length)
    except (OSError, socket.timeout):
        raise ApiError(400, "the body did not arrive in time") from None
    if len(payload) != length:
        raise ApiError(400, "the body is shorter than its Content-Length")
    try:
        data = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ApiError(400, "the body is not valid UTF-8 JSON") from None
    if not isinstance(data, dict):
        raise ApiError(400, "the body must be a JSON object")
    return data


__all__ = [
    "COMMANDS", "MAX_BODY", "ApiError", "CommandRejected", "ControlServer", "RateLimiter", "RateLimits",
    "discovery_path", "ensure_token", "read_discovery", "read_token", "token_path",
]
