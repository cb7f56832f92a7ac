"""The variance engine checked by hand on small plans whose baseline `pmcode baseline save` writes: PV across a
month boundary, over a holiday, for a part-time person and across a rate change; EV by 0/100 and 50/50; summaries
as sums; budget lines' own amounts as level of effort; no baseline; no status date."""

from __future__ import annotations

from pathlib import Path

import pytest
from plans import write_plan

from pmcode.baseline import BaselineInfo, save_baseline
from pmcode.schedule import schedule_portfolio
from pmcode.validate import validate_root
from pmcode.variance import PortfolioVariance, ProjectVariance, variance_portfolio

PEOPLE = """
    people:
      - {id: alice, name: Alice Chen, rate: 100, rates: [{from: 2027-07-01, rate: 120}]}
      - {id: bob, name: Bob Li, rate: 80, units: 50%}
"""


def portfolio_yaml(status: str | None = None) -> str:
    return "name: Phasing\ncurrency: EUR\n" + (f"status_date: {status}\n" if status else "")


def baselined(root: Path, files: dict[str, str], actuals: dict[str, str] | None = None) -> PortfolioVariance:
    """Write the plan, save the baseline of project `p` as planned, add the actuals, then measure."""
    write_plan(root, {"people.yaml": PEOPLE, **files})
    result = validate_root(root)
    assert not result.errors, result.diagnostics
    save_baseline(
        root, result.portfolio, schedule_portfolio(result.portfolio, network=result.network), "p", BaselineInfo()
    )
    write_plan(root, actuals or {})
    result = validate_root(root)
    assert not result.errors, result.diagnostics
    return variance_portfolio(result.portfolio, schedule_portfolio(result.portfolio, network=result.network))


def project_yaml(tasks: str) -> str:
    return f"name: Phasing\nstart: 2027-01-04\ntasks:\n{tasks}"


ROLLOUT = project_yaml("  - {id: rollout, name: Rollout, duration: 5d, start: 2027-04-29, cost: 5000}\n")


def only(result: PortfolioVariance) -> ProjectVariance:
    (project,) = result.projects
    return project


@pytest.mark.parametrize(
    ("status", "pv"),
    [
        ("2027-04-28", 0),  # the day before it starts
        ("2027-04-29", 1000),  # Thursday: one of five working days
        ("2027-04-30", 2000),  # Friday: all of April's share
        ("2027-05-01", 2000),  # Saturday: nothing more
        ("2027-05-03", 3000),  # Monday: April's 2,000 + one May day
        ("2027-05-05", 5000),  # Wednesday: finished
    ],
)
def test_pv_across_a_month_boundary_by_working_day(tmp_path: Path, status: str, pv: float) -> None:
    # A 5-day task from Thursday 2027-04-29: Thu, Fri in April (2,000), Mon-Wed in May (3,000). No actuals: PV to
    # the portfolio's status date, EV and AC 0.
    project = only(baselined(tmp_path, {"portfolio.yaml": portfolio_yaml(status), "p/project.yaml": ROLLOUT}))
    i = project.indicators
    assert i is not None and str(project.status_date) == status
    assert (i.bac, i.pv, i.ev, i.ac) == pytest.approx((5000, pv, 0, 0))


def test_a_holiday_earns_no_planned_value(tmp_path: Path) -> None:
    # Tuesday 2027-05-04 is a holiday: the task runs Thu, Fri, Mon, Wed, Thu (1,000 a working day).
    calendars = "calendars:\n  - id: standard\n    holidays: {dates: [2027-05-04]}\n"
    files = {"calendars.yaml": calendars, "p/project.yaml": ROLLOUT}
    for status, pv in (("2027-05-04", 3000), ("2027-05-05", 4000), ("2027-05-06", 5000)):
        portfolio = portfolio_yaml(status) + "calendar: standard\n"
        project = only(baselined(tmp_path / status, {**files, "portfolio.yaml": portfolio}))
        assert project.indicators is not None and project.indicators.pv == pytest.approx(pv), status


def test_a_part_time_person(tmp_path: Path) -> None:
    # Bob works 50 %: 2 days of effort (16 h) take Mon 2027-03-01 to Thu 03-04, at 80/h = 1,280, 320 a day.
    tasks = "  - {id: setup, name: Setup, effort: 2d, assign: [bob], start: 2027-03-01}\n"
    files = {"portfolio.yaml": portfolio_yaml("2027-03-03"), "p/project.yaml": project_yaml(tasks)}
    project = only(baselined(tmp_path, files))
    i = project.indicators
    assert i is not None and (i.bac, i.pv) == pytest.approx((1280, 960))


