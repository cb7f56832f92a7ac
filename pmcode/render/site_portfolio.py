"""The portfolio dashboard (portfolio/index.md): its view model, and the page from portfolio.md.j2.

One row per project, worst first: schedule and cost red/amber/green (site_rag.py), forecast finish against the
baseline's with the slip in working days, EAC against BAC, open findings linked to the project page's findings;
then the milestones due in the 30 days after each project's status date, the portfolio's budget by fiscal year
against the annual envelopes, the timeline of all projects, and every finding. Everything shown is computed
once per build (site_figures.SiteFigures) and reaches the page only through the autoescaped template.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from markupsafe import Markup

from pmcode.check.limits import thresholds_of
from pmcode.check.money import CENT
from pmcode.check.slip import slip_days
from pmcode.cost import ProjectFinance
from pmcode.diagnostics import Diagnostic, Severity
from pmcode.model import Portfolio, Project
from pmcode.render.charts import baseline_dates, baseline_span, portfolio_timeline_svg
from pmcode.render.site_figures import SiteFigures
from pmcode.render.site_pages import _environment, project_page_stem
from pmcode.render.site_people import person_href
from pmcode.render.site_rag import Rag, cost_rag, schedule_rag
from pmcode.schedule import ProjectSchedule
from pmcode.schedule.calendars import Calendars
from pmcode.variance import ProjectVariance

if TYPE_CHECKING:  # site_records' pages import from this module
    from pmcode.render.site_records import RecordRow

MILESTONE_WINDOW_DAYS = 30
FINDINGS_ANCHOR = "findings"  # the project page's findings section: `## Findings`


@dataclass(frozen=True, slots=True)
class ProjectRow:
    id: str
    page: str  # the project page's file stem
    name: str
    manager: str
    manager_href: str | None  # the manager's person page
    status: str
    schedule: Rag
    cost: Rag
    baseline_finish: str
    forecast_finish: str
    slip: str  # "+3.5 d", "on time", or "" without a baseline
    late: bool
    bac: str
    eac: str
    vac_pct: str  # EAC over BAC, "+12.0%"
    over: bool  # EAC above BAC
    progress: str
    findings: int
    errors: int

    @property
    def worst(self) -> str:
        """The colour of the worse of the two grades: the row's marker."""
        return max((self.schedule, self.cost), key=lambda rag: rag.rank).level


@dataclass(frozen=True, slots=True)
class MilestoneRow:
    due: str
    project: str
    page: str
    name: str
    baseline: str
    slip: str
    late: bool


@dataclass(frozen=True, slots=True)
class YearRow:
    year: str
    budget: str
    forecast: str
    actual: str
    envelope: str  # the sum of the envelopes of the projects that set one for the year
    enveloped: int  # how many projects set one
    over: bool  # the portfolio's forecast above its budget for the year
    over_envelope: tuple[str, ...]  # the projects whose forecast is above their envelope (PM534), by name


def _money(amount: float | None) -> str:
    return "" if amount is None else f"{amount:,.0f}"


def _day(moment: datetime | date | None) -> str:
    return "" if moment is None else moment.date().isoformat() if isinstance(moment, datetime) else moment.isoformat()


def _folder(project: Project) -> str:
    return project.src.file.rsplit("/", 1)[0] + "/"


def project_findings(portfolio: Portfolio, findings: Sequence[Diagnostic]) -> dict[str, list[Diagnostic]]:
    """The findings located in each project's folder (the rest are portfolio-wide)."""
    folders = {_folder(project): project.id for project in portfolio.projects.values()}
    by_project: dict[str, list[Diagnostic]] = {pid: [] for pid in portfolio.projects}
    for finding in findings:
        folder = finding.file.rsplit("/", 1)[0] + "/"
        owner = folders.get(folder)
        if owner is None and "/actuals/" in finding.file:
            owner = folders.get(finding.file.split("/actuals/", 1)[0] + "/")
        if owner is not None:
            by_project[owner].append(finding)
    return by_project


def _finish_slip(calendars: Calendars, project: Project, planned: ProjectSchedule | None) -> float | None:
    if project.baseline is None or planned is None or planned.finish is None:
        return None
    span = baseline_span(project.baseline)
    finish = datetime.fromisoformat(project.baseline.finish) if project.baseline.finish else span[1] if span else None
    return None if finish is None else slip_days(calendars, project, finish, planned.finish)


