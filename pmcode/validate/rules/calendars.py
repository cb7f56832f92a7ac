"""PM210, PM216, PM217, PM222: working intervals that make sense, and holiday regions the holidays package knows."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import holidays

from pmcode.diagnostics import Diagnostic
from pmcode.model import Calendar, Portfolio
from pmcode.model.build_common import parse_interval
from pmcode.text import did_you_mean


@cache
def supported_regions() -> dict[str, frozenset[str]]:
    """Country code -> its subdivision codes, as the pinned `holidays` release knows them."""
    return {country: frozenset(subdivs) for country, subdivs in holidays.list_supported_countries().items()}


def _intervals(calendar: Calendar) -> Iterator[tuple[list[str], tuple[str | int, ...]]]:
    """Each list of working intervals as written, with its path inside the calendar."""
    assert calendar.src is not None
    hours = calendar.src.raw("hours")
    if isinstance(hours, list):
        yield hours, ("hours",)
    week = calendar.src.raw("week")
    if isinstance(week, dict):
        for day, intervals in week.items():
            yield intervals, ("week", day)


def _interval_findings(calendar: Calendar) -> Iterator[Diagnostic]:
    assert calendar.src is not None
    for intervals, path in _intervals(calendar):
        previous_end = -1
        for n, text in enumerate(intervals):
            start, end = parse_interval(text)
            loc = calendar.src.at(*path, n)
            if end <= start:
                yield Diagnostic.at(loc, "PM210", f"working interval '{text}' ends before it starts")
            elif start < previous_end:
                yield Diagnostic.at(loc, "PM217", f"working interval '{text}' overlaps or precedes the one before it")
            previous_end = max(previous_end, end)


def _holiday_findings(calendar: Calendar) -> Iterator[Diagnostic]:
    assert calendar.src is not None
    country, subdiv = calendar.holiday_country, calendar.holiday_subdiv
    if country is None:
        if subdiv is not None:
            message = "a holiday subdiv needs a country"
            yield Diagnostic.at(calendar.src.at("holidays", "subdiv"), "PM216", message)
        return
    regions = supported_regions()
    if country not in regions:
        # No guess from spelling: two or three letters are close to many codes, and 'DEN' is not 'DE' (Germany).
        message = f"the holidays package has no country '{country}' (use an ISO 3166 code such as US, GB, DE or DNK)"
        yield Diagnostic.at(calendar.src.at("holidays", "country"), "PM216", message)
    elif subdiv is not None and subdiv not in regions[country]:
        hint = did_you_mean(subdiv, regions[country])
        message = f"country '{country}' has no subdivision '{subdiv}' in the holidays package{hint}"
        yield Diagnostic.at(calendar.src.at("holidays", "subdiv"), "PM216", message)


def calendars(portfolio: Portfolio) -> Iterator[Diagnostic]:
    for calendar in portfolio.calendars.values():
        if calendar.src is None:
            continue
        yield from _interval_findings(calendar)
        yield from _holiday_findings(calendar)
        if not any(calendar.week):
            message = f"calendar '{calendar.id}' has no working hours on any day"
            yield Diagnostic.at(calendar.src.at("id"), "PM222", message)
