"""pmcode's working-time arithmetic (pmcode.schedule.calendar.WorkingTime) on whole arrays of moments.

The simulation counts time as W, the working minutes of a project calendar since the time base's epoch. These
convert between moments and W for many iterations at once, with the same per-day running totals and per-weekday
tables as the scalar methods: `work_before`, `start_at` and `end_at`.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from pmcode.schedule.calendar import MINUTES_PER_DAY, WorkingTime

Ints = npt.NDArray[np.int64]


class WorkAxis:
    def __init__(self, time: WorkingTime) -> None:
        self.time = time
        self.cum, self.kinds, self.table = time.arrays()
        pattern = time.pattern
        rows = len(pattern.starts)
        self.vector = pattern.tables
        self.start_rows = np.zeros((rows, MINUTES_PER_DAY + 1), dtype=np.int64)
        self.end_rows = np.zeros((rows, MINUTES_PER_DAY + 1), dtype=np.int64)
        for kind in range(rows):
            starts, ends = pattern.start_rows[kind], pattern.end_rows[kind]
            self.start_rows[kind, : len(starts)] = starts
            self.end_rows[kind, : len(ends)] = ends

    def work_before(self, moments: Ints) -> Ints:
        clipped = np.clip(moments, 0, self.time.end - 1)
        day = clipped // MINUTES_PER_DAY
        worked: Ints = self.cum[day] + self.table[self.kinds[day], clipped - day * MINUTES_PER_DAY]
        worked = np.where(moments <= 0, 0, worked)
        return np.where(moments >= self.time.end, self.time.total, worked)

    def end_at(self, worked: Ints) -> Ints:
        """The earliest moment each amount of working time is done (17:00, not the next morning)."""
        if not self.vector:
            return np.array([self.time.end_at(int(w)) for w in worked.ravel()], dtype=np.int64).reshape(worked.shape)
        clipped = np.clip(worked, 1, self.time.total)
        day = np.searchsorted(self.cum, clipped, side="left") - 1
        moment: Ints = day * MINUTES_PER_DAY + self.end_rows[self.kinds[day], clipped - self.cum[day]]
        return np.where(worked <= 0, 0, moment)

    def start_at(self, worked: Ints) -> Ints:
        """The moment the working minute after each amount of working time begins."""
        if not self.vector:
            return np.array([self.time.start_at(int(w)) for w in worked.ravel()], dtype=np.int64).reshape(worked.shape)
        clipped = np.clip(worked, 0, self.time.total - 1)
        day = np.searchsorted(self.cum, clipped, side="right") - 1
        moment: Ints = day * MINUTES_PER_DAY + self.start_rows[self.kinds[day], clipped - self.cum[day]]
        return moment
