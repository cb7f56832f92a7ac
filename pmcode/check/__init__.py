"""The CI gate: everything `pmcode validate` reports, the schedule's findings, and the plan judged against its
thresholds (`thresholds` in portfolio.yaml, overridden per project in budget.yaml), as one sorted list.

- `check_portfolio(result, schedule, variance=None, *, finance=None, project=None) -> CheckResult` (engine.py):
  pure; the findings of a validated portfolio and its tracked schedule. Codes PM530-PM540:
  milestone and finish slip against the baseline (slip.py), weekly over-allocation (allocation.py), forecast over
  budget and over the annual envelope, and variances without an explanatory note (money.py), earned-value
  thresholds (evm.py, from the variance engine's figures).
- `check_root(root, *, project=None, level=True, prefix=None) -> CheckResult`: the whole pipeline from a
  portfolio root, what `pmcode check` runs.
Each threshold finding names the threshold, its level and where that level is written; it is located at the
number in the plan that causes it (locate.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pmcode.check.engine import CheckResult, check_portfolio
from pmcode.check.evm import ProjectFigures
from pmcode.schedule import Schedule, schedule_portfolio
from pmcode.validate import ValidationResult, validate_root
from pmcode.variance import variance_portfolio

__all__ = ["CheckResult", "ProjectFigures", "check_portfolio", "check_root"]


def check_root(root: Path, *, project: str | None = None, level: bool = True, prefix: str | None = None) -> CheckResult:
    """Validate the portfolio under `root`; when it has no errors, schedule it (tracked from the status dates,
    leveled unless `level` is False) and check it. A plan with errors is reported as validated: it cannot be
    scheduled. `prefix`: how the root appears in findings (default: as given)."""
    result = validate_root(root, prefix)
    if result.errors:
        return check_portfolio(result, None, project=project)
    schedule = schedule_portfolio(result.portfolio, level=level, network=result.network)
    return check_portfolio(result, schedule, _variance(result, schedule), project=project)


def _variance(result: ValidationResult, schedule: Schedule) -> Iterable[ProjectFigures]:
    return variance_portfolio(result.portfolio, schedule).projects
