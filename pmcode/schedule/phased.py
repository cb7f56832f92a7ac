"""Time-phased work: hours per person and day, and working minutes per day, for engines that spread money.

The forward pass books each task's work as pieces (person, start, finish, fraction of the person's time). A
piece's hours on a day are its fraction x the person's working minutes of that day inside the piece:
`min(W(next midnight), W(finish)) - max(W(midnight), W(start))` with W the person's working minutes since the
epoch. So the daily hours of an assignment add up to its hours, day by day as leveling placed them, and a
summary's are the sum of those of the tasks below it.

Every piece of the schedule is expanded into its days at once, with numpy, per working calendar: a 10,000-task
plan has some 50,000 (task, person, day) rows, and a Python loop over them would cost a tenth of the schedule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta

import numpy as np
import numpy.typing as npt

from pmcode.schedule.calendar import MINUTES_PER_DAY, WorkingTime
from pmcode.schedule.calendars import Calendars
from pmcode.schedule.leveling import Piece

Daily = tuple[tuple[date, float], ...]
DAILY_DIGITS = 4  # hours per day are rounded to this many decimals
Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


def work_before_many(time: WorkingTime, moments: Ints) -> Ints:
    """W(t) of many moments at once (WorkingTime.work_before, vectorised)."""
    cum, kinds, table = time.arrays()
    moments = np.clip(moments, 0, time.end)
    day = np.minimum(moments // MINUTES_PER_DAY, len(kinds) - 1)
    minute = moments - day * MINUTES_PER_DAY  # 1440 at the very end of the horizon
    result: Ints = cum[day] + table[kinds[day], minute]
    return result


def spans_by_day(time: WorkingTime, starts: Ints, finishes: Ints) -> tuple[Ints, Ints, Ints]:
    """(piece number, day index, working minutes) of every day with work inside the pieces [start, finish) of
    one working time."""
    starts, finishes = np.clip(starts, 0, time.end), np.clip(finishes, 0, time.end)
    finishes = np.maximum(finishes, starts)
    first = starts // MINUTES_PER_DAY
    last = np.maximum((finishes - 1) // MINUTES_PER_DAY, first)
    counts = np.where(finishes > starts, last - first + 1, 0)
    rows = np.repeat(np.arange(len(starts), dtype=np.int64), counts)
    offsets = np.cumsum(counts) - counts
    days = first[rows] + np.arange(len(rows), dtype=np.int64) - offsets[rows]
    cum = time.arrays()[0]
    minutes = np.minimum(cum[days + 1], work_before_many(time, finishes)[rows]) - np.maximum(
        cum[days], work_before_many(time, starts)[rows]
    )
    keep = minutes > 0
    return rows[keep], days[keep], minutes[keep]


def daily_hours(
    booked: Iterable[tuple[int, Iterable[Piece]]],
    time_of: Callable[[str], WorkingTime],
    parents: list[int],
    epoch: date,
) -> dict[tuple[int, str], Daily]:
    """Daily hours of every (task, person) with booked pieces (`booked`: task index and its pieces; `time_of`: a
    person's working time), and of every summary above them (`parents`: task -> its summary, -1 at the root)."""
    flat = [(task, piece) for task, pieces in booked for piece in pieces]
    if not flat:
        return {}
    person_of: dict[str, int] = {}
    owners = np.asarray([person_of.setdefault(piece.person, len(person_of)) for _, piece in flat], dtype=np.int64)
    tasks = np.asarray([task for task, _ in flat], dtype=np.int64)
    starts = np.asarray([piece.start for _, piece in flat], dtype=np.int64)
    finishes = np.asarray([piece.finish for _, piece in flat], dtype=np.int64)
    fractions = np.asarray([piece.fraction for _, piece in flat], dtype=np.float64)
    order = np.argsort(owners, kind="stable")
    bounds = np.searchsorted(owners[order], np.arange(len(person_of) + 1))
    task_parts: list[Ints] = []
    owner_parts: list[Ints] = []
    day_parts: list[Ints] = []
    hour_parts: list[Floats] = []
    for person, number in person_of.items():  # one working time per person
        mine = order[bounds[number] : bounds[number + 1]]
        rows, days, minutes = spans_by_day(time_of(person), starts[mine], finishes[mine])
        task_parts.append(tasks[mine][rows])
        owner_parts.append(np.full(len(rows), number, dtype=np.int64))
        day_parts.append(days)
        hour_parts.append(minutes * fractions[mine][rows] / 60)
    task, owner, day, hours = _with_summaries(
        np.asarray(parents, dtype=np.int64),
        np.concatenate(task_parts),
        np.concatenate(owner_parts),
        np.concatenate(day_parts),
        np.concatenate(hour_parts),
    )
    if not len(task):  # pieces only where nobody works
        return {}
    order = np.lexsort((day, owner, task))
    task, owner, day, hours = task[order], owner[order], day[order], hours[order]
    change = np.concatenate(([True], (np.diff(task) != 0) | (np.diff(owner) != 0) | (np.diff(day) != 0)))
    firsts = np.flatnonzero(change)
    totals = np.round(np.add.reduceat(hours, firsts), DAILY_DIGITS).astype(np.float64)
    task, owner, day = task[firsts], owner[firsts], day[firsts]
    keep = totals != 0
    return _split(list(person_of), epoch, task[keep], owner[keep], day[keep], totals[keep])


def _with_summaries(
    parents: Ints, task: Ints, owner: Ints, day: Ints, hours: Floats
) -> tuple[Ints, Ints, Ints, Floats]:
    """The rows again for each summary above their task, level by level."""
    tasks, owners, days, hours_ = [task], [owner], [day], [hours]
    while len(task):
        task = parents[task]
        keep = task >= 0
        task, owner, day, hours = task[keep], owner[keep], day[keep], hours[keep]
        tasks.append(task)
        owners.append(owner)
        days.append(day)
        hours_.append(hours)
    return np.concatenate(tasks), np.concatenate(owners), np.concatenate(days), np.concatenate(hours_)


def _split(
    people: list[str], epoch: date, task: Ints, owner: Ints, day: Ints, hours: Floats
) -> dict[tuple[int, str], Daily]:
    """Rows sorted by task, person and day -> one tuple of (date, hours) per task and person."""
    if not len(task):
        return {}
    low, high = int(day.min()), int(day.max())
    ordinal = epoch.toordinal()
    calendar = [date.fromordinal(ordinal + number) for number in range(low, high + 1)]
    pairs = list(zip(map(calendar.__getitem__, (day - low).tolist()), hours.tolist(), strict=True))
    bounds = np.flatnonzero((np.diff(task) != 0) | (np.diff(owner) != 0)) + 1
    starts = [0, *bounds.tolist()]
    ends = [*bounds.tolist(), len(pairs)]
    keys = zip(task[starts].tolist(), owner[starts].tolist(), strict=True)
    return {
        (number, people[person]): tuple(pairs[start:end])
        for (number, person), start, end in zip(keys, starts, ends, strict=True)
    }


def working_minutes_by_day(
    calendars: Calendars, calendar_id: str, start: datetime, finish: datetime
) -> tuple[tuple[date, int], ...]:
    """Working minutes of calendar `calendar_id` on each day between two moments (a task's start and finish), as
    sorted (day, minutes) pairs without the days that have none: what spreading an amount linearly over a task's
    working time needs. Pure: it reads the calendars only. Empty when `finish` is not after `start`; time outside
    the scheduling horizon counts as not working."""
    base = calendars.base
    time = calendars.calendar(calendar_id)
    return tuple(
        (base.epoch + timedelta(days=day), minutes)
        for day, minutes in time.minutes_by_day(base.moment(start), base.moment(finish))
    )
