"""Strategy: validation rules (references and consistency; nothing judged against a date).

Every project named must be a folder of the portfolio (PM691); every milestone must exist (PM692) and be a
milestone (PM680). References into a project whose plan failed to load are not judged.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmcode.diagnostics import Diagnostic
from pmcode.model import Portfolio, TaskKind
from pmcode.model.types import Src
from pmcode.records.common import person_findings, project_findings
from pmcode.records.strategy.model import Objective
from pmcode.text import did_you_mean, quote


def _projects(portfolio: Portfolio, projects: tuple[str, ...], src: Src) -> Iterator[Diagnostic]:
    for n, project in enumerate(projects):
        if project not in portfolio.projects and portfolio.is_complete(f"project:{project}"):
            yield from project_findings(portfolio, project, src.at("projects", n))


def _milestones(portfolio: Portfolio, objective: Objective) -> Iterator[Diagnostic]:
    for n, ref in enumerate(objective.milestones):
        project_id, path = ref.split(":", 1)
        project = portfolio.projects.get(project_id)
        if project is not None and path in project.by_path and project.by_path[path].kind is TaskKind.MILESTONE:
            continue
        loc = objective.src.at("milestones", n)
        if not portfolio.is_complete(f"project:{project_id}"):
            continue
        if project is None:
            yield from project_findings(portfolio, project_id, loc)
            continue
        task = project.by_path.get(path)
        if task is None:
            milestones = [t.path for t in project.walk() if t.kind is TaskKind.MILESTONE]
            hint = did_you_mean(path, milestones).replace("'", f"'{project_id}:", 1)
            message = f"objective {quote(objective.id)}: unknown milestone {quote(ref)}{hint}"
            yield Diagnostic.at(loc, "PM692", message)
        elif task.kind is not TaskKind.MILESTONE:
            message = f"objective {quote(objective.id)}: {quote(ref)} is a {task.kind.value} task, not a milestone"
            yield Diagnostic.at(loc, "PM680", message)


def rules(portfolio: Portfolio) -> Iterator[Diagnostic]:
    strategy = portfolio.records.strategy
    if strategy is None:
        return
    for objective in strategy.objectives:
        if objective.owner is not None and objective.owner not in portfolio.people:  # a position costs a parse
            yield from person_findings(portfolio, objective.owner, objective.src.at("owner"))
        yield from _projects(portfolio, objective.projects, objective.src)
        yield from _milestones(portfolio, objective)
        for key_result in objective.key_results:
            yield from _projects(portfolio, key_result.projects, key_result.src)
