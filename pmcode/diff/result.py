"""What the diff engine returns: frozen data, with the JSON contract of `pmcode diff --format json`.

"Before" is side A, "after" side B. Working days are of the project calendar on side B (the portfolio's default
calendar for the portfolio finish), signed: positive = later. Amounts are in the portfolio currency of side B,
unrounded here and rounded to cents in JSON.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pmcode.cost import cents

ALLOCATION_CODES = ("PM303", "PM305", "PM532")
_QUOTED = re.compile(r"'([^']*)'")


def _when(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="minutes")


@dataclass(frozen=True, slots=True)
class Move:
    """A date that moved: a project's finish or a milestone's."""

    path: str  # the task path ("" for a project's or the portfolio's finish)
    name: str
    before: datetime | None
    after: datetime | None
    working_days: float | None  # None when either side has no date

    @property
    def calendar_days(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return (self.after.date() - self.before.date()).days

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "name": self.name,
            "before": _when(self.before),
            "after": _when(self.after),
            "working_days": None if self.working_days is None else round(self.working_days, 4) + 0.0,
            "calendar_days": self.calendar_days,
        }


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str  # name, parent, kind, duration, effort, depends, assign, start, deadline, cost, line
    before: str
    after: str

    def to_json(self) -> dict[str, str]:
        return {"field": self.field, "before": self.before, "after": self.after}


@dataclass(frozen=True, slots=True)
class TaskChange:
    change: str  # added | removed | re-parented | renamed | changed
    path: str  # on side B (on side A for a removed task)
    before_path: str | None  # on side A, when it differs (re-parented)
    name: str
    fields: tuple[FieldChange, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "change": self.change,
            "path": self.path,
            "before_path": self.before_path,
            "name": self.name,
            "fields": [f.to_json() for f in self.fields],
        }


@dataclass(frozen=True, slots=True)
class CriticalChange:
    path: str
    name: str
    entered: bool  # False: left the critical path

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "name": self.name, "critical": "entered" if self.entered else "left"}


@dataclass(frozen=True, slots=True)
class FloatLost:
    path: str
    name: str
    before_days: float  # total float, working days of the project calendar
    after_days: float

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "name": self.name,
            "before_days": round(self.before_days, 4) + 0.0,
            "after_days": round(self.after_days, 4) + 0.0,
        }


@dataclass(frozen=True, slots=True)
class MoneyChange:
    figure: str  # bac, plan, eac, contingency, forecast FY2027, ...
    before: float
    after: float

    @property
    def change(self) -> float:
        return self.after - self.before

    def to_json(self) -> dict[str, Any]:
        return {
            "figure": self.figure,
            "before": cents(self.before),
            "after": cents(self.after),
            "change": cents(self.change),
        }


@dataclass(frozen=True, slots=True)
class PersonChange:
    """A person's booked hours moved: on which tasks (project:path) they were added or removed."""

    person: str
    hours_before: float
    hours_after: float
    tasks_added: tuple[str, ...]
    tasks_removed: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "hours_before": cents(self.hours_before),
            "hours_after": cents(self.hours_after),
            "tasks_added": list(self.tasks_added),
            "tasks_removed": list(self.tasks_removed),
        }


@dataclass(frozen=True, slots=True)
class OverAllocationChange:
    """Working days a person is booked above their units in the unleveled schedule, and the peak booking."""

    person: str
    days_before: float
    days_after: float
    peak_before: float  # percent of their units; 0 when not over-allocated
    peak_after: float

    @property
    def new(self) -> bool:
        return self.days_before == 0 and self.days_after > 0

    def to_json(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "new": self.new,
            "days_before": round(self.days_before, 4) + 0.0,
            "days_after": round(self.days_after, 4) + 0.0,
            "peak_percent_before": round(self.peak_before, 2) + 0.0,
            "peak_percent_after": round(self.peak_after, 2) + 0.0,
        }