def _progress(planned: ProjectSchedule | None) -> str:
    if planned is None:
        return ""
    top = [t for t in planned.tasks if t.depth == 0 and t.percent_complete is not None]
    if not top:
        return ""
    hours = [max((t.finish - t.start).total_seconds(), 1.0) if t.start and t.finish else 1.0 for t in top]
    done = sum(h * (t.percent_complete or 0.0) for h, t in zip(hours, top, strict=True)) / sum(hours)
    return f"{done:.0f}%"


def _money_figures(
    variance: ProjectVariance | None, finance: ProjectFinance | None
) -> tuple[float | None, float | None]:
    """BAC and EAC: earned value's where it has them, else the finance view's budget and forecast."""
    ind = variance.indicators if variance is not None else None
    if ind is not None and ind.eac is not None:
        return ind.bac, ind.eac
    if finance is not None and abs(finance.total.total.budget) >= 0.005:
        return finance.total.total.budget, finance.total.total.forecast
    return None, None


def project_rows(portfolio: Portfolio, data: SiteFigures) -> list[ProjectRow]:
    calendars = Calendars(portfolio)
    schedules = {p.id: p for p in data.schedule.projects}
    variances = {p.id: p for p in data.variance.projects}
    finances = {p.project: p for p in data.finance.projects}
    by_project = project_findings(portfolio, data.check.diagnostics)
    rows = []
    for project in portfolio.projects.values():
        planned = schedules.get(project.id)
        slip = _finish_slip(calendars, project, planned)
        bac, eac = _money_figures(variances.get(project.id), finances.get(project.id))
        over_pct = (eac - bac) / bac * 100 if bac and eac is not None else None
        thresholds = thresholds_of(portfolio, project)
        found = by_project[project.id]
        manager = portfolio.people.get(project.manager) if project.manager else None
        span = baseline_span(project.baseline)
        base_finish = (
            project.baseline.finish[:10]
            if project.baseline and project.baseline.finish
            else _day(span[1] if span else None)
        )
        rows.append(
            ProjectRow(
                id=project.id,
                page=project_page_stem(project.id),
                name=project.name,
                manager=manager.name if manager else (project.manager or ""),
                manager_href=person_href(manager.id, "people/") if manager else None,
                status=project.status,
                schedule=schedule_rag(found, thresholds, slip),
                cost=cost_rag(found, thresholds, over_pct),
                baseline_finish=base_finish,
                forecast_finish=_day(planned.finish if planned else None),
                slip="" if slip is None else "on time" if round(slip, 1) <= 0 else f"+{slip:.1f} d",
                late=slip is not None and round(slip, 1) > 0,
                bac=_money(bac),
                eac=_money(eac),
                vac_pct="" if over_pct is None else f"{over_pct:+.1f}%",
                over=over_pct is not None and round(over_pct, 1) > 0,
                progress=_progress(planned),
                findings=sum(1 for f in found if f.severity is not Severity.INFO),
                errors=sum(1 for f in found if f.severity is Severity.ERROR),
            )
        )
    return sorted(rows, key=lambda row: (-max(row.schedule.rank, row.cost.rank), -row.schedule.rank, row.id))


def milestone_rows(portfolio: Portfolio, data: SiteFigures, days: int = MILESTONE_WINDOW_DAYS) -> list[MilestoneRow]:
    """Milestones not yet reached whose forecast falls in the `days` after their project's status date."""
    calendars = Calendars(portfolio)
    rows = []
    for planned in data.schedule.projects:
        project = portfolio.projects.get(planned.id)
        status = portfolio.status_date_of(project) if project else None
        if project is None or status is None:
            continue
        baseline = baseline_dates(project.baseline)
        for task in planned.tasks:
            if not task.milestone or task.finish is None or task.actual_finish is not None:
                continue
            if not status < task.finish.date() <= status + timedelta(days=days):
                continue
            base = baseline.get(task.path)
            slip = slip_days(calendars, project, base[1], task.finish) if base else None
            rows.append(
                MilestoneRow(
                    due=task.finish.date().isoformat(),
                    project=project.name,
                    page=project_page_stem(project.id),
                    name=task.name,
                    baseline=_day(base[1]) if base else "",
                    slip="" if slip is None else "on time" if round(slip, 1) <= 0 else f"+{slip:.1f} d",
                    late=slip is not None and round(slip, 1) > 0,
                )
            )
    return sorted(rows, key=lambda row: (row.due, row.page, row.name))


