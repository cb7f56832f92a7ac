"""Disaster recovery and security: `pmcode check` findings, judged at the portfolio's status date (systems and
controls belong to operations, not to one project). Without a status date nothing is overdue; targets missed
and evidence missing are judged regardless."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from pmcode.diagnostics import Diagnostic
from pmcode.records.context import RecordContext
from pmcode.records.operations import assess
from pmcode.records.operations.model import DrPlan, SecurityPlan
from pmcode.text import quote


def checks(context: RecordContext) -> Iterator[Diagnostic]:
    records = context.portfolio.records
    as_of = context.as_of()
    if records.dr is not None:
        yield from _dr(records.dr, as_of)
    if records.security is not None:
        yield from _security(records.security, as_of)


def _dr(plan: DrPlan, as_of: date | None) -> Iterator[Diagnostic]:
    for system in plan.systems:
        name = quote(system.id)
        state = assess.recency(plan, system, as_of)
        if state.overdue and as_of is not None:
            if state.last is not None:
                message = (
                    f"tier {system.tier} system {name} was last tested {state.last.isoformat()} ({state.days_since} "
                    f"days before {as_of.isoformat()}); its tier requires a test every {state.months} months "
                    f"(due {state.due.isoformat() if state.due else '?'}): schedule a DR test"
                )
            else:
                since = f" (in service since {system.in_service.isoformat()})" if system.in_service else ""
                message = (
                    f"tier {system.tier} system {name} has never been tested{since}; its tier requires a test "
                    f"every {state.months} months: schedule a DR test"
                )
            yield Diagnostic.at(system.src.at("tier"), "PM670", message)
        latest = assess.latest_test(plan, system.id)
        if latest is not None:
            test, tested = latest
            for code, what, achieved, target in (
                ("PM671", "RTO", tested.achieved_rto, assess.target_rto(plan, system)),
                ("PM672", "RPO", tested.achieved_rpo, assess.target_rpo(plan, system)),
            ):
                if assess.missed(achieved, target):
                    assert achieved is not None and target is not None
                    field = "achieved_rto" if what == "RTO" else "achieved_rpo"
                    message = (
                        f"DR test {quote(test.id)} ({test.date.isoformat()}) achieved {what} {achieved.text} for "
                        f"{name}, above its target {target.text}: the DR plan does not meet its target; fix the "
                        "recovery and re-test, or agree a looser target"
                    )
                    yield Diagnostic.at(tested.src.at(field), code, message)
        if assess.lacks_offsite(system):
            where = system.backup.src.at_key_or_self("offsite") if system.backup else system.src.at("id")
            message = f"tier {system.tier} system {name} has no off-site backup copy: add one and record where"
            yield Diagnostic.at(where, "PM673", message)
        if system.backup is not None and assess.backup_too_rare(plan, system):
            rpo = assess.target_rpo(plan, system)
            frequency = system.backup.frequency
            assert rpo is not None and frequency is not None
            message = (
                f"system {name} is backed up every {frequency.text}, less often than its RPO {rpo.text} allows: "
                "back up more often or agree a looser RPO"
            )
            yield Diagnostic.at(system.backup.src.at("frequency"), "PM675", message)
    for test in plan.tests:
        for action in test.actions:
            if action.overdue(as_of) and action.due is not None and as_of is not None:
                message = (
                    f"follow-up action {quote(action.title)} of DR test {quote(test.id)} was due "
                    f"{action.due.isoformat()} and is still {action.status}: close it or agree a new date"
                )
                yield Diagnostic.at(action.src.at("due"), "PM674", message)


def _security(plan: SecurityPlan, as_of: date | None) -> Iterator[Diagnostic]:
    for control in plan.controls:
        name = f"{quote(control.framework)} control {quote(control.id)}"
        if control.status == "implemented" and not control.evidence:
            message = f"{name} is implemented but lists no evidence: add evidence or set it to partial or planned"
            yield Diagnostic.at(control.src.at("status"), "PM678", message)
        if assess.review_overdue(control, as_of) and as_of is not None:
            due = assess.review_due(control)
            if control.last_review is not None and due is not None:
                message = (
                    f"{name} was last reviewed {control.last_review.isoformat()}; a review every "
                    f"{control.review_every_months} months was due {due.isoformat()}: review it"
                )
                yield Diagnostic.at(control.src.at("last_review"), "PM677", message)
            else:
                message = f"{name} has never been reviewed: review it and set last_review"
                yield Diagnostic.at(control.src.at("id"), "PM677", message)
    for exception in plan.exceptions:
        if assess.expired(exception, as_of) and exception.expires is not None:
            message = (
                f"exception {quote(exception.id)} for control {quote(exception.control)} expired "
                f"{exception.expires.isoformat()} and is still open: meet the control and close it, or renew it"
            )
            yield Diagnostic.at(exception.src.at("expires"), "PM676", message)
