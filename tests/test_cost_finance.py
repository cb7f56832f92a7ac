"""The finance view: budget (baseline lines, baseline pv or plan), actual, forecast = actual + remaining plan,
finance variance (actual - budget) to date and at completion, fiscal years, categories, capex/opex, envelopes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from test_cost_engine import PORTFOLIO, planned, project_yaml

from pmcode.cost import (
    VARIANCE_LABEL,
    Figures,
    FiscalYears,
    LineCost,
    ProjectCost,
    ProjectLines,
    Reserves,
    actual_costs,
    finance_portfolio,
    project_finance,
    status_date,
)
from pmcode.model import Portfolio

BUDGET = """
    lines:
      - {id: labor, category: labor}
      - {id: cloud, category: infrastructure, capex: true, monthly: 500, from: 2026-11, to: 2026-12}
    reserves: {contingency: 10%, management: 1000}
    annual: {FY2027: {capex: 1000, opex: 5000}}
"""
BASELINE = """
    bac: 3000
    tasks: {build: {start: 2026-11-02T09:00, finish: 2026-12-31T17:00}}
    pv: {2026-11: 1500, 2026-12: 1500}
    lines:
      labor: {opex: {2026-11: 1000, 2026-12: 1000}}
      cloud: {capex: {2026-11: 500, 2026-12: 500}}
"""
ACTUALS = """
    period: 2026-11
    status_date: 2026-11-30
    hours: [{person: alice, task: build, hours: 12}]
    costs: [{line: cloud, amount: 600, task: build}]
