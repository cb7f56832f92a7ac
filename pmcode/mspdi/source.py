"""An MS Project XML file as plain records: what the importer maps, each with the line it came from.

Only the fields pmcode can use or must warn about are read. Dates stay naive local date-times, durations and
work are minutes (MSPDI's `PT#H#M#S`), lags are tenths of a minute as in the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from xml.etree.ElementTree import Element

from pmcode.mspdi import xmlsafe
from pmcode.mspdi.xmlsafe import Tree, child, children, flag, integer, moment, number, text

Interval = tuple[int, int]  # minutes from midnight


@dataclass(frozen=True, slots=True)
class MsException:
    """Days that differ from the calendar's week: non-working days, or days with their own working times."""

    first: date
    last: date  # inclusive
    working: bool
    intervals: tuple[Interval, ...]
    name: str
    recurrence: dict[str, int]  # Type, Period, DaysOfWeek, Month, MonthDay, MonthItem, MonthPosition, Occurrences
    line: int


@dataclass(frozen=True, slots=True)
class MsCalendar:
    uid: int
    name: str
    base_uid: int | None
    week: dict[int, tuple[Interval, ...]]  # weekday (0 = Monday) -> intervals, only the days this calendar sets
    exceptions: tuple[MsException, ...]
    work_weeks: int  # alternative work weeks (not modelled)
    line: int


@dataclass(frozen=True, slots=True)
class MsLink:
    pred_uid: int
    type: int  # 0 FF, 1 FS, 2 SF, 3 SS
    lag: float  # tenths of a minute, or a percentage for percent formats
    lag_format: int
    cross_project: bool
    line: int


@dataclass(slots=True)
class MsTask:
    uid: int
    id: int
    name: str
    line: int
    outline_level: int
    summary: bool
    milestone: bool
    manual: bool
    active: bool
    null: bool
    type: int  # 0 fixed units, 1 fixed duration, 2 fixed work
    duration: float  # minutes
    duration_format: int
    estimated: bool
    start: datetime | None
    finish: datetime | None
    constraint_type: int
    constraint_date: datetime | None
    calendar_uid: int
    priority: int
    percent_complete: float
    actual_start: datetime | None
    deadline: datetime | None
    recurring: bool
    external: bool
    subproject: bool
    leveling_delay: float
    notes: str
    links: list[MsLink] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class MsResource:
    uid: int
    name: str
    type: int  # 0 material, 1 work, 2 cost
    max_units: float
    standard_rate: float
    calendar_uid: int
    email: str
    available_from: datetime | None
    available_to: datetime | None
    null: bool
    line: int


@dataclass(frozen=True, slots=True)
class MsAssignment:
    task_uid: int
    resource_uid: int
    units: float
    work: float  # minutes
    contour: int
    delay: float
    line: int


@dataclass(slots=True)
class MsProject:
    name: str
    title: str
    start: datetime | None
    status_date: datetime | None
    calendar_uid: int
    minutes_per_day: int
    minutes_per_week: int
    days_per_month: int
    duration_format: int
    schedule_from_start: bool
    currency: str
    calendars: dict[int, MsCalendar]
    tasks: list[MsTask]
    resources: dict[int, MsResource]
    assignments: list[MsAssignment]
    line: int = 1


def _time(value: str) -> int | None:
    """`08:30:00` -> 510; None when unreadable."""
    try:
        hours, minutes = value.split(":")[:2]
        return int(hours) * 60 + int(minutes)
    except ValueError:
        return None


def _intervals(element: Element) -> tuple[Interval, ...]:
    result = []
    for working in children(element, "WorkingTimes/WorkingTime"):
        start, end = _time(text(working, "FromTime")), _time(text(working, "ToTime"))
        if start is None or end is None:
            continue
        if end <= start:  # `23:00-00:00`: until midnight
            end += 24 * 60
        result.append((start, min(end, 24 * 60)))
    return tuple(sorted(result))


def _period(element: Element) -> tuple[date, date] | None:
    period = child(element, "TimePeriod")
    if period is None:
        return None
    first, last = moment(period, "FromDate"), moment(period, "ToDate")
    if first is None or last is None:
        return None
    return first.date(), last.date()


_RECURRENCE = ("Type", "Period", "DaysOfWeek", "Month", "MonthDay", "MonthItem", "MonthPosition", "Occurrences")


