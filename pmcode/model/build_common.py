"""Conversions shared by the model builders: dates, numbers, rates, thresholds."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pmcode.model.types import Interval, Moment, Rate, Src, Threshold, Thresholds


def opt_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def opt_moment(value: str | None) -> Moment | None:
    """A day or a date and time, as constraints are written."""
    if not value:
        return None
    if "T" in value:
        return Moment(datetime.fromisoformat(value), whole_day=False)
    return Moment(datetime.fromisoformat(value + "T00:00"), whole_day=True)


def day(value: str) -> date:
    return date.fromisoformat(value)


def parse_interval(text: str) -> Interval:
    start, end = text.split("-")
    return (minutes(start), minutes(end))


def minutes(text: str) -> int:
    hours, mins = text.split(":")
    return int(hours) * 60 + int(mins)


def rates(items: list[dict[str, Any]] | None) -> tuple[Rate, ...]:
    parsed = (Rate(day(item["from"]), float(item["rate"])) for item in items or ())
    return tuple(sorted(parsed, key=lambda r: r.start))


def opt_float(value: Any) -> float | None:
    return None if value is None else float(value)


def build_thresholds(data: dict[str, Any] | None, src: Src | None = None) -> Thresholds | None:
    """`src`: the `thresholds` mapping as written, so that a finding can name where each level is set."""
    if data is None:
        return None
    values = {
        name: Threshold(
            opt_float(item.get("warn")), opt_float(item.get("fail")), src.child(name) if src is not None else None
        )
        for name, item in data.items()
    }
    return Thresholds(tuple(sorted(values.items())))
