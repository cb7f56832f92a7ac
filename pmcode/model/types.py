"""The plan as frozen dataclasses: built only from schema-valid documents, read by every engine.

Each entity keeps a `Src`, a pointer back to where it was written, so a rule or a check can report a finding at
the exact field without the model carrying positions for every value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pmcode.diagnostics import Loc
from pmcode.load.documents import Document
from pmcode.load.sourcemap import PathItem
from pmcode.model.units import Duration

Interval = tuple[int, int]  # minutes from midnight, start < end
TaskKey = tuple[str, str]  # (project id, dotted task path)


class Src:
    """Where an entity was written: its document, its place in it (parent and key), and its data as written.

    The path is assembled only when a position is asked for (a finding), so building the model of a large plan
    does not pay for it.
    """

    __slots__ = ("_parent", "document", "key", "node")

    def __init__(self, document: Document, parent: Src | None = None, key: PathItem | None = None) -> None:
        self.document = document
        self._parent = parent
        self.key = key
        self.node: Any = document.data if parent is None else _index(parent.node, key)

    @property
    def file(self) -> str:
        return self.document.file

    @property
    def path(self) -> tuple[PathItem, ...]:
        keys: list[PathItem] = []
        src: Src | None = self
        while src is not None and src._parent is not None:
            assert src.key is not None
            keys.append(src.key)
            src = src._parent
        return tuple(reversed(keys))

    def at(self, *sub: PathItem, key: bool = False) -> Loc:
        """The position of the entity, or of one of its fields (`src.at("calendar")`)."""
        return self.document.loc((*self.path, *sub), key=key)

    def at_key_or_self(self, name: str) -> Loc:
        """The value of `name` when the entity is a mapping that has it, else the entity itself (`- alice`)."""
        return self.at(name) if self.has(name) else self.at()

    def child(self, *sub: PathItem) -> Src:
        src = self
        for item in sub:
            src = Src(self.document, src, item)
        return src

    def has(self, name: str) -> bool:
        """Whether the entity's mapping has the key `name` as written (defaults do not count)."""
        return isinstance(self.node, dict) and name in self.node

    def raw(self, name: str) -> Any:
        """The value of key `name` as written, or None."""
        return self.node.get(name) if isinstance(self.node, dict) else None


def _index(node: Any, key: PathItem | None) -> Any:
    try:
        return node[key]
    except (KeyError, IndexError, TypeError):
        return None


class TaskKind(StrEnum):
    DURATION = "duration"
    EFFORT = "effort"
    MILESTONE = "milestone"
    SUMMARY = "summary"


class LinkType(StrEnum):
    FS = "FS"
    SS = "SS"
    FF = "FF"
    SF = "SF"


@dataclass(frozen=True, slots=True)
class Moment:
    """A constraint date as written: a whole day (`2027-05-10`) or a date and time (`2027-05-10T13:00`)."""

    when: datetime
    whole_day: bool

    @property
    def day(self) -> date:
        return self.when.date()


@dataclass(frozen=True, slots=True)
class Holiday:
    day: date
    name: str


@dataclass(frozen=True, slots=True)
class Calendar:
    id: str
    name: str
    week: tuple[tuple[Interval, ...], ...]  # 7 entries, Monday first: the working intervals of each weekday
    hours_per_day: float
    holiday_country: str | None
    holiday_subdiv: str | None
    holidays: tuple[Holiday, ...]
    src: Src | None = field(default=None, compare=False, repr=False)  # None for the built-in default


@dataclass(frozen=True, slots=True)
class Rate:
    start: date
    rate: float


@dataclass(frozen=True, slots=True)
class Role:
    id: str
    name: str
    rate: float | None
    rates: tuple[Rate, ...]
    src: Src = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Leave:
    start: date
    end: date  # inclusive
    reason: str
    src: Src = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    email: str | None
    role: str | None
    rate: float | None
    rates: tuple[Rate, ...]
    calendar: str | None
    units: float  # 1.0 = full time
    efficiency: float
    leave: tuple[Leave, ...]
    available_from: date | None
    available_to: date | None  # inclusive
    src: Src = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Assignment:
    person: str
    units: float | None  # None: the person's own units
    src: Src = field(compare=False, repr=False)
    alternatives: tuple[str, ...] = ()  # who may do it instead, when leveling


@dataclass(frozen=True, slots=True)
class Dependency:
    ref: str  # as written: id, dotted path, or project:path
    type: LinkType
    lag: Duration | None
    src: Src = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Task:
    id: str
    path: str  # dotted path from the project root
    name: str
    description: str
    kind: TaskKind
    duration: Duration | None
    effort: Duration | None
    children: tuple[Task, ...]
    assign: tuple[Assignment, ...]
    depends: tuple[Dependency, ...]
    start: Moment | None  # start no earlier than
    must_start_on: Moment | None
    must_finish_on: Moment | None
    alap: bool
    deadline: date | None
    priority: int
    cost: float | None
    line: str | None
    capex: bool | None  # None: inherited
    ev_method: str
    src: Src = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Deliverable:
    id: str
    name: str
    description: str
    task: str | None
    owner: str | None
    due: date | None
    status: str
    accepted_on: date | None
    src: Src = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Threshold:
    warn: float | None
    fail: float | None
    src: Src | None = field(default=None, compare=False, repr=False)  # the threshold's mapping, for findings


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Named thresholds (`cpi`, `spi`, `milestone_slip_days`, ...); absent names are not checked."""

    values: tuple[tuple[str, Threshold], ...] = ()

    def get(self, name: str) -> Threshold | None:
        return dict(self.values).get(name)

    def merged(self, override: Thresholds | None) -> Thresholds:
        if override is None:
            return self
        combined = dict(self.values) | dict(override.values)
        return Thresholds(tuple(sorted(combined.items())))


@dataclass(frozen=True, slots=True)
class BudgetLine:
    id: str
    name: str
    description: str
    category: str
    capex: bool
    amount: float | None
    on: date | None
    monthly: float | None
    first_month: str | None  # YYYY-MM
    last_month: str | None
    vendor: str | None
    po: str | None
    src: Src = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Reserve:
    amount: float | None
    fraction: float | None  # of the cost baseline


@dataclass(frozen=True, slots=True)
class Envelope:
    capex: float
    opex: float


@dataclass(frozen=True, slots=True)
class Budget:
    lines: tuple[BudgetLine, ...]
    contingency: Reserve | None
    management: Reserve | None
    annual: tuple[tuple[str, Envelope], ...]  # (FY2027, envelope), sorted
    thresholds: Thresholds | None
    src: Src = field(compare=False, repr=False)
    eac_method: str | None = None  # the primary EAC of earned value (pmcode.evm.EAC_METHODS); None: `cpi`
