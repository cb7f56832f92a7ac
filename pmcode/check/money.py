"""Money against the budget, in the finance view (pmcode.cost.finance_portfolio; variance = actual - budget):

- PM533: the forecast at completion is above the budget by more than `budget_variance_pct`; located at the line
  that grows most: its biggest actuals entry when that line is already overspent, else the line in budget.yaml;
- PM534: a fiscal year's capex or opex forecast is above its approved envelope (`annual` in budget.yaml; a side
  the envelope leaves out is not limited);
- PM535 / PM536: a month whose finance variance on a line (actual - that month's budget) is over the first level
  `budget_variance_pct` sets (`warn`, else `fail`), at the line's biggest entry of that month's actuals file.
  Unexplained (PM535), it is graded by the level it breaches: a warning over `warn`, an error over `fail` (and
  spending with no budget that month counts as over `fail`). Explained by a `notes` entry `about` the line or a
  task charged to it (PM536), it is a warning that quotes the note, whatever its size.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pmcode.check.limits import Breach, judge, lowest_limit, thresholds_of
from pmcode.check.locate import Charge, biggest, charges
from pmcode.cost import PortfolioFinance, ProjectFinance
from pmcode.cost.lines import ProjectLines
from pmcode.diagnostics import Diagnostic, Loc
from pmcode.model import Portfolio, Project
from pmcode.model.refs import resolve_task
from pmcode.model.tracking import Actuals, VarianceNote
from pmcode.model.types import Thresholds
from pmcode.text import quote

CENT = 0.005


def money(amount: float) -> str:
    return f"{amount:,.2f}"


def money_findings(portfolio: Portfolio, finance: PortfolioFinance) -> Iterator[Diagnostic]:
    for view in finance.projects:
        project = portfolio.projects.get(view.project)
        if project is None:
            continue
        lines = ProjectLines(project)
        yield from _at_completion(portfolio, project, view, lines)
        yield from _envelopes(portfolio, project, view)
        yield from _periods(portfolio, project, view, lines)


@dataclass(frozen=True, slots=True)
class _LineFigures:
    budget: float
    budget_to_date: float
    actual: float
    forecast: float


def _by_line(view: ProjectFinance) -> dict[str, _LineFigures]:
    """A line's whole-project figures, its capex and opex parts added."""
    result: dict[str, _LineFigures] = {}
    for line in view.lines:
        f = line.series.total
        old = result.get(line.line, _LineFigures(0.0, 0.0, 0.0, 0.0))
        result[line.line] = _LineFigures(
            old.budget + f.budget,
            old.budget_to_date + f.budget_to_date,
            old.actual + f.actual,
            old.forecast + f.forecast,
        )
    return result


def _at_completion(
    portfolio: Portfolio, project: Project, view: ProjectFinance, lines: ProjectLines
) -> Iterator[Diagnostic]:
    total = view.total.total
    breach = judge(thresholds_of(portfolio, project), "budget_variance_pct", total.forecast_variance_pct)
    if breach is None:
        return
    figures = _by_line(view)
    line = max(figures, key=lambda name: figures[name].forecast - figures[name].budget)
    growth = figures[line].forecast - figures[line].budget
    message = (
        f"forecast at completion {money(total.forecast)} {portfolio.currency} is "
        f"{total.forecast_variance_pct or 0:.1f}% above the budget {money(total.budget)}, most on line '{line}' "
        f"({'+' if growth >= 0 else ''}{money(growth)}): above {breach.describe()}"
    )
    where: Loc | None = None
    if figures[line].actual > figures[line].budget_to_date + CENT:
        spent = [c for a in project.actuals for c in charges(portfolio, project, a, lines) if c.line == line]
        found = biggest(spent)
        where = found.loc if found is not None else None
    if where is None:
        where = _line_loc(project, line)
    yield Diagnostic.at(where, "PM533", message, breach.severity)


