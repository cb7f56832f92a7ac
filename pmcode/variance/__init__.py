"""Earned value of a plan: the variance engine behind `pmcode variance` and the thresholds of `pmcode check`.

Pure: the model, the tracked schedule and the baselines in, frozen data out; no I/O, no clock.

- `variance_portfolio(portfolio, schedule, *, baselines=None, eac_method=None) -> PortfolioVariance` (engine.py):
  per task, summary, project and portfolio, every indicator of pmcode.evm (`Indicators`) cumulative at the status
  date, and per month (`Period`: own PV, EV, AC and cumulative indicators). `schedule` is the tracked schedule
  (`schedule_portfolio(portfolio, track=True)`); `baselines` replaces projects' baseline.yaml (`--baseline REV`).
- `PortfolioVariance` / `ProjectVariance` / `TaskVariance` (result.py), each with `to_json()`; `.project(id)` and
  `.task(path)` look them up. A project without a baseline has `has_baseline` False, `indicators` None and a PM520
  finding; without a status date, `indicators` None and a `note` saying why.
- The rules (PV from the baseline, EV by earning rule, AC from actuals, level of effort, bottom-up ETC, roll-ups by
  sums): engine.py's docstring and site/docs/guide/variance.md. Months and earned schedule: periods.py. Progress:
  earned.py.
"""

from __future__ import annotations

from pmcode.variance.engine import DEFAULT_EAC_METHOD, NO_BASELINE, primary_method, variance_portfolio
from pmcode.variance.result import PortfolioVariance, ProjectVariance, TaskVariance

__all__ = [
    "DEFAULT_EAC_METHOD",
    "NO_BASELINE",
    "PortfolioVariance",
    "ProjectVariance",
    "TaskVariance",
    "primary_method",
    "variance_portfolio",
]
