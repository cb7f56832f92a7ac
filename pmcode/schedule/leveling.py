"""Effort on what people have left: the leveled placement of an effort task.

Each assignee works on the task at `min(units, capacity still free)` at every moment, so an effort task never
books anybody above their units: it starts as soon as someone has room and runs faster or slower as others'
bookings come and go (TaskJuggler's allocation). The walk goes from one change of anybody's load to the next,
adding up the work done, and pins the exact finish minute inside the last stretch. The booking it returns is
contoured: one piece per stretch, at the fraction actually used.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from pmcode.schedule.calendar import BeyondHorizon, WorkingTime
from pmcode.schedule.load import EPSILON, FOREVER, Load
from pmcode.schedule.placement import Worker, ceil_minutes

MAX_STRETCHES = 1_000_000


@dataclass(frozen=True, slots=True)
class Piece:
    person: str
    start: int
    finish: int
    fraction: float


def _free(worker: Worker, load: Load, index: int) -> float:
    return max(0.0, min(worker.units, load.capacity - load.levels[index]))


def _finish_inside(
    workers: list[Worker], rates: list[float], since: int, before: list[int], until: int, remaining: float
) -> int:
    """The first minute in [since, until] at which the work done since `since` reaches `remaining` (`before`:
    each worker's W(since))."""
    active = [(w, r, b) for w, r, b in zip(workers, rates, before, strict=True) if r > 0]
    if len(active) == 1:
        worker, rate, start = active[0]
        return worker.time.end_at(start + ceil_minutes(remaining / rate))
    target = remaining - 1e-6
    time = active[0][0].time if active else None
    if time is not None and since < until and all(w.time is time for w, _, _ in active):
        return _finish_in_one_calendar(time, [r for _, r, _ in active], since, active[0][2], until, target)
    clocks = [(w.time.work_before, r, b) for w, r, b in active]
    low, high = since, until
    while low < high:
        middle = (low + high) // 2
        done: float = 0  # as sum() adds
        for clock, rate, start in clocks:
            done += rate * (clock(middle) - start)
        if done >= target:
            high = middle
        else:
            low = middle + 1
    return low


def _finish_in_one_calendar(
    time: WorkingTime, rates: list[float], since: int, start: int, until: int, target: float
) -> int:
    """`_finish_inside` when every worker works in one calendar: the same first minute, found by searching the
    working minutes x done since `since` (the same sum, rate by rate, decides), then the moment x is reached."""

    def reached(worked: int) -> bool:
        done: float = 0  # as sum() adds
        for rate in rates:
            done += rate * worked
        return done >= target

    low, high = 0, time.work_before(until) - start
    if not reached(high):
        return until
    while low < high:
        middle = (low + high) // 2
        if reached(middle):
            high = middle
        else:
            low = middle + 1
    return since if low == 0 else time.end_at(start + low)


def place_leveled_effort(
    workers: list[Worker], loads: list[Load], effort: int, earliest: int
) -> tuple[int, int, list[Piece]]:
    """Start, finish and booking pieces of `effort` minutes of work shared by `workers`, from `earliest` on.

    Each worker's W(moment) is carried from one stretch to the next (a stretch starts where the last one ended),
    and the pieces are merged as they come; the arithmetic, in its order, is that of one stretch at a time."""
    if len(workers) == 1:
        return _place_alone(workers[0], loads[0], effort, earliest)
    span = range(len(workers))
    times_of = [load.times for load in loads]
    levels_of = [load.levels for load in loads]
    capacities = [load.capacity for load in loads]
    units = [w.units for w in workers]
    speeds = [w.rate for w in workers]
    clocks = [w.time.work_before for w in workers]
    persons = [w.person for w in workers]
    indexes = [bisect_right(times, earliest) - 1 for times in times_of]
    horizon = workers[0].time.end  # every worker shares the horizon
    moment = earliest
    before = [clock(moment) for clock in clocks]
    remaining = float(effort)
    start: int | None = None
    merged: dict[str, list[tuple[int, int, float]]] = {}
    stretches = 0
    while stretches < MAX_STRETCHES:
        if remaining - 1e-6 > 0.0:  # a stretch where nobody has room would do nothing: pass over them
            passed, moment = _pass_full(times_of, levels_of, capacities, units, indexes, moment)
            if passed:
                stretches += passed
                before = [clock(moment) for clock in clocks]
                if stretches >= MAX_STRETCHES:
                    break
        stretches += 1
        fractions: list[float] = []
        rates: list[float] = []
        stretch_end = FOREVER
        for k in span:
            times, index = times_of[k], indexes[k]
            fraction = max(0.0, min(units[k], capacities[k] - levels_of[k][index]))
            fractions.append(fraction)
            rates.append(fraction * speeds[k] / units[k] if units[k] else 0.0)
            end = times[index + 1] if index + 1 < len(times) else FOREVER
            if k == 0 or end < stretch_end:
                stretch_end = end
        open_ended = stretch_end >= FOREVER
        limit = min(stretch_end, horizon)
        after = [clock(limit) for clock in clocks]
        done: float = 0  # as sum() adds: 0 + the first + the second ...
        for k in span:
            done += rates[k] * (after[k] - before[k])
        if done > 0 and start is None:
            start = min(workers[k].time.start_at(before[k]) for k in span if rates[k] > 0 and after[k] - before[k])
        if done >= remaining - 1e-6:
            finish = _finish_inside(workers, rates, moment, before, limit, remaining)
            _add_pieces(merged, persons, fractions, moment, finish)
            return (start if start is not None else finish), finish, _pieces_of(merged)
        if open_ended:
            raise BeyondHorizon
        remaining -= done
        _add_pieces(merged, persons, fractions, moment, stretch_end)
        moment = stretch_end
        before = after
        for k in span:
            times, index = times_of[k], indexes[k]
            while index + 1 < len(times) and times[index + 1] <= moment:
                index += 1
            indexes[k] = index
    raise BeyondHorizon


def _place_alone(worker: Worker, load: Load, effort: int, earliest: int) -> tuple[int, int, list[Piece]]:
    """`place_leveled_effort` for one worker (most effort tasks): the same walk, without the lists."""
    times, levels, capacity, units, speed = load.times, load.levels, load.capacity, worker.units, worker.rate
    time = worker.time
    clock, horizon, last = time.work_before, time.end, len(times) - 1
    index = bisect_right(times, earliest) - 1
    moment = earliest
    before = clock(moment)
    remaining = float(effort)
    start: int | None = None
    merged: dict[str, list[tuple[int, int, float]]] = {}
    persons = [worker.person]
    stretches = 0
    while stretches < MAX_STRETCHES:
        if remaining - 1e-6 > 0.0:  # pass over the stretches where the worker is booked full, as _pass_full
            end = min(last, index + MAX_STRETCHES)
            skipped = index
            if units > 0:
                while skipped < end and levels[skipped] >= capacity:
                    skipped += 1
            else:
                skipped = end
            if skipped > index:
                stretches += skipped - index
                index, moment = skipped, times[skipped]
                before = clock(moment)
                if stretches >= MAX_STRETCHES:
                    break
        stretches += 1
        fraction = max(0.0, min(units, capacity - levels[index]))
        rate = fraction * speed / units if units else 0.0
        stretch_end = times[index + 1] if index < last else FOREVER
        limit = min(stretch_end, horizon)
        after = clock(limit)
        done: float = 0  # as sum() adds
        done += rate * (after - before)
        if done > 0 and start is None:
            start = time.start_at(before)
        if done >= remaining - 1e-6:
            finish = _finish_inside([worker], [rate], moment, [before], limit, remaining)
            _add_pieces(merged, persons, [fraction], moment, finish)
            return (start if start is not None else finish), finish, _pieces_of(merged)
        if stretch_end >= FOREVER:
            raise BeyondHorizon
        remaining -= done
        _add_pieces(merged, persons, [fraction], moment, stretch_end)
        moment = stretch_end
        before = after
        index += 1  # the breakpoints are strictly increasing: the next stretch starts at the next one
    raise BeyondHorizon


def _pass_full(
    times_of: list[list[int]],
    levels_of: list[list[float]],
    capacities: list[float],
    units: list[float],
    indexes: list[int],
    moment: int,
) -> tuple[int, int]:
    """Pass over the stretches from `moment` on in which every worker is booked full (their free fraction is
    exactly 0: nothing is done or booked there), up to the last breakpoint. Returns how many were passed and the
    moment the walk goes on from; `indexes` follow."""
    if len(indexes) == 1:  # the common case, as one scan: each breakpoint of one load ends a stretch
        times, levels, index = times_of[0], levels_of[0], indexes[0]
        last = min(len(times) - 1, index + MAX_STRETCHES)
        if units[0] > 0:
            capacity = capacities[0]
            while index < last and levels[index] >= capacity:
                index += 1
        else:
            index = last
        passed, indexes[0] = index - indexes[0], index
        return passed, (times[index] if passed else moment)
    span = range(len(indexes))
    passed = 0
    while passed < MAX_STRETCHES:
        stretch_end = FOREVER
        for k in span:
            index = indexes[k]
            if units[k] > 0 and levels_of[k][index] < capacities[k]:
                return passed, moment  # someone has room
            times = times_of[k]
            end = times[index + 1] if index + 1 < len(times) else FOREVER
            if k == 0 or end < stretch_end:
                stretch_end = end
        if stretch_end >= FOREVER:
            return passed, moment
        moment = stretch_end
        passed += 1
        for k in span:
            times, index = times_of[k], indexes[k]
            while index + 1 < len(times) and times[index + 1] <= moment:
                index += 1
            indexes[k] = index
    return passed, moment


def _add_pieces(
    merged: dict[str, list[tuple[int, int, float]]], persons: list[str], fractions: list[float], start: int, finish: int
) -> None:
    """The stretch's pieces, merged into each person's last one as `_merged` would."""
    for person, fraction in zip(persons, fractions, strict=True):
        if fraction <= EPSILON:
            continue
        own = merged.get(person)
        if own is None:
            merged[person] = [(start, finish, fraction)]
            continue
        first, end, level = own[-1]
        if end == start and abs(level - fraction) < EPSILON:
            own[-1] = (first, finish, fraction)
        else:
            own.append((start, finish, fraction))


def _pieces_of(merged: dict[str, list[tuple[int, int, float]]]) -> list[Piece]:
    return [Piece(person, s, f, fraction) for person, own in merged.items() for s, f, fraction in own]


def _advance(load: Load, index: int, moment: int) -> int:
    while index + 1 < len(load.times) and load.times[index + 1] <= moment:
        index += 1
    return index


def _merged(pieces: list[Piece]) -> list[Piece]:
    """Consecutive pieces of one person at the same fraction as one: fewer breakpoints in the loads."""
    merged: dict[str, list[Piece]] = {}
    for piece in pieces:
        own = merged.setdefault(piece.person, [])
        last = own[-1] if own else None
        if last is not None and last.finish == piece.start and abs(last.fraction - piece.fraction) < EPSILON:
            own[-1] = Piece(piece.person, last.start, piece.finish, piece.fraction)
        else:
            own.append(piece)
    return [piece for person in merged.values() for piece in person]


def contoured(worker: Worker, load: Load, start: int, finish: int) -> list[Piece]:
    """The pieces of [start, finish) a person can give to fixed-length work: their units where free, less where
    others have booked them, nothing where they are full."""
    pieces: list[Piece] = []
    index = bisect_right(load.times, start) - 1
    moment = start
    while moment < finish:
        end = min(load.times[index + 1] if index + 1 < len(load.times) else FOREVER, finish)
        fraction = _free(worker, load, index)
        if fraction > EPSILON:
            pieces.append(Piece(worker.person, moment, end, fraction))
        moment = end
        index = _advance(load, index, moment)
    return _merged(pieces)
