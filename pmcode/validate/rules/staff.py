"""PM210, PM211, PM221: leave and availability that make sense, and assignments people can actually work."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import pairwise

from pmcode.diagnostics import Diagnostic
from pmcode.model import Person, Portfolio, Project, Task


def _leave_findings(person: Person) -> Iterator[Diagnostic]:
    for leave in person.leave:
        if leave.end < leave.start:
            message = f"leave of '{person.id}' ends ({leave.end}) before it starts ({leave.start})"
            yield Diagnostic.at(leave.src.at("to"), "PM210", message)
    ordered = sorted((leave for leave in person.leave if leave.end >= leave.start), key=lambda leave: leave.start)
    for before, after in pairwise(ordered):
        if after.start <= before.end:
            message = f"leave of '{person.id}' from {after.start} overlaps leave {before.start} to {before.end}"
            yield Diagnostic.at(after.src.at("from"), "PM221", message)
    if person.available_from and person.available_to and person.available_to < person.available_from:
        message = (
            f"availability of '{person.id}' ends ({person.available_to}) before it starts ({person.available_from})"
        )
        yield Diagnostic.at(person.src.at("available", "to"), "PM210", message)


def _assignment_findings(portfolio: Portfolio, project: Project) -> Iterator[Diagnostic]:
    """Work that cannot fall inside an assignee's availability, judged before scheduling: the task cannot start
    before the project (or its own, or a summary's, `start`), nor may it finish after its deadline."""
    stack: list[tuple[Task, date, date | None]] = [(task, project.start, None) for task in reversed(project.tasks)]
    while stack:
        task, earliest, deadline = stack.pop()
        earliest = max(earliest, task.start.day if task.start else earliest)
        deadline = min(d for d in (deadline, task.deadline) if d) if (deadline or task.deadline) else None
        stack.extend((child, earliest, deadline) for child in reversed(task.children))
        for assignment in task.assign:
            person = portfolio.people.get(assignment.person)
            if person is None:
                continue
            if person.available_to is not None and person.available_to < earliest:
                message = (
                    f"'{person.id}' is available only until {person.available_to}, but task '{task.path}' "
                    f"cannot start before {earliest}"
                )
                yield Diagnostic.at(assignment.src.at_key_or_self("person"), "PM211", message)
            elif person.available_from is not None and deadline is not None and person.available_from > deadline:
                message = (
                    f"'{person.id}' is available only from {person.available_from}, after the deadline "
                    f"{deadline} of task '{task.path}'"
                )
                yield Diagnostic.at(assignment.src.at_key_or_self("person"), "PM211", message)


def staff(portfolio: Portfolio) -> Iterator[Diagnostic]:
    for person in portfolio.people.values():
        yield from _leave_findings(person)
    if not portfolio.is_complete("people"):
        return
    for project in portfolio.projects.values():
        yield from _assignment_findings(portfolio, project)
