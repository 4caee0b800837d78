"""A stand-in TTS worker for fault injection: speaks the worker protocol and misbehaves on purpose.

Usage: python fake_worker.py MODE [MARKER]. Modes: ok, hang, crash, empty, truncated, silent,
hang-once, crash-once (the *-once modes misbehave only while MARKER does not exist yet).
"""

from __future__ import annotations

import json
import math
import struct
import sys
import time
from pathlib import Path

RATE = 22050


def tone_wav(seconds: float) -> bytes:
    """A voiced-sounding 16-bit mono WAV: a 150 Hz buzz with harmonics."""
    n = int(seconds * RATE)
    samples = [int(6000 * sum(math.sin(2 * math.pi * 150 * k * i / RATE) / k for k in (1, 2, 3)))
               for i in range(n)]
    body = struct.pack(f"<{n}h", *samples)
    return struct.pack("<4sI4s4sIHHIIHH4sI", b"RIFF", 36 + len(body), b"WAVE", b"fmt ", 16, 1, 1,
                       RATE, RATE * 2, 2, 16, b"data", len(body)) + body


def main() -> int:
    mode = sys.argv[1]
    marker = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    if mode.endswith("-once"):
        if marker is not None and marker.exists():
            mode = "ok"
        else:
            if marker is not None:
                marker.write_text("tripped")
            mode = mode[: -len("-once")]
    print("fake worker starting", file=sys.stderr, flush=True)
    for line in sys.stdin:
        req = json.loads(line)
        op = req["op"]
        answer: dict = {"id": req["id"], "ok": True}
        if op == "hello":
            answer.update(driver="fake", events=False)
        elif op == "voices":
            answer["voices"] = [{"id": "fake/en", "name": "Fake English", "languages": ["en-us"]},
                                {"id": "sit/cmn-latn-pinyin", "name": "Fake Mandarin",
                                 "languages": ["cmn-latn-pinyin"]}]
        elif op == "quit":
            print(json.dumps(answer), flush=True)
            return 0
        elif op == "synth":
            path = Path(req["path"])
            seconds = max(0.3, len(req["text"]) * 0.06)
            if mode == "hang":
                time.sleep(3600)
            elif mode == "crash":
                print("fake worker: segfault (simulated)", file=sys.stderr, flush=True)
                return 139
            elif mode == "empty":
                path.write_bytes(b"")
            elif mode == "truncated":
                path.write_bytes(tone_wav(seconds)[: 44 + 1000])
            elif mode == "silent":
                n = int(seconds * RATE)
                path.write_bytes(struct.pack("<4sI4s4sIHHIIHH4sI", b"RIFF", 36 + 2 * n, b"WAVE",
                                             b"fmt ", 16, 1, 1, RATE, RATE * 2, 2, 16, b"data", 2 * n)
                                 + bytes(2 * n))
            else:
                path.write_bytes(tone_wav(seconds))
            answer.update(words=[], phonemes=[], chatter="Audio saved to " + str(path) + "\n")
        print(json.dumps(answer), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
