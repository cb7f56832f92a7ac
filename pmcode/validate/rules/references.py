"""PM202-PM206, PM214: every reference names something that exists.

A reference into a file that itself failed to load is not judged: its error is already reported, and guessing
would bury it under follow-on findings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial

from pmcode.diagnostics import Diagnostic, Loc
from pmcode.model import BUILTIN_CALENDAR_ID, Portfolio, Project
from pmcode.model.refs import resolve_task, scope_of
from pmcode.text import closest, did_you_mean

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
        hint = did_you_mean(path, _reachable(target.by_path, scope if target is project else ""))
        if hint:
            hint = hint.replace("'", f"'{prefix}", 1)
        else:  # a task's own id (or near it) written where it is out of reach: suggest the path that reaches it
            by_id: dict[str, list[str]] = {}
            for candidate in target.by_path:
                by_id.setdefault(candidate.rsplit(".", 1)[-1], []).append(candidate)
            close = closest(path.rsplit(".", 1)[-1], by_id)
            paths = by_id[close] if close is not None else []
            hint = f" (did you mean '{prefix}{paths[0]}'?)" if len(paths) == 1 else ""
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
        people = self.portfolio.people
        for task in project.walk():  # the common case (a reference that resolves) first, without making a `where`
            scope = scope_of(project, task)
            for dependency in task.depends:
                if resolve_task(self.portfolio, project, dependency.ref, scope) is None:
                    self.task(project, dependency.ref, partial(dependency.src.at_key_or_self, "task"), scope)
            for assignment in task.assign:
                if assignment.person not in people:
                    self.person(assignment.person, partial(assignment.src.at_key_or_self, "person"))
                for n, alternative in enumerate(assignment.alternatives):
                    self.person(alternative, partial(assignment.src.at, "alternatives", n))
            if task.line is not None:
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


def _reachable(paths: Iterable[str], scope: str) -> set[str]:
    """The names by which a reference written in summary `scope` reaches a task: its path relative to the scope or
    to any summary enclosing it, up to the project root."""
    prefixes = [""]
    parts = scope.split(".") if scope else []
    prefixes += [".".join(parts[: i + 1]) + "." for i in range(len(parts))]
    return {p[len(prefix) :] for p in paths for prefix in prefixes if p.startswith(prefix)}