RATE_CHANGE = project_yaml("  - {id: build, name: Build, effort: 10d, assign: [alice], start: 2027-06-28}\n")
RATE_ACTUALS = {
    "p/actuals/2027-06.yaml": """
        period: 2027-06
        status_date: 2027-06-30
        progress: {build: 30%}
        actual: {build: {start: 2027-06-28}}
        hours: [{person: alice, task: build, hours: 24}]
    """,
    "p/actuals/2027-07.yaml": """
        period: 2027-07
        status_date: 2027-07-02
        progress: {build: 50%}
        hours: [{person: alice, task: build, hours: 16}]
    """,
}


def test_a_rate_change_mid_task(tmp_path: Path) -> None:
    # Alice costs 100/h until June 30 and 120/h from July 1: 24 h in June (2,400) + 56 h in July (6,720) = 9,120
    # of baseline cost, spread linearly over the 10 working days (912 a day). At Friday 07-02, 5 days are due:
    # PV 4,560; 50 % done: EV 4,560; AC = 24 h x 100 + 16 h x 120 = 4,320 (each period's hours at its rate).
    project = only(
        baselined(tmp_path, {"portfolio.yaml": portfolio_yaml(), "p/project.yaml": RATE_CHANGE}, RATE_ACTUALS)
    )
    i = project.indicators
    assert i is not None
    assert (i.bac, i.pv, i.ev, i.ac) == pytest.approx((9120, 4560, 4560, 4320))
    assert i.cpi == pytest.approx(4560 / 4320)
    june, july = project.periods
    assert (june.month, july.month) == ("2027-06", "2027-07")
    assert (june.current.pv, june.current.ev, june.current.ac) == pytest.approx((2736, 2736, 2400))
    assert (july.current.pv, july.current.ev, july.current.ac) == pytest.approx((1824, 1824, 1920))
    # Bottom-up: the other 40 h at 120/h after the status date.
    assert i.eac_bottom_up == pytest.approx(4320 + 40 * 120)


EARNING = project_yaml(
    """\
  - {id: a, name: A, duration: 5d, cost: 1000, ev_method: 0/100}
  - {id: b, name: B, duration: 5d, cost: 1000, ev_method: 0/100}
  - {id: c, name: C, duration: 5d, cost: 1000, ev_method: 50/50}
  - {id: d, name: D, duration: 5d, cost: 1000, ev_method: 50/50}
  - {id: e, name: E, duration: 5d, cost: 1000, ev_method: 50/50}
  - {id: f, name: F, duration: 5d, cost: 1000}
"""
)
EARNING_ACTUALS = {
    "p/actuals/2027-01.yaml": """
        period: 2027-01
        status_date: 2027-01-29
        progress: {a: 60%, c: 10%, f: 25%}
        actual: {b: {start: 2027-01-04, finish: 2027-01-08}, e: {start: 2027-01-04}}
    """
}


def test_earning_rules(tmp_path: Path) -> None:
    files = {"portfolio.yaml": portfolio_yaml(), "p/project.yaml": EARNING}
    project = only(baselined(tmp_path, files, EARNING_ACTUALS))

    def ev(path: str) -> float:
        indicators = project.task(path).indicators
        assert indicators is not None
        return indicators.ev

    assert ev("a") == 0  # 0/100 at 60 %: nothing until finished
    assert ev("b") == 1000  # 0/100 with an actual finish: all of it
    assert ev("c") == 500  # 50/50 at 10 %: half once started
    assert ev("d") == 0  # 50/50 not started
    assert ev("e") == 500  # 50/50 with an actual start only
    assert ev("f") == 250  # percent complete
    assert project.indicators is not None and project.indicators.ev == 2250


ROLL_UP = project_yaml(
    """\
  - id: phase
    name: Phase
    tasks:
      - {id: x, name: X, duration: 5d, cost: 1000}
      - {id: y, name: Y, duration: 5d, cost: 4000}
  - {id: z, name: Z, duration: 5d, cost: 2000, depends: [phase]}
"""
)
ROLL_UP_ACTUALS = {
    "p/budget.yaml": "lines: [{id: work, category: services}]\n",
    "p/actuals/2027-01.yaml": """
        period: 2027-01
        status_date: 2027-01-06
        progress: {phase.x: 100%, phase.y: 50%}
        costs: [{line: work, task: phase.x, amount: 2000}, {line: work, task: phase.y, amount: 1000}]
    """,
}


