"""A project's red/amber/green grades computed from the data at its status date: what `pmcode report status`
shows and what `pmcode check` compares the latest report's recorded grades with (PM632). Pure.

Schedule and cost are graded as the portfolio dashboard grades them (pmcode.check.rag); scope from the
requirements and change-control findings and the change requests awaiting a decision; resources from the
over-allocation findings. The findings given must include the requirements and change-control checks' findings
(the status check runs them: records checks do not see each other's output).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from pmcode.check.limits import thresholds_of
from pmcode.check.rag import Rag, cost_rag, overall, resources_rag, schedule_rag, scope_rag
from pmcode.check.slip import slip_days
from pmcode.cost import PortfolioFinance
from pmcode.diagnostics import Diagnostic
from pmcode.evm import Indicators
from pmcode.model import Portfolio, Project
from pmcode.records.changes.model import PENDING
from pmcode.records.status.model import DIMENSIONS
from pmcode.schedule import ProjectSchedule, Schedule
from pmcode.schedule.calendars import Calendars


@dataclass(frozen=True, slots=True)
class Grades:
    """The computed grade of each dimension, in DIMENSIONS order, and the measures they came from."""

    schedule: Rag
    cost: Rag
    scope: Rag
    resources: Rag
    slip: float | None  # forecast finish after the baseline's, working days; None without a baseline
    bac: float | None  # budget at completion
    eac: float | None  # forecast at completion
    over_pct: float | None  # EAC over BAC in %

    def of(self, dimension: str) -> Rag:
        rag: Rag = getattr(self, dimension)
        return rag

    @property
    def overall(self) -> Rag:
        return overall(self.of(d) for d in DIMENSIONS)


def folder_of(project: Project) -> str:
    return project.src.file.rsplit("/", 1)[0] + "/"


def findings_of(project: Project, findings: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The findings located in the project's folder (its actuals, status reports and change requests too)."""
    folder = folder_of(project)
    return [f for f in findings if f.file.startswith(folder)]


def baseline_finish(project: Project) -> datetime | None:
    """The baseline's finish as saved, else its latest task finish."""
    baseline = project.baseline
    if baseline is None:
        return None
    try:
        if baseline.finish:
            return datetime.fromisoformat(baseline.finish)
        return max((datetime.fromisoformat(t.finish) for t in baseline.tasks), default=None)
    except ValueError:
        return None


def finish_slip(portfolio: Portfolio, project: Project, planned: ProjectSchedule | None) -> float | None:
    finish = baseline_finish(project)
    if finish is None or planned is None or planned.finish is None:
        return None
    return slip_days(Calendars(portfolio), project, finish, planned.finish)


def money_figures(
    indicators: Indicators | None, finance: PortfolioFinance | None, project: str
) -> tuple[float | None, float | None]:
    """BAC and EAC: earned value's where it has them, else the finance view's budget and forecast."""
    if indicators is not None and indicators.eac is not None:
        return indicators.bac, indicators.eac
    view = next((p for p in finance.projects if p.project == project), None) if finance else None
    if view is not None and abs(view.total.total.budget) >= 0.005:
        return view.total.total.budget, view.total.total.forecast
    return None, None


def compute_grades(
    portfolio: Portfolio,
    project: Project,
    findings: Sequence[Diagnostic],
    schedule: Schedule | None,
    finance: PortfolioFinance | None,
    indicators: Indicators | None,
) -> Grades:
    """`findings`: every finding of the portfolio (only the project's folder's count)."""
    own = findings_of(project, findings)
    planned = next((p for p in schedule.projects if p.id == project.id), None) if schedule else None
    slip = finish_slip(portfolio, project, planned)
    bac, eac = money_figures(indicators, finance, project.id)
    over_pct = (eac - bac) / bac * 100 if bac and eac is not None else None
    thresholds = thresholds_of(portfolio, project)
    records = portfolio.records
    changes = records.changes.get(project.id, ())
    pending = sum(1 for change in changes if change.status in PENDING)
    staffed = any(task.assign for task in project.walk())
    return Grades(
        schedule=schedule_rag(own, thresholds, slip),
        cost=cost_rag(own, thresholds, over_pct),
        scope=scope_rag(own, pending, bool(changes) or project.id in records.requirements),
        resources=resources_rag(own, staffed),
        slip=slip,
        bac=bac,
        eac=eac,
        over_pct=over_pct,
    )
