"""AI disclosure: the visible label on the stage and the implicit label in recorded files.

The labelling measures for AI-generated content (人工智能生成合成内容标识办法, in force 2025-09-01)
and GB 45438-2025 want an explicit label users can clearly perceive, shown for as long as the AI
host is on, and an implicit label in file metadata naming the content as AI-generated with the
provider and a content number. A show whose label is empty or switched off cannot go live, and
neither can one whose label denies it ("本主播非AI", "not AI", "真人主播"): the label must say
affirmatively that the host is AI-generated. `says_ai` and `ai_denial` also judge the operator's
wording of the AI identity answer (`[chat] identity_answer`), so this module imports the show
model only lazily: the show loader imports it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from studio import __version__
from studio.core.problems import Problem, Severity

if TYPE_CHECKING:
    from studio.show.model import Show

SHOW_FILE = "show.toml"
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
    r"\bhuman[\s-]+(?:host|presenter|being|anchor|streamer)s?\b|\bhosted by (?:an? )?(?:real )?(?:human|person|people)\b"
)
# ...unless negated right before it: "不是真人主播", "非真人", "not a real person".
_NEGATED_BEFORE = re.compile(
    r"(?:不|非|无|無|没有|沒有|并非|並非)(?:是|为|為|一个|一個|个|個)?\s*$"
    r"|\b(?:not|no|non|never|isn'?t|aren'?t)[\s-]+(?:an?\s+|by\s+(?:an?\s+)?)?$"
)


class DisclosureMissing(ValueError):
    """The show has no disclosure label, so it must not be streamed or recorded as live."""


@dataclass(frozen=True)
class DisclosureLabels:
    """What the outputs show and write: the stage's visible label, the recorder's metadata."""

    visible: str  # drawn on the stage for the whole broadcast (explicit label)
    metadata: Mapping[str, str] = field(default_factory=dict)  # container tags (implicit label)


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


def disclosure_labels(show: Show, *, producer: str = "", content_id: str = "",
                      propagator: str = "", propagate_id: str = "") -> DisclosureLabels:
    """The labels for `show`; raises DisclosureMissing when its label is empty or switched off.

    `metadata["AIGC"]` is the implicit label of GB 45438-2025 as JSON: Label "1" (AI-generated),
    the producer (the service provider's name or code; default: this studio version), the content
    number, and the propagator fields a platform may fill. `metadata["comment"]` repeats the
    visible label for players that show only standard tags. Writing custom MP4 tags needs
    ffmpeg's `-movflags use_metadata_tags`.
    """
    visible = " ".join(show.disclosure.split())
    if not visible:
        raise DisclosureMissing("the show has no AI disclosure label; set disclosure in show.toml")
    implicit = {
        "Label": "1",
        "ContentProducer": producer or f"studio/{__version__}",
        "ProduceID": content_id,
        "ReservedCode1": "",
        "ContentPropagator": propagator,
        "PropagateID": propagate_id,
        "ReservedCode2": "",
    }
    metadata = {
        "AIGC": json.dumps(implicit, ensure_ascii=False, separators=(",", ":")),
        "comment": visible,
    }
    return DisclosureLabels(visible, metadata)


def disclosure_problems(show: Show, line: int | None = None) -> list[Problem]:
    """An error when the label is empty, off or denies AI; a warning when it does not say 'AI'."""
    from studio.show.model import disclosure_for

    label = show.disclosure.strip()
    suggestion = disclosure_for(show.language)
    if not label:
        return [Problem(
            Severity.ERROR, SHOW_FILE, line, "disclosure",
            "the AI disclosure label is empty or switched off; an AI host may not go live without "
            "a visible label (人工智能生成合成内容标识办法)",
            f'set disclosure = "{suggestion}"',
        )]
    denial = ai_denial(label)
    if denial:
        return [Problem(
            Severity.ERROR, SHOW_FILE, line, "disclosure",
            f"the disclosure label '{label}' denies that the host is AI-generated ('{denial}'); "
            "an AI host must be labelled as AI (人工智能生成合成内容标识办法)",
            f'say affirmatively that the host is AI-generated, e.g. disclosure = "{suggestion}"',
        )]
    if not says_ai(label):
        return [Problem(
            Severity.WARNING, SHOW_FILE, line, "disclosure",
            f"the disclosure label '{label}' does not say the host is AI-generated",
            f'say so plainly, e.g. disclosure = "{suggestion}"',
        )]
    return []
