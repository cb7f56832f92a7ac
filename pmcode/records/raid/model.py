"""RAID log: the model, built from a schema-valid document.

A risk is scored (1-5 probability x 1-5 impact) for the heat map, quantified (a `chance` with schedule and cost
ranges) for `pmcode risk`, or both. The quantified part is kept as written (durations as text): the risk engine
converts it with the project's calendar, which the log does not know.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pmcode.load import Document
from pmcode.model.types import Src
from pmcode.model.units import parse_percent
from pmcode.records.common import Action, build_action, opt_date

RISK_OPEN = frozenset({"open", "occurred"})  # a risk that has happened is still managed (now also as an issue)
ISSUE_OPEN = frozenset({"open", "in-progress"})
ASSUMPTION_OPEN = frozenset({"open"})  # not yet validated nor proven false
HIGH_SCORE = 15  # probability x impact from which a risk is "high" (the red band of a 5x5 matrix)
DEFAULT_REVIEW_DAYS = 30  # how often an open risk is reviewed unless the log's `review_days` says otherwise


@dataclass(frozen=True, slots=True)
class ScheduleImpact:
    """Working time a risk adds to tasks when it occurs; durations as written ("5d")."""

    tasks: tuple[str, ...]
    low: str
    likely: str
    high: str
    dist: str
    src: Src = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class CostImpact:
    low: float
    likely: float
    high: float
    dist: str
    src: Src = field(compare=False, repr=False)

    @property
    def mean(self) -> float:
        """The mean of the distribution (PERT: (min + 4 likely + max) / 6; triangular: the plain average)."""
        if self.dist == "triangular":
            return (self.low + self.likely + self.high) / 3
        return (self.low + 4 * self.likely + self.high) / 6


@dataclass(frozen=True, slots=True)
class RaidRisk:
    id: str
    title: str
    cause: str
    event: str
    effect: str
    probability: int | None  # 1-5
    impact: int | None  # 1-5
    status: str  # open, occurred, closed
    owner: str | None
    response: str  # avoid, mitigate, transfer, accept, escalate ("" when not decided)
    trigger: str
    actions: tuple[Action, ...]
    last_review: date | None
    src: Src = field(compare=False, repr=False)
    raised: date | None = None
    chance: float | None = None  # 0..1, for `pmcode risk`
    schedule: ScheduleImpact | None = None
    cost: CostImpact | None = None
    closed: date | None = None

    @property
    def score(self) -> int | None:
        if self.probability is None or self.impact is None:
            return None
        return self.probability * self.impact

    @property
    def is_open(self) -> bool:
        return self.status in RISK_OPEN

    @property
    def quantified(self) -> bool:
        return self.chance is not None and (self.schedule is not None or self.cost is not None)

    @property
    def expected_cost(self) -> float | None:
        """Chance x mean cost: what the risk is worth to the budget (None without a cost impact)."""
        if self.chance is None or self.cost is None:
            return None
        return self.chance * self.cost.mean


@dataclass(frozen=True, slots=True)
class RaidAssumption:
    id: str
    title: str
    owner: str | None
    validate_by: date | None
    status: str  # open, valid, invalid
    src: Src = field(compare=False, repr=False)
    description: str = ""

    @property
    def is_open(self) -> bool:
        return self.status in ASSUMPTION_OPEN


@dataclass(frozen=True, slots=True)
class RaidIssue:
    id: str
    title: str
    raised: date | None
    priority: str  # low, medium, high, critical
    owner: str | None
    due: date | None
    status: str  # open, in-progress, resolved, closed
    resolution: str
    src: Src = field(compare=False, repr=False)
    description: str = ""
    closed: date | None = None
    actions: tuple[Action, ...] = ()

    @property
    def is_open(self) -> bool:
        return self.status in ISSUE_OPEN


@dataclass(frozen=True, slots=True)
class RaidDecision:
    id: str
    title: str
    date: date | None
    decided_by: tuple[str, ...]
    rationale: str
    forum: str
    src: Src = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class RaidLog:
    project: str
    risks: tuple[RaidRisk, ...]
    assumptions: tuple[RaidAssumption, ...]
    issues: tuple[RaidIssue, ...]
    decisions: tuple[RaidDecision, ...]
    src: Src = field(compare=False, repr=False)
    review_days: int = DEFAULT_REVIEW_DAYS


def _actions(src: Src) -> tuple[Action, ...]:
    return tuple(build_action(node, src.child("actions", n)) for n, node in enumerate(src.raw("actions") or ()))


def _schedule(src: Src) -> ScheduleImpact | None:
    raw = src.raw("schedule")
    if not isinstance(raw, dict):
        return None
    tasks = tuple(str(t) for t in raw.get("tasks", ()))
    return ScheduleImpact(tasks, raw["min"], raw["likely"], raw["max"], raw.get("dist", "pert"), src.child("schedule"))


def _cost(src: Src) -> CostImpact | None:
    raw = src.raw("cost")
    if not isinstance(raw, dict):
        return None
    values = (float(raw["min"]), float(raw["likely"]), float(raw["max"]))
    return CostImpact(*values, raw.get("dist", "pert"), src.child("cost"))


def _risk(src: Src) -> RaidRisk:
    raw: dict[str, Any] = src.node
    chance = raw.get("chance")
    return RaidRisk(
        id=raw["id"],
        title=raw.get("title", ""),
        cause=raw.get("cause", ""),
        event=raw.get("event", ""),
        effect=raw.get("effect", ""),
        probability=raw.get("probability"),
        impact=raw.get("impact"),
        status=raw.get("status", "open"),
        owner=raw.get("owner"),
        response=raw.get("response", ""),
        trigger=raw.get("trigger", ""),
        actions=_actions(src),
        last_review=opt_date(raw.get("last_review")),
        src=src,
        raised=opt_date(raw.get("raised")),
        chance=None if chance is None else parse_percent(chance),
        schedule=_schedule(src),
        cost=_cost(src),
        closed=opt_date(raw.get("closed")),
    )


def _assumption(src: Src) -> RaidAssumption:
    raw: dict[str, Any] = src.node
    return RaidAssumption(
        id=raw["id"],
        title=raw.get("title", ""),
        owner=raw.get("owner"),
        validate_by=opt_date(raw.get("validate_by")),
        status=raw.get("status", "open"),
        src=src,
        description=raw.get("description", ""),
    )


def _issue(src: Src) -> RaidIssue:
    raw: dict[str, Any] = src.node
    return RaidIssue(
        id=raw["id"],
        title=raw.get("title", ""),
        raised=opt_date(raw.get("raised")),
        priority=raw.get("priority", "medium"),
        owner=raw.get("owner"),
        due=opt_date(raw.get("due")),
        status=raw.get("status", "open"),
        resolution=raw.get("resolution", ""),
        src=src,
        description=raw.get("description", ""),
        closed=opt_date(raw.get("closed")),
        actions=_actions(src),
    )


def _decision(src: Src) -> RaidDecision:
    raw: dict[str, Any] = src.node
    decided_by = raw.get("decided_by", ())
    return RaidDecision(
        id=raw["id"],
        title=raw.get("title", ""),
        date=opt_date(raw.get("date")),
        decided_by=(decided_by,) if isinstance(decided_by, str) else tuple(decided_by),
        rationale=raw.get("rationale", ""),
        forum=raw.get("forum", ""),
        src=src,
    )


def build_raid(document: Document, project: str) -> RaidLog:
    src = Src(document)
    data = src.node if isinstance(src.node, dict) else {}

    def entries(name: str) -> list[Src]:
        return [src.child(name, n) for n in range(len(data.get(name) or ()))]

    return RaidLog(
        project=project,
        risks=tuple(_risk(s) for s in entries("risks")),
        assumptions=tuple(_assumption(s) for s in entries("assumptions")),
        issues=tuple(_issue(s) for s in entries("issues")),
        decisions=tuple(_decision(s) for s in entries("decisions")),
        src=src,
        review_days=int(data.get("review_days", DEFAULT_REVIEW_DAYS)),
    )
