"""Periods and fiscal years: calendar months as `YYYY-MM`, fiscal years as `FY2027`.

Inside the engines a month is an integer, `year * 12 + month - 1`, so that accumulating by month costs an integer
key, not a formatted string; `month_name` turns it into `YYYY-MM` at output.

A fiscal year is named after the calendar year in which it ENDS: with `fiscal_year_start: 04-01`, FY2028 runs from
2027-04-01 to 2028-03-31; with the default 01-01, FY2027 is the calendar year 2027. Periods are whole calendar
months, so a fiscal year that starts on a day other than the 1st is counted from the month it starts in
(`07-15`: July is the first month of the new fiscal year).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta

Month = int  # year * 12 + month - 1


def month_of(day: date) -> Month:
    return day.year * 12 + day.month - 1


def month_name(month: Month) -> str:
    year, index = divmod(month, 12)
    return f"{year:04d}-{index + 1:02d}"


def parse_month(text: str) -> Month:
    """'2027-02' -> Month."""
    year, month = text.split("-")
    return int(year) * 12 + int(month) - 1


def first_day(month: Month) -> date:
    year, index = divmod(month, 12)
    return date(year, index + 1, 1)


def last_day(month: Month) -> date:
    return first_day(month + 1) - timedelta(days=1)


def months_between(first: Month, last: Month) -> Iterator[Month]:
    """Every month from `first` to `last`, both included."""
    return iter(range(first, last + 1))


class FiscalYears:
    """Which fiscal year a month belongs to, for a fiscal year starting on (month, day)."""

    def __init__(self, start: tuple[int, int] = (1, 1)) -> None:
        self.start_month, self.start_day = start
        # A year starting on 01-01 ends in the same calendar year; any other start ends in the next one.
        self._ends_later = 0 if start == (1, 1) else 1

    def of_month(self, month: Month) -> str:
        year, index = divmod(month, 12)
        start_year = year if index + 1 >= self.start_month else year - 1
        return f"FY{start_year + self._ends_later:04d}"

    def of_day(self, day: date) -> str:
        return self.of_month(month_of(day))

    def months(self, fiscal_year: str) -> tuple[Month, Month]:
        """First and last month of `fiscal_year` ('FY2027')."""
        start_year = int(fiscal_year[2:]) - self._ends_later
        first = start_year * 12 + self.start_month - 1
        return first, first + 11

    def group(self, months: Iterable[tuple[Month, float]]) -> dict[str, float]:
        """Amounts by month -> amounts by fiscal year."""
        totals: dict[str, float] = {}
        for month, amount in months:
            key = self.of_month(month)
            totals[key] = totals.get(key, 0.0) + amount
        return totals
