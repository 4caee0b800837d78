"""The pyttsx3 engine as seen from studio: a supervised worker process with timeouts and restarts.

A hung worker is killed when its text-scaled timeout passes; a crashed one is noticed at once
(its stdout closes). Either way the worker is restarted and the utterance retried once; a second
failure raises SynthesisError listing everything that happened. Every WAV is validated (header,
non-empty, not truncated, audible, duration plausible for the text) before it is believed.
"""

from __future__ import annotations

import collections
import json
import logging
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, TypeVar

import numpy as np

from studio.speech.engine import (
    PhonemeEvent,
    RawAudio,
    SynthesisError,
    SynthRequest,
    VoiceInfo,
    WordEvent,
    pyttsx3_fingerprint,
    pyttsx3_mandarin_input,
)
from studio.speech.wavio import BadWavError, read_wav, voiced_bounds

log = logging.getLogger(__name__)
T = TypeVar("T")

_EOF = object()


class _WorkerHung(Exception):
    pass


class _WorkerDied(Exception):
    pass


def default_worker_command() -> list[str]:
    return [sys.executable, "-m", "studio.speech.worker"]


def expected_duration_range(text: str, rate: int) -> tuple[float, float]:
    """The shortest and longest believable audio for `text` at `rate` words per minute."""
    letters = sum(1 for c in text if c.isalnum())
    scale = 175.0 / max(40, rate)
    # espeak reads ~12–16 letters of English or pinyin per second at 175 wpm; allow 4× either way.
    return letters * 0.016 * scale, 1.5 + letters * 0.35 * scale


