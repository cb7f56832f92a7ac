"""The pages pmcode generates for the site, as Markdown files holding escaped HTML.

Every data string goes through Jinja2's autoescaping, inside HTML blocks that Markdown leaves alone, so text from
a pull request can never become markup or a link. Page titles use project ids, which the schema restricts to
letters, digits, '-' and '_'.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import jinja2

from pmcode.diagnostics import Diagnostic
from pmcode.model import Portfolio, Project, Task, TaskKind
from pmcode.model.refs import resolve_task, scope_of


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("pmcode.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@dataclass(frozen=True)
class TaskRow:
    path: str
    name: str
    depth: int
    kind: str
    size: str
    depends: str
    assigned: str
    summary: bool


def _size(task: Task) -> str:
    if task.kind is TaskKind.DURATION and task.duration is not None:
        return str(task.duration)
    if task.kind is TaskKind.EFFORT and task.effort is not None:
        return f"{task.effort} effort"
    return ""


def _task_rows(portfolio: Portfolio, project: Project) -> list[TaskRow]:
    rows = []
    for task in project.walk():
        scope = scope_of(project, task)
        depends = []
        for dependency in task.depends:
            key = resolve_task(portfolio, project, dependency.ref, scope)
            label = (key[1] if key[0] == project.id else f"{key[0]}:{key[1]}") if key else dependency.ref
            suffix = "" if dependency.type.value == "FS" else f" {dependency.type.value}"
            lag = f" {'+' if dependency.lag.amount >= 0 else ''}{dependency.lag}" if dependency.lag else ""
            depends.append(f"{label}{suffix}{lag}")
        people = []
        for assignment in task.assign:
            person = portfolio.people.get(assignment.person)
            name = person.name if person else assignment.person
            people.append(f"{name} ({assignment.units:.0%})" if assignment.units is not None else name)
        rows.append(
            TaskRow(
                path=task.path,
                name=task.name,
                depth=min(task.path.count("."), 4),
                kind=task.kind.value,
                size=_size(task),
                depends=", ".join(depends),
                assigned=", ".join(people),
                summary=task.kind is TaskKind.SUMMARY,
            )
        )
    return rows


def portfolio_page(portfolio: Portfolio, diagnostics: tuple[Diagnostic, ...]) -> str:
    projects = []
    for project in portfolio.projects.values():
        manager = portfolio.people.get(project.manager) if project.manager else None
        tasks = list(project.walk())
        projects.append(
            {
                "id": project.id,
                "name": project.name,
                "customer": project.customer,
                "manager": manager.name if manager else (project.manager or ""),
                "status": project.status,
                "start": project.start.isoformat(),
                "tasks": len(tasks),
                "milestones": sum(1 for t in tasks if t.kind is TaskKind.MILESTONE),
                "deliverables": len(project.deliverables),
            }
        )
    template = _environment().get_template("portfolio.md.j2")
    return template.render(portfolio=portfolio, projects=projects, diagnostics=diagnostics)


def project_page(portfolio: Portfolio, project: Project) -> str:
    manager = portfolio.people.get(project.manager) if project.manager else None
    owners = {d.id: portfolio.people[d.owner].name for d in project.deliverables if d.owner in portfolio.people}
    template = _environment().get_template("project.md.j2")
    return template.render(
        portfolio=portfolio,
        project=project,
        manager=manager.name if manager else (project.manager or ""),
        rows=_task_rows(portfolio, project),
        owners=owners,
    )
