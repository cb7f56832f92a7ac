"""The engines' results one site build needs, computed once and handed to every page builder.

`site_figures(result)` runs the pipeline of `pmcode check` once on a validated portfolio without errors: the tracked
schedule (forecast from the actuals), earned value, the finance view and the findings.
Pages read from the bundle and never run an engine themselves, so a portfolio of 100 projects is scheduled once,
not once per page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from pmcode.check import CheckResult, check_portfolio
from pmcode.cost import PortfolioFinance, finance_portfolio
from pmcode.diagnostics import Diagnostic
from pmcode.render.site_risk import SiteRisk, risk_figures
from pmcode.schedule import Schedule, schedule_portfolio
from pmcode.validate import ValidationResult
from pmcode.variance import PortfolioVariance, variance_portfolio


@dataclass(frozen=True)
class SiteFigures:
    schedule: Schedule  # tracked: finished work at its actual dates, the rest forecast from the status date
    variance: PortfolioVariance  # earned value per project, task and month
    finance: PortfolioFinance  # budget, forecast and actual by month and fiscal year (the check's, reused)
    check: CheckResult  # every finding of `pmcode check`, sorted by file and position
    risk: SiteRisk | None = None  # the Monte Carlo run (site_risk.py), when some project has estimates or risks

    def findings_of(self, folder: str) -> tuple[Diagnostic, ...]:
        """The findings located in one project's folder (`projects/erp/`, actuals included), in the check's order."""
        prefix = folder if folder.endswith("/") else folder + "/"
        return tuple(d for d in self.check.diagnostics if d.file.startswith(prefix))

    @cached_property
    def booked_by_week(self) -> dict[str, dict[date, float]]:
        """Person -> Monday -> hours booked in that week on every project (leaf tasks only: a summary repeats the
        hours of its tasks). Built on first use, once per build: each project page reads its people's rows."""
        booked: dict[str, dict[date, float]] = {}
        for project in self.schedule.projects:
            for task in project.tasks:
                if task.summary:
                    continue
                for assignment in task.assignments:
                    weeks = booked.setdefault(assignment.person, {})
                    for day, hours in assignment.daily:
                        monday = day - timedelta(days=day.weekday())
                        weeks[monday] = weeks.get(monday, 0.0) + hours
        return booked


def site_figures(result: ValidationResult, schedule: Schedule | None = None) -> SiteFigures:
    """Schedule (unless the tracked `schedule` is given), earned value, finance and check, once, for a portfolio
    that validated without errors."""
    portfolio = result.portfolio
    schedule = schedule or schedule_portfolio(portfolio, network=result.network)
    variance = variance_portfolio(portfolio, schedule)
    finance = finance_portfolio(portfolio, schedule)
    check = check_portfolio(result, schedule, variance.projects, finance=finance)
    return SiteFigures(schedule, variance, finance, check, risk_figures(result, schedule))
