"""Hourly rates on a given day: the person's, else their role's, each effective-dated.

For a day, a rate table (the person's, then the role's) answers with its latest `rates` entry whose `from` is on or
before the day, else with its plain `rate`; the person's table wins when it answers at all. Nobody answering means
no rate: the hours are costed at 0 and the person gets one PM501 finding, so a missing rate is visible rather than
a silently cheap plan.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from pmcode.diagnostics import Diagnostic
from pmcode.model import Person, Portfolio
from pmcode.model.types import Rate


def _table_rate(rates: tuple[Rate, ...], base: float | None, day: date) -> float | None:
    chosen = base
    for rate in rates:  # sorted by start; a handful at most
        if rate.start <= day:
            chosen = rate.rate
        else:
            break
    return chosen


class RateSchedule:
    """One person's hourly rate over time, as steps: looked up by bisection, built once per person."""

    __slots__ = ("constant", "rates", "starts")

    def __init__(self, person: Person, role_rates: tuple[Rate, ...], role_rate: float | None) -> None:
        changes = sorted({r.start for r in person.rates} | {r.start for r in role_rates})
        first = _rate_on(person, role_rates, role_rate, date.min)
        self.starts: list[int] = [date.min.toordinal()]
        self.rates: list[float | None] = [first]
        for start in changes:
            rate = _rate_on(person, role_rates, role_rate, start)
            if rate != self.rates[-1]:
                self.starts.append(start.toordinal())
                self.rates.append(rate)
        self.constant: float | None = self.rates[0] if len(self.rates) == 1 else None

    def on(self, day: date) -> float | None:
        """The rate on `day`, or None when nobody gives one."""
        if self.constant is not None:
            return self.constant
        return self.rates[bisect_right(self.starts, day.toordinal()) - 1]


def _rate_on(person: Person, role_rates: tuple[Rate, ...], role_rate: float | None, day: date) -> float | None:
    own = _table_rate(person.rates, person.rate, day)
    return own if own is not None else _table_rate(role_rates, role_rate, day)


@dataclass(slots=True)
class _Gap:
    """Hours worked without a rate, and the first and last such day."""

    hours: float
    first: date
    last: date


class Rates:
    """Rate schedules of a portfolio's people, and the PM501 findings of the people costed without a rate."""

    def __init__(self, portfolio: Portfolio, project_id: str | None = None, *, what: str = "planned hours") -> None:
        self.portfolio = portfolio
        self.project_id = project_id
        self.what = what  # how the hours are named in the finding: planned or booked
        self._schedules: dict[str, RateSchedule] = {}
        self._missing: dict[str, _Gap] = {}

    def schedule(self, person_id: str) -> RateSchedule:
        schedule = self._schedules.get(person_id)
        if schedule is None:
            person = self.portfolio.people[person_id]
            role = self.portfolio.roles.get(person.role) if person.role else None
            schedule = RateSchedule(person, role.rates if role else (), role.rate if role else None)
            self._schedules[person_id] = schedule
        return schedule

    def on(self, person_id: str, day: date, hours: float) -> float:
        """The rate of `person_id` on `day`; 0 when there is none, noting the `hours` so costed."""
        rate = self.schedule(person_id).on(day)
        if rate is not None:
            return rate
        if hours > 0:
            self.note_missing(person_id, day, hours)
        return 0.0

    def note_missing(self, person_id: str, day: date, hours: float) -> None:
        gap = self._missing.get(person_id)
        if gap is None:
            self._missing[person_id] = _Gap(hours, day, day)
        else:
            gap.hours += hours
            gap.first, gap.last = min(gap.first, day), max(gap.last, day)

    def findings(self) -> list[Diagnostic]:
        """One PM501 per person who worked without a rate, at their id in people.yaml."""
        found = []
        for person_id, gap in sorted(self._missing.items()):
            hours, first, last = gap.hours, gap.first, gap.last
            person = self.portfolio.people[person_id]
            role = f"role '{person.role}'" if person.role else "a role"
            span = f"on {first}" if first == last else f"between {first} and {last}"
            where = "" if self.project_id is None else f" of project '{self.project_id}'"
            message = (
                f"'{person_id}' has no hourly rate (neither in people.yaml nor from {role}): "
                f"{hours:.2f} {self.what}{where} {span} are costed at 0"
            )
            found.append(Diagnostic.at(person.src.at("id"), "PM501", message))
        return found
