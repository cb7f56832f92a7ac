"""The thresholds that apply to one project, and the verdict of one measured value against them.

A project's thresholds are the portfolio's (`portfolio.yaml` `thresholds`) with the names its `budget.yaml` sets
replaced: a name given in budget.yaml replaces both of the portfolio's levels for it (`Thresholds.merged`).

Two kinds (schemas/common.schema.json): ratio thresholds (`cpi`, `spi`, `spi_t`) fail *below* a level, limit
thresholds (slip days, percentages over) fail *above* one. Values are compared as they are shown in the message
(rounded), so a finding never reads "10.0 days, above 10".
"""

from __future__ import annotations

from dataclasses import dataclass

from pmcode.diagnostics import Loc, Severity
from pmcode.model import Portfolio, Project
from pmcode.model.types import Threshold, Thresholds

RATIOS = ("cpi", "spi", "spi_t")
LIMITS = (
    "cv_pct",
    "sv_pct",
    "vac_pct",
    "milestone_slip_days",
    "finish_slip_days",
    "budget_variance_pct",
    "overallocation_pct",
)


@dataclass(frozen=True, slots=True)
class Breach:
    """A value beyond a threshold level: which level (`warn` or `fail`), its value and where it is written."""

    name: str
    level: str
    limit: float
    where: Loc | None

    @property
    def severity(self) -> Severity:
        return Severity.ERROR if self.level == "fail" else Severity.WARNING

    def describe(self) -> str:
        """`milestone_slip_days fail level 10 (projects/portfolio.yaml:20:37)`: quoted at the end of a finding."""
        where = f" ({self.where})" if self.where is not None else ""
        return f"{self.name} {self.level} level {self.limit:g}{where}"


def thresholds_of(portfolio: Portfolio, project: Project | None) -> Thresholds:
    override = project.budget.thresholds if project is not None and project.budget is not None else None
    return portfolio.thresholds.merged(override)


def _where(threshold: Threshold, level: str) -> Loc | None:
    return threshold.src.at(level) if threshold.src is not None else None


def judge(thresholds: Thresholds, name: str, value: float | None, digits: int = 1) -> Breach | None:
    """The worst level `value` breaches (fail before warn), or None: within limits, no such threshold, or no value.
    An undefined value (None) never breaches."""
    threshold = thresholds.get(name)
    if threshold is None or value is None:
        return None
    shown = round(value, digits)
    below = name in RATIOS
    for level in ("fail", "warn"):
        limit = threshold.fail if level == "fail" else threshold.warn
        if limit is None:
            continue
        if (shown < limit) if below else (shown > limit):
            return Breach(name, level, limit, _where(threshold, level))
    return None


def lowest_limit(thresholds: Thresholds, name: str) -> Breach | None:
    """The first level a limit threshold sets (`warn`, else `fail`) as a Breach-like record, for rules that act on
    "over the threshold" rather than grading it; None without the threshold."""
    threshold = thresholds.get(name)
    if threshold is None:
        return None
    for level in ("warn", "fail"):
        limit = threshold.warn if level == "warn" else threshold.fail
        if limit is not None:
            return Breach(name, level, limit, _where(threshold, level))
    return None
