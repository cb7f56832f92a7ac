"""Calendar months as periods: `YYYY-MM` names, their last days, and month arithmetic.

Earned value counts time in whole calendar months (period k ends on the last day of the k-th month). These few
helpers are kept here, not borrowed from the cost engine, so that earned value depends on plain numbers only.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

_MONTH = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])")
LAST_YEAR = 9999


def parse_month(text: str) -> int:
    """'2027-02' -> a month index (year * 12 + month - 1). ValueError for anything else."""
    match = _MONTH.fullmatch(text)
    if match is None or match.group(1) == "0000":
        raise ValueError(f"'{text}' is not a month (YYYY-MM)")
    return int(match.group(1)) * 12 + int(match.group(2)) - 1


def month_name(month: int) -> str:
    year, index = divmod(month, 12)
    return f"{year:04d}-{index + 1:02d}"


def month_end(month: int) -> date:
    """The last day of a month index."""
    year, index = divmod(month, 12)
    return date(year, index + 1, calendar.monthrange(year, index + 1)[1])


def is_month_end(day: date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def add_months(day: date, count: int) -> date | None:
    """The end of the month `count` months after `day`'s month (`day` a month end), or the same day of the month
    clamped to that month's length; None past the year 9999."""
    month = day.year * 12 + day.month - 1 + count
    if month // 12 > LAST_YEAR:
        return None
    end = month_end(month)
    return end if is_month_end(day) else end.replace(day=min(day.day, end.day))
