"""Meetings: validation rules (references and consistency; nothing judged against a date)."""

from __future__ import annotations

from collections.abc import Iterator

from pmcode.diagnostics import Diagnostic
from pmcode.model import Portfolio
from pmcode.model.types import Src
from pmcode.records.common import Action, person_findings, project_findings
from pmcode.records.meetings.model import Meeting
from pmcode.text import quote


def rules(portfolio: Portfolio) -> Iterator[Diagnostic]:
    for meeting in portfolio.records.meetings:
        yield from _references(portfolio, meeting)
        for action in meeting.actions:
            yield from action_findings(portfolio, action, "PM640", "action")
        yield from _apologies(meeting)


def _people(portfolio: Portfolio, src: Src, field: str, role: str) -> Iterator[Diagnostic]:
    """PM690 for each entry of a list of people as written (positions are the list's)."""
    listed = src.raw(field)
    for n, who in enumerate(listed if isinstance(listed, list) else ()):
        yield from person_findings(portfolio, who, src.at(field, n), role)


def _references(portfolio: Portfolio, meeting: Meeting) -> Iterator[Diagnostic]:
    src = meeting.src
    listed = src.raw("projects")
    for n, project in enumerate(listed if isinstance(listed, list) else ()):
        yield from project_findings(portfolio, project, src.at("projects", n))
    if meeting.chair is not None:
        yield from person_findings(portfolio, meeting.chair, src.at("chair"), "chair")
    yield from _people(portfolio, src, "attendees", "attendee")
    yield from _people(portfolio, src, "apologies", "absentee")
    for decision in meeting.decisions:
        yield from _people(portfolio, decision.src, "decided_by", "decision maker")


def action_findings(portfolio: Portfolio, action: Action, code: str, what: str) -> Iterator[Diagnostic]:
    """An action's owner (PM690), and `code` when an open one lacks an owner or a due date. Shared with the
    corrective actions of audit findings (pmcode.records.quality.rules)."""
    if action.owner is not None:
        yield from person_findings(portfolio, action.owner, action.src.at("owner"))
    if not action.is_open or (action.owner is not None and action.due is not None):
        return
    if action.owner is None and action.due is None:
        lacks = "neither an owner nor a due date"
    else:
        lacks = "no owner" if action.owner is None else "no due date"
    yield Diagnostic.at(action.src.at(), code, f"open {what} {quote(action.title)} has {lacks}")


def _apologies(meeting: Meeting) -> Iterator[Diagnostic]:
    came = set(meeting.attendees)
    apologies = meeting.src.raw("apologies")
    for n, who in enumerate(apologies if isinstance(apologies, list) else ()):
        if who in came:
            yield Diagnostic.at(
                meeting.src.at("apologies", n), "PM642", f"{quote(who)} is both an attendee and in apologies"
            )
