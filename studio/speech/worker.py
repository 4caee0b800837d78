"""The TTS worker process: pyttsx3 behind a line-based JSON protocol, so a hang can be killed.

Run as `python -m studio.speech.worker`. Each request is one JSON line on stdin; each answer one
JSON line on the process's original stdout. Everything else written to stdout (pyttsx3 prints
"Audio saved to …", libraries may print from C) is sent to stderr, which the supervisor captures,
so chatter can never corrupt the protocol.

Requests: {"id", "op": "hello" | "voices" | "synth" | "quit", ...}; synth takes text, voice, rate,
volume, path (where to write the WAV) and timeout (seconds to wait for 'finished-utterance').
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import json
import os
import sys
import threading
import time
from typing import Any, TextIO

_PHONEME_EVENTS = 0x0001  # espeakINITIALIZE_PHONEME_EVENTS
_PHONEME_IPA = 0x0002  # espeakINITIALIZE_PHONEME_IPA: phoneme names in IPA, not espeak mnemonics
_EVENT_WORD, _EVENT_MSG_TERMINATED, _EVENT_PHONEME = 1, 6, 7


class Pyttsx3Backend:
    """pyttsx3 in this process, with libespeak-ng's word and phoneme events recorded when available."""

    def __init__(self) -> None:
        self.events_hooked = False
        self._espeak: Any = None
        self._events: list[tuple[int, int, int, int, str]] = []
        self._done = threading.Event()
        espeak = None
        if sys.platform not in ("win32", "darwin"):
            espeak = self._init_espeak_with_phoneme_events()
        import pyttsx3

        self.engine = pyttsx3.init()
        self.driver = type(self.engine.proxy._driver).__module__.rsplit(".", 1)[-1]
        self.engine.connect("finished-utterance", self._on_finished)
        if self.driver == "espeak":
            from pyttsx3.drivers import _espeak

            self._espeak = _espeak
            if espeak is not None:
                self._hook(espeak)

    @staticmethod
    def _init_espeak_with_phoneme_events() -> Any:
        """Initialise libespeak-ng ourselves with phoneme events on, before pyttsx3 does it without.

        pyttsx3 2.99 initialises espeak once per process and skips it when its class flag says it
        is done; espeak_Initialize may only run once, so doing it first is the only way to get
        phoneme events through pyttsx3. Any mismatch (another pyttsx3 version) falls back to plain.
        """
        try:
            from pyttsx3.drivers import _espeak
            from pyttsx3.drivers.espeak import EspeakDriver
        except Exception:  # noqa: BLE001 - another pyttsx3 (or no espeak library): plain synthesis
            return None
        if not hasattr(EspeakDriver, "_moduleInitialized") or EspeakDriver._moduleInitialized:
            return None
        # pyttsx3's own mode (RETRIEVAL: espeak synthesizes on its own thread). Synchronous mode
        # would avoid its rare races but never delivers 'finished-utterance' through pyttsx3.
        rate = _espeak.Initialize(_espeak.AUDIO_OUTPUT_RETRIEVAL, 1000, None,
                                  _PHONEME_EVENTS | _PHONEME_IPA)
        if rate == -1:
            return None
        voice = _espeak.GetCurrentVoice()
        if voice and voice.contents.name:
            EspeakDriver._defaultVoice = voice.contents.name.decode("utf-8")
        else:
            EspeakDriver._defaultVoice = "gmw/en"
        EspeakDriver._moduleInitialized = True
        return _espeak

    def _hook(self, espeak: Any) -> None:
        driver = self.engine.proxy._driver
        original = driver._onSynth
        id_offset = espeak.EVENT.id.offset

        def on_synth(wav: Any, numsamples: int, events: Any) -> int:
            if driver._speaking:
                i = 0
                while events[i].type != 0:
                    ev = events[i]
                    if ev.type == _EVENT_WORD:
                        self._events.append((_EVENT_WORD, ev.sample, ev.text_position, ev.length, ""))
                    elif ev.type == _EVENT_PHONEME:
                        raw = ctypes.string_at(ctypes.addressof(ev) + id_offset, 8)
                        name = raw.split(b"\0", 1)[0].decode("utf-8", "replace")
                        self._events.append((_EVENT_PHONEME, ev.sample, 0, 0, name))
                    elif ev.type == _EVENT_MSG_TERMINATED:
                        break
                    i += 1
            return int(original(wav, numsamples, events))

        espeak.SetSynthCallback(on_synth)
        self.events_hooked = True

    def _settle(self, started: float, timeout: float) -> None:
        """Wait until espeak-ng has applied the rate and volume before pyttsx3 starts speaking.

        In pyttsx3's threaded mode the parameters go through espeak's command queue, and
        runAndWait's first step (stop → espeak_Cancel while the queue is busy) can drop them:
        measured here, 3 workers in 10 kept speaking at their first rate, and ~1 WAV in 100 came
        back empty. Waiting for the queue to drain avoids both.
        """
        if self._espeak is None:
            return
        es = self._espeak
        while es.IsPlaying() and time.monotonic() - started < timeout / 2:
            time.sleep(0.0005)

    def _on_finished(self, name: Any = None, completed: bool = True) -> None:
        self._done.set()

    def voices(self) -> list[dict[str, Any]]:
        out = []
        for v in self.engine.getProperty("voices"):
            langs = [lang.decode("utf-8", "ignore") if isinstance(lang, bytes) else str(lang)
                     for lang in (v.languages or [])]
            out.append({"id": v.id, "name": v.name, "languages": langs, "gender": v.gender})
        return out

    def synth(self, text: str, voice: str, rate: int, volume: float, path: str,
              timeout: float) -> dict[str, Any]:
        answer = self._synth_once(text, voice, rate, volume, path, timeout)
        if os.path.getsize(path) <= 44:
            # pyttsx3 + espeak-ng now and then writes a header-only WAV (~1 in 100 here, a race in
            # its threaded mode); saying it again in this process is cheaper than a restart.
            answer = self._synth_once(text, voice, rate, volume, path, timeout)
            answer["retried"] = "the engine wrote an empty WAV; said it again"
        return answer

    def _synth_once(self, text: str, voice: str, rate: int, volume: float, path: str,
                    timeout: float) -> dict[str, Any]:
        self._events = []
        self._done.clear()
        started = time.monotonic()
        self.engine.setProperty("voice", voice)
        self.engine.setProperty("rate", int(rate))
        self.engine.setProperty("volume", float(volume))
        self._settle(started, timeout)
        self.engine.save_to_file(text, path)  # one utterance per runAndWait (PLATFORM.md)
        self.engine.runAndWait()
        # runAndWait can return before the WAV exists: the callback is the real end.
        if not self._done.wait(max(0.0, timeout - (time.monotonic() - started))):
            raise TimeoutError(f"no 'finished-utterance' within {timeout:.1f} s")
        while not (os.path.exists(path) and os.path.getsize(path) >= 44):
            if time.monotonic() - started > timeout:
                raise TimeoutError(f"the WAV did not appear within {timeout:.1f} s")
            time.sleep(0.002)
        words = [[s, p - 1, n] for kind, s, p, n, _ in self._events if kind == _EVENT_WORD]
        phonemes = [[s, name] for kind, s, _, _, name in self._events if kind == _EVENT_PHONEME]
        return {"words": words, "phonemes": phonemes, "events": self.events_hooked}


