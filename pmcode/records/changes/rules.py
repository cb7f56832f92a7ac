"""Change control: validation rules (references and consistency; nothing judged against a date).

PM620/PM621: a decision that contradicts itself. PM622/PM623: a baseline that names a change request the project
does not have, or one that is not approved (a baseline records an approved change only). PM690: requester and
approver. PM692: affected tasks.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from pmcode.diagnostics import Diagnostic
from pmcode.model import Portfolio, Project
from pmcode.model.refs import resolve_task
from pmcode.model.types import Src
from pmcode.records.changes.model import DECIDED, ChangeRequest, named_changes
from pmcode.records.common import person_findings
from pmcode.text import did_you_mean, quote


def rules(portfolio: Portfolio) -> Iterator[Diagnostic]:
    for project_id, changes in portfolio.records.changes.items():
        project = portfolio.projects.get(project_id)
        for change in changes:
            yield from _change_findings(portfolio, project, change)
    for project in portfolio.projects.values():
        yield from baseline_findings(project, portfolio.records.changes.get(project.id, ()))


def _change_findings(portfolio: Portfolio, project: Project | None, change: ChangeRequest) -> Iterator[Diagnostic]:
    src = change.src
    if src.has("requested_by"):
        yield from person_findings(portfolio, change.requested_by, src.at("requested_by"), "requested_by")
    decision = src.child("decision")
    if decision.has("approver"):
        yield from person_findings(portfolio, change.approver, decision.at("approver"), "approver")
    if change.status in DECIDED and (change.approver is None or change.decided is None):
        missing = " and ".join(
            name for name, value in (("approver", change.approver), ("date", change.decided)) if not value
        )
        message = f"{change.id} is {change.status} but its decision has no {missing}"
        yield Diagnostic.at(decision.at("status"), "PM620", message)
    if change.decided is not None and change.raised is not None and change.decided < change.raised:
        message = f"{change.id} was decided on {change.decided} but raised on {change.raised}"
        yield Diagnostic.at(decision.at("date"), "PM621", message)
    if project is not None:
        for n, ref in enumerate(change.tasks):
            yield from _task_findings(portfolio, project, ref, src.child("impact", "tasks", n))


def _task_findings(portfolio: Portfolio, project: Project, ref: str, src: Src) -> Iterator[Diagnostic]:
    """PM692, worded as the plan's unknown-task finding (PM202) with its 'did you mean'."""
    if resolve_task(portfolio, project, ref, "") is not None:
        return
    from pmcode.validate.rules.references import _Checker  # local: pmcode.validate runs these rules

    checker = _Checker(portfolio)
    checker.task(project, ref, src.at)
    for finding in checker.findings:
        yield dataclasses.replace(finding, code="PM692")


def baseline_findings(project: Project, changes: tuple[ChangeRequest, ...]) -> Iterator[Diagnostic]:
    """PM622/PM623 for each change request the project's baseline names."""
    baseline = project.baseline
    if baseline is None:
        return
    by_id = {change.id: change for change in changes}
    raw = baseline.src.raw("change")
    for n, name in enumerate(named_changes(raw)):
        loc = baseline.src.at("change", n) if isinstance(raw, list) else baseline.src.at("change")
        change = by_id.get(name)
        if change is None:
            hint = did_you_mean(name, by_id) if by_id else f": {project.id}/changes/ holds no change requests"
            yield Diagnostic.at(
                loc, "PM622", f"the baseline names {quote(name)}, not a change request of {quote(project.id)}{hint}"
            )
        elif not change.is_approved:
            message = f"the baseline names {quote(name)}, which is {change.status}, not approved"
            yield Diagnostic.at(loc, "PM623", message)
