"""The variance engine: a portfolio, its tracked schedule and its baselines -> earned value per task, summary,
project and portfolio, cumulative at the status date and month by month. Pure: no I/O, no clock.

The rules (site/docs/guide/variance.md):
- PV comes from the baseline: each leaf task's baseline cost spread linearly over its baseline working time
  (pmcode.cost.planned_value), cumulative to the END of the status date: the months before the status month in
  full, the status month day by day through the status date (the same daily spread). The baseline's PV that no
  task earns (budget lines' own amounts, cents of rounding: `other`) is level of effort: EV = PV, counted by
  month, the status month in full (pmcode books a monthly amount on the first day of its month).
- EV = each leaf's baseline cost by its `ev_method` at its progress on the status date (pmcode.variance.earned),
  plus the level-of-effort PV. AC = booked hours x rates + charged costs (pmcode.cost.actual_costs); costs charged
  without a task count for the project only. BAC = the baseline's `bac` (the sum of its PV).
- ETC bottom-up = the cost of the tracked schedule's work after the status date (the cost engine with
  `after={project: status date}`), so EAC bottom-up = AC + remaining plan.
- Summaries, projects and the portfolio add PV, EV, AC, BAC and ETC up and compute every index from the sums.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from pmcode.cost import (
    FiscalYears,
    Phasing,
    PlannedValue,
    PortfolioCost,
    actual_costs,
    cost_portfolio,
    cost_project,
    planned_value,
    project_finance,
    status_date,
)
from pmcode.cost.finance_data import Figures
from pmcode.cost.lines import ProjectLines
from pmcode.cost.periods import month_of, parse_month
from pmcode.diagnostics import Diagnostic, sort_diagnostics
from pmcode.evm import EAC_METHODS, Indicators, Totals, earned_value, roll_up, roll_up_paths
from pmcode.model import Baseline, Portfolio, Project
from pmcode.model.tracking import BaselineTask
from pmcode.schedule import ProjectSchedule, Schedule
from pmcode.variance.earned import NOT_STARTED, reports_by_period, status_progress
from pmcode.variance.periods import Amounts, MonthlyFigures, build_periods, planned_series
from pmcode.variance.result import PortfolioVariance, ProjectVariance, TaskVariance

NO_BASELINE = "no baseline: earned value needs one; run pmcode baseline save"
NO_STATUS = "no status date: no actuals, and no status_date in project.yaml or portfolio.yaml"
NO_PROJECT = "no project has both a baseline and a status date"
DEFAULT_EAC_METHOD = "cpi"


def primary_method(project: Project, override: str | None = None) -> str:
    """The primary EAC: the override (a command-line option), else the project's budget.yaml, else `cpi`."""
    if override is not None:
        return override
    if project.budget is not None and project.budget.eac_method is not None:
        return project.budget.eac_method
    return DEFAULT_EAC_METHOD


@dataclass(frozen=True, slots=True)
class _Run:
    """One project's result, with what the portfolio adds up."""

    variance: ProjectVariance
    totals: Totals | None = None
    pv_months: Amounts | None = None  # the baseline's PV by month
    figures: MonthlyFigures | None = None


@dataclass(frozen=True, slots=True)
class _Context:
    portfolio: Portfolio
    phasing: Phasing
    statuses: Mapping[str, date]
    left: PortfolioCost  # the cost of the work after each project's status date (all of it without one)
    fiscal_years: FiscalYears
    eac_method: str | None


