"""PM250, PM251, PM252: estimates and risks that cannot be sampled. A validation rule (pmcode.validate.rules).

Estimates are read from project.yaml, risks from the project's RAID log (raid.yaml), every risk with an impact,
closed or not: a closed risk reopened must still be sampleable.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pmcode.diagnostics import Diagnostic
from pmcode.model import Duration, Portfolio, Project, Src, Task, TaskKind
from pmcode.risk.inputs import minutes, planned_amount, risk_task
from pmcode.text import did_you_mean

POINTS = ("min", "likely", "max")


def risk_inputs(portfolio: Portfolio) -> Iterator[Diagnostic]:
    for project in portfolio.projects.values():
        hours_per_day = _hours_per_day(portfolio, project)
        for task in project.walk():
            if task.src.has("estimate"):
                yield from _estimate(task, hours_per_day)
        log = portfolio.records.raid.get(project.id)
        for risk in log.risks if log is not None else ():
            yield from _risk(project, risk.src, risk.src.node, hours_per_day)


def _hours_per_day(portfolio: Portfolio, project: Project) -> float:
    calendar = portfolio.calendars.get(portfolio.calendar_id_of(project))
    return calendar.hours_per_day if calendar is not None else 8.0


def _order(src: Src, raw: dict[str, Any], what: str, amount: Any) -> Diagnostic | None:
    """PM250 when the three points are not min <= likely <= max."""
    low, likely, high = (amount(raw[key]) for key in POINTS)
    if low <= likely <= high:
        return None
    shown = ", ".join(f"{key} {raw[key]}" for key in POINTS)
    wrong = "likely" if likely < low else "max"
    message = f"{what}: {shown} is not in order: min <= likely <= max"
    return Diagnostic.at(src.at(wrong), "PM250", message)


def _estimate(task: Task, hours_per_day: float) -> Iterator[Diagnostic]:
    src = task.src.child("estimate")
    raw = src.node
    planned = planned_amount(task)
    if planned is None:
        kind = "a summary" if task.kind is TaskKind.SUMMARY else "a milestone"
        message = f"task '{task.path}' is {kind}: only a task with a duration or an effort takes an estimate"
        yield Diagnostic.at(task.src.at("estimate", key=True), "PM251", message)
        return
    for key in POINTS:
        if Duration.parse(raw[key]).elapsed != planned.elapsed:
            written = "elapsed" if planned.elapsed else "working"
            message = (
                f"estimate of '{task.path}': {key} {raw[key]} is not in {written} time like its "
                f"{'duration' if task.kind is TaskKind.DURATION else 'effort'} {planned}"
            )
            yield Diagnostic.at(src.at(key), "PM251", message)
            return
    finding = _order(src, raw, f"estimate of '{task.path}'", lambda text: minutes(text, hours_per_day))
    if finding is not None:
        yield finding


def _risk(project: Project, src: Src, raw: dict[str, Any], hours_per_day: float) -> Iterator[Diagnostic]:
    schedule = raw.get("schedule")
    if schedule is not None:
        impact = src.child("schedule")
        for position, ref in enumerate(schedule["tasks"]):
            path = risk_task(project, ref)
            task = project.by_path.get(path) if path is not None else None
            where = impact.child("tasks", position).at()
            if task is None:
                hint = did_you_mean(ref, list(project.by_path))
                message = f"risk '{raw['id']}' delays unknown task '{ref}' in project '{project.id}'{hint}"
                yield Diagnostic.at(where, "PM252", message)
            elif planned_amount(task) is None:
                message = f"risk '{raw['id']}' delays '{ref}', which has no duration or effort to lengthen"
                yield Diagnostic.at(where, "PM252", message)
        finding = _order(impact, schedule, f"risk '{raw['id']}' schedule", lambda t: minutes(t, hours_per_day))
        if finding is not None:
            yield finding
    if raw.get("cost") is not None:
        finding = _order(src.child("cost"), raw["cost"], f"risk '{raw['id']}' cost", float)
        if finding is not None:
            yield finding