def _calendar(tree: Tree, element: Element) -> MsCalendar:
    week: dict[int, tuple[Interval, ...]] = {}
    exceptions = []
    for day in children(element, "WeekDays/WeekDay"):
        kind = integer(day, "DayType", -1)
        intervals = _intervals(day) if flag(day, "DayWorking") else ()
        if 1 <= kind <= 7:
            week[(kind + 5) % 7] = intervals  # MSPDI counts 1 = Sunday; pmcode 0 = Monday
        elif kind == 0 and (period := _period(day)) is not None:  # an exception, as files before 2007 write them
            first, last = period
            exceptions.append(MsException(first, last, bool(intervals), intervals, "", {}, tree.line(day)))
    for exception in children(element, "Exceptions/Exception"):
        period = _period(exception)
        if period is None:
            continue
        intervals = _intervals(exception) if flag(exception, "DayWorking") else ()
        recurrence = {key: integer(exception, key) for key in _RECURRENCE if text(exception, key)}
        exceptions.append(
            MsException(
                period[0],
                period[1],
                bool(intervals),
                intervals,
                text(exception, "Name"),
                recurrence,
                tree.line(exception),
            )
        )
    base = integer(element, "BaseCalendarUID", -1)
    return MsCalendar(
        uid=integer(element, "UID"),
        name=text(element, "Name"),
        base_uid=None if flag(element, "IsBaseCalendar") or base < 0 else base,
        week=week,
        exceptions=tuple(exceptions),
        work_weeks=len(children(element, "WorkWeeks/WorkWeek")),
        line=tree.line(element),
    )


def _link(tree: Tree, element: Element) -> MsLink:
    return MsLink(
        pred_uid=integer(element, "PredecessorUID", -1),
        type=integer(element, "Type", 1),
        lag=number(element, "LinkLag"),
        lag_format=integer(element, "LagFormat", 7),
        cross_project=flag(element, "CrossProject"),
        line=tree.line(element),
    )


def _task(tree: Tree, element: Element) -> MsTask:
    active = text(element, "Active", "1")
    return MsTask(
        uid=integer(element, "UID"),
        id=integer(element, "ID"),
        name=text(element, "Name"),
        line=tree.line(element),
        outline_level=integer(element, "OutlineLevel", 1),
        summary=flag(element, "Summary"),
        milestone=flag(element, "Milestone"),
        manual=flag(element, "Manual"),
        active=active.lower() in ("1", "true"),
        null=flag(element, "IsNull"),
        type=integer(element, "Type"),
        duration=xmlsafe.duration(element, "Duration") or 0.0,
        duration_format=integer(element, "DurationFormat", 0),
        estimated=flag(element, "Estimated"),
        start=moment(element, "Start"),
        finish=moment(element, "Finish"),
        constraint_type=integer(element, "ConstraintType"),
        constraint_date=moment(element, "ConstraintDate"),
        calendar_uid=integer(element, "CalendarUID", -1),
        priority=integer(element, "Priority", 500),
        percent_complete=number(element, "PercentComplete"),
        actual_start=moment(element, "ActualStart"),
        deadline=moment(element, "Deadline"),
        recurring=flag(element, "Recurring"),
        external=flag(element, "ExternalTask"),
        subproject=flag(element, "IsSubproject"),
        leveling_delay=number(element, "LevelingDelay"),
        notes=text(element, "Notes"),
        links=[_link(tree, link) for link in children(element, "PredecessorLink")],
    )


def _resource(tree: Tree, element: Element) -> MsResource:
    return MsResource(
        uid=integer(element, "UID"),
        name=text(element, "Name"),
        type=integer(element, "Type", 1),
        max_units=number(element, "MaxUnits", 1.0),
        standard_rate=number(element, "StandardRate"),
        calendar_uid=integer(element, "CalendarUID", -1),
        email=text(element, "EmailAddress"),
        available_from=moment(element, "AvailableFrom"),
        available_to=moment(element, "AvailableTo"),
        null=flag(element, "IsNull"),
        line=tree.line(element),
    )


def _assignment(tree: Tree, element: Element) -> MsAssignment:
    return MsAssignment(
        task_uid=integer(element, "TaskUID", -1),
        resource_uid=integer(element, "ResourceUID", -1),
        units=number(element, "Units", 1.0),
        work=xmlsafe.duration(element, "Work") or 0.0,
        contour=integer(element, "WorkContour"),
        delay=number(element, "Delay"),
        line=tree.line(element),
    )


def read_project(data: bytes) -> MsProject:
    """Parse an MSPDI document. Raises MspdiError when it is not one."""
    tree = xmlsafe.parse(data)
    root = tree.root
    calendars = {c.uid: c for c in (_calendar(tree, e) for e in children(root, "Calendars/Calendar"))}
    resources = {r.uid: r for r in (_resource(tree, e) for e in children(root, "Resources/Resource"))}
    return MsProject(
        name=text(root, "Name"),
        title=text(root, "Title"),
        start=moment(root, "StartDate"),
        status_date=moment(root, "StatusDate"),
        calendar_uid=integer(root, "CalendarUID", 1),
        minutes_per_day=integer(root, "MinutesPerDay", 480) or 480,
        minutes_per_week=integer(root, "MinutesPerWeek", 2400) or 2400,
        days_per_month=integer(root, "DaysPerMonth", 20) or 20,
        duration_format=integer(root, "DurationFormat", 7),
        schedule_from_start=text(root, "ScheduleFromStart", "1") in ("1", "true"),
        currency=text(root, "CurrencyCode"),
        calendars=calendars,
        tasks=[_task(tree, e) for e in children(root, "Tasks/Task")],
        resources=resources,
        assignments=[_assignment(tree, e) for e in children(root, "Assignments/Assignment")],
        line=tree.line(root),
    )
