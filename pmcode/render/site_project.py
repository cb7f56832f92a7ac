"""The project page of the site: its view model, section by section in the order the page shows them.

Overview (charter fields, status, key figures graded red/amber/green by the plan's thresholds through
`pmcode.check.limits.judge`), the Gantt chart with a task list as its text version, milestones and deliverables
against the baseline, staffing (a people x weeks heat map), budget and earned value (site_project_money.py),
findings of `pmcode check`, downloads. Every engine result comes from one `SiteFigures` per build; this module
only reads it. A project without a baseline or actuals shows what it has and says what is missing.

Every value handed to the template is plain text (or a chart, already escaped by pmcode.render.charts), escaped
there by Jinja2's autoescaping; the only links are pmcode's own pages and `mailto_href`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from markupsafe import Markup

from pmcode.check.limits import thresholds_of
from pmcode.check.slip import slip_days
from pmcode.diagnostics import Diagnostic
from pmcode.model import Portfolio, Project, Task, TaskKind
from pmcode.model.refs import resolve_task, scope_of
from pmcode.model.types import Thresholds
from pmcode.render.charts import (
    PersonLoad,
    gantt_inputs,
    gantt_svg,
    heatmap_rows,
    heatmap_svg,
    week_starts,
    weekly_load,
)
from pmcode.render.downloads import DOWNLOADS_DIR, download_links
from pmcode.render.site_figures import SiteFigures
from pmcode.render.site_pages import _environment, mailto_href
from pmcode.render.site_people import PEOPLE_DIR, person_href
from pmcode.render.site_project_money import budget_section, chart, earned_value_section, key_money
from pmcode.render.site_rag import Rag, grade, ungraded
from pmcode.render.site_risk import risk_section
from pmcode.schedule import ProjectSchedule, TaskSchedule
from pmcode.schedule.calendars import Calendars

NO_BASELINE = "No baseline yet: run pmcode baseline save to record one. Slip, the S-curve and earned value need it."
NO_ACTUALS = "No actuals yet: progress, actual cost and earned value start with the first actuals/YYYY-MM.yaml."
HEATMAP_WEEKS = 26  # a longer project shows the half year around its status date: the load still to come
HEATMAP_LEAD = 4  # weeks before the status date's week, for context


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: str
    detail: str
    rag: Rag | None  # None: a figure no threshold grades (percent complete)


@dataclass(frozen=True)
class Assignee:
    """A person on a task in the task list: their page (None for an id not in people.yaml) and units, if given."""

    name: str
    href: str | None
    units: str  # " (50%)", or "" when the assignment gives no units


@dataclass(frozen=True)
class TaskRow:
    path: str
    name: str
    depth: int
    kind: str
    size: str
    start: str
    finish: str
    done: str
    depends: str
    assigned: list[Assignee]
    summary: bool
    critical: bool


@dataclass(frozen=True)
class DueRow:
    """A milestone or a deliverable: where the baseline put it, where the forecast has it, and its deadline."""

    name: str
    what: str  # "milestone" or "deliverable"
    ref: str  # the task path (a deliverable: its task's, if any)
    baseline: str
    forecast: str
    slip: str
    rag: Rag
    deadline: str
    missed: bool  # the forecast is after the deadline
    status: str


@dataclass(frozen=True)
class Staffing:
    heatmap: Markup | None  # None: nobody is booked on the project
    overbooked: list[str]  # per person: weeks in which all their projects together book them above capacity
    window: str  # which weeks the heat map shows, when not the whole project


@dataclass(frozen=True)
class FindingRow:
    severity: str
    code: str
    href: str  # the code's entry in the diagnostics reference (pmcode's own page)
    message: str
    where: str


def _day(moment: datetime | date | None) -> str:
    if moment is None:
        return ""
    return moment.date().isoformat() if isinstance(moment, datetime) else moment.isoformat()


def _days(value: float) -> str:
    return f"{value:.1f}"


class ProjectView:
    """Everything the project page shows of one project, computed from the model and the build's figures."""

    def __init__(self, portfolio: Portfolio, project: Project, data: SiteFigures) -> None:
        self.portfolio = portfolio
        self.project = project
        self.data = data
        self.schedule: ProjectSchedule = data.schedule.project(project.id)
        self.variance = data.variance.project(project.id)
        self.finance = next((f for f in data.finance.projects if f.project == project.id), None)
        self.thresholds: Thresholds = thresholds_of(portfolio, project)
        self.calendars = Calendars(portfolio)
        self.status_date = self.variance.status_date or self.schedule.status_date
        self.baseline_finish = (
            {t.path: datetime.fromisoformat(t.finish) for t in project.baseline.tasks}
            if (project.baseline is not None)
            else {}
        )

    # -- overview -------------------------------------------------------------------------------------------

    def slip(self, planned: datetime, forecast: datetime, *, reached: bool = False) -> float:
        """Working days from `planned` to `forecast`; negative when the forecast is earlier."""
        late = slip_days(self.calendars, self.project, planned, forecast, reached=reached)
        if late > 0 or forecast >= planned:
            return late
        return -slip_days(self.calendars, self.project, forecast, planned)

    def finish_figure(self) -> KeyFigure:
        forecast = self.schedule.finish
        baseline = self.project.baseline
        if forecast is None:
            return KeyFigure("Forecast finish", "not scheduled", "", ungraded("not scheduled"))
        if baseline is None or not baseline.finish:
            return KeyFigure("Forecast finish", _day(forecast), "no baseline to compare with", ungraded("no baseline"))
        planned = datetime.fromisoformat(baseline.finish)
        days = self.slip(planned, forecast)
        if days > 0:
            detail = f"baseline {_day(planned)}: {_days(days)} working days late"
        elif days < 0:
            detail = f"baseline {_day(planned)}: {_days(-days)} working days early"
        else:
            detail = f"baseline {_day(planned)}: on time"
        return KeyFigure("Forecast finish", _day(forecast), detail, grade(self.thresholds, "finish_slip_days", days))

    def percent_figure(self) -> KeyFigure:
        indicators = self.variance.indicators
        if indicators is not None and indicators.bac > 0:
            done = indicators.ev / indicators.bac * 100
            planned = indicators.pv / indicators.bac * 100
            detail = f"earned value / BAC; {planned:.0f}% planned by {_day(self.status_date)}"
            return KeyFigure("Complete", f"{done:.0f}%", detail, None)
        top = [t for t in self.schedule.tasks if t.depth == 0 and t.percent_complete is not None]
        spans = [(t, (t.finish - t.start).total_seconds()) for t in top if t.start and t.finish]
        total = sum(span for _, span in spans)
        if not self.project.actuals or not spans or total <= 0:
            return KeyFigure("Complete", "-", "no actuals yet", None)
        done = sum((t.percent_complete or 0.0) * span for t, span in spans) / total
        return KeyFigure("Complete", f"{done:.0f}%", "reported progress, weighted by task span", None)

    def key_figures(self) -> list[KeyFigure]:
        money = key_money(self.variance, self.finance, self.thresholds)
        figures = [KeyFigure(m.label, m.value, m.detail, m.rag) for m in money]
        return [self.finish_figure(), *figures, self.percent_figure()]

    # -- schedule ---------------------------------------------------------------------------------------------

    def gantt(self) -> Markup:
        """The Gantt chart: SVG that pmcode.render.charts escaped itself, so it is marked safe for the template."""
        inputs = gantt_inputs(self.portfolio, self.project.id)
        return chart(
            gantt_svg(
                self.schedule,
                baseline=inputs.baseline,
                status_date=self.status_date,
                links=inputs.links,
                workday=inputs.workday,
            )
        )

    def task_rows(self) -> list[TaskRow]:
        scheduled = {t.path: t for t in self.schedule.tasks}
        rows = []
        for task in self.project.walk():
            at = scheduled.get(task.path)
            rows.append(
                TaskRow(
                    path=task.path,
                    name=task.name,
                    depth=min(task.path.count("."), 4),
                    kind=task.kind.value,
                    size=_size(task),
                    start=_day(at.start) if at else "",
                    finish=_day(at.finish) if at else "",
                    done="" if at is None or at.percent_complete is None else f"{at.percent_complete:.0f}%",
                    depends=", ".join(_depends(self.portfolio, self.project, task)),
                    assigned=_people(self.portfolio, task),
                    summary=task.kind is TaskKind.SUMMARY,
                    critical=at is not None and at.critical,
                )
            )
        return rows

    def due_rows(self) -> list[DueRow]:
        scheduled = {t.path: t for t in self.schedule.tasks}
        rows = [self._milestone(t) for t in self.schedule.tasks if t.milestone]
        for deliverable in self.project.deliverables:
            task = scheduled.get(deliverable.task) if deliverable.task else None
            row = self._milestone(task) if task is not None else None
            status = deliverable.status
            if deliverable.accepted_on:
                status = f"accepted {deliverable.accepted_on.isoformat()}"
            owner = self.portfolio.people.get(deliverable.owner) if deliverable.owner else None
            if deliverable.owner:
                status += f" (owner {owner.name if owner else deliverable.owner})"
            forecast = task.finish if task is not None else None
            due = deliverable.due
            rows.append(
                DueRow(
                    name=deliverable.name,
                    what="deliverable",
                    ref=deliverable.task or "",
                    baseline=row.baseline if row else "",
                    forecast=_day(forecast),
                    slip=row.slip if row else "",
                    rag=row.rag if row else ungraded(""),
                    deadline=_day(due),
                    missed=due is not None and forecast is not None and forecast.date() > due,
                    status=status,
                )
            )
        return sorted(rows, key=lambda r: (r.forecast or "9999", r.what != "milestone", r.ref, r.name))

    def _milestone(self, task: TaskSchedule) -> DueRow:
        planned = self.baseline_finish.get(task.path)
        slip, rag = "", ungraded("no baseline" if self.project.baseline is None else "not in the baseline")
        if planned is not None and task.finish is not None:
            days = self.slip(planned, task.finish, reached=task.actual_finish is not None)
            slip = _days(days)
            rag = grade(self.thresholds, "milestone_slip_days", days)
        if task.actual_finish is not None:
            status = f"done {task.actual_finish.isoformat()}"
        elif task.unscheduled:
            status = "not scheduled"
        else:
            status = "forecast"
        return DueRow(
            name=task.name,
            what="milestone",
            ref=task.path,
            baseline=_day(planned),
            forecast=_day(task.finish),
            slip=slip,
            rag=rag,
            deadline=_day(task.deadline),
            missed=task.deadline is not None and task.finish is not None and task.finish.date() > task.deadline,
            status=status,
        )

    # -- staffing ---------------------------------------------------------------------------------------------

    def staffing(self) -> Staffing:
        """The heat map of this project's load, people x weeks, and who is over-allocated after the status date
        counting all their projects. A project longer than HEATMAP_WEEKS shows that many weeks, from
        HEATMAP_LEAD weeks before the status date (or its start, when later)."""
        if self.schedule.start is None or self.schedule.finish is None:
            return Staffing(None, [], "")
        weeks = week_starts(self.schedule.start.date(), self.schedule.finish.date())
        window = ""
        if len(weeks) > HEATMAP_WEEKS:
            status = self.status_date or weeks[0]
            first = max(0, min(len(weeks) - HEATMAP_WEEKS, (status - weeks[0]).days // 7 - HEATMAP_LEAD))
            shown = weeks[first : first + HEATMAP_WEEKS]
            window = (
                f"{len(shown)} of the project's {len(weeks)} weeks are shown, from the week of "
                f"{shown[0].isoformat()} to that of {shown[-1].isoformat()}; each person's page shows every week."
            )
            weeks = shown
        loads = weekly_load(self.portfolio, self.data.schedule, weeks, projects=(self.project.id,))
        if not loads:
            return Staffing(None, [], "")
        rows, detail = heatmap_rows(loads)
        title = f"Load on {self.project.name}, % of capacity"
        return Staffing(
            chart(heatmap_svg(rows, weeks, title=title, detail=detail)), self._overbooked(loads, weeks), window
        )

    def _overbooked(self, loads: Sequence[PersonLoad], weeks: tuple[date, ...]) -> list[str]:
        people = [load.person for load in loads]
        capacity = weekly_load(self.portfolio, self.data.schedule, weeks, projects=(), people=people)
        booked = self.data.booked_by_week
        after = self.status_date
        lines = []
        for row in capacity:
            over = []
            for week, hours in zip(weeks, row.capacity, strict=True):
                total = booked.get(row.person, {}).get(week, 0.0)
                if after is not None and week + timedelta(days=6) <= after:
                    continue
                if total > 0.01 and (hours <= 0 or round(total / hours * 100) > 100):
                    over.append((week, total, hours))
            if over:
                peak = max(over, key=lambda w: w[1] / w[2] if w[2] > 0 else float("inf"))
                amount = f"{peak[1] / peak[2] * 100:.0f}%" if peak[2] > 0 else "hours without working time"
                lines.append(
                    f"{row.name}: {len(over)} week{'s' if len(over) > 1 else ''} from {over[0][0].isoformat()}, "
                    f"at most {amount} in the week of {peak[0].isoformat()} ({peak[1]:.1f} h of {peak[2]:.1f} h)"
                )
        return lines

    # -- findings ---------------------------------------------------------------------------------------------

    def findings(self) -> list[FindingRow]:
        return [_finding(d) for d in self.data.findings_of(self.project.src.file.rsplit("/", 1)[0])]

    def context(self) -> dict[str, Any]:
        manager = self.portfolio.people.get(self.project.manager) if self.project.manager else None
        missing = [NO_BASELINE] if self.project.baseline is None else []
        if not self.project.actuals:
            missing.append(NO_ACTUALS)
        return {
            "project": self.project,
            "manager": manager.name if manager else (self.project.manager or ""),
            "manager_href": person_href(manager.id, f"{PEOPLE_DIR}/") if manager else None,
            "manager_mail": mailto_href(manager.email) if manager else None,
            "status_date": _day(self.status_date),
            "baseline": self.project.baseline,
            "missing": missing,
            "figures": self.key_figures(),
            "gantt": self.gantt(),
            "rows": self.task_rows(),
            "due": self.due_rows(),
            "staffing": self.staffing(),
            "budget": budget_section(self.project, self.variance, self.finance, self.schedule, self.portfolio),
            "ev": earned_value_section(self.variance),
            "findings": self.findings(),
            "risk": risk_section(self.project.id, self.data.risk, self.portfolio.currency),
            "downloads": [(f"{DOWNLOADS_DIR}/{link.file}", link.label) for link in download_links(self.project.id)],
        }


def _finding(diagnostic: Diagnostic) -> FindingRow:
    code = diagnostic.code
    return FindingRow(
        severity=diagnostic.severity.value,
        code=code,
        href=f"../reference/diagnostics.html#{code.lower()}",
        message=diagnostic.message,
        where=f"{diagnostic.file}:{diagnostic.line}",
    )


def _size(task: Task) -> str:
    if task.kind is TaskKind.DURATION and task.duration is not None:
        return str(task.duration)
    if task.kind is TaskKind.EFFORT and task.effort is not None:
        return f"{task.effort} effort"
    return ""


def _depends(portfolio: Portfolio, project: Project, task: Task) -> list[str]:
    scope = scope_of(project, task)
    depends = []
    for dependency in task.depends:
        key = resolve_task(portfolio, project, dependency.ref, scope)
        label = (key[1] if key[0] == project.id else f"{key[0]}:{key[1]}") if key else dependency.ref
        suffix = "" if dependency.type.value == "FS" else f" {dependency.type.value}"
        lag = f" {'+' if dependency.lag.amount >= 0 else ''}{dependency.lag}" if dependency.lag else ""
        depends.append(f"{label}{suffix}{lag}")
    return depends


def _people(portfolio: Portfolio, task: Task) -> list[Assignee]:
    people = []
    for assignment in task.assign:
        person = portfolio.people.get(assignment.person)
        units = f" ({assignment.units:.0%})" if assignment.units is not None else ""
        if person is None:
            people.append(Assignee(assignment.person, None, units))
        else:  # the project page is portfolio/<stem>.html, a person's portfolio/people/<id>.html
            people.append(Assignee(person.name, person_href(person.id, f"{PEOPLE_DIR}/"), units))
    return people


def project_page(portfolio: Portfolio, project: Project, data: SiteFigures) -> str:
    """The Markdown of one project's page, from the build's engine results."""
    context = ProjectView(portfolio, project, data).context()
    return _environment().get_template("project.md.j2").render(portfolio=portfolio, **context)
