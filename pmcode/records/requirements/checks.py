"""Requirements: `pmcode check` findings, judged at the status date.

PM601: a must-have with no trace into the plan. PM602: a deliverable accepted while its requirements are not met
(reported on the deliverable in project.yaml, where the acceptance was recorded). PM603: a requirement met while the
tracked schedule says its tasks are not finished. None of these needs a clock; they are checks because they judge
the records against the plan, not the file on its own.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmcode.diagnostics import Diagnostic
from pmcode.model import Portfolio, Project
from pmcode.model.refs import resolve_task
from pmcode.model.types import Deliverable, TaskKey
from pmcode.records.context import RecordContext
from pmcode.records.requirements.model import Requirement, RequirementLog
from pmcode.schedule import Schedule
from pmcode.schedule.result import TaskSchedule
from pmcode.text import quote

DONE_PERCENT = 100.0


def is_accepted(deliverable: Deliverable) -> bool:
    return deliverable.status == "accepted" or deliverable.accepted_on is not None


def _untraced(log: RequirementLog) -> Iterator[Diagnostic]:
    for requirement in log.requirements:
        traced = requirement.tasks or requirement.deliverables
        if requirement.priority == "must" and requirement.in_scope and not traced:
            message = f"must-have requirement {quote(requirement.id)} is linked to no task and no deliverable"
            yield Diagnostic.at(requirement.src.at("id"), "PM601", message)


def _accepted_unmet(project: Project, log: RequirementLog) -> Iterator[Diagnostic]:
    for deliverable in project.deliverables:
        if not is_accepted(deliverable):
            continue
        unmet = [r for r in log.requirements if deliverable.id in r.deliverables and r.in_scope and not r.is_met]
        if not unmet:
            continue
        listed = ", ".join(f"{quote(r.id)} ({r.status})" for r in unmet)
        field = "status" if deliverable.src.has("status") else "accepted_on"
        message = (
            f"deliverable {quote(deliverable.id)} is accepted but requirement(s) linked to it in requirements.yaml "
            f"are not met: {listed}"
        )
        yield Diagnostic.at(deliverable.src.at(field), "PM602", message)


def task_index(schedule: Schedule) -> dict[TaskKey, TaskSchedule]:
    return {(p.id, t.path): t for p in schedule.projects for t in p.tasks}


def unfinished_tasks(
    portfolio: Portfolio, project: Project, requirement: Requirement, by_key: dict[TaskKey, TaskSchedule]
) -> list[str]:
    """The linked tasks the tracked schedule has below 100% complete (as written in the requirement)."""
    unfinished = []
    for ref in requirement.tasks:
        key = resolve_task(portfolio, project, ref)
        task = by_key.get(key) if key is not None else None
        if task is not None and task.percent_complete is not None and task.percent_complete < DONE_PERCENT:
            unfinished.append(ref)
    return unfinished


def _met_early(
    portfolio: Portfolio, project: Project, log: RequirementLog, by_key: dict[TaskKey, TaskSchedule]
) -> Iterator[Diagnostic]:
    for requirement in log.requirements:
        if not requirement.is_met or not requirement.tasks:
            continue
        unfinished = unfinished_tasks(portfolio, project, requirement, by_key)
        if unfinished:
            listed = ", ".join(quote(ref) for ref in unfinished)
            message = f"requirement {quote(requirement.id)} is met but its task(s) are not complete: {listed}"
            yield Diagnostic.at(requirement.src.at("status"), "PM603", message)


def checks(context: RecordContext) -> Iterator[Diagnostic]:
    portfolio = context.portfolio
    by_key = task_index(context.schedule) if context.schedule is not None else None
    for project_id, log in portfolio.records.requirements.items():
        project = portfolio.projects.get(project_id)
        if project is None or not portfolio.is_complete(f"project:{project_id}"):
            continue
        yield from _untraced(log)
        yield from _accepted_unmet(project, log)
        if by_key is not None:
            yield from _met_early(portfolio, project, log, by_key)
