"""Viewer names the host may say: a short nickname that passes moderation and says nothing.

A viewer chooses their own name, so a name is viewer text like any comment: as a nickname,
"主播是骗子" or "我不是AI是真人" would put those words in the host's mouth when it greets the
asker. `NameRule.verdict(name, language)` gives the form of the name the host may say, or
朋友 / friend, and why. The rule (documented in docs/chat.md, "Names"), in order:

1. no link or handle anywhere in the name as typed: `@`, `#`, `://`, `www.`, a dotted domain;
   no mask (`t**5`: the platform hid part of the name);
2. cleaned: NFKC; invisible, format and filler characters removed; emoji, symbols and
   punctuation separate words; combining marks dropped;
3. scripts: Latin letters (accents allowed) and ASCII digits, plus Han ideographs when the
   answer is Chinese; any other letter falls back (the word lists cover only these scripts);
4. short: at most 8 Han characters, 2 Latin words and 16 letters and digits in all;
5. numbers: at most 4 digits, and no run of 5 numerals (digits or 一二三…): phone and QQ numbers;
6. no word from `data/names.toml` (role words, insults, claims, contact, sentence words,
   political names), from the show's `[chat] name_deny`, or from the compliance lexicon, in any
   disguise the compliance matcher sees through (pinyin, traditional, full width, spacing).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from studio.compliance.checker import Checker, is_chinese
from studio.compliance.lexicon import Basis, Catalog, Category, Level, Lexicon, LexiconError, Term
from studio.compliance.normalize import fold
from studio.compliance.wordlists import CUSTOM_CATEGORY, SHOW_DENY_BASIS, DenyTerm, ShowWordLists

FALLBACK_NAME = {"zh": "朋友", "en": "friend"}
MAX_HAN = 8  # Han characters: "一只努力的小胖子" is about the longest nickname said whole
MAX_WORDS = 2  # Latin words: "Kevin Lee"; three words start to read as a sentence
MAX_CHARS = 16  # letters, digits and Han characters together
MAX_DIGITS = 4  # "小美2024" is a nickname; "13800138000" is a phone number
MAX_NUMERAL_RUN = 4  # numerals in a row, digits and 一二三… mixed ("一三八零零一三八")
RAW_LIMIT = 256  # characters of a name looked at: work is bounded before normalising
DATA_FILE = "names.toml"
_TABLE_KEYS = {"words", "inside"}

# Invisible letters that NFKC keeps and that are not format characters: Hangul fillers
# (category Lo), the braille blank, the Mongolian vowel separator, Khmer inherent vowels, the
# combining grapheme joiner. They make blank or look-alike names; they are dropped.
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e\u17b4\u17b5\u034f")
_DROPPED = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Mn", "Me"})
_LINK = re.compile(r"[@#]|://|www[.。]|[a-z0-9][.。][a-z]{2,}", re.IGNORECASE)
_NUMERALS = "零〇一二三四五六七八九十百千万两幺壹贰叁肆伍陆柒捌玖拾"
_NUMERAL_RUN = re.compile(f"[0-9{_NUMERALS}]{{{MAX_NUMERAL_RUN + 1},}}")
# Where a Latin word splits for matching: camelCase, ALLCapsThen, letters and digits.
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])")


@dataclass(frozen=True)
class NameWords:
    """The built-in word list: terms by kind (`words`) and Latin terms matched inside words (`inside`)."""

    words: dict[str, tuple[str, ...]]
    inside: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class NameVerdict:
    """What the host says for a viewer's name, and why the name itself was not said ('' when it was)."""

    name: str
    said: bool
    reason: str = ""


def fallback_name(language: str) -> str:
    """What the host calls a viewer whose name cannot be said: 朋友 / friend."""
    return FALLBACK_NAME["zh" if is_chinese(language) else "en"]


def _strings(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise LexiconError(f"{where}: must be a list of non-empty texts")
    return tuple(v.strip() for v in value)


def parse_name_words(text: str, name: str = DATA_FILE) -> NameWords:
    """The word list file: one table per kind of word, each with `words` and optionally `inside`.

    Strict: a malformed file is a bug in studio's data, so it raises LexiconError naming it.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{name}: {exc}") from None
    words: dict[str, tuple[str, ...]] = {}
    inside: dict[str, tuple[str, ...]] = {}
    for kind, table in data.items():
        where = f"{name}: [{kind}]"
        if not isinstance(table, dict) or not set(table) <= _TABLE_KEYS or "words" not in table:
            raise LexiconError(f"{where}: expected a table with words (and optionally inside)")
        words[kind] = _strings(table["words"], where + ".words")
        found = _strings(table.get("inside", []), where + ".inside")
        latin = [t for t in found if not re.fullmatch(r"[a-z0-9]+", t)]
        if latin:
            raise LexiconError(f"{where}.inside: only lower-case Latin letters and digits, got {latin}")
        inside[kind] = found
    if not words:
        raise LexiconError(f"{name}: no word tables")
    return NameWords(words, inside)


@lru_cache(maxsize=1)
def name_words() -> NameWords:
    """The built-in list, read once from studio/chat/data/names.toml."""
    text = (resources.files("studio.chat") / "data" / DATA_FILE).read_text(encoding="utf-8")
    return parse_name_words(text)


@lru_cache(maxsize=1)
def _lexicon() -> Lexicon:
    """The built-in list as a compliance lexicon, so the matcher's disguises apply to names too."""
    basis = Basis("viewer-name", "studio: viewer names", "a viewer's name that must not be said on air")
    words = name_words()
    categories = {kind: Category(kind, kind) for kind in words.words}
    categories[CUSTOM_CATEGORY] = Category(CUSTOM_CATEGORY, "show.toml [chat] name_deny")
    own = Basis(SHOW_DENY_BASIS, "show.toml [chat] name_deny", "a word the show keeps out of names")
    catalog = Catalog(categories, {basis.id: basis, own.id: own})
    terms = tuple(Term(t, kind, Level.BLOCK, basis, source=DATA_FILE)
                  for kind, ts in words.words.items() for t in ts)
    return Lexicon(catalog, terms)


def _is_han(ch: str) -> bool:
    cp = ord(ch)
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF) and ch.isalpha()


