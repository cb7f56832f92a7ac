"""Working-time arithmetic at minute resolution.

A moment is an integer: minutes since the time base's epoch (local time, no zone). A WorkingTime answers, for
one person or project, how much working time lies before a moment (`work_before`, W(t)), and the inverse: the
moment a given amount of working time has been reached (`end_at`) or when the next working minute starts
(`start_at`). Every calendar question the scheduler asks is one of these, each a binary search over per-day
prefix sums: O(log days), whatever the task's length.

Days are built with numpy from the weekly pattern, then holidays, leave and the availability window are
zeroed. Work is only ever counted inside the horizon; asking beyond it raises BeyondHorizon, which the scheduler
turns into a "cannot be scheduled" finding instead of searching forever.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np
import numpy.typing as npt

from pmcode.model.types import Interval

MINUTES_PER_DAY = 1440
OFF = 7  # day kind of a day without working time


class BeyondHorizon(Exception):
    """The working time asked for does not exist before the end of the horizon."""


@dataclass(frozen=True)
class TimeBase:
    """Moments are minutes since `epoch` (midnight); the scheduler works only within `days` days of it."""

    epoch: date
    days: int

    def moment(self, when: datetime | date) -> int:
        if not isinstance(when, datetime):
            when = datetime(when.year, when.month, when.day)
        delta = when - datetime(self.epoch.year, self.epoch.month, self.epoch.day)
        return delta.days * MINUTES_PER_DAY + delta.seconds // 60

    def day_index(self, day: date) -> int:
        return (day - self.epoch).days

    def datetime(self, moment: int) -> datetime:
        return datetime(self.epoch.year, self.epoch.month, self.epoch.day) + timedelta(minutes=moment)

    def date(self, moment: int) -> date:
        return self.epoch + timedelta(days=moment // MINUTES_PER_DAY)


class WeekPattern:
    """The working intervals of each weekday (Monday first), with per-weekday running totals."""

    def __init__(self, week: tuple[tuple[Interval, ...], ...]) -> None:
        self.week = week
        self.minutes = [sum(end - start for start, end in day) for day in week] + [0]  # index OFF: nothing
        # For each weekday: interval starts, ends, and working minutes before each interval.
        self.starts = [[s for s, _ in day] for day in week] + [[]]
        self.ends = [[e for _, e in day] for day in week] + [[]]
        self.before: list[list[int]] = []
        for day in week:
            running, totals = 0, []
            for start, end in day:
                totals.append(running)
                running += end - start
            self.before.append(totals)
        self.before.append([])
        # The same answers as a lookup table, [day kind][minute of the day 0..1440]: W(t) without a search.
        self.rows: list[list[int]] = [self._worked_row(kind) for kind in range(len(self.starts))]
        # And `moment_of` by working minutes 0..the day's total, for a valid week (intervals in order).
        self.tables = all(m >= 0 for m in self.minutes) and all(t == sorted(t) for t in self.before)
        self.start_rows = [self._moment_row(kind, ending=False) for kind in range(len(self.starts))]
        self.end_rows = [self._moment_row(kind, ending=True) for kind in range(len(self.starts))]
        self._table: npt.NDArray[np.int64] | None = None

    def table(self) -> npt.NDArray[np.int64]:
        """`worked_until` as an array: [day kind, minute of the day 0..1440] -> working minutes before it."""
        if self._table is None:
            table = np.zeros((len(self.starts), MINUTES_PER_DAY + 1), dtype=np.int64)
            minute = np.arange(MINUTES_PER_DAY + 1, dtype=np.int64)
            for kind, day in enumerate(self.week):
                for start, end in day:
                    table[kind] += np.clip(minute - start, 0, end - start)
            self._table = table
        return self._table

    def _worked_row(self, kind: int) -> list[int]:
        """`worked_until(kind, minute)` for every minute 0..1440 of the day, the same formula vectorised."""
        minute = np.arange(MINUTES_PER_DAY + 1, dtype=np.int64)
        if self.starts[kind] != sorted(self.starts[kind]):  # not a valid calendar (PM217): minute by minute
            return [self.worked_until(kind, m) for m in range(MINUTES_PER_DAY + 1)]
        if not self.starts[kind]:
            return [0] * (MINUTES_PER_DAY + 1)
        starts, ends = np.asarray(self.starts[kind], dtype=np.int64), np.asarray(self.ends[kind], dtype=np.int64)
        index = np.searchsorted(starts, minute, side="right") - 1
        at = np.maximum(index, 0)
        row = np.asarray(self.before[kind], dtype=np.int64)[at] + np.minimum(minute, ends[at]) - starts[at]
        values: list[int] = np.where(index < 0, 0, row).tolist()
        return values

    def _moment_row(self, kind: int, *, ending: bool) -> list[int]:
        if not self.tables or not self.before[kind]:
            return []
        worked = np.arange(self.minutes[kind] + 1, dtype=np.int64)
        totals, starts = np.asarray(self.before[kind], dtype=np.int64), np.asarray(self.starts[kind], dtype=np.int64)
        index = np.maximum(np.searchsorted(totals, worked, side="left" if ending else "right") - 1, 0)
        values: list[int] = (starts[index] + worked - totals[index]).tolist()
        return values

    def worked_until(self, kind: int, minute: int) -> int:
        """Working minutes of a day of this kind before `minute` (0..1440) of the day."""
        index = bisect_right(self.starts[kind], minute) - 1
        if index < 0:
            return 0
        return self.before[kind][index] + min(minute, self.ends[kind][index]) - self.starts[kind][index]

    def moment_of(self, kind: int, worked: int, *, ending: bool) -> int:
        """Minute of the day at which `worked` working minutes of the day have passed. ending=True: the moment the
        last of them ends (17:00); False: the moment the next one starts (09:00 the next interval)."""
        totals = self.before[kind]
        index = (bisect_left(totals, worked) - 1) if ending else (bisect_right(totals, worked) - 1)
        index = max(index, 0)
        return self.starts[kind][index] + worked - totals[index]


class WorkingTime:
    """One calendar made concrete over the horizon: a pattern, and the days it does not apply."""

    def __init__(self, base: TimeBase, pattern: WeekPattern, off_days: Iterable[int], window: tuple[int, int] | None):
        days = np.arange(base.days)
        kinds = (days + base.epoch.weekday()) % 7
        off = np.fromiter((d for d in off_days if 0 <= d < base.days), dtype=np.int64)
        kinds[off] = OFF
        if window is not None:  # first and last available day, inclusive
            first, last = window
            kinds[: max(first, 0)] = OFF
            kinds[max(last + 1, 0) :] = OFF
        per_day = np.asarray(pattern.minutes, dtype=np.int64)[kinds]
        self.base = base
        self.pattern = pattern
        self.kind_array = kinds
        self.cum_array = np.concatenate(([0], np.cumsum(per_day)))
        self.kinds: list[int] = kinds.tolist()
        self.cum: list[int] = self.cum_array.tolist()
        self.total: int = self.cum[-1]
        self.end = base.days * MINUTES_PER_DAY
        self._day_rows = [pattern.rows[kind] for kind in self.kinds]  # W within each day, by minute
        self._day_starts = [pattern.start_rows[kind] for kind in self.kinds] if pattern.tables else None
        self._day_ends = [pattern.end_rows[kind] for kind in self.kinds] if pattern.tables else None

    def arrays(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Running totals (days + 1), day kinds and the pattern's minute table, for vectorised questions."""
        return self.cum_array, self.kind_array, self.pattern.table()

    def work_before(self, moment: int) -> int:
        """W(t): working minutes between the epoch and `moment`."""
        if moment <= 0:
            return 0
        if moment >= self.end:
            return self.total
        day = moment // MINUTES_PER_DAY
        return self.cum[day] + self._day_rows[day][moment - day * MINUTES_PER_DAY]

    def start_at(self, worked: int) -> int:
        """The moment the working minute after `worked` begins: the next working moment once `worked` is done."""
        if worked < 0:
            worked = 0
        if worked >= self.total:
            raise BeyondHorizon
        day = bisect_right(self.cum, worked) - 1
        if self._day_starts is not None:
            return day * MINUTES_PER_DAY + self._day_starts[day][worked - self.cum[day]]
        return day * MINUTES_PER_DAY + self.pattern.moment_of(self.kinds[day], worked - self.cum[day], ending=False)

    def end_at(self, worked: int) -> int:
        """The earliest moment at which `worked` working minutes are done (17:00, not the next morning)."""
        if worked <= 0:
            return 0
        if worked > self.total:
            raise BeyondHorizon
        day = bisect_left(self.cum, worked) - 1
        if self._day_ends is not None:
            return day * MINUTES_PER_DAY + self._day_ends[day][worked - self.cum[day]]
        return day * MINUTES_PER_DAY + self.pattern.moment_of(self.kinds[day], worked - self.cum[day], ending=True)

    def next_working(self, moment: int) -> int:
        """The first working moment at or after `moment`."""
        return self.start_at(self.work_before(moment))

    def add(self, moment: int, minutes: int) -> int:
        """The moment `minutes` of working time after `moment` (before it, if negative) have passed."""
        return self.end_at(self.work_before(moment) + minutes)

    def working_between(self, start: int, finish: int) -> int:
        return self.work_before(finish) - self.work_before(start)

    def minutes_by_day(self, start: int, finish: int) -> list[tuple[int, int]]:
        """Working minutes of each day between two moments, as (day index, minutes), days without work left out.
        The full days in between come straight from the running totals."""
        start, finish = max(start, 0), min(finish, self.end)
        if finish <= start:
            return []
        first, last = start // MINUTES_PER_DAY, (finish - 1) // MINUTES_PER_DAY
        if first == last:
            minutes = self.work_before(finish) - self.work_before(start)
            return [(first, minutes)] if minutes else []
        cum = self.cum
        days = [(first, cum[first + 1] - self.work_before(start))] if cum[first + 1] > self.work_before(start) else []
        days.extend((day, cum[day + 1] - cum[day]) for day in range(first + 1, last) if cum[day + 1] > cum[day])
        minutes = self.work_before(finish) - cum[last]
        if minutes:
            days.append((last, minutes))
        return days