class WorkerEngine:
    """pyttsx3 (+ libespeak-ng on Linux) in a killable worker process. Thread-safe; one request at a time."""

    name = "pyttsx3"

    def __init__(
        self,
        command: Sequence[str] | None = None,
        *,
        startup_timeout: float = 20.0,
        base_timeout: float = 4.0,
        per_char_timeout: float = 0.05,
        work_dir: Path | None = None,
        fingerprint: str | None = None,
        mandarin_input: str | None = None,
    ) -> None:
        self.command = list(command) if command is not None else default_worker_command()
        self.startup_timeout = startup_timeout
        self.base_timeout = base_timeout
        self.per_char_timeout = per_char_timeout
        self._fingerprint = fingerprint
        self._mandarin = mandarin_input
        self._own_dir = work_dir is None
        self._dir = Path(work_dir) if work_dir is not None else Path(tempfile.mkdtemp(prefix="studio-tts-"))
        self._lock = threading.RLock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._answers: queue.Queue[object] = queue.Queue()
        self._next_id = 0
        self._count = 0
        self.chatter: collections.deque[str] = collections.deque(maxlen=500)  # worker stderr lines
        self.restarts = 0
        self.driver = ""
        self.events = False

    # -- the TTSEngine protocol -------------------------------------------------------------

    def fingerprint(self) -> str:
        if self._fingerprint is None:
            self._fingerprint = pyttsx3_fingerprint()
        return self._fingerprint

    def mandarin_input(self) -> str:
        return self._mandarin or pyttsx3_mandarin_input()

    def voices(self) -> list[VoiceInfo]:
        answer = self._with_retry(lambda: self._call({"op": "voices"}, 15.0), "listing voices")[0]
        return [VoiceInfo(v["id"], v["name"], tuple(v.get("languages") or ()), v.get("gender"))
                for v in answer["voices"]]

    def synthesize(self, request: SynthRequest) -> RawAudio:
        timeout = self.timeout_for(request.text)

        def attempt() -> RawAudio:
            with self._lock:
                self._count += 1
                path = self._dir / f"utt-{os.getpid()}-{self._count}.wav"
            try:
                answer = self._call({"op": "synth", "text": request.text, "voice": request.voice,
                                     "rate": request.rate, "volume": request.volume,
                                     "path": str(path), "timeout": timeout}, timeout + 1.0)
                pcm, rate = read_wav(path)
                if answer.get("retried"):
                    log.info("TTS worker: %s", answer["retried"])
            finally:
                path.unlink(missing_ok=True)
            self._check_plausible(pcm, rate, request)
            return RawAudio(
                pcm=pcm,
                sample_rate=rate,
                words=tuple(WordEvent(int(s), int(p), int(n)) for s, p, n in answer.get("words", ())),
                phonemes=tuple(PhonemeEvent(int(s), str(ph)) for s, ph in answer.get("phonemes", ())),
                chatter=str(answer.get("chatter", "")),
            )

        raw, incidents = self._with_retry(attempt, f"speaking {request.text[:40]!r}")
        if incidents:
            return RawAudio(raw.pcm, raw.sample_rate, raw.words, raw.phonemes, raw.chatter, incidents)
        return raw

    def close(self) -> None:
        with self._lock:
            proc = self._proc
            if proc is not None and proc.poll() is None:
                try:
                    self._send({"op": "quit", "id": -1})
                    proc.wait(timeout=2.0)
                except (OSError, subprocess.TimeoutExpired, _WorkerDied):
                    pass
            self._kill()
            if self._own_dir:
                shutil.rmtree(self._dir, ignore_errors=True)

    def __enter__(self) -> WorkerEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- supervision ----------------------------------------------------------------------------

    def timeout_for(self, text: str) -> float:
        """How long one utterance may take: espeak runs at ~500× real time, so this is generous."""
        return self.base_timeout + self.per_char_timeout * len(text)

    def _with_retry(self, action: Callable[[], T], what: str) -> tuple[T, tuple[str, ...]]:
        incidents: list[str] = []
        kind = "engine"
        for attempt in (1, 2):
            try:
                with self._lock:
                    self._ensure_started()
                    return action(), tuple(incidents)
            except _WorkerHung as exc:
                kind, note = "timeout", str(exc)
            except _WorkerDied as exc:
                kind, note = "crash", str(exc)
            except BadWavError as exc:
                kind, note = "bad-wav", f"bad WAV: {exc}"
            except SynthesisError as exc:
                kind, note = exc.kind, exc.message
            except OSError as exc:  # the worker could not be started or written to
                kind, note = "crash", f"worker I/O failed: {exc}"
            incidents.append(f"attempt {attempt}: {note}")
            log.warning("TTS worker: %s while %s; restarting it", note, what)
            # A worker that misbehaved once is not trusted again: start a fresh one.
            with self._lock:
                self._kill()
                self.restarts += 1
        raise SynthesisError(kind, f"{what} failed twice: {incidents[-1].split(': ', 1)[1]}",
                             tuple(incidents))

    def _check_plausible(self, pcm: np.ndarray, rate: int, request: SynthRequest) -> None:
        duration = len(pcm) / rate
        low, high = expected_duration_range(request.text, request.rate)
        if voiced_bounds(pcm, rate) is None:
            raise BadWavError(f"the WAV is silent ({duration:.2f} s of nothing)")
        if not low <= duration <= high:
            raise BadWavError(f"{duration:.2f} s of audio is implausible for {len(request.text)} "
                              f"characters (expected {low:.2f}–{high:.2f} s)")

    def _ensure_started(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            return
        self._kill()
        env = dict(os.environ, PYTHONUNBUFFERED="1", PYTHONIOENCODING="utf-8")
        # The worker imports studio: make sure it can, even when studio is not installed.
        root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        if sys.platform == "win32":
            flags = subprocess.CREATE_NO_WINDOW
        else:
            flags = 0
        self._answers = queue.Queue()
        proc = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env, creationflags=flags)
        self._proc = proc
        answers = self._answers
        assert proc.stdout is not None and proc.stderr is not None
        threading.Thread(target=self._read_answers, args=(proc.stdout, answers), daemon=True,
                         name="tts-worker-out").start()
        threading.Thread(target=self._read_chatter, args=(proc.stderr,), daemon=True,
                         name="tts-worker-err").start()
        hello = self._call({"op": "hello"}, self.startup_timeout)
        self.driver = str(hello.get("driver", ""))
        self.events = bool(hello.get("events", False))
        log.debug("TTS worker %s started: %s", proc.pid, hello)

    def _read_answers(self, stream: IO[bytes], answers: queue.Queue[object]) -> None:
        for line in _lines(stream):
            line = line.strip()
            if not line:
                continue
            try:
                answers.put(json.loads(line))
            except json.JSONDecodeError:
                # Should not happen (chatter goes to stderr), but never let it break the protocol.
                self.chatter.append(line)
        answers.put(_EOF)

    def _read_chatter(self, stream: IO[bytes]) -> None:
        for line in _lines(stream):
            line = line.rstrip()
            if line:
                self.chatter.append(line)
                log.debug("TTS worker: %s", line)

    def _send(self, message: dict[str, Any]) -> None:
        proc = self._proc
        if proc is None or proc.stdin is None:
            raise _WorkerDied("the worker is not running")
        try:
            proc.stdin.write((json.dumps(message, ensure_ascii=False) + "\n").encode("utf-8"))
            proc.stdin.flush()
        except (BrokenPipeError, OSError, ValueError) as exc:
            raise _WorkerDied(f"the worker stopped taking requests ({exc})") from None

    def _call(self, message: dict[str, Any], timeout: float) -> dict[str, Any]:
        self._next_id += 1
        rid = self._next_id
        self._send({**message, "id": rid})
        answers = self._answers
        # queue.get's own timeout measures the wait: no wall clock needed here.
        deadline_left = timeout
        while True:
            try:
                answer = answers.get(timeout=deadline_left)
            except queue.Empty:
                raise _WorkerHung(f"the worker did not answer within {timeout:.1f} s; killed it") from None
            if answer is _EOF:
                code = self._proc.wait(timeout=5.0) if self._proc is not None else None
                tail = " | ".join(list(self.chatter)[-3:])
                raise _WorkerDied(f"the worker crashed (exit code {code})" + (f": {tail}" if tail else ""))
            assert isinstance(answer, dict)
            if answer.get("id") != rid:
                continue  # a late answer to a request that already timed out
            if not answer.get("ok"):
                raise SynthesisError("engine", str(answer.get("error", "the engine failed")))
            if answer.get("chatter"):
                for line in str(answer["chatter"]).splitlines():
                    self.chatter.append(line)
                    log.debug("TTS worker: %s", line)
            return answer

    def _kill(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.kill()
        try:
            proc.wait(timeout=5.0)
        except subprocess.TimeoutExpired:
            log.error("TTS worker %s did not exit after kill", proc.pid)
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass


def _lines(stream: IO[bytes]) -> Iterator[str]:
    """Decoded lines of a worker pipe until it ends, or until a restart closes it under the reader
    (a ValueError or OSError from the closed file is the end of that worker, not an error)."""
    try:
        for raw in stream:
            yield raw.decode("utf-8", "replace")
    except (ValueError, OSError):
        return
