"""Requirements: validation rules (references and consistency; nothing judged against a date).

Links to tasks and deliverables must resolve (PM692, or PM691 for another project's task); a requirement `met`
without acceptance criteria contradicts itself (PM600). A project whose plan failed to load is not judged: its
own error is already reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmcode.diagnostics import Diagnostic
from pmcode.model import Portfolio, Project
from pmcode.model.refs import resolve_task
from pmcode.records.common import project_findings
from pmcode.records.requirements.model import Requirement
from pmcode.text import did_you_mean, quote


def task_link_findings(
    portfolio: Portfolio, project: Project, ref: str, requirement: Requirement, n: int
) -> Iterator[Diagnostic]:
    """PM692 (or PM691) when the `n`th task link of `requirement` names no task. Written from the project root,
    like a deliverable's `task`."""
    if resolve_task(portfolio, project, ref) is not None:
        return
    loc = requirement.src.at("tasks", n)
    target, path, prefix = project, ref, ""
    if ":" in ref:
        project_id, path = ref.split(":", 1)
        if not portfolio.is_complete(f"project:{project_id}"):
            return
        if project_id not in portfolio.projects:
            yield from project_findings(portfolio, project_id, loc)
            return
        target, prefix = portfolio.projects[project_id], f"{project_id}:"
    hint = did_you_mean(path, target.by_path).replace("'", f"'{prefix}", 1)
    in_project = f" in project {quote(target.id)}" if prefix else ""
    yield Diagnostic.at(
        loc, "PM692", f"requirement {quote(requirement.id)}: unknown task {quote(path)}{in_project}{hint}"
    )


def _requirement_findings(portfolio: Portfolio, project: Project, requirement: Requirement) -> Iterator[Diagnostic]:
    if requirement.is_met and not requirement.acceptance:
        message = f"requirement {quote(requirement.id)} is met but has no acceptance criteria to show it"
        yield Diagnostic.at(requirement.src.at("status"), "PM600", message)
    for n, ref in enumerate(requirement.tasks):
        yield from task_link_findings(portfolio, project, ref, requirement, n)
    deliverables = {d.id for d in project.deliverables}
    for n, deliverable in enumerate(requirement.deliverables):
        if deliverable not in deliverables:
            hint = did_you_mean(deliverable, deliverables)
            if not deliverables:
                hint = f": project {quote(project.id)} has no deliverables in project.yaml"
            message = f"requirement {quote(requirement.id)}: unknown deliverable {quote(deliverable)}{hint}"
            yield Diagnostic.at(requirement.src.at("deliverables", n), "PM692", message)


def rules(portfolio: Portfolio) -> Iterator[Diagnostic]:
    for project_id, log in portfolio.records.requirements.items():
        project = portfolio.projects.get(project_id)
        if project is None or not portfolio.is_complete(f"project:{project_id}"):
            continue
        for requirement in log.requirements:
            yield from _requirement_findings(portfolio, project, requirement)
