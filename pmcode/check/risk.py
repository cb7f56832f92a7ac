"""PM550: the budget's reserves against the cost contingency that `pmcode risk` suggests (P80 cost - plan).

Runs only for projects with estimates or risks (a plan without them has nothing to simulate, and its check
output does not change), with the CLI's defaults: 10,000 iterations, seed 1, so the figure in the finding is the
one `pmcode risk` prints. The shortfall is graded by `risk_reserve_gap_pct` (percent of the gap the reserves
leave uncovered) when the thresholds set it; without it, any shortfall is a warning.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmcode.check.limits import judge, thresholds_of
from pmcode.diagnostics import Diagnostic, Loc, Severity
from pmcode.model import Portfolio, Project
from pmcode.risk import has_inputs, simulate
from pmcode.schedule import Schedule
from pmcode.schedule.network import Network

THRESHOLD = "risk_reserve_gap_pct"


def risk_findings(portfolio: Portfolio, network: Network, schedule: Schedule) -> Iterator[Diagnostic]:
    if not any(has_inputs(portfolio, project) for project in portfolio.projects.values()):
        return
    result = simulate(portfolio, network, schedule)
    for project in portfolio.projects.values():
        risk = result.project(project.id)
        if risk is None or not risk.uncertain:
            continue
        gap = risk.cost_contingency
        if gap <= 0.005 or risk.reserves >= gap - 0.005:
            continue
        shortfall = (gap - risk.reserves) / gap * 100
        breach = judge(thresholds_of(portfolio, project), THRESHOLD, shortfall)
        if breach is None and thresholds_of(portfolio, project).get(THRESHOLD) is not None:
            continue
        message = (
            f"P80 cost {risk.cost_at(80):,.2f} is {gap:,.2f} above the plan's {risk.cost_planned:,.2f}, but the "
            f"reserves are {risk.reserves:,.2f}: {shortfall:.1f}% of the risk contingency is not covered"
        )
        severity = Severity.WARNING
        if breach is not None:
            message += f", above {breach.describe()}"
            severity = breach.severity
        yield Diagnostic.at(_where(portfolio, project), "PM550", message, severity)


def _where(portfolio: Portfolio, project: Project) -> Loc:
    """At the reserves in budget.yaml when written, else at the risks of the project's RAID log."""
    budget = project.budget
    if budget is not None and budget.src.has("reserves"):
        return budget.src.at("reserves", key=True)
    log = portfolio.records.raid.get(project.id)
    if log is not None and log.src.has("risks"):
        return log.src.at("risks", key=True)
    return project.src.at("tasks", key=True)


__all__ = ["THRESHOLD", "risk_findings"]
