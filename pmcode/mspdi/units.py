"""MS Project's duration formats and pmcode's duration text, both ways.

MSPDI stores every duration as minutes (working minutes, or wall-clock minutes when elapsed) and says how the
user typed it in `DurationFormat` / `LagFormat`: 3 minutes, 5 hours, 7 days, 9 weeks, 11 months, the next even
number the elapsed form (4 em, 6 eh, 8 ed, 10 ew, 12 emo), 19/20 a percentage (lags), 21 no format; 32 more is the
same unit marked estimated (`5d?`). One day is the file's MinutesPerDay, one week MinutesPerWeek, one month
DaysPerMonth days; an elapsed day is 24 hours and an elapsed month 30 days.

pmcode writes the unit the user chose when the amount is a whole number of it (pmcode's `w` is 5 d and `mo` 20 d, so
weeks and months are used only when the file agrees), else the next smaller unit that is, else decimal hours.
"""

from __future__ import annotations

from dataclasses import dataclass

ESTIMATED_OFFSET = 32
MINUTES_PER_ELAPSED_DAY = 24 * 60
PERCENT_FORMATS = (19, 20)
_UNITS = {3: "m", 4: "m", 5: "h", 6: "h", 7: "d", 8: "d", 9: "w", 10: "w", 11: "mo", 12: "mo", 19: "%", 20: "%"}
_ELAPSED = {4, 6, 8, 10, 12, 20}
_PMCODE_DAYS_PER_WEEK = 5
_PMCODE_DAYS_PER_MONTH = 20


@dataclass(frozen=True, slots=True)
class Format:
    unit: str  # m, h, d, w, mo, %; '' when the file gives none
    elapsed: bool
    estimated: bool


def duration_format(code: int, default: int = 7) -> Format:
    estimated = code > ESTIMATED_OFFSET + 2
    base = code - ESTIMATED_OFFSET if estimated else code
    if base not in _UNITS:
        base = default - ESTIMATED_OFFSET if default > ESTIMATED_OFFSET + 2 else default
    return Format(_UNITS.get(base, "d"), base in _ELAPSED, estimated)


def amount_text(value: float) -> str:
    """A number as pmcode writes amounts: at most 4 decimals, no trailing zeros."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


@dataclass(frozen=True, slots=True)
class Scale:
    """The file's idea of a day, a week and a month, in working minutes."""

    minutes_per_day: int = 480
    minutes_per_week: int = 2400
    days_per_month: int = 20

    def _working_factors(self) -> dict[str, int]:
        factors = {"d": self.minutes_per_day, "h": 60}
        if self.minutes_per_week == _PMCODE_DAYS_PER_WEEK * self.minutes_per_day:
            factors["w"] = self.minutes_per_week
        if self.days_per_month == _PMCODE_DAYS_PER_MONTH:
            factors["mo"] = self.days_per_month * self.minutes_per_day
        return factors

    def working(self, minutes: float, unit: str) -> str:
        """Working minutes as pmcode text in `unit` if exact, else days or hours (`2400, 'w'` -> `1w`)."""
        order = ("mo", "w", "d", "h")
        return _text(round(minutes), unit if unit in order else "h", self._working_factors(), order)

    def elapsed(self, minutes: float, unit: str) -> str:
        """Wall-clock minutes as pmcode elapsed text (`1440, 'd'` -> `1ed`; an elapsed month is 30 ed)."""
        factors = {"ew": 7 * MINUTES_PER_ELAPSED_DAY, "ed": MINUTES_PER_ELAPSED_DAY, "eh": 60}
        wanted = {"mo": "ed", "w": "ew", "d": "ed"}.get(unit, "eh")
        return _text(round(minutes), wanted, factors, ("ew", "ed", "eh"))


def _text(minutes: int, unit: str, factors: dict[str, int], order: tuple[str, ...]) -> str:
    """The first unit from `unit` down in which `minutes` is a whole number, else hours with decimals (exact to
    the minute when read back: 4 decimals of an hour are 0.36 seconds)."""
    for candidate in order[order.index(unit) :]:
        factor = factors.get(candidate)
        if factor and minutes % factor == 0:
            return f"{minutes // factor}{candidate}"
    return f"{amount_text(minutes / 60)}{order[-1]}"
