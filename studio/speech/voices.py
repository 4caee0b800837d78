"""Choosing a voice: by the line's language ("auto") or by id or name, with errors that list what is installed."""

from __future__ import annotations

from collections.abc import Sequence

from studio.speech.engine import VoiceInfo
from studio.speech.textprep import base_language

# espeak-ng's pinyin voice: Debian's `cmn` dictionary reads most Hanzi as English (PLATFORM.md).
PINYIN_VOICE = "sit/cmn-latn-pinyin"


class VoiceNotFoundError(LookupError):
    """The show asks for a voice that is not installed; the message lists the ones that are."""

    def __init__(self, wanted: str, voices: Sequence[VoiceInfo], language: str = "") -> None:
        self.wanted = wanted
        self.available = tuple(voices)
        if language and wanted == "auto":
            head = f"no installed voice speaks {language}"
        else:
            head = f"voice {wanted!r} is not installed"
        listing = ", ".join(f"{v.id} ({'/'.join(v.languages) or '?'})" for v in voices)
        super().__init__(f"{head}. Installed voices: {listing or 'none'}. "
                         "Run `studio voices` to see them; set [voice] id in show.toml.")


def _langs(v: VoiceInfo) -> list[str]:
    return [lang.lower().replace("_", "-") for lang in v.languages]


def find_voice(voices: Sequence[VoiceInfo], wanted: str) -> VoiceInfo:
    """A voice by id ('gmw/en-us'), the id's last part ('en-us') or its name ('English (America)')."""
    w = wanted.strip().lower()
    for match in (
        lambda v: v.id.lower() == w,
        lambda v: v.id.lower().rsplit("/", 1)[-1] == w,
        lambda v: v.name.lower() == w,
        lambda v: w in v.name.lower() and len(w) >= 4,
    ):
        for v in voices:
            if match(v):
                return v
    raise VoiceNotFoundError(wanted, voices)


def voice_for_language(voices: Sequence[VoiceInfo], language: str, mandarin_input: str = "pinyin") -> VoiceInfo:
    """The best voice for a BCP 47 tag: zh-CN → Mandarin (the pinyin voice on espeak-ng), en-US → American."""
    tag = language.lower().replace("_", "-")
    if base_language(tag) == "zh" and not tag.startswith("yue") and "hk" not in tag:
        if mandarin_input == "pinyin":
            for v in voices:
                if v.id.lower() == PINYIN_VOICE or "cmn-latn-pinyin" in _langs(v):
                    return v
        for cand in (tag, "zh-cn", "cmn", "zh"):
            for v in voices:
                if cand in _langs(v):
                    return v
        for v in voices:
            if any(lang.startswith(("zh", "cmn")) for lang in _langs(v)):
                return v
        raise VoiceNotFoundError("auto", voices, language)
    for v in voices:
        if tag in _langs(v):
            return v
    primary = tag.split("-")[0]
    preferred = {"en": ("en-us", "en-gb", "en")}.get(primary, (primary,))
    for cand in preferred:
        for v in voices:
            if cand in _langs(v):
                return v
    for v in voices:
        if any(lang.split("-")[0] == primary for lang in _langs(v)):
            return v
    raise VoiceNotFoundError("auto", voices, language)


def resolve_voice(voices: Sequence[VoiceInfo], wanted: str, language: str,
                  mandarin_input: str = "pinyin") -> VoiceInfo:
    """The voice for `language` given the show's choice: "auto", or an id/name that must exist.

    A chosen voice speaks the show's language. On espeak-ng a Mandarin voice other than the pinyin
    one is replaced by it, because studio hands espeak-ng pinyin, which only that voice reads.
    """
    if not wanted or wanted == "auto":
        return voice_for_language(voices, language, mandarin_input)
    chosen = find_voice(voices, wanted)
    if (mandarin_input == "pinyin" and base_language(language) == "zh"
            and chosen.id.lower() != PINYIN_VOICE and any(
                lang.startswith(("cmn", "zh")) for lang in _langs(chosen))):
        return voice_for_language(voices, language, mandarin_input)
    return chosen
