"""AI disclosure: the visible label on the stage and the implicit label in recorded files.

The labelling measures for AI-generated content (人工智能生成合成内容标识办法, in force 2025-09-01)
and GB 45438-2025 want an explicit label users can clearly perceive, shown for as long as the AI
host is on, and an implicit label in file metadata naming the content as AI-generated with the
provider and a content number. A show whose label is empty or switched off cannot go live.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from studio import __version__
from studio.core.problems import Problem, Severity
from studio.show.model import Show, disclosure_for

SHOW_FILE = "show.toml"
# Words that tell a viewer the host is not a person (checked on the case-folded label).
_AI_WORDS = re.compile(
    r"(?<![a-z])(?:ai|aigc)(?![a-z])|人工智能|数字人|虚拟|合成|生成|"
    r"artificial intelligence|digital (?:human|host|presenter)|virtual|synthetic|generated"
)


class DisclosureMissing(ValueError):
    """The show has no disclosure label, so it must not be streamed or recorded as live."""


@dataclass(frozen=True)
class DisclosureLabels:
    """What the outputs show and write: the stage's visible label, the recorder's metadata."""

    visible: str  # drawn on the stage for the whole broadcast (explicit label)
    metadata: Mapping[str, str] = field(default_factory=dict)  # container tags (implicit label)


def says_ai(label: str) -> bool:
    """True when the label tells viewers the host is AI-generated or virtual."""
    return _AI_WORDS.search(label.casefold()) is not None


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
    """An error when the label is empty or off; a warning when it does not say 'AI'."""
    label = show.disclosure.strip()
    suggestion = disclosure_for(show.language)
    if not label:
        return [Problem(
            Severity.ERROR, SHOW_FILE, line, "disclosure",
            "the AI disclosure label is empty or switched off; an AI host may not go live without "
            "a visible label (人工智能生成合成内容标识办法)",
            f'set disclosure = "{suggestion}"',
        )]
    if not says_ai(label):
        return [Problem(
            Severity.WARNING, SHOW_FILE, line, "disclosure",
            f"the disclosure label '{label}' does not say the host is AI-generated",
            f'say so plainly, e.g. disclosure = "{suggestion}"',
        )]
    return []
