"""Months: the baseline's PV as an earned-schedule series, the actual time at a status date, and per-month periods.

Time is counted in calendar months from the ORIGIN, the first month of the baseline's planned value (for the
portfolio: of any project's). Period k ends on the last day of the k-th month; the series holds the cumulative
baseline PV at each month's end, carried on flat up to the status month when the project runs past its plan.
AT at a status date is the months before the status month plus the elapsed part of the status month in calendar
days (the 14th of a 28-day February is half of it): AT = 3 on March 31 of a plan starting in January.

The periods are built here rather than by pmcode.evm.monthly because the status month is cut at the status date:
its own PV is the baseline's up to that day, so the last period's cumulative figures are exactly the indicators at
the status date.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from pmcode.cost.periods import month_name, month_of
from pmcode.evm import Indicators, Period, PlannedSeries, compute_indicators, variances
from pmcode.evm.months import month_end

Amounts = Mapping[int, float]  # month index (year * 12 + month - 1) -> amount


def actual_time(origin: int, status: date) -> float:
    """Months elapsed from the start of the origin month to the end of the status date (0 before the origin)."""
    days = calendar.monthrange(status.year, status.month)[1]
    return max(0.0, month_of(status) - origin + status.day / days)


def planned_series(pv: Amounts, status: date) -> tuple[int, PlannedSeries | None, str | None]:
    """(origin, the cumulative PV series at AT = the status date, why there is none)."""
    if not pv:
        return 0, None, "the baseline plans no value"
    origin = min(pv)
    last = max(max(pv), month_of(status))
    cumulative, running = [], 0.0
    for month in range(origin, last + 1):
        running = math.fsum((running, pv.get(month, 0.0)))
        cumulative.append(max(running, 0.0))
    try:
        series = PlannedSeries.of(
            cumulative, actual_time(origin, status), [month_end(m) for m in range(origin, last + 1)]
        )
    except ValueError as error:  # a hand-written baseline with a negative month
        return origin, None, f"the baseline's PV cannot make a series: {error}"
    return origin, series, None


@dataclass(frozen=True, slots=True)
class MonthlyFigures:
    """The own PV, EV and AC of each month (the status month's cut at the status date), and what the cumulative
    indicators need besides."""

    pv: Amounts
    ev: Amounts
    ac: Amounts
    bac: float
    etc: float | None  # bottom-up ETC at the status date (earlier months have none)
    eac_method: str


def build_periods(
    figures: MonthlyFigures, status: date, origin: int, series: PlannedSeries | None
) -> tuple[Period, ...]:
    """One Period per month from the first with any figure through the status month; `series` is at the status
    date (AT), earlier months use it at their own end."""
    status_month = month_of(status)
    months = [m for amounts in (figures.pv, figures.ev, figures.ac) for m in amounts]
    if not months or min(months) > status_month:
        return ()
    running = [0.0, 0.0, 0.0]
    periods: list[Period] = []
    for month in range(min(months), status_month + 1):
        own = [amounts.get(month, 0.0) for amounts in (figures.pv, figures.ev, figures.ac)]
        running = [math.fsum((total, amount)) for total, amount in zip(running, own, strict=True)]
        last = month == status_month
        at_month = _series_at(series, origin, month, last)
        cumulative = compute_indicators(
            figures.bac,
            *(max(value, 0.0) for value in running),
            etc_bottom_up=figures.etc if last else None,
            eac_method=figures.eac_method,
            series=at_month,
        )
        periods.append(Period(month_name(month), variances(*own), _without_etc_reason(cumulative, last)))
    return tuple(periods)


def _series_at(series: PlannedSeries | None, origin: int, month: int, last: bool) -> PlannedSeries | None:
    if series is None or last:
        return series
    at = max(0.0, float(month - origin + 1))
    return PlannedSeries(series.cumulative, min(at, float(series.periods)), series.period_ends)


def _without_etc_reason(indicators: Indicators, last: bool) -> Indicators:
    """Earlier months have no bottom-up ETC: say so rather than 'no bottom-up ETC given'."""
    if last or indicators.reason("eac.bottom_up") is None:
        return indicators
    reasons = dict(indicators.reasons)
    for key, why in reasons.items():
        if why == "no bottom-up ETC given":
            reasons[key] = "the bottom-up ETC is known at the status date only"
    return replace(indicators, reasons=tuple(sorted(reasons.items())))
