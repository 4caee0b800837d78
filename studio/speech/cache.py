"""The speech cache: synthesized audio on disk, addressed by what produced it, bounded by LRU eviction.

The key hashes (prepared text, voice, rate, volume, engine and version), so a new espeak-ng or a
changed text preparation never serves stale audio. Each entry is a WAV plus a JSON sidecar with the
synthesizer's word and phoneme events; the sidecar is written last and is the entry's commit mark.
Reading an entry touches its sidecar, and eviction removes the least recently touched first.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from pathlib import Path
from typing import Any

from studio.core.atomic import write_atomic
from studio.core.dirs import speech_cache_dir
from studio.speech.engine import PhonemeEvent, RawAudio, SynthRequest, VoiceInfo, WordEvent
from studio.speech.wavio import BadWavError, read_wav, write_wav

log = logging.getLogger(__name__)

FORMAT_VERSION = 1  # bump when what is stored (or how it is keyed) changes
DEFAULT_MAX_BYTES = 512 * 1024 * 1024


def cache_key(request: SynthRequest, fingerprint: str) -> str:
    """The content address of one synthesis."""
    blob = json.dumps([FORMAT_VERSION, fingerprint, request.text, request.voice, int(request.rate),
                       round(float(request.volume), 4)], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class SpeechCache:
    """Synthesized utterances on disk under `root` (injectable; tests use a temporary folder)."""

    def __init__(self, root: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.root = Path(root) if root is not None else speech_cache_dir()
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._size: int | None = None  # total bytes, counted lazily on first write
        self.hits = 0
        self.misses = 0

    def _paths(self, key: str) -> tuple[Path, Path]:
        folder = self.root / key[:2]
        return folder / f"{key}.wav", folder / f"{key}.json"

    def get(self, request: SynthRequest, fingerprint: str) -> RawAudio | None:
        wav, meta = self._paths(cache_key(request, fingerprint))
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
            pcm, rate = read_wav(wav)
        except (OSError, ValueError, BadWavError):
            # Missing, half-evicted or damaged: a miss; the caller synthesizes and rewrites it.
            with self._lock:
                self.misses += 1
            return None
        try:
            os.utime(meta)  # recently used: evicted last
        except OSError:
            pass
        with self._lock:
            self.hits += 1
        return RawAudio(
            pcm=pcm,
            sample_rate=rate,
            words=tuple(WordEvent(int(s), int(p), int(n)) for s, p, n in info.get("words", ())),
            phonemes=tuple(PhonemeEvent(int(s), str(ph)) for s, ph in info.get("phonemes", ())),
        )

    def put(self, request: SynthRequest, fingerprint: str, raw: RawAudio) -> None:
        key = cache_key(request, fingerprint)
        wav, meta = self._paths(key)
        try:
            wav.parent.mkdir(parents=True, exist_ok=True)
            # this user's only, as the log is: a line may say a viewer's name
            write_wav(wav, raw.pcm, raw.sample_rate, private=True)
            info = {"text": request.text, "voice": request.voice, "rate": request.rate,
                    "volume": request.volume, "engine": fingerprint,
                    "words": [[w.sample, w.position, w.length] for w in raw.words],
                    "phonemes": [[p.sample, p.phoneme] for p in raw.phonemes]}
            write_atomic(meta, json.dumps(info, ensure_ascii=False), private=True)
        except OSError as exc:
            log.warning("speech cache: cannot write %s: %s", wav, exc)  # a full disk must not stop the show
            return
        added = wav.stat().st_size + meta.stat().st_size
        with self._lock:
            if self._size is None:
                self._size = self._scan_size()
            else:
                self._size += added
            over = self._size > self.max_bytes
        if over:
            self.evict()

    def _entries(self) -> list[tuple[float, int, Path, Path]]:
        """(last use, bytes, wav, json) of every complete entry."""
        out = []
        if not self.root.is_dir():
            return out
        for meta in self.root.glob("??/*.json"):
            wav = meta.with_suffix(".wav")
            try:
                st = meta.stat()
                size = st.st_size + (wav.stat().st_size if wav.exists() else 0)
            except OSError:
                continue
            out.append((st.st_mtime, size, wav, meta))
        return out

    def _scan_size(self) -> int:
        return sum(e[1] for e in self._entries())

    def evict(self) -> int:
        """Remove least recently used entries until the cache is under 90 % of its bound; returns how many."""
        with self._lock:
            entries = sorted(self._entries(), key=lambda e: e[0])
            total = sum(e[1] for e in entries)
            target = int(self.max_bytes * 0.9)
            removed = 0
            for _, size, wav, meta in entries:
                if total <= target:
                    break
                meta.unlink(missing_ok=True)  # the sidecar first: the entry stops existing at once
                wav.unlink(missing_ok=True)
                total -= size
                removed += 1
            self._size = total
            return removed

    def size_bytes(self) -> int:
        with self._lock:
            self._size = self._scan_size()
            return self._size

    def __len__(self) -> int:
        return len(self._entries())

    # Voices change only with the engine, so listing them needs no worker once cached.
    def voices(self, fingerprint: str) -> list[VoiceInfo] | None:
        path = self.root / "voices.json"
        try:
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if data.get("engine") != fingerprint or data.get("format") != FORMAT_VERSION:
            return None
        return [VoiceInfo(v["id"], v["name"], tuple(v["languages"]), v.get("gender"))
                for v in data.get("voices", ())]

    def put_voices(self, fingerprint: str, voices: list[VoiceInfo]) -> None:
        data = {"format": FORMAT_VERSION, "engine": fingerprint,
                "voices": [{"id": v.id, "name": v.name, "languages": list(v.languages),
                            "gender": v.gender} for v in voices]}
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            write_atomic(self.root / "voices.json", json.dumps(data, ensure_ascii=False), private=True)
        except OSError as exc:
            log.warning("speech cache: cannot write the voice list: %s", exc)
