"""`diff_sides`: two analysed sides in, a `PlanDiff` out. Pure: no I/O, no clock.

Dates are compared on the tracked, leveled schedules (what `pmcode check` judges); working days are counted in
side B's calendars, signed. Over-allocation is read from the unleveled schedules: leveling hides it by moving work,
so the weekly load above units is what a re-assignment really asks of a person. Money: `bac` is the baseline budget
at completion (the finance view's budget), `plan` the plan's cost at completion (the cost engine, what a new
baseline would freeze), `eac` the forecast at completion (actual + the remaining plan), `contingency` the reserve
on the plan's cost, and `forecast FYxxxx` each fiscal year's forecast.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import datetime

from pmcode.diff.baselines import baseline_changes
from pmcode.diff.findings import finding_changes
from pmcode.diff.result import (
    CriticalChange,
    FloatLost,
    MoneyChange,
    Move,
    OverAllocationChange,
    PersonChange,
    PlanDiff,
    ProjectDiff,
)
from pmcode.diff.side import Plan, Side
from pmcode.diff.tasks import match_tasks, task_changes
from pmcode.model import BUILTIN_CALENDAR_ID, Project, Task
from pmcode.schedule import ProjectSchedule, Schedule, TaskSchedule
from pmcode.schedule.calendar import WorkingTime

CENT = 0.005
FLOAT_HOURS = 0.01  # total float lost by less than this is rounding, not a change


def diff_sides(before: Side, after: Side) -> PlanDiff:
    findings = finding_changes(before.check.diagnostics, before.prefix, after.check.diagnostics, after.prefix)
    baselines, gate = baseline_changes(before, after)
    if gate:  # the change-control gate's errors join the new findings, in position order
        new = sorted([f for f in findings if f.change == "new"] + list(gate), key=lambda f: (f.file, f.line, f.col))
        findings = (*new, *(f for f in findings if f.change != "new"))
    ids = sorted(set(before.validation.portfolio.projects) | set(after.validation.portfolio.projects))
    projects = tuple(_project(project_id, before, after) for project_id in ids)
    a, b = before.plan, after.plan
    if a is None or b is None:
        return PlanDiff(
            before.label, after.label, after.currency, False, None, projects, (), (), (), findings, baselines
        )
    return PlanDiff(
        before.label,
        after.label,
        after.currency,
        True,
        _portfolio_finish(after, a.schedule, b.schedule),
        projects,
        _money(_portfolio_figures(a), _portfolio_figures(b)),
        _people(a.schedule, b.schedule),
        _overallocated(a.unleveled, b.unleveled),
        findings,
        baselines,
    )


def _working_days(time: WorkingTime, plan: Plan, hours_per_day: float, old: datetime, new: datetime) -> float:
    base = plan.calendars.base
    return time.working_between(base.moment(old), base.moment(new)) / 60 / hours_per_day


def _move(path: str, name: str, old: datetime | None, new: datetime | None, days: float | None) -> Move | None:
    return None if old == new else Move(path, name, old, new, days)


def _portfolio_finish(after: Side, old: Schedule, new: Schedule) -> Move | None:
    first = max((p.finish for p in old.projects if p.finish is not None), default=None)
    last = max((p.finish for p in new.projects if p.finish is not None), default=None)
    if first is None or last is None:
        return _move("", "portfolio", first, last, None)
    assert after.plan is not None
    calendars = after.plan.calendars
    calendar_id = after.validation.portfolio.calendar or BUILTIN_CALENDAR_ID
    days = _working_days(calendars.calendar(calendar_id), after.plan, calendars.hours_per_day(calendar_id), first, last)
    return _move("", "portfolio", first, last, days)


class _Clock:
    """Working days between two moments in one project's calendar on side B."""

    def __init__(self, plan: Plan, project: Project) -> None:
        self.plan = plan
        self.time = plan.calendars.project(project)
        self.hours_per_day = plan.calendars.hours_per_day(plan.calendars.project_calendar_id(project))

    def move(self, path: str, name: str, old: datetime | None, new: datetime | None) -> Move | None:
        days = None if old is None or new is None else _working_days(self.time, self.plan, self.hours_per_day, old, new)
        return _move(path, name, old, new, days)


def _schedule_of(plan: Plan | None, project_id: str) -> ProjectSchedule | None:
    if plan is None:
        return None
    return next((p for p in plan.schedule.projects if p.id == project_id), None)


def _project(project_id: str, before: Side, after: Side) -> ProjectDiff:
    old = before.validation.portfolio.projects.get(project_id)
    new = after.validation.portfolio.projects.get(project_id)
    pairs, removed, added = match_tasks(old, new)
    tasks = task_changes(pairs, removed, added)
    status = "added" if old is None else "removed" if new is None else "changed" if tasks else "unchanged"
    either = new or old
    name = either.name if either is not None else project_id
    a, b = _schedule_of(before.plan, project_id), _schedule_of(after.plan, project_id)
    if a is None or b is None or new is None or after.plan is None or before.plan is None:
        return ProjectDiff(project_id, name, status, None, (), tasks, (), (), ())
    clock = _Clock(after.plan, new)
    rows_a, rows_b = {t.path: t for t in a.tasks}, {t.path: t for t in b.tasks}
    matched = [(rows_a[x.path], rows_b[y.path]) for x, y in pairs if x.path in rows_a and y.path in rows_b]
    milestones = tuple(
        move
        for x, y in matched
        if (x.milestone or y.milestone) and (move := clock.move(y.path, y.name, x.finish, y.finish)) is not None
    )
    money = _money(_project_figures(before.plan, project_id), _project_figures(after.plan, project_id))
    finish = clock.move("", name, a.finish, b.finish)
    critical = _critical(matched, [rows_a[t.path] for t in removed if t.path in rows_a], added, rows_b)
    lost = _float_lost(matched, a.hours_per_day, b.hours_per_day)
    changed = tasks or finish or milestones or critical or lost or money
    status = "changed" if status == "unchanged" and changed else status
    return ProjectDiff(project_id, name, status, finish, milestones, tasks, critical, lost, money)


