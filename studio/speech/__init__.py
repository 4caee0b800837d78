"""Speech: offline TTS in a worker process, text preparation, cache, look-ahead and lip-sync. Qt-free."""

from studio.speech.cache import SpeechCache
from studio.speech.engine import SynthesisError, SynthRequest, TTSEngine, VoiceInfo
from studio.speech.lipsync import lip_sync, mouth_at
from studio.speech.lookahead import LookAhead, SpeechRequest
from studio.speech.speaker import Speaker
from studio.speech.supervisor import WorkerEngine
from studio.speech.textprep import PreparedLine, prepare
from studio.speech.types import MouthTrack, SpeechFailure, Utterance
from studio.speech.voices import VoiceNotFoundError

__all__ = [
    "LookAhead", "MouthTrack", "PreparedLine", "Speaker", "SpeechCache",
    "SpeechFailure", "SpeechRequest", "SynthRequest", "SynthesisError", "TTSEngine", "Utterance",
    "VoiceInfo", "VoiceNotFoundError", "WorkerEngine", "lip_sync",
    "mouth_at", "prepare",
]
