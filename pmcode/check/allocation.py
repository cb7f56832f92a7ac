"""Over-allocation by week (PM532): anyone booked above their units in a week, by more than `overallocation_pct`.

A person's hours of a week are the per-day hours of every leaf task's assignment (`AssignmentHours.daily`;
summaries repeat their tasks' hours and are skipped). Their capacity is the working time of their own calendar
(holidays, leave, availability) in that week, Monday to Sunday, times their units. Over = hours / capacity - 1.

Work done before a project's status date is history (rescheduling books it as it happened, the scheduler does not
report it either), so only days after the status date count. Consecutive weeks over the threshold make one
finding, located at the assignment with the most hours in the worst week, and judged by that task's project's
thresholds. A leveled schedule books nobody above their units, so this fires for an unleveled one
(`pmcode check --no-level`), or for bookings that leveling cannot move.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from pmcode.check.limits import Breach, judge, thresholds_of
from pmcode.diagnostics import Diagnostic, Severity
from pmcode.model import Portfolio
from pmcode.model.types import Assignment
from pmcode.schedule import Schedule
from pmcode.schedule.calendars import Calendars

NO_TIME = 1e9  # percent over, for hours in a week without working time


@dataclass(slots=True)
class _Week:
    hours: float = 0.0
    by_task: dict[tuple[str, str], float] = field(default_factory=dict)  # (project, path) -> hours


@dataclass(frozen=True, slots=True)
class _Over:
    monday: date
    hours: float
    capacity: float
    percent: float
    task: tuple[str, str]
    breach: Breach


def _weekly(schedule: Schedule) -> dict[str, dict[date, _Week]]:
    weeks: dict[str, dict[date, _Week]] = defaultdict(dict)
    for project in schedule.projects:
        status = project.status_date
        for task in project.tasks:
            if task.summary:
                continue
            for assignment in task.assignments:
                for day, hours in assignment.daily:
                    if status is not None and day <= status:
                        continue
                    monday = day - timedelta(days=day.weekday())
                    week = weeks[assignment.person].setdefault(monday, _Week())
                    week.hours += hours
                    key = (project.id, task.path)
                    week.by_task[key] = week.by_task.get(key, 0.0) + hours
    return weeks


def overallocation_findings(portfolio: Portfolio, schedule: Schedule, calendars: Calendars) -> Iterator[Diagnostic]:
    for person_id, weeks in sorted(_weekly(schedule).items()):
        person = portfolio.people.get(person_id)
        if person is None:
            continue
        time = calendars.person(person)
        overs: list[_Over] = []
        for monday in sorted(weeks):
            week = weeks[monday]
            start = calendars.base.moment(monday)
            capacity = time.working_between(start, start + 7 * 1440) / 60 * person.units
            if week.hours < 0.01:
                continue
            percent = (week.hours / capacity - 1) * 100 if capacity > 0 else NO_TIME
            task = max(sorted(week.by_task), key=lambda key: week.by_task[key])
            project = portfolio.projects.get(task[0])
            breach = judge(thresholds_of(portfolio, project), "overallocation_pct", percent)
            if breach is not None:
                overs.append(_Over(monday, week.hours, capacity, percent, task, breach))
        for run in _runs(overs):
            yield _finding(portfolio, person_id, run)


def _runs(overs: list[_Over]) -> Iterator[list[_Over]]:
    """Consecutive weeks."""
    run: list[_Over] = []
    for over in overs:
        if run and over.monday - run[-1].monday != timedelta(days=7):
            yield run
            run = []
        run.append(over)
    if run:
        yield run


def _assignment(portfolio: Portfolio, task: tuple[str, str], person: str) -> Assignment | None:
    project = portfolio.projects.get(task[0])
    found = project.by_path.get(task[1]) if project is not None else None
    return next((a for a in found.assign if a.person == person), None) if found is not None else None


def _finding(portfolio: Portfolio, person: str, run: list[_Over]) -> Diagnostic:
    worst = max(run, key=lambda o: (o.breach.severity is Severity.ERROR, o.percent))
    if worst.capacity > 0:
        amount = f"{worst.percent:.0f}% above their units ({worst.hours:.1f} h of {worst.capacity:.1f} h)"
    else:
        amount = f"{worst.hours:.1f} h in a week without working time"
    weeks = (
        f"in the week of {worst.monday}"
        if len(run) == 1
        else f"in {len(run)} weeks from {run[0].monday} to {run[-1].monday + timedelta(days=6)}, at most "
        f"in the week of {worst.monday}"
    )
    message = f"'{person}' is booked {amount} {weeks}, most on '{worst.task[1]}': above {worst.breach.describe()}"
    assignment = _assignment(portfolio, worst.task, person)
    loc = assignment.src.at_key_or_self("person") if assignment else portfolio.people[person].src.at("id")
    return Diagnostic.at(loc, "PM532", message, worst.breach.severity)
