"""Earned value: pure functions over plain numbers, no model, no I/O.

- `compute_indicators(bac, pv, ev, ac, etc_bottom_up=None, eac_method="cpi", series=None) -> Indicators`
  (indicators.py): SV, CV, SPI, CPI, SV%, CV%, four EACs and the primary one, ETC, VAC, TCPI to BAC and to EAC,
  and with a `PlannedSeries` (cumulative PV by period, AT, optional period end dates) earned schedule: ES, SV(t),
  SPI(t), IEAC(t), TSPI and dates. `Indicators.to_json()` is the JSON contract; undefined values are None with a
  reason in `reasons`, never NaN or infinity.
- `earned_value(budget, fraction, method)` and `task_totals(...)` (earning.py): EV by earning rule (`percent`,
  `0/100`, `50/50`, `loe`); `roll_up` and `roll_up_paths` add tasks into summaries, projects and portfolios;
  `monthly(pv, ev, ac, bac=..., through=...)` gives per-month `Period`s (own variances + cumulative indicators).
"""

from __future__ import annotations

from pmcode.evm.earned_schedule import EarnedSchedule, PlannedSeries
from pmcode.evm.earning import (
    EV_METHODS,
    Period,
    Totals,
    earned_value,
    increments,
    monthly,
    roll_up,
    roll_up_paths,
    sum_through,
    task_totals,
)
from pmcode.evm.indicators import EAC_METHODS, Indicators, Variances, compute_indicators, variances
from pmcode.evm.values import round_half_away

__all__ = [
    "EAC_METHODS",
    "EV_METHODS",
    "EarnedSchedule",
    "Indicators",
    "Period",
    "PlannedSeries",
    "Totals",
    "Variances",
    "compute_indicators",
    "earned_value",
    "increments",
    "monthly",
    "roll_up",
    "roll_up_paths",
    "round_half_away",
    "sum_through",
    "task_totals",
    "variances",
]