@dataclass(frozen=True, slots=True)
class FindingChange:
    """A finding of `pmcode check` on one side only (compared by code, severity, file and message with its
    numbers masked: not by line)."""

    change: str  # new | cleared
    code: str
    severity: str
    file: str  # where it is (side B for new findings, side A for cleared ones)
    line: int
    col: int
    message: str

    def to_json(self) -> dict[str, Any]:
        return {
            "change": self.change,
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class BaselineChange:
    """A project's baseline.yaml added, changed or removed, and the approved change requests that cover it
    (pmcode.diff.baselines: a changed baseline not covered fails the diff)."""

    project: str
    change: str  # added | changed | removed
    covered: bool  # an added baseline is always covered: a first baseline needs no change request
    requests: tuple[str, ...]  # approved in B and newly named by B's baseline (newly approved, when removed)
    file: str  # B's baseline.yaml (B's project.yaml when the baseline was removed)

    def to_json(self) -> dict[str, Any]:
        return {
            "project": self.project,
            "change": self.change,
            "covered": self.covered,
            "change_requests": list(self.requests),
            "file": self.file,
        }


@dataclass(frozen=True, slots=True)
class ProjectDiff:
    id: str
    name: str
    status: str  # added | removed | changed | unchanged
    finish: Move | None  # None: unchanged (or on one side only)
    milestones: tuple[Move, ...]
    tasks: tuple[TaskChange, ...]
    critical: tuple[CriticalChange, ...]
    float_lost: tuple[FloatLost, ...]
    money: tuple[MoneyChange, ...]

    @property
    def changed(self) -> bool:
        return bool(self.finish or self.milestones or self.tasks or self.critical or self.float_lost or self.money)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "status": self.status,
            "finish": None if self.finish is None else self.finish.to_json(),
            "milestones": [m.to_json() for m in self.milestones],
            "tasks": [t.to_json() for t in self.tasks],
            "critical": [c.to_json() for c in self.critical],
            "float_lost": [f.to_json() for f in self.float_lost],
            "money": [m.to_json() for m in self.money],
        }


@dataclass(frozen=True, slots=True)
class PlanDiff:
    before: str  # side A's label (revision or directory)
    after: str
    currency: str
    scheduled: bool  # False: one side has errors, so only findings are compared
    finish: Move | None  # the portfolio's last finish, when it moved
    projects: tuple[ProjectDiff, ...]  # by id
    money: tuple[MoneyChange, ...]  # the portfolio's sums
    people: tuple[PersonChange, ...]  # by person id
    overallocated: tuple[OverAllocationChange, ...]
    findings: tuple[FindingChange, ...]  # new first, then cleared; each by file and position
    baselines: tuple[BaselineChange, ...] = ()  # by project id

    @property
    def failed(self) -> bool:
        """A baseline changed that no approved change request covers: `pmcode diff` exits 1."""
        return any(not b.covered for b in self.baselines)

    @property
    def new_findings(self) -> tuple[FindingChange, ...]:
        return tuple(f for f in self.findings if f.change == "new")

    @property
    def cleared_findings(self) -> tuple[FindingChange, ...]:
        return tuple(f for f in self.findings if f.change == "cleared")

    @property
    def newly_overallocated(self) -> tuple[str, ...]:
        """People over-allocated in side B's unleveled schedule only, or named by a new over-allocation or
        under-staffing finding (PM303, PM305, PM532: each names the person first)."""
        people = {o.person for o in self.overallocated if o.new}
        for finding in self.new_findings:
            named = _QUOTED.match(finding.message)
            if finding.code in ALLOCATION_CODES and named is not None:
                people.add(named.group(1))
        return tuple(sorted(people))

    def to_json(self) -> dict[str, Any]:
        return {
            "before": self.before,
            "after": self.after,
            "currency": self.currency,
            "scheduled": self.scheduled,
            "finish": None if self.finish is None else self.finish.to_json(),
            "money": [m.to_json() for m in self.money],
            "people": [p.to_json() for p in self.people],
            "overallocated": [o.to_json() for o in self.overallocated],
            "newly_overallocated": list(self.newly_overallocated),
            "findings": [f.to_json() for f in self.findings],
            "baselines": [b.to_json() for b in self.baselines],
            "failed": self.failed,
            "projects": [p.to_json() for p in self.projects if p.changed or p.status != "unchanged"],
        }
