"""The finance view as data: figures per row and period, rows per line, category and capex/opex, envelopes.

Built by pmcode.cost.finance; each class has `to_json()` (amounts rounded to cents, percentages to 2 decimals,
null where a percentage of nothing is undefined).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from pmcode.cost.result import Reserves, cents
from pmcode.diagnostics import Diagnostic

VARIANCE_LABEL = "finance variance (actual - budget): positive = over budget; the opposite sign of EVM's CV (EV - AC)"


@dataclass(frozen=True, slots=True)
class Figures:
    budget: float  # the whole span of the row (a month, a fiscal year, the whole project)
    budget_to_date: float  # the budget of its months up to the status month
    actual: float
    forecast: float  # actual + remaining plan

    @property
    def variance(self) -> float:
        """Finance variance (actual - budget) to date: positive = over budget."""
        return self.actual - self.budget_to_date

    @property
    def variance_pct(self) -> float | None:
        return _pct(self.variance, self.budget_to_date)

    @property
    def forecast_variance(self) -> float:
        """Forecast - budget over the whole span: positive = expected to overspend."""
        return self.forecast - self.budget

    @property
    def forecast_variance_pct(self) -> float | None:
        return _pct(self.forecast_variance, self.budget)

    def to_json(self) -> dict[str, Any]:
        return {
            "budget": cents(self.budget),
            "budget_to_date": cents(self.budget_to_date),
            "actual": cents(self.actual),
            "forecast": cents(self.forecast),
            "variance": cents(self.variance),
            "variance_pct": _round_pct(self.variance_pct),
            "forecast_variance": cents(self.forecast_variance),
            "forecast_variance_pct": _round_pct(self.forecast_variance_pct),
        }


def _pct(part: float, whole: float) -> float | None:
    return None if abs(whole) < 0.005 else part / whole * 100


def _round_pct(value: float | None) -> float | None:
    return None if value is None else round(value, 2) + 0.0


@dataclass(frozen=True, slots=True)
class Series:
    """One row of the view (a line, a category, capex or opex, a total) over time."""

    months: tuple[tuple[str, Figures], ...]
    years: tuple[tuple[str, Figures], ...]
    total: Figures

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total.to_json(),
            "fiscal_years": {fy: figures.to_json() for fy, figures in self.years},
            "months": {month: figures.to_json() for month, figures in self.months},
        }


@dataclass(frozen=True, slots=True)
class FinanceLine:
    line: str
    name: str
    category: str
    capex: bool
    series: Series


@dataclass(frozen=True, slots=True)
class EnvelopeCheck:
    """A fiscal year's approved envelope (budget.yaml `annual`) against the budget and forecast of that year."""

    fiscal_year: str
    capex_envelope: float
    opex_envelope: float
    capex_budget: float
    opex_budget: float
    capex_forecast: float
    opex_forecast: float

    @property
    def capex_over(self) -> float:
        """Forecast above the capex envelope (negative: room left)."""
        return self.capex_forecast - self.capex_envelope

    @property
    def opex_over(self) -> float:
        return self.opex_forecast - self.opex_envelope

    def to_json(self) -> dict[str, Any]:
        return {
            side: {
                "envelope": cents(getattr(self, f"{side}_envelope")),
                "budget": cents(getattr(self, f"{side}_budget")),
                "forecast": cents(getattr(self, f"{side}_forecast")),
                "over": cents(getattr(self, f"{side}_over")),
            }
            for side in ("capex", "opex")
        }


@dataclass(frozen=True, slots=True)
class ProjectFinance:
    project: str
    status_date: date | None
    budget_source: str  # "baseline", "baseline pv (lines from the plan)" or "plan"
    lines: tuple[FinanceLine, ...]
    categories: tuple[tuple[str, Series], ...]
    capex: Series
    opex: Series
    total: Series
    envelopes: tuple[EnvelopeCheck, ...]
    reserves: Reserves  # on the budget at completion (`total.total.budget`)

    def to_json(self) -> dict[str, Any]:
        bac = self.total.total.budget
        return {
            "id": self.project,
            "status_date": self.status_date.isoformat() if self.status_date else None,
            "budget_source": self.budget_source,
            "total": self.total.to_json(),
            "reserves": {
                "contingency": cents(self.reserves.contingency),
                "cost_baseline": cents(self.reserves.cost_baseline(bac)),
                "management_reserve": cents(self.reserves.management),
                "funding": cents(self.reserves.funding(bac)),
            },
            "capex": self.capex.to_json(),
            "opex": self.opex.to_json(),
            "categories": {category: series.to_json() for category, series in self.categories},
            "lines": [
                {"line": ln.line, "name": ln.name, "category": ln.category, "capex": ln.capex, **ln.series.to_json()}
                for ln in self.lines
            ],
            "envelopes": {check.fiscal_year: check.to_json() for check in self.envelopes},
        }


@dataclass(frozen=True, slots=True)
class PortfolioFinance:
    projects: tuple[ProjectFinance, ...]
    categories: tuple[tuple[str, Series], ...]
    capex: Series
    opex: Series
    total: Series
    findings: tuple[Diagnostic, ...]  # PM5xx: people without a rate, lines that disagree with their tasks

    def project(self, project_id: str) -> ProjectFinance:
        return next(p for p in self.projects if p.project == project_id)

    def to_json(self) -> dict[str, Any]:
        return {
            "variance": VARIANCE_LABEL,
            "total": self.total.to_json(),
            "capex": self.capex.to_json(),
            "opex": self.opex.to_json(),
            "categories": {category: series.to_json() for category, series in self.categories},
            "projects": [p.to_json() for p in self.projects],
            "findings": [d.as_dict() for d in self.findings],
        }
