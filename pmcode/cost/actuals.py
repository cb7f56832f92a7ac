"""Actual cost from the actuals files: hours booked x rate, plus costs charged to budget lines.

Booked hours are costed at the person's rate on the period's status date (default: the period's last day) and
booked to the task's labor line; a charged cost goes to the line it names. Either is capex when its task says so
(own or inherited flag), else when its line says so, as in the plan (pmcode.cost.lines). A task's actuals include
those of the tasks below it; costs charged without a task count for the project only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

from pmcode.cost.lines import ProjectLines
from pmcode.cost.periods import last_day, parse_month
from pmcode.cost.rates import Rates
from pmcode.cost.result import LineCost, Months, PersonCost, add_months, cents, months_json, total
from pmcode.diagnostics import Diagnostic, sort_diagnostics
from pmcode.model import Portfolio, Project
from pmcode.model.refs import resolve_task


@dataclass(frozen=True, slots=True)
class TaskActual:
    path: str
    hours: float
    labor: float  # hours x rates
    other: float  # costs charged with this task
    months: Months  # labor + other by period

    @property
    def total(self) -> float:
        return self.labor + self.other

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "hours": cents(self.hours),
            "labor": cents(self.labor),
            "other": cents(self.other),
            "total": cents(self.total),
            "months": months_json(self.months),
        }


@dataclass(frozen=True, slots=True)
class ProjectActuals:
    project: str
    lines: tuple[LineCost, ...]  # as in ProjectCost: declared lines first, then `labor` and `fixed`
    tasks: tuple[TaskActual, ...]  # tasks with actuals (summaries include their children), in plan order
    people: tuple[PersonCost, ...]
    findings: tuple[Diagnostic, ...]

    @property
    def months(self) -> Months:
        return add_months(*(line.months for line in self.lines))

    @property
    def total(self) -> float:
        return math.fsum(line.total for line in self.lines)

    def task(self, path: str) -> TaskActual | None:
        return next((t for t in self.tasks if t.path == path), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.project,
            "total": cents(self.total),
            "months": months_json(self.months),
            "lines": [line.to_json() for line in self.lines],
            "people": [person.to_json() for person in self.people],
            "tasks": [task.to_json() for task in self.tasks],
        }


class _TaskTotals:
    __slots__ = ("hours", "labor", "months", "other")

    def __init__(self) -> None:
        self.hours = self.labor = self.other = 0.0
        self.months: dict[str, float] = {}


def actual_costs(portfolio: Portfolio, project: Project, lines: ProjectLines | None = None) -> ProjectActuals:
    """What the project's actuals files say was spent, by line, task, person and period."""
    lines = lines or ProjectLines(project)
    rates = Rates(portfolio, project.id, what="booked hours")
    buckets: dict[tuple[str, bool], dict[str, float]] = {}
    tasks: dict[str, _TaskTotals] = {}
    people: dict[str, tuple[float, dict[str, float]]] = {}

    def book(line: str, capex: bool, period: str, amount: float) -> None:
        bucket = buckets.setdefault((line, capex), {})
        bucket[period] = bucket.get(period, 0.0) + amount

    def charge(path: str | None, period: str, hours: float, labor: float, other: float) -> None:
        while path:
            totals = tasks.setdefault(path, _TaskTotals())
            totals.hours += hours
            totals.labor += labor
            totals.other += other
            totals.months[period] = totals.months.get(period, 0.0) + labor + other
            path = project.parent_of.get(path)

    for actuals in project.actuals:
        period = actuals.period
        day = reference_day(period, actuals.status_date)
        for booked in actuals.hours:
            key = resolve_task(portfolio, project, booked.task)
            if key is None or key[0] != project.id or booked.person not in portfolio.people:
                continue  # an unknown reference: a validation finding
            booking = lines.bookings[key[1]]
            amount = booked.hours * rates.on(booked.person, day, booked.hours)
            book(booking.labor_line, lines.capex(booking.labor_line, booking.capex), period, amount)
            charge(key[1], period, booked.hours, amount, 0.0)
            hours, by_period = people.setdefault(booked.person, (0.0, {}))
            by_period[period] = by_period.get(period, 0.0) + amount
            people[booked.person] = (hours + booked.hours, by_period)
        for cost in actuals.costs:
            key = resolve_task(portfolio, project, cost.task) if cost.task else None
            task_capex = lines.bookings[key[1]].capex if key is not None and key[0] == project.id else None
            book(cost.line, lines.capex(cost.line, task_capex), period, cost.amount)
            if key is not None and key[0] == project.id:
                charge(key[1], period, 0.0, 0.0, cost.amount)
    return ProjectActuals(
        project.id,
        _line_costs(lines, buckets),
        tuple(
            TaskActual(path, t.hours, t.labor, t.other, tuple(sorted(t.months.items())))
            for path, t in ((task.path, tasks[task.path]) for task in project.walk() if task.path in tasks)
        ),
        tuple(
            PersonCost(person, hours, total(tuple(by_period.items())), tuple(sorted(by_period.items())))
            for person, (hours, by_period) in sorted(people.items())
        ),
        tuple(sort_diagnostics(rates.findings())),
    )


def _line_costs(lines: ProjectLines, buckets: dict[tuple[str, bool], dict[str, float]]) -> tuple[LineCost, ...]:
    result = []
    for line, capex in sorted(buckets, key=lambda key: (lines.order(key[0]), key[1])):
        info = lines.info(line)
        months = tuple(sorted(buckets[(line, capex)].items()))
        result.append(LineCost(line, info.name, info.category, capex, info.declared, months))
    return tuple(result)


def reference_day(period: str, status_date: date | None) -> date:
    """The day whose rate costs a period's booked hours: its status date, at the latest its last day."""
    end = last_day(parse_month(period))
    return min(status_date, end) if status_date else end
