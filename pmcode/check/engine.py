"""`check_portfolio`: validation, schedule and money findings and every threshold, as one sorted list. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pmcode.check.allocation import overallocation_findings
from pmcode.check.evm import ProjectFigures, evm_findings
from pmcode.check.money import money_findings
from pmcode.check.risk import risk_findings
from pmcode.check.slip import slip_findings
from pmcode.cost import PortfolioFinance, finance_portfolio
from pmcode.cost.phasing import Phasing
from pmcode.diagnostics import Diagnostic, Severity, has_failures, sort_diagnostics
from pmcode.records.context import RecordContext
from pmcode.records.registry import record_checks
from pmcode.schedule import Schedule
from pmcode.schedule.calendars import Calendars
from pmcode.validate import ValidationResult


@dataclass(frozen=True)
class CheckResult:
    diagnostics: tuple[Diagnostic, ...]  # sorted by file and position
    projects: int  # how many projects were checked
    project_ids: tuple[str, ...] = ()  # every project of the portfolio, checked or not

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    @property
    def counts(self) -> dict[str, int]:
        return {severity.value: self.count(severity) for severity in Severity}

    def failed(self, *, strict: bool = False) -> bool:
        return has_failures(list(self.diagnostics), strict=strict)

    def verdict(self, *, strict: bool = False) -> str:
        return "fail" if self.failed(strict=strict) else "pass"


def check_portfolio(
    result: ValidationResult,
    schedule: Schedule | None,
    variance: Iterable[ProjectFigures] | None = None,
    *,
    finance: PortfolioFinance | None = None,
    project: str | None = None,
) -> CheckResult:
    """Every finding of a validated portfolio: validation's, then (with a `schedule` of it, tracked from the status
    dates) the schedule's and the cost engine's, slips against the baseline, weekly over-allocation, money against
    the budget and envelopes, the variance notes rule, and (with `variance`, the variance engine's projects) the
    earned-value thresholds, then the records' checks (pmcode.records). `finance` is computed from the schedule when
    not given. `project`: keep only the findings of that project's files and of the portfolio-wide ones."""
    portfolio = result.portfolio
    found: list[Diagnostic] = list(result.diagnostics)
    figures: list[ProjectFigures] = []
    if schedule is not None:
        calendars = Calendars(portfolio)
        phasing = Phasing(portfolio, calendars)
        finance = finance or finance_portfolio(portfolio, schedule, phasing)
        found.extend(schedule.findings)
        found.extend(finance.findings)
        found.extend(slip_findings(portfolio, schedule, calendars))
        found.extend(overallocation_findings(portfolio, schedule, calendars))
        found.extend(money_findings(portfolio, finance))
        found.extend(risk_findings(portfolio, result.network, schedule))  # only with estimates or risks
        if variance is not None:
            figures = list(variance)
            for one in figures:
                found.extend(one.findings)
            found.extend(evm_findings(portfolio, figures, phasing))
        # Requirements, RAID, changes, status, meetings, quality, operations, strategy: judged like the plan, only
        # once it validated (a plan with errors gets validation's findings alone, so they are not buried).
        context = RecordContext(portfolio, schedule, finance, tuple(figures), tuple(sort_diagnostics(found)))
        found.extend(record_checks(context))
    if project is not None:
        found = _only(found, result, project)
    checked = 1 if project is not None else len(portfolio.projects)
    return CheckResult(tuple(sort_diagnostics(found)), checked, tuple(portfolio.projects))


def _folder(result: ValidationResult, project_id: str) -> str:
    return result.portfolio.projects[project_id].src.file.rsplit("/", 1)[0] + "/"


def _only(found: list[Diagnostic], result: ValidationResult, project_id: str) -> list[Diagnostic]:
    others = tuple(_folder(result, p) for p in result.portfolio.projects if p != project_id)
    return [d for d in found if not d.file.startswith(others)]
