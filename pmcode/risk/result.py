"""What `simulate` returns: frozen data for the renderers, the check and the site. Dates are local datetimes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pmcode.cost import cents

PERCENTILES = (10, 50, 80, 90)
CONFIDENCE = 80  # contingency = P80 - plan


@dataclass(frozen=True, slots=True)
class Dates:
    planned: datetime | None
    percentiles: tuple[tuple[int, datetime], ...]  # (10, P10), (50, P50), ...

    def at(self, percentile: int) -> datetime | None:
        return dict(self.percentiles).get(percentile)

    def to_json(self) -> dict[str, Any]:
        return {
            "planned": _when(self.planned),
            **{f"p{p}": _when(value) for p, value in self.percentiles},
        }


@dataclass(frozen=True, slots=True)
class Milestone:
    path: str
    name: str
    finish: Dates
    deadline: date | None
    on_time: float | None  # probability of finishing by the end of the deadline day

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "name": self.name,
            "finish": self.finish.to_json(),
            "deadline": None if self.deadline is None else self.deadline.isoformat(),
            "probability_on_time": None if self.on_time is None else round(self.on_time, 4),
        }


@dataclass(frozen=True, slots=True)
class TaskRisk:
    path: str
    name: str
    criticality: float  # share of iterations in which the task drives the project finish
    sensitivity: float | None  # Spearman rank correlation of its sampled span with the project finish
    uncertain: bool  # has an estimate or a risk's delay

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "name": self.name,
            "criticality": round(self.criticality, 4),
            "sensitivity": None if self.sensitivity is None else round(self.sensitivity, 4),
        }


@dataclass(frozen=True, slots=True)
class ProjectRisk:
    id: str
    name: str
    uncertain: bool  # has estimates or risks; without, every percentile is the plan
    finish: Dates
    cost_planned: float
    cost_percentiles: tuple[tuple[int, float], ...]
    schedule_contingency_days: float  # P80 finish - planned finish, working days of the project calendar
    reserves: float  # the budget's contingency + management reserve
    milestones: tuple[Milestone, ...]
    tasks: tuple[TaskRisk, ...]  # every leaf task, as declared

    def cost_at(self, percentile: int) -> float:
        return dict(self.cost_percentiles)[percentile]

    @property
    def cost_contingency(self) -> float:
        return self.cost_at(CONFIDENCE) - self.cost_planned

    def drivers(self, limit: int = 10) -> list[TaskRisk]:
        """The uncertain tasks that move the finish most: by rank correlation, strongest first."""
        ranked = [t for t in self.tasks if t.sensitivity is not None and t.uncertain]
        ranked.sort(key=lambda t: (-abs(t.sensitivity or 0.0), t.path))
        return ranked[:limit]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "uncertain": self.uncertain,
            "finish": self.finish.to_json(),
            "cost": {"planned": cents(self.cost_planned), **{f"p{p}": cents(v) for p, v in self.cost_percentiles}},
            "contingency": {
                "schedule_days": round(self.schedule_contingency_days, 2),
                "cost": cents(self.cost_contingency),
                "reserves": cents(self.reserves),
            },
            "milestones": [m.to_json() for m in self.milestones],
            "drivers": [t.path for t in self.drivers()],
            "tasks": [t.to_json() for t in self.tasks],
        }


@dataclass(frozen=True, slots=True)
class RiskResult:
    iterations: int
    seed: int
    projects: tuple[ProjectRisk, ...]  # by project id

    def project(self, project_id: str) -> ProjectRisk | None:
        return next((p for p in self.projects if p.id == project_id), None)

    def to_json(self) -> dict[str, Any]:
        return {"iterations": self.iterations, "seed": self.seed, "projects": [p.to_json() for p in self.projects]}


def _when(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()
