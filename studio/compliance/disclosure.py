"""Whether a label says the host is AI: the words that affirm it and the words that deny it.

The labelling measures for AI-generated content (人工智能生成合成内容标识办法, in force 2025-09-01)
and GB 45438-2025 want an explicit label users can clearly perceive, shown for as long as the AI
host is on, and an implicit label in file metadata naming the content as AI-generated. A label
that denies it ("本主播非AI", "not AI", "真人主播") does not count: it must say affirmatively that
the host is AI-generated. `says_ai` and `ai_denial` look at text only, so the show loader uses
them for the operator's wording of the AI identity answer (`[chat] identity_answer`), and
studio.checks.disclosure for the show's label.
"""

from __future__ import annotations

import re
import unicodedata

# Words that tell a viewer the host is not a person (checked on the normalised label). AI is
# also written IA (es, fr, pt), KI (de) and ИИ (ru), as the built-in identity answers say it.
_AI_WORDS = re.compile(
    r"(?<![a-z])(?:ai|aigc|a\.i\.|ia|ki)(?![a-z])|(?<![а-яё])ии(?![а-яё])|人工智能|人工知能|인공지능|数字人|數字人|"
    r"虚拟|虛擬|合成|生成|artificial intelligence|digital (?:human|host|presenter)|virtual|synthetic|generated"
)
# A negated AI word: "非AI", "不是由AI生成", "并非人工智能", "not AI", "non-AI", "no AI", "not generated".
_DENY_AI = re.compile(
    r"(?:(?<![除莫])非|不是|并非|並非|并不是|並不是|绝非|絕非|绝不是|絕不是|不属于|不屬於|不算|不为|不為|无|無|"
    r"没有|沒有|毫无|毫無|并无|並無|不含|未使用|不使用|没用|沒用)\s*"
    r"(?:是|为|為|由|一个|一個|个|個|用|使用)?\s*"
    r"(?:ai|aigc|a\.i\.|人工智能|数字人|數字人|虚拟|虛擬|机器人|機器人|合成|生成)(?:生成|合成|制作|製作)?"
    r"|\b(?:not|non|no|never|isn'?t|ain'?t|without|zero)\b[\s-]*(?:(?:an?|the|by|using)\s+)?"
    r"(?:ai|a\.i\.|aigc|artificial|virtual|synthetic|generated|computer[\s-]generated|bot|robot|digital human)"
    r"(?:[\s-]+(?:generated|intelligence|host))?\b"
)
# A claim that a person hosts: "真人主播", "主播为真人", "human host", "real person".
_HUMAN = re.compile(
    r"真人主播|真人直播|真人出镜|真人出鏡|真人主持|真人在线|是真人|为真人|為真人|系真人|乃真人|真实主播|真實主播|"
    r"是活人|为活人|為活人|活人主播|活人直播|"
    r"人工主播|本人出镜|本人出鏡|本人直播"
    r"|\b(?:real|actual|genuine)[\s-]+(?:human|person|people|host|presenter|streamer|anchor)s?\b"
    r"|\blive[\s-]+(?:human|person|people)s?\b"
    r"|(?<!digital )(?<!digital-)(?<!virtual )(?<!virtual-)(?<!ai )(?<!ai-)(?<!synthetic )"
    r"\bhuman[\s-]+(?:host|presenter|being|anchor|streamer)s?\b"
    r"|\bhosted by (?:an? )?(?:real )?(?:human|person|people)\b"
)
# ...unless negated right before it: "不是真人主播", "非真人", "not a real person".
_NEGATED_BEFORE = re.compile(
    r"(?:不|非|无|無|没有|沒有|并非|並非)(?:是|为|為|一个|一個|个|個)?\s*$"
    r"|\b(?:not|no|non|never|isn'?t|aren'?t)[\s-]+(?:an?\s+|by\s+(?:an?\s+)?)?$"
)


class DisclosureMissing(ValueError):
    """The show has no disclosure label, so it must not be streamed or recorded as live."""


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().replace("’", "'").split())


def ai_denial(text: str) -> str:
    """The words by which `text` denies that the host is AI ('' when it does not): "非AI", "human host"."""
    norm = _normal(text)
    found = _DENY_AI.search(norm)
    if found is not None:
        return found.group()
    for m in _HUMAN.finditer(norm):
        if not _NEGATED_BEFORE.search(norm[:m.start()]):
            return m.group()
    return ""


def says_ai(label: str) -> bool:
    """True when the label tells viewers, affirmatively, that the host is AI-generated or virtual.

    A negated mention ("本主播非AI", "not AI-generated") does not count.
    """
    affirmed = _DENY_AI.sub(" ", _normal(label))
    return _AI_WORDS.search(affirmed) is not None
