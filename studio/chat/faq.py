"""FAQ matching: a viewer's question → the rule it matches and the answer lines to speak.

Questions and keywords meet in the compliance normaliser's form (width, case, traditional forms,
punctuation and spaces folded away), so "幾塊錢？", "几 块 钱" and "几块钱" are one question.

Why no word segmenter (jieba): FAQ keywords are short phrases the operator wrote ("多少钱",
"连手机", "敏感肌"). Containment on normalised text finds them wherever they stand, while a
segmenter can only lose matches: it may cut "连手机" into "连" + "手机" so a token comparison
misses it, and its dictionary knows nothing of the shop's words. Segmentation would help only to
reject a keyword that straddles two words, which for two- to four-character keywords is rare and
harmless (the answer is still about the product). Latin keywords (English, units such as "ml")
are the exception: they must start and end at a letter boundary, so "hi" is not found in "this"
(a plural or -ing/-ed ending is allowed: "ship" matches "shipping").

Order of preference: the FAQ of the product the question is about (the one on air, unless the
question names another product), then the show-wide rules (price, shipping, how to order) for
that product, then other products' FAQ entries whose keyword belongs to that product alone, and
last a greeting. Built-in answers are written in the show's language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from studio.compliance.normalize import fold, is_separator
from studio.show.model import Line, Product, Show
from studio.show.templates import Template
from studio.show.variables import CURRENCY_SYMBOLS

_LATIN = re.compile(r"[a-z0-9 ]+\Z")
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{2,}")
_LATIN_WORD = re.compile(r"[a-z]{3,}")


@dataclass(frozen=True)
class Question:
    """A question in the two normalised forms matching needs."""

    folded: str  # no separators at all: for Chinese keywords ("几块钱")
    words: str  # separators as single spaces: for Latin keywords at word boundaries

    @classmethod
    def of(cls, text: str) -> Question:
        spaced = "".join(" " if is_separator(ch) else ch for ch in text)
        words = " ".join(w for w in (fold(part) for part in spaced.split()) if w)
        return cls(fold(text), words)


@dataclass(frozen=True)
class Keyword:
    """A keyword prepared for matching; `size` ranks competing matches (longer is more specific)."""

    text: str
    folded: str
    pattern: re.Pattern[str] | None  # set for Latin keywords (word boundaries), else containment

    @classmethod
    def of(cls, text: str) -> Keyword | None:
        q = Question.of(text)
        if not q.folded:
            return None
        if _LATIN.match(q.words):
            last = q.words[-1]
            # "ship" → shipping/shipped: a final consonant may double before -ing/-ed.
            double = f"|{last}ing|{last}ed" if last in "bdglmnprt" else ""
            rx = re.compile(r"(?<![a-z])" + re.escape(q.words) + f"(?:s|es|ed|d|ing{double})?" + r"(?![a-z])")
            return cls(text, q.folded, rx)
        return cls(text, q.folded, None)

    @property
    def size(self) -> int:
        return len(self.folded)

    def found_in(self, q: Question) -> bool:
        if self.pattern is not None:
            return self.pattern.search(q.words) is not None
        return self.folded in q.folded


def keywords(texts: Iterable[str]) -> tuple[Keyword, ...]:
    """Compiled keywords, skipping any that normalise to nothing (only punctuation or emoji)."""
    return tuple(k for k in (Keyword.of(t) for t in texts) if k is not None)


def _best(kws: tuple[Keyword, ...], q: Question) -> Keyword | None:
    found = [k for k in kws if k.found_in(q)]
    return max(found, key=lambda k: k.size) if found else None


@dataclass(frozen=True)
class Match:
    """A matched rule: its id, whose variables fill the answer, the lines, and the keyword that hit."""

    rule: str  # "tea/faq1" (a product's FAQ entry) or "show/shipping" (a show-wide rule)
    product: str | None
    lines: tuple[Line, ...]
    keyword: str


# ---- show-wide rules ----

PRICE = "show/price"
SHIPPING = "show/shipping"
ORDER = "show/order"
GREETING = "show/greeting"

_RULE_KEYWORDS: dict[str, tuple[str, ...]] = {
    PRICE: ("多少钱", "多钱", "价格", "价钱", "几块", "什么价", "啥价", "贵不贵", "优惠价",
            "price", "how much", "cost"),
    SHIPPING: ("发货", "包邮", "运费", "邮费", "快递", "物流", "几天到", "多久到", "什么时候到",
               "shipping", "ship", "delivery", "deliver", "postage"),
    ORDER: ("怎么买", "怎么拍", "怎么下单", "哪里买", "在哪买", "去哪买", "链接", "小黄车", "购物车",
            "上车", "下单", "how to buy", "how do i buy", "where to buy", "how to order", "link", "buy"),
    GREETING: ("你好", "您好", "主播好", "大家好", "哈喽", "嗨", "来了", "晚上好", "早上好", "下午好",
               "hello", "hi", "hey", "good morning", "good evening", "good afternoon"),
}
# Answered for a product before other products' FAQ are tried. Shipping comes first because
# shipping questions carry price words ("运费多少钱", "shipping cost") far more than the reverse.
_TOPICS = (SHIPPING, PRICE, ORDER)


def _zh(language: str) -> bool:
    return language.lower().startswith("zh")


def _price_text(product: Product, zh: bool) -> str:
    symbol = CURRENCY_SYMBOLS.get(product.currency, product.currency + " ")
    if zh:
        price = "{price}元" if product.currency == "CNY" else symbol + "{price}"
        text = "{name}今天直播间" + price
        if product.saving is not None:
            text += "，比日常价省{saving}" + ("元" if product.currency == "CNY" else "")
        if product.link:
            text += "，{link}"
        return text + "。"
    text = "{name} is " + symbol + "{price} today"
    if product.saving is not None:
        text += ", " + symbol + "{saving} off the usual price"
    if product.link:
        text += ". {link}"
    return text + "."


def _rule_texts(rule: str, product: Product | None, zh: bool) -> tuple[str, ...] | None:
    """The answer templates of a show-wide rule, or None when it cannot answer without a product."""
    if rule == PRICE:
        return None if product is None else (_price_text(product, zh),)
    if rule == SHIPPING:
        return (("下单后会尽快给大家安排发货，具体发货时间和运费以商品详情页为准。",) if zh else
                ("We ship as soon as we can after you order; the product page shows delivery times "
                 "and shipping costs.",))
    if rule == ORDER:
        if product is not None and product.link:
            return (("想要{name}的朋友，{link}，点进去就能下单。",) if zh else ("To order {name}: {link}.",))
        return (("点击下方小黄车，选好商品就能下单。",) if zh else
                ("Tap the shopping bag below the video to order.",))
    if rule == GREETING:
        return (("{欢迎来到直播间|欢迎欢迎}，有问题可以直接在评论区问我{哦|呀}。",) if zh else
                ("{Welcome to the live room|Great to see you here}! Ask me anything in the comments.",))
    raise KeyError(rule)


def rule_lines(rule: str, product: Product | None, language: str) -> tuple[Line, ...] | None:
    """A show-wide rule's answer lines in `language` (for `product`'s variables), or None."""
    texts = _rule_texts(rule, product, _zh(language))
    if texts is None:
        return None
    return tuple(Line(id=f"{rule}/{i + 1}", template=Template.parse(t)) for i, t in enumerate(texts))


# ---- products named in a question ----

def _aliases(product: Product) -> set[str]:
    """Folded ways a question may name `product`: its id, CJK pieces of its name, Latin words."""
    out: set[str] = set()
    name = fold(product.name)
    for run in _CJK_RUN.findall(name):
        out.update(run[i:j] for i in range(len(run)) for j in range(i + 2, len(run) + 1))
    out.update(_LATIN_WORD.findall(Question.of(product.name).words))
    pid = Question.of(product.id).words
    if pid:
        out.add(pid)
    return out


class FaqMatcher:
    """Matches questions against a show's product FAQ entries and the built-in show-wide rules."""

    def __init__(self, show: Show) -> None:
        self.show = show
        self.language = show.language
        self._entries: dict[str, list[tuple[str, tuple[Keyword, ...], tuple[Line, ...]]]] = {}
        owners: dict[str, set[str]] = {}
        for p in show.products:
            entries = []
            for i, entry in enumerate(p.faq):
                kws = keywords(entry.keywords)
                entries.append((f"{p.id}/faq{i + 1}", kws, entry.answer))
                for k in kws:
                    owners.setdefault(k.folded, set()).add(p.id)
            self._entries[p.id] = entries
        # A keyword that two products share ("多少钱") says nothing about which product is meant.
        self._unique = {k for k, ps in owners.items() if len(ps) == 1}
        self._rules = {rule: keywords(kws) for rule, kws in _RULE_KEYWORDS.items()}
        alias_owner: dict[str, set[str]] = {}
        for p in show.products:
            for a in _aliases(p):
                alias_owner.setdefault(a, set()).add(p.id)
        self._aliases = {a: next(iter(ps)) for a, ps in alias_owner.items() if len(ps) == 1}
        self._alias_kws = {a: Keyword.of(a) for a in self._aliases}

    def _product(self, pid: str | None) -> Product | None:
        if pid is None:
            return None
        try:
            return self.show.product(pid)
        except KeyError:
            return None

    def mentioned(self, q: Question) -> dict[str, int]:
        """Products the question names, each with the length of its longest alias found."""
        found: dict[str, int] = {}
        for alias, pid in self._aliases.items():
            kw = self._alias_kws[alias]
            if kw is not None and kw.found_in(q):
                found[pid] = max(found.get(pid, 0), len(alias))
        return found

    def target(self, q: Question, on_air: str | None) -> str | None:
        """The product a question is about: the one on air, unless it names another one."""
        named = self.mentioned(q)
        if not named or (on_air is not None and on_air in named):
            return on_air if self._product(on_air) is not None else None
        order = {p.id: i for i, p in enumerate(self.show.products)}
        return max(named, key=lambda pid: (named[pid], -order[pid]))  # longest name; ties: show order

    def match(self, question: str, on_air: str | None = None) -> Match | None:
        """The best rule for `question` while `on_air` (a product id, or None) is on air."""
        q = Question.of(question)
        if not q.folded:
            return None
        target = self.target(q, on_air)
        product = self._product(target)
        if product is not None:
            hit = self._in_product(product.id, q, unique_only=False)
            if hit is not None:
                return hit
        for rule in _TOPICS:
            hit = self._rule(rule, q, product)
            if hit is not None:
                return hit
        for p in self.show.products:
            if p.id != target:
                hit = self._in_product(p.id, q, unique_only=True)
                if hit is not None:
                    return hit
        return self._rule(GREETING, q, product)

    def _in_product(self, pid: str, q: Question, unique_only: bool) -> Match | None:
        best: tuple[int, str, Keyword, tuple[Line, ...]] | None = None
        for rule, kws, answer in self._entries.get(pid, ()):
            if unique_only:
                kws = tuple(k for k in kws if k.folded in self._unique)
            k = _best(kws, q)
            if k is not None and answer and (best is None or k.size > best[0]):
                best = (k.size, rule, k, answer)
        if best is None:
            return None
        return Match(best[1], pid, best[3], best[2].text)

    def _rule(self, rule: str, q: Question, product: Product | None) -> Match | None:
        k = _best(self._rules[rule], q)
        if k is None:
            return None
        lines = rule_lines(rule, product, self.language)
        if lines is None:
            return None
        uses_product = product is not None and any(line.template.variables() for line in lines)
        return Match(rule, product.id if product is not None and uses_product else None, lines, k.text)
