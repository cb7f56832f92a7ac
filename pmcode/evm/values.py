"""The values of earned value: rounding for output, and the record of why an undefined indicator is null.

Null semantics, designed once: an indicator that is undefined (a division by zero, a denominator that makes no
sense such as BAC - AC <= 0 for TCPI, a missing input) is `None`, and a reasons map gives its key a sentence saying
why. Nothing is ever NaN or infinite: a result too large for a float is also `None`, with a reason. Values are kept
unrounded; output rounds money to cents, indices and periods to 6 decimals and percentages to 4.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Context, Decimal

MONEY_PLACES, INDEX_PLACES, PERCENT_PLACES = 2, 6, 4
_WIDE = Context(prec=400, rounding=ROUND_HALF_UP)  # enough digits for any float with 6 decimals


def round_half_away(value: float, places: int) -> float:
    """`value` rounded to `places` decimals, halves away from zero, on its shortest decimal form (so 0.125 -> 0.13
    and 2.675 -> 2.68, as a person rounding the printed number would); never -0.0."""
    quantum = Decimal(1).scaleb(-places)
    return float(Decimal(repr(value)).quantize(quantum, context=_WIDE)) + 0.0


def money(value: float | None) -> float | None:
    return None if value is None else round_half_away(value, MONEY_PLACES)


def index(value: float | None) -> float | None:
    return None if value is None else round_half_away(value, INDEX_PLACES)


def percent(value: float | None) -> float | None:
    return None if value is None else round_half_away(value, PERCENT_PLACES)


def check_amount(name: str, value: float, *, negative: bool = False) -> None:
    if not math.isfinite(value) or (value < 0 and not negative):
        raise ValueError(f"{name} must be a finite amount{'' if negative else ', 0 or more'} (got {value!r})")


class Reasons:
    """Collects why each null is null; `ratio` and `finite` return None after noting the reason."""

    def __init__(self) -> None:
        self.items: dict[str, str] = {}

    def null(self, key: str, reason: str) -> None:
        self.items[key] = reason

    def finite(self, key: str, value: float) -> float | None:
        if math.isfinite(value):
            return value
        self.items[key] = "too large to compute"
        return None

    def ratio(self, key: str, numerator: float, denominator: float, reason: str) -> float | None:
        if denominator == 0:
            self.items[key] = reason
            return None
        return self.finite(key, numerator / denominator)

    def percent(self, key: str, numerator: float, denominator: float, reason: str) -> float | None:
        fraction = self.ratio(key, numerator, denominator, reason)
        return None if fraction is None else self.finite(key, fraction * 100)

    def undefined(self, key: str, source: str, why: str) -> None:
        """`key` is null because the indicator `source` (e.g. 'cpi') is: say why that one is."""
        self.items[key] = f"{source.upper()} is undefined ({self.items[source]})" if source in self.items else why
