"""Weekly load per person from a schedule: booked hours against the hours the person can work, week by week.

Booked hours are the scheduled `AssignmentHours.daily` of leaf tasks (a summary's assignments repeat those below
it). Capacity is what the person's working time holds in the week - their calendar, less holidays, leave and days
outside their availability - times their units: a 50% person on a 40-hour week has 20 hours. Pure: reads the model
and the schedule, no clock.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from pmcode.model import Portfolio
from pmcode.schedule.calendars import Calendars
from pmcode.schedule.result import Schedule

Cell = tuple[float, float]  # (booked hours, capacity hours)


@dataclass(frozen=True, slots=True)
class PersonLoad:
    person: str
    name: str
    booked: tuple[float, ...]  # hours per week, rounded to 2 decimals
    capacity: tuple[float, ...]

    @property
    def percents(self) -> tuple[float, ...]:
        """Booked as % of capacity per week; NaN without capacity and bookings, infinity with bookings only."""
        return tuple(load_percent(b, c) for b, c in zip(self.booked, self.capacity, strict=True))


def load_percent(booked: float, capacity: float) -> float:
    if capacity > 0:
        return booked / capacity * 100.0
    return math.inf if booked > 0 else math.nan


def week_starts(first: date, last: date) -> tuple[date, ...]:
    """The Mondays of the weeks from the one holding `first` through the one holding `last`."""
    monday = first - timedelta(days=first.weekday())
    weeks = []
    while monday <= last:
        weeks.append(monday)
        monday += timedelta(days=7)
    return tuple(weeks)


def weekly_load(
    portfolio: Portfolio,
    schedule: Schedule,
    weeks: Sequence[date],
    *,
    projects: Collection[str] | None = None,
    people: Collection[str] | None = None,
) -> tuple[PersonLoad, ...]:
    """Load of each person over `weeks` (each the first day of a 7-day week), sorted by person id. `projects`:
    count only their hours (default: all); `people`: these rows (default: everyone with hours in those weeks)."""
    week_of = {start + timedelta(days=offset): index for index, start in enumerate(weeks) for offset in range(7)}
    booked: dict[str, list[float]] = {}
    for project in schedule.projects:
        if projects is not None and project.id not in projects:
            continue
        for task in project.tasks:
            if task.summary:
                continue
            for assignment in task.assignments:
                for day, amount in assignment.daily:
                    index = week_of.get(day)
                    if index is not None:
                        booked.setdefault(assignment.person, [0.0] * len(weeks))[index] += amount
    chosen = sorted(people if people is not None else (p for p, h in booked.items() if any(h)))
    calendars = Calendars(portfolio)
    loads = []
    for person_id in chosen:
        person = portfolio.people.get(person_id)
        hours = booked.get(person_id, [0.0] * len(weeks))
        capacity = _capacity(calendars, portfolio, person_id, weeks) if person else [0.0] * len(weeks)
        loads.append(
            PersonLoad(
                person_id,
                person.name if person else person_id,
                tuple(round(h, 2) for h in hours),
                tuple(round(c, 2) for c in capacity),
            )
        )
    return tuple(loads)


def _capacity(calendars: Calendars, portfolio: Portfolio, person_id: str, weeks: Sequence[date]) -> list[float]:
    person = portfolio.people[person_id]
    time = calendars.person(person)
    base = calendars.base
    capacity = []
    for start in weeks:
        first, last = base.moment(start), base.moment(start + timedelta(days=7))
        minutes = time.working_between(min(max(first, 0), time.end), min(max(last, 0), time.end))
        capacity.append(minutes / 60.0 * person.units)
    return capacity


def heatmap_rows(
    loads: Sequence[PersonLoad],
) -> tuple[list[tuple[str, str, tuple[float, ...]]], list[tuple[Cell, ...]]]:
    """`heatmap_svg`'s `rows` and `detail` arguments from weekly loads."""
    rows = [(load.person, load.name, load.percents) for load in loads]
    detail = [tuple(zip(load.booked, load.capacity, strict=True)) for load in loads]
    return rows, detail
