"""Text preparation: what the voice should read for a caption, chunk by chunk, mapped back to it.

A line is split into tokens that keep their place in the original text (so word timings land on
the caption), then into chunks the engine speaks one at a time: a chunk ends at a sentence end or
where the language changes (an English brand name inside a Mandarin line goes to an English voice).
Numbers, prices, percentages, discounts, times and units become words in the chunk's language;
emoji, markup and URLs are not read. Mandarin becomes tone-numbered pinyin for espeak-ng's
`cmn-latn-pinyin` voice (Debian's `cmn` dictionary reads most Hanzi as English), or stays Hanzi for
engines that read it natively.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from studio.speech import numbers as num

SENTENCE_PAUSE = 0.32  # seconds between sentences of one line (espeak's own is ~0.3 s at 175 wpm)
COMMA_PAUSE = 0.18  # where a long sentence is split at a comma, or a comma meets a language switch
SWITCH_PAUSE = 0.06  # a language switch inside a phrase ("AirWave 降噪耳机"): a word gap
MAX_CHUNK_CHARS = 240  # longer sentences are split at a comma: shorter timeouts, faster first audio

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CURRENCY = r"HK\$|NT\$|US\$|S\$|A\$|C\$|[¥￥$€£₩₹]"

# unit → (Chinese, English singular, English plural)
UNITS: dict[str, tuple[str, str, str]] = {
    "ml": ("毫升", "milliliter", "milliliters"),
    "mL": ("毫升", "milliliter", "milliliters"),
    "L": ("升", "liter", "liters"),
    "kg": ("千克", "kilogram", "kilograms"),
    "mg": ("毫克", "milligram", "milligrams"),
    "g": ("克", "gram", "grams"),
    "km": ("公里", "kilometer", "kilometers"),
    "cm": ("厘米", "centimeter", "centimeters"),
    "mm": ("毫米", "millimeter", "millimeters"),
    "m": ("米", "meter", "meters"),
    "mAh": ("毫安时", "milliamp hour", "milliamp hours"),
    "min": ("分钟", "minute", "minutes"),
    "h": ("小时", "hour", "hours"),
    "W": ("瓦", "watt", "watts"),
    "°C": ("摄氏度", "degree Celsius", "degrees Celsius"),
    "℃": ("摄氏度", "degree Celsius", "degrees Celsius"),
    "°": ("度", "degree", "degrees"),
}
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))

_TOKEN = re.compile(
    rf"""
    (?P<skip><[^<>\n]{{1,200}}>|https?://[^\s<>]*[^\s<>.,!?;:，。！？]|\]\([^)\s]*\))  # markup, URLs, link targets
  | (?P<time>(?<![\d.])(?:[01]?\d|2[0-3])[:：][0-5]\d(?![\d:]))
  | (?P<money>(?P<cur>{_CURRENCY})\s?(?P<mnum>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)
              (?P<msuf>元|块)?)
  | (?P<number>(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)
              (?P<suf>%|％|折|(?:{_UNIT_ALT}|st|nd|rd|th)(?![A-Za-z])|元|块)?)
  | (?P<han>[{_HAN}])
  | (?P<latin>[A-Za-z]+(?:[-'’][A-Za-z]+)*)
  | (?P<stop>\.{{3}}|[。！？!?；;…]+|\.(?!\d))
  | (?P<comma>[，,、：:])
  | (?P<space>\s+)
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Token:
    """A piece of the original text: where it is, what kind it is, and in which language it is read."""

    start: int
    end: int
    kind: str  # "word", "stop", "comma", "space", "skip"
    lang: str | None  # "zh" or "en" for words
    zh: str = ""  # the words in Chinese characters (for Mandarin chunks)
    en: str = ""  # the words in English (for English chunks)
    raw: str = ""  # the original text of punctuation (to keep ? and ! for intonation)


@dataclass(frozen=True)
class SpokenToken:
    """One caption unit (a word, a Chinese character, a whole number) and where it is in the chunk text."""

    char_start: int  # in the original text
    char_end: int
    spoken_start: int  # in Chunk.text
    spoken_end: int


@dataclass(frozen=True)
class Chunk:
    """What the engine speaks in one call: text in one language, and the pause after it."""

    language: str  # "zh" or "en"
    text: str  # as given to the engine (pinyin for Mandarin on espeak-ng)
    tokens: tuple[SpokenToken, ...]
    pause_after: float  # seconds of silence before the next chunk of the same line


@dataclass(frozen=True)
class PreparedLine:
    """A caption and the chunks a voice reads for it."""

    text: str
    language: str  # the line's language tag, e.g. "zh-CN"
    chunks: tuple[Chunk, ...]

    @property
    def spoken(self) -> str:
        return " | ".join(c.text for c in self.chunks)


def base_language(tag: str) -> str:
    """'zh-CN', 'cmn', 'zh' → 'zh'; everything else is read with the English rules → 'en'."""
    head = tag.replace("_", "-").split("-")[0].lower()
    return "zh" if head in ("zh", "cmn", "yue") else "en"


def _number_token(m: re.Match[str], line_lang: str, next_char: str) -> Token:
    text = m.group("num")
    suf = m.group("suf") or ""
    zh: str
    en: str
    if suf in ("%", "％"):
        zh, en = num.zh_percent(text), num.en_number(text) + " percent"
    elif suf == "折":
        zh = num.zh_discount(text)
        en = zh  # only Chinese has 折; an English line reads it as Chinese
    elif suf in ("元", "块"):
        zh, en = num.zh_money(text, suf), num.en_money(text, "元")
    elif suf in ("st", "nd", "rd", "th") and "." not in text and "," not in text:
        zh, en = num.zh_number(text), num.en_ordinal(int(text))
    elif suf in UNITS:
        z, one, many = UNITS[suf]
        zh = num.zh_number(text, z[:1]) + z
        en = num.en_number(text) + " " + (one if text == "1" else many)
    else:
        suf = ""
        if next_char == "年" and len(text) == 4 and text.isdigit():
            zh = num.zh_digits(text)  # 2024年 → 二零二四年
        else:
            zh = num.zh_number(text, next_char)
        en = num.en_number(text)
    # A number glued to Chinese (3件, 5折, 168元) is read in Chinese even inside an English line.
    lang = "zh" if (line_lang == "zh" or re.match(f"[{_HAN}]", next_char or " ") or suf in ("折", "元", "块")) else "en"
    return Token(m.start(), m.end(), "word", lang, zh, en)


def tokenize(text: str, language: str) -> list[Token]:
    """Split `text` into tokens that cover it exactly; anything unmatched (emoji, symbols) is skipped."""
    line_lang = base_language(language)
    tokens: list[Token] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() > pos:
            tokens.append(Token(pos, m.start(), "skip", None))
        kind = m.lastgroup or "skip"
        nxt = text[m.end(): m.end() + 1]
        if kind == "time":
            hh, mm = re.split("[:：]", m.group("time"))
            tokens.append(Token(m.start(), m.end(), "word", line_lang,
                                num.zh_time(int(hh), int(mm)), num.en_time(int(hh), int(mm))))
        elif kind == "money":
            cur, amount, suf = m.group("cur"), m.group("mnum"), m.group("msuf") or ""
            unit = suf or "元"
            lang = line_lang if cur in ("¥", "￥") or suf else "en" if line_lang == "en" else "zh"
            zh = num.zh_money(amount, unit) if cur in ("¥", "￥") or suf else _zh_foreign_money(amount, cur)
            tokens.append(Token(m.start(), m.end(), "word", lang, zh, num.en_money(amount, cur)))
        elif kind == "number":
            tokens.append(_number_token(m, line_lang, nxt))
        elif kind == "han":
            tokens.append(Token(m.start(), m.end(), "word", "zh", m.group(), m.group()))
        elif kind == "latin":
            tokens.append(Token(m.start(), m.end(), "word", "en", m.group(), m.group()))
        else:
            tokens.append(Token(m.start(), m.end(), kind, None, raw=m.group()))
        pos = m.end()
    if pos < len(text):
        tokens.append(Token(pos, len(text), "skip", None))
    return tokens


_ZH_CURRENCY_NAMES = {
    "$": "美元", "US$": "美元", "HK$": "港币", "NT$": "新台币", "S$": "新加坡元", "A$": "澳元",
    "C$": "加元", "€": "欧元", "£": "英镑", "₩": "韩元", "₹": "卢比",
}


def _zh_foreign_money(amount: str, cur: str) -> str:
    return num.zh_money(amount, _ZH_CURRENCY_NAMES.get(cur, "元"))


def _stop_mark(text: str) -> str:
    if "?" in text or "？" in text:
        return "?"
    if "!" in text or "！" in text:
        return "!"
    return "."


def _unknown_syllables(chars: str) -> Any:  # a list: pypinyin takes one (its stubs say str)
    """A '?' syllable for each character pypinyin has no reading for."""
    return ["?"] * len(chars)


@lru_cache(maxsize=4096)
def _pinyin_clause(clause: str) -> tuple[str, ...]:
    """Tone-numbered pinyin per character, resolved in context (重要 zhong4, 银行 hang2)."""
    from pypinyin import Style, lazy_pinyin  # imported late: its dictionaries take ~0.3 s to load

    syllables = lazy_pinyin(clause, style=Style.TONE3, neutral_tone_with_five=True,
                            tone_sandhi=True, errors=_unknown_syllables)
    if len(syllables) == len(clause):
        return tuple(syllables)
    # Rare characters can make pypinyin group its output; fall back to one character at a time.
    out = []
    for ch in clause:
        one = lazy_pinyin(ch, style=Style.TONE3, neutral_tone_with_five=True, errors=_unknown_syllables)
        out.append(one[0] if one else "?")
    return tuple(out)


class _ChunkBuilder:
    """Accumulates tokens of one language and renders them to the engine's text."""

    def __init__(self, language: str, mandarin: str) -> None:
        self.language = language
        self.mandarin = mandarin
        self.tokens: list[Token] = []

    def has_words(self) -> bool:
        return any(t.kind == "word" for t in self.tokens)

    def spoken_length(self) -> int:
        return sum(len(t.zh if self.language == "zh" else t.en) for t in self.tokens if t.kind == "word")

    def build(self, pause_after: float) -> Chunk:
        if self.language == "zh" and self.mandarin == "pinyin":
            return self._build_pinyin(pause_after)
        return self._build_plain(pause_after)

    def _build_plain(self, pause_after: float) -> Chunk:
        zh = self.language == "zh"
        out = ""
        spoken: list[SpokenToken] = []
        for t in self.tokens:
            if t.kind == "word":
                word = t.zh if zh else t.en
                if out and not zh and not out.endswith(" "):
                    out += " "
                spoken.append(SpokenToken(t.start, t.end, len(out), len(out) + len(word)))
                out += word
            elif t.kind == "space" and not zh and out and not out.endswith(" "):
                out += " "
            elif t.kind == "comma" and out:
                out = out.rstrip(" ") + ("，" if zh else ", ")
            elif t.kind == "stop" and out:
                mark = _stop_mark(t.raw)
                out = out.rstrip(" ") + ({"?": "？", "!": "！"}.get(mark, "。") if zh else mark + " ")
        return Chunk(self.language, out.rstrip(" "), tuple(spoken), pause_after)

    def _build_pinyin(self, pause_after: float) -> Chunk:
        # Convert whole clauses at once so pypinyin sees the phrases that decide polyphones.
        clauses: list[list[Token]] = [[]]
        for t in self.tokens:
            if t.kind == "word":
                clauses[-1].append(t)
            elif t.kind in ("comma", "stop"):
                clauses.append([])
        syllables_of: dict[int, tuple[str, ...]] = {}
        for clause in clauses:
            text = "".join(t.zh for t in clause)
            if not text:
                continue
            sylls = _pinyin_clause(text)
            i = 0
            for t in clause:
                syllables_of[t.start] = tuple(s for s in sylls[i: i + len(t.zh)] if s != "?")
                i += len(t.zh)
        parts: list[str] = []
        spoken: list[SpokenToken] = []
        length = 0
        for t in self.tokens:
            if t.kind == "word":
                word = " ".join(syllables_of.get(t.start, ()))
                if not word:
                    continue
                if parts and not parts[-1].endswith(" "):
                    parts.append(" ")
                    length += 1
                spoken.append(SpokenToken(t.start, t.end, length, length + len(word)))
                parts.append(word)
                length += len(word)
            elif t.kind in ("comma", "stop") and parts:
                mark = ", " if t.kind == "comma" else _stop_mark(t.raw) + " "
                parts.append(mark)
                length += len(mark)
        return Chunk("zh", "".join(parts).strip(), tuple(spoken), pause_after)


def prepare(text: str, language: str, mandarin: str = "pinyin") -> PreparedLine:
    """Split a caption into engine chunks. `mandarin` is "pinyin" (espeak-ng) or "hanzi" (native voices)."""
    line_lang = base_language(language)
    chunks: list[Chunk] = []
    builder: _ChunkBuilder | None = None
    pending_pause = 0.0  # the pause that follows the chunk being built, from its last punctuation

    def close(pause: float) -> None:
        nonlocal builder
        if builder is not None and builder.has_words():
            chunk = builder.build(pause)
            if chunk.tokens:
                chunks.append(chunk)
            elif chunks:  # nothing speakable (only symbols): keep the pause it asked for
                chunks[-1] = _with_pause(chunks[-1], max(chunks[-1].pause_after, pause))
        elif chunks:
            chunks[-1] = _with_pause(chunks[-1], max(chunks[-1].pause_after, pause))
        builder = None

    for tok in tokenize(text, language):
        if tok.kind == "word":
            lang = tok.lang or line_lang
            if builder is not None and builder.language != lang and builder.has_words():
                close(pending_pause or SWITCH_PAUSE)
            if builder is None:
                builder = _ChunkBuilder(lang, mandarin)
            builder.tokens.append(tok)
            pending_pause = 0.0
        elif tok.kind == "stop":
            if builder is not None:
                builder.tokens.append(tok)
            close(SENTENCE_PAUSE)
            pending_pause = 0.0
        elif tok.kind == "comma":
            if builder is not None:
                builder.tokens.append(tok)
                if builder.spoken_length() > MAX_CHUNK_CHARS:
                    close(COMMA_PAUSE)
                    continue
            pending_pause = max(pending_pause, COMMA_PAUSE)
        elif builder is not None:
            builder.tokens.append(tok)
    close(0.0)
    if chunks:
        chunks[-1] = _with_pause(chunks[-1], 0.0)  # the line's own pause is the runner's business
    return PreparedLine(text, language, tuple(chunks))


def _with_pause(chunk: Chunk, pause: float) -> Chunk:
    return Chunk(chunk.language, chunk.text, chunk.tokens, pause)
