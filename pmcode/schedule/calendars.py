"""The concrete working times of a portfolio: one per project calendar and one per person, built once."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import holidays

from pmcode.model import BUILTIN_CALENDAR_ID, Calendar, Person, Portfolio, Project
from pmcode.model.build_staff import builtin_calendar
from pmcode.schedule.calendar import TimeBase, WeekPattern, WorkingTime
from pmcode.schedule.network import TaskNode

HISTORY_DAYS = 400  # before the earliest project start: room for leads and for people's past
HORIZON_YEARS = 30  # after the latest project start: work that cannot be placed by then cannot be placed


@cache
def public_holidays(country: str, subdiv: str | None, first_year: int, last_year: int) -> tuple[date, ...]:
    """Days off of a country (and subdivision) from the pinned `holidays` package."""
    table = holidays.country_holidays(country, subdiv=subdiv, years=range(first_year, last_year + 1))
    return tuple(sorted(table))


class Calendars:
    def __init__(self, portfolio: Portfolio) -> None:
        starts = [project.start for project in portfolio.projects.values()] or [date(2000, 1, 3)]
        epoch = min(starts) - timedelta(days=HISTORY_DAYS)
        last = max(starts) + timedelta(days=366 * HORIZON_YEARS)
        self.base = TimeBase(epoch, (last - epoch).days)
        self.portfolio = portfolio
        self._patterns: dict[str, WeekPattern] = {}
        self._holidays: dict[str, frozenset[int]] = {}
        self._projects: dict[str, WorkingTime] = {}
        self._people: dict[str, WorkingTime] = {}
        self._tasks: list[TaskNode] | None = None
        self._task_times: list[WorkingTime] = []
        # Calendars and people with the same days off and window share one working time (built once: a horizon of
        # decades is some 11,000 days of running totals each).
        self._shared: dict[tuple[str, frozenset[int], tuple[int, int] | None], WorkingTime] = {}

    def model(self, calendar_id: str) -> Calendar:
        return self.portfolio.calendars.get(calendar_id) or builtin_calendar(BUILTIN_CALENDAR_ID)

    def hours_per_day(self, calendar_id: str) -> float:
        return self.model(calendar_id).hours_per_day

    def _pattern(self, calendar_id: str) -> WeekPattern:
        if calendar_id not in self._patterns:
            self._patterns[calendar_id] = WeekPattern(self.model(calendar_id).week)
        return self._patterns[calendar_id]

    def _days_off(self, calendar_id: str) -> frozenset[int]:
        if calendar_id not in self._holidays:
            calendar = self.model(calendar_id)
            days = {self.base.day_index(h.day) for h in calendar.holidays}
            if calendar.holiday_country:
                first = self.base.epoch.year
                last = first + self.base.days // 365 + 1
                public = public_holidays(calendar.holiday_country, calendar.holiday_subdiv, first, last)
                days.update(self.base.day_index(day) for day in public)
            self._holidays[calendar_id] = frozenset(days)
        return self._holidays[calendar_id]

    def project_calendar_id(self, project: Project) -> str:
        return self.portfolio.calendar_id_of(project)

    def project(self, project: Project) -> WorkingTime:
        known = self._projects.get(project.calendar or self.portfolio.calendar or BUILTIN_CALENDAR_ID)
        return known if known is not None else self.calendar(self.project_calendar_id(project))

    def of_tasks(self, tasks: list[TaskNode]) -> list[WorkingTime]:
        """Each task's project calendar, by task index: what the passes ask for most, looked up once."""
        if self._tasks is not tasks:
            by_project: dict[str, WorkingTime] = {}
            for node in tasks:
                if node.key[0] not in by_project:
                    by_project[node.key[0]] = self.project(node.project)
            self._tasks, self._task_times = tasks, [by_project[node.key[0]] for node in tasks]
        return self._task_times

    def calendar(self, calendar_id: str) -> WorkingTime:
        """A calendar as written (no person's leave or availability); an unknown id gives the built-in one."""
        if calendar_id not in self._projects:
            self._projects[calendar_id] = self._working_time(calendar_id, self._days_off(calendar_id), None)
        return self._projects[calendar_id]

    def _working_time(self, calendar_id: str, off: frozenset[int], window: tuple[int, int] | None) -> WorkingTime:
        key = (calendar_id, off, window)
        if key not in self._shared:
            self._shared[key] = WorkingTime(self.base, self._pattern(calendar_id), off, window)
        return self._shared[key]

    def person(self, person: Person) -> WorkingTime:
        if person.id not in self._people:
            calendar_id = person.calendar or self.portfolio.calendar or BUILTIN_CALENDAR_ID
            off = set(self._days_off(calendar_id))
            for leave in person.leave:
                first, last = self.base.day_index(leave.start), self.base.day_index(leave.end)
                off.update(range(max(first, 0), min(last, self.base.days - 1) + 1))
            window = None
            if person.available_from or person.available_to:
                first = self.base.day_index(person.available_from) if person.available_from else 0
                last = self.base.day_index(person.available_to) if person.available_to else self.base.days
                window = (first, last)
            self._people[person.id] = self._working_time(calendar_id, frozenset(off), window)
        return self._people[person.id]