def year_rows(portfolio: Portfolio, data: SiteFigures) -> list[YearRow]:
    """The portfolio's money per fiscal year, and the annual envelopes of the projects that set one: a project over
    its envelope is named as PM534 judges it (a side the envelope leaves out is not limited)."""
    envelopes: dict[str, tuple[float, int]] = {}
    over_envelope: dict[str, list[str]] = {}
    for view in data.finance.projects:
        project = portfolio.projects.get(view.project)
        for check in view.envelopes:
            total, count = envelopes.get(check.fiscal_year, (0.0, 0))
            envelopes[check.fiscal_year] = (total + check.capex_envelope + check.opex_envelope, count + 1)
            if project is None or project.budget is None:
                continue
            sides = project.budget.src.child("annual", check.fiscal_year)
            if any(
                over > CENT and sides.has(side)
                for side, over in (("capex", check.capex_over), ("opex", check.opex_over))
            ):
                over_envelope.setdefault(check.fiscal_year, []).append(project.name)
    rows = []
    for year, figures in data.finance.total.years:
        envelope, count = envelopes.get(year, (None, 0))
        rows.append(
            YearRow(
                year=year,
                budget=_money(figures.budget),
                forecast=_money(figures.forecast),
                actual=_money(figures.actual),
                envelope=_money(envelope),
                enveloped=count,
                over=round(figures.forecast - figures.budget, 2) > 0,
                over_envelope=tuple(sorted(over_envelope.get(year, []))),
            )
        )
    return rows


# PM305 (pmcode/schedule/forward.py): a duration task's assignee could not be booked for all its planned hours.
_SHORT = re.compile(r"'(?P<person>[^']+)' has room for (?P<room>\d+) of the (?P<planned>\d+) hours planned on ")


@dataclass(frozen=True, slots=True)
class ShortRow:
    """A person whose planned work does not fit: the hours the schedule could not book, over how many tasks."""

    name: str
    href: str
    hours: int
    tasks: int


def short_of_time(portfolio: Portfolio, findings: Sequence[Diagnostic]) -> list[ShortRow]:
    """The people who are overloaded in a leveled plan: leveling never books anyone above their units, so
    overload shows as planned hours on fixed-length tasks that found no room (PM305). Most hours first."""
    hours: dict[str, int] = {}
    tasks: dict[str, int] = {}
    for finding in findings:
        match = _SHORT.match(finding.message) if finding.code == "PM305" else None
        if match is None or match["person"] not in portfolio.people:
            continue
        person = match["person"]
        hours[person] = hours.get(person, 0) + int(match["planned"]) - int(match["room"])
        tasks[person] = tasks.get(person, 0) + 1
    rows = [ShortRow(portfolio.people[p].name or p, person_href(p, "people/"), hours[p], tasks[p]) for p in hours]
    return sorted(rows, key=lambda row: (-row.hours, row.name))


def portfolio_page(portfolio: Portfolio, data: SiteFigures, records: Sequence[RecordRow] = ()) -> str:
    """The dashboard. `records`: the records pages written beside it (site_records.record_rows)."""
    rows = project_rows(portfolio, data)
    baselines = {pid: span for pid, p in portfolio.projects.items() if (span := baseline_span(p.baseline))}
    # The chart renderer escapes every data string itself (pmcode.render.charts.svg): its output is markup.
    timeline = Markup(portfolio_timeline_svg(data.schedule, baselines=baselines, status_date=portfolio.status_date))  # noqa: S704
    template = _environment().get_template("portfolio.md.j2")
    return template.render(
        portfolio=portfolio,
        rows=rows,
        late=[row for row in rows if row.schedule.level == "red" or row.late],
        over=[row for row in rows if row.cost.level == "red" or row.over],
        short=short_of_time(portfolio, data.check.diagnostics),
        milestones=milestone_rows(portfolio, data),
        window=MILESTONE_WINDOW_DAYS,
        years=year_rows(portfolio, data),
        currency=portfolio.currency,
        timeline=timeline,
        findings=data.check.diagnostics,
        anchor=FINDINGS_ANCHOR,
        records=records,
    )
