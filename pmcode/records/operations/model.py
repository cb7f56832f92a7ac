"""Disaster recovery and security: the model, built from a schema-valid document.

Both files are portfolio-wide (`operations/dr.yaml`, `operations/security.yaml`): systems and controls belong to
IT operations, not to one project; a system may name the project that builds or changes it.

Time spans (RTO, RPO, backup frequency, retention) are kept as written and in minutes, so a target and an achieved
value compare exactly and the page shows what the author wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pmcode.load import Document
from pmcode.model.types import Src
from pmcode.records.common import Action, build_action, opt_date

# Minutes per unit of a time span (dr.schema.json#/definitions/span): a month is 30 days, a year 365.
SPAN_UNITS = {"min": 1.0, "h": 60.0, "d": 1440.0, "w": 10080.0, "mo": 43200.0, "y": 525600.0}
_SPAN = re.compile(r"([0-9]+(?:\.[0-9]+)?)(min|h|d|w|mo|y)\Z")
CONTINUOUS = "continuous"  # a backup frequency: replication, every change is copied
DEFAULT_REVIEW_MONTHS = 12  # how often a control is reviewed unless it says otherwise
CONTROL_APPLICABLE = frozenset({"implemented", "partial", "planned"})
CONTROL_REVIEWED = frozenset({"implemented", "partial"})  # statuses whose review can fall due


@dataclass(frozen=True, slots=True)
class Span:
    """A time span as written (`4h`, `15min`, `1d`) and in minutes."""

    text: str
    minutes: float


def parse_span(text: Any) -> Span | None:
    """A span from the schema's pattern, or None (absent, or `continuous` for a frequency: zero minutes apart)."""
    if not isinstance(text, str):
        return None
    if text == CONTINUOUS:
        return Span(text, 0.0)
    match = _SPAN.match(text)
    return Span(text, float(match[1]) * SPAN_UNITS[match[2]]) if match else None


@dataclass(frozen=True, slots=True)
class DrPolicy:
    """What a tier must achieve: the targets every system of the tier must meet or beat, and how often it is
    tested (None: no test required)."""

    tier: int
    rto: Span | None
    rpo: Span | None
    test_every_months: int | None
    description: str
    src: Src = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Backup:
    method: str
    frequency: Span | None
    retention: Span | None
    offsite: bool | None  # None: not said
    offsite_location: str
    src: Src = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class DrSystem:
    id: str
    name: str
    tier: int
    rto: Span | None
    rpo: Span | None
    owner: str | None
    project: str | None  # the project that delivers or changes it
    backup: Backup | None
    in_service: date | None  # when it went live: the test window of a never-tested system counts from here
    notes: str
    src: Src = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class TestedSystem:
    """One system in a DR test, with what the test achieved (None: not measured, e.g. in a tabletop)."""

    system: str
    achieved_rto: Span | None
    achieved_rpo: Span | None
    notes: str
    src: Src = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class DrTest:
    id: str
    date: date
    type: str  # tabletop, restore, failover
    title: str
    systems: tuple[TestedSystem, ...]
    result: str  # pass, partial, fail
    notes: str
    actions: tuple[Action, ...]
    src: Src = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class DrPlan:
    project: str | None  # None: portfolio-wide
    src: Src = field(compare=False, repr=False)
    policies: tuple[DrPolicy, ...] = ()
    systems: tuple[DrSystem, ...] = ()
    tests: tuple[DrTest, ...] = ()  # as written; `tests_of` sorts them by date

    def policy(self, tier: int) -> DrPolicy | None:
        return next((p for p in self.policies if p.tier == tier), None)

    def system(self, system_id: str) -> DrSystem | None:
        return next((s for s in self.systems if s.id == system_id), None)


def _span(node: dict[str, Any], key: str) -> Span | None:
    return parse_span(node.get(key))


def _backup(node: Any, src: Src) -> Backup | None:
    if not isinstance(node, dict):
        return None
    return Backup(
        method=node.get("method", ""),
        frequency=_span(node, "frequency"),
        retention=_span(node, "retention"),
        offsite=node.get("offsite") if isinstance(node.get("offsite"), bool) else None,
        offsite_location=node.get("offsite_location", ""),
        src=src,
    )


def _tested(node: dict[str, Any], src: Src) -> TestedSystem:
    return TestedSystem(
        system=node["system"],
        achieved_rto=_span(node, "achieved_rto"),
        achieved_rpo=_span(node, "achieved_rpo"),
        notes=node.get("notes", ""),
        src=src,
    )