def variance_portfolio(
    portfolio: Portfolio,
    schedule: Schedule,
    *,
    baselines: Mapping[str, Baseline | None] | None = None,
    eac_method: str | None = None,
) -> PortfolioVariance:
    """Earned value of every scheduled project and of the portfolio. `schedule` is the tracked schedule
    (`schedule_portfolio(..., track=True)`); `baselines` replaces the baseline.yaml of the projects it names (None:
    that project has no baseline); `eac_method` overrides every project's primary EAC."""
    if eac_method is not None and eac_method not in EAC_METHODS:
        raise ValueError(f"unknown EAC method '{eac_method}' (one of {', '.join(EAC_METHODS)})")
    phasing = Phasing(portfolio)
    statuses = {pid: day for pid, p in portfolio.projects.items() if (day := status_date(portfolio, p)) is not None}
    left = cost_portfolio(portfolio, schedule, after=statuses, phasing=phasing)
    context = _Context(portfolio, phasing, statuses, left, FiscalYears(portfolio.fiscal_year_start), eac_method)
    runs = []
    for planned in sorted(schedule.projects, key=lambda p: p.id):
        project = portfolio.projects.get(planned.id)
        if project is None:
            continue
        baseline = baselines[project.id] if baselines is not None and project.id in baselines else project.baseline
        runs.append(_project(context, project, planned, baseline))
    return _portfolio(portfolio, runs, eac_method or DEFAULT_EAC_METHOD)


def _project(context: _Context, project: Project, planned: ProjectSchedule, baseline: Baseline | None) -> _Run:
    portfolio = context.portfolio
    status = context.statuses.get(project.id)
    method = primary_method(project, context.eac_method)
    lines = ProjectLines(project)
    actual = actual_costs(portfolio, project, lines)
    left = context.left.project(project.id)
    # The finance view reads the whole plan's cost only for a budget without baseline lines, or for a forecast
    # without a status date (then `left` is the whole plan already): cost it again only then.
    needs_plan = status is not None and (baseline is None or not baseline.lines)
    plan_cost = cost_project(portfolio, project, planned, context.phasing) if needs_plan else left
    source = project if baseline is project.baseline else replace(project, baseline=baseline)
    finance = project_finance(source, lines, plan_cost, left, actual, status, context.fiscal_years)
    findings = [*plan_cost.findings, *actual.findings]
    if baseline is None:
        findings.append(Diagnostic.at(project.src.at(), "PM520", NO_BASELINE))

    def variance(**measured: Any) -> ProjectVariance:
        return ProjectVariance(
            id=project.id,
            name=project.name,
            status_date=status,
            has_baseline=baseline is not None,
            baseline=None if baseline is None else baseline.src.file,
            eac_method=method,
            finance=finance,
            findings=tuple(sort_diagnostics(findings)),
            **measured,
        )

    if baseline is None or status is None:
        note = NO_BASELINE if baseline is None else NO_STATUS
        return _Run(
            variance(indicators=None, note=note, tasks=_unmeasured_tasks(project, baseline, method), periods=())
        )
    measure = _Measure(context, project, planned, baseline, status, method)
    leaves = measure.leaves(
        actual_by={t.path: t.total for t in actual.tasks}, etc_by={t.path: t.total for t in left.tasks}
    )
    tasks_total = roll_up(leaves.values())
    bac = baseline.bac if baseline.bac is not None else math.fsum(amount for _, amount in baseline.pv)
    pv = max(0.0, tasks_total.pv + measure.other_pv)
    totals = Totals(bac, pv, max(0.0, tasks_total.ev + measure.other_pv), actual.total, max(0.0, left.total))
    pv_months = {parse_month(month): amount for month, amount in baseline.pv}
    origin, series, why = planned_series(pv_months, status)
    indicators = _reword(totals.indicators(method, series), {"no PV series given": why} if why else {})
    figures = measure.monthly(leaves, totals, pv_months, {parse_month(m): a for m, a in actual.months})
    periods = build_periods(figures, status, origin, series)
    result = variance(
        indicators=indicators,
        note=None,
        tasks=_measured_tasks(project, leaves, method),
        periods=periods,
        other_bac=bac - tasks_total.bac,
    )
    return _Run(result, totals, pv_months, figures)


