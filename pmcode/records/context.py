"""What a records check is judged against: the portfolio, its tracked schedule and money, the plan's findings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pmcode.cost import PortfolioFinance
from pmcode.diagnostics import Diagnostic
from pmcode.model import Portfolio
from pmcode.schedule import Schedule

if TYPE_CHECKING:  # pmcode.check runs the records checks: a runtime import would be circular
    from pmcode.check.evm import ProjectFigures


@dataclass(frozen=True)
class RecordContext:
    portfolio: Portfolio
    schedule: Schedule | None  # tracked from the status dates; None when the plan could not be scheduled
    finance: PortfolioFinance | None
    variance: tuple[ProjectFigures, ...]  # earned value per project; empty when not computed
    findings: tuple[Diagnostic, ...]  # the plan's findings (validation, schedule, money, thresholds), sorted

    def as_of(self, project: str | None = None) -> date | None:
        """The date records are judged at: the project's status date, else the portfolio's. Engines have no
        clock: without a status date nothing is overdue."""
        if project is not None and project in self.portfolio.projects:
            return self.portfolio.status_date_of(self.portfolio.projects[project])
        return self.portfolio.status_date
