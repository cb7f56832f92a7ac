"""The cost engine: a scheduled portfolio -> planned cost per task, budget line, person and month.

Labor is resource-loaded: the hours each assignee works on each day (after leveling, from the schedule) x their
rate on that day (pmcode.cost.rates). A task's fixed `cost` is spread linearly over its working time in the project
calendar (pmcode.cost.spread). Budget lines with their own amounts add those on their days (pmcode.cost.lines).
Summaries add up their children, plus any fixed cost of their own.

`after` (project id -> day) keeps only the money of days after that day: the remaining plan after a status date,
which the finance view adds to the actuals to forecast.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date

from pmcode.cost.lines import ProjectLines
from pmcode.cost.periods import FiscalYears, month_name
from pmcode.cost.phasing import Phasing
from pmcode.cost.rates import Rates
from pmcode.cost.result import LineCost, Months, PersonCost, PortfolioCost, ProjectCost, Reserves, TaskCost
from pmcode.diagnostics import Diagnostic, sort_diagnostics
from pmcode.model import Portfolio, Project, TaskKind
from pmcode.schedule import ProjectSchedule, Schedule, TaskSchedule

Acc = dict[int, float]  # month -> amount


def _add(into: Acc, month: int, amount: float) -> None:
    into[month] = into.get(month, 0.0) + amount


def _merge(into: Acc, other: Acc) -> None:
    for month, amount in other.items():
        into[month] = into.get(month, 0.0) + amount


def _months(acc: Acc) -> Months:
    return tuple((month_name(month), acc[month]) for month in sorted(acc) if acc[month] != 0.0)


def cost_portfolio(
    portfolio: Portfolio,
    schedule: Schedule,
    *,
    after: Mapping[str, date] | None = None,
    phasing: Phasing | None = None,
) -> PortfolioCost:
    """Cost every scheduled project. `after`: per project, count only money on days after that day."""
    phasing = phasing or Phasing(portfolio)
    projects = []
    findings: list[Diagnostic] = []
    for planned in schedule.projects:
        project = portfolio.projects.get(planned.id)
        if project is None:
            continue
        cost = cost_project(portfolio, project, planned, phasing, after=(after or {}).get(planned.id))
        projects.append(cost)
        findings.extend(cost.findings)
    fiscal_years = FiscalYears(portfolio.fiscal_year_start)
    return PortfolioCost(tuple(projects), tuple(sort_diagnostics(findings)), fiscal_years)


def cost_project(
    portfolio: Portfolio, project: Project, planned: ProjectSchedule, phasing: Phasing, *, after: date | None = None
) -> ProjectCost:
    return _ProjectCoster(portfolio, project, planned, phasing, after).run()


class _ProjectCoster:
    def __init__(
        self, portfolio: Portfolio, project: Project, planned: ProjectSchedule, phasing: Phasing, after: date | None
    ) -> None:
        self.portfolio, self.project, self.planned, self.phasing = portfolio, project, planned, phasing
        self.cut = after
        self.lines = ProjectLines(project)
        self.rates = Rates(portfolio, project.id)
        self.buckets: dict[tuple[str, bool], Acc] = {}
        self.people: dict[str, Acc] = {}
        self.people_hours: dict[str, float] = {}

    def _bucket(self, line: str, capex: bool) -> Acc:
        key = (line, capex)
        acc = self.buckets.get(key)
        if acc is None:
            acc = self.buckets[key] = {}
        return acc

    def run(self) -> ProjectCost:
        results: dict[str, tuple[TaskCost, Acc]] = {}
        for row in reversed(self.planned.tasks):  # children before their summaries
            results[row.path] = self._task(row, results)
        for line, capex, day, amount in self.lines.own_amounts():
            if self.cut is None or day > self.cut:
                _add(self._bucket(line, capex), day.year * 12 + day.month - 1, amount)
        line_costs = []
        for line, capex in sorted(self.buckets, key=lambda key: (self.lines.order(key[0]), key[1])):
            acc = self.buckets[(line, capex)]
            if not any(acc.values()):
                continue
            info = self.lines.info(line)
            line_costs.append(LineCost(line, info.name, info.category, capex, info.declared, _months(acc)))
        people = tuple(
            PersonCost(person, self.people_hours[person], math.fsum(acc.values()), _months(acc))
            for person, acc in sorted(self.people.items())
        )
        tasks = tuple(results[row.path][0] for row in self.planned.tasks)
        planned_total = math.fsum(line.total for line in line_costs)
        budget = self.project.budget
        reserves = Reserves.of(
            budget.contingency if budget else None, budget.management if budget else None, planned_total
        )
        findings = [*self.lines.findings(), *self.rates.findings()]
        return ProjectCost(
            self.project.id, tasks, tuple(line_costs), people, reserves, tuple(sort_diagnostics(findings))
        )

    def _task(self, row: TaskSchedule, done: dict[str, tuple[TaskCost, Acc]]) -> tuple[TaskCost, Acc]:
        task = self.project.by_path[row.path]
        booking = self.lines.bookings[row.path]
        labor_capex = self.lines.capex(booking.labor_line, booking.capex)
        fixed_capex = self.lines.capex(booking.fixed_line, booking.capex)
        months: Acc = {}
        hours = labor = fixed = 0.0
        if task.kind is TaskKind.SUMMARY:
            for child in task.children:
                child_cost, child_months = done.get(child.path, (None, {}))
                if child_cost is not None:
                    hours += child_cost.hours
                    labor += child_cost.labor
                    fixed += child_cost.fixed
                    _merge(months, child_months)
        elif row.start is not None and row.assignments:
            hours, labor = self._labor(row, self._bucket(booking.labor_line, labor_capex), months)
        if task.cost and row.start is not None and row.finish is not None:
            own = self._fixed(row, task.cost, self._bucket(booking.fixed_line, fixed_capex), months)
            fixed += own
        capex = fixed_capex if task.cost else labor_capex
        cost = TaskCost(row.path, hours, labor, fixed, capex, booking.labor_line, booking.fixed_line, _months(months))
        return cost, months

    def _labor(self, row: TaskSchedule, bucket: Acc, months: Acc) -> tuple[float, float]:
        """Hours x rate of every assignment, day by day; returns (hours, labor cost)."""
        cut = self.cut
        hours_total = labor_total = 0.0
        for assignment in row.assignments:
            schedule = self.rates.schedule(assignment.person)
            constant = schedule.constant
            person = self.people.setdefault(assignment.person, {})
            worked: Acc = {}
            spent: Acc = {}
            for day, hours in assignment.daily:
                if cut is not None and day <= cut:
                    continue
                month = day.year * 12 + day.month - 1
                worked[month] = worked.get(month, 0.0) + hours
                if constant is None:
                    spent[month] = spent.get(month, 0.0) + hours * self.rates.on(assignment.person, day, hours)
            if constant is not None:
                spent = {month: worked_hours * constant for month, worked_hours in worked.items()}
            assignment_hours = math.fsum(worked.values())
            self.people_hours[assignment.person] = self.people_hours.get(assignment.person, 0.0) + assignment_hours
            hours_total += assignment_hours
            labor_total += math.fsum(spent.values())
            for target in (bucket, months, person):
                _merge(target, spent)
        return hours_total, labor_total

    def _fixed(self, row: TaskSchedule, amount: float, bucket: Acc, months: Acc) -> float:
        assert row.start is not None and row.finish is not None
        spent = 0.0
        for day, share in self.phasing.linear_by_day(self.project, amount, row.start, row.finish):
            if self.cut is not None and day <= self.cut:
                continue
            month = day.year * 12 + day.month - 1
            _add(bucket, month, share)
            _add(months, month, share)
            spent += share
        return spent
