"""The finance view: budget, actual, forecast and variance per month and fiscal year, by line, category and
capex/opex, per project and for the portfolio; and each fiscal year's forecast against its approved envelope.

- **budget**: the baseline's planned cost per line (`lines` in baseline.yaml); a baseline without them gives its
  `pv` for the project's totals and the plan's lines for the breakdowns; without a baseline, the plan: budget
  lines + planned labor (pmcode.cost.engine). Reserves are not in the budget: see `ProjectFinance.reserves`.
- **actual**: what the actuals files record (pmcode.cost.actuals).
- **forecast**: actual + the plan's money on days after the status date (the plan is rescheduled from it).
- **finance variance (actual - budget)**, to date: actual minus the budget of the months up to the status month;
  positive = overspent. Its sign is the opposite of earned value's CV (EV - AC): keep the two apart.
  `forecast_variance` (forecast - budget) is the same comparison at completion of the row's span.

The status date of a project is the latest status date of its actuals files (a file without one: the last day
of its period), else the project's or the portfolio's `status_date`, else none (forecast = plan).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date

from pmcode.cost.actuals import ProjectActuals, actual_costs
from pmcode.cost.engine import cost_portfolio
from pmcode.cost.finance_data import EnvelopeCheck, Figures, FinanceLine, PortfolioFinance, ProjectFinance, Series
from pmcode.cost.lines import ProjectLines
from pmcode.cost.periods import FiscalYears, last_day, parse_month
from pmcode.cost.phasing import Phasing
from pmcode.cost.result import LineCost, ProjectCost, Reserves
from pmcode.diagnostics import sort_diagnostics
from pmcode.model import Portfolio, Project
from pmcode.schedule import Schedule

Amounts = dict[str, float]  # month ('YYYY-MM') -> amount


def status_date(portfolio: Portfolio, project: Project) -> date | None:
    """The latest status date among the project's actuals, else the project's or portfolio's `status_date`."""
    dates = [a.status_date or last_day(parse_month(a.period)) for a in project.actuals]
    return max(dates) if dates else portfolio.status_date_of(project)


def finance_portfolio(portfolio: Portfolio, schedule: Schedule, phasing: Phasing | None = None) -> PortfolioFinance:
    """The finance view of every scheduled project and of the portfolio."""
    phasing = phasing or Phasing(portfolio)
    plan = cost_portfolio(portfolio, schedule, phasing=phasing)
    cuts = {p.id: d for p in portfolio.projects.values() if (d := status_date(portfolio, p)) is not None}
    remaining = cost_portfolio(portfolio, schedule, after=cuts, phasing=phasing) if cuts else plan
    fiscal_years = FiscalYears(portfolio.fiscal_year_start)
    projects, findings = [], list(plan.findings)
    for planned in plan.projects:
        project = portfolio.projects[planned.project]
        lines = ProjectLines(project)
        actual = actual_costs(portfolio, project, lines)
        findings.extend(actual.findings)
        left = remaining.project(planned.project)
        projects.append(project_finance(project, lines, planned, left, actual, cuts.get(project.id), fiscal_years))
    return PortfolioFinance(
        tuple(projects),
        _group_series([(category, series) for p in projects for category, series in p.categories]),
        _sum_series([p.capex for p in projects]),
        _sum_series([p.opex for p in projects]),
        _sum_series([p.total for p in projects]),
        tuple(sort_diagnostics(findings)),
    )


class _Row:
    """Budget, actual and forecast amounts by month of one row, while the view is assembled."""

    __slots__ = ("actual", "budget", "forecast")

    def __init__(self) -> None:
        self.budget: Amounts = {}
        self.actual: Amounts = {}
        self.forecast: Amounts = {}

    def add(self, other: _Row) -> None:
        for mine, theirs in ((self.budget, other.budget), (self.actual, other.actual), (self.forecast, other.forecast)):
            for month, amount in theirs.items():
                mine[month] = mine.get(month, 0.0) + amount


def _add_line_months(target: Amounts, months: Iterable[tuple[str, float]]) -> None:
    for month, amount in months:
        target[month] = target.get(month, 0.0) + amount