"""


def plan_files(baseline: str | None = BASELINE) -> dict[str, str]:
    files = {
        "portfolio.yaml": PORTFOLIO + "fiscal_year_start: 07-01\n",
        "erp/project.yaml": project_yaml("  - {id: build, name: Build, effort: 5d, assign: [alice]}\n", "2026-11-02"),
        "erp/budget.yaml": BUDGET,
        "erp/actuals/2026-11.yaml": ACTUALS,
    }
    if baseline is not None:
        files["erp/baseline.yaml"] = baseline
    return files


def line(line_id: str, capex: bool, months: dict[str, float]) -> LineCost:
    return LineCost(line_id, line_id, "", capex, True, tuple(months.items()))


def cost(*lines: LineCost) -> ProjectCost:
    return ProjectCost("erp", (), lines, (), Reserves(0.0, 0.0), ())


PLAN = cost(
    line("labor", False, {"2026-11": 1000, "2026-12": 1200}), line("cloud", True, {"2026-11": 500, "2026-12": 500})
)
REMAINING = cost(line("labor", False, {"2026-12": 1200}), line("cloud", True, {"2026-12": 500}))


def view(portfolio: Portfolio):  # type: ignore[no-untyped-def]
    project = portfolio.projects["erp"]
    lines = ProjectLines(project)
    status = status_date(portfolio, project)
    years = FiscalYears(portfolio.fiscal_year_start)
    return project_finance(project, lines, PLAN, REMAINING, actual_costs(portfolio, project, lines), status, years)


def test_budget_actual_forecast_and_variance_by_line(tmp_path: Path) -> None:
    portfolio, _ = planned(tmp_path, plan_files())
    finance = view(portfolio)
    assert (finance.status_date, finance.budget_source) == (date(2026, 11, 30), "baseline")
    rows = {(ln.line, ln.capex): ln.series.total for ln in finance.lines}
    # alice's 12 h at 100 = 1,200 actual against 1,000 budgeted for November
    assert rows[("labor", False)] == Figures(budget=2000, budget_to_date=1000, actual=1200, forecast=2400)
    assert rows[("cloud", True)] == Figures(budget=1000, budget_to_date=500, actual=600, forecast=1100)
    total = finance.total.total
    assert total == Figures(budget=3000, budget_to_date=1500, actual=1800, forecast=3500)
    assert (total.variance, total.variance_pct) == (300, 20.0)  # positive: over budget
    assert total.forecast_variance == 500 and total.forecast_variance_pct == pytest.approx(100 * 500 / 3000)
    november, december = finance.total.months
    assert november == ("2026-11", Figures(1500, 1500, 1800, 1800))
    assert december == ("2026-12", Figures(1500, 0, 0, 1700))
    assert [fy for fy, _ in finance.total.years] == ["FY2027"]
    assert finance.capex.total.forecast == 1100 and finance.opex.total.forecast == 2400
    assert [category for category, _ in finance.categories] == ["infrastructure", "labor"]


def test_annual_envelopes_against_the_forecast(tmp_path: Path) -> None:
    portfolio, _ = planned(tmp_path, plan_files())
    (check,) = view(portfolio).envelopes
    assert check.fiscal_year == "FY2027"
    assert (check.capex_envelope, check.capex_budget, check.capex_forecast, check.capex_over) == (1000, 1000, 1100, 100)
    assert (check.opex_envelope, check.opex_forecast, check.opex_over) == (5000, 2400, -2600)


def test_reserves_sit_outside_the_budget(tmp_path: Path) -> None:
    portfolio, _ = planned(tmp_path, plan_files())
    finance = view(portfolio)
    assert finance.reserves == Reserves(pytest.approx(300.0), 1000.0)  # type: ignore[arg-type]
    document = finance.to_json()
    assert document["reserves"] == {
        "contingency": 300.0,
        "cost_baseline": 3300.0,
        "management_reserve": 1000.0,
        "funding": 4300.0,
    }
    assert document["total"]["total"] == {
        "budget": 3000.0,
        "budget_to_date": 1500.0,
        "actual": 1800.0,
        "forecast": 3500.0,
        "variance": 300.0,
        "variance_pct": 20.0,
        "forecast_variance": 500.0,
        "forecast_variance_pct": 16.67,
    }


def test_a_baseline_without_lines_gives_the_totals_and_the_plan_the_lines(tmp_path: Path) -> None:
    baseline = "bac: 2000\ntasks: {}\npv: {2026-11: 900, 2026-12: 1100}\n"
    portfolio, _ = planned(tmp_path, plan_files(baseline))
    finance = view(portfolio)
    assert finance.budget_source == "baseline pv (lines from the plan)"
    assert finance.total.total.budget == 2000
    assert {ln.line: ln.series.total.budget for ln in finance.lines} == {"labor": 2200, "cloud": 1000}


def test_without_a_baseline_the_plan_is_the_budget(tmp_path: Path) -> None:
    portfolio, _ = planned(tmp_path, plan_files(None))
    finance = view(portfolio)
    assert finance.budget_source == "plan" and finance.total.total.budget == 3200


def test_the_status_date_is_the_latest_of_the_actuals(tmp_path: Path) -> None:
    files = plan_files()
    files["erp/actuals/2026-12.yaml"] = "period: 2026-12\n"  # no status date: the period's last day
    files["portfolio.yaml"] += "status_date: 2026-12-31\n"
    portfolio, _ = planned(tmp_path, files)
    assert status_date(portfolio, portfolio.projects["erp"]) == date(2026, 12, 31)


def test_the_whole_view_from_a_schedule(tmp_path: Path) -> None:
    # Everything planned after the status date and nothing spent: forecast = budget = plan, actual 0.
    files = {
        "portfolio.yaml": PORTFOLIO + "status_date: 2026-12-31\n",
        "erp/project.yaml": project_yaml("  - {id: build, name: Build, effort: 5d, assign: [alice]}\n", "2027-01-04"),
        "crm/project.yaml": project_yaml("  - {id: setup, name: Setup, duration: 2d, cost: 300}\n", "2027-02-01"),
    }
    portfolio, schedule = planned(tmp_path, files)
    finance = finance_portfolio(portfolio, schedule)
    assert [p.project for p in finance.projects] == ["crm", "erp"]
    assert finance.total.total == Figures(budget=4300, budget_to_date=0, actual=0, forecast=4300)
    assert {m: f.budget for m, f in finance.total.months} == {"2027-01": 4000, "2027-02": 300}
    assert [category for category, _ in finance.categories] == ["labor", "other"]
    document = finance.to_json()
    assert document["variance"] == VARIANCE_LABEL and "actual - budget" in VARIANCE_LABEL
    assert sorted(document) == ["capex", "categories", "findings", "opex", "projects", "total", "variance"]
    assert document["projects"][1]["lines"][0]["line"] == "labor"
