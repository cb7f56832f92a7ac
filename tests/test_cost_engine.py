"""The cost engine, checked by hand on small plans: labor day by day at the rate of the day, fixed costs linear over
working time, budget lines, capex/opex, default lines, reserves, summaries, the remaining plan after a date."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pytest
from plans import write_plan

from pmcode.cost import PortfolioCost, ProjectCost, cost_portfolio
from pmcode.model import Portfolio
from pmcode.schedule import Schedule, schedule_portfolio
from pmcode.validate import validate_root

PORTFOLIO = "name: Cost tests\ncurrency: USD\n"
PEOPLE = """
    roles:
      - {id: dev, rate: 90, rates: [{from: 2027-02-01, rate: 95}]}
    people:
      - {id: alice, name: Alice Chen, rate: 100, rates: [{from: 2027-07-01, rate: 120}]}
      - {id: bob, name: Bob Li, rate: 80, units: 50%}
      - {id: carol, name: Carol Diaz, role: dev}
"""


def planned(tmp_path: Path, files: dict[str, str]) -> tuple[Portfolio, Schedule]:
    """Validate and schedule a small plan (portfolio.yaml and people.yaml default to the ones above)."""
    files = {"portfolio.yaml": PORTFOLIO, "people.yaml": PEOPLE, **files}
    result = validate_root(write_plan(tmp_path / "root", files))
    assert not result.errors, result.diagnostics
    return result.portfolio, schedule_portfolio(result.portfolio, network=result.network)


def costed(tmp_path: Path, files: dict[str, str], **options: dict[str, date]) -> PortfolioCost:
    portfolio, schedule = planned(tmp_path, files)
    return cost_portfolio(portfolio, schedule, **options)  # type: ignore[arg-type]


def project_yaml(tasks: str, start: str = "2027-01-04") -> str:
    return f"name: ERP upgrade\nstart: {start}\ntasks:\n{tasks}"


def rounded(months: tuple[tuple[str, float], ...]) -> dict[str, float]:
    return {month: round(amount, 2) for month, amount in months}


def only(cost: PortfolioCost) -> ProjectCost:
    (project,) = cost.projects
    return project


def test_fixed_cost_across_a_month_boundary_splits_by_working_days(tmp_path: Path) -> None:
    # Thursday 2027-04-29 + 5 working days: Thu, Fri in April; Mon-Wed in May.
    tasks = "  - {id: rollout, name: Rollout, duration: 5d, start: 2027-04-29, cost: 5000, line: kit}\n"
    budget = "lines:\n  - {id: kit, category: hardware}\n"
    project = only(costed(tmp_path, {"erp/project.yaml": project_yaml(tasks), "erp/budget.yaml": budget}))
    task = project.task("rollout")
    assert task is not None
    assert rounded(task.months) == {"2027-04": 2000.0, "2027-05": 3000.0}
    assert (task.hours, task.labor, task.fixed) == (0.0, 0.0, 5000.0)
    (line,) = project.lines
    assert (line.line, line.category, line.capex, rounded(line.months)) == (
        "kit",
        "hardware",
        False,
        {"2027-04": 2000.0, "2027-05": 3000.0},
    )


def test_a_holiday_inside_a_task_gets_none_of_its_cost(tmp_path: Path) -> None:
    calendars = "calendars:\n  - id: office\n    holidays: {dates: [2027-04-30]}\n"
    tasks = "  - {id: rollout, name: Rollout, duration: 5d, start: 2027-04-29, cost: 5000, assign: [alice]}\n"
    files = {
        "portfolio.yaml": PORTFOLIO + "calendar: office\n",
        "calendars.yaml": calendars,
        "erp/project.yaml": project_yaml(tasks),
    }
    project = only(costed(tmp_path, files))
    task = project.task("rollout")
    assert task is not None
    # Thu 04-29 in April; Fri 04-30 is a holiday; Mon 05-03 to Thu 05-06 in May: 8 h x 100 a day for alice.
    assert rounded(task.months) == {"2027-04": 1000.0 + 800.0, "2027-05": 4000.0 + 3200.0}
    assert (task.hours, task.labor, task.fixed) == (40.0, 4000.0, 5000.0)


def test_a_part_time_person_costs_half_days_and_takes_twice_as_long(tmp_path: Path) -> None:
    # bob works 50%: 2 days of effort take Thu 01-28 to Tue 02-02 at 4 h a day, 80 an hour.
    tasks = "  - {id: review, name: Review, effort: 2d, assign: [bob], start: 2027-01-28}\n"
    portfolio, schedule = planned(tmp_path, {"erp/project.yaml": project_yaml(tasks)})
    row = schedule.project("erp").tasks[0]
    assert row.finish is not None and row.finish.date() == date(2027, 2, 2)
    project = only(cost_portfolio(portfolio, schedule))
    task = project.task("review")
    assert task is not None
    assert (task.hours, task.labor) == (16.0, 1280.0)
    assert rounded(task.months) == {"2027-01": 640.0, "2027-02": 640.0}
    (person,) = project.people
    assert (person.person, person.hours, person.cost) == ("bob", 16.0, 1280.0)


def test_a_rate_change_mid_task_costs_each_day_at_its_rate(tmp_path: Path) -> None:
    # alice: 100 an hour, 120 from 2027-07-01; ten days from Thursday 2027-06-24 (the money guide's example).
    tasks = "  - {id: build, name: Build, effort: 10d, assign: [alice], start: 2027-06-24}\n"
    project = only(costed(tmp_path, {"erp/project.yaml": project_yaml(tasks)}))
    task = project.task("build")
    assert task is not None
    assert rounded(task.months) == {"2027-06": 4000.0, "2027-07": 4800.0}
    assert task.total == 8800.0


def test_a_role_rate_applies_when_the_person_has_none_and_changes_on_its_date(tmp_path: Path) -> None:
    # carol (role dev: 90, 95 from 2027-02-01): Thu 01-28 to Wed 02-03, 2 days at 90 and 3 at 95.
    tasks = "  - {id: tests, name: Tests, effort: 5d, assign: [carol], start: 2027-01-28}\n"
    project = only(costed(tmp_path, {"erp/project.yaml": project_yaml(tasks)}))
    task = project.task("tests")
    assert task is not None
    assert rounded(task.months) == {"2027-01": 16 * 90.0, "2027-02": 24 * 95.0}


def test_a_milestone_cost_lands_on_its_day(tmp_path: Path) -> None:
    tasks = (
        "  - {id: build, name: Build, duration: 5d, start: 2027-04-26}\n"
        "  - {id: accepted, name: Accepted, milestone: true, depends: [build], cost: 1000}\n"
    )
    project = only(costed(tmp_path, {"erp/project.yaml": project_yaml(tasks)}))
    task = project.task("accepted")
    assert task is not None
    assert rounded(task.months) == {"2027-04": 1000.0}  # Friday 2027-04-30 17:00


def test_budget_lines_book_their_own_amounts_unless_tasks_spend_them(tmp_path: Path) -> None:
    budget = """
        lines:
          - {id: people, category: labor}
          - {id: licences, category: software, amount: 12000, on: 2027-01-15}
          - {id: cloud, category: infrastructure, capex: true, monthly: 4200, from: 2027-02, to: 2027-04}
          - {id: hardware, category: hardware, capex: true, amount: 9000, on: 2027-01-20}
    """
    tasks = (
        "  - {id: design, name: Design, effort: 2d, assign: [alice]}\n"
        "  - {id: servers, name: Servers, duration: 1d, cost: 9000, line: hardware, start: 2027-03-01}\n"
        "  - {id: travel, name: Site visit, duration: 1d, cost: 700}\n"
    )
    project = only(costed(tmp_path, {"erp/project.yaml": project_yaml(tasks), "erp/budget.yaml": budget}))
    lines = {(line.line, line.capex): rounded(line.months) for line in project.lines}
    assert lines == {
        ("people", False): {"2027-01": 1600.0},  # the first labor line without an amount of its own
        ("licences", False): {"2027-01": 12000.0},
        ("cloud", True): {"2027-02": 4200.0, "2027-03": 4200.0, "2027-04": 4200.0},
        ("hardware", True): {"2027-03": 9000.0},  # spent by its task, on the task's day, not on 2027-01-20
        ("fixed", False): {"2027-01": 700.0},  # a fixed cost without a line
    }
    assert [line.line for line in project.lines] == ["people", "licences", "cloud", "hardware", "fixed"]
    assert not project.findings  # the hardware line and its task agree
    assert math.isclose(project.total, 1600 + 12000 + 3 * 4200 + 9000 + 700)


def test_without_a_labor_line_labor_goes_to_one_pmcode_adds(tmp_path: Path) -> None:
    tasks = "  - {id: design, name: Design, effort: 1d, assign: [alice]}\n"
    project = only(costed(tmp_path, {"erp/project.yaml": project_yaml(tasks)}))
    (line,) = project.lines
    assert (line.line, line.category, line.declared, line.total) == ("labor", "labor", False, 800.0)


def test_capex_comes_from_the_task_or_its_summary_else_from_the_line(tmp_path: Path) -> None:
    budget = """
        lines:
          - {id: labor, category: labor}
          - {id: contractors, category: labor, capex: true}
          - {id: kit, category: hardware, capex: true}
    """
    tasks = """\
  - id: build
    name: Build
    capex: true
    tasks:
      - {id: code, name: Code, effort: 1d, assign: [alice]}
      - {id: train, name: Training, effort: 1d, assign: [alice], depends: [code], capex: false}
  - {id: support, name: Support, effort: 1d, assign: [bob], line: contractors}
  - {id: cables, name: Cables, duration: 1d, cost: 300, line: kit}
  - {id: manuals, name: Manuals, duration: 1d, cost: 200, line: kit, capex: false}
