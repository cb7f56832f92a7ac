"""The days a calendar exception covers: a plain range, or a recurring one (every other day, the fourth Thursday
of November, ...) bounded by its TimePeriod, which MS Project always writes out in full."""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterator
from datetime import date, timedelta

DAILY, YEARLY_BY_DAY, YEARLY_BY_POSITION, MONTHLY_BY_DAY, MONTHLY_BY_POSITION, WEEKLY = 1, 2, 3, 4, 5, 6
LAST_POSITION = 4
_MONTH_ITEM_WEEKDAYS = {0: range(7), 1: range(5), 2: range(5, 7)}  # day, weekday, weekend day; 3-9 Sunday-Saturday


def _days(first: date, last: date) -> Iterator[date]:
    for offset in range((last - first).days + 1):
        yield first + timedelta(days=offset)


def _item_days(year: int, month: int, item: int) -> list[date]:
    weekdays = _MONTH_ITEM_WEEKDAYS.get(item, range((item - 3 + 6) % 7, (item - 3 + 6) % 7 + 1))
    count = calendar.monthrange(year, month)[1]
    return [date(year, month, d) for d in range(1, count + 1) if date(year, month, d).weekday() in weekdays]


def _by_position(day: date, position: int, item: int) -> bool:
    candidates = _item_days(day.year, day.month, item)
    if not candidates:
        return False
    index = -1 if position >= LAST_POSITION else position
    return index < len(candidates) and candidates[index] == day


def _months_between(first: date, day: date) -> int:
    return (day.year - first.year) * 12 + day.month - first.month


def exception_days(first: date, last: date, rule: dict[str, int]) -> list[date]:
    kind = rule.get("Type", DAILY)
    period = max(rule.get("Period", 1), 1)
    month = rule.get("Month", 0) + 1  # MSPDI months count from 0
    month_day = rule.get("MonthDay", 1)
    position, item = rule.get("MonthPosition", 0), rule.get("MonthItem", 0)
    mask = rule.get("DaysOfWeek", 0)
    week_start = first - timedelta(days=first.weekday())
    matches: dict[int, Callable[[date], bool]] = {
        DAILY: lambda d: (d - first).days % period == 0,
        WEEKLY: lambda d: (((d - week_start).days // 7) % period == 0) and bool(mask & (1 << ((d.weekday() + 1) % 7))),
        YEARLY_BY_DAY: lambda d: d.month == month and d.day == month_day,
        YEARLY_BY_POSITION: lambda d: d.month == month and _by_position(d, position, item),
        MONTHLY_BY_DAY: lambda d: _months_between(first, d) % period == 0 and d.day == month_day,
        MONTHLY_BY_POSITION: lambda d: _months_between(first, d) % period == 0 and _by_position(d, position, item),
    }
    test = matches.get(kind, matches[DAILY])
    return [d for d in _days(first, last) if test(d)]
