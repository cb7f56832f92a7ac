"""The site's Requirements page (portfolio/requirements.md): a traceability matrix per project.

Each requirement with its priority and status, the tasks that build it (percent complete and forecast finish from
the tracked schedule) and the deliverables that hand it over (with their status); coverage figures per project
(must-haves traced to the plan, requirements met) and the requirements findings of `pmcode check`. Everything
reaches the page through the autoescaped template (site_pages._environment).
"""

from __future__ import annotations

from dataclasses import dataclass

from pmcode.diagnostics import Diagnostic
from pmcode.model import Portfolio, Project
from pmcode.model.refs import resolve_task
from pmcode.records.requirements.checks import is_accepted, task_index
from pmcode.records.requirements.codes import CODES
from pmcode.records.requirements.model import Requirement, RequirementLog
from pmcode.render.site_figures import SiteFigures
from pmcode.render.site_pages import _environment, project_page_stem
from pmcode.schedule.result import TaskSchedule

PAGE = "requirements.md"
PRIORITY_LABELS = {"must": "Must", "should": "Should", "could": "Could", "wont": "Won't"}
# Status -> (badge level, icon): never colour alone, the word is always written next to it.
STATUS_BADGES = {
    "met": ("green", "\u2714"),
    "in-progress": ("none", "\u25d4"),
    "approved": ("none", "\u25cb"),
    "proposed": ("none", "?"),
    "deferred": ("none", "\u23f8"),
    "rejected": ("none", "\u2715"),
}
OWN_CODES = frozenset(code.code for code in CODES)
REFERENCE_CODES = frozenset({"PM690", "PM691", "PM692"})


def one_line(text: str) -> str:
    """`text` on one line: a line break (a blank line above all) inside the page's HTML blocks would end the block
    and hand the rest of the data to Markdown."""
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class TaskCell:
    ref: str  # as written in requirements.yaml
    name: str
    done: str  # "40%", or "" without actuals
    finish: str  # forecast (or actual) finish date
    complete: bool


@dataclass(frozen=True, slots=True)
class DeliverableCell:
    id: str
    name: str
    status: str
    when: str  # accepted on, else due
    accepted: bool


@dataclass(frozen=True, slots=True)
class RequirementRow:
    id: str
    title: str
    statement: str
    source: str
    priority: str
    must: bool
    status: str
    level: str
    icon: str
    acceptance: tuple[str, ...]
    tasks: tuple[TaskCell, ...]
    deliverables: tuple[DeliverableCell, ...]
    untraced: bool  # a must-have in scope linked to nothing (PM601)


@dataclass(frozen=True, slots=True)
class ProjectTrace:
    id: str
    page: str
    name: str
    customer: str
    file: str
    rows: tuple[RequirementRow, ...]
    musts: int  # must-haves in scope
    traced: int  # of those, linked to a task or a deliverable
    musts_met: int
    in_scope: int
    met: int


def _task_cell(
    portfolio: Portfolio, project: Project, ref: str, scheduled: dict[tuple[str, str], TaskSchedule]
) -> TaskCell:
    key = resolve_task(portfolio, project, ref)
    task = scheduled.get(key) if key is not None else None
    if key is None or task is None:
        return TaskCell(ref, "not in the plan", "", "", False)
    percent = task.percent_complete
    finish = task.finish.date().isoformat() if task.finish is not None else ""
    complete = percent is not None and percent >= 100.0
    return TaskCell(ref, one_line(task.name), "" if percent is None else f"{percent:.0f}%", finish, complete)


def _deliverable_cells(project: Project, requirement: Requirement) -> tuple[DeliverableCell, ...]:
    by_id = {d.id: d for d in project.deliverables}
    cells = []
    for deliverable_id in requirement.deliverables:
        d = by_id.get(deliverable_id)
        if d is None:
            cells.append(DeliverableCell(deliverable_id, "not in project.yaml", "", "", False))
            continue
        accepted = is_accepted(d)
        when = d.accepted_on if accepted and d.accepted_on else d.due
        status = "accepted" if accepted else d.status
        cells.append(DeliverableCell(d.id, one_line(d.name), status, when.isoformat() if when else "", accepted))
    return tuple(cells)


def _row(
    portfolio: Portfolio, project: Project, requirement: Requirement, scheduled: dict[tuple[str, str], TaskSchedule]
) -> RequirementRow:
    level, icon = STATUS_BADGES.get(requirement.status, ("none", "\u2013"))
    must = requirement.priority == "must"
    return RequirementRow(
        id=requirement.id,
        title=one_line(requirement.title),
        statement=one_line(requirement.statement),
        source=one_line(requirement.source),
        priority=PRIORITY_LABELS.get(requirement.priority, requirement.priority),
        must=must,
        status=requirement.status,
        level=level,
        icon=icon,
        acceptance=tuple(one_line(criterion) for criterion in requirement.acceptance),
        tasks=tuple(_task_cell(portfolio, project, ref, scheduled) for ref in requirement.tasks),
        deliverables=_deliverable_cells(project, requirement),
        untraced=must and requirement.in_scope and not (requirement.tasks or requirement.deliverables),
    )


def project_trace(
    portfolio: Portfolio, project: Project, log: RequirementLog, scheduled: dict[tuple[str, str], TaskSchedule]
) -> ProjectTrace:
    rows = tuple(_row(portfolio, project, r, scheduled) for r in log.requirements)
    musts = [r for r in log.requirements if r.priority == "must" and r.in_scope]
    in_scope = [r for r in log.requirements if r.in_scope]
    return ProjectTrace(
        id=project.id,
        page=project_page_stem(project.id),
        name=one_line(project.name),
        customer=one_line(project.customer),
        file=log.src.file,
        rows=rows,
        musts=len(musts),
        traced=sum(1 for r in musts if r.tasks or r.deliverables),
        musts_met=sum(1 for r in musts if r.is_met),
        in_scope=len(in_scope),
        met=sum(1 for r in in_scope if r.is_met),
    )


def requirement_findings(findings: tuple[Diagnostic, ...]) -> list[Diagnostic]:
    """The requirements codes, and the reference codes reported in a requirements file."""
    return [
        d
        for d in findings
        if d.code in OWN_CODES or (d.code in REFERENCE_CODES and d.file.endswith("/requirements.yaml"))
    ]


def requirements_page(portfolio: Portfolio, figures: SiteFigures) -> str | None:
    """The page's Markdown, or None when the portfolio has no such records (no page, no menu entry)."""
    logs = portfolio.records.requirements
    if not logs:
        return None
    scheduled = task_index(figures.schedule)
    traces = [
        project_trace(portfolio, portfolio.projects[pid], log, scheduled)
        for pid, log in logs.items()
        if pid in portfolio.projects
    ]
    template = _environment().get_template("requirements.md.j2")
    return template.render(
        portfolio=portfolio,
        traces=traces,
        findings=requirement_findings(figures.check.diagnostics),
    )
