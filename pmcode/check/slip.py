"""Schedule slip against the baseline: each milestone (PM530) and the project finish (PM531).

Slip is the working time of the project calendar between the baseline date and the forecast (the schedule
tracked from the status date), in days of that calendar (`hours_per_day`). A forecast on or before the baseline
date is no slip. Missed deadlines are PM301, reported by the schedule engine.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from pmcode.check.limits import Breach, judge, thresholds_of
from pmcode.check.locate import Lateness
from pmcode.diagnostics import Diagnostic
from pmcode.model import Portfolio, Project
from pmcode.schedule import ProjectSchedule, Schedule
from pmcode.schedule.calendars import Calendars


def _when(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M}"


def slip_days(
    calendars: Calendars, project: Project, planned: datetime, forecast: datetime, *, reached: bool = False
) -> float:
    """Working days of the project calendar from `planned` to a later `forecast` (0 when it is not later).
    `reached`: the forecast is a reported date, which tracking puts at the end of that day's work, so the baseline
    counts from the end of its day's work too: reached on the planned day is no slip."""
    time = calendars.project(project)
    start, finish = calendars.base.moment(planned), calendars.base.moment(forecast)
    if reached:
        start = max(start, time.end_at(time.work_before(calendars.base.moment(planned.date() + timedelta(days=1)))))
    if finish <= start:
        return 0.0
    minutes = time.working_between(start, finish)
    return minutes / 60 / calendars.hours_per_day(calendars.project_calendar_id(project))


def slip_findings(portfolio: Portfolio, schedule: Schedule, calendars: Calendars) -> Iterator[Diagnostic]:
    for project in portfolio.projects.values():
        if project.baseline is None:
            continue
        planned = next((p for p in schedule.projects if p.id == project.id), None)
        if planned is None:
            continue
        yield from _milestones(portfolio, project, planned, calendars)
        yield from _finish(portfolio, project, planned, calendars)


def _message(what: str, forecast: datetime, days: float, baseline: datetime, breach: Breach) -> str:
    return (
        f"{what} forecast {_when(forecast)} is {days:.1f} working days after its baseline {_when(baseline)}: "
        f"above {breach.describe()}"
    )


def _milestones(
    portfolio: Portfolio, project: Project, planned: ProjectSchedule, calendars: Calendars
) -> Iterator[Diagnostic]:
    thresholds = thresholds_of(portfolio, project)
    if thresholds.get("milestone_slip_days") is None:
        return
    lateness = Lateness.of(portfolio, project, planned)
    for task in planned.tasks:
        baseline = lateness.baseline_finish.get(task.path)
        if not task.milestone or task.finish is None or baseline is None:
            continue
        days = slip_days(calendars, project, baseline, task.finish, reached=task.actual_finish is not None)
        breach = judge(thresholds, "milestone_slip_days", days)
        if breach is not None:
            what = f"milestone '{task.path}'"
            message = _message(what, task.finish, days, baseline, breach)
            yield Diagnostic.at(lateness.origin(task.path), "PM530", message, breach.severity)


def _finish(
    portfolio: Portfolio, project: Project, planned: ProjectSchedule, calendars: Calendars
) -> Iterator[Diagnostic]:
    thresholds = thresholds_of(portfolio, project)
    assert project.baseline is not None
    if thresholds.get("finish_slip_days") is None or not project.baseline.finish or planned.finish is None:
        return
    baseline = datetime.fromisoformat(project.baseline.finish)
    days = slip_days(calendars, project, baseline, planned.finish)
    breach = judge(thresholds, "finish_slip_days", days)
    if breach is None:
        return
    lateness = Lateness.of(portfolio, project, planned)
    last = lateness.last_task()
    where = lateness.origin(last) if last is not None else project.src.at()
    message = _message(f"project '{project.id}'", planned.finish, days, baseline, breach)
    yield Diagnostic.at(where, "PM531", message, breach.severity)
