"""Status reports: validation rules (references and consistency; nothing judged against a date).

PM630: the file name is a calendar date, and the period runs forwards and ends by the report's date.
PM690: the author is a person id of people.yaml or a full name.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmcode.diagnostics import Diagnostic
from pmcode.model import Portfolio
from pmcode.records.common import person_findings
from pmcode.text import quote


def rules(portfolio: Portfolio) -> Iterator[Diagnostic]:
    for reports in portfolio.records.status.values():
        for report in reports:
            src = report.src
            if report.date is None:
                message = f"status report {quote(report.name)} is not named after a calendar date, e.g. 2026-11-20"
                yield Diagnostic.at(src.at(), "PM630", message)
            if report.period_from and report.period_to and report.period_from > report.period_to:
                message = f"the period runs backwards: from {report.period_from} to {report.period_to}"
                yield Diagnostic.at(src.at("period", "from"), "PM630", message)
            elif report.date and report.period_to and report.period_to > report.date:
                message = (
                    f"the period ends on {report.period_to}, after the report's date {report.date} (its file name)"
                )
                yield Diagnostic.at(src.at("period", "to"), "PM630", message)
            yield from person_findings(portfolio, report.author, src.at("author"), "author")