def test_summaries_add_up_and_never_average_indices(tmp_path: Path) -> None:
    # x: EV 1,000 for AC 2,000 (CPI 0.5); y: EV 2,000 for AC 1,000 (CPI 2.0). The phase: EV 3,000, AC 3,000, so
    # CPI 1.0, not the 1.25 an average would give. PV at Wednesday 01-06: 3 of 5 days of x and y = 3,000.
    files = {"portfolio.yaml": portfolio_yaml(), "p/project.yaml": ROLL_UP}
    project = only(baselined(tmp_path, files, ROLL_UP_ACTUALS))
    x, y, phase = (project.task(path).indicators for path in ("phase.x", "phase.y", "phase"))
    assert x is not None and y is not None and phase is not None
    assert (x.cpi, y.cpi) == pytest.approx((0.5, 2.0))
    assert (phase.bac, phase.pv, phase.ev, phase.ac) == pytest.approx((5000, 3000, 3000, 3000))
    assert phase.cpi == pytest.approx(1.0) and phase.spi == pytest.approx(1.0)
    assert project.task("phase").summary and not project.task("phase.x").summary
    whole = project.indicators
    assert whole is not None and (whole.bac, whole.ev, whole.ac) == pytest.approx((7000, 3000, 3000))


def test_budget_line_amounts_are_level_of_effort(tmp_path: Path) -> None:
    # A cloud bill of 1,000 a month (January to March) that no task spends: EV = PV, by month, the status month
    # in full (monthly amounts are booked on the 1st). Its invoices, charged without a task, are its AC.
    budget = "lines: [{id: cloud, category: infrastructure, monthly: 1000, from: 2027-01, to: 2027-03}]\n"
    tasks = "  - {id: build, name: Build, duration: 10d, start: 2027-02-01, cost: 5000}\n"
    files = {"portfolio.yaml": portfolio_yaml(), "p/project.yaml": project_yaml(tasks), "p/budget.yaml": budget}
    actuals = {
        "p/actuals/2027-01.yaml": "period: 2027-01\ncosts: [{line: cloud, amount: 1100}]\n",
        "p/actuals/2027-02.yaml": """
            period: 2027-02
            status_date: 2027-02-10
            progress: {build: 40%}
            costs: [{line: cloud, amount: 900}]
        """,
    }
    project = only(baselined(tmp_path, files, actuals))
    i, build = project.indicators, project.task("build").indicators
    assert i is not None and build is not None
    assert project.other_bac == pytest.approx(3000)
    assert (build.pv, build.ev, build.ac) == pytest.approx((4000, 2000, 0))  # Feb 1-10: 8 of 10 working days
    assert (i.bac, i.pv, i.ev, i.ac) == pytest.approx((8000, 6000, 4000, 2000))


def test_no_baseline_is_an_info_finding(tmp_path: Path) -> None:
    write_plan(
        tmp_path, {"people.yaml": PEOPLE, "portfolio.yaml": portfolio_yaml("2027-05-03"), "p/project.yaml": ROLLOUT}
    )
    result = validate_root(tmp_path)
    outcome = variance_portfolio(result.portfolio, schedule_portfolio(result.portfolio, network=result.network))
    project = outcome.project("p")
    assert not project.has_baseline and project.indicators is None and outcome.indicators is None
    assert [(d.code, d.severity.value) for d in project.findings] == [("PM520", "info")]
    assert project.findings[0].file.endswith("p/project.yaml")
    document = outcome.to_json()["projects"][0]
    assert document["spi"] is None and document["eac"]["primary"] is None
    assert document["reasons"]["spi"].startswith("no baseline") and document["has_baseline"] is False
    assert document["finance"]["label"].startswith("finance variance (actual - budget)")


def test_no_status_date_leaves_indicators_out(tmp_path: Path) -> None:
    project = only(baselined(tmp_path, {"portfolio.yaml": portfolio_yaml(), "p/project.yaml": ROLLOUT}))
    assert project.has_baseline and project.indicators is None and project.status_date is None
    assert project.note is not None and project.note.startswith("no status date")
    assert project.task("rollout").bac == 5000 and project.task("rollout").indicators is None


def test_a_task_only_the_baseline_has_still_counts(tmp_path: Path) -> None:
    # The task was renamed after the baseline: its planned value stays (nothing can earn it any more).
    root = tmp_path
    only(baselined(root, {"portfolio.yaml": portfolio_yaml("2027-05-05"), "p/project.yaml": ROLLOUT}))
    write_plan(root, {"p/project.yaml": ROLLOUT.replace("id: rollout", "id: deploy")})
    result = validate_root(root)
    project = only(variance_portfolio(result.portfolio, schedule_portfolio(result.portfolio, network=result.network)))
    gone = project.task("rollout")
    assert not gone.in_plan and gone.indicators is not None and gone.indicators.pv == 5000
    assert project.task("deploy").bac == 0
    assert project.indicators is not None and project.indicators.pv == 5000 and project.indicators.bac == 5000
