"""What the simulation samples, as frozen data: the tasks' three-point estimates and the projects' risks.

Built from a validated project (the `estimate` and `correlations` keys as written, read through each entity's
`Src`) and the quantified risks of its RAID log (`<project>/raid.yaml`: a `chance` with a `schedule` or `cost`
impact), so the engine never sees raw dicts. Amounts are in minutes of working time (elapsed minutes for an
elapsed task) or in money.

Which risks are sampled: `open` ones with their chance; `occurred` ones as certain (the impact is real until the
plan absorbs it and the risk is closed); `closed` ones not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pmcode.model import Duration, Portfolio, Project, Task, TaskKind
from pmcode.records.raid.model import RaidRisk

DEFAULT_CORRELATION = 0.8  # a correlation group not listed under the project's `correlations`


@dataclass(frozen=True, slots=True)
class Range:
    """Three points, min <= likely <= max (checked by validation), and the distribution between them."""

    low: float
    likely: float
    high: float
    dist: str = "pert"

    @property
    def width(self) -> float:
        return self.high - self.low


@dataclass(frozen=True, slots=True)
class Estimate:
    """A task's estimate: `range` in the same minutes as `planned` (its duration or effort as scheduled)."""

    path: str
    range: Range
    planned: float
    group: str | None


@dataclass(frozen=True, slots=True)
class Risk:
    id: str
    name: str
    probability: float  # 0..1
    tasks: tuple[str, ...]  # task paths of the project that a schedule impact delays
    delay: Range | None  # working minutes added to each of `tasks`
    cost: Range | None  # money added to the project


@dataclass(frozen=True, slots=True)
class ProjectInputs:
    project: str
    estimates: tuple[Estimate, ...]
    risks: tuple[Risk, ...]
    correlations: tuple[tuple[str, float], ...]  # group -> coefficient, for every group the estimates name

    @property
    def uncertain(self) -> bool:
        return bool(self.estimates or self.risks)


def minutes(text: str, hours_per_day: float) -> float:
    """'5d' -> working minutes (with the calendar's hours per day); '3ed' -> elapsed minutes."""
    duration = Duration.parse(text)
    hours = duration.elapsed_hours() if duration.elapsed else duration.working_hours(hours_per_day)
    return hours * 60


def planned_amount(task: Task) -> Duration | None:
    """What an estimate ranges over: a duration task's duration, an effort task's effort (else None)."""
    if task.kind is TaskKind.DURATION:
        return task.duration
    if task.kind is TaskKind.EFFORT:
        return task.effort
    return None


def _range(raw: dict[str, Any], convert: Any) -> Range:
    dist = raw.get("dist", "pert")
    return Range(convert(raw["min"]), convert(raw["likely"]), convert(raw["max"]), dist)


def quantified_risks(portfolio: Portfolio, project: Project) -> tuple[RaidRisk, ...]:
    """The risks of the project's RAID log that `pmcode risk` samples: quantified, and not closed."""
    log = portfolio.records.raid.get(project.id)
    if log is None:
        return ()
    return tuple(risk for risk in log.risks if risk.quantified and risk.status != "closed")


def has_inputs(portfolio: Portfolio, project: Project) -> bool:
    """Whether the project has anything to simulate: a task with an `estimate`, or a quantified risk."""
    return bool(quantified_risks(portfolio, project)) or any(task.src.has("estimate") for task in project.walk())


def project_inputs(portfolio: Portfolio, project: Project, hours_per_day: float) -> ProjectInputs:
    """The project's estimates and risks. Entries validation rejects (PM250-PM252) are left out."""
    estimates = []
    groups: set[str] = set()
    for task in project.walk():
        raw = task.src.raw("estimate")
        planned = planned_amount(task)
        if not isinstance(raw, dict) or planned is None or not estimate_fits(task, raw):
            continue
        value = _range(raw, lambda text: minutes(text, hours_per_day))
        if not value.low <= value.likely <= value.high:
            continue
        group = raw.get("correlation")
        if group is not None:
            groups.add(group)
        estimates.append(Estimate(task.path, value, minutes(str(planned), hours_per_day), group))
    written = project.src.raw("correlations") or {}
    correlations = tuple((g, float(written.get(g, DEFAULT_CORRELATION))) for g in sorted(groups))
    risks = tuple(_risks(project, quantified_risks(portfolio, project), hours_per_day))
    return ProjectInputs(project.id, tuple(estimates), risks, correlations)


def estimate_fits(task: Task, raw: dict[str, Any]) -> bool:
    """Whether the estimate's units are the task's kind: all working time, or all elapsed like its duration."""
    planned = planned_amount(task)
    if planned is None:
        return False
    return all(Duration.parse(raw[key]).elapsed == planned.elapsed for key in ("min", "likely", "max"))


def _risks(project: Project, risks: tuple[RaidRisk, ...], hours_per_day: float) -> list[Risk]:
    found = []
    for risk in risks:
        delay = cost = None
        paths: list[str] = []
        if risk.schedule is not None:
            impact = risk.schedule
            low, likely, high = (minutes(text, hours_per_day) for text in (impact.low, impact.likely, impact.high))
            delay = Range(low, likely, high, impact.dist)
            paths = [path for ref in impact.tasks if (path := risk_task(project, ref)) is not None]
        if risk.cost is not None:
            cost = Range(risk.cost.low, risk.cost.likely, risk.cost.high, risk.cost.dist)
        if any(r is not None and not r.low <= r.likely <= r.high for r in (delay, cost)):
            continue
        chance = 1.0 if risk.status == "occurred" else risk.chance or 0.0
        found.append(Risk(risk.id, risk.title, chance, tuple(paths), delay, cost))
    return found


def risk_task(project: Project, ref: str) -> str | None:
    """The path of the task of this project that a risk names (a dotted path from the project root), or None."""
    return ref if ref in project.by_path else None
