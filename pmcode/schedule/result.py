"""The schedule as frozen data: what renderers print and later engines (cost, earned value, diff) read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from pmcode.diagnostics import Diagnostic
from pmcode.model import TaskKind


@dataclass(frozen=True, slots=True)
class AssignmentHours:
    """The hours one person works on one task (on a summary: on the tasks below it). `daily`: those hours on each
    calendar day with work, sorted, rounded to 4 decimals; they add up to `hours` within rounding."""

    person: str
    hours: float
    daily: tuple[tuple[date, float], ...] = ()


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
    # Tracking, in a project with actuals (None elsewhere): percent complete 0..100 (a summary's weighted by its
    # tasks' planned length), the actual dates as reported, and where the work left after the status date starts
    # (None once finished).
    percent_complete: float | None = None
    actual_start: date | None = None
    actual_finish: date | None = None
    remaining_start: datetime | None = None

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
    status_date: date | None = None  # set when the project has actuals: it was scheduled from this date
    hours_per_day: float = 8.0  # of the project calendar: what "1d" of float means


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
