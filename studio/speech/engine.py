"""The TTSEngine protocol and what an engine returns: raw PCM plus the synthesizer's own events."""

from __future__ import annotations

import glob
import os
import sys
from dataclasses import dataclass
from importlib import metadata
from typing import Protocol

import numpy as np


@dataclass(frozen=True)
class VoiceInfo:
    """An installed voice: its id (what the engine is given), a name for people, its languages."""

    id: str
    name: str
    languages: tuple[str, ...]
    gender: str | None = None


@dataclass(frozen=True)
class SynthRequest:
    """One utterance for the engine: prepared text, a voice id, words per minute, volume 0..1."""

    text: str
    voice: str
    rate: int = 175
    volume: float = 1.0


@dataclass(frozen=True)
class WordEvent:
    """The synthesizer started a word at `sample`; the word is request.text[position:position+length]."""

    sample: int
    position: int
    length: int


@dataclass(frozen=True)
class PhonemeEvent:
    """The synthesizer started a phoneme (IPA, "" for a pause) at `sample`."""

    sample: int
    phoneme: str


@dataclass(frozen=True)
class RawAudio:
    """What an engine produced for one request, before trimming and alignment."""

    pcm: np.ndarray  # int16 mono
    sample_rate: int
    words: tuple[WordEvent, ...] = ()
    phonemes: tuple[PhonemeEvent, ...] = ()
    chatter: str = ""  # what the engine printed while it worked (pyttsx3 prints "Audio saved to …")
    incidents: tuple[str, ...] = ()  # faults recovered from on the way (restarts, retries)


class SynthesisError(RuntimeError):
    """Synthesis failed for good (after one restart and retry); `kind` says how, `incidents` what happened."""

    def __init__(self, kind: str, message: str, incidents: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.kind = kind  # "timeout", "crash", "bad-wav", "engine", "voice"
        self.message = message
        self.incidents = incidents


class TTSEngine(Protocol):
    """A text-to-speech engine. Implementations must never block for longer than their timeouts."""

    name: str

    def fingerprint(self) -> str:
        """Engine and version, cheaply (no worker start): part of every cache key."""
        ...

    def mandarin_input(self) -> str:
        """'pinyin' when Mandarin must be given as tone-numbered pinyin, 'hanzi' when read natively."""
        ...

    def voices(self) -> list[VoiceInfo]:
        ...

    def synthesize(self, request: SynthRequest) -> RawAudio:
        """Speak one request; raises SynthesisError when it cannot, after its own recovery."""
        ...

    def close(self) -> None:
        ...


def pyttsx3_fingerprint() -> str:
    """'pyttsx3 2.99; libespeak-ng.so.1.1.51': a new engine or library version means new audio."""
    try:
        version = metadata.version("pyttsx3")
    except metadata.PackageNotFoundError:
        version = "?"
    lib = ""
    if sys.platform.startswith("linux"):
        # The resolved file name carries the full library version (the soname does not).
        patterns = ("/usr/lib/*/libespeak-ng.so.1*", "/usr/lib/libespeak-ng.so.1*",
                    "/usr/local/lib/libespeak-ng.so.1*", "/usr/lib64/libespeak-ng.so.1*")
        for pattern in patterns:
            found = sorted(glob.glob(pattern))
            if found:
                lib = os.path.basename(os.path.realpath(found[0]))
                break
    return f"pyttsx3 {version}; {lib or sys.platform}"


def pyttsx3_mandarin_input() -> str:
    """espeak-ng (Linux) needs pinyin; SAPI5 and NSSpeechSynthesizer Chinese voices read Hanzi."""
    return "hanzi" if sys.platform in ("win32", "darwin") else "pinyin"
