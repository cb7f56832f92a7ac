"""Change control: `pmcode check` findings, judged at the status date.

PM625: a request waiting too long for a decision (a change board that does not decide lets the plan drift).
PM626: an approved change that should have been baselined but is not named by the baseline, so variance is still
measured against the plan before the change.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmcode.diagnostics import Diagnostic
from pmcode.records.changes.codes import PENDING_DAYS
from pmcode.records.changes.model import named_changes
from pmcode.records.context import RecordContext
from pmcode.text import plural, quote


def checks(context: RecordContext) -> Iterator[Diagnostic]:
    portfolio = context.portfolio
    for project_id, changes in portfolio.records.changes.items():
        as_of = context.as_of(project_id)
        project = portfolio.projects.get(project_id)
        baseline = project.baseline if project is not None else None
        named = set(named_changes(baseline.src.raw("change"))) if baseline is not None else set()
        for change in changes:
            decision = change.src.child("decision")
            if change.status == "proposed" and change.raised is not None and as_of is not None:
                waited = (as_of - change.raised).days
                if waited > PENDING_DAYS:
                    message = (
                        f"{change.id} has waited {plural(waited, 'day')} for a decision (raised {change.raised}, "
                        f"still proposed on {as_of}); decide it or withdraw it"
                    )
                    yield Diagnostic.at(decision.at("status"), "PM625", message)
            if change.is_approved and change.rebaseline and baseline is not None and change.id not in named:
                message = (
                    f"{change.id} was approved with rebaseline, but the baseline of {quote(project_id)} does not "
                    f"name it; save it with `pmcode baseline save --project {project_id} --change {change.id}`"
                )
                yield Diagnostic.at(decision.at("status"), "PM626", message)
