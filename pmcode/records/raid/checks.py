"""RAID log: `pmcode check` findings, judged at the status date.

Each project's log is judged at that project's status date (`RecordContext.as_of`). Without one nothing is late:
only a high risk with no open action at all is reported then.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from pmcode.diagnostics import Diagnostic
from pmcode.records.common import Action
from pmcode.records.context import RecordContext
from pmcode.records.raid.model import HIGH_SCORE, RaidLog, RaidRisk
from pmcode.text import quote


def checks(context: RecordContext) -> Iterator[Diagnostic]:
    for project, log in context.portfolio.records.raid.items():
        yield from _log(log, context.as_of(project))


def _log(log: RaidLog, as_of: date | None) -> Iterator[Diagnostic]:
    for risk in log.risks:
        what = f"risk {quote(risk.id)}"
        if risk.is_open:
            yield from _high_without_action(risk, as_of)
            yield from _stale(risk, log.review_days, as_of)
        yield from _overdue_actions(what, risk.actions, as_of)
    if as_of is None:
        return
    for assumption in log.assumptions:
        if assumption.is_open and assumption.validate_by is not None and assumption.validate_by < as_of:
            days = (as_of - assumption.validate_by).days
            message = (
                f"assumption {quote(assumption.id)} is still open {days} days after its validate_by date "
                f"{assumption.validate_by.isoformat()}"
            )
            yield Diagnostic.at(assumption.src.at("validate_by"), "PM615", message)
    for issue in log.issues:
        if issue.is_open and issue.due is not None and issue.due < as_of:
            days = (as_of - issue.due).days
            message = f"issue {quote(issue.id)} ({issue.priority}) is {issue.status} {days} days after its due date"
            yield Diagnostic.at(issue.src.at("due"), "PM616", message)
        yield from _overdue_actions(f"issue {quote(issue.id)}", issue.actions, as_of)


def _high_without_action(risk: RaidRisk, as_of: date | None) -> Iterator[Diagnostic]:
    score = risk.score
    if score is None or score < HIGH_SCORE:
        return
    open_actions = [a for a in risk.actions if a.is_open]
    if any(not a.overdue(as_of) for a in open_actions):
        return
    why = "has no open action" if not open_actions else f"every open action is overdue ({len(open_actions)})"
    message = (
        f"risk {quote(risk.id)} scores {score} (probability {risk.probability} x impact {risk.impact}, high from "
        f"{HIGH_SCORE}) but {why}"
    )
    yield Diagnostic.at(risk.src.at("probability"), "PM612", message)


def _stale(risk: RaidRisk, review_days: int, as_of: date | None) -> Iterator[Diagnostic]:
    reviewed = risk.last_review or risk.raised
    if as_of is None or reviewed is None or (as_of - reviewed).days <= review_days:
        return
    field = "last_review" if risk.last_review is not None else "raised"
    message = (
        f"risk {quote(risk.id)} was last reviewed {(as_of - reviewed).days} days ago "
        f"({field} {reviewed.isoformat()}), more than the review period of {review_days} days"
    )
    yield Diagnostic.at(risk.src.at(field), "PM614", message)


def _overdue_actions(what: str, actions: tuple[Action, ...], as_of: date | None) -> Iterator[Diagnostic]:
    for action in actions:
        if action.overdue(as_of) and as_of is not None and action.due is not None:
            days = (as_of - action.due).days
            message = (
                f"action {quote(action.title)} of {what} is {action.status} {days} days after its due date "
                f"{action.due.isoformat()}"
            )
            yield Diagnostic.at(action.src.at("due"), "PM613", message)
