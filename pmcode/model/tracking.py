"""Tracking data as written: monthly actuals and the saved baseline."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pmcode.model.types import Src


@dataclass(frozen=True, slots=True)
class Progress:
    task: str  # as written: id or dotted path
    fraction: float  # 0.0 .. 1.0
    src: Src = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class ActualDates:
    task: str
    start: date | None
    finish: date | None
    src: Src = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class HoursBooked:
    person: str
    task: str
    hours: float
    src: Src = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class CostIncurred:
    line: str
    amount: float
    task: str | None
    ref: str | None
    description: str
    src: Src = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class VarianceNote:
    about: str  # a budget line or a task
    text: str
    action: str
    owner: str | None
    due: date | None
    src: Src = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Actuals:
    period: str  # YYYY-MM
    status_date: date | None
    closed: bool
    progress: tuple[Progress, ...]
    actual: tuple[ActualDates, ...]
    hours: tuple[HoursBooked, ...]
    costs: tuple[CostIncurred, ...]
    notes: tuple[VarianceNote, ...]
    src: Src = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class BaselineTask:
    path: str
    start: str  # local date-time as saved, YYYY-MM-DDTHH:MM
    finish: str
    hours: float | None
    cost: float | None
    src: Src = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class BaselineLine:
    """Planned cost of one budget line on one side (capex or opex), by month, as saved in the baseline."""

    line: str
    capex: bool
    months: tuple[tuple[str, float], ...]  # (YYYY-MM, amount), sorted


@dataclass(frozen=True, slots=True)
class Baseline:
    name: str
    approved: date | None
    approved_by: str
    status_date: date | None
    bac: float | None
    finish: str | None
    tasks: tuple[BaselineTask, ...]
    pv: tuple[tuple[str, float], ...]  # (YYYY-MM, planned value of that month), sorted
    src: Src = field(compare=False, repr=False)
    lines: tuple[BaselineLine, ...] = ()  # the pv by budget line and capex/opex; empty in baselines written by hand
    contingency: float | None = None  # reserves as saved: outside bac and pv
    management_reserve: float | None = None