"""
    project = only(costed(tmp_path, {"erp/project.yaml": project_yaml(tasks), "erp/budget.yaml": budget}))
    totals = {(line.line, line.capex): line.total for line in project.lines}
    assert totals == {
        ("labor", False): 800.0,  # train: capex false under a capex summary
        ("labor", True): 800.0,  # code: inherits capex from build
        ("contractors", True): 640.0,  # its labor line, whose flag applies as the task has none
        ("kit", False): 200.0,
        ("kit", True): 300.0,
    }
    code, train = project.task("build.code"), project.task("build.train")
    assert code is not None and train is not None and code.capex and not train.capex


def test_summaries_add_up_their_children_and_their_own_fixed_cost(tmp_path: Path) -> None:
    tasks = """\
  - id: phase
    name: Phase
    cost: 1000
    tasks:
      - {id: a, name: A, effort: 2d, assign: [alice]}
      - {id: b, name: B, effort: 1d, assign: [bob], depends: [a], cost: 50}
"""
    project = only(costed(tmp_path, {"erp/project.yaml": project_yaml(tasks)}))
    phase, a, b = (project.task(path) for path in ("phase", "phase.a", "phase.b"))
    assert phase is not None and a is not None and b is not None
    assert (phase.hours, phase.labor, phase.fixed) == (a.hours + b.hours, a.labor + b.labor, 1000 + 50)
    assert math.isclose(sum(amount for _, amount in phase.months), phase.total)
    assert math.isclose(project.labor, sum(person.cost for person in project.people))
    assert math.isclose(project.total, phase.total)


def test_reserves_are_a_share_of_the_planned_cost_or_an_amount(tmp_path: Path) -> None:
    tasks = "  - {id: design, name: Design, effort: 5d, assign: [alice]}\n"
    budget = "lines:\n  - {id: labor, category: labor}\nreserves: {contingency: 10%, management: 5000}\n"
    project = only(costed(tmp_path, {"erp/project.yaml": project_yaml(tasks), "erp/budget.yaml": budget}))
    assert project.total == 4000.0
    assert (project.reserves.contingency, project.reserves.management) == pytest.approx((400.0, 5000.0))
    assert project.reserves.cost_baseline(project.total) == pytest.approx(4400.0)
    assert project.reserves.funding(project.total) == pytest.approx(9400.0)


def test_after_a_day_only_the_remaining_money_counts(tmp_path: Path) -> None:
    budget = "lines:\n  - {id: cloud, category: infrastructure, monthly: 100, from: 2027-01, to: 2027-03}\n"
    tasks = "  - {id: design, name: Design, effort: 5d, assign: [alice], cost: 500}\n"  # Mon 01-04 to Fri 01-08
    files = {"erp/project.yaml": project_yaml(tasks), "erp/budget.yaml": budget}
    project = only(costed(tmp_path, files, after={"erp": date(2027, 1, 6)}))
    task = project.task("design")
    assert task is not None
    assert (task.hours, task.labor, task.fixed) == (16.0, 1600.0, pytest.approx(200.0))  # Thursday and Friday
    assert rounded(project.months) == {"2027-01": 1800.0, "2027-02": 100.0, "2027-03": 100.0}


def test_the_json_is_rounded_to_cents_with_stable_keys(tmp_path: Path) -> None:
    tasks = "  - {id: design, name: Design, duration: 3d, cost: 100}\n"
    cost = costed(tmp_path, {"erp/project.yaml": project_yaml(tasks)})
    document = cost.to_json()
    assert document["total"] == 100.0
    project = document["projects"][0]
    assert project["months"] == {"2027-01": 100.0}
    assert project["fiscal_years"] == {"FY2027": 100.0}
    assert project["tasks"][0] == {
        "path": "design",
        "hours": 0.0,
        "labor": 0.0,
        "fixed": 100.0,
        "total": 100.0,
        "capex": False,
        "months": {"2027-01": 100.0},
    }
    assert sorted(project) == [
        "contingency",
        "cost_baseline",
        "fiscal_years",
        "funding",
        "id",
        "lines",
        "management_reserve",
        "months",
        "people",
        "tasks",
        "total",
    ]