class _Measure:
    """PV, EV, AC and ETC of one project's leaf tasks at its status date, and its own figures month by month."""

    def __init__(
        self,
        context: _Context,
        project: Project,
        planned: ProjectSchedule,
        baseline: Baseline,
        status: date,
        method: str,
    ) -> None:
        self.context, self.project, self.planned, self.status, self.method = context, project, planned, status, method
        self.status_month = month_of(status)
        self.baseline_tasks = {task.path: task for task in baseline.tasks}
        self.pv_plan: PlannedValue = planned_value(project, baseline, context.phasing)
        self.other = {parse_month(month): amount for month, amount in self.pv_plan.other}
        self.other_pv = math.fsum(amount for month, amount in self.other.items() if month <= self.status_month)

    def ev_method(self, path: str) -> str:
        task = self.project.by_path.get(path)
        return task.ev_method if task is not None else "percent"

    def leaves(self, actual_by: Mapping[str, float], etc_by: Mapping[str, float]) -> dict[str, Totals]:
        """Totals of every leaf: those of the plan, then those only the baseline has."""
        budgeted = {path: self._pv(self.baseline_tasks[path], months) for path, months in self.pv_plan.tasks}
        progress = status_progress(self.context.portfolio, self.project, self.planned)
        plan_leaves = [row.path for row in self.planned.tasks if not row.summary]
        in_plan = set(plan_leaves)
        leaves: dict[str, Totals] = {}
        for path in [*plan_leaves, *(p for p in budgeted if p not in in_plan)]:
            budget = (self.baseline_tasks[path].cost or 0.0) if path in budgeted else 0.0
            earning = progress.get(path, NOT_STARTED)
            ev = 0.0
            if budget:
                ev = earned_value(
                    budget, earning.fraction, self.ev_method(path), started=earning.started, finished=earning.finished
                )
            leaves[path] = Totals(budget, budgeted.get(path, 0.0), ev, actual_by.get(path, 0.0), etc_by.get(path, 0.0))
        return leaves

    def _pv(self, task: BaselineTask, months: tuple[tuple[str, float], ...]) -> float:
        """A leaf's PV at the end of the status date: its months before the status month, and the days of the
        status month through the status date."""
        before, in_month = [], 0.0
        for month, amount in months:
            key = parse_month(month)
            if key < self.status_month:
                before.append(amount)
            elif key == self.status_month:
                in_month = amount
        if in_month:
            start, finish = datetime.fromisoformat(task.start), datetime.fromisoformat(task.finish)
            if finish.date() <= self.status:
                before.append(in_month)
            elif start.date() <= self.status:
                days = self.context.phasing.linear_by_day(self.project, task.cost or 0.0, start, finish)
                before.extend(s for day, s in days if day <= self.status and month_of(day) == self.status_month)
        return math.fsum(before)

    def monthly(
        self, leaves: Mapping[str, Totals], totals: Totals, pv_months: Amounts, ac_months: Amounts
    ) -> MonthlyFigures:
        """Own PV, EV and AC of each month through the status month (the status month cut at the status date)."""
        status_month = self.status_month
        earlier_pv = {month: amount for month, amount in pv_months.items() if month < status_month}
        pv = {**earlier_pv, status_month: totals.pv - math.fsum(earlier_pv.values())}
        task_ev: dict[str, float] = {}
        ev_at: dict[int, float] = {}  # month -> the tasks' cumulative EV as that month's actuals left it
        for period, changed in reports_by_period(self.context.portfolio, self.project):
            month = parse_month(period)
            if month >= status_month:
                break
            for path, earning in changed.items():
                leaf = leaves.get(path)
                if leaf is not None and leaf.bac:
                    method = self.ev_method(path)
                    task_ev[path] = earned_value(
                        leaf.bac, earning.fraction, method, started=earning.started, finished=earning.finished
                    )
            ev_at[month] = math.fsum(task_ev.values())
        starts = [*pv, *ev_at, *(m for m in ac_months if m <= status_month)]
        ev: dict[int, float] = {}
        previous = tasks_ev = other = 0.0
        for month in range(min(starts), status_month + 1):
            tasks_ev = ev_at.get(month, tasks_ev)
            other += self.other.get(month, 0.0)
            cumulative = totals.ev if month == status_month else tasks_ev + other
            ev[month] = cumulative - previous
            previous = cumulative
        ac = {month: amount for month, amount in ac_months.items() if month <= status_month}
        return MonthlyFigures(pv, ev, ac, totals.bac, totals.etc, self.method)


