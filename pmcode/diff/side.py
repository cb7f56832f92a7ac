"""One side of a diff: the whole pipeline of `pmcode check` on one portfolio root, every intermediate result kept.

`analyse_root` reads files (through `validate_root`); everything after it is the pure engines: the tracked,
leveled schedule, the unleveled one (who would be over-allocated), the cost engine, the finance view, earned
value and the check findings. A root whose plan has errors is validated only: it cannot be scheduled.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pmcode.check import CheckResult, check_portfolio
from pmcode.cost import Phasing, PortfolioCost, PortfolioFinance, cost_portfolio, finance_portfolio
from pmcode.schedule import Schedule, schedule_portfolio
from pmcode.schedule.calendars import Calendars
from pmcode.validate import ValidationResult, validate_root
from pmcode.variance import variance_portfolio


@dataclass(frozen=True)
class Plan:
    """What the engines make of a plan without errors."""

    schedule: Schedule  # tracked from the status dates, leveled
    unleveled: Schedule  # the same without leveling: its over-allocations are the weekly load above units
    cost: PortfolioCost  # the plan's cost at completion
    finance: PortfolioFinance  # budget (baseline), actual and forecast
    calendars: Calendars


@dataclass(frozen=True)
class Side:
    label: str  # the revision or the directory, as given
    prefix: str  # how the root appears in finding locations
    validation: ValidationResult
    check: CheckResult
    plan: Plan | None  # None: the plan has errors and was not scheduled

    @property
    def currency(self) -> str:
        return self.validation.portfolio.currency


def analyse_root(root: Path, label: str, prefix: str | None = None) -> Side:
    """Validate, schedule, cost and check the portfolio under `root`, as `pmcode check` does, keeping every
    result. `prefix`: how the root appears in findings (default: as given)."""
    shown = root.as_posix() if prefix is None else prefix
    result = validate_root(root, shown)
    if result.errors:
        return Side(label, shown, result, check_portfolio(result, None), None)
    portfolio = result.portfolio
    schedule = schedule_portfolio(portfolio, network=result.network)
    unleveled = schedule_portfolio(portfolio, level=False, network=result.network)
    calendars = Calendars(portfolio)
    phasing = Phasing(portfolio, calendars)
    finance = finance_portfolio(portfolio, schedule, phasing)
    cost = cost_portfolio(portfolio, schedule, phasing=phasing)
    variance = variance_portfolio(portfolio, schedule)
    check = check_portfolio(result, schedule, variance.projects, finance=finance)
    return Side(label, shown, result, check, Plan(schedule, unleveled, cost, finance, calendars))