def _is_latin(ch: str) -> bool:
    """An ASCII letter, or one with accents on an ASCII letter (é, ü, ñ): the Latin a voice reads."""
    if ch.isascii():
        return ch.isalpha()
    base = unicodedata.normalize("NFKD", ch)[:1]
    return ch.isalpha() and base.isascii() and base.isalpha()


def _tokens(name: str) -> tuple[list[str], str]:
    """The cleaned name as tokens (Han characters one by one, Latin/digit words whole), or an error."""
    tokens: list[str] = []
    word = ""
    for ch in unicodedata.normalize("NFKC", name):
        if ch in _FILLERS:
            continue
        cat = unicodedata.category(ch)
        if ch in "\t\n\r\v\f" or cat[0] in "ZPS":
            if word:
                tokens.append(word)
                word = ""
            continue
        if cat in _DROPPED:
            continue  # zero-width, bidi and format characters, marks: "真\u200d人" is 真人
        if ("0" <= ch <= "9") or _is_latin(ch):
            word += ch
            continue
        if _is_han(ch):
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
            continue
        return [], f"'{ch}' is in a script the host does not say"
    if word:
        tokens.append(word)
    return tokens, ""


def _spoken(tokens: list[str]) -> str:
    """Tokens as said: Latin words apart by one space, Han characters together."""
    out = ""
    for tok in tokens:
        if out and not _is_han(tok[0]) and not _is_han(out[-1]):
            out += " "
        out += tok
    return out


class NameRule:
    """Decides how the host may say a viewer's name (see the module docstring for the rule)."""

    def __init__(self, checker: Checker, extra: tuple[str, ...] = ()) -> None:
        self.checker = checker  # the compliance checker (lexicon and the show's lists)
        self.extra = extra
        deny = tuple(DenyTerm(t) for t in extra)
        self.words = Checker(_lexicon(), ShowWordLists(deny=deny))
        words = name_words()
        self._inside = [(kind, t) for kind, ts in words.inside.items() for t in ts]
        self._inside += [("name_deny", t) for t in (fold(e) for e in extra) if re.fullmatch(r"[a-z0-9]{3,}", t)]

    def say(self, name: str, language: str) -> str:
        """The name as the host may say it in `language`, or 朋友 / friend."""
        return self.verdict(name, language).name

    def verdict(self, name: str, language: str) -> NameVerdict:
        """The name to say, whether it is the viewer's own, and the reason when it is not."""
        reason = self._unsafe(str(name)[:RAW_LIMIT], language)
        if reason:
            return NameVerdict(fallback_name(language), False, reason)
        tokens, _ = _tokens(str(name)[:RAW_LIMIT])
        return NameVerdict(_spoken(tokens), True)

    def _unsafe(self, raw: str, language: str) -> str:
        """Why `raw` must not be said ('' when it may)."""
        typed = unicodedata.normalize("NFKC", raw)
        if _LINK.search(typed):
            return "a link or handle"
        if "*" in typed:
            return "a masked name (the platform hid part of it)"
        tokens, error = _tokens(raw)
        if error:
            return error
        if not tokens:
            return "nothing to say"
        han = sum(1 for t in tokens if _is_han(t[0]))
        if han and not is_chinese(language):
            return "Han characters in a non-Chinese answer"
        words = [t for t in tokens if not _is_han(t[0])]
        if han > MAX_HAN or len(words) > MAX_WORDS or han + sum(map(len, words)) > MAX_CHARS:
            return "too long for a nickname"
        spoken = _spoken(tokens)
        if sum(c.isdigit() for c in spoken) > MAX_DIGITS or _NUMERAL_RUN.search(spoken.replace(" ", "")):
            return "a number (phone or account)"
        # Matched with camelCase split, so "NotABot" is three words and "Aidan" stays one.
        text = _spoken([_CAMEL.sub(" ", t) for t in tokens])
        for f in self.checker.check(text, "zh-CN"):
            return f"advertising-law word '{f.term}'"
        for f in self.words.check(text, "zh-CN"):
            kind = "name_deny" if f.category == CUSTOM_CATEGORY else f.category
            return f"{kind} word '{f.term}'"
        letters = "".join(c for c in fold(spoken) if c.isascii() and c.isalnum())
        for kind, term in self._inside:
            if term in letters:
                return f"{kind} word '{term}'"
        return ""


__all__ = ["FALLBACK_NAME", "NameRule", "NameVerdict", "NameWords", "fallback_name", "name_words",
           "parse_name_words"]
