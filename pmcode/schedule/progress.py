"""Percent complete and actual dates per task of a tracked project, summaries rolled up from their tasks.

A leaf's percent complete is its progress as last reported (100 once finished, 0 when nothing was reported). A
summary's is its tasks' progress weighted by their planned length in hours (a `duration` by its working hours, an
`effort` by its person-hours, a milestone by nothing; a summary of milestones only counts them one each), its
actual start is the earliest of its tasks', and its actual finish the latest once all of them have one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pmcode.model import TaskKind
from pmcode.schedule.forward import Forward
from pmcode.schedule.placed import Placed


@dataclass(frozen=True, slots=True)
class TaskProgress:
    percent: float | None  # None: the project is not tracked
    start: date | None
    finish: date | None
    resume: int | None  # where the work left after the status date starts; None once finished
    finished: bool = False
    weight: float = 0.0  # planned hours of the tasks below
    done: float = 0.0  # of which done
    count: int = 0  # tasks below
    count_done: float = 0.0  # their fractions added up


UNTRACKED = TaskProgress(None, None, None, None)


class Progress:
    def __init__(self, forward: Forward) -> None:
        self.forward = forward
        self.rows: dict[int, TaskProgress] = {}

    def of(self, index: int) -> TaskProgress:
        """A task's progress; children are asked before their summary."""
        node = self.forward.network.tasks[index]
        if node.key[0] not in self.forward.tracking.status:
            return UNTRACKED
        row = self._leaf(index) if node.leaf else self._summary(index)
        self.rows[index] = row
        return row

    def _leaf(self, index: int) -> TaskProgress:
        track = self.forward.tracking.of(index)
        fraction = track.fraction if track is not None else 0.0
        finished = track is not None and track.finished
        placed = self.forward.results[index]
        resume = placed.resume if isinstance(placed, Placed) and not finished else None
        weight = self._weight(index)
        start, finish = (track.start, track.finish) if track is not None else (None, None)
        return TaskProgress(
            round(fraction * 100, 1), start, finish, resume, finished, weight, weight * fraction, 1, fraction
        )

    def _summary(self, index: int) -> TaskProgress:
        rows = [self.rows[child] for child in self.forward.network.tasks[index].children if child in self.rows]
        weight = sum(row.weight for row in rows)
        done = sum(row.done for row in rows)
        count = sum(row.count for row in rows)
        count_done = sum(row.count_done for row in rows)
        fraction = done / weight if weight > 0 else (count_done / count if count else 0.0)
        finished = bool(rows) and all(row.finished for row in rows)
        starts = [row.start for row in rows if row.start is not None]
        finishes = [row.finish for row in rows]
        finish = max(f for f in finishes if f is not None) if finished and None not in finishes else None
        percent = 100.0 if finished else min(round(fraction * 100, 1), 99.9)
        return TaskProgress(percent, min(starts, default=None), finish, None, finished, weight, done, count, count_done)

    def _weight(self, index: int) -> float:
        """The task's planned length in hours."""
        node = self.forward.network.tasks[index]
        task = node.task
        if task.kind is TaskKind.MILESTONE:
            return 0.0
        length = task.effort if task.kind is TaskKind.EFFORT else task.duration
        if length is None:
            return 0.0
        if length.elapsed:
            return length.elapsed_hours()
        calendars = self.forward.calendars
        return length.working_hours(calendars.hours_per_day(calendars.project_calendar_id(node.project)))
