"""Linear time-phasing bound to a portfolio's calendars: what baselines and earned value call.

`Phasing(portfolio).linear(project, amount, start, finish)` is a task's budget by month, linear over its working
time in the project calendar; `linear_by_day` gives the days, for a cumulative value up to a status date.
"""

from __future__ import annotations

from datetime import date, datetime

from pmcode.cost.spread import elapsed_minutes_by_day, months, spread_by_day
from pmcode.model import Portfolio, Project
from pmcode.schedule import working_minutes_by_day
from pmcode.schedule.calendars import Calendars


class Phasing:
    def __init__(self, portfolio: Portfolio, calendars: Calendars | None = None) -> None:
        self.portfolio = portfolio
        self.calendars = calendars or Calendars(portfolio)

    def weights(self, project: Project, start: datetime, finish: datetime) -> list[tuple[date, float]]:
        """Working minutes per day of the project calendar between two moments; elapsed minutes when there are
        none (a task in elapsed time over a weekend); empty for a milestone."""
        if finish <= start:
            return []
        calendar_id = self.calendars.project_calendar_id(project)
        days = [
            (day, float(minutes)) for day, minutes in working_minutes_by_day(self.calendars, calendar_id, start, finish)
        ]
        return days if any(minutes > 0 for _, minutes in days) else elapsed_minutes_by_day(start, finish)

    def linear_by_day(
        self, project: Project, amount: float, start: datetime, finish: datetime
    ) -> list[tuple[date, float]]:
        """`amount` by day, linear over the working time between `start` and `finish` (a milestone: its day)."""
        return spread_by_day(amount, self.weights(project, start, finish), on=start.date())

    def linear(self, project: Project, amount: float, start: datetime, finish: datetime) -> dict[str, float]:
        """`amount` by month ('YYYY-MM'), linear over the working time between `start` and `finish`."""
        return months(self.linear_by_day(project, amount, start, finish))

    def linear_through(self, project: Project, amount: float, start: datetime, finish: datetime, day: date) -> float:
        """The part of `amount` planned up to and including `day` (planned value at a status date)."""
        return sum(share for when, share in self.linear_by_day(project, amount, start, finish) if when <= day)
