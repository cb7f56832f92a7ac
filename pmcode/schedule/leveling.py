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

from pmcode.schedule.calendar import BeyondHorizon
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


def _finish_inside(workers: list[Worker], rates: list[float], since: int, until: int, remaining: float) -> int:
    """The first minute in [since, until] at which the work done since `since` reaches `remaining`."""
    before = [w.time.work_before(since) for w in workers]
    active = [(w, r, b) for w, r, b in zip(workers, rates, before, strict=True) if r > 0]
    if len(active) == 1:
        worker, rate, start = active[0]
        return worker.time.end_at(start + ceil_minutes(remaining / rate))
    low, high = since, until
    target = remaining - 1e-6
    while low < high:
        middle = (low + high) // 2
        done = sum(rate * (w.time.work_before(middle) - b) for w, rate, b in active)
        if done >= target:
            high = middle
        else:
            low = middle + 1
    return low


def place_leveled_effort(
    workers: list[Worker], loads: list[Load], effort: int, earliest: int
) -> tuple[int, int, list[Piece]]:
    """Start, finish and booking pieces of `effort` minutes of work shared by `workers`, from `earliest` on."""
    indexes = [bisect_right(load.times, earliest) - 1 for load in loads]
    moment = earliest
    remaining = float(effort)
    start: int | None = None
    pieces: list[Piece] = []
    for _ in range(MAX_STRETCHES):
        fractions = [_free(w, load, i) for w, load, i in zip(workers, loads, indexes, strict=True)]
        ends = [
            load.times[i + 1] if i + 1 < len(load.times) else FOREVER for load, i in zip(loads, indexes, strict=True)
        ]
        stretch_end = min(ends)
        rates = [f * w.rate / w.units if w.units else 0.0 for f, w in zip(fractions, workers, strict=True)]
        open_ended = stretch_end >= FOREVER
        limit = min(stretch_end, workers[0].time.end)  # every worker shares the horizon
        done = sum(r * w.time.working_between(moment, limit) for r, w in zip(rates, workers, strict=True))
        if done > 0 and start is None:
            working = [
                w for w, r in zip(workers, rates, strict=True) if r > 0 and w.time.working_between(moment, limit)
            ]
            start = min(w.time.next_working(moment) for w in working)
        if done >= remaining - 1e-6:
            finish = _finish_inside(workers, rates, moment, limit, remaining)
            pieces.extend(_pieces(workers, fractions, moment, finish))
            return (start if start is not None else finish), finish, _merged(pieces)
        if open_ended:
            raise BeyondHorizon
        remaining -= done
        pieces.extend(_pieces(workers, fractions, moment, stretch_end))
        moment = stretch_end
        indexes = [_advance(load, i, moment) for load, i in zip(loads, indexes, strict=True)]
    raise BeyondHorizon


def _advance(load: Load, index: int, moment: int) -> int:
    while index + 1 < len(load.times) and load.times[index + 1] <= moment:
        index += 1
    return index


def _pieces(workers: list[Worker], fractions: list[float], start: int, finish: int) -> list[Piece]:
    return [Piece(w.person, start, finish, f) for w, f in zip(workers, fractions, strict=True) if f > EPSILON]


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
