"""What the forward pass decides for one leaf task: placed (moments, bookings) or not placeable (why)."""

from __future__ import annotations

from dataclasses import dataclass, field

from pmcode.schedule.leveling import Piece

EARLIEST = -(2**62)  # no bound


@dataclass(slots=True)
class Placed:
    start: int
    finish: int
    hours: dict[str, float] = field(default_factory=dict)  # person -> hours booked
    pieces: list[Piece] = field(default_factory=list)  # what was booked: the hours per day follow from these
    resume: int | None = None  # in a tracked project: where the work left after the status date starts


@dataclass(slots=True)
class Unplaced:
    reason: str  # of the first task that cannot be scheduled
    cause: int | None = None  # that task, when it is another one (this task waits for it)
