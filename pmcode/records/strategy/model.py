"""Strategy: the model, built from a schema-valid document.

Objectives carry measurable key results and name the projects (and the milestones of them) that move them, so the
site can show which work serves which goal and a check can find work that serves none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pmcode.load import Document
from pmcode.model.types import Src
from pmcode.records.common import opt_date


@dataclass(frozen=True, slots=True)
class KeyResult:
    id: str
    title: str
    unit: str  # what the numbers count: "days", "%", "tickets"
    baseline: float
    target: float
    current: float | None  # the latest measurement, None before the first
    as_of: date | None  # when `current` was measured
    due: date | None
    projects: tuple[str, ...]  # projects that move this result (besides the objective's)
    src: Src = field(compare=False, repr=False)

    @property
    def progress(self) -> float | None:
        """Share of the way from baseline to target (0.0-1.0, may run past either end); None without a current
        value. Works both ways: a target below the baseline (days to close the books) is progress downwards."""
        if self.current is None:
            return None
        span = self.target - self.baseline
        if span == 0:
            return 1.0 if self.current == self.target else 0.0
        return (self.current - self.baseline) / span

    @property
    def achieved(self) -> bool:
        progress = self.progress
        return progress is not None and progress >= 1.0


@dataclass(frozen=True, slots=True)
class Objective:
    id: str
    title: str
    description: str
    owner: str | None
    period: str  # the horizon, as written: "FY2027", "2027-H1"
    projects: tuple[str, ...]  # project ids
    milestones: tuple[str, ...]  # "project:task" references to milestones
    key_results: tuple[KeyResult, ...]
    src: Src = field(compare=False, repr=False)

    def linked_projects(self) -> tuple[str, ...]:
        """Every project the objective names: directly, through a key result or through a milestone; in order."""
        named = [*self.projects, *(p for kr in self.key_results for p in kr.projects)]
        named += [ref.split(":", 1)[0] for ref in self.milestones if ":" in ref]
        return tuple(dict.fromkeys(named))


@dataclass(frozen=True, slots=True)
class Strategy:
    project: str | None  # None: portfolio-wide (strategy.yaml lives at the root)
    title: str
    period: str
    objectives: tuple[Objective, ...]
    src: Src = field(compare=False, repr=False)

    def linked_projects(self) -> set[str]:
        return {p for objective in self.objectives for p in objective.linked_projects()}


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _key_result(node: dict[str, Any], src: Src) -> KeyResult:
    return KeyResult(
        id=node["id"],
        title=node.get("title", ""),
        unit=node.get("unit", ""),
        baseline=_number(node.get("baseline")) or 0.0,
        target=_number(node.get("target")) or 0.0,
        current=_number(node.get("current")),
        as_of=opt_date(node.get("as_of")),
        due=opt_date(node.get("due")),
        projects=tuple(node.get("projects", ())),
        src=src,
    )


def _objective(node: dict[str, Any], src: Src, period: str) -> Objective:
    results = node.get("key_results", ())
    return Objective(
        id=node["id"],
        title=node.get("title", ""),
        description=node.get("description", ""),
        owner=node.get("owner"),
        period=node.get("period", period),
        projects=tuple(node.get("projects", ())),
        milestones=tuple(node.get("milestones", ())),
        key_results=tuple(_key_result(kr, src.child("key_results", n)) for n, kr in enumerate(results)),
        src=src,
    )


def build_strategy(document: Document, project: str | None) -> Strategy:
    src = Src(document)
    data = document.data if isinstance(document.data, dict) else {}
    period = data.get("period", "")
    objectives = tuple(
        _objective(node, src.child("objectives", n), period) for n, node in enumerate(data.get("objectives", ()))
    )
    return Strategy(project, data.get("title", ""), period, objectives, src)
