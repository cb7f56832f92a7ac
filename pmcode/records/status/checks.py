"""Status reports: `pmcode check` findings, judged at the status date.

PM631: the latest report is older than the project's cadence allows. Only projects that keep status reports (or
set a cadence) are held to one, and only while active: a plan without a status/ folder is not a late reporter.
PM632: the report dated the status date records a grade that is not the computed one, without an override.
Older reports are history: they keep the grades they published and are never recomputed.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date, timedelta

from pmcode.diagnostics import Diagnostic
from pmcode.model import Portfolio, Project
from pmcode.records.changes import checks as changes_checks
from pmcode.records.context import RecordContext
from pmcode.records.requirements import checks as requirements_checks
from pmcode.records.status.codes import CADENCE_DAYS, DEFAULT_CADENCE
from pmcode.records.status.model import StatusReport, pick_report


def cadence_of(portfolio: Portfolio, project: Project) -> str:
    return project.reporting or portfolio.reporting or DEFAULT_CADENCE


def next_due(last: date, cadence: str) -> date:
    """The date the report after one of `last` is due: a week, two weeks, or a calendar month later (the 31st
    becomes the month's last day)."""
    if cadence in CADENCE_DAYS:
        return last + timedelta(days=CADENCE_DAYS[cadence])
    year, month = (last.year + 1, 1) if last.month == 12 else (last.year, last.month + 1)
    return date(year, month, min(last.day, calendar.monthrange(year, month)[1]))


def checks(context: RecordContext) -> Iterator[Diagnostic]:
    portfolio = context.portfolio
    scope_findings: list[Diagnostic] | None = None
    for project in portfolio.projects.values():
        reports = portfolio.records.status.get(project.id, ())
        as_of = context.as_of(project.id)
        if as_of is None:
            continue
        yield from _overdue(portfolio, project, reports, as_of)
        latest = pick_report(reports, None, as_of)
        if latest is None or latest.date != as_of or not latest.rag or context.schedule is None:
            continue
        if scope_findings is None:  # records checks do not see each other's findings: scope needs these two
            scope_findings = [*requirements_checks.checks(context), *changes_checks.checks(context)]
        yield from _recorded(context, project, latest, [*context.findings, *scope_findings])


def _overdue(
    portfolio: Portfolio, project: Project, reports: tuple[StatusReport, ...], as_of: date
) -> Iterator[Diagnostic]:
    if project.status != "active" or (not reports and project.reporting is None):
        return
    cadence = cadence_of(portfolio, project)
    latest = pick_report(reports, None, as_of)
    if latest is not None and latest.date is not None:
        due = next_due(latest.date, cadence)
        if as_of > due:
            message = (
                f"the latest status report is of {latest.date}: with a {cadence} cadence the next was due on {due} "
                f"({(as_of - due).days} days before the status date {as_of}); write status/{as_of}.yaml"
            )
            yield Diagnostic.at(latest.src.at(), "PM631", message)
        return
    due = next_due(project.start, cadence)
    if as_of > due:
        message = (
            f"no status report yet: with a {cadence} cadence from the start ({project.start}) the first was due "
            f"on {due}; write status/{as_of}.yaml"
        )
        loc = project.src.at("reporting") if project.src.has("reporting") else project.src.at("start")
        yield Diagnostic.at(loc, "PM631", message)


def _recorded(
    context: RecordContext, project: Project, report: StatusReport, findings: list[Diagnostic]
) -> Iterator[Diagnostic]:
    from pmcode.records.status.grades import compute_grades  # pmcode.check runs this check: import when run

    figures = next((f for f in context.variance if f.id == project.id), None)
    indicators = figures.indicators if figures is not None else None
    grades = compute_grades(context.portfolio, project, findings, context.schedule, context.finance, indicators)
    for recorded in report.rag:
        if recorded.is_override:
            continue
        computed = grades.of(recorded.dimension)
        if recorded.level != computed.level:
            message = (
                f"{recorded.dimension} is recorded {recorded.level} but computed {computed.level} "
                f"({computed.reason}) at {report.date}; record {computed.level}, or override it with a level and "
                f"a justification"
            )
            yield Diagnostic.at(recorded.src.at(), "PM632", message)
