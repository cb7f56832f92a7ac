"""What the variance engine returns: earned value per task, project and portfolio, frozen, with the JSON contract.

Each level carries `Indicators` (pmcode.evm) cumulative at its status date, or None with a `note` saying why (no
baseline, no status date). `to_json()` writes the indicator keys flat into each object (`bac`, `pv`, ..., `eac`,
`earned_schedule`, `reasons`), the same keys as `pmcode evm --format json`; where there are no indicators every one
of those keys is null and `reasons` gives the note for each of them, so the shape never changes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from pmcode.cost.finance_data import VARIANCE_LABEL, Figures, ProjectFinance
from pmcode.diagnostics import Diagnostic
from pmcode.evm import Indicators, Period, Totals, compute_indicators


def _null_shape() -> dict[str, Any]:
    """The indicator keys with every value null (dicts for `eac` and `earned_schedule`)."""
    shape = compute_indicators(0, 0, 0, 0).to_json()
    return {
        key: (dict.fromkeys(value) if isinstance(value, dict) else None)
        for key, value in shape.items()
        if key != "reasons"
    }


def _null_reasons(shape: dict[str, Any], note: str) -> dict[str, str]:
    reasons: dict[str, str] = {}
    for key, value in shape.items():
        if isinstance(value, dict):
            reasons.update({f"{key}.{inner}": note for inner in value if inner != "primary_method"})
        else:
            reasons[key] = note
    return reasons


def indicators_json(indicators: Indicators | None, note: str | None) -> dict[str, Any]:
    """The indicator keys of one object: `Indicators.to_json()`, or the same keys null with the note as reason."""
    if indicators is not None:
        return indicators.to_json()
    shape = _null_shape()
    return {**shape, "reasons": _null_reasons(shape, note or "not computed")}


def finance_json(figures: Figures) -> dict[str, Any]:
    """The finance view's totals beside earned value: actual - budget, the opposite sign of CV."""
    return {"label": VARIANCE_LABEL, **figures.to_json()}


TASK_SCHEDULE = "earned schedule is computed for projects and the portfolio, not per task"


@dataclass(frozen=True, slots=True)
class TaskVariance:
    path: str  # dotted path in the project
    name: str
    summary: bool  # a summary: its figures are the sums of the tasks below it
    in_plan: bool  # False: the task is in the baseline only (renamed or removed since)
    bac: float  # the task's baseline budget (a summary: its tasks')
    totals: Totals | None  # BAC, PV, EV, AC and bottom-up ETC; None when the project has no indicators
    eac_method: str = "cpi"  # the project's primary EAC

    @property
    def indicators(self) -> Indicators | None:
        """Every indicator of the task, computed when asked (a portfolio has many tasks, a report shows few);
        None when the project has none (no baseline or no status date)."""
        if self.totals is None:
            return None
        indicators = self.totals.indicators(self.eac_method)
        reasons = tuple(
            (key, TASK_SCHEDULE if key.startswith("earned_schedule.") else why) for key, why in indicators.reasons
        )
        return replace(indicators, reasons=reasons)

    def to_json(self, note: str | None) -> dict[str, Any]:
        return {
            "path": self.path,
            "name": self.name,
            "summary": self.summary,
            "in_plan": self.in_plan,
            **indicators_json(self.indicators, note),
        }


@dataclass(frozen=True, slots=True)
class ProjectVariance:
    id: str
    name: str
    status_date: date | None
    has_baseline: bool
    baseline: str | None  # where the baseline was read (a file, or file@REV)
    eac_method: str  # the primary EAC of this project
    indicators: Indicators | None  # cumulative at the status date; None without baseline or status date
    note: str | None  # why `indicators` is None
    tasks: tuple[TaskVariance, ...]  # every task and summary in plan order, then tasks in the baseline only
    periods: tuple[Period, ...]  # per month: own PV, EV, AC and indicators cumulative to the month's end
    finance: ProjectFinance | None  # the finance view (actual - budget), beside earned value
    findings: tuple[Diagnostic, ...]
    other_bac: float = 0.0  # the baseline's PV that no task earns (level of effort): in `indicators`, not in tasks

    def task(self, path: str) -> TaskVariance:
        """The task at `path`; KeyError when there is none."""
        for task in self.tasks:
            if task.path == path:
                return task
        raise KeyError(path)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "status_date": None if self.status_date is None else self.status_date.isoformat(),
            "has_baseline": self.has_baseline,
            "baseline": self.baseline,
            "note": self.note,
            **indicators_json(self.indicators, self.note),
            "level_of_effort_bac": round(self.other_bac, 2) + 0.0,
            "periods": [period.to_json() for period in self.periods],
            "tasks": [task.to_json(self.note) for task in self.tasks],
            "finance": None if self.finance is None else finance_json(self.finance.total.total),
            "findings": [d.as_dict() for d in self.findings],
        }


@dataclass(frozen=True, slots=True)
class PortfolioVariance:
    projects: tuple[ProjectVariance, ...]  # sorted by id
    currency: str
    status_date: date | None  # the latest status date of the projects with indicators (without any: of all)
    indicators: Indicators | None  # the sums of the projects that have indicators
    note: str | None
    periods: tuple[Period, ...]
    finance: Figures | None  # the finance view's totals of every project
    findings: tuple[Diagnostic, ...]

    def project(self, id: str) -> ProjectVariance:
        """The project `id`; KeyError when there is none."""
        for project in self.projects:
            if project.id == id:
                return project
        raise KeyError(id)

    def to_json(self, project_ids: tuple[str, ...] | None = None) -> dict[str, Any]:
        """The whole result; `project_ids` keeps only those projects (the portfolio figures stay whole)."""
        projects = [p for p in self.projects if project_ids is None or p.id in project_ids]
        return {
            "currency": self.currency,
            "status_date": None if self.status_date is None else self.status_date.isoformat(),
            "sign_convention": "earned value: positive variances and indices above 1 are favourable",
            "portfolio": {
                "note": self.note,
                **indicators_json(self.indicators, self.note),
                "periods": [period.to_json() for period in self.periods],
                "finance": None if self.finance is None else finance_json(self.finance),
            },
            "projects": [p.to_json() for p in projects],
            "findings": [d.as_dict() for d in self.findings],
        }