def _reword(indicators: Indicators, changes: Mapping[str, str]) -> Indicators:
    """The same indicators with some reasons said better for where they are shown."""
    if not changes or not any(why in changes for _, why in indicators.reasons):
        return indicators
    return replace(indicators, reasons=tuple((key, changes.get(why, why)) for key, why in indicators.reasons))


def _measured_tasks(project: Project, leaves: Mapping[str, Totals], method: str) -> tuple[TaskVariance, ...]:
    rolled = roll_up_paths(leaves)
    rolled.pop("", None)
    rows = []
    for task in project.walk():
        totals = rolled.pop(task.path, Totals(etc=0.0))
        rows.append(TaskVariance(task.path, task.name, bool(task.children), True, totals.bac, totals, method))
    for path in sorted(rolled):  # left over: in the baseline only
        rows.append(TaskVariance(path, path, False, False, rolled[path].bac, rolled[path], method))
    return tuple(rows)


def _unmeasured_tasks(project: Project, baseline: Baseline | None, method: str) -> tuple[TaskVariance, ...]:
    budgets = {} if baseline is None else {t.path: t.cost or 0.0 for t in baseline.tasks}
    return tuple(
        TaskVariance(task.path, task.name, bool(task.children), True, budgets.get(task.path, 0.0), None, method)
        for task in project.walk()
    )


def _portfolio(portfolio: Portfolio, runs: list[_Run], method: str) -> PortfolioVariance:
    projects = tuple(run.variance for run in runs)
    findings = sort_diagnostics([d for p in projects for d in p.findings])
    finance = _sum_figures([p.finance.total.total for p in projects if p.finance is not None]) if projects else None
    measured = [run for run in runs if run.totals is not None and run.variance.status_date is not None]
    if not measured:
        latest = max((p.status_date for p in projects if p.status_date is not None), default=None)
        return PortfolioVariance(projects, portfolio.currency, latest, None, NO_PROJECT, (), finance, tuple(findings))
    status = max(run.variance.status_date for run in measured if run.variance.status_date is not None)
    totals = roll_up(run.totals for run in measured if run.totals is not None)
    pv_months = _sum_amounts([run.pv_months for run in measured if run.pv_months is not None])
    origin, series, why = planned_series(pv_months, status)
    indicators = _reword(totals.indicators(method, series), {"no PV series given": why} if why else {})
    figures = [run.figures for run in measured if run.figures is not None]
    monthly = MonthlyFigures(
        _sum_amounts([f.pv for f in figures]),
        _sum_amounts([f.ev for f in figures]),
        _sum_amounts([f.ac for f in figures]),
        totals.bac,
        totals.etc,
        method,
    )
    periods = build_periods(monthly, status, origin, series)
    return PortfolioVariance(projects, portfolio.currency, status, indicators, None, periods, finance, tuple(findings))


def _sum_amounts(series: list[Amounts]) -> dict[int, float]:
    parts: dict[int, list[float]] = {}
    for amounts in series:
        for month, amount in amounts.items():
            parts.setdefault(month, []).append(amount)
    return {month: math.fsum(parts[month]) for month in sorted(parts)}


def _sum_figures(items: list[Figures]) -> Figures:
    return Figures(
        math.fsum(f.budget for f in items),
        math.fsum(f.budget_to_date for f in items),
        math.fsum(f.actual for f in items),
        math.fsum(f.forecast for f in items),
    )
