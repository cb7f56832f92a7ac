"""Earned schedule (Lipke, 2003): schedule performance in time units, from the baseline's cumulative PV by period.

ES is the time at which the plan reaches the earned value; SV(t) = ES - AT, SPI(t) = ES / AT, IEAC(t) = PD / SPI(t)
and TSPI = (PD - ES) / (PD - AT). Conventions: site/docs/guide/earned-value.md.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from pmcode.evm.months import add_months
from pmcode.evm.values import Reasons, index


@dataclass(frozen=True, slots=True)
class PlannedSeries:
    """The baseline's planned value by period, for earned schedule.

    `cumulative[k - 1]` is the PV at the END of period k (k = 1..n), so PV is 0 at time 0 and grows linearly
    within a period. `at` is the actual time: periods elapsed at the status date (fractions allowed), at most n.
    The planned duration PD is the first period whose cumulative PV reaches the series' last value: a late
    project's series may go on past PD with flat PV, so that AT can exceed PD. `period_ends` (optional) are the
    last days of periods 1..n, calendar months; they give ES and IEAC(t) as dates.
    """

    cumulative: tuple[float, ...]
    at: float
    period_ends: tuple[date, ...] = ()

    def __post_init__(self) -> None:
        if not self.cumulative:
            raise ValueError("the PV series is empty")
        previous = 0.0
        for k, value in enumerate(self.cumulative, start=1):
            if not math.isfinite(value) or value < 0:
                raise ValueError(f"PV series value {k} must be a finite amount, 0 or more (got {value!r})")
            if value < previous:
                raise ValueError(
                    f"the PV series must be cumulative (never decreasing): value {k} ({value:g}) is below value "
                    f"{k - 1} ({previous:g})"
                )
            previous = value
        n = len(self.cumulative)
        if not math.isfinite(self.at) or self.at < 0:
            raise ValueError(f"AT must be a number of periods, 0 or more (got {self.at!r})")
        if self.at > n:
            raise ValueError(f"AT {self.at:g} is beyond the PV series, which has {n} periods")
        if self.period_ends:
            if len(self.period_ends) != n:
                raise ValueError(f"{len(self.period_ends)} period end dates for {n} periods")
            if any(b <= a for a, b in zip(self.period_ends, self.period_ends[1:], strict=False)):
                raise ValueError("period end dates must increase")

    @classmethod
    def of(cls, cumulative: Sequence[float], at: float, period_ends: Sequence[date] = ()) -> PlannedSeries:
        return cls(tuple(float(v) for v in cumulative), float(at), tuple(period_ends))

    @property
    def periods(self) -> int:
        return len(self.cumulative)

    @property
    def planned_duration(self) -> int:
        """PD: the first period whose cumulative PV reaches the last value (at least 1)."""
        return max(1, bisect_left(self.cumulative, self.cumulative[-1]) + 1)

    def planned_at(self, time: float) -> float:
        """PV at a time in periods, linear within a period (0 at time 0)."""
        whole = min(int(time), self.periods)
        before = self.cumulative[whole - 1] if whole else 0.0
        if whole == self.periods:
            return before
        return before + (self.cumulative[whole] - before) * (time - whole)

    def earned_schedule(self, ev: float) -> float:
        """ES for an earned value: the time at which the plan reaches EV (Lipke: C whole periods with PV <= EV plus
        the interpolated fraction of the next), never past PD. Where the plan is flat at EV's level (a period
        with nothing planned), several times qualify; the one nearest AT is taken, so that a period with nothing
        planned is neither gained nor lost, and EV equal to the PV at AT always gives ES = AT."""
        if not math.isfinite(ev) or ev < 0:
            raise ValueError(f"EV must be a finite amount, 0 or more (got {ev!r})")
        cumulative, n = self.cumulative, self.periods
        whole = bisect_right(cumulative, ev)  # Lipke's C: periods whose cumulative PV <= EV
        latest = float(n) if whole == n else whole + _fraction(cumulative, whole, ev)
        first_reaching = bisect_left(cumulative, ev)  # periods whose cumulative PV < EV
        if ev <= 0:
            earliest = 0.0
        elif first_reaching == n:
            earliest = float(n)
        else:
            earliest = first_reaching + _fraction(cumulative, first_reaching, ev)
        return min(max(self.at, earliest), latest, float(self.planned_duration))

    def period_end(self, time: float) -> date | None:
        """The last day of the period in which a time in periods falls (time 0 is in period 1); months past the
        series are counted on from the last period end. None without period dates or past the year 9999."""
        if not self.period_ends:
            return None
        period = max(1, math.ceil(round(time, 9)))
        if period <= self.periods:
            return self.period_ends[period - 1]
        return add_months(self.period_ends[-1], period - self.periods)


def _fraction(cumulative: tuple[float, ...], whole: int, ev: float) -> float:
    """The interpolated part of period whole + 1 that EV covers: (EV - PV_C) / (PV_C+1 - PV_C)."""
    before = cumulative[whole - 1] if whole else 0.0
    step = cumulative[whole] - before
    return (ev - before) / step if step > 0 else 0.0


@dataclass(frozen=True, slots=True)
class EarnedSchedule:
    """Earned schedule in periods (and as dates when the series has period dates). None: see the reasons."""

    es: float | None = None
    at: float | None = None
    sv_t: float | None = None
    spi_t: float | None = None
    ieac_t: float | None = None
    tspi: float | None = None
    pd: int | None = None
    es_date: date | None = None
    ieac_t_date: date | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "es": index(self.es),
            "at": index(self.at),
            "sv_t": index(self.sv_t),
            "spi_t": index(self.spi_t),
            "ieac_t": index(self.ieac_t),
            "tspi": index(self.tspi),
            "es_date": None if self.es_date is None else self.es_date.isoformat(),
            "ieac_t_date": None if self.ieac_t_date is None else self.ieac_t_date.isoformat(),
        }


_ES_KEYS = ("es", "at", "sv_t", "spi_t", "ieac_t", "tspi", "es_date", "ieac_t_date")


def earned_schedule(series: PlannedSeries | None, ev: float, reasons: Reasons) -> EarnedSchedule:
    if series is None:
        for key in _ES_KEYS:
            reasons.null(f"earned_schedule.{key}", "no PV series given")
        return EarnedSchedule()
    pd, at = series.planned_duration, series.at
    es = series.earned_schedule(ev)
    spi_t = reasons.ratio("earned_schedule.spi_t", es, at, "AT is 0: no time has elapsed")
    if spi_t is None:
        ieac_t = None
        reasons.null("earned_schedule.ieac_t", "SPI(t) is undefined (AT is 0)")
    else:
        ieac_t = reasons.ratio("earned_schedule.ieac_t", pd, spi_t, "SPI(t) is 0: nothing of the plan is earned")
    tspi = None
    if pd - at > 0:
        tspi = reasons.ratio("earned_schedule.tspi", pd - es, pd - at, "")
    else:
        reasons.null("earned_schedule.tspi", "AT has reached PD, the planned duration")
    es_date = series.period_end(es)
    ieac_t_date = None if ieac_t is None else series.period_end(ieac_t)
    if not series.period_ends:
        reasons.null("earned_schedule.es_date", "no period dates given")
        reasons.null("earned_schedule.ieac_t_date", "no period dates given")
    elif ieac_t is None:
        reasons.null("earned_schedule.ieac_t_date", "IEAC(t) is undefined")
    elif ieac_t_date is None:
        reasons.null("earned_schedule.ieac_t_date", "IEAC(t) falls after the year 9999")
    return EarnedSchedule(es, at, es - at, spi_t, ieac_t, tspi, pd, es_date, ieac_t_date)