def project_finance(
    project: Project,
    lines: ProjectLines,
    plan: ProjectCost,
    remaining: ProjectCost,
    actual: ProjectActuals,
    status: date | None,
    fiscal_years: FiscalYears,
) -> ProjectFinance:
    """The finance view of one project from its planned cost, remaining cost (after `status`) and actuals."""
    baseline = project.baseline
    rows: dict[tuple[str, bool], _Row] = {}

    def row(line: str, capex: bool) -> _Row:
        return rows.setdefault((line, capex), _Row())

    if baseline is not None and baseline.lines:
        source = "baseline"
        for planned in baseline.lines:
            _add_line_months(row(planned.line, planned.capex).budget, planned.months)
    else:
        source = "plan" if baseline is None else "baseline pv (lines from the plan)"
        for line_cost in plan.lines:
            _add_line_months(row(line_cost.line, line_cost.capex).budget, line_cost.months)
    for line_cost in actual.lines:
        target = row(line_cost.line, line_cost.capex)
        _add_line_months(target.actual, line_cost.months)
        _add_line_months(target.forecast, line_cost.months)
    left: tuple[LineCost, ...] = remaining.lines if status is not None else plan.lines
    for line_cost in left:
        _add_line_months(row(line_cost.line, line_cost.capex).forecast, line_cost.months)

    status_month = status.strftime("%Y-%m") if status else None
    keys = sorted(rows, key=lambda key: (lines.order(key[0]), key[1]))
    finance_lines: list[FinanceLine] = []
    categories: dict[str, _Row] = {}
    sides, whole = {True: _Row(), False: _Row()}, _Row()
    for line_id, capex in keys:
        info = lines.info(line_id)
        data = rows[(line_id, capex)]
        finance_lines.append(
            FinanceLine(line_id, info.name, info.category, capex, _series(data, status_month, fiscal_years))
        )
        categories.setdefault(info.category, _Row()).add(data)
        sides[capex].add(data)
        whole.add(data)
    if source != "baseline" and baseline is not None:
        whole.budget = dict(baseline.pv)
    total = _series(whole, status_month, fiscal_years)
    capex_series = _series(sides[True], status_month, fiscal_years)
    opex_series = _series(sides[False], status_month, fiscal_years)
    budget = project.budget
    reserves = Reserves.of(
        budget.contingency if budget else None, budget.management if budget else None, total.total.budget
    )
    envelopes = _envelopes(project, capex_series, opex_series)
    return ProjectFinance(
        project.id,
        status,
        source,
        tuple(finance_lines),
        tuple((category, _series(categories[category], status_month, fiscal_years)) for category in sorted(categories)),
        capex_series,
        opex_series,
        total,
        envelopes,
        reserves,
    )


def _figures(row: _Row, months: Iterable[str], status_month: str | None) -> Figures:
    months = list(months)
    to_date = [m for m in months if status_month is not None and m <= status_month]
    return Figures(
        math.fsum(row.budget.get(m, 0.0) for m in months),
        math.fsum(row.budget.get(m, 0.0) for m in to_date),
        math.fsum(row.actual.get(m, 0.0) for m in months),
        math.fsum(row.forecast.get(m, 0.0) for m in months),
    )


def _series(row: _Row, status_month: str | None, fiscal_years: FiscalYears) -> Series:
    months = sorted(set(row.budget) | set(row.actual) | set(row.forecast))
    years: dict[str, list[str]] = {}
    for month in months:
        years.setdefault(fiscal_years.of_month(parse_month(month)), []).append(month)
    return Series(
        tuple((month, _figures(row, [month], status_month)) for month in months),
        tuple((fy, _figures(row, years[fy], status_month)) for fy in sorted(years)),
        _figures(row, months, status_month),
    )


def _envelopes(project: Project, capex: Series, opex: Series) -> tuple[EnvelopeCheck, ...]:
    if project.budget is None:
        return ()
    capex_years, opex_years = dict(capex.years), dict(opex.years)
    zero = Figures(0.0, 0.0, 0.0, 0.0)
    checks = []
    for fiscal_year, envelope in project.budget.annual:
        capex_fy, opex_fy = capex_years.get(fiscal_year, zero), opex_years.get(fiscal_year, zero)
        checks.append(
            EnvelopeCheck(
                fiscal_year,
                envelope.capex,
                envelope.opex,
                capex_fy.budget,
                opex_fy.budget,
                capex_fy.forecast,
                opex_fy.forecast,
            )
        )
    return tuple(checks)


def _sum_figures(items: Iterable[Figures]) -> Figures:
    items = list(items)
    return Figures(
        math.fsum(f.budget for f in items),
        math.fsum(f.budget_to_date for f in items),
        math.fsum(f.actual for f in items),
        math.fsum(f.forecast for f in items),
    )


def _sum_series(series: list[Series]) -> Series:
    """Several projects' rows added up (each project's figures already carry its own status date)."""
    months: dict[str, list[Figures]] = {}
    years: dict[str, list[Figures]] = {}
    for one in series:
        for month, figures in one.months:
            months.setdefault(month, []).append(figures)
        for fiscal_year, figures in one.years:
            years.setdefault(fiscal_year, []).append(figures)
    return Series(
        tuple((month, _sum_figures(months[month])) for month in sorted(months)),
        tuple((fy, _sum_figures(years[fy])) for fy in sorted(years)),
        _sum_figures(one.total for one in series),
    )


def _group_series(pairs: list[tuple[str, Series]]) -> tuple[tuple[str, Series], ...]:
    groups: dict[str, list[Series]] = {}
    for key, series in pairs:
        groups.setdefault(key, []).append(series)
    return tuple((key, _sum_series(groups[key])) for key in sorted(groups))
