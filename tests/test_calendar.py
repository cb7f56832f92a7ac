"""WorkingTime (pmcode/schedule/calendar.py) against a brute-force reference, minute by minute.

The reference lists every minute of a short horizon as working or not (week pattern with several intervals a day,
days off, holidays, an availability window) and counts: W(t) is the number of working minutes before t. Every
answer WorkingTime gives is then a fact about that list:
- work_before(t) = W(t), with W constant before the epoch (0) and after the horizon (the total);
- end_at(w) is the earliest moment with W = w (the end of the w-th working minute: 17:00, not the next morning);
- start_at(w) is the latest moment with W = w (where the working minute after the first w begins);
- next_working(t) is the first moment at or after t that starts a working minute;
- add(t, n) is the earliest moment with W = W(t) + n; working_between(a, b) = W(b) - W(a);
- asking for working time the horizon does not have raises BeyondHorizon;
- minutes_by_day(a, b), and its vectorised form for daily hours, give each day's working minutes in [a, b).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmcode.schedule.calendar import MINUTES_PER_DAY, BeyondHorizon, TimeBase, WeekPattern, WorkingTime
from pmcode.schedule.phased import spans_by_day

DAYS = 17  # two weeks and a bit: every weekday at least twice, and short enough to list every minute
EPOCHS = [date(2027, 1, 4) + timedelta(days=n) for n in range(7)]  # the horizon may start on any weekday
CALENDAR = settings(max_examples=150, deadline=None)


@st.composite
def day_intervals(draw: st.DrawFn) -> tuple[tuple[int, int], ...]:
    """0 to 4 ordered intervals of a day, possibly touching (09:00-12:00, 12:00-17:00), down to one minute."""
    count = draw(st.integers(min_value=0, max_value=4))
    grid = draw(st.sampled_from([1, 15, 60]))
    points = draw(st.lists(st.integers(min_value=0, max_value=MINUTES_PER_DAY // grid), min_size=2 * count))
    points = sorted(point * grid for point in points[: 2 * count])
    spans = [(start, end) for start, end in zip(points[::2], points[1::2], strict=True) if start < end]
    if draw(st.booleans()) and len(spans) >= 2:  # make two neighbours touch
        (a, _), (_, d) = spans[0], spans[1]
        middle = (a + d) // 2
        if a < middle < d:
            spans[0:2] = [(a, middle), (middle, d)]
    return tuple(spans)


@dataclass(frozen=True)
class Case:
    epoch: date
    week: tuple[tuple[tuple[int, int], ...], ...]
    off_days: frozenset[int]
    window: tuple[int, int] | None


@st.composite
def cases(draw: st.DrawFn) -> Case:
    week = tuple(draw(day_intervals()) for _ in range(7))
    off_days = frozenset(draw(st.sets(st.integers(min_value=-3, max_value=DAYS + 3), max_size=5)))
    window = None
    if draw(st.booleans()):
        first = draw(st.integers(min_value=-5, max_value=DAYS + 2))
        window = (first, draw(st.integers(min_value=first - 1, max_value=DAYS + 5)))
    return Case(draw(st.sampled_from(EPOCHS)), week, off_days, window)


class Reference:
    """Every minute of the horizon, working or not, and W at every moment."""

    def __init__(self, case: Case) -> None:
        self.end = DAYS * MINUTES_PER_DAY
        working = []
        for day in range(DAYS):
            weekday = (case.epoch + timedelta(days=day)).weekday()
            available = case.window is None or case.window[0] <= day <= case.window[1]
            works = available and day not in case.off_days
            for minute in range(MINUTES_PER_DAY):
                working.append(works and any(start <= minute < end for start, end in case.week[weekday]))
        self.working = working
        self.before = [0, *accumulate(working)]  # before[t] = W(t) for 0 <= t <= end
        self.total = self.before[-1]
        # W where working time starts or stops: the amounts at which end_at and start_at differ most
        self.edges = sorted({self.before[t] for t in range(1, self.end) if working[t] != working[t - 1]})

    def work_before(self, moment: int) -> int:
        return self.before[min(max(moment, 0), self.end)]

    def end_at(self, worked: int) -> int:
        if worked > self.total:
            raise BeyondHorizon
        return bisect_left(self.before, max(worked, 0))  # earliest moment with W = worked

    def start_at(self, worked: int) -> int:
        worked = max(worked, 0)
        if worked >= self.total:
            raise BeyondHorizon
        return bisect_left(self.before, worked + 1) - 1  # latest moment with W = worked

    def next_working(self, moment: int) -> int:
        for minute in range(max(moment, 0), self.end):
            if self.working[minute]:
                return minute
        raise BeyondHorizon

    def add(self, moment: int, minutes: int) -> int:
        return self.end_at(self.work_before(moment) + minutes)


def concrete(case: Case) -> WorkingTime:
    base = TimeBase(case.epoch, DAYS)
    return WorkingTime(base, WeekPattern(case.week), case.off_days, case.window)


def outcome(function: object, *args: int) -> int | str:
    try:
        return function(*args)  # type: ignore[operator, no-any-return]
    except BeyondHorizon:
        return "beyond the horizon"


moments = st.integers(min_value=-3 * MINUTES_PER_DAY, max_value=(DAYS + 3) * MINUTES_PER_DAY)


@CALENDAR
@given(cases(), st.lists(moments, min_size=1, max_size=20))
def test_work_before_and_next_working(case: Case, samples: list[int]) -> None:
    time, reference = concrete(case), Reference(case)
    assert time.total == reference.total
    for moment in samples:
        assert time.work_before(moment) == reference.work_before(moment), moment
        assert outcome(time.next_working, moment) == outcome(reference.next_working, moment), moment


@CALENDAR
@given(cases(), st.data())
def test_start_at_and_end_at(case: Case, data: st.DataObject) -> None:
    time, reference = concrete(case), Reference(case)
    amounts = st.integers(min_value=-5, max_value=reference.total + 5)
    if reference.edges:
        amounts = amounts | st.sampled_from(reference.edges)
    for worked in [0, reference.total, *data.draw(st.lists(amounts, min_size=1, max_size=20))]:
        assert outcome(time.end_at, worked) == outcome(reference.end_at, worked), worked
        assert outcome(time.start_at, worked) == outcome(reference.start_at, worked), worked


@CALENDAR
@given(cases(), st.data())
def test_add_and_working_between(case: Case, data: st.DataObject) -> None:
    time, reference = concrete(case), Reference(case)
    span = st.integers(min_value=-reference.total - 5, max_value=reference.total + 5)
    for _ in range(10):
        moment, other = data.draw(moments), data.draw(moments)
        minutes = data.draw(span)
        if reference.edges and data.draw(st.booleans()):  # to where working time starts or stops
            minutes = data.draw(st.sampled_from(reference.edges)) - reference.work_before(moment)
        assert outcome(time.add, moment, minutes) == outcome(reference.add, moment, minutes), (moment, minutes)
        assert time.working_between(moment, other) == reference.work_before(other) - reference.work_before(moment)


@CALENDAR
@given(cases(), moments)
def test_the_answers_agree_with_each_other(case: Case, moment: int) -> None:
    """A working moment is its own next working moment; end_at and start_at bracket the moments with that W."""
    time = concrete(case)
    worked = time.work_before(moment)
    if worked < time.total:
        first = time.next_working(moment)
        assert first >= max(moment, 0) and time.next_working(first) == first
        assert time.work_before(time.start_at(worked)) == worked
    if worked > 0:
        done = time.end_at(worked)
        assert done <= max(moment, 0) and time.work_before(done) == worked
        assert time.work_before(done - 1) == worked - 1  # the minute before it is a working one


@CALENDAR
@given(cases(), st.lists(st.tuples(moments, moments), min_size=1, max_size=10))
def test_minutes_by_day_count_each_days_working_minutes(case: Case, spans: list[tuple[int, int]]) -> None:
    """Per day, the working minutes between two moments, scalar (minutes_by_day) and vectorised (the daily hours
    of pmcode.schedule.phased): the reference's minutes of that day inside the span, days without any left out."""
    time, reference = concrete(case), Reference(case)
    starts = np.asarray([a for a, _ in spans], dtype=np.int64)
    finishes = np.asarray([b for _, b in spans], dtype=np.int64)
    rows, days, minutes = spans_by_day(time, starts, finishes)
    for number, (start, finish) in enumerate(spans):
        expected = []
        for day in range(DAYS):
            low, high = max(start, day * MINUTES_PER_DAY), min(finish, (day + 1) * MINUTES_PER_DAY)
            worked = reference.work_before(high) - reference.work_before(low) if high > low else 0
            if worked:
                expected.append((day, worked))
        assert time.minutes_by_day(start, finish) == expected, (start, finish)
        mine = rows == number
        assert list(zip(days[mine].tolist(), minutes[mine].tolist(), strict=True)) == expected, (start, finish)


def test_a_standard_week() -> None:
    """Mon-Fri 09:00-12:00 and 13:00-17:00 from Monday 2027-01-04: the answers a reader can check by hand."""
    workday = ((9 * 60, 12 * 60), (13 * 60, 17 * 60))
    case = Case(date(2027, 1, 4), (workday,) * 5 + ((), ()), frozenset({2}), None)  # Wednesday off
    time = concrete(case)
    monday_9, monday_17 = 9 * 60, 17 * 60
    assert time.add(monday_9, 7 * 60) == monday_17  # a day's work ends at 17:00, not the next morning
    assert time.next_working(monday_17) == MINUTES_PER_DAY + monday_9  # Tuesday 09:00
    assert time.add(MINUTES_PER_DAY + monday_17, 60) == 3 * MINUTES_PER_DAY + 10 * 60  # Wednesday off: Thursday
    assert time.next_working(12 * 60) == 13 * 60  # lunch
    assert time.end_at(3 * 60) == 12 * 60  # the morning's work ends at noon, not at 13:00
    assert time.start_at(3 * 60) == 13 * 60
    with pytest.raises(BeyondHorizon):
        time.start_at(time.total)
