"""PM202-PM206, PM214: every reference names something that exists.

A reference into a file that itself failed to load is not judged: its error is already reported, and guessing
would bury it under follow-on findings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from pmcode.diagnostics import Diagnostic, Loc
from pmcode.model import BUILTIN_CALENDAR_ID, Portfolio, Project
from pmcode.model.refs import resolve_task, scope_of
from pmcode.text import did_you_mean

Where = Callable[[], Loc]  # positions are looked up only for findings: valid plans never pay for them


class _Checker:
    def __init__(self, portfolio: Portfolio) -> None:
        self.portfolio = portfolio
        self.findings: list[Diagnostic] = []
        self.calendar_ids = set(portfolio.calendars) | {BUILTIN_CALENDAR_ID}

    def calendar(self, calendar_id: str | None, where: Where) -> None:
        if calendar_id is None or not self.portfolio.is_complete("calendars"):
            return
        if calendar_id not in self.calendar_ids:
            hint = did_you_mean(calendar_id, self.calendar_ids)
            if not self.portfolio.calendars:
                hint = f": no calendars are defined in calendars.yaml, only the built-in '{BUILTIN_CALENDAR_ID}'"
            self.findings.append(Diagnostic.at(where(), "PM205", f"unknown calendar '{calendar_id}'{hint}"))

    def person(self, person_id: str | None, where: Where) -> None:
        people = self.portfolio.people
        if person_id is None or person_id in people or not self.portfolio.is_complete("people"):
            return
        hint = did_you_mean(person_id, people) if people else ": no people are defined in people.yaml"
        self.findings.append(Diagnostic.at(where(), "PM203", f"unknown person '{person_id}'{hint}"))

    def role(self, role_id: str | None, where: Where) -> None:
        roles = self.portfolio.roles
        if role_id is None or role_id in roles or not self.portfolio.is_complete("people"):
            return
        self.findings.append(Diagnostic.at(where(), "PM204", f"unknown role '{role_id}'{did_you_mean(role_id, roles)}"))

    def task(self, project: Project, ref: str, where: Where, scope: str = "") -> None:
        if resolve_task(self.portfolio, project, ref, scope) is not None:
            return
        target, path, prefix = project, ref, ""
        if ":" in ref:
            project_id, path = ref.split(":", 1)
            if not self.portfolio.is_complete(f"project:{project_id}"):
                return
            if project_id not in self.portfolio.projects:
                hint = did_you_mean(project_id, self.portfolio.projects)
                message = f"unknown project '{project_id}' in '{ref}'{hint}"
                self.findings.append(Diagnostic.at(where(), "PM206", message))
                return
            target, prefix = self.portfolio.projects[project_id], f"{project_id}:"
        candidates = set(target.by_path) | {p.rsplit(".", 1)[-1] for p in target.by_path}
        hint = did_you_mean(path, candidates)
        if hint:
            hint = hint.replace("'", f"'{prefix}", 1)
        in_project = f" in project '{target.id}'" if prefix else ""
        self.findings.append(Diagnostic.at(where(), "PM202", f"unknown task '{path}'{in_project}{hint}"))

    def line(self, project: Project, line_id: str | None, where: Where, *, or_task: bool = False) -> None:
        if line_id is None or not self.portfolio.is_complete(f"budget:{project.id}"):
            return
        lines = {line.id for line in project.budget.lines} if project.budget else set()
        if line_id in lines:
            return
        if or_task and resolve_task(self.portfolio, project, line_id) is not None:
            return
        what = "budget line or task" if or_task else "budget line"
        if project.budget is None:
            message = f"unknown {what} '{line_id}': project '{project.id}' has no budget.yaml"
        else:
            message = f"unknown {what} '{line_id}'{did_you_mean(line_id, lines)}"
        self.findings.append(Diagnostic.at(where(), "PM214", message))

    def project(self, project: Project) -> None:
        self.calendar(project.calendar, partial(project.src.at, "calendar"))
        self.person(project.manager, partial(project.src.at, "manager"))
        for task in project.walk():
            scope = scope_of(project, task)
            for dependency in task.depends:
                self.task(project, dependency.ref, partial(dependency.src.at_key_or_self, "task"), scope)
            for assignment in task.assign:
                self.person(assignment.person, partial(assignment.src.at_key_or_self, "person"))
                for n, alternative in enumerate(assignment.alternatives):
                    self.person(alternative, partial(assignment.src.at, "alternatives", n))
            self.line(project, task.line, partial(task.src.at, "line"))
        for deliverable in project.deliverables:
            if deliverable.task is not None:
                self.task(project, deliverable.task, partial(deliverable.src.at, "task"))
            self.person(deliverable.owner, partial(deliverable.src.at, "owner"))
        for actuals in project.actuals:
            for progress in actuals.progress:
                self.task(project, progress.task, partial(progress.src.at, key=True))
            for dates in actuals.actual:
                self.task(project, dates.task, partial(dates.src.at, key=True))
            for booked in actuals.hours:
                self.person(booked.person, partial(booked.src.at, "person"))
                self.task(project, booked.task, partial(booked.src.at, "task"))
            for cost in actuals.costs:
                self.line(project, cost.line, partial(cost.src.at, "line"))
                if cost.task is not None:
                    self.task(project, cost.task, partial(cost.src.at, "task"))
            for note in actuals.notes:
                self.line(project, note.about, partial(note.src.at, "about"), or_task=True)
                self.person(note.owner, partial(note.src.at, "owner"))


def references(portfolio: Portfolio) -> Iterator[Diagnostic]:
    checker = _Checker(portfolio)
    if portfolio.src is not None:
        checker.calendar(portfolio.calendar, partial(portfolio.src.at, "calendar"))
    for person in portfolio.people.values():
        checker.role(person.role, partial(person.src.at, "role"))
        checker.calendar(person.calendar, partial(person.src.at, "calendar"))
    for project in portfolio.projects.values():
        checker.project(project)
    yield from checker.findings
