"""The Speaker: caption text in, Utterance out (prepare → cache or engine → trim and join → timings → mouth).

Blocking by design (it waits for the worker); the runner calls it through the LookAhead, which
runs it on a background thread, so neither the UI nor the frame loop ever waits for it.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

import numpy as np

from studio.core.vocab import WordTiming
from studio.show.model import Voice
from studio.speech.cache import SpeechCache
from studio.speech.engine import RawAudio, SynthesisError, SynthRequest, TTSEngine, VoiceInfo
from studio.speech.lipsync import lip_sync, rest_track
from studio.speech.textprep import Chunk, PreparedLine, base_language, prepare
from studio.speech.timing import estimate_timings, syllable_weight, timings_from_events
from studio.speech.types import SpeechFailure, Utterance, frozen_pcm
from studio.speech.voices import VoiceNotFoundError, resolve_voice
from studio.speech.wavio import voiced_bounds

log = logging.getLogger(__name__)

FADE_SECONDS = 0.003  # a fade over the first and last voiced samples: no click at a cut
SYLLABLES_PER_SECOND = 3.6  # espeak-ng at 175 wpm, measured on the demo show: for estimates only


@dataclass(frozen=True)
class _Piece:
    chunk: Chunk
    voice: str
    pcm: np.ndarray
    sample_rate: int
    raw: RawAudio
    first: int  # trimmed span within raw.pcm
    last: int
    cached: bool


class Speaker:
    """Synthesizes lines into Utterances with one engine and an optional cache. Thread-safe."""

    def __init__(self, engine: TTSEngine, cache: SpeechCache | None = None, fps: int = 30) -> None:
        self.engine = engine
        self.cache = cache
        self.fps = fps
        self._voices: list[VoiceInfo] | None = None
        self._lock = threading.Lock()

    def voices(self) -> list[VoiceInfo]:
        """Installed voices (from the cache when it knows this engine version: no worker start)."""
        with self._lock:
            if self._voices is None:
                fp = self.engine.fingerprint()
                found = self.cache.voices(fp) if self.cache is not None else None
                if not found:
                    found = self.engine.voices()
                    if self.cache is not None:
                        self.cache.put_voices(fp, found)
                self._voices = found
            return list(self._voices)

    def voice_for(self, language: str, voice: Voice | None = None) -> VoiceInfo:
        """The voice that reads `language` under the show's voice settings (raises VoiceNotFoundError)."""
        wanted = voice.id if voice is not None else "auto"
        return resolve_voice(self.voices(), wanted, language, self.engine.mandarin_input())

    def prepare(self, text: str, language: str) -> PreparedLine:
        return prepare(text, language, self.engine.mandarin_input())

    def requests(self, text: str, language: str, voice: Voice | None = None) -> list[SynthRequest]:
        """The engine requests a line needs (for pre-synthesis and cache checks)."""
        voice = voice or Voice()
        line = self.prepare(text, language)
        return [SynthRequest(c.text, self._chunk_voice(c, language, voice), voice.rate, voice.volume)
                for c in line.chunks]

    def _chunk_voice(self, chunk: Chunk, language: str, voice: Voice) -> str:
        if base_language(language) == chunk.language:
            return self.voice_for(language, voice).id
        # A run in the other language (an English brand name in a Mandarin line) gets that language's voice.
        other = "zh-CN" if chunk.language == "zh" else "en-US"
        return self.voice_for(other, Voice(id="auto")).id

    def _raw(self, request: SynthRequest) -> tuple[RawAudio, bool]:
        fp = self.engine.fingerprint()
        if self.cache is not None:
            hit = self.cache.get(request, fp)
            if hit is not None:
                return hit, True
        raw = self.engine.synthesize(request)
        if self.cache is not None:
            self.cache.put(request, fp, raw)
        return raw, False

    def synthesize(self, text: str, language: str, voice: Voice | None = None) -> Utterance:
        """The Utterance for one caption. Never raises for engine trouble: failures come back in it."""
        voice = voice or Voice()
        line = self.prepare(text, language)
        pieces: list[_Piece] = []
        incidents: list[str] = []
        try:
            if voice.id not in ("", "auto"):
                self.voice_for(language, voice)  # a voice the show names must exist, used or not
            for chunk in line.chunks:
                vid = self._chunk_voice(chunk, language, voice)
                raw, cached = self._raw(SynthRequest(chunk.text, vid, voice.rate, voice.volume))
                incidents.extend(raw.incidents)
                bounds = voiced_bounds(raw.pcm, raw.sample_rate) or (0, 0)
                pieces.append(_Piece(chunk, vid, raw.pcm, raw.sample_rate, raw, bounds[0], bounds[1], cached))
        except SynthesisError as exc:
            return self._failed(line, voice, SpeechFailure(exc.kind, exc.message, exc.incidents))
        except VoiceNotFoundError as exc:
            return self._failed(line, voice, SpeechFailure("voice", str(exc)))
        return self._assemble(line, pieces, tuple(incidents))

    def _assemble(self, line: PreparedLine, pieces: list[_Piece], incidents: tuple[str, ...]) -> Utterance:
        rate = pieces[0].sample_rate if pieces else 22050
        parts: list[np.ndarray] = []
        words: list[WordTiming] = []
        phonemes: list[tuple[float, float, str]] = []
        offset = 0  # samples so far
        for k, p in enumerate(pieces):
            pcm = p.pcm[p.first:p.last].astype(np.float32)
            if p.sample_rate != rate:  # another engine's voice at another rate: resample linearly
                n = int(round(len(pcm) * rate / p.sample_rate))
                pcm = np.interp(np.linspace(0, len(pcm) - 1, n), np.arange(len(pcm)), pcm)
            fade = min(len(pcm) // 2, int(FADE_SECONDS * rate))
            if fade:
                ramp = np.linspace(0.0, 1.0, fade, dtype=np.float32)
                pcm[:fade] *= ramp
                pcm[-fade:] *= ramp[::-1]
            base = offset / rate
            # Word timings: engine events where there are any, the audio otherwise.
            if p.raw.words:
                times = timings_from_events(p.chunk, p.raw.words, p.raw.phonemes, p.sample_rate,
                                            p.first, p.last)
            else:
                times = estimate_timings(p.chunk, p.pcm[p.first:p.last], p.sample_rate)
            for tok, tt in zip(p.chunk.tokens, times):
                if tt is None:
                    continue
                words.append(WordTiming(line.text[tok.char_start:tok.char_end], base + tt[0],
                                        base + tt[1], tok.char_start, tok.char_end, tt[2]))
            events = sorted(p.raw.phonemes, key=lambda e: e.sample)
            for i, ev in enumerate(events):
                end = events[i + 1].sample if i + 1 < len(events) else p.last
                a, b = max(ev.sample, p.first), min(end, p.last)
                if b > a:
                    phonemes.append((base + (a - p.first) / p.sample_rate,
                                     base + (b - p.first) / p.sample_rate, ev.phoneme))
            parts.append(pcm)
            offset += len(pcm)
            if k + 1 < len(pieces) and p.chunk.pause_after > 0:
                gap = int(round(p.chunk.pause_after * rate))
                parts.append(np.zeros(gap, dtype=np.float32))
                offset += gap
        audio = np.concatenate(parts) if parts else np.zeros(0, dtype=np.float32)
        pcm16 = frozen_pcm(np.clip(np.round(audio), -32768, 32767))
        duration = len(pcm16) / rate
        # Phoneme events only help when every chunk has them; a mixed line falls back to audio.
        use_phonemes = bool(pieces) and all(p.raw.phonemes for p in pieces)
        mouth = lip_sync(pcm16, rate, phonemes if use_phonemes else None, self.fps)
        return Utterance(
            text=line.text,
            language=line.language,
            pcm=pcm16,
            sample_rate=rate,
            duration=duration,
            words=tuple(words),
            mouth=mouth,
            spoken=tuple(p.chunk.text for p in pieces),
            voices=tuple(p.voice for p in pieces),
            cached=bool(pieces) and all(p.cached for p in pieces),
            incidents=incidents,
        )

    def _failed(self, line: PreparedLine, voice: Voice, failure: SpeechFailure) -> Utterance:
        """No audio: the caption is timed by estimate so the runner can still show it and move on."""
        log.warning("speech failed for %r: %s", line.text[:60], failure.message)
        words: list[WordTiming] = []
        t = 0.0
        per_syllable = 1.0 / (SYLLABLES_PER_SECOND * max(40, voice.rate) / 175.0)
        for chunk in line.chunks:
            for tok in chunk.tokens:
                d = syllable_weight(chunk.text[tok.spoken_start:tok.spoken_end]) * per_syllable
                words.append(WordTiming(line.text[tok.char_start:tok.char_end], t, t + d,
                                        tok.char_start, tok.char_end, True))
                t += d
            t += chunk.pause_after
        duration = t
        empty = frozen_pcm(np.zeros(0, dtype=np.int16))
        return Utterance(line.text, line.language, empty, 22050, duration, tuple(words),
                         rest_track(duration, self.fps), tuple(c.text for c in line.chunks), (),
                         False, failure, failure.incidents)


def failed_utterance(speaker: Speaker, text: str, language: str, voice: Voice | None,
                     exc: BaseException) -> Utterance:
    """An Utterance for an unexpected error (a bug, not an engine fault): captions still run."""
    line = speaker.prepare(text, language)
    return speaker._failed(line, voice or Voice(),
                           SpeechFailure("engine", f"{type(exc).__name__}: {exc}"))
