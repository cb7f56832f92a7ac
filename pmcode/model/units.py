"""Durations, efforts, lags and percentages as written in plan files (`5d`, `3ed`, `-2d`, `50%`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_DURATION = re.compile(r"(-?[0-9]+(?:\.[0-9]+)?)(h|d|w|mo|eh|ed|ew|%)\Z")

WORKING_UNITS = ("h", "d", "w", "mo")
ELAPSED_UNITS = ("eh", "ed", "ew")
DAYS_PER_WEEK = 5
DAYS_PER_MONTH = 20


@dataclass(frozen=True, slots=True)
class Duration:
    """An amount of time in one unit. Working units depend on the calendar's `hours_per_day`; elapsed ones do not."""

    amount: float
    unit: str

    @classmethod
    def parse(cls, text: str) -> Duration:
        match = _DURATION.match(text)
        if match is None:
            raise ValueError(f"not a duration: {text!r}")
        return cls(float(match.group(1)), match.group(2))

    @property
    def elapsed(self) -> bool:
        return self.unit in ELAPSED_UNITS

    @property
    def is_percent(self) -> bool:
        """A lag given as a percentage of the predecessor's duration."""
        return self.unit == "%"

    def working_hours(self, hours_per_day: float) -> float:
        """Working hours of a working-time duration (`d` = hours_per_day, `w` = 5 d, `mo` = 20 d)."""
        factors = {
            "h": 1.0,
            "d": hours_per_day,
            "w": DAYS_PER_WEEK * hours_per_day,
            "mo": DAYS_PER_MONTH * hours_per_day,
        }
        if self.unit not in factors:
            raise ValueError(f"{self} is not working time")
        return self.amount * factors[self.unit]

    def elapsed_hours(self) -> float:
        """Calendar hours of an elapsed duration."""
        factors = {"eh": 1.0, "ed": 24.0, "ew": 168.0}
        if self.unit not in factors:
            raise ValueError(f"{self} is not elapsed time")
        return self.amount * factors[self.unit]

    def __str__(self) -> str:
        amount = f"{self.amount:g}"
        return f"{amount}{self.unit}"


def parse_percent(text: str) -> float:
    """'50%' -> 0.5"""
    if not text.endswith("%"):
        raise ValueError(f"not a percentage: {text!r}")
    return float(text[:-1]) / 100.0
