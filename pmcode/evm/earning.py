"""How progress becomes earned value, and how earned value adds up: per task, per summary, project and portfolio,
and month by month.

Plain numbers in (a task's baseline budget, its cumulative PV and AC, its percent complete; money by month as
`{'YYYY-MM': amount}`), so that this does not depend on how the cost engine phases PV. Roll-ups add PV, EV, AC and
BAC and recompute every index from the sums: indices are never averaged (two tasks with CPI 0.5 and 2.0 do not
make a project with CPI 1.25).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pmcode.evm.earned_schedule import PlannedSeries
from pmcode.evm.indicators import Indicators, Variances, compute_indicators, variances
from pmcode.evm.months import month_end, month_name, parse_month

# Earning rules, as the task's `ev_method` names them (schemas/project.schema.json), plus level of effort.
PERCENT, ZERO_HUNDRED, FIFTY_FIFTY, LEVEL_OF_EFFORT = "percent", "0/100", "50/50", "loe"
EV_METHODS = (PERCENT, ZERO_HUNDRED, FIFTY_FIFTY, LEVEL_OF_EFFORT)


def earned_value(
    budget: float,
    fraction: float,
    method: str = PERCENT,
    *,
    started: bool | None = None,
    finished: bool | None = None,
    planned: float | None = None,
) -> float:
    """EV of one task with baseline budget `budget` and physical progress `fraction` (0..1).

    - `percent`: budget x fraction.
    - `0/100`: nothing until finished, then the budget.
    - `50/50`: half the budget once started, the rest when finished.
    - `loe` (level of effort): EV = PV, so `planned` (the task's cumulative PV) is required.
    `started` defaults to fraction > 0 and `finished` to fraction >= 1 (pass actual dates' facts when known).
    """
    if not math.isfinite(budget) or budget < 0:
        raise ValueError(f"a task's budget must be a finite amount, 0 or more (got {budget!r})")
    if not math.isfinite(fraction) or not 0 <= fraction <= 1:
        raise ValueError(f"percent complete must be between 0 and 100% (got {fraction!r})")
    is_finished = fraction >= 1 if finished is None else finished
    is_started = is_finished or (fraction > 0 if started is None else started)
    if method == PERCENT:
        return budget * fraction
    if method == ZERO_HUNDRED:
        return budget if is_finished else 0.0
    if method == FIFTY_FIFTY:
        return budget if is_finished else (budget / 2 if is_started else 0.0)
    if method == LEVEL_OF_EFFORT:
        if planned is None or not math.isfinite(planned) or planned < 0:
            raise ValueError("level of effort earns its planned value: give the task's PV")
        return planned
    raise ValueError(f"unknown earning method '{method}' (one of {', '.join(EV_METHODS)})")


@dataclass(frozen=True, slots=True)
class Totals:
    """Cumulative BAC, PV, EV and AC of a task or of anything that sums tasks; `etc` is the bottom-up estimate to
    complete when known (a sum has one only when every part has one)."""

    bac: float = 0.0
    pv: float = 0.0
    ev: float = 0.0
    ac: float = 0.0
    etc: float | None = None

    def indicators(self, eac_method: str = "cpi", series: PlannedSeries | None = None) -> Indicators:
        return compute_indicators(
            self.bac, self.pv, self.ev, self.ac, etc_bottom_up=self.etc, eac_method=eac_method, series=series
        )


def task_totals(
    budget: float,
    planned: float,
    actual: float,
    fraction: float,
    method: str = PERCENT,
    *,
    started: bool | None = None,
    finished: bool | None = None,
    etc: float | None = None,
) -> Totals:
    """One task's totals: its budget is its BAC, `planned` its cumulative PV and `actual` its cumulative AC at the
    status date; EV by its earning rule (`earned_value`)."""
    ev = earned_value(budget, fraction, method, started=started, finished=finished, planned=planned)
    return Totals(budget, planned, ev, actual, etc)


def roll_up(parts: Iterable[Totals]) -> Totals:
    """The sum of several totals (a summary task, a project, a portfolio)."""
    items = list(parts)
    etcs = [p.etc for p in items]
    known = [e for e in etcs if e is not None]
    return Totals(
        bac=math.fsum(p.bac for p in items),
        pv=math.fsum(p.pv for p in items),
        ev=math.fsum(p.ev for p in items),
        ac=math.fsum(p.ac for p in items),
        etc=math.fsum(known) if items and len(known) == len(etcs) else None,
    )


def roll_up_paths(leaves: Mapping[str, Totals]) -> dict[str, Totals]:
    """Totals for every leaf task (by dotted path) and every summary above it; '' is the whole project."""
    members: dict[str, list[Totals]] = {}
    for path, totals in leaves.items():
        members.setdefault(path, []).append(totals)
        parts = path.split(".")
        for depth in range(len(parts) - 1, -1, -1):
            members.setdefault(".".join(parts[:depth]), []).append(totals)
    return {path: roll_up(members[path]) for path in sorted(members)}


@dataclass(frozen=True, slots=True)
class Period:
    """One month: its own PV, EV and AC with their variances (`current`), and every indicator cumulative to the
    month's end (`cumulative`, with earned schedule at AT = the month's number in the timeline)."""

    month: str
    current: Variances
    cumulative: Indicators

    def to_json(self) -> dict[str, Any]:
        return {"month": self.month, "current": self.current.to_json(), "cumulative": self.cumulative.to_json()}


def increments(cumulative: Mapping[str, float]) -> dict[str, float]:
    """Month -> amount of that month, from month -> cumulative amount (e.g. EV as of each month's actuals)."""
    out: dict[str, float] = {}
    previous = 0.0
    for month in sorted(cumulative, key=parse_month):
        out[month] = cumulative[month] - previous
        previous = cumulative[month]
    return out


def sum_through(per_month: Mapping[str, float], month: str) -> float:
    """The cumulative amount at the end of `month`."""
    last = parse_month(month)
    return math.fsum(amount for key, amount in per_month.items() if parse_month(key) <= last)


def monthly(
    pv: Mapping[str, float],
    ev: Mapping[str, float],
    ac: Mapping[str, float],
    *,
    bac: float,
    through: str,
    eac_method: str = "cpi",
    etc_bottom_up: Mapping[str, float] | None = None,
) -> tuple[Period, ...]:
    """Month-by-month indicators from each month's own PV, EV and AC (`{'YYYY-MM': amount}`), from the first
    month with any of them through `through` (the status month).

    The timeline's period 1 is that first month; earned schedule uses the whole baseline PV (also past `through`)
    as its cumulative series, and the months' last days as period dates. `etc_bottom_up` maps a month to the
    bottom-up estimate to complete at its end. ValueError for a malformed month or a cumulative amount that turns
    negative (a month's own amount may be negative: a correction)."""
    last_status = parse_month(through)
    keyed = [{parse_month(k): float(v) for k, v in series.items()} for series in (pv, ev, ac)]
    months = [m for series in keyed for m in series]
    if not months or min(months) > last_status:
        return ()
    first = min(months)
    last_plan = max([*keyed[0], last_status])
    plan_pv = _cumulate(keyed[0], first, last_plan)
    series_ends = tuple(month_end(m) for m in range(first, last_plan + 1))
    running = [0.0, 0.0, 0.0]
    periods: list[Period] = []
    for number, month in enumerate(range(first, last_status + 1), start=1):
        amounts = [series.get(month, 0.0) for series in keyed]
        running = [math.fsum((total, amount)) for total, amount in zip(running, amounts, strict=True)]
        name = month_name(month)
        if min(running) < 0:
            raise ValueError(f"cumulative PV, EV or AC is negative at the end of {name}")
        series = PlannedSeries(plan_pv, float(number), series_ends)
        etc = None if etc_bottom_up is None else etc_bottom_up.get(name)
        cumulative = compute_indicators(
            bac, running[0], running[1], running[2], etc_bottom_up=etc, eac_method=eac_method, series=series
        )
        periods.append(Period(name, variances(*amounts), cumulative))
    return tuple(periods)


def _cumulate(per_month: Mapping[int, float], first: int, last: int) -> tuple[float, ...]:
    running, out = 0.0, []
    for month in range(first, last + 1):
        running += per_month.get(month, 0.0)
        out.append(running)
    return tuple(out)
