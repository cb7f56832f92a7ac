"""The variance engine against the published earned-value examples (../shared/oracle/evm/examples.json, the numbers
copied here): for each, a small plan with a baseline and actuals written so that its PV, EV and AC are the
example's, then the indicators the example expects, through `variance_portfolio` and through `pmcode variance`.

Baselines are written by hand, each task inside one month (first working day 09:00 to last working day 17:00 of
the default Monday-Friday calendar), so that the baseline's PV per month is exactly the example's.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from plans import write_plan

from pmcode.cli import cli
from pmcode.schedule import schedule_portfolio
from pmcode.validate import validate_root
from pmcode.variance import PortfolioVariance, variance_portfolio

MONEY, INDEX = 0.01, 1e-6  # the examples' tolerances
PORTFOLIO = "name: Oracle\ncurrency: USD\n"
PEOPLE = "people:\n  - {id: alice, name: Alice Chen, rate: 100}\n"
MONTHS = {  # first and last working day of 2027's months
    "2027-01": ("2027-01-01", "2027-01-29"),
    "2027-02": ("2027-02-01", "2027-02-26"),
    "2027-03": ("2027-03-01", "2027-03-31"),
    "2027-04": ("2027-04-01", "2027-04-30"),
    "2027-05": ("2027-05-03", "2027-05-31"),
}


def baseline_yaml(tasks: dict[str, tuple[str, float]], pv: dict[str, float]) -> str:
    """A baseline whose task `id` costs `amount` spread over the whole of `month`."""
    lines = [f"bac: {sum(pv.values())}", "tasks:"]
    for task, (month, amount) in tasks.items():
        first, last = MONTHS[month]
        lines.append(f"  {task}: {{start: {first}T09:00, finish: {last}T17:00, hours: 0, cost: {amount}}}")
    lines.append("pv: {" + ", ".join(f"{month}: {amount}" for month, amount in pv.items()) + "}")
    return "\n".join(lines) + "\n"


def measure(root: Path, **options: Any) -> PortfolioVariance:
    result = validate_root(root)
    assert not result.errors, result.diagnostics
    schedule = schedule_portfolio(result.portfolio, network=result.network)
    return variance_portfolio(result.portfolio, schedule, **options)


def cli_json(root: Path, *options: str) -> dict[str, Any]:
    done = CliRunner().invoke(cli, ["variance", str(root), "--format", "json", *options])
    assert done.exit_code == 0, done.output
    document: dict[str, Any] = json.loads(done.stdout)
    return document


# PRA (R package, paulgovan/PRA, tests/testthat/test-evm.R): BAC 100,000 planned as 10/20/40/70/100 % over five
# periods; at period 3, 35 % done, AC 36,000 -> PV 40,000, EV 35,000, SV -5,000, CV -1,000, SPI 0.875,
# CPI 0.9722222. Earned schedule from the same series (Lipke): ES 2.75, AT 3.
PRA = {
    "portfolio.yaml": PORTFOLIO,
    "people.yaml": PEOPLE,
    "pra/project.yaml": """
        name: PRA example
        start: 2027-01-01
        tasks:
          - {id: m1, name: Month 1, duration: 21d, cost: 10000}
          - {id: m2, name: Month 2, duration: 20d, cost: 10000, depends: [m1]}
          - {id: m3, name: Month 3, duration: 23d, cost: 20000, depends: [m2]}
          - {id: m4, name: Month 4, duration: 22d, cost: 30000, depends: [m3]}
          - {id: m5, name: Month 5, duration: 21d, cost: 30000, depends: [m4]}
    """,
    "pra/baseline.yaml": baseline_yaml(
        {"m1": ("2027-01", 10000), "m2": ("2027-02", 10000), "m3": ("2027-03", 20000), "m4": ("2027-04", 30000)}
        | {"m5": ("2027-05", 30000)},
        {"2027-01": 10000, "2027-02": 10000, "2027-03": 20000, "2027-04": 30000, "2027-05": 30000},
    ),
    "pra/actuals/2027-01.yaml": """
        period: 2027-01
        progress: {m1: 100%}
        actual: {m1: {start: 2027-01-01, finish: 2027-01-29}}
        hours: [{person: alice, task: m1, hours: 120}]
    """,
    "pra/actuals/2027-02.yaml": """
        period: 2027-02
        progress: {m2: 100%}
        actual: {m2: {start: 2027-02-01, finish: 2027-02-26}}
        hours: [{person: alice, task: m2, hours: 100}]
    """,
    "pra/actuals/2027-03.yaml": """
        period: 2027-03
        status_date: 2027-03-31
        progress: {m3: 75%}
        actual: {m3: {start: 2027-03-01}}
        hours: [{person: alice, task: m3, hours: 140}]
    """,
}


def test_pra_example_through_a_plan(tmp_path: Path) -> None:
    result = measure(write_plan(tmp_path, PRA))
    project = result.project("pra")
    i = project.indicators
    assert i is not None and project.has_baseline
    assert (i.bac, i.pv, i.ev, i.ac) == pytest.approx((100000, 40000, 35000, 36000), abs=MONEY)
    assert (i.sv, i.cv) == pytest.approx((-5000, -1000), abs=MONEY)
    assert i.spi == pytest.approx(0.875, abs=INDEX)
    assert i.cpi == pytest.approx(0.9722222, abs=INDEX)
    assert i.eac_cpi == pytest.approx(102857.14, abs=MONEY)  # BAC / CPI = 100,000 x 36,000 / 35,000
    es = i.earned_schedule
    assert (es.es, es.at, es.pd) == pytest.approx((2.75, 3.0, 5))
    assert es.sv_t == pytest.approx(-0.25, abs=INDEX)
    assert es.spi_t == pytest.approx(0.916667, abs=INDEX)
    assert es.ieac_t == pytest.approx(5.454545, abs=INDEX)
    assert str(es.es_date) == "2027-03-31" and str(es.ieac_t_date) == "2027-06-30"
    # Each task: m3 earned 75 % of 20,000 against all of it planned; m4 and m5 not due.
    m3 = project.task("m3").indicators
    assert m3 is not None and (m3.pv, m3.ev, m3.ac) == pytest.approx((20000, 15000, 14000))
    assert project.task("m5").indicators is not None and project.task("m5").bac == 30000


def test_pra_example_month_by_month(tmp_path: Path) -> None:
    project = measure(write_plan(tmp_path, PRA)).project("pra")
    months = {p.month: p for p in project.periods}
    assert list(months) == ["2027-01", "2027-02", "2027-03"]
    own = [(p.current.pv, p.current.ev, p.current.ac) for p in months.values()]
    assert own == [pytest.approx(x) for x in [(10000, 10000, 12000), (10000, 10000, 10000), (20000, 15000, 14000)]]
    february = months["2027-02"].cumulative
    assert (february.pv, february.ev, february.ac, february.earned_schedule.at) == pytest.approx(
        (20000, 20000, 22000, 2)
    )
    # The last month's cumulative figures are the indicators at the status date.
    assert months["2027-03"].cumulative.to_json() == project.indicators.to_json()  # type: ignore[union-attr]


def test_pra_example_through_the_command(tmp_path: Path) -> None:
    document = cli_json(write_plan(tmp_path, PRA))
    (project,) = document["projects"]
    assert (project["pv"], project["ev"], project["ac"], project["sv"], project["cv"]) == (
        40000,
        35000,
        36000,
        -5000,
        -1000,
    )
    assert (project["spi"], project["cpi"]) == (0.875, 0.972222)
    assert project["earned_schedule"]["es"] == 2.75 and project["earned_schedule"]["spi_t"] == 0.916667
    assert document["portfolio"]["ev"] == 35000 and document["currency"] == "USD"


# HKSM glossary, To-Complete Performance Index: BAC 1,000,000, EV 400,000, AC 500,000, EAC 1,100,000 -> TCPI to BAC
# (BAC - EV) / (BAC - AC) = 1.2 and to EAC (BAC - EV) / (EAC - AC) = 1.0; CPI 0.8.
HKSM = {
    "portfolio.yaml": PORTFOLIO,
    "people.yaml": PEOPLE,
    "hk/project.yaml": """
        name: TCPI example
        start: 2027-01-01
        tasks:
          - {id: a, name: First part, duration: 21d, cost: 400000, line: work}
          - {id: b, name: Second part, duration: 43d, cost: 600000, line: work, depends: [a]}
    """,
    "hk/budget.yaml": "eac_method: budget_rate\nlines: [{id: work, category: services}]\n",
    "hk/baseline.yaml": baseline_yaml(
        {"a": ("2027-01", 400000), "b": ("2027-02", 600000)}, {"2027-01": 400000, "2027-02": 600000}
    ),
    "hk/actuals/2027-01.yaml": """
        period: 2027-01
        progress: {a: 100%}
        actual: {a: {start: 2027-01-01, finish: 2027-01-29}}
        costs: [{line: work, task: a, amount: 500000}]
    """,
}


def test_tcpi_example_through_a_plan(tmp_path: Path) -> None:
    project = measure(write_plan(tmp_path, HKSM)).project("hk")
    i = project.indicators
    assert i is not None
    assert (i.bac, i.pv, i.ev, i.ac) == pytest.approx((1_000_000, 400_000, 400_000, 500_000))
    assert i.cpi == pytest.approx(0.8)
    # budget.yaml names the primary EAC: AC + (BAC - EV) = 1,100,000, the example's EAC.
    assert project.eac_method == "budget_rate" and i.eac == pytest.approx(1_100_000)
    assert i.tcpi_bac == pytest.approx(1.2, abs=INDEX)
    assert i.tcpi_eac == pytest.approx(1.0, abs=INDEX)
    # Bottom-up: the second part, not started, is all left: AC + 600,000 = the same 1,100,000.
    assert i.eac_bottom_up == pytest.approx(1_100_000, abs=MONEY)


def test_eac_method_option_beats_budget_yaml(tmp_path: Path) -> None:
    project = cli_json(write_plan(tmp_path, HKSM), "--eac-method", "cpi")["projects"][0]
    assert project["eac"]["primary_method"] == "cpi"
    assert project["eac"]["primary"] == 1_250_000  # BAC / CPI = 1,000,000 / 0.8
    assert project["tcpi_eac"] == pytest.approx((1_000_000 - 400_000) / (1_250_000 - 500_000), abs=INDEX)


# Simplilearn, "What's in Earned Value Management? (Part IV)", Example I: 100 h at 100/h budgeted (BAC 10,000),
# due by the status date (PV 10,000); 110 h spent (AC 11,000), 10 h still needed (ETC 1,000) -> EAC bottom-up
# 12,000, VAC -2,000; percent complete 0.91667 -> EV 9,166.67, SV -833.33, SPI 0.9167, CV -1,833.33, CPI 0.8333.
SIMPLILEARN = {
    "portfolio.yaml": PORTFOLIO,
    "people.yaml": PEOPLE,
    "sl/project.yaml": """
        name: Bottom-up example
        start: 2027-01-04
        tasks:
          - {id: work, name: The work, effort: 120h, assign: [alice]}
    """,
    "sl/budget.yaml": "eac_method: bottom_up\n",
    "sl/baseline.yaml": """
        bac: 10000
        tasks:
          work: {start: 2027-01-04T09:00, finish: 2027-01-15T17:00, hours: 100, cost: 10000}
        pv: {2027-01: 10000}
    """,
    "sl/actuals/2027-01.yaml": """
        period: 2027-01
        status_date: 2027-01-22
        progress: {work: 91.6667%}
        actual: {work: {start: 2027-01-04}}
        hours: [{person: alice, task: work, hours: 110}]
    """,
}


def test_bottom_up_example_through_a_plan(tmp_path: Path) -> None:
    project = measure(write_plan(tmp_path, SIMPLILEARN)).project("sl")
    i = project.indicators
    assert i is not None
    assert (i.bac, i.pv, i.ac) == pytest.approx((10000, 10000, 11000), abs=MONEY)
    assert i.ev == pytest.approx(9166.67, abs=MONEY)
    assert i.sv == pytest.approx(-833.33, abs=MONEY) and i.spi == pytest.approx(0.9167, abs=1e-4)
    assert i.cv == pytest.approx(-1833.33, abs=MONEY) and i.cpi == pytest.approx(0.8333, abs=1e-4)
    # The plan re-estimated at 120 h: 8.3333 % of it is left, 10 h at 100/h after the status date.
    assert i.primary_method == "bottom_up"
    assert i.etc == pytest.approx(1000, abs=MONEY)
    assert i.eac == pytest.approx(12000, abs=MONEY)
    assert i.vac == pytest.approx(-2000, abs=MONEY)
