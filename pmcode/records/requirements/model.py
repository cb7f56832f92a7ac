"""Requirements: the model, built from a schema-valid document.

The lifecycle: `proposed` (asked for, not yet agreed) -> `approved` (in scope) -> `in-progress` (being built) ->
`met` (its acceptance criteria are shown to hold). `deferred` (to a later phase) and `rejected` (out of scope) end
it without delivery; those two are not expected to be traced to tasks or deliverables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pmcode.load import Document
from pmcode.model.types import Src

PRIORITIES = ("must", "should", "could", "wont")  # MoSCoW, in that order
STATUSES = ("proposed", "approved", "in-progress", "met", "deferred", "rejected")
CLOSED = frozenset({"deferred", "rejected"})  # out of the current scope: nothing to trace


@dataclass(frozen=True, slots=True)
class Requirement:
    id: str
    title: str
    statement: str
    source: str  # who asked for it: a customer team, a person, a regulation
    priority: str  # must, should, could, wont
    acceptance: tuple[str, ...]  # the criteria that make it met
    status: str
    tasks: tuple[str, ...]  # task references, as written
    deliverables: tuple[str, ...]  # deliverable ids of the project
    src: Src = field(compare=False, repr=False)

    @property
    def in_scope(self) -> bool:
        """Whether the requirement is still to be delivered (or has been): not deferred, not rejected."""
        return self.status not in CLOSED

    @property
    def is_met(self) -> bool:
        return self.status == "met"


@dataclass(frozen=True, slots=True)
class RequirementLog:
    project: str
    requirements: tuple[Requirement, ...]
    src: Src = field(compare=False, repr=False)


def _requirement(node: dict[str, Any], src: Src) -> Requirement:
    return Requirement(
        id=node["id"],
        title=node.get("title", ""),
        statement=node.get("statement", ""),
        source=node.get("source", ""),
        priority=node.get("priority", "should"),
        acceptance=tuple(node.get("acceptance", ())),
        status=node.get("status", "proposed"),
        tasks=tuple(node.get("tasks", ())),
        deliverables=tuple(node.get("deliverables", ())),
        src=src,
    )


def build_requirements(document: Document, project: str) -> RequirementLog:
    src = Src(document)
    data = document.data if isinstance(document.data, dict) else {}
    items = data.get("requirements") or ()
    requirements = tuple(_requirement(node, src.child("requirements", n)) for n, node in enumerate(items))
    return RequirementLog(project, requirements, src)
