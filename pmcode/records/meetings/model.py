"""Meetings: the model, built from a schema-valid document.

A meeting is a steering committee, an internal meeting or a customer meeting: who came, what was decided (the
decision log reads it) and who does what by when (the action tracker reads it). The minutes of a `.md` meeting
are kept as written, to be shown as text: they are never parsed or rendered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pmcode.load import Document
from pmcode.model.types import Src
from pmcode.records.common import Action, build_action

MEETING_TYPES = ("steering", "internal", "customer")


@dataclass(frozen=True, slots=True)
class MeetingDecision:
    """A decision taken in a meeting: one line of the decision log."""

    title: str
    rationale: str
    decided_by: tuple[str, ...]
    id: str | None
    src: Src = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Meeting:
    project: str | None  # the folder's project; None: a portfolio-wide meeting (meetings/ at the root)
    projects: tuple[str, ...]  # the folder's project plus any `projects:` listed, without repeats
    date: date
    type: str  # steering, internal, customer
    title: str
    attendees: tuple[str, ...]
    decisions: tuple[MeetingDecision, ...]
    actions: tuple[Action, ...]
    body: str  # the minutes (Markdown as written, untrusted: shown escaped as text)
    src: Src = field(compare=False, repr=False)
    chair: str | None = None
    apologies: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The file name without its folder: how a meeting is told apart when its title is shared."""
        return self.src.file.rsplit("/", 1)[-1]


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def _decision(node: Any, src: Src) -> MeetingDecision:
    if isinstance(node, str):  # `- Go live on 2027-03-01`: a decision as one line
        return MeetingDecision(node, "", (), None, src)
    return MeetingDecision(
        title=node.get("title", ""),
        rationale=node.get("rationale", ""),
        decided_by=_strings(node.get("decided_by")),
        id=node.get("id"),
        src=src,
    )


def build_meeting(document: Document, project: str | None) -> Meeting:
    src = Src(document)
    data: dict[str, Any] = document.data if isinstance(document.data, dict) else {}
    listed = _strings(data.get("projects"))
    projects = tuple(dict.fromkeys(((project,) if project else ()) + listed))
    decisions = tuple(_decision(node, src.child("decisions", n)) for n, node in enumerate(data.get("decisions", [])))
    actions = tuple(build_action(node, src.child("actions", n)) for n, node in enumerate(data.get("actions", [])))
    return Meeting(
        project=project,
        projects=projects,
        date=date.fromisoformat(data["date"]),
        type=data.get("type", "internal"),
        title=data.get("title", ""),
        attendees=_strings(data.get("attendees")),
        decisions=decisions,
        actions=actions,
        body=document.body or data.get("minutes", ""),
        src=src,
        chair=data.get("chair"),
        apologies=_strings(data.get("apologies")),
    )
