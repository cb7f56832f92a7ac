"""The site's Status reports page (portfolio/status.md): per project, the reports' history with the grades each
published, a trend table of those grades ending with today's computed ones, and the latest report itself.

The grades of past reports are the ones they recorded (`rag` in status/YYYY-MM-DD.yaml): a past report cannot be
recomputed from today's data. The last column, "now", is computed at the status date exactly as
`pmcode report status` computes it. Every data string reaches the page through the autoescaped template; grades are
an icon and a word besides their colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pmcode.check.rag import ICONS, LABELS, Rag
from pmcode.model import Portfolio
from pmcode.records.context import RecordContext
from pmcode.records.status.checks import cadence_of, next_due
from pmcode.records.status.model import DIMENSIONS, StatusReport, pick_report
from pmcode.records.status.report import StatusData, status_data
from pmcode.render.site_figures import SiteFigures
from pmcode.render.site_pages import _environment, project_page_stem
from pmcode.render.status_report import report_view

PAGE = "status.md"


@dataclass(frozen=True, slots=True)
class Cell:
    """One grade in the trend table: the level recorded (or computed), and whether it was an override."""

    level: str
    override: bool

    @property
    def icon(self) -> str:
        return ICONS.get(self.level, ICONS["none"])

    @property
    def label(self) -> str:
        return LABELS.get(self.level, LABELS["none"])


@dataclass(frozen=True, slots=True)
class HistoryRow:
    date: str
    period: str
    audience: str
    author: str
    overall: Cell | None  # the worst recorded grade; None when the report recorded none
    summary: str
    file: str


@dataclass(frozen=True, slots=True)
class ProjectStatus:
    id: str
    page: str
    name: str
    cadence: str
    latest: str  # the latest report's date, or ""
    next_due: str
    overdue: bool
    dates: tuple[str, ...]  # the trend's columns, oldest first
    trend: tuple[tuple[str, tuple[Cell | None, ...], Rag], ...]  # dimension, recorded per report, computed now
    history: tuple[HistoryRow, ...]  # newest first
    current: StatusData  # the latest report with today's figures


def _recorded(report: StatusReport, dimension: str) -> Cell | None:
    grade = report.grade(dimension)
    return Cell(grade.level, grade.is_override) if grade is not None else None


def _overall(report: StatusReport) -> Cell | None:
    cells = [c for d in DIMENSIONS if (c := _recorded(report, d)) is not None]
    order = {"none": 0, "green": 1, "amber": 2, "red": 3}
    return max(cells, key=lambda c: order.get(c.level, 0)) if cells else None


def _name(portfolio: Portfolio, who: str | None) -> str:
    person = portfolio.people.get(who) if who else None
    return (person.name or person.id) if person else (who or "")


def project_status(portfolio: Portfolio, context: RecordContext, project_id: str) -> ProjectStatus:
    project = portfolio.projects[project_id]
    reports = tuple(r for r in portfolio.records.status.get(project_id, ()) if r.date is not None)
    as_of = context.as_of(project_id)
    latest = pick_report(reports, None, as_of)
    cadence = cadence_of(portfolio, project)
    due: date | None = next_due(latest.date, cadence) if latest is not None and latest.date is not None else None
    data = status_data(context, project_id, latest)
    trend = tuple(
        (dimension.capitalize(), tuple(_recorded(r, dimension) for r in reports), data.computed.of(dimension))
        for dimension in DIMENSIONS
    )
    history = tuple(
        HistoryRow(
            date=r.name,
            period=f"{r.period_from} to {r.period_to}" if r.period_from and r.period_to else "",
            audience=r.audience,
            author=_name(portfolio, r.author or project.manager),
            overall=_overall(r),
            summary=r.summary,
            file=r.src.file,
        )
        for r in reversed(reports)
    )
    return ProjectStatus(
        id=project_id,
        page=project_page_stem(project_id),
        name=project.name,
        cadence=cadence,
        latest=latest.name if latest is not None else "",
        next_due=due.isoformat() if due else "",
        overdue=due is not None and as_of is not None and as_of > due and project.status == "active",
        dates=tuple(r.name for r in reports),
        trend=trend,
        history=history,
        current=data,
    )


def status_page(portfolio: Portfolio, figures: SiteFigures) -> str | None:
    """The page's Markdown, or None when the portfolio has no such records (no page, no menu entry)."""
    if not portfolio.records.status:
        return None
    context = RecordContext(
        portfolio, figures.schedule, figures.finance, figures.variance.projects, figures.check.diagnostics
    )
    projects = [
        project_status(portfolio, context, pid) for pid in portfolio.records.status if pid in portfolio.projects
    ]
    template = _environment().get_template("status.md.j2")
    views = {p.id: report_view(p.current) for p in projects}
    return template.render(portfolio=portfolio, projects=projects, views=views)
