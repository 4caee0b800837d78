"""The client side of the control server: what `studio comment` and other local tools post to it."""

from __future__ import annotations

import http.client
import json
from typing import Any

from studio.chat.server import HOST


def post(port: int, token: str, path: str, body: dict[str, Any], timeout: float = 5.0) -> tuple[int, dict[str, Any]]:
    """POST JSON to the local control server; (status, JSON answer). Never goes through a proxy."""
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("POST", path, body=data, headers={
            "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        resp = conn.getresponse()
        raw = resp.read(1 << 20)
    finally:
        conn.close()
    try:
        answer = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        answer = {"error": raw[:200].decode("utf-8", "replace")}
    return resp.status, answer if isinstance(answer, dict) else {"answer": answer}


__all__ = ["post"]
