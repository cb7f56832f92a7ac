"""The site's DR and security page (operations.md): its view model, and the page from operations.md.j2.

Disaster recovery: per system its RTO and RPO targets against what the latest test achieved, how recently it was
tested against its tier's window, and how it is backed up; then the DR tests. Security: the implemented share of
each framework's applicable controls (a bar chart with the numbers), the reviews overdue, the exceptions with their
expiry, and every control with its evidence. Every judgment is pmcode.records.operations.assess's, the one
`pmcode check` makes, at the portfolio's status date. Data reaches the page only through the autoescaped
template; evidence links only through `safe_href`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from pmcode.model import Portfolio
from pmcode.records.operations import assess
from pmcode.records.operations.model import DrPlan, DrSystem, SecurityPlan, Span
from pmcode.render.charts.coverage import Coverage, coverage_svg
from pmcode.render.site_figures import SiteFigures
from pmcode.render.site_pages import _environment, project_page_stem, safe_href
from pmcode.render.site_people import person_href
from pmcode.render.site_rag import ICONS

PAGE = "operations.md"


@dataclass(frozen=True, slots=True)
class Mark:
    """A verdict shown as a coloured badge with an icon and a word: colour is never the only signal."""

    level: str  # red, amber, green, none (site_rag's CSS classes)
    word: str

    @property
    def icon(self) -> str:
        return ICONS[self.level]


@dataclass(frozen=True, slots=True)
class Who:
    name: str
    href: str | None


@dataclass(frozen=True, slots=True)
class Link:
    title: str
    href: str | None


@dataclass(frozen=True, slots=True)
class SystemRow:
    id: str
    name: str
    tier: int
    owner: Who | None
    project: Link | None
    rto: str  # target
    rpo: str
    achieved_rto: str
    achieved_rpo: str
    rto_missed: bool
    rpo_missed: bool
    test: str  # the latest test's id
    test_date: str
    verdict: Mark
    last: str
    days_since: str
    window: str
    due: str
    recency: Mark
    method: str
    frequency: str
    retention: str
    offsite: Mark
    offsite_location: str


@dataclass(frozen=True, slots=True)
class TestRow:
    id: str
    date: str
    type: str
    title: str
    systems: str
    result: Mark
    notes: str
    open_actions: int
    overdue_actions: int


@dataclass(frozen=True, slots=True)
class ControlRow:
    framework: str
    id: str
    title: str
    owner: Who | None
    status: Mark
    evidence: tuple[Link, ...]
    last_review: str
    due: str
    overdue: bool
    notes: str


@dataclass(frozen=True, slots=True)
class ExceptionRow:
    id: str
    control: str
    reason: str
    approved_by: Who | None
    granted: str
    expires: str
    state: Mark
    compensating: tuple[str, ...]


RESULTS = {"pass": Mark("green", "Pass"), "partial": Mark("amber", "Partial"), "fail": Mark("red", "Fail")}
STATUSES = {
    "implemented": Mark("green", "Implemented"),
    "partial": Mark("amber", "Partial"),
    "planned": Mark("none", "Planned"),
    "not-applicable": Mark("none", "Not applicable"),
}


def _day(day: date | None) -> str:
    return day.isoformat() if day else ""


def _text(span: Span | None) -> str:
    return span.text if span else ""


def _who(portfolio: Portfolio, who: str | None) -> Who | None:
    if who is None:
        return None
    person = portfolio.people.get(who)
    return Who(person.name, person_href(person.id, "people/")) if person else Who(who, None)


def _project(portfolio: Portfolio, project: str | None) -> Link | None:
    if project is None:
        return None
    known = portfolio.projects.get(project)
    return Link(known.name, f"{project_page_stem(project)}.html") if known else Link(project, None)


def _verdict(tested: bool, missed: bool, measured: bool) -> Mark:
    if not tested:
        return Mark("none", "Not tested")
    if missed:
        return Mark("red", "Missed")
    return Mark("green", "Met") if measured else Mark("none", "Not measured")


def _recency(state: assess.Recency) -> Mark:
    if state.months is None:
        return Mark("none", "No window")
    if state.overdue:
        return Mark("amber", "Overdue")
    return Mark("green", "Within window")


def _offsite(system: DrSystem) -> Mark:
    if system.backup is not None and system.backup.offsite:
        return Mark("green", "Yes")
    return Mark("amber", "No") if assess.lacks_offsite(system) else Mark("none", "No")


def system_rows(portfolio: Portfolio, plan: DrPlan, as_of: date | None) -> list[SystemRow]:
    rows = []
    for system in plan.systems:
        rto, rpo = assess.target_rto(plan, system), assess.target_rpo(plan, system)
        latest = assess.latest_test(plan, system.id)
        tested = latest[1] if latest else None
        achieved_rto = tested.achieved_rto if tested else None
        achieved_rpo = tested.achieved_rpo if tested else None
        rto_missed, rpo_missed = assess.missed(achieved_rto, rto), assess.missed(achieved_rpo, rpo)
        state = assess.recency(plan, system, as_of)
        backup = system.backup
        rows.append(
            SystemRow(
                id=system.id,
                name=system.name,
                tier=system.tier,
                owner=_who(portfolio, system.owner),
                project=_project(portfolio, system.project),
                rto=_text(rto),
                rpo=_text(rpo),
                achieved_rto=_text(achieved_rto),
                achieved_rpo=_text(achieved_rpo),
                rto_missed=rto_missed,
                rpo_missed=rpo_missed,
                test=latest[0].id if latest else "",
                test_date=latest[0].date.isoformat() if latest else "",
                verdict=_verdict(latest is not None, rto_missed or rpo_missed, bool(achieved_rto or achieved_rpo)),
                last=_day(state.last),
                days_since="" if state.days_since is None else str(state.days_since),
                window="" if state.months is None else f"{state.months} months",
                due=_day(state.due),
                recency=_recency(state),
                method=backup.method if backup else "",
                frequency=_text(backup.frequency) if backup else "",
                retention=_text(backup.retention) if backup else "",
                offsite=_offsite(system),
                offsite_location=backup.offsite_location if backup else "",
            )
        )
    return sorted(rows, key=lambda row: (row.tier, row.id))


def test_rows(plan: DrPlan, as_of: date | None) -> list[TestRow]:
    rows = [
        TestRow(
            id=test.id,
            date=test.date.isoformat(),
            type=test.type,
            title=test.title,
            systems=", ".join(t.system for t in test.systems),
            result=RESULTS[test.result],
            notes=test.notes,
            open_actions=sum(1 for a in test.actions if a.is_open),
            overdue_actions=sum(1 for a in test.actions if a.overdue(as_of)),
        )
        for test in plan.tests
    ]
    return sorted(rows, key=lambda row: (row.date, row.id), reverse=True)


def coverage(plan: SecurityPlan) -> list[Coverage]:
    return [
        Coverage(
            framework=framework.name,
            implemented=sum(1 for c in framework.controls if c.status == "implemented"),
            partial=sum(1 for c in framework.controls if c.status == "partial"),
            applicable=sum(1 for c in framework.controls if c.applicable),
        )
        for framework in plan.frameworks
    ]


def control_rows(portfolio: Portfolio, plan: SecurityPlan, as_of: date | None) -> list[ControlRow]:
    names = {framework.id: framework.name for framework in plan.frameworks}
    return [
        ControlRow(
            framework=names.get(control.framework, control.framework),
            id=control.id,
            title=control.title,
            owner=_who(portfolio, control.owner),
            status=STATUSES[control.status],
            evidence=tuple(Link(e.title, safe_href(e.url)) for e in control.evidence),
            last_review=_day(control.last_review),
            due=_day(assess.review_due(control)) if control.status in ("implemented", "partial") else "",
            overdue=assess.review_overdue(control, as_of),
            notes=control.notes,
        )
        for control in plan.controls
    ]


def exception_rows(portfolio: Portfolio, plan: SecurityPlan, as_of: date | None) -> list[ExceptionRow]:
    rows = []
    for exception in plan.exceptions:
        if not exception.is_open:
            state = Mark("none", "Closed")
        elif assess.expired(exception, as_of):
            state = Mark("red", "Expired")
        else:
            state = Mark("green", "In force")
        control = f"{exception.framework}: {exception.control}" if exception.framework else exception.control
        rows.append(
            ExceptionRow(
                id=exception.id,
                control=control,
                reason=exception.reason,
                approved_by=_who(portfolio, exception.approved_by),
                granted=_day(exception.granted),
                expires=_day(exception.expires),
                state=state,
                compensating=exception.compensating,
            )
        )
    return sorted(rows, key=lambda row: (row.expires or "9999", row.id))


def operations_page(portfolio: Portfolio, figures: SiteFigures) -> str | None:
    """The page's Markdown, or None when the portfolio has no such records (no page, no menu entry)."""
    dr, security = portfolio.records.dr, portfolio.records.security
    if dr is None and security is None:
        return None
    as_of = portfolio.status_date
    systems = system_rows(portfolio, dr, as_of) if dr else []
    controls = control_rows(portfolio, security, as_of) if security else []
    shares = coverage(security) if security else []
    return (
        _environment()
        .get_template("operations.md.j2")
        .render(
            as_of=_day(as_of),
            dr=dr is not None,
            security=security is not None,
            systems=systems,
            tests=test_rows(dr, as_of) if dr else [],
            missed=[row for row in systems if row.rto_missed or row.rpo_missed],
            untested=[row for row in systems if row.recency.word == "Overdue"],
            coverage=shares,
            chart=Markup(coverage_svg(shares)) if shares else "",  # noqa: S704 (the chart escapes its data)
            controls=controls,
            overdue=[row for row in controls if row.overdue],
            exceptions=exception_rows(portfolio, security, as_of) if security else [],
        )
    )
