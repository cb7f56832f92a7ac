"""A small fixed plan for the project page tests (tests/test_site_project*.py).

An 8-hour Monday-Friday calendar without holidays, 100 EUR an hour, status date Friday 2027-02-12.
`web`: Design (10d, alice) 01-04..01-15, then Code (effort 10d, alice) 01-18..01-29, then Test (5d, bob at 50%)
02-01..02-05, then the Launch milestone (deadline 02-05), as the baseline saved them: BAC 18,000 (design 8,000,
code 8,000, test 2,000), planned value 16,000 in January and 2,000 in February.
Actuals: design done on time (80 h); code 50% at the end of January (40 h), 75% at the status date (40 h more).
So at the status date PV 18,000 (everything was due by 02-05), EV 8,000 + 6,000 = 14,000, AC 160 h = 16,000:
CPI 0.875 and SPI 0.78, both past their fail levels (0.90); the 20 hours of code left and the test move the launch
to 02-24, past its deadline. `bare`: a project without baseline and without actuals.
"""

from __future__ import annotations

from pathlib import Path

from plans import write_plan

from pmcode.model import Portfolio
from pmcode.render.site_figures import SiteFigures, site_figures
from pmcode.validate import validate_root

WEB = {
    "portfolio.yaml": """
        name: Page portfolio
        currency: EUR
        calendar: standard
        status_date: 2027-02-12
        fiscal_year_start: 01-01
        thresholds:
          cpi: {warn: 0.95, fail: 0.90}
          spi: {warn: 0.95, fail: 0.90}
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
          - {id: bob, name: Bob Stone, role: dev, units: 50%}
    """,
    "web/project.yaml": """
        name: Web shop
        description: A new web shop for the spring collection.
        customer: Sales
        sponsor: Dana Sponsor
        manager: alice
        status: active
        start: 2027-01-04
        tasks:
          - {id: design, name: Design, duration: 10d, assign: [alice]}
          - id: build
            name: Build
            tasks:
              - {id: code, name: Code, effort: 10d, assign: [alice], depends: [design]}
              - {id: test, name: Test, duration: 5d, assign: [bob], depends: [code]}
          - {id: launch, name: Launch, milestone: true, depends: [build], deadline: 2027-02-05}
        deliverables:
          - {id: shop, name: Shop online, task: launch, due: 2027-02-08, owner: bob, status: planned}
    """,
    "web/baseline.yaml": """
        name: B1
        approved: 2027-01-04
        approved_by: Dana Sponsor
        finish: 2027-02-05T17:00
        bac: 18000
        tasks:
          design: {start: 2027-01-04T09:00, finish: 2027-01-15T17:00, hours: 80, cost: 8000}
          build: {start: 2027-01-18T09:00, finish: 2027-02-05T17:00, hours: 100, cost: 10000}
          build.code: {start: 2027-01-18T09:00, finish: 2027-01-29T17:00, hours: 80, cost: 8000}
          build.test: {start: 2027-02-01T09:00, finish: 2027-02-05T17:00, hours: 20, cost: 2000}
          launch: {start: 2027-02-05T17:00, finish: 2027-02-05T17:00}
        pv:
          2027-01: 16000
          2027-02: 2000
    """,
    "web/actuals/2027-01.yaml": """
        period: 2027-01
        progress: {design: 100%, build.code: 50%}
        actual: {design: {start: 2027-01-04, finish: 2027-01-15}, build.code: {start: 2027-01-18}}
        hours:
          - {person: alice, task: design, hours: 80}
          - {person: alice, task: build.code, hours: 40}
    """,
    "web/actuals/2027-02.yaml": """
        period: 2027-02
        status_date: 2027-02-12
        progress: {build.code: 75%}
        hours:
          - {person: alice, task: build.code, hours: 40}
        notes:
          - about: build.code
            text: Code review found rework in the checkout.
            action: A second reviewer from 02-15.
            owner: alice
            due: 2027-02-19
    """,
    "bare/project.yaml": """
        name: Bare idea
        start: 2027-03-01
        tasks:
          - {id: study, name: Study, duration: 5d}
    """,
}


def web_plan(folder: Path, changes: dict[str, str] | None = None) -> tuple[Portfolio, SiteFigures]:
    """The plan (with `changes` replacing or adding files) under `folder`/projects, validated, and its figures."""
    result = validate_root(write_plan(folder / "projects", dict(WEB) | (changes or {})), "projects")
    assert result.errors == 0, result.diagnostics
    return result.portfolio, site_figures(result)
