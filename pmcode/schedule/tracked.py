"""Scheduling from the status date: where tasks with progress go (pmcode.schedule.tracking reads the progress).

In a tracked project (one with actuals):
- a task that is not started cannot start before the status date: its earliest start is the first working
  moment after the status date's day (StatusMoments.floor; the forward pass places it as usual from there);
- a finished task (100%, or an actual finish) is fixed at its actual dates: the first working moment of its
  actual start day, the last working moment of its actual finish day. Missing one date, the other is its planned
  length away; missing both, it stays where the plan puts it (links, no leveling), moved back to end on the
  status date if it would end after it. Links into it no longer move it;
- a started task (an actual start, or progress between 0 and 100%) starts at its actual start (without one: as
  long before the end of the status date as the work done would take) and the work left, (1 - progress) of its
  duration or effort, is placed like a task of that size from the status date or its links, whichever is later,
  leveled as usual. Its constraints (`start`, `must_start_on`, `must_finish_on`) no longer apply;
- the work done (all of a finished task, the progress of a started one) books its people over the span it took
  (actual start to actual finish, or to the end of the status date), evenly, at the share of their units that
  the work needs there (at most their units): it occupies them in the past and no longer after it.
A milestone with an actual date is fixed at the end of that day's work; reported reached without a date, it
stays where the plan puts it, not after the status date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from pmcode.model import Portfolio, TaskKind
from pmcode.schedule.calendar import BeyondHorizon, WorkingTime
from pmcode.schedule.calendars import Calendars
from pmcode.schedule.leveling import Piece
from pmcode.schedule.load import EPSILON, Booking
from pmcode.schedule.network import TaskNode
from pmcode.schedule.placed import EARLIEST, Placed
from pmcode.schedule.placement import Bounds, Worker, ceil_minutes, place_milestone
from pmcode.schedule.tracking import TaskTracking, Tracking

if TYPE_CHECKING:
    from pmcode.schedule.forward import Forward


class StatusMoments:
    """Each tracked project's status date as moments: `next`, the midnight after it (work not done yet happens
    from there on), and `end`, the last working moment of that day in the project calendar (work done ends by
    then)."""

    def __init__(self, tracking: Tracking, calendars: Calendars, portfolio: Portfolio) -> None:
        self.tracking = tracking
        self.next: dict[str, int] = {}
        self.end: dict[str, int] = {}
        for project_id, day in tracking.status.items():
            time = calendars.project(portfolio.projects[project_id])
            following = calendars.base.moment(day + timedelta(days=1))
            self.next[project_id] = following
            self.end[project_id] = time.end_at(time.work_before(following))

    def floor(self, node: TaskNode) -> int:
        """The earliest start of a leaf that has not started, in a tracked project; EARLIEST for any other."""
        following = self.next.get(node.key[0])
        if following is None or not node.leaf:
            return EARLIEST
        track = self.tracking.of(node.index)
        if track is not None and (track.finished or track.started):
            return EARLIEST
        return following


@dataclass(slots=True)
class History:
    """The part of a tracked task that lies in the past: where it starts, where it finishes (None: started, its
    work left still to place) and the pieces of work done, already booked."""

    start: int
    finish: int | None
    pieces: list[Piece]


def book_history(forward: Forward) -> dict[int, History]:
    """Before the pass, the work done of every finished or started task whose dates do not depend on the plan
    (all but a task reported 100% without dates), booked, so that all planning sees it, whatever its order."""
    history: dict[int, History] = {}
    for index, track in sorted(forward.tracking.tasks.items()):
        if not (track.finished or track.started) or (track.finished and track.start is None and track.finish is None):
            continue
        node = forward.network.tasks[index]
        if not forward.network.tasks[index].leaf:
            continue
        time = forward.calendars.project(node.project)
        end = forward.status.end[node.key[0]]
        workers = forward.people(index)
        try:
            if track.finished:
                start, finish = _finished_span(forward, index, workers, None, track, time, end)
                pieces = _done_pieces(forward, index, workers, time, start, finish, 1.0)
                history[index] = History(start, finish, pieces)
            else:
                start = _started_at(forward, index, workers, track, time, end)
                pieces = _done_pieces(forward, index, workers, time, start, max(start, end), track.fraction)
                history[index] = History(start, None, pieces)
        except BeyondHorizon:
            continue  # placed (and reported) with the task
        for piece in pieces:
            forward.loads[piece.person].add(Booking(index, piece.start, piece.finish, piece.fraction, done=True))
    return history


def place_tracked(forward: Forward, index: int, workers: list[Worker], bounds: Bounds, track: TaskTracking) -> Placed:
    """A finished or started leaf: its history (booked before the pass, or now) and its work left, placed."""
    node = forward.network.tasks[index]
    time = forward.calendars.project(node.project)
    end = forward.status.end[node.key[0]]
    history = forward.history.get(index)
    booked = history is not None
    if history is None and track.finished:  # reported 100% without dates: where the plan puts it
        start, finish = _finished_span(forward, index, workers, bounds, track, time, end)
        history = History(start, finish, _done_pieces(forward, index, workers, time, start, finish, 1.0))
    elif history is None:  # not booked before the pass: its dates lie beyond the horizon (this raises again)
        start = _started_at(forward, index, workers, track, time, end)
        pieces = _done_pieces(forward, index, workers, time, start, max(start, end), track.fraction)
        history = History(start, None, pieces)
    if history.finish is not None:
        placed = Placed(history.start, history.finish)
    else:
        # the work left starts after the status date, and never before the task's own (actual) start
        rest_bounds = Bounds(bounds.start, max(forward.status.next[node.key[0]], history.start), bounds.finish)
        rest = forward.place_work(index, workers, rest_bounds, 1.0 - track.fraction)
        placed = Placed(min(history.start, rest.start), rest.finish, rest.hours, rest.pieces, resume=rest.start)
    times = {w.person: w.time for w in workers}
    for piece in history.pieces:
        if booked:
            forward.count(placed, piece, times[piece.person])
        else:
            forward.book(index, placed, piece, times[piece.person], done=True)
    for worker in workers:
        placed.hours.setdefault(worker.person, 0.0)
    return placed


def _started_at(
    forward: Forward, index: int, workers: list[Worker], track: TaskTracking, time: WorkingTime, end: int
) -> int:
    """A started task's start: its actual start, else as long before the end of the status date as the work done
    would take."""
    if track.start is not None:
        return _moment(forward, time, track.start, ending=False)
    return _before(forward, index, workers, time, end, track.fraction)


def _moment(forward: Forward, time: WorkingTime, day: date, *, ending: bool) -> int:
    """The first working moment of a day, or (`ending`) its last: 17:00 on a 09:00-17:00 day. A day without
    working time gives the next working moment after it, or the last one before it."""
    base = forward.calendars.base
    if ending:
        return time.end_at(time.work_before(base.moment(day + timedelta(days=1))))
    return time.next_working(base.moment(day))


def _planned(forward: Forward, index: int, workers: list[Worker]) -> tuple[int, bool]:
    """How long the whole task takes as planned, in working minutes of the project calendar (effort: its people
    working on it at their units), or in wall-clock minutes when `elapsed` is True."""
    node = forward.network.tasks[index]
    task = node.task
    effort = forward.effort_minutes(index)
    if task.kind is TaskKind.MILESTONE:
        return 0, False
    if effort and workers:
        rate = sum(w.rate for w in workers)
        return (ceil_minutes(effort / rate) if rate > 0 else effort), False
    duration = task.duration or task.effort
    if duration is None:
        return 0, False
    if duration.elapsed:
        return round(duration.elapsed_hours() * 60), True
    hours_per_day = forward.calendars.hours_per_day(forward.calendars.project_calendar_id(node.project))
    return round(duration.working_hours(hours_per_day) * 60), False


def _before(forward: Forward, index: int, workers: list[Worker], time: WorkingTime, finish: int, share: float) -> int:
    """Where `share` of the task's planned length starts when it ends at `finish`."""
    minutes, elapsed = _planned(forward, index, workers)
    length = round(minutes * share)
    if elapsed:
        return finish - length
    if length == 0:
        return finish
    return min(time.start_at(max(time.work_before(finish) - length, 0)), finish)