def build_dr(document: Document, project: str | None) -> DrPlan:
    src = Src(document)
    data: dict[str, Any] = document.data if isinstance(document.data, dict) else {}
    policies = tuple(
        DrPolicy(
            tier=node["tier"],
            rto=_span(node, "rto"),
            rpo=_span(node, "rpo"),
            test_every_months=node.get("test_every_months"),
            description=node.get("description", ""),
            src=src.child("policies", n),
        )
        for n, node in enumerate(data.get("policies", ()))
    )
    systems = []
    for n, node in enumerate(data.get("systems", ())):
        at = src.child("systems", n)
        systems.append(
            DrSystem(
                id=node["id"],
                name=node.get("name", node["id"]),
                tier=node["tier"],
                rto=_span(node, "rto"),
                rpo=_span(node, "rpo"),
                owner=node.get("owner"),
                project=node.get("project"),
                backup=_backup(node.get("backup"), at.child("backup")),
                in_service=opt_date(node.get("in_service")),
                notes=node.get("notes", ""),
                src=at,
            )
        )
    tests = []
    for n, node in enumerate(data.get("tests", ())):
        at = src.child("tests", n)
        tests.append(
            DrTest(
                id=node["id"],
                date=date.fromisoformat(node["date"]),
                type=node["type"],
                title=node.get("title", ""),
                systems=tuple(_tested(s, at.child("systems", k)) for k, s in enumerate(node.get("systems", ()))),
                result=node["result"],
                notes=node.get("notes", ""),
                actions=tuple(build_action(a, at.child("actions", k)) for k, a in enumerate(node.get("actions", ()))),
                src=at,
            )
        )
    return DrPlan(project, src, policies, tuple(systems), tuple(tests))


@dataclass(frozen=True, slots=True)
class Evidence:
    title: str
    url: str | None
    src: Src = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Control:
    framework: str  # the framework's id
    id: str  # as the framework writes it: A.5.15, PR.AA-01, 4.1
    title: str
    owner: str | None
    status: str  # implemented, partial, planned, not-applicable
    evidence: tuple[Evidence, ...]
    last_review: date | None
    review_every_months: int
    notes: str
    src: Src = field(compare=False, repr=False)

    @property
    def applicable(self) -> bool:
        return self.status in CONTROL_APPLICABLE


@dataclass(frozen=True, slots=True)
class Framework:
    id: str
    name: str
    controls: tuple[Control, ...]
    src: Src = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class SecurityException:
    """A control knowingly not met, approved for a time, with what is done instead."""

    id: str
    control: str
    framework: str | None  # None: the control id is unique across the frameworks
    reason: str
    approved_by: str | None
    granted: date | None
    expires: date | None
    status: str  # open, closed
    compensating: tuple[str, ...]
    src: Src = field(compare=False, repr=False)

    @property
    def is_open(self) -> bool:
        return self.status == "open"


@dataclass(frozen=True, slots=True)
class SecurityPlan:
    project: str | None  # None: portfolio-wide
    src: Src = field(compare=False, repr=False)
    frameworks: tuple[Framework, ...] = ()
    exceptions: tuple[SecurityException, ...] = ()

    @property
    def controls(self) -> tuple[Control, ...]:
        return tuple(control for framework in self.frameworks for control in framework.controls)

    def find_controls(self, control: str, framework: str | None) -> list[Control]:
        """The controls an exception may mean: one when its reference is clear, several when it is ambiguous."""
        return [c for c in self.controls if c.id == control and (framework is None or c.framework == framework)]


def _control(framework: str, node: dict[str, Any], src: Src) -> Control:
    return Control(
        framework=framework,
        id=node["id"],
        title=node.get("title", ""),
        owner=node.get("owner"),
        status=node["status"],
        evidence=tuple(
            Evidence(e.get("title", ""), e.get("url"), src.child("evidence", k))
            for k, e in enumerate(node.get("evidence", ()))
        ),
        last_review=opt_date(node.get("last_review")),
        review_every_months=node.get("review_every_months", DEFAULT_REVIEW_MONTHS),
        notes=node.get("notes", ""),
        src=src,
    )


def build_security(document: Document, project: str | None) -> SecurityPlan:
    src = Src(document)
    data: dict[str, Any] = document.data if isinstance(document.data, dict) else {}
    frameworks = []
    for n, node in enumerate(data.get("frameworks", ())):
        at = src.child("frameworks", n)
        controls = tuple(
            _control(node["id"], c, at.child("controls", k)) for k, c in enumerate(node.get("controls", ()))
        )
        frameworks.append(Framework(node["id"], node.get("name", node["id"]), controls, at))
    exceptions = tuple(
        SecurityException(
            id=node["id"],
            control=node["control"],
            framework=node.get("framework"),
            reason=node.get("reason", ""),
            approved_by=node.get("approved_by"),
            granted=opt_date(node.get("granted")),
            expires=opt_date(node.get("expires")),
            status=node.get("status", "open"),
            compensating=tuple(node.get("compensating", ())),
            src=src.child("exceptions", n),
        )
        for n, node in enumerate(data.get("exceptions", ()))
    )
    return SecurityPlan(project, src, tuple(frameworks), exceptions)
