"""AI disclosure of a show: the visible label on the stage and the implicit label in recorded files.

A show whose label is empty or switched off cannot go live, and neither can one whose label denies
that the host is AI (studio.compliance.disclosure judges the words). The implicit label follows
GB 45438-2025: file metadata naming the content as AI-generated, with the provider and a content
number.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from studio import __version__
from studio.compliance.disclosure import DisclosureMissing, ai_denial, says_ai
from studio.core.problems import Problem, Severity
from studio.show.model import Show, disclosure_for

SHOW_FILE = "show.toml"


@dataclass(frozen=True)
class DisclosureLabels:
    """What the outputs show and write: the stage's visible label, the recorder's metadata."""

    visible: str  # drawn on the stage for the whole broadcast (explicit label)
    metadata: Mapping[str, str] = field(default_factory=dict)  # container tags (implicit label)


def disclosure_labels(show: Show, *, producer: str = "", content_id: str = "",
                      propagator: str = "", propagate_id: str = "") -> DisclosureLabels:
    """The labels for `show`; raises DisclosureMissing when its label is empty or switched off."""
    return labels_for(show.disclosure, producer=producer, content_id=content_id, propagator=propagator,
                      propagate_id=propagate_id)


def labels_for(label: str, *, producer: str = "", content_id: str = "", propagator: str = "",
               propagate_id: str = "") -> DisclosureLabels:
    """The labels for a show's disclosure text `label`: what every file studio writes carries.

    `metadata["AIGC"]` is the implicit label of GB 45438-2025 as JSON: Label "1" (AI-generated),
    the producer (the service provider's name or code; default: this studio version), the content
    number, and the propagator fields a platform may fill. `metadata["comment"]` repeats the
    visible label, marked "AIGC:", for players that show only standard tags. Writing custom MP4
    tags needs ffmpeg's `-movflags use_metadata_tags`. DisclosureMissing when `label` is empty.
    """
    visible = " ".join(label.split())
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
        "comment": f"AIGC: {visible}",
    }
    return DisclosureLabels(visible, metadata)


def disclosure_problems(show: Show, line: int | None = None) -> list[Problem]:
    """An error when the label is empty, off or denies AI; a warning when it does not say 'AI'."""
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
