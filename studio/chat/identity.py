"""AI identity questions ("主播是真人吗", "are you a bot?"): always answered with the disclosure.

An AI host must never leave "are you real?" unanswered, and never deny being AI. This rule is
built in and cannot be switched off; `[chat] identity_answer` in show.toml may only reword the
answer, and the loader refuses a wording that does not affirm AI (docs/chat.md, "AI identity").

Recognised in Chinese and English always, and in every language the show uses (its own and its
lines') that has a keyword set here: ja, ko, es, pt, fr, de, ru, vi, id, ms, th. A language
without a set is covered by the Chinese and English ones. Comments are compared in the compliance
normaliser's form (width, case, accents, traditional forms and separators folded away), and the
Chinese, Japanese, Korean and Thai phrases go through the compliance matcher, so pinyin
("zhen ren ma") and mixed spellings ("是AI吗", "Ａ Ｉ吗") are caught too. Words that make a phrase
a product question ("真人大小", "扫地机器人") are exempt, as the lexicon's contexts are.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from studio.chat.faq import Question
from studio.compliance.checker import Checker, is_chinese, trie_pattern
from studio.compliance.lexicon import Basis, Catalog, Category, Level, Lexicon, Term
from studio.compliance.normalize import fold
from studio.show.model import Line, Show, disclosure_for
from studio.show.templates import Template

IDENTITY = "show/identity"
DISCLOSURE_PLACEHOLDER = "{disclosure}"

# ---- the questions ----

# Chinese: containment in the folded text (also in pinyin, through the compliance matcher).
_ZH_HUMAN = (
    "真人吗", "真人嘛", "真人么", "真人不", "真人没", "真人啊", "真人呀", "真人否", "真人还是", "还是真人",
    "是真人", "是个真人", "有真人", "真人在吗", "真人主播", "真人直播", "真人回复", "真的人", "真的是人",
    "是人吗", "是人嘛", "是人么", "是人不", "是人还是", "是不是人", "人还是机器", "人还是ai", "活人吗",
    "是活人", "有活人", "有人吗", "有人在吗", "你是谁", "你是什么人", "谁在说话", "谁在回复", "谁在直播",
    "你是真的", "你是假的", "是真的人", "是本人吗", "本人吗",
)
_ZH_MACHINE = (
    "机器人吗", "机器人吧", "机器人么", "机器人嘛", "机器人啊", "机器人呀", "是机器人", "是个机器人",
    "机器人主播", "机器人还是", "还是机器人", "机器人回复", "机器人说话", "你是机器", "是机器吗", "机器声",
    "机器音", "电子音",
    "自动回复", "电脑合成", "合成音", "合成声", "录播吗", "是录播", "是录像",
)
_ZH_AI = (
    "是ai", "ai吗", "ai吧", "ai么", "ai嘛", "ai啊", "ai呀", "ai主播", "ai人", "ai还是", "还是ai", "ai生成",
    "ai合成", "ai做的", "ai声音", "ai配音", "ai在", "ai回复", "ai回答", "人工智能", "数字人吗", "数字人吧",
    "是数字人", "数字人主播", "虚拟人", "虚拟主播", "虚拟形象", "假人吗", "是假人", "智能主播",
)
# Product questions that share the words: "是真人大小吗", "真的人参", "扫地机器人吗".
# (A context must span the phrase it exempts, hence the characters allowed around the words.)
_ZH_EXEMPT = (
    r".{0,6}真人(?:大小|尺寸|比例|秀|版|实拍|试穿|试用|测评|模特|cs|照|图|视频|演示|出镜|娃娃|发|头发|"
    r"手办|玩偶|同款|模型).{0,4}",
    r".{0,6}真的人(?:参|造|工|气|民|多|少|家|生).{0,4}",
    r".{0,6}(?:扫地|拖地|擦窗|洗地|炒菜|做饭|陪伴|教育|早教|学习|编程|玩具|儿童|送餐|迎宾|清洁|洗碗|割草|"
    r"泳池|变形|积木|遥控|乐高|拼装)机器人.{0,4}",
)
_CONTAINED: dict[str, tuple[str, ...]] = {
    "zh": _ZH_HUMAN + _ZH_MACHINE + _ZH_AI,
    "ja": ("人間ですか", "人間なの", "人間なんですか", "本物の人", "本当の人間", "実在の人", "生身の人", "中の人",
           "ロボットですか", "ロボットなの", "aiですか", "aiなの", "aiなんですか", "aiでしょ", "人工知能",
           "botですか", "aiが話して", "aiがしゃべって"),
    "ko": ("사람이에요", "사람이야", "사람인가요", "사람이세요", "사람이냐", "사람맞아", "사람맞나요", "진짜사람",
           "실제사람", "로봇이야", "로봇이에요", "로봇인가요", "로봇이냐", "ai야", "ai예요", "ai에요", "ai인가요",
           "ai냐", "인공지능", "봇이야", "봇인가요", "가상인간"),
    "th": ("คนจริง", "เป็นคนไหม", "เป็นคนหรือเปล่า", "เป็นหุ่นยนต์", "เป็นเอไอ", "เอไอหรือ", "เป็นบอท",
           "ปัญญาประดิษฐ์", "คนหรือบอท", "คนหรือหุ่นยนต์", "เป็นaiไหม", "aiหรือเปล่า"),
}

# English: who is asked × what they are asked to be, and questions of their own.
_EN_WHO = ("are you", "are u", "r you", "r u", "are ya", "you are", "youre", "you re", "ur", "u r", "u are",
           "is she", "is he", "is the host", "is the presenter", "is the streamer", "is the seller",
           "is this host", "is the girl", "is this girl", "is this lady", "is the lady", "is this guy",
           "is the guy", "is this person", "is the person", "is this woman", "is this man",
           "am i talking to", "am i chatting with", "am i speaking to", "are we talking to", "are we watching",
           "talking to", "chatting with")
_EN_WHAT = ("real", "a real person", "a real human", "real person", "real human", "human", "a human",
            "human being", "a human being", "a person", "person", "alive", "a live person", "a bot", "bot",
            "a robot", "robot", "ai", "an ai", "a i", "an a i", "artificial", "artificial intelligence",
            "ai generated", "generated", "automated", "a machine", "machine", "a computer", "computer generated",
            "a program", "a chatbot", "chatbot", "chatgpt", "gpt", "an avatar", "avatar", "virtual",
            "a virtual host", "virtual host", "a digital human", "digital human", "fake", "a fake", "cgi",
            "a recording", "recorded", "a deepfake", "deepfake", "an npc", "npc", "animated", "a cartoon",
            "a real host", "real host", "a vtuber", "vtuber", "a hologram")
# "is this real?" may be about the goods ("is this real leather?"): things are asked only about AI.
_EN_THIS = ("is this", "is it", "is that", "this is", "it is", "its", "thats", "that is")
_EN_THIS_WHAT = ("ai", "an ai", "a i", "ai generated", "a bot", "a robot", "a human", "human", "a real person",
                 "real person", "a person", "a machine", "a chatbot", "chatgpt", "automated", "a recording",
                 "a deepfake", "cgi", "an avatar", "a virtual host", "a real host", "a live person",
                 "a real human", "a cartoon", "generated by ai", "made by ai")
_EN_OWN = ("who are you", "who are u", "what are you", "what are u", "who is talking", "who is speaking",
           "who s talking", "who s speaking", "human or ai", "human or bot", "human or robot", "human or machine",
           "human or not", "real or ai", "real or bot", "person or ai", "person or bot", "ai or human",
           "ai or real", "ai or not", "bot or human", "bot or real", "bot or not", "robot or human",
           "not a real person", "not a real human", "not human", "artificial intelligence", "ai host",
           "ai presenter", "ai streamer", "ai anchor", "bot host", "robot host", "fake host", "virtual host",
           "digital human", "deepfake", "is there a human", "is there a real person", "is there a person",
           "is anyone real", "is anybody real", "anyone real", "any humans", "any real people",
           "any real person", "real person here", "real human here", "human here", "or ai", "or an ai",
           "or a bot", "or bot", "or a robot", "or robot",
           # Chinese in pinyin around "AI" (the matcher reads pinyin only for ideographs)
           "shi ai", "ai ma", "ai ba", "shi bu shi ai", "shibushi ai")
_WORDS: dict[str, tuple[str, ...]] = {
    "en": tuple(f"{a} {b}" for a, b in itertools.product(_EN_WHO, _EN_WHAT))
    + tuple(f"{a} {b}" for a, b in itertools.product(_EN_THIS, _EN_THIS_WHAT)) + _EN_OWN,
    "es": ("eres real", "eres humano", "eres humana", "eres una persona", "eres persona", "eres un robot",
           "eres robot", "eres un bot", "eres bot", "eres ia", "eres una ia", "es una ia",
           "inteligencia artificial", "persona real", "eres de verdad", "hablo con un bot", "hablo con una ia",
           "hablo con una persona", "hablo con un robot", "eres una maquina", "eres un humano", "humano o ia",
           "humano o robot", "humano o bot", "ia o humano", "quien eres"),
    "pt": ("voce e real", "voce e humano", "voce e humana", "voce e uma pessoa", "voce e um robo", "voce e robo",
           "voce e um bot", "voce e bot", "voce e ia", "voce e uma ia", "vc e real", "vc e humano", "vc e humana",
           "vc e um robo", "vc e ia", "vc e bot", "e uma ia", "inteligencia artificial", "pessoa real",
           "pessoa de verdade", "humano ou ia", "humano ou robo", "ia ou humano", "quem e voce", "quem e vc",
           "falando com um robo", "falando com uma ia", "falando com um bot"),
    "fr": ("tu es reel", "tu es reelle", "tu es humain", "tu es humaine", "tu es un robot", "tu es une ia",
           "tu es un bot", "vous etes reel", "vous etes reelle", "vous etes humain", "vous etes humaine",
           "vous etes un robot", "vous etes une ia", "es tu un robot", "es tu une ia", "es tu un bot",
           "es tu reel", "es tu reelle", "es tu humain", "es tu humaine", "etes vous un robot",
           "etes vous une ia", "etes vous reel", "etes vous humain", "etes vous humaine", "t es un robot",
           "t es une ia", "t es un bot", "t es reel", "c est une ia", "c est un robot", "c est un bot",
           "intelligence artificielle", "vraie personne", "personne reelle", "humain ou ia", "humain ou robot",
           "ia ou humain", "qui es tu", "qui etes vous"),
    "de": ("bist du echt", "bist du real", "bist du ein mensch", "bist du menschlich", "bist du ein roboter",
           "bist du ein bot", "bist du eine ki", "bist du ki", "sind sie echt", "sind sie ein mensch",
           "sind sie ein roboter", "sind sie ein bot", "sind sie eine ki", "du bist ein bot",
           "du bist ein roboter", "du bist eine ki", "künstliche intelligenz", "echter mensch", "echte person",
           "ist das ki", "ist das eine ki", "ist das ein bot", "mensch oder ki", "mensch oder maschine",
           "mensch oder roboter", "mensch oder bot", "ki oder mensch", "wer bist du", "wer sind sie"),
    "ru": ("ты реальный", "ты реальная", "ты настоящий", "ты настоящая", "ты человек", "ты робот", "ты бот",
           "ты ии", "вы реальный", "вы настоящий", "вы человек", "вы робот", "вы бот", "вы ии", "это ии",
           "это бот", "это робот", "это нейросеть", "ты нейросеть", "искусственный интеллект", "живой человек",
           "человек или бот", "человек или робот", "человек или ии", "кто ты", "кто вы"),
    "vi": ("ban la nguoi that", "la nguoi that", "nguoi that khong", "ban la robot", "ban la ai", "ban la bot",
           "ban la may", "ban co phai nguoi", "co phai nguoi that", "tri tue nhan tao", "nguoi ao", "nguoi may"),
    "id": ("kamu manusia", "apakah kamu manusia", "kamu robot", "kamu bot", "kamu ai", "anda manusia",
           "anda robot", "anda bot", "anda ai", "kamu asli", "orang sungguhan", "manusia asli",
           "manusia sungguhan", "kecerdasan buatan", "ini ai", "ini bot", "ini robot", "siapa kamu",
           "siapa anda"),
    "ms": ("awak manusia", "awak robot", "awak bot", "awak ai", "anda manusia", "anda robot", "anda bot",
           "anda ai", "manusia sebenar", "orang sebenar", "kecerdasan buatan", "ini ai", "ini bot", "ini robot",
           "siapa awak", "siapa anda"),
}
# A bare noun ending a question: "主播真人？", "AI?", "bot?".
_ZH_NOUNS = ("真人", "机器人", "人工智能", "ai", "数字人", "虚拟人", "活人", "假人", "机器")
_EN_NOUNS = ("bot", "robot", "human", "ai", "a i", "chatbot", "person", "machine")  # not "real?": the goods
_MIN_COMPACT = 8  # "areyouabot": phrases typed without spaces, when long enough to mean nothing else

LANGUAGES = tuple(sorted(set(_CONTAINED) | set(_WORDS)))
_ALIASES = {"cmn": "zh", "yue": "zh", "wuu": "zh", "in": "id", "zsm": "ms", "ind": "id", "may": "ms"}

# ---- the answers, from the show's disclosure label ----

ANSWERS: dict[str, str] = {
    "zh": "{disclosure}：我是由AI生成的数字人主播，不是真人。有问题尽管在评论区问我哦。",
    "en": "{disclosure}: I'm an AI-generated host, not a real person. Ask me anything in the comments.",
    "ja": "{disclosure}。私はAIで生成されたバーチャル司会者で、人間ではありません。",
    "ko": "{disclosure}. 저는 AI로 생성된 가상 진행자이며, 실제 사람이 아닙니다.",
    "es": "{disclosure}. Soy un presentador generado por IA, no una persona real.",
    "pt": "{disclosure}. Sou um apresentador gerado por IA, não uma pessoa real.",
    "fr": "{disclosure}. Je suis un présentateur généré par l'IA, pas une vraie personne.",
    "de": "{disclosure}. Ich bin ein KI-generierter Moderator, kein echter Mensch.",
    "ru": "{disclosure}. Я ведущий, созданный ИИ, а не живой человек.",
    "vi": "{disclosure}. Tôi là người dẫn chương trình do AI tạo ra, không phải người thật.",
    "id": "{disclosure}. Saya pembawa acara buatan AI, bukan manusia sungguhan.",
    "ms": "{disclosure}. Saya hos yang dijana oleh AI, bukan manusia sebenar.",
    "th": "{disclosure} ฉันเป็นพิธีกรที่สร้างโดย AI ไม่ใช่คนจริง",
}


def base_language(tag: str) -> str:
    """'zh-CN' → 'zh', 'cmn-Hans' → 'zh', 'in' → 'id': the key of the keyword sets and answers."""
    base = tag.strip().lower().split("-")[0]
    return _ALIASES.get(base, base)


def show_languages(show: Show) -> frozenset[str]:
    """Every language the show speaks: its own and its lines' (pitch, FAQ answers, filler)."""
    tags = {show.language}
    lines = list(show.filler)
    for p in show.products:
        lines += p.pitch
        lines += [line for entry in p.faq for line in entry.answer]
    tags |= {line.language for line in lines if line.language}
    return frozenset(base_language(t) for t in tags)


