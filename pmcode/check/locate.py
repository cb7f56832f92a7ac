"""Where a finding points: at the number in the plan that causes it.

A late milestone is located by walking back along its driving links (the predecessor that finishes last) while
the tasks on the way are late against the baseline: the finding points at the actuals entry (progress or actual
date, in the latest actuals file that reports it) of the first late task that has one, else at the task in
project.yaml where the lateness starts. Money findings point at the biggest actuals entry charged to a line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from pmcode.cost.actuals import reference_day
from pmcode.cost.lines import ProjectLines
from pmcode.cost.rates import Rates
from pmcode.diagnostics import Loc
from pmcode.model import Portfolio, Project
from pmcode.model.refs import resolve_task, scope_of
from pmcode.model.tracking import Actuals
from pmcode.schedule import ProjectSchedule, TaskSchedule

MAX_CHAIN = 200  # links followed back from a late milestone, at most


def task_loc(project: Project, path: str) -> Loc:
    task = project.by_path.get(path)
    return task.src.at("id") if task is not None else project.src.at()


def actuals_entry(portfolio: Portfolio, project: Project, path: str) -> Loc | None:
    """The entry of the latest actuals file that reports on task `path`: its actual finish, else its progress,
    else its actual dates; None when no file mentions it."""
    for actuals in reversed(project.actuals):
        dates = [a for a in actuals.actual if _resolves(portfolio, project, a.task, path)]
        progress = [p for p in actuals.progress if _resolves(portfolio, project, p.task, path)]
        for item in dates:
            if item.finish is not None:
                return item.src.at("finish")
        if progress:
            return progress[0].src.at()
        if dates:
            return dates[0].src.at_key_or_self("start")
    return None


def _resolves(portfolio: Portfolio, project: Project, ref: str, path: str) -> bool:
    key = resolve_task(portfolio, project, ref)
    return key is not None and key == (project.id, path)


@dataclass(frozen=True, slots=True)
class Lateness:
    """A project's schedule beside its baseline dates, to walk back from a late task to where it became late."""

    portfolio: Portfolio
    project: Project
    schedule: ProjectSchedule
    baseline_finish: dict[str, datetime]

    @classmethod
    def of(cls, portfolio: Portfolio, project: Project, schedule: ProjectSchedule) -> Lateness:
        assert project.baseline is not None
        finishes = {t.path: datetime.fromisoformat(t.finish) for t in project.baseline.tasks}
        return cls(portfolio, project, schedule, finishes)

    def _tasks(self) -> dict[str, TaskSchedule]:
        return {t.path: t for t in self.schedule.tasks}

    def late(self, task: TaskSchedule) -> bool:
        planned = self.baseline_finish.get(task.path)
        return planned is not None and task.finish is not None and task.finish > planned

    def _driver(self, path: str, tasks: dict[str, TaskSchedule]) -> TaskSchedule | None:
        """The predecessor of `path` (a leaf, when the link names a summary) that finishes last."""
        task = self.project.by_path.get(path)
        if task is None:
            return None
        candidates: list[TaskSchedule] = []
        for link in task.depends:
            key = resolve_task(self.portfolio, self.project, link.ref, scope_of(self.project, task))
            if key is not None and key[0] == self.project.id and key[1] in tasks:
                candidates.append(self._last_leaf(tasks[key[1]], tasks))
        known = [c for c in candidates if c.finish is not None]
        return max(known, key=lambda c: c.finish or datetime.min, default=None)

    def _last_leaf(self, task: TaskSchedule, tasks: dict[str, TaskSchedule]) -> TaskSchedule:
        while task.summary:
            prefix = task.path + "."
            children = [t for p, t in tasks.items() if p.startswith(prefix) and not t.summary and t.finish]
            if not children:
                break
            task = max(children, key=lambda c: c.finish or datetime.min)
        return task

    def origin(self, path: str) -> Loc:
        """Where the lateness of task `path` comes from (see the module docstring)."""
        tasks = self._tasks()
        current = tasks.get(path)
        last_late = path
        seen: set[str] = set()
        for _ in range(MAX_CHAIN):
            if current is None or current.path in seen or not self.late(current):
                break
            seen.add(current.path)
            last_late = current.path
            entry = actuals_entry(self.portfolio, self.project, current.path)
            if entry is not None:
                return entry
            current = self._driver(current.path, tasks)
        return task_loc(self.project, last_late)

    def last_task(self) -> str | None:
        """The leaf that finishes last: what drives the project's finish."""
        leaves = [t for t in self.schedule.tasks if not t.summary and t.finish is not None]
        last = max(leaves, key=lambda t: t.finish or datetime.min, default=None)
        return last.path if last is not None else None


@dataclass(frozen=True, slots=True)
class Charge:
    """One entry of an actuals file that puts money on a budget line: a cost, or hours x rate."""

    line: str
    task: str | None  # the task path it is charged to, if any
    amount: float
    loc: Loc


def charges(portfolio: Portfolio, project: Project, actuals: Actuals, lines: ProjectLines) -> Iterator[Charge]:
    """Every money entry of one actuals file, with its budget line (booked hours go to their task's labor line)."""
    rates = Rates(portfolio, project.id, what="booked hours")
    day = reference_day(actuals.period, actuals.status_date)
    for booked in actuals.hours:
        key = resolve_task(portfolio, project, booked.task)
        if key is None or key[0] != project.id or booked.person not in portfolio.people:
            continue
        amount = booked.hours * rates.on(booked.person, day, booked.hours)
        yield Charge(lines.bookings[key[1]].labor_line, key[1], amount, booked.src.at("hours"))
    for cost in actuals.costs:
        key = resolve_task(portfolio, project, cost.task) if cost.task else None
        path = key[1] if key is not None and key[0] == project.id else None
        yield Charge(cost.line, path, cost.amount, cost.src.at("amount"))


def biggest(items: list[Charge]) -> Charge | None:
    """The largest charge; the first written among equals."""
    return max(items, key=lambda c: c.amount, default=None)
