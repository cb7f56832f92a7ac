"""Meetings: `pmcode check` findings, judged at the status date."""

from __future__ import annotations

from collections.abc import Iterator

from pmcode.diagnostics import Diagnostic
from pmcode.records.context import RecordContext
from pmcode.text import plural, quote


def checks(context: RecordContext) -> Iterator[Diagnostic]:
    for meeting in context.portfolio.records.meetings:
        as_of = context.as_of(meeting.project)  # a root meeting: the portfolio's status date
        for action in meeting.actions:
            if as_of is not None and action.due is not None and action.overdue(as_of):
                late = plural((as_of - action.due).days, "day")
                message = (
                    f"action {quote(action.title)} of meeting {quote(meeting.title)} was due {action.due}: "
                    f"{late} overdue at {as_of}"
                )
                yield Diagnostic.at(action.src.at("due"), "PM641", message)
