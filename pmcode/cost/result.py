"""What the cost engine returns: frozen data that baselines, the finance view, earned value and renderers read.

Amounts are floats in the portfolio currency, unrounded: round to cents only when writing them out (`cents`).
`Months` is a tuple of ('YYYY-MM', amount) pairs in month order, months without money left out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from pmcode.cost.periods import FiscalYears, parse_month
from pmcode.diagnostics import Diagnostic
from pmcode.model.types import Reserve

Months = tuple[tuple[str, float], ...]


def cents(amount: float) -> float:
    """An amount rounded to cents for output (half away from zero, so 0.005 -> 0.01 and -0.005 -> -0.01)."""
    scaled = abs(amount) * 100
    whole = math.floor(scaled + 0.5 + 1e-9)
    return math.copysign(whole / 100, amount) if whole else 0.0


def total(months: Months) -> float:
    return math.fsum(amount for _, amount in months)


def add_months(*series: Months) -> Months:
    """The month-by-month sum of several series."""
    sums: dict[str, list[float]] = {}
    for months in series:
        for month, amount in months:
            sums.setdefault(month, []).append(amount)
    return tuple((month, math.fsum(sums[month])) for month in sorted(sums))


def by_fiscal_year(months: Months, fiscal_years: FiscalYears) -> tuple[tuple[str, float], ...]:
    totals = fiscal_years.group((parse_month(month), amount) for month, amount in months)
    return tuple(sorted(totals.items()))


def months_json(months: Months) -> dict[str, float]:
    return {month: cents(amount) for month, amount in months}


@dataclass(frozen=True, slots=True)
class TaskCost:
    """One task's planned cost. A summary's figures include its children's."""

    path: str
    hours: float
    labor: float
    fixed: float
    capex: bool
    labor_line: str
    fixed_line: str
    months: Months  # labor (resource-loaded: hours x rate on each day) + fixed (linear over working time)

    @property
    def total(self) -> float:
        return self.labor + self.fixed

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "hours": cents(self.hours),
            "labor": cents(self.labor),
            "fixed": cents(self.fixed),
            "total": cents(self.total),
            "capex": self.capex,
            "months": months_json(self.months),
        }


@dataclass(frozen=True, slots=True)
class LineCost:
    """The money of one budget line on one side (capex or opex), by month."""

    line: str
    name: str
    category: str
    capex: bool
    declared: bool  # False for the `labor` and `fixed` lines pmcode adds when budget.yaml has none
    months: Months

    @property
    def total(self) -> float:
        return total(self.months)

    def to_json(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "name": self.name,
            "category": self.category,
            "capex": self.capex,
            "total": cents(self.total),
            "months": months_json(self.months),
        }


@dataclass(frozen=True, slots=True)
class PersonCost:
    person: str
    hours: float
    cost: float
    months: Months  # cost by month

    def to_json(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "hours": cents(self.hours),
            "cost": cents(self.cost),
            "months": months_json(self.months),
        }


@dataclass(frozen=True, slots=True)
class Reserves:
    """Contingency sits inside the cost baseline (BAC + contingency), management reserve outside it (funding =
    cost baseline + management reserve). A percentage is of the planned cost (BAC)."""

    contingency: float
    management: float

    @classmethod
    def of(cls, contingency: Reserve | None, management: Reserve | None, planned: float) -> Reserves:
        return cls(reserve_amount(contingency, planned), reserve_amount(management, planned))

    def cost_baseline(self, bac: float) -> float:
        return bac + self.contingency

    def funding(self, bac: float) -> float:
        return bac + self.contingency + self.management


def reserve_amount(reserve: Reserve | None, planned: float) -> float:
    if reserve is None:
        return 0.0
    if reserve.amount is not None:
        return reserve.amount
    return (reserve.fraction or 0.0) * planned


@dataclass(frozen=True, slots=True)
class ProjectCost:
    project: str
    tasks: tuple[TaskCost, ...]  # in schedule order (depth first, as declared)
    lines: tuple[LineCost, ...]  # budget lines in declaration order (capex side first), then `labor`, `fixed`
    people: tuple[PersonCost, ...]  # by person id
    reserves: Reserves
    findings: tuple[Diagnostic, ...]

    @property
    def months(self) -> Months:
        return add_months(*(line.months for line in self.lines))

    @property
    def total(self) -> float:
        return math.fsum(line.total for line in self.lines)

    @property
    def labor(self) -> float:
        return math.fsum(t.labor for t in self.tasks if "." not in t.path)

    def task(self, path: str) -> TaskCost | None:
        return next((t for t in self.tasks if t.path == path), None)

    def to_json(self, fiscal_years: FiscalYears) -> dict[str, Any]:
        planned = self.total
        return {
            "id": self.project,
            "total": cents(planned),
            "contingency": cents(self.reserves.contingency),
            "cost_baseline": cents(self.reserves.cost_baseline(planned)),
            "management_reserve": cents(self.reserves.management),
            "funding": cents(self.reserves.funding(planned)),
            "months": months_json(self.months),
            "fiscal_years": {fy: cents(amount) for fy, amount in by_fiscal_year(self.months, fiscal_years)},
            "lines": [line.to_json() for line in self.lines],
            "people": [person.to_json() for person in self.people],
            "tasks": [task.to_json() for task in self.tasks],
        }


@dataclass(frozen=True, slots=True)
class PortfolioCost:
    projects: tuple[ProjectCost, ...]  # by project id
    findings: tuple[Diagnostic, ...]
    fiscal_years: FiscalYears

    def project(self, project_id: str) -> ProjectCost:
        return next(p for p in self.projects if p.project == project_id)

    @property
    def months(self) -> Months:
        return add_months(*(p.months for p in self.projects))

    @property
    def total(self) -> float:
        return math.fsum(p.total for p in self.projects)

    def to_json(self) -> dict[str, Any]:
        return {
            "total": cents(self.total),
            "months": months_json(self.months),
            "fiscal_years": {fy: cents(a) for fy, a in by_fiscal_year(self.months, self.fiscal_years)},
            "projects": [p.to_json(self.fiscal_years) for p in self.projects],
            "findings": [d.as_dict() for d in self.findings],
        }
