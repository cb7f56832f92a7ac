"""The top of the model: projects and the portfolio that holds them, with lookups by id and by task path."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from pmcode.model.tracking import Actuals, Baseline
from pmcode.model.types import Budget, Calendar, Deliverable, Person, Role, Src, Task, Thresholds
from pmcode.records.model import Records

BUILTIN_CALENDAR_ID = "default"


@dataclass(frozen=True, slots=True)
class Project:
    id: str  # the folder name
    name: str
    description: str
    customer: str
    sponsor: str
    manager: str | None
    status: str
    start: date
    status_date: date | None  # as written in project.yaml; see Portfolio.status_date_of
    calendar: str | None
    tasks: tuple[Task, ...]
    deliverables: tuple[Deliverable, ...]
    budget: Budget | None
    actuals: tuple[Actuals, ...]  # sorted by period
    baseline: Baseline | None
    src: Src = field(compare=False, repr=False)
    by_path: dict[str, Task] = field(default_factory=dict, compare=False, repr=False)
    parent_of: dict[str, str] = field(default_factory=dict, compare=False, repr=False)  # child path -> parent path
    reporting: str | None = None  # status report cadence as written: weekly, fortnightly, monthly

    def walk(self) -> Iterator[Task]:
        """Every task, depth first, in declaration order."""
        stack = list(reversed(self.tasks))
        while stack:
            task = stack.pop()
            yield task
            stack.extend(reversed(task.children))


@dataclass(frozen=True, slots=True)
class Portfolio:
    name: str
    description: str
    currency: str
    fiscal_year_start: tuple[int, int]  # (month, day)
    calendar: str | None
    status_date: date | None
    thresholds: Thresholds
    calendars: dict[str, Calendar]
    roles: dict[str, Role]
    people: dict[str, Person]
    projects: dict[str, Project]  # sorted by id
    broken: frozenset[str] = frozenset()  # parts that failed to load: "portfolio", "people", "project:<id>", ...
    src: Src | None = field(default=None, compare=False, repr=False)
    records: Records = field(default_factory=Records)  # requirements, RAID, changes, status, meetings, ...
    reporting: str | None = None  # the projects' default status report cadence

    def is_complete(self, part: str) -> bool:
        """False when `part` failed to load, so references into it cannot be judged."""
        return part not in self.broken

    def calendar_id_of(self, project: Project) -> str:
        return project.calendar or self.calendar or BUILTIN_CALENDAR_ID

    def status_date_of(self, project: Project) -> date | None:
        return project.status_date or self.status_date
