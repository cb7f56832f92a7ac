"""The schedule as frozen data: what renderers print and later engines (cost, earned value, diff) read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from pmcode.diagnostics import Diagnostic
from pmcode.model import TaskKind


@dataclass(frozen=True, slots=True)
class AssignmentHours:
    person: str
    hours: float


@dataclass(frozen=True, slots=True)
class TaskSchedule:
    project: str
    path: str
    name: str
    kind: TaskKind
    depth: int
    start: datetime | None  # None: could not be scheduled (see `unscheduled`)
    finish: datetime | None
    late_start: datetime | None
    late_finish: datetime | None
    total_float_hours: float | None
    free_float_hours: float | None
    critical: bool
    assignments: tuple[AssignmentHours, ...]
    deadline: date | None
    unscheduled: str | None = None

    @property
    def milestone(self) -> bool:
        return self.kind is TaskKind.MILESTONE

    @property
    def summary(self) -> bool:
        return self.kind is TaskKind.SUMMARY


@dataclass(frozen=True, slots=True)
class ProjectSchedule:
    id: str
    name: str
    start: datetime | None
    finish: datetime | None
    tasks: tuple[TaskSchedule, ...]  # depth first, in declaration order


@dataclass(frozen=True, slots=True)
class OverAllocation:
    person: str
    first: date
    last: date
    working_days: float
    peak_percent: float
    tasks: tuple[str, ...]  # project:path of the tasks booked in those stretches


@dataclass(frozen=True, slots=True)
class Schedule:
    projects: tuple[ProjectSchedule, ...]
    findings: tuple[Diagnostic, ...]
    overallocations: tuple[OverAllocation, ...]
    leveled: bool

    def project(self, project_id: str) -> ProjectSchedule:
        return next(p for p in self.projects if p.id == project_id)
