"""Building MSPDI with an XML library (never by pasting strings): elements in the order MS Project's schema
(mspdi_pj12.xsd) lists them, values in its formats, text stripped of what XML 1.0 cannot carry."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from xml.etree import ElementTree

from pmcode.mspdi.xmlsafe import NAMESPACE

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
ElementTree.register_namespace("", NAMESPACE)
Element = ElementTree.Element
MINUTES_PER_DAY = 24 * 60
# DurationFormat / LagFormat of each pmcode unit (MSPDI's codes: 5 h, 7 d, 9 w, 11 mo, their elapsed form +1)
UNIT_FORMATS = {"h": 5, "d": 7, "w": 9, "mo": 11, "eh": 6, "ed": 8, "ew": 10, "%": 19}


def element(name: str) -> Element:
    return Element(f"{{{NAMESPACE}}}{name}")


def sub(parent: Element, name: str, value: object = None) -> Element:
    """A child `name` holding `value` (True/False as 1/0, datetimes in MSPDI's form)."""
    child = ElementTree.SubElement(parent, f"{{{NAMESPACE}}}{name}")
    if value is not None:
        child.text = xml_text(value)
    return child


def xml_text(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".") or "0"
    return _NOT_XML.sub("", str(value))


def duration(minutes: float) -> str:
    """MSPDI's duration form: `PT8H30M0S`."""
    whole = round(minutes)
    return f"PT{whole // 60}H{whole % 60}M0S"


def clock(minute: int) -> str:
    """`13:00:00`; the end of the day is written 00:00:00, as MS Project does."""
    return f"{(minute // 60) % 24:02d}:{minute % 60:02d}:00"


def week_days(parent: Element, week: tuple[tuple[tuple[int, int], ...], ...]) -> None:
    """Seven WeekDay entries, Sunday (1) to Saturday (7), from a Monday-first week."""
    days = sub(parent, "WeekDays")
    for day_type in range(1, 8):
        intervals = week[(day_type + 5) % 7]
        day = sub(days, "WeekDay")
        sub(day, "DayType", day_type)
        sub(day, "DayWorking", bool(intervals))
        if intervals:
            times = sub(day, "WorkingTimes")
            for start, end in intervals:
                working = sub(times, "WorkingTime")
                sub(working, "FromTime", clock(start))
                sub(working, "ToTime", clock(end))


def exceptions(parent: Element, days_off: Iterable[tuple[date, date, str]]) -> None:
    """Non-working date ranges as 2007+ calendar exceptions."""
    ranges = list(days_off)
    if not ranges:
        return
    holder = sub(parent, "Exceptions")
    for first, last, name in ranges:
        exception = sub(holder, "Exception")
        sub(exception, "EnteredByOccurrences", False)
        period = sub(exception, "TimePeriod")
        sub(period, "FromDate", datetime(first.year, first.month, first.day))
        sub(period, "ToDate", datetime(last.year, last.month, last.day, 23, 59))
        sub(exception, "Occurrences", 1)
        if name:
            sub(exception, "Name", name[:512])
        sub(exception, "Type", 1)
        sub(exception, "DayWorking", False)


def ranges(days: Iterable[tuple[date, str]]) -> list[tuple[date, date, str]]:
    """Consecutive days with the same name as one range."""
    result: list[tuple[date, date, str]] = []
    for day, name in sorted(days):
        if result and (day - result[-1][1]).days == 1 and result[-1][2] == name:
            result[-1] = (result[-1][0], day, name)
        else:
            result.append((day, day, name))
    return result


def serialise(root: Element) -> bytes:
    ElementTree.indent(root, space="  ")
    body = ElementTree.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + body + "\n").encode("utf-8")
