"""Calendars, roles and people: the shared files of a portfolio, as model objects."""

from __future__ import annotations

from typing import Any

from pmcode.model.build_common import day, opt_date, opt_float, parse_interval, rates
from pmcode.model.types import Calendar, Holiday, Leave, Person, Role, Src
from pmcode.model.units import parse_percent

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_WORKDAYS = WEEKDAYS[:5]
DEFAULT_HOURS = ("09:00-17:00",)


def build_calendar(data: dict[str, Any], src: Src | None) -> Calendar:
    workdays = set(data.get("workdays", DEFAULT_WORKDAYS))
    hours = tuple(parse_interval(i) for i in data.get("hours", DEFAULT_HOURS))
    overrides = data.get("week", {})
    week = tuple(
        tuple(parse_interval(i) for i in overrides[weekday])
        if weekday in overrides
        else (hours if weekday in workdays else ())
        for weekday in WEEKDAYS
    )
    holidays = data.get("holidays", {})
    dates = []
    for item in holidays.get("dates", ()):
        if isinstance(item, str):
            dates.append(Holiday(day(item), ""))
        else:
            dates.append(Holiday(day(item["date"]), item.get("name", "")))
    return Calendar(
        id=data["id"],
        name=data.get("name", data["id"]),
        week=week,
        hours_per_day=float(data.get("hours_per_day", 8)),
        holiday_country=holidays.get("country"),
        holiday_subdiv=holidays.get("subdiv"),
        holidays=tuple(sorted(dates, key=lambda h: h.day)),
        src=src,
    )


def builtin_calendar(calendar_id: str) -> Calendar:
    """Monday to Friday, 09:00-17:00, 8 h a day, no holidays: what a portfolio without calendars.yaml gets."""
    return build_calendar({"id": calendar_id, "name": "Built-in standard week"}, None)


def build_person(data: dict[str, Any], src: Src) -> Person:
    available = data.get("available", {})
    leave = tuple(
        Leave(day(item["from"]), day(item["to"]), item.get("reason", ""), src.child("leave", n))
        for n, item in enumerate(data.get("leave", ()))
    )
    return Person(
        id=data["id"],
        name=data["name"],
        email=data.get("email"),
        role=data.get("role"),
        rate=opt_float(data.get("rate")),
        rates=rates(data.get("rates")),
        calendar=data.get("calendar"),
        units=parse_percent(data.get("units", "100%")),
        efficiency=float(data.get("efficiency", 1.0)),
        leave=leave,
        available_from=opt_date(available.get("from")),
        available_to=opt_date(available.get("to")),
        src=src,
    )


def build_role(data: dict[str, Any], src: Src) -> Role:
    return Role(data["id"], data.get("name", data["id"]), opt_float(data.get("rate")), rates(data.get("rates")), src)
