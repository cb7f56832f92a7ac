"""PM202-PM206, PM214: every reference names something that exists.

A reference into a file that itself failed to load is not judged: its error is already reported, and guessing
would bury it under follow-on findings.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmcode.diagnostics import Diagnostic, Loc
from pmcode.model import BUILTIN_CALENDAR_ID, Portfolio, Project
from pmcode.model.refs import resolve_task, scope_of
from pmcode.text import did_you_mean


class _Checker:
    def __init__(self, portfolio: Portfolio) -> None:
        self.portfolio = portfolio
        self.findings: list[Diagnostic] = []
        self.calendar_ids = set(portfolio.calendars) | {BUILTIN_CALENDAR_ID}

    def calendar(self, calendar_id: str | None, loc: Loc) -> None:
        if calendar_id is None or not self.portfolio.is_complete("calendars"):
            return
        if calendar_id not in self.calendar_ids:
            hint = did_you_mean(calendar_id, self.calendar_ids)
            self.findings.append(Diagnostic.at(loc, "PM205", f"unknown calendar '{calendar_id}'{hint}"))

    def person(self, person_id: str | None, loc: Loc) -> None:
        people = self.portfolio.people
        if person_id is None or person_id in people or not self.portfolio.is_complete("people"):
            return
        hint = did_you_mean(person_id, people)
        self.findings.append(Diagnostic.at(loc, "PM203", f"unknown person '{person_id}'{hint}"))

    def role(self, role_id: str | None, loc: Loc) -> None:
        roles = self.portfolio.roles
        if role_id is None or role_id in roles or not self.portfolio.is_complete("people"):
            return
        self.findings.append(Diagnostic.at(loc, "PM204", f"unknown role '{role_id}'{did_you_mean(role_id, roles)}"))

    def task(self, project: Project, ref: str, loc: Loc, scope: str = "") -> None:
        if resolve_task(self.portfolio, project, ref, scope) is not None:
            return
        target, path, prefix = project, ref, ""
        if ":" in ref:
            project_id, path = ref.split(":", 1)
            if not self.portfolio.is_complete(f"project:{project_id}"):
                return
            if project_id not in self.portfolio.projects:
                hint = did_you_mean(project_id, self.portfolio.projects)
                self.findings.append(Diagnostic.at(loc, "PM206", f"unknown project '{project_id}' in '{ref}'{hint}"))
                return
            target, prefix = self.portfolio.projects[project_id], f"{project_id}:"
        candidates = set(target.by_path) | {p.rsplit(".", 1)[-1] for p in target.by_path}
        hint = did_you_mean(path, candidates)
        if hint:
            hint = hint.replace("'", f"'{prefix}", 1)
        where = f" in project '{target.id}'" if prefix else ""
        self.findings.append(Diagnostic.at(loc, "PM202", f"unknown task '{path}'{where}{hint}"))

    def line(self, project: Project, line_id: str | None, loc: Loc, *, or_task: bool = False) -> None:
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
        self.findings.append(Diagnostic.at(loc, "PM214", message))

    def project(self, project: Project) -> None:
        self.calendar(project.calendar, project.src.at("calendar"))
        self.person(project.manager, project.src.at("manager"))
        for task in project.walk():
            scope = scope_of(project, task)
            for dependency in task.depends:
                loc = dependency.src.at("task") if dependency.src.has("task") else dependency.src.at()
                self.task(project, dependency.ref, loc, scope)
            for assignment in task.assign:
                loc = assignment.src.at("person") if assignment.src.has("person") else assignment.src.at()
                self.person(assignment.person, loc)
            self.line(project, task.line, task.src.at("line"))
        for deliverable in project.deliverables:
            if deliverable.task is not None:
                self.task(project, deliverable.task, deliverable.src.at("task"))
            self.person(deliverable.owner, deliverable.src.at("owner"))
        for actuals in project.actuals:
            for progress in actuals.progress:
                self.task(project, progress.task, progress.src.at(key=True))
            for dates in actuals.actual:
                self.task(project, dates.task, dates.src.at(key=True))
            for booked in actuals.hours:
                self.person(booked.person, booked.src.at("person"))
                self.task(project, booked.task, booked.src.at("task"))
            for cost in actuals.costs:
                self.line(project, cost.line, cost.src.at("line"))
                if cost.task is not None:
                    self.task(project, cost.task, cost.src.at("task"))
            for note in actuals.notes:
                self.line(project, note.about, note.src.at("about"), or_task=True)
                self.person(note.owner, note.src.at("owner"))


def references(portfolio: Portfolio) -> Iterator[Diagnostic]:
    checker = _Checker(portfolio)
    if portfolio.src is not None:
        checker.calendar(portfolio.calendar, portfolio.src.at("calendar"))
    for person in portfolio.people.values():
        checker.role(person.role, person.src.at("role"))
        checker.calendar(person.calendar, person.src.at("calendar"))
    for project in portfolio.projects.values():
        checker.project(project)
    yield from checker.findings
