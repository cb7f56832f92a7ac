"""How much of each person is booked over time: a step function per person, for leveling and over-allocation."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

EPSILON = 1e-9
NEVER = -(2**62)
FOREVER = 2**62  # a stretch that never ends: only when one booking alone exceeds the capacity


@dataclass(slots=True)
class Booking:
    task: int
    start: int
    finish: int
    fraction: float
    done: bool = False  # work reported done (before the status date): it takes capacity, but is history


@dataclass(slots=True)
class Load:
    """`levels[k]` is the booked fraction from `times[k]` until `times[k + 1]`."""

    capacity: float
    times: list[int] = field(default_factory=lambda: [NEVER])
    levels: list[float] = field(default_factory=lambda: [0.0])
    bookings: list[Booking] = field(default_factory=list)

    def _split(self, moment: int) -> int:
        """Index of the segment starting at `moment`, creating the breakpoint if needed."""
        index = bisect_right(self.times, moment) - 1
        if self.times[index] != moment:
            index += 1
            self.times.insert(index, moment)
            self.levels.insert(index, self.levels[index - 1])
        return index

    def add(self, booking: Booking) -> None:
        if booking.finish <= booking.start or booking.fraction <= 0:
            return
        first = self._split(booking.start)
        last = self._split(booking.finish)
        for index in range(first, last):
            self.levels[index] += booking.fraction
        self.bookings.append(booking)

    def remove(self, booking: Booking) -> None:
        """Take a booking back (its breakpoints stay; they are harmless)."""
        first = self._split(booking.start)
        last = self._split(booking.finish)
        for index in range(first, last):
            self.levels[index] -= booking.fraction
        self.bookings.remove(booking)

    def first_conflict(self, start: int, finish: int, fraction: float) -> int | None:
        """Where the first stretch of [start, finish) without room for `fraction` more ends, or None if it fits."""
        if finish <= start:
            return None
        index = bisect_right(self.times, start) - 1
        limit = self.capacity + EPSILON
        count = len(self.times)
        while index < count and self.times[index] < finish:
            if self.levels[index] + fraction > limit:
                end = index + 1
                while end < count and self.levels[end] + fraction > limit:
                    end += 1
                return self.times[end] if end < count else FOREVER
            index += 1
        return None

    def over(self) -> list[tuple[int, int, float]]:
        """Stretches booked above capacity: (start, finish, level)."""
        limit = self.capacity + EPSILON
        stretches = []
        for index, level in enumerate(self.levels):
            if level > limit and index + 1 < len(self.times):
                stretches.append((self.times[index], self.times[index + 1], level))
        return stretches
