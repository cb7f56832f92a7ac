"""Where one leaf task goes, given the earliest moments its links allow: durations, efforts and milestones.

Durations count working time of the project calendar (or wall-clock time when elapsed). Effort is shared by
the assignees, each working in their own calendar at `units x efficiency`: the task finishes at the first
moment the sum of their work reaches the effort. Found by binary search over minutes, bounded above by the
fastest assignee working alone, so exact whatever calendars, leave and part-time mix.
"""

from __future__ import annotations

from dataclasses import dataclass

from pmcode.schedule.calendar import BeyondHorizon, WorkingTime


@dataclass(frozen=True, slots=True)
class Worker:
    person: str
    time: WorkingTime
    units: float  # share of the person's working time given to this task
    rate: float  # effort per working minute: units x efficiency


@dataclass(frozen=True, slots=True)
class Bounds:
    """Earliest moments allowed by links (`start`, `finish`) and by start constraints (`snapped`): a start
    constraint means the first working moment on or after it, a link means exactly that moment."""

    start: int
    snapped: int
    finish: int


def place_duration(time: WorkingTime, minutes: int, bounds: Bounds) -> tuple[int, int]:
    start = time.next_working(max(bounds.start, bounds.snapped))
    finish = time.add(start, minutes)
    if finish < bounds.finish:
        start = max(start, time.start_at(time.work_before(bounds.finish) - minutes))
        finish = time.add(start, minutes)
    return start, finish


def place_elapsed(time: WorkingTime, minutes: int, bounds: Bounds) -> tuple[int, int]:
    start = max(bounds.start, time.next_working(bounds.snapped))
    start = max(start, bounds.finish - minutes)
    return start, start + minutes


def place_milestone(time: WorkingTime, bounds: Bounds) -> tuple[int, int]:
    moment = max(bounds.start, time.next_working(bounds.snapped), bounds.finish)
    return moment, moment


def _work_done(workers: list[Worker], since: list[int], moment: int) -> float:
    return sum(w.rate * (w.time.work_before(moment) - before) for w, before in zip(workers, since, strict=True))


def effort_finish(workers: list[Worker], earliest: int, effort: int) -> int:
    """The first moment at which the workers, starting at `earliest`, have done `effort` minutes of work."""
    since = [w.time.work_before(earliest) for w in workers]
    solo = []
    for worker, before in zip(workers, since, strict=True):
        try:
            solo.append(worker.time.end_at(before + ceil_minutes(effort / worker.rate)))
        except BeyondHorizon:
            continue
    if not solo:
        raise BeyondHorizon
    if len(workers) == 1:
        return solo[0]
    low, high = earliest, min(solo)
    target = effort - 1e-6
    while low < high:
        middle = (low + high) // 2
        if _work_done(workers, since, middle) >= target:
            high = middle
        else:
            low = middle + 1
    return low


def effort_start_for_finish(workers: list[Worker], finish: int, effort: int) -> int:
    """The latest start from which the workers finish at `finish` (for finish-to-finish links), never before it:
    when their calendars or units differ between the first and the last minute, no start may end exactly there,
    and the start is then one minute later, finishing just after it."""
    until = [w.time.work_before(finish) for w in workers]
    low, high = 0, finish
    while low < high:  # the largest start whose remaining work still covers the effort
        middle = (low + high + 1) // 2
        done = sum(w.rate * (end - w.time.work_before(middle)) for w, end in zip(workers, until, strict=True))
        if done >= effort - 1e-6:
            low = middle
        else:
            high = middle - 1
    done_at = effort_finish(workers, low, effort)
    if done_at < finish and any(w.time.working_between(done_at, finish) > 0 for w in workers):
        return low + 1  # someone works between done_at and finish: the task would end before its bound
    return low


def place_effort(workers: list[Worker], effort: int, bounds: Bounds) -> tuple[int, int]:
    earliest = max(bounds.start, bounds.snapped)
    finish = effort_finish(workers, earliest, effort)
    if finish < bounds.finish:
        earliest = max(earliest, effort_start_for_finish(workers, bounds.finish, effort))
        finish = effort_finish(workers, earliest, effort)
    starts = []
    for worker in workers:
        try:
            first = worker.time.next_working(earliest)
        except BeyondHorizon:
            continue
        if first < finish:
            starts.append(first)
    return (min(starts) if starts else earliest), finish


def ceil_minutes(value: float) -> int:
    whole = int(value)
    return whole if whole >= value - 1e-9 else whole + 1