def _versions() -> dict[str, str]:
    from importlib import metadata

    try:
        pyttsx3_version = metadata.version("pyttsx3")
    except metadata.PackageNotFoundError:
        pyttsx3_version = "?"
    return {"pyttsx3": pyttsx3_version, "python": sys.version.split()[0]}


def serve(stdin: TextIO, proto: TextIO) -> int:
    """Answer requests until 'quit' or end of input."""
    backend: Pyttsx3Backend | None = None
    for line in stdin:
        if not line.strip():
            continue
        try:
            req = json.loads(line)
        except json.JSONDecodeError as exc:
            proto.write(json.dumps({"id": None, "ok": False, "error": f"bad request: {exc}"}) + "\n")
            proto.flush()
            continue
        rid = req.get("id")
        op = req.get("op")
        chatter = io.StringIO()
        try:
            with contextlib.redirect_stdout(chatter):
                if op == "quit":
                    proto.write(json.dumps({"id": rid, "ok": True}) + "\n")
                    proto.flush()
                    return 0
                if backend is None:
                    backend = Pyttsx3Backend()
                if op == "hello":
                    result: dict[str, Any] = {"driver": backend.driver, "events": backend.events_hooked,
                                              **_versions()}
                elif op == "voices":
                    result = {"voices": backend.voices(), "driver": backend.driver}
                elif op == "synth":
                    result = backend.synth(req["text"], req["voice"], req.get("rate", 175),
                                           req.get("volume", 1.0), req["path"],
                                           float(req.get("timeout", 10.0)))
                else:
                    raise ValueError(f"unknown op {op!r}")
            answer = {"id": rid, "ok": True, "chatter": chatter.getvalue(), **result}
        except Exception as exc:  # noqa: BLE001 - one bad request must not end the worker; the supervisor decides
            answer = {"id": rid, "ok": False, "error": f"{type(exc).__name__}: {exc}",
                      "chatter": chatter.getvalue()}
        proto.write(json.dumps(answer, ensure_ascii=False) + "\n")
        proto.flush()
    return 0


def main() -> int:
    # Keep the real stdout for the protocol; point fd 1 at stderr so C-level prints land there.
    proto = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", closefd=False), encoding="utf-8",
                                  line_buffering=True)
    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8")
    return serve(stdin, proto)


if __name__ == "__main__":
    sys.exit(main())