def _finished_span(
    forward: Forward,
    index: int,
    workers: list[Worker],
    bounds: Bounds | None,
    track: TaskTracking,
    time: WorkingTime,
    end: int,
) -> tuple[int, int]:
    if forward.network.tasks[index].task.kind is TaskKind.MILESTONE:
        if track.finish is not None:
            moment = _moment(forward, time, track.finish, ending=True)
        else:
            assert bounds is not None, "reported without dates: placed with the plan"
            moment = min(place_milestone(time, bounds)[0], end)
        return moment, moment
    if track.start is not None and track.finish is not None:
        start = _moment(forward, time, track.start, ending=False)
        return start, max(start, _moment(forward, time, track.finish, ending=True))
    if track.start is not None:
        start = _moment(forward, time, track.start, ending=False)
        minutes, elapsed = _planned(forward, index, workers)
        finish = start + minutes if elapsed else time.add(start, minutes)
        return start, max(start, min(finish, end))
    if track.finish is not None:
        finish = _moment(forward, time, track.finish, ending=True)
        return _before(forward, index, workers, time, finish, 1.0), finish
    assert bounds is not None, "reported without dates: placed with the plan"
    start, finish = forward.place_span(index, workers, bounds)  # as planned, but not after the status date
    if finish > end:
        finish = end
        start = _before(forward, index, workers, time, finish, 1.0)
    return min(start, finish), finish


def _done_pieces(
    forward: Forward, index: int, workers: list[Worker], time: WorkingTime, start: int, finish: int, share: float
) -> list[Piece]:
    """The work done, `share` of the task's, spread evenly over [start, finish): each person at the same share of
    their units, as much as the work needs there and at most all of it."""
    if finish <= start or share <= 0 or not workers:
        return []
    effort = forward.effort_minutes(index)
    if effort:
        capacity = sum(w.rate * w.time.working_between(start, finish) for w in workers)
        needed = effort * share
    else:
        minutes, elapsed = _planned(forward, index, workers)
        capacity = (finish - start) if elapsed else time.working_between(start, finish)
        needed = minutes * share
    if capacity <= 0:
        return []
    level = min(1.0, needed / capacity)
    return [Piece(w.person, start, finish, w.units * level) for w in workers if w.units * level > EPSILON]
