"""A small fixed portfolio for the dashboard and people tests (tests/test_site_portfolio.py, test_site_people.py).

Status date 2027-02-15 (a Monday), an 8-hour Monday-Friday calendar without holidays, rate 100 EUR/h.
- `late`: Build (40d, alice) finishes 2027-02-26 17:00, its baseline says 2027-02-12 17:00: 10.0 working days of
  slip, past the fail level 5 (PM530, PM531: red); BAC 6,000, forecast 7,200 (the 72 hours after the status date x
  100): 20.0% over, past the fail level 10 (PM533: red). carol is assigned at 150% but works 100% (PM304).
  Envelope FY2027: opex 25,000.
- `steady`: bob (50%, on leave 2027-02-22..26) works 10 days of effort, alice reviews for 3 days from 2027-02-01;
  baseline finish 2027-06-30, BAC 4,000: on time and within budget (green); PM305 (alice has no room for Review
  while she builds `late`, in the leveled schedule).
"""

from __future__ import annotations

from pathlib import Path

from plans import write_plan

from pmcode.render.site_figures import SiteFigures, site_figures
from pmcode.validate import ValidationResult, validate_root

DASH = {
    "portfolio.yaml": """
        name: Dash portfolio
        currency: EUR
        calendar: standard
        status_date: 2027-02-15
        fiscal_year_start: 01-01
        thresholds:
          finish_slip_days: {warn: 2, fail: 5}
          milestone_slip_days: {warn: 2, fail: 5}
          budget_variance_pct: {warn: 5, fail: 10}
    """,
    "calendars.yaml": """
        calendars:
          - id: standard
    """,
    "people.yaml": """
        roles:
          - {id: dev, name: Developer, rate: 100}
        people:
          - {id: alice, name: Alice Chen, role: dev, email: alice@example.com}
          - id: bob
            name: Bob Stone
            role: dev
            units: 50%
            leave: [{from: 2027-02-22, to: 2027-02-26, reason: Ski trip}]
          - {id: carol, name: Carol Diaz, role: dev}
    """,
    "late/project.yaml": """
        name: Late project
        start: 2027-01-04
        manager: alice
        tasks:
          - {id: build, name: Build, duration: 40d, assign: [alice]}
          - {id: demo, name: Demo day, milestone: true, depends: [build]}
          - {id: extra, name: Extra work, duration: 30d, assign: [{person: carol, units: 150%}]}
    """,
    "late/baseline.yaml": """
        name: B1
        finish: 2027-02-12T17:00
        bac: 6000
        tasks:
          build: {start: 2027-01-04T09:00, finish: 2027-02-12T17:00}
          demo: {start: 2027-02-12T17:00, finish: 2027-02-12T17:00}
        pv:
          2027-01: 3000
          2027-02: 3000
    """,
    "late/budget.yaml": """
        lines:
          - {id: labor, name: Staff, category: labor, amount: 20000, on: 2027-01-04}
        annual:
          FY2027: {capex: 0, opex: 25000}
    """,
    "steady/project.yaml": """
        name: Steady project
        start: 2027-02-01
        manager: bob
        tasks:
          - {id: work, name: Work, effort: 10d, assign: [bob]}
          - {id: review, name: Review, duration: 3d, assign: [alice]}
          - {id: ship, name: Ship it, milestone: true, depends: [work, review]}
    """,
    "steady/baseline.yaml": """
        name: B1
        finish: 2027-06-30T17:00
        bac: 4000
        tasks:
          work: {start: 2027-02-01T09:00, finish: 2027-06-30T17:00}
          ship: {start: 2027-06-30T17:00, finish: 2027-06-30T17:00}
        pv:
          2027-02: 2000
          2027-03: 2000
    """,
}


def dash_plan(folder: Path, changes: dict[str, str] | None = None) -> tuple[ValidationResult, SiteFigures]:
    """The plan validated (without errors) under `folder`/projects, `changes` replacing files, and its figures."""
    files = dict(DASH) | (changes or {})
    result = validate_root(write_plan(folder / "projects", files), "projects")
    assert result.errors == 0, result.diagnostics
    return result, site_figures(result)
