"""Time-phasing: an amount spread over days, and days summed into months.

Planned value is time-phased linearly over each task's working time (FORMAT.md): a day gets the share of the
amount that its working minutes are of the task's working minutes between its start and finish, in the project
calendar. So a holiday inside a task gets nothing, a half day gets half a day's share, and a task spanning a month
boundary splits by the working time on each side. A milestone (start = finish) puts the whole amount on its day;
a task with no working time at all (elapsed time over a weekend) is spread over its elapsed minutes instead.

`spread_linear` is the one function both the baseline (`pmcode baseline save`) and the earned-value engine use;
`Phasing` binds it to a portfolio's calendars. `spread_resource` is the resource-loaded variant: hours x rate on
each day (what the cost engine books for labor).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, timedelta

from pmcode.cost.periods import month_name, month_of

DayWeights = Sequence[tuple[date, float]]  # e.g. working minutes per day, days with none left out


def spread_by_day(amount: float, weights: DayWeights, *, on: date) -> list[tuple[date, float]]:
    """`amount` shared among the days in proportion to their weights; all on `on` when there is no weight."""
    total = sum(weight for _, weight in weights)
    if total <= 0:
        return [(on, amount)]
    return [(day, amount * weight / total) for day, weight in weights if weight > 0]


def months(days: Iterable[tuple[date, float]]) -> dict[str, float]:
    """Amounts by day -> amounts by month ('YYYY-MM'), months in order."""
    totals: dict[int, float] = {}
    for day, amount in days:
        key = month_of(day)
        totals[key] = totals.get(key, 0.0) + amount
    return {month_name(key): totals[key] for key in sorted(totals)}


def spread_linear(amount: float, weights: DayWeights, *, on: date) -> dict[str, float]:
    """`amount` by month ('YYYY-MM'), linear over the weighted days (see `spread_by_day`)."""
    return months(spread_by_day(amount, weights, on=on))


def spread_resource(hours: DayWeights, rate: Callable[[date], float]) -> dict[str, float]:
    """Resource-loaded: the hours of each day x the rate on that day, by month."""
    return months((day, worked * rate(day)) for day, worked in hours)


def elapsed_minutes_by_day(start: datetime, finish: datetime) -> list[tuple[date, float]]:
    """Calendar minutes of each day between two moments (the fallback weight of a task without working time)."""
    days: list[tuple[date, float]] = []
    moment = start
    while moment < finish:
        midnight = datetime.combine(moment.date() + timedelta(days=1), datetime.min.time())
        until = min(midnight, finish)
        days.append((moment.date(), (until - moment).total_seconds() / 60))
        moment = until
    return days
