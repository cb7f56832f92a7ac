"""Quality and audits: the model, built from a schema-valid document.

A standard (ITIL change management, ISO 27001 A.8, the definition of done) is a checklist whose items are met,
partly met, not met or not applicable, each with the evidence that shows it; an audit is a dated review that
raises findings, each closed by corrective actions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pmcode.load import Document
from pmcode.model.types import Src
from pmcode.records.common import Action, build_action, opt_date

ITEM_STATUSES = ("met", "partial", "not-met", "not-applicable")
SEVERITIES = ("critical", "major", "minor", "observation")  # most severe first
FINDING_OPEN = frozenset({"open", "in-progress"})  # the other statuses: closed, accepted (the risk is taken)


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    id: str
    title: str
    status: str  # met, partial, not-met, not-applicable
    evidence: tuple[str, ...]  # URLs or repository paths
    owner: str | None
    last_checked: date | None
    src: Src = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Standard:
    id: str
    name: str
    description: str
    owner: str | None
    items: tuple[ChecklistItem, ...]
    src: Src = field(compare=False, repr=False)

    @property
    def applicable(self) -> int:
        return sum(1 for item in self.items if item.status != "not-applicable")

    @property
    def met(self) -> int:
        return sum(1 for item in self.items if item.status == "met")


@dataclass(frozen=True, slots=True)
class AuditFinding:
    id: str
    severity: str  # critical, major, minor, observation
    title: str
    status: str  # open, in-progress, closed, accepted
    item: str | None  # the checklist item it is about, if any
    actions: tuple[Action, ...]  # corrective actions
    src: Src = field(compare=False, repr=False)

    @property
    def is_open(self) -> bool:
        return self.status in FINDING_OPEN


@dataclass(frozen=True, slots=True)
class Audit:
    id: str
    title: str
    date: date | None
    auditor: str | None
    scope: str
    standard: str | None  # the id of the standard audited against
    findings: tuple[AuditFinding, ...]
    src: Src = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class QualityFile:
    project: str | None  # None: portfolio-wide
    standards: tuple[Standard, ...]
    audits: tuple[Audit, ...]
    src: Src = field(compare=False, repr=False)


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def _item(node: dict[str, Any], src: Src) -> ChecklistItem:
    return ChecklistItem(
        id=node["id"],
        title=node.get("title", ""),
        status=node.get("status", "not-met"),
        evidence=_strings(node.get("evidence")),
        owner=node.get("owner"),
        last_checked=opt_date(node.get("last_checked")),
        src=src,
    )


def _standard(node: dict[str, Any], src: Src) -> Standard:
    items = tuple(_item(item, src.child("items", n)) for n, item in enumerate(node.get("items", [])))
    return Standard(
        id=node["id"],
        name=node.get("name", node["id"]),
        description=node.get("description", ""),
        owner=node.get("owner"),
        items=items,
        src=src,
    )


def _finding(node: dict[str, Any], src: Src) -> AuditFinding:
    actions = tuple(build_action(a, src.child("actions", n)) for n, a in enumerate(node.get("actions", [])))
    return AuditFinding(
        id=node["id"],
        severity=node.get("severity", "observation"),
        title=node.get("title", ""),
        status=node.get("status", "open"),
        item=node.get("item"),
        actions=actions,
        src=src,
    )


def _audit(node: dict[str, Any], src: Src) -> Audit:
    findings = tuple(_finding(f, src.child("findings", n)) for n, f in enumerate(node.get("findings", [])))
    return Audit(
        id=node["id"],
        title=node.get("title", ""),
        date=opt_date(node.get("date")),
        auditor=node.get("auditor"),
        scope=node.get("scope", ""),
        standard=node.get("standard"),
        findings=findings,
        src=src,
    )


def build_quality(document: Document, project: str | None) -> QualityFile:
    src = Src(document)
    data: dict[str, Any] = document.data if isinstance(document.data, dict) else {}
    standards = tuple(_standard(s, src.child("standards", n)) for n, s in enumerate(data.get("standards", [])))
    audits = tuple(_audit(a, src.child("audits", n)) for n, a in enumerate(data.get("audits", [])))
    return QualityFile(project, standards, audits, src)
