"""PM210-PM215, PM219, PM220: status dates, actuals and baselines that fit the plan they track."""

from __future__ import annotations

from collections.abc import Iterator

from pmcode.diagnostics import Diagnostic
from pmcode.model import Portfolio, Project
from pmcode.model.refs import resolve_task


def _status_findings(portfolio: Portfolio, project: Project) -> Iterator[Diagnostic]:
    if project.status_date is not None and project.status_date < project.start:
        message = f"status date {project.status_date} is before the project start {project.start}"
        yield Diagnostic.at(project.src.at("status_date"), "PM212", message)
    status = portfolio.status_date_of(project)
    for actuals in project.actuals:
        expected = f"{actuals.period}.yaml"
        if not actuals.src.file.endswith("/" + expected) and actuals.src.file != expected:
            name = actuals.src.file.rsplit("/", 1)[-1]
            message = f"period {actuals.period} does not match the file name {name}"
            yield Diagnostic.at(actuals.src.at("period"), "PM215", message)
        if status is None:
            continue
        if actuals.period > status.strftime("%Y-%m"):
            message = f"actuals for {actuals.period} are after the status date {status}"
            yield Diagnostic.at(actuals.src.at("period"), "PM213", message)
        elif actuals.status_date is not None and actuals.status_date > status:
            message = f"actuals status date {actuals.status_date} is after the project's status date {status}"
            yield Diagnostic.at(actuals.src.at("status_date"), "PM213", message)


def _range_findings(project: Project) -> Iterator[Diagnostic]:
    for actuals in project.actuals:
        for dates in actuals.actual:
            if dates.start and dates.finish and dates.finish < dates.start:
                message = f"task '{dates.task}' finished ({dates.finish}) before it started ({dates.start})"
                yield Diagnostic.at(dates.src.at("finish"), "PM210", message)
    if project.budget is not None:
        for line in project.budget.lines:
            if line.first_month and line.last_month and line.last_month < line.first_month:
                message = f"budget line '{line.id}' ends ({line.last_month}) before it starts ({line.first_month})"
                yield Diagnostic.at(line.src.at("to"), "PM210", message)


def _people_on(project: Project, path: str) -> set[str]:
    """Everyone assigned to the task at `path` or to any task below it."""
    people: set[str] = set()
    stack = [project.by_path[path]]
    while stack:
        task = stack.pop()
        people.update(a.person for a in task.assign)
        stack.extend(task.children)
    return people


def _booking_findings(portfolio: Portfolio, project: Project) -> Iterator[Diagnostic]:
    for actuals in project.actuals:
        for booked in actuals.hours:
            key = resolve_task(portfolio, project, booked.task)
            person = portfolio.people.get(booked.person)
            if key is None or person is None:
                continue  # reported as unknown references
            if booked.person not in _people_on(project, key[1]):
                message = f"'{booked.person}' booked hours on '{booked.task}' without being assigned to it"
                yield Diagnostic.at(booked.src.at("person"), "PM220", message)
            before = person.available_from and actuals.period < person.available_from.strftime("%Y-%m")
            after = person.available_to and actuals.period > person.available_to.strftime("%Y-%m")
            if before or after:
                message = f"'{booked.person}' booked hours in {actuals.period}, outside their availability"
                yield Diagnostic.at(booked.src.at("hours"), "PM211", message)


def tracking(portfolio: Portfolio) -> Iterator[Diagnostic]:
    for project in portfolio.projects.values():
        yield from _status_findings(portfolio, project)
        yield from _range_findings(project)
        if project.baseline is not None:
            for baseline_task in project.baseline.tasks:
                if baseline_task.path not in project.by_path:
                    message = f"baseline task '{baseline_task.path}' is not in the plan any more"
                    yield Diagnostic.at(baseline_task.src.at(key=True), "PM219", message)
        if portfolio.is_complete("people"):
            yield from _booking_findings(portfolio, project)
