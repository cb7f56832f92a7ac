"""The horizontal axis of the Gantt chart and the portfolio timeline: calendar days, each as wide as the others.

Inside a day, a moment is placed by how much of the working day has passed: with a 09:00-17:00 day, 09:00 is the
day's left edge and 17:00 its right edge, so a task of five working days from Monday 09:00 to Friday 17:00 is
exactly five days wide, and a milestone at Friday 17:00 sits on Friday's right edge. Weekends and holidays keep
their width (the reader's calendar has them too).

The scale follows the space a day gets: weeks when a week has room for its label, else months, else quarters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from pmcode.render.charts.svg import MONTHS

WORKDAY = (9 * 60, 17 * 60)  # minutes from midnight: the default calendar's working day
WEEK_MIN_PX = 34.0  # a week needs this much room for "04" and a tick
MONTH_MIN_PX = 26.0
UPPER_MIN_PX = 64.0  # room for "Sep 2027"


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str
    major: bool  # a month (week scale) or a year (month and quarter scale)


@dataclass(frozen=True, slots=True)
class TimeAxis:
    first: date  # the day at x = left
    days: int
    left: float
    day_width: float
    workday: tuple[int, int] = WORKDAY

    @classmethod
    def spanning(
        cls, first: date, last: date, left: float, width: float, workday: tuple[int, int] = WORKDAY
    ) -> TimeAxis:
        """An axis from the Monday on or before `first` through the Sunday on or after `last`, `width` px wide."""
        start = first - timedelta(days=first.weekday())
        end = last + timedelta(days=6 - last.weekday())
        days = (end - start).days + 1
        begin, finish = workday if workday[1] > workday[0] else WORKDAY
        return cls(start, days, left, width / days, (begin, finish))

    @classmethod
    def covering(
        cls,
        days: list[date],
        status_date: date | None,
        fallback: date,
        left: float,
        width: float,
        workday: tuple[int, int] = WORKDAY,
    ) -> TimeAxis:
        """An axis over `days` and the whole status day (`fallback` when there is nothing to show)."""
        shown = days + ([status_date + timedelta(days=1)] if status_date is not None else [])
        shown = shown or [fallback]
        return cls.spanning(min(shown), max(shown), left, width, workday)

    @property
    def right(self) -> float:
        return self.left + self.days * self.day_width

    def x_day(self, day: date) -> float:
        """The left edge of a day."""
        return self.left + (day - self.first).days * self.day_width

    def x(self, moment: datetime) -> float:
        """A moment: its day's left edge plus the share of the working day that has passed."""
        begin, end = self.workday
        minute = moment.hour * 60 + moment.minute
        share = min(max((minute - begin) / (end - begin), 0.0), 1.0)
        return self.x_day(moment.date()) + share * self.day_width

    @property
    def scale(self) -> str:
        if self.day_width * 7 >= WEEK_MIN_PX:
            return "week"
        if self.day_width * 30 >= MONTH_MIN_PX:
            return "month"
        return "quarter"

    def ticks(self) -> tuple[list[Tick], list[Tick]]:
        """(upper row, lower row): months over weeks, or years over months or quarters."""
        upper: list[Tick] = []
        lower: list[Tick] = []
        scale = self.scale
        for offset in range(self.days):
            day = self.first + timedelta(days=offset)
            x = self.x_day(day)
            if scale == "week":
                if day.weekday() == 0:
                    lower.append(Tick(x, f"{day.day:02d}", day.day <= 7))
                if day.day == 1 or offset == 0:
                    upper.append(Tick(x, f"{MONTHS[day.month - 1]} {day.year}", day.day == 1))
                continue
            if day.day == 1 and (scale == "month" or day.month % 3 == 1):
                label = MONTHS[day.month - 1] if scale == "month" else f"Q{(day.month - 1) // 3 + 1}"
                lower.append(Tick(x, label, day.month == 1))
            if (day.month == 1 and day.day == 1) or offset == 0:
                upper.append(Tick(x, str(day.year), day.month == 1 and day.day == 1))
        if len(upper) > 1 and upper[1].x - upper[0].x < UPPER_MIN_PX:  # a partial first month or year: no room
            upper.pop(0)
        return upper, lower
