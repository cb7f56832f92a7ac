"""A project's schedule and cost -> the contents of its baseline.yaml (pure: no I/O, no clock).

What enters the planned value (pv), month by month:
- each task's labor and fixed cost, linear over its working time in the project calendar (FORMAT.md: "PV is
  time-phased from the baseline (linear over each task's working time)"); a milestone's cost on its day;
- the budget lines' own amounts that no task spends: one-off amounts in the month of `on`, monthly amounts in each
  month from `from` to `to`.
Each budget line's share is kept too (`lines`, split capex/opex): the budget of the finance view. Each line's
running total is rounded to cents, month by month, so that no cent is lost to rounding (a line's months add up
to its total rounded once); pv is then exactly the sum of the lines and bac exactly the sum of pv.
Contingency and management reserve are written beside bac, never inside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pmcode.cost import Phasing, ProjectCost
from pmcode.cost.lines import ProjectLines
from pmcode.cost.periods import month_name, month_of
from pmcode.cost.result import reserve_amount
from pmcode.model import Project, TaskKind
from pmcode.schedule import ProjectSchedule
from pmcode.yamlwrite import Flow, FlowMap, Money

MOMENT_FORMAT = "%Y-%m-%dT%H:%M"


@dataclass(frozen=True)
class BaselineInfo:
    """What the person saving the baseline says about it; None: left out of the file."""

    name: str | None = None
    approved: date | None = None
    approved_by: str | None = None
    changes: tuple[str, ...] = ()  # the approved change requests it records (`change`), oldest first


def _cents(amount: float) -> int:
    return round(amount * 100)


def _money(cents: int) -> Money:
    return Money(cents / 100)


def moment(value: datetime) -> str:
    return value.strftime(MOMENT_FORMAT)


def planned_cents(
    project: Project, planned: ProjectSchedule, cost: ProjectCost, phasing: Phasing
) -> dict[tuple[str, bool], dict[int, int]]:
    """Planned value in cents by (line, capex) and month: tasks linear over their working time, plus the lines'
    own amounts that no task spends."""
    lines = ProjectLines(project)
    amounts: dict[tuple[str, bool], dict[int, float]] = {}

    def add(key: tuple[str, bool], month: int, amount: float) -> None:
        bucket = amounts.setdefault(key, {})
        bucket[month] = bucket.get(month, 0.0) + amount

    costs = {task.path: task for task in cost.tasks}
    for row in planned.tasks:
        task = project.by_path[row.path]
        task_cost = costs.get(row.path)
        if task_cost is None or row.start is None or row.finish is None:
            continue
        labor = task_cost.labor if task.kind is not TaskKind.SUMMARY else 0.0  # a summary's labor is its children's
        fixed = task.cost or 0.0
        if labor == 0.0 and fixed == 0.0:
            continue
        booking = lines.bookings[row.path]
        labor_key = (booking.labor_line, lines.capex(booking.labor_line, booking.capex))
        fixed_key = (booking.fixed_line, lines.capex(booking.fixed_line, booking.capex))
        for day, share in phasing.linear_by_day(project, 1.0, row.start, row.finish):
            month = month_of(day)
            if labor:
                add(labor_key, month, labor * share)
            if fixed:
                add(fixed_key, month, fixed * share)
    for line, capex, day, amount in lines.own_amounts():
        add((line, capex), month_of(day), amount)
    ordered = sorted(amounts, key=lambda key: (lines.order(key[0]), key[1]))
    result: dict[tuple[str, bool], dict[int, int]] = {}
    for key in ordered:
        by_month = {}
        running, rounded = 0.0, 0
        for month in sorted(amounts[key]):  # the running total rounded: no cent lost however thin the spread
            running += amounts[key][month]
            value = _cents(running) - rounded
            rounded += value
            if value:
                by_month[month] = value
        if by_month:
            result[key] = by_month
    return result


def baseline_data(
    project: Project,
    planned: ProjectSchedule,
    cost: ProjectCost,
    phasing: Phasing,
    info: BaselineInfo,
    status_date: date | None,
) -> dict[str, Any]:
    """The baseline document, keys in the order they are written."""
    by_line = planned_cents(project, planned, cost, phasing)
    pv: dict[int, int] = {}
    for months in by_line.values():
        for month, value in months.items():
            pv[month] = pv.get(month, 0) + value
    bac = sum(pv.values())
    data: dict[str, Any] = {}
    if info.name is not None:
        data["name"] = info.name
    if info.approved is not None:
        data["approved"] = info.approved.isoformat()
    if info.approved_by is not None:
        data["approved_by"] = info.approved_by
    if info.changes:
        data["change"] = info.changes[0] if len(info.changes) == 1 else Flow(info.changes)
    if status_date is not None:
        data["status_date"] = status_date.isoformat()
    data["bac"] = _money(bac)
    budget = project.budget
    if budget is not None and budget.contingency is not None:
        data["contingency"] = _money(_cents(reserve_amount(budget.contingency, bac / 100)))
    if budget is not None and budget.management is not None:
        data["management_reserve"] = _money(_cents(reserve_amount(budget.management, bac / 100)))
    if planned.finish is not None:
        data["finish"] = moment(planned.finish)
    costs = {task.path: task for task in cost.tasks}
    tasks: dict[str, FlowMap] = {}
    for row in planned.tasks:
        if row.start is None or row.finish is None:
            continue
        record = FlowMap(start=moment(row.start), finish=moment(row.finish))
        task_cost = costs.get(row.path)
        hours = _cents(task_cost.hours) if task_cost else 0
        total = _cents(task_cost.total) if task_cost else 0
        if row.kind is not TaskKind.MILESTONE or hours or total:
            record["hours"] = _money(hours)
            record["cost"] = _money(total)
        tasks[row.path] = record
    data["tasks"] = tasks
    data["pv"] = {month_name(month): _money(pv[month]) for month in sorted(pv)}
    lines: dict[str, dict[str, dict[str, Money]]] = {}
    for (line, capex), months in by_line.items():
        sides = lines.setdefault(line, {})
        sides["capex" if capex else "opex"] = {month_name(m): _money(v) for m, v in months.items()}
    data["lines"] = {
        line: {side: sides[side] for side in ("capex", "opex") if side in sides} for line, sides in lines.items()
    }
    return data