def fill_answer(template: str, disclosure: str) -> str:
    """An answer wording with the show's label in place of {disclosure}, as one tidy line."""
    return " ".join(template.replace(DISCLOSURE_PLACEHOLDER, disclosure).split())


@lru_cache(maxsize=1)
def _contained_checker() -> Checker:
    """One matcher for the phrases of every unspaced language; findings carry their language."""
    basis = Basis("ai-identity", "AI identity question", "a viewer asks whether the host is a person")
    catalog = Catalog({lang: Category(lang, lang) for lang in _CONTAINED}, {basis.id: basis})
    terms = tuple(Term(t, lang, Level.BLOCK, basis, unless_re=_ZH_EXEMPT if lang == "zh" else ())
                  for lang, ts in _CONTAINED.items() for t in ts)
    return Checker(Lexicon(catalog, terms))


@lru_cache(maxsize=32)
def _word_patterns(languages: frozenset[str]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """Regexes for the spaced phrases of `languages`: over words (" a b "), and typed without spaces."""
    spaced: set[str] = set()
    compact: set[str] = set()
    for lang in languages:
        for phrase in _WORDS.get(lang, ()):
            q = Question.of(phrase)
            spaced.add(q.words)
            if len(q.folded) >= _MIN_COMPACT:
                compact.add(q.folded)
    words_rx = re.compile(" (?:" + trie_pattern(spaced) + ") ") if spaced else None
    compact_rx = re.compile(trie_pattern(compact)) if compact else None
    return words_rx, compact_rx


@dataclass(frozen=True)
class IdentityRule:
    """Recognises identity questions in a show's languages and holds the answer lines."""

    languages: frozenset[str]  # the keyword sets in use
    lines: tuple[Line, ...]  # the answer

    @classmethod
    def for_show(cls, show: Show) -> IdentityRule:
        """The rule for `show`: zh + en + its languages; its `[chat] identity_answer` or the built-in one."""
        languages = frozenset({"zh", "en"} | (show_languages(show) & set(LANGUAGES)))
        if show.chat.identity_answer:
            text, language = fill_answer(show.chat.identity_answer, disclosure_text(show)), None
        else:
            text, language = builtin_answer(show)
        line = Line(id=f"{IDENTITY}/1", template=Template.literal(text), language=language)
        return cls(languages, (line,))

    def asks(self, text: str) -> bool:
        """True when `text` (a sanitised comment) asks whether the host is a person, AI or a bot."""
        q = Question.of(text)
        if not q.folded:
            return False
        if any(f.category in self.languages for f in _contained_checker().check(text, "zh-CN")):
            return True
        words_rx, compact_rx = _word_patterns(self.languages)
        if words_rx is not None and words_rx.search(f" {q.words} "):
            return True
        if compact_rx is not None and compact_rx.search(q.folded):
            return True
        if "?" in text or "？" in text:  # a bare noun asked about: "主播真人？", "bot?"
            return (q.folded.endswith(tuple(fold(n) for n in _ZH_NOUNS))
                    or f" {q.words}".endswith(tuple(f" {n}" for n in _EN_NOUNS)))
        return False


def disclosure_text(show: Show) -> str:
    """The show's label as one line (the default label of its language when switched off)."""
    return " ".join(show.disclosure.split()) or disclosure_for(show.language)


def builtin_answer(show: Show) -> tuple[str, str | None]:
    """The built-in answer in the show's language (English, said by an English voice, when it has none)."""
    label = disclosure_text(show)
    own = "zh" if is_chinese(show.language) else base_language(show.language)
    if own in ANSWERS:
        return fill_answer(ANSWERS[own], label), None
    return fill_answer(ANSWERS["en"], label), "en-US"


__all__ = ["ANSWERS", "IDENTITY", "LANGUAGES", "IdentityRule", "base_language", "builtin_answer",
           "disclosure_text", "fill_answer", "show_languages"]