def _critical(
    matched: list[tuple[TaskSchedule, TaskSchedule]],
    removed: list[TaskSchedule],
    added: list[Task],
    rows_b: dict[str, TaskSchedule],
) -> tuple[CriticalChange, ...]:
    """Leaf tasks and milestones that entered or left the critical path (summaries follow their tasks)."""
    found = [CriticalChange(y.path, y.name, y.critical) for x, y in matched if x.critical != y.critical]
    found += [CriticalChange(t.path, t.name, True) for t in added if t.path in rows_b and rows_b[t.path].critical]
    found += [CriticalChange(t.path, t.name, False) for t in removed if t.critical]
    return tuple(c for c in found if not _is_summary(c.path, removed, rows_b))


def _is_summary(path: str, removed: list[TaskSchedule], rows: dict[str, TaskSchedule]) -> bool:
    row = rows.get(path) or next((t for t in removed if t.path == path), None)
    return row is not None and row.summary


def _float_lost(matched: list[tuple[TaskSchedule, TaskSchedule]], hpd_a: float, hpd_b: float) -> tuple[FloatLost, ...]:
    found = []
    for x, y in matched:
        if y.summary or x.total_float_hours is None or y.total_float_hours is None:
            continue
        if y.total_float_hours < x.total_float_hours - FLOAT_HOURS:
            found.append(FloatLost(y.path, y.name, x.total_float_hours / hpd_a, y.total_float_hours / hpd_b))
    return tuple(found)


Figures = dict[str, float]


def _project_figures(plan: Plan, project_id: str) -> Figures:
    figures: Figures = {}
    finance = next((p for p in plan.finance.projects if p.project == project_id), None)
    cost = next((p for p in plan.cost.projects if p.project == project_id), None)
    if finance is not None:
        figures["bac"] = finance.total.total.budget
        figures["eac"] = finance.total.total.forecast
        figures.update((f"forecast {fy}", f.forecast) for fy, f in finance.total.years)
    if cost is not None:
        figures["plan"] = cost.total
        figures["contingency"] = cost.reserves.contingency
    return figures


def _portfolio_figures(plan: Plan) -> Figures:
    figures: dict[str, list[float]] = defaultdict(list)
    for project in plan.schedule.projects:
        for key, value in _project_figures(plan, project.id).items():
            figures[key].append(value)
    return {key: math.fsum(values) for key, values in figures.items()}


_FIGURE_ORDER = ("bac", "plan", "eac", "contingency")


def _money(old: Figures, new: Figures) -> tuple[MoneyChange, ...]:
    keys = sorted(set(old) | set(new), key=lambda k: (_FIGURE_ORDER.index(k) if k in _FIGURE_ORDER else 9, k))
    changes = (MoneyChange(key, old.get(key, 0.0), new.get(key, 0.0)) for key in keys)
    return tuple(c for c in changes if abs(c.change) >= CENT)


def _bookings(schedule: Schedule) -> dict[str, dict[str, float]]:
    """person -> project:path -> hours, on leaf tasks."""
    booked: dict[str, dict[str, float]] = defaultdict(dict)
    for project in schedule.projects:
        for task in project.tasks:
            if task.summary:
                continue
            for assignment in task.assignments:
                key = f"{project.id}:{task.path}"
                booked[assignment.person][key] = booked[assignment.person].get(key, 0.0) + assignment.hours
    return booked


def _people(old: Schedule, new: Schedule) -> tuple[PersonChange, ...]:
    a, b = _bookings(old), _bookings(new)
    found = []
    for person in sorted(set(a) | set(b)):
        was, now = a.get(person, {}), b.get(person, {})
        hours_a, hours_b = math.fsum(was.values()), math.fsum(now.values())
        gained = tuple(sorted(set(now) - set(was)))
        lost = tuple(sorted(set(was) - set(now)))
        if gained or lost or abs(hours_b - hours_a) >= CENT:
            found.append(PersonChange(person, hours_a, hours_b, gained, lost))
    return tuple(found)


def _over(schedule: Schedule) -> dict[str, tuple[float, float]]:
    """person -> (working days over their units, peak percent) in an unleveled schedule."""
    days: dict[str, list[float]] = defaultdict(list)
    peaks: dict[str, float] = defaultdict(float)
    for over in schedule.overallocations:
        days[over.person].append(over.working_days)
        peaks[over.person] = max(peaks[over.person], over.peak_percent)
    return {person: (math.fsum(values), peaks[person]) for person, values in days.items()}


def _overallocated(old: Schedule, new: Schedule) -> tuple[OverAllocationChange, ...]:
    a, b = _over(old), _over(new)
    found = []
    for person in sorted(set(a) | set(b)):
        days_a, peak_a = a.get(person, (0.0, 0.0))
        days_b, peak_b = b.get(person, (0.0, 0.0))
        if round(days_a, 2) != round(days_b, 2) or round(peak_a, 2) != round(peak_b, 2):
            found.append(OverAllocationChange(person, days_a, days_b, peak_a, peak_b))
    return tuple(found)
