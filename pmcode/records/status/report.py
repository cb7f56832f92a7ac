"""The data of one project's status report (`pmcode report status`): the narrative of a status file, and the
grades, key dates, progress, money, risks, issues and decisions computed from the plan at the status date. Pure:
the renderers (pmcode.render.status_report) only format what is here.

Which narrative: `pick_report` (model.py) takes the status file of the date asked for, else the latest on or before the
project's status date. The figures are always the data's at the status date; a report written for an earlier date
keeps the grades it published (its `rag`), shown beside today's, since a past report cannot be recomputed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from pmcode.check.rag import Rag
from pmcode.check.slip import slip_days
from pmcode.evm import Indicators
from pmcode.model import Portfolio, Project
from pmcode.records.changes.model import PENDING
from pmcode.records.context import RecordContext
from pmcode.records.status.grades import Grades, compute_grades
from pmcode.records.status.model import DIMENSIONS, StatusReport
from pmcode.schedule import ProjectSchedule
from pmcode.schedule.calendars import Calendars

TOP = 5  # risks, issues and milestones shown: one page
PRIORITY_RANK = {"critical": 0, "high": 1, "medium": 2, "low": 3}


@dataclass(frozen=True, slots=True)
class GradeRow:
    dimension: str  # Schedule, Cost, Scope, Resources
    shown: Rag  # the override when there is one, else the computed grade
    computed: Rag
    justification: str | None  # the override's
    published: str | None  # the level an earlier report recorded, when the narrative is not today's


@dataclass(frozen=True, slots=True)
class MilestoneRow:
    name: str
    baseline: date | None
    forecast: date | None  # the actual finish once reached
    slip: float | None  # working days after the baseline
    state: str  # done, done late, at risk (forecast after the baseline), on track


@dataclass(frozen=True, slots=True)
class RiskRow:
    id: str
    title: str
    score: int | None
    owner: str | None
    response: str


@dataclass(frozen=True, slots=True)
class IssueRow:
    id: str
    title: str
    priority: str
    owner: str | None
    due: date | None


@dataclass(frozen=True, slots=True)
class DecisionRow:
    what: str  # a pending change request, or a help-needed line of the narrative
    impact: str


@dataclass(frozen=True, slots=True)
class StatusData:
    project: Project
    manager: str
    as_of: date | None  # the data's date: the project's status date
    report: StatusReport | None  # the narrative; None: a report from the data alone
    author: str
    grades: tuple[GradeRow, ...]
    overall: Rag
    milestones: tuple[MilestoneRow, ...]
    more_milestones: int  # milestones left out to keep to one page
    progress: float | None  # % complete
    indicators: Indicators | None
    computed: Grades
    actual: float | None  # spent to date
    risks: tuple[RiskRow, ...]
    open_risks: int
    issues: tuple[IssueRow, ...]
    open_issues: int
    decisions: tuple[DecisionRow, ...]
    currency: str

    @property
    def current(self) -> bool:
        """The narrative was written for the data's date."""
        return self.report is not None and self.report.date == self.as_of


def _name(portfolio: Portfolio, who: str | None) -> str:
    if who is None:
        return ""
    person = portfolio.people.get(who)
    return person.name if person is not None and person.name else who


def _grades(computed: Grades, report: StatusReport | None, current: bool) -> tuple[GradeRow, ...]:
    rows = []
    for dimension in DIMENSIONS:
        rag = computed.of(dimension)
        recorded = report.grade(dimension) if report is not None else None
        shown, why, published = rag, None, None
        if recorded is not None and current and recorded.is_override:
            shown, why = Rag(recorded.level, "manual override"), recorded.justification
        elif recorded is not None and not current:
            published = recorded.level
        rows.append(GradeRow(dimension.capitalize(), shown, rag, why, published))
    return tuple(rows)


def _milestones(portfolio: Portfolio, project: Project, planned: ProjectSchedule | None) -> list[MilestoneRow]:
    if planned is None:
        return []
    calendars = Calendars(portfolio)
    saved = {t.path: t.finish for t in project.baseline.tasks} if project.baseline else {}
    rows = []
    for task in planned.tasks:
        if not task.milestone or task.finish is None:
            continue
        base = _moment(saved.get(task.path))
        done = task.actual_finish is not None
        slip = slip_days(calendars, project, base, task.finish, reached=done) if base else None
        late = slip is not None and round(slip, 1) > 0
        rows.append(
            MilestoneRow(
                name=task.name,
                baseline=base.date() if base else None,
                forecast=task.actual_finish or task.finish.date(),
                slip=slip,
                state=("done late" if late else "done") if done else "at risk" if late else "on track",
            )
        )
    return rows


