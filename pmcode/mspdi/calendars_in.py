"""MS Project calendars -> pmcode calendars (and, for resources, leave).

MS Project calendars inherit: a resource calendar is based on a base calendar and changes some weekdays or adds
exceptions. pmcode calendars do not inherit, so each one written is flattened. Non-working exceptions become
holiday dates; a resource calendar that only adds days off keeps its base calendar and the days become the
person's leave, which is what they usually are (vacations). Exceptions that change a day's working hours and
alternative work weeks have no pmcode equivalent: they are reported, not imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from pmcode.model.build_staff import build_calendar
from pmcode.model.types import Calendar
from pmcode.mspdi.findings import Findings
from pmcode.mspdi.recurrence import exception_days
from pmcode.mspdi.slugs import Slugs, slug, variants
from pmcode.mspdi.source import Interval, MsCalendar, MsException, MsProject
from pmcode.text import quote

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DEFAULT_DAY = ((8 * 60, 12 * 60), (13 * 60, 17 * 60))  # MS Project's standard working day
MAX_HOLIDAYS = 5000  # as calendars.schema.json allows


@dataclass(frozen=True, slots=True)
class Flat:
    """A calendar with inheritance resolved: seven weekdays (Monday first) and its days off."""

    week: tuple[tuple[Interval, ...], ...]
    holidays: tuple[tuple[date, str], ...]
    days_off: frozenset[date] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "days_off", frozenset(day for day, _ in self.holidays))

    def working(self, day: date) -> tuple[Interval, ...]:
        """The working intervals of one date."""
        return () if day in self.days_off else self.week[day.weekday()]

    def working_minutes(self, start: datetime, finish: datetime) -> int:
        """Working minutes between two moments."""
        total, day = 0, start.date()
        while day <= finish.date():
            low = start.hour * 60 + start.minute if day == start.date() else 0
            high = finish.hour * 60 + finish.minute if day == finish.date() else 24 * 60
            total += sum(max(0, min(end, high) - max(begin, low)) for begin, end in self.working(day))
            day += timedelta(days=1)
        return total


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def interval_text(interval: Interval) -> str:
    return f"{_clock(interval[0])}-{_clock(interval[1])}"


def _meaning(entry: dict[str, Any]) -> tuple[object, ...]:
    """What a calendar entry means for scheduling, whatever its name and layout."""
    calendar: Calendar = build_calendar(entry, None)
    days_off = frozenset(holiday.day for holiday in calendar.holidays)
    return calendar.week, calendar.hours_per_day, calendar.holiday_country, calendar.holiday_subdiv, days_off


class CalendarMapper:
    def __init__(self, project: MsProject, findings: Findings, existing: list[dict[str, Any]]) -> None:
        self.project, self.findings = project, findings
        self.existing = {entry["id"]: entry for entry in existing}
        self.slugs = Slugs(set(self.existing))
        self.written: dict[int, str] = {}  # MS Project calendar UID -> pmcode calendar id
        self.entries: list[dict[str, Any]] = []  # calendars to add to calendars.yaml
        self.comments: list[tuple[str, str]] = []  # (id, comment) for each of them
        self._flat: dict[int, Flat] = {}
        self._reported: set[int] = set()

    def _chain(self, uid: int) -> list[MsCalendar]:
        """The calendar and its bases, the calendar first."""
        chain: list[MsCalendar] = []
        calendar = self.project.calendars.get(uid)
        while calendar is not None and calendar not in chain:
            chain.append(calendar)
            calendar = self.project.calendars.get(calendar.base_uid) if calendar.base_uid is not None else None
        return chain

    def flat(self, uid: int) -> Flat:
        if uid not in self._flat:
            chain = self._chain(uid)
            week = []
            for weekday in range(7):
                own = next((c.week[weekday] for c in chain if weekday in c.week), None)
                week.append(own if own is not None else (() if weekday >= 5 else _DEFAULT_DAY))
            holidays: dict[date, str] = {}
            for calendar in reversed(chain):  # the base first: a derived calendar's own exception wins
                for exception in calendar.exceptions:
                    self._report(calendar, exception)
                    if not exception.working:
                        days = exception_days(exception.first, exception.last, exception.recurrence)
                        holidays.update((day, exception.name) for day in days)
            self._flat[uid] = Flat(tuple(week), tuple(sorted(holidays.items())[:MAX_HOLIDAYS]))
        return self._flat[uid]

    def _report(self, calendar: MsCalendar, exception: MsException) -> None:
        if id(exception) in self._reported:
            return
        self._reported.add(id(exception))
        if exception.working:
            hours = ", ".join(interval_text(i) for i in exception.intervals)
            self.findings.add(
                exception.line,
                "PM401",
                f"calendar {quote(calendar.name)}: working time {hours} from {exception.first} to {exception.last} "
                "is not imported (pmcode calendars cannot change the hours of particular days)",
            )
        if calendar.work_weeks and calendar.uid not in self._reported:
            self._reported.add(calendar.uid)
            self.findings.add(
                calendar.line,
                "PM401",
                f"calendar {quote(calendar.name)}: {calendar.work_weeks} alternative work week(s) not imported; its "
                "default week applies all year",
            )

    def calendar_id(self, uid: int, hours_per_day: float) -> str:
        """The pmcode calendar written for this MS Project calendar (written on first use)."""
        if uid in self.written:
            return self.written[uid]
        calendar = self.project.calendars.get(uid)
        flat = self.flat(uid)
        for other_uid, other_id in self.written.items():
            if self.flat(other_uid) == flat:  # identical after flattening: share it
                self.written[uid] = other_id
                return other_id
        name = calendar.name if calendar is not None and calendar.name else f"Calendar {uid}"
        natural = slug(name) or f"calendar-{uid}"
        entry = calendar_entry(natural, name, flat, hours_per_day)
        for known in variants(natural, self.existing):  # calendars.yaml has it already (from an earlier import)
            if _meaning(self.existing[known]) == _meaning(entry):
                self.written[uid] = known
                return known
        calendar_id = self.slugs.unique(name, f"calendar-{uid}")
        if calendar_id != natural and natural in self.existing:
            line = calendar.line if calendar is not None else 1
            message = (
                f"calendars.yaml already has a different calendar '{natural}': MS Project's calendar {quote(name)} is "
                f"added as '{calendar_id}'"
            )
            self.findings.add(line, "PM403", message)
        entry["id"] = calendar_id
        self.written[uid] = calendar_id
        self.entries.append(entry)
        self.comments.append((calendar_id, f"calendar UID {uid}"))
        return calendar_id

    def base_of(self, uid: int) -> int:
        """The calendar a resource calendar stands for: its base when it only adds days off (kept as leave)."""
        calendar = self.project.calendars.get(uid)
        if calendar is not None and calendar.base_uid is not None and not calendar.week:
            return calendar.base_uid
        return uid

    def own_days_off(self, uid: int) -> list[tuple[date, date, str]]:
        """A resource calendar's own non-working exceptions as inclusive (first, last, reason) ranges."""
        calendar = self.project.calendars.get(uid)
        if calendar is None or calendar.base_uid is None:
            return []
        ranges = []
        for exception in calendar.exceptions:
            self._report(calendar, exception)
            if exception.working:
                continue
            days = exception_days(exception.first, exception.last, exception.recurrence)
            start = previous = None
            for day in days:
                if start is None or previous is None or (day - previous).days != 1:
                    if start is not None and previous is not None:
                        ranges.append((start, previous, exception.name))
                    start = day
                previous = day
            if start is not None and previous is not None:
                ranges.append((start, previous, exception.name))
        return ranges


def calendar_entry(calendar_id: str, name: str, flat: Flat, hours_per_day: float) -> dict[str, Any]:
    working = [day for day in flat.week if day]
    hours = max(working, key=working.count) if working else _DEFAULT_DAY
    entry: dict[str, Any] = {"id": calendar_id, "name": name[:200]}
    entry["workdays"] = [WEEKDAYS[n] for n, day in enumerate(flat.week) if day == hours]
    entry["hours"] = [interval_text(i) for i in hours]
    week = {WEEKDAYS[n]: [interval_text(i) for i in day] for n, day in enumerate(flat.week) if day and day != hours}
    if week:
        entry["week"] = week
    entry["hours_per_day"] = int(hours_per_day) if hours_per_day == int(hours_per_day) else round(hours_per_day, 4)
    if flat.holidays:
        entry["holidays"] = {
            "dates": [
                {"date": d.isoformat(), "name": n[:200]} if n.strip() else d.isoformat() for d, n in flat.holidays
            ]
        }
    return entry