def _line_loc(project: Project, line: str) -> Loc:
    declared = next((bl for bl in project.budget.lines if bl.id == line), None) if project.budget else None
    if declared is not None:
        return declared.src.at("id")
    return project.budget.src.at() if project.budget is not None else project.src.at()


def _envelopes(portfolio: Portfolio, project: Project, view: ProjectFinance) -> Iterator[Diagnostic]:
    if project.budget is None:
        return
    for check in view.envelopes:
        for side, over, forecast, envelope in (
            ("capex", check.capex_over, check.capex_forecast, check.capex_envelope),
            ("opex", check.opex_over, check.opex_forecast, check.opex_envelope),
        ):
            src = project.budget.src.child("annual", check.fiscal_year)
            if over <= CENT or not src.has(side):  # a side the envelope does not mention is not limited
                continue
            where = src.at(side)
            message = (
                f"{check.fiscal_year} {side} forecast {money(forecast)} {portfolio.currency} is above its annual "
                f"envelope {money(envelope)} by {money(over)}"
            )
            yield Diagnostic.at(where, "PM534", message)


def _periods(portfolio: Portfolio, project: Project, view: ProjectFinance, lines: ProjectLines) -> Iterator[Diagnostic]:
    thresholds = thresholds_of(portfolio, project)
    level = lowest_limit(thresholds, "budget_variance_pct")
    if level is None or view.status_date is None:
        return
    status_month = view.status_date.strftime("%Y-%m")
    by_period = {a.period: a for a in project.actuals}
    months: dict[tuple[str, str], list[float]] = {}  # (month, line) -> [budget, actual]
    for row in view.lines:
        for month, figures in row.series.months:
            if month <= status_month:
                pair = months.setdefault((month, row.line), [0.0, 0.0])
                pair[0] += figures.budget
                pair[1] += figures.actual
    for (month, line), (budget, actual) in sorted(months.items()):
        actuals = by_period.get(month)
        over = actual - budget
        if actuals is None or over <= CENT:
            continue
        percent = over / budget * 100 if budget > CENT else None
        if percent is not None and round(percent, 1) <= level.limit:
            continue
        entries = [c for c in charges(portfolio, project, actuals, lines) if c.line == line]
        found = biggest(entries)
        where = found.loc if found is not None else actuals.src.at()
        how_much = f"{percent:.1f}% over" if percent is not None else "with no budget that month"
        what = (
            f"{month} spent {money(actual)} {portfolio.currency} on line '{line}', {money(over)} ({how_much}) "
            f"above its budget {money(budget)}"
        )
        note = _note(portfolio, project, actuals, line, entries)
        breach = judge(thresholds, "budget_variance_pct", percent) if percent is not None else None
        graded = breach or _worst_level(thresholds) or level  # no budget that month: the worst level
        limit = f"above {graded.describe() if note is None else level.describe()}"
        if note is None:
            message = f"{what}, and the period's actuals have no note about it: {limit}"
            yield Diagnostic.at(where, "PM535", message, graded.severity)
        else:
            message = f"{what}, explained: {quote(note.text, 120)} ({note.src.at()}): {limit}"
            yield Diagnostic.at(where, "PM536", message)


def _note(
    portfolio: Portfolio, project: Project, actuals: Actuals, line: str, entries: list[Charge]
) -> VarianceNote | None:
    """The first note about the line, or about a task (or its summary) whose entries of this file are charged to it."""
    tasks = {c.task for c in entries if c.task is not None}
    for note in actuals.notes:
        if note.about == line:
            return note
        key = resolve_task(portfolio, project, note.about)
        if key is not None and key[0] == project.id and any(t == key[1] or t.startswith(key[1] + ".") for t in tasks):
            return note  # the task, or a summary above it
    return None


def _worst_level(thresholds: Thresholds) -> Breach | None:
    """`budget_variance_pct`'s fail level (else its warn level): what spending with no budget at all breaches."""
    return judge(thresholds, "budget_variance_pct", float("inf"))
