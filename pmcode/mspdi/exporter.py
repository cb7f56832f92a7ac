"""`pmcode export mspdi`: one project and its schedule as MS Project XML (MSPDI) that MS Project and MPXJ open.

What is written:
- the project calendar (UID 1) and the calendars of the people on the project, each with its weekly hours and its
  holidays as exceptions (a holiday `country` is written out for the years the project spans, plus one);
- each person as a work resource with a calendar of their own based on theirs, their leave as its exceptions;
- every task with its scheduled Start/Finish (pmcode's dates: MS Project recomputes from the same inputs), its
  Duration (working time of the project calendar, or wall-clock time when elapsed), outline, links with lags in
  tenths of a minute (a percentage stays one), constraints, priority and deadline. Effort tasks are fixed-units,
  effort-driven tasks whose Work is the hours booked (efficiency is folded in); duration tasks are fixed-duration.
Output is deterministic: no timestamps, UIDs in plan order.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cache

import holidays

from pmcode.diagnostics import Diagnostic
from pmcode.model import Dependency, LinkType, Person, Portfolio, Project, Task, TaskKind
from pmcode.model.refs import resolve_task, scope_of
from pmcode.model.types import Calendar
from pmcode.mspdi.xmlwrite import (
    UNIT_FORMATS,
    Element,
    clock,
    duration,
    element,
    exceptions,
    ranges,
    serialise,
    sub,
    week_days,
)
from pmcode.schedule import Schedule, TaskSchedule
from pmcode.schedule.calendars import Calendars

LINK_TYPES = {LinkType.FF: 0, LinkType.FS: 1, LinkType.SF: 2, LinkType.SS: 3}
FIXED_UNITS, FIXED_DURATION = 0, 1
ALAP, MSO, MFO, SNET = 1, 2, 3, 4
SAVE_VERSION = 14  # MS Project 2010 and later


@cache
def _country_holidays(country: str, subdiv: str | None, first: int, last: int) -> tuple[tuple[date, str], ...]:
    table = holidays.country_holidays(country, subdiv=subdiv, years=range(first, last + 1))
    return tuple(sorted((day, str(name)) for day, name in table.items()))


class Exporter:
    def __init__(self, portfolio: Portfolio, schedule: Schedule, project: Project) -> None:
        self.portfolio, self.project = portfolio, project
        self.rows = {row.path: row for row in schedule.project(project.id).tasks}
        self.calendars = Calendars(portfolio)
        self.time = self.calendars.project(project)
        self.calendar_id = portfolio.calendar_id_of(project)
        self.hours_per_day = self.calendars.hours_per_day(self.calendar_id)
        self.findings: list[Diagnostic] = []
        self.uids = {task.path: number for number, task in enumerate(project.walk(), start=1)}
        dates = [row.start for row in self.rows.values() if row.start] + [
            r.finish for r in self.rows.values() if r.finish
        ]
        self.start = min(dates, default=datetime(project.start.year, project.start.month, project.start.day))
        self.finish = max(dates, default=self.start)
        self.people = self._people()

    def _people(self) -> list[Person]:
        """Everyone booked on the project's tasks, in id order."""
        ids = {a.person for row in self.rows.values() for a in row.assignments}
        ids |= {a.person for task in self.project.walk() for a in task.assign}
        return [self.portfolio.people[i] for i in sorted(ids) if i in self.portfolio.people]

    def _minutes(self, start: datetime, finish: datetime) -> int:
        base = self.calendars.base
        return self.time.working_between(base.moment(start), base.moment(finish))

    def build(self) -> bytes:
        root = element("Project")
        self._header(root)
        calendar_uids = self._calendars(sub(root, "Calendars"))
        tasks = sub(root, "Tasks")
        self._project_task(tasks)
        for task in self.project.walk():
            self._task(tasks, task)
        resources = sub(root, "Resources")
        for number, person in enumerate(self.people, start=1):
            self._resource(resources, number, person, calendar_uids[f"person:{person.id}"])
        self._assignments(sub(root, "Assignments"))
        return serialise(root)

    def _header(self, root: Element) -> None:
        model = self.calendars.model(self.calendar_id)
        working = [day for day in model.week if day]
        sub(root, "SaveVersion", SAVE_VERSION)
        sub(root, "Name", f"{self.project.id}.xml")
        sub(root, "Title", self.project.name)
        sub(root, "ScheduleFromStart", True)
        sub(root, "StartDate", self.start)
        sub(root, "FinishDate", self.finish)
        if self.portfolio.currency:
            sub(root, "CurrencyCode", self.portfolio.currency)
        sub(root, "CalendarUID", 1)
        sub(root, "DefaultStartTime", clock(working[0][0][0]) if working else "08:00:00")
        sub(root, "DefaultFinishTime", clock(working[0][-1][1]) if working else "17:00:00")
        sub(root, "MinutesPerDay", round(self.hours_per_day * 60))
        sub(root, "MinutesPerWeek", round(self.hours_per_day * 60 * 5))
        sub(root, "DaysPerMonth", 20)
        sub(root, "DurationFormat", 7)
        sub(root, "HonorConstraints", True)
        status = self.portfolio.status_date_of(self.project)
        if status is not None:
            sub(root, "StatusDate", datetime(status.year, status.month, status.day, 0, 0))

    # -- calendars ---------------------------------------------------------------------------------------------

    def _days_off(self, calendar: Calendar) -> list[tuple[date, str]]:
        days = [(h.day, h.name) for h in calendar.holidays]
        if calendar.holiday_country:
            first, last = self.start.year, self.finish.year + 1
            days += _country_holidays(calendar.holiday_country, calendar.holiday_subdiv, first, last)
        unique: dict[date, str] = {}
        for day, name in sorted(days):
            unique.setdefault(day, name)
        return sorted(unique.items())

    def _calendars(self, holder: Element) -> dict[str, int]:
        """Base calendars first (the project's as UID 1), then one resource calendar per person."""
        others = {p.calendar or self.portfolio.calendar or self.calendar_id for p in self.people} - {self.calendar_id}
        base_ids = [self.calendar_id, *sorted(others)]
        uids: dict[str, int] = {}
        for calendar_id in base_ids:
            uids[calendar_id] = len(uids) + 1
            model = self.calendars.model(calendar_id)
            calendar = sub(holder, "Calendar")
            sub(calendar, "UID", uids[calendar_id])
            sub(calendar, "Name", model.name)
            sub(calendar, "IsBaseCalendar", True)
            sub(calendar, "BaseCalendarUID", -1)
            week_days(calendar, model.week)
            exceptions(calendar, ranges(self._days_off(model)))
        for person in self.people:
            uid = len(uids) + 1
            uids[f"person:{person.id}"] = uid
            calendar = sub(holder, "Calendar")
            sub(calendar, "UID", uid)
            sub(calendar, "Name", person.name)
            sub(calendar, "IsBaseCalendar", False)
            sub(calendar, "BaseCalendarUID", uids[person.calendar or self.portfolio.calendar or self.calendar_id])
            leave = [(item.start, item.end, item.reason) for item in person.leave]
            exceptions(calendar, leave)
        return uids

    # -- tasks ---------------------------------------------------------------------------------------------------

    def _project_task(self, holder: Element) -> None:
        task = sub(holder, "Task")
        sub(task, "UID", 0)
        sub(task, "ID", 0)
        sub(task, "Name", self.project.name)
        sub(task, "Type", FIXED_DURATION)
        sub(task, "IsNull", False)
        sub(task, "OutlineNumber", "0")
        sub(task, "OutlineLevel", 0)
        sub(task, "Start", self.start)
        sub(task, "Finish", self.finish)
        sub(task, "Duration", duration(self._minutes(self.start, self.finish)))
        sub(task, "DurationFormat", 7)
        sub(task, "Milestone", False)
        sub(task, "Summary", True)

    def _outline_number(self, task: Task) -> str:
        numbers = []
        path = task.path
        while True:
            parent = self.project.parent_of.get(path)
            siblings = self.project.by_path[parent].children if parent else self.project.tasks
            numbers.append(str(next(n for n, t in enumerate(siblings, start=1) if t.path == path)))
            if not parent:
                return ".".join(reversed(numbers))
            path = parent

    def _task(self, holder: Element, task: Task) -> None:
        row = self.rows[task.path]
        node = sub(holder, "Task")
        uid = self.uids[task.path]
        sub(node, "UID", uid)
        sub(node, "ID", uid)
        sub(node, "Name", task.name)
        sub(node, "Active", True)
        sub(node, "Manual", False)
        sub(node, "Type", FIXED_UNITS if task.kind is TaskKind.EFFORT else FIXED_DURATION)
        sub(node, "IsNull", False)
        outline = self._outline_number(task)
        sub(node, "WBS", outline)
        sub(node, "OutlineNumber", outline)
        sub(node, "OutlineLevel", task.path.count(".") + 1)
        sub(node, "Priority", task.priority)
        start = row.start or self.start
        finish = row.finish or start
        sub(node, "Start", start)
        sub(node, "Finish", finish)
        amount = task.duration or task.effort
        elapsed = amount is not None and amount.elapsed
        minutes = (finish - start) / timedelta(minutes=1) if elapsed else self._minutes(start, finish)
        sub(node, "Duration", duration(0 if task.kind is TaskKind.MILESTONE else minutes))
        sub(node, "DurationFormat", UNIT_FORMATS.get(amount.unit, 7) if amount is not None else 7)
        if row.assignments:
            sub(node, "Work", duration(sum(a.hours for a in row.assignments) * 60))
        sub(node, "EffortDriven", task.kind is TaskKind.EFFORT)
        sub(node, "Estimated", False)
        sub(node, "Milestone", task.kind is TaskKind.MILESTONE)
        sub(node, "Summary", task.kind is TaskKind.SUMMARY)
        sub(node, "Critical", row.critical)
        self._constraint(node, task, row)
        if task.deadline is not None:
            sub(node, "Deadline", datetime.combine(task.deadline, datetime.min.time()) + timedelta(days=1, minutes=-1))
        if task.description:
            sub(node, "Notes", task.description)
        self._links(node, task)

    def _external(self, task: Task) -> list[Dependency]:
        """The task's links to other projects' tasks: MSPDI has no place for them."""
        scope = scope_of(self.project, task)
        return [
            d
            for d in task.depends
            if (resolve_task(self.portfolio, self.project, d.ref, scope) or ("",))[0] != self.project.id
        ]

    def _constraint(self, node: Element, task: Task, row: TaskSchedule) -> None:
        """ConstraintType, CalendarUID, then the constraint's date (the order of the schema). A task held by a link
        to another project keeps the start that link gives it as a start-no-earlier-than date."""
        kind, when = 0, None
        if task.must_start_on is not None and row.start is not None:
            kind, when = MSO, row.start
        elif task.must_finish_on is not None and row.finish is not None:
            kind, when = MFO, row.finish
        elif task.alap:
            kind = ALAP
        elif task.start is not None:
            kind, when = SNET, task.start.when
        for dependency in self._external(task):
            pinned = kind in (0, SNET) and row.start is not None
            if pinned and row.start is not None:
                kind, when = SNET, max(when, row.start) if when is not None else row.start
            how = "its scheduled start is kept as a start-no-earlier-than date" if pinned else "not exported"
            message = f"the link of '{task.path}' to '{dependency.ref}' (another project): {how}"
            self.findings.append(Diagnostic.at(dependency.src.at(), "PM405", message))
        sub(node, "ConstraintType", kind)
        sub(node, "CalendarUID", -1)
        if when is not None:
            sub(node, "ConstraintDate", when)

    def _links(self, node: Element, task: Task) -> None:
        external = self._external(task)
        for dependency in task.depends:
            if dependency in external:
                continue
            key = resolve_task(self.portfolio, self.project, dependency.ref, scope_of(self.project, task))
            if key is None:
                continue
            link = sub(node, "PredecessorLink")
            sub(link, "PredecessorUID", self.uids[key[1]])
            sub(link, "Type", LINK_TYPES[dependency.type])
            sub(link, "CrossProject", False)
            lag = dependency.lag
            if lag is None:
                sub(link, "LinkLag", 0)
                sub(link, "LagFormat", 7)
            elif lag.is_percent:
                sub(link, "LinkLag", round(lag.amount))
                sub(link, "LagFormat", UNIT_FORMATS["%"])
            else:
                hours = lag.elapsed_hours() if lag.elapsed else lag.working_hours(self.hours_per_day)
                sub(link, "LinkLag", round(hours * 600))
                sub(link, "LagFormat", UNIT_FORMATS[lag.unit])

    # -- resources and assignments -----------------------------------------------------------------------------

    def _rate(self, person: Person) -> float:
        role = self.portfolio.roles.get(person.role) if person.role else None
        rates = person.rates or (role.rates if role else ())
        rate = person.rate if person.rate is not None else (role.rate if role else None)
        for change in rates:
            if change.start <= self.start.date():
                rate = change.rate
        return rate or 0.0

    def _resource(self, holder: Element, number: int, person: Person, calendar_uid: int) -> None:
        resource = sub(holder, "Resource")
        sub(resource, "UID", number)
        sub(resource, "ID", number)
        sub(resource, "Name", person.name)
        sub(resource, "Type", 1)
        sub(resource, "IsNull", False)
        if person.email:
            sub(resource, "EmailAddress", person.email)
        sub(resource, "MaxUnits", person.units)
        if person.available_from is not None:
            sub(resource, "AvailableFrom", datetime.combine(person.available_from, datetime.min.time()))
        if person.available_to is not None:
            sub(resource, "AvailableTo", datetime.combine(person.available_to, datetime.min.time()) + timedelta(days=1))
        sub(resource, "StandardRate", self._rate(person))
        sub(resource, "StandardRateFormat", 2)
        sub(resource, "CalendarUID", calendar_uid)

    def _assignments(self, holder: Element) -> None:
        resource_uids = {p.id: n for n, p in enumerate(self.people, start=1)}
        number = 0
        for task in self.project.walk():
            row = self.rows[task.path]
            declared = {a.person: a.units for a in task.assign}
            for booked in row.assignments:
                person = self.portfolio.people.get(booked.person)
                if person is None or task.kind in (TaskKind.SUMMARY, TaskKind.MILESTONE):
                    continue
                number += 1
                assignment = sub(holder, "Assignment")
                sub(assignment, "UID", number)
                sub(assignment, "TaskUID", self.uids[task.path])
                sub(assignment, "ResourceUID", resource_uids[booked.person])
                sub(assignment, "Finish", row.finish or self.finish)
                sub(assignment, "Start", row.start or self.start)
                units = declared.get(booked.person) or person.units
                sub(assignment, "Units", units)
                sub(assignment, "Work", duration(booked.hours * 60))


def export_mspdi(portfolio: Portfolio, schedule: Schedule, project_id: str) -> tuple[bytes, list[Diagnostic]]:
    """The MSPDI document of one scheduled project, and what could not be written into it."""
    exporter = Exporter(portfolio, schedule, portfolio.projects[project_id])
    data = exporter.build()
    return data, exporter.findings