def _moment(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _key_dates(rows: list[MilestoneRow], since: date | None) -> tuple[list[MilestoneRow], int]:
    """The last two milestones reached (in the report's period when there is one), then the next ones: at most
    TOP, to keep to one page; the count of the others."""
    recent = [r for r in rows if r.state.startswith("done") and (since is None or (r.forecast or date.min) >= since)]
    ahead = sorted((r for r in rows if not r.state.startswith("done")), key=lambda r: r.forecast or date.max)
    chosen = (recent[-2:] + ahead)[:TOP]
    return chosen, len(rows) - len(chosen)


def _progress(planned: ProjectSchedule | None) -> float | None:
    """% complete of the top-level tasks, weighted by their length (as the portfolio dashboard shows it)."""
    if planned is None:
        return None
    top = [t for t in planned.tasks if t.depth == 0 and t.percent_complete is not None]
    if not top:
        return None
    hours = [max((t.finish - t.start).total_seconds(), 1.0) if t.start and t.finish else 1.0 for t in top]
    return sum(h * (t.percent_complete or 0.0) for h, t in zip(hours, top, strict=True)) / sum(hours)


def status_data(context: RecordContext, project_id: str, report: StatusReport | None) -> StatusData:
    """`context.findings`: every finding of `pmcode check` (the records checks' too)."""
    portfolio = context.portfolio
    project = portfolio.projects[project_id]
    as_of = context.as_of(project_id)
    figures = next((f for f in context.variance if f.id == project_id), None)
    indicators = figures.indicators if figures is not None else None
    computed = compute_grades(portfolio, project, context.findings, context.schedule, context.finance, indicators)
    current = report is not None and report.date == as_of
    grades = _grades(computed, report, current)
    planned = next((p for p in context.schedule.projects if p.id == project_id), None) if context.schedule else None
    since = report.period_from if report is not None else None
    milestones, more = _key_dates(_milestones(portfolio, project, planned), since)
    view = next((p for p in context.finance.projects if p.project == project_id), None) if context.finance else None
    raid = portfolio.records.raid.get(project_id)
    risks = sorted((r for r in raid.risks if r.is_open), key=lambda r: (-(r.score or 0), r.id)) if raid else []
    issues = (
        sorted((i for i in raid.issues if i.is_open), key=lambda i: (PRIORITY_RANK.get(i.priority, 9), i.id))
        if raid
        else []
    )
    decisions = [
        DecisionRow(f"{c.id}: {c.title}", _impact(c.schedule_days, c.cost, portfolio.currency))
        for c in portfolio.records.changes.get(project_id, ())
        if c.status in PENDING
    ]
    decisions += [DecisionRow(line, "") for line in (report.help_needed if report else ())]
    return StatusData(
        project=project,
        manager=_name(portfolio, project.manager),
        as_of=as_of,
        report=report,
        author=_name(portfolio, report.author or project.manager) if report else "",
        grades=grades,
        overall=max((row.shown for row in grades), key=lambda rag: rag.rank),
        milestones=tuple(milestones),
        more_milestones=more,
        progress=_progress(planned),
        indicators=indicators,
        computed=computed,
        actual=view.total.total.actual if view is not None else indicators.ac if indicators else None,
        risks=tuple(RiskRow(r.id, r.title, r.score, _name(portfolio, r.owner), r.response) for r in risks[:TOP]),
        open_risks=len(risks),
        issues=tuple(IssueRow(i.id, i.title, i.priority, _name(portfolio, i.owner), i.due) for i in issues[:TOP]),
        open_issues=len(issues),
        decisions=tuple(decisions),
        currency=portfolio.currency,
    )


def _impact(days: float, cost: float, currency: str) -> str:
    parts = []
    if days:
        parts.append(f"{days:+g} working days")
    if cost:
        parts.append(f"{cost:+,.0f} {currency}".strip())
    return ", ".join(parts) or "no schedule or cost impact"
