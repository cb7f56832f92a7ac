"""Properties of costs and baselines on random valid plans (tests/schedule_plans.py, with rates and fixed costs):

- a summary costs what its children cost, plus its own fixed cost; a task's months add up to its total;
- people's costs add up to the project's labor, and every hour scheduled is costed;
- the baseline loses no money: bac = the sum of pv = the sum of the lines, to the cent, and bac is the planned
  cost up to the rounding of each line and month;
- the baseline's text is the same every time.
"""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schedule_plans import Plan, plans
from test_schedule_properties import validated, written

from pmcode.baseline import BaselineInfo, baseline_data
from pmcode.baseline.write import baseline_text
from pmcode.cost import Phasing, cost_portfolio
from pmcode.model import TaskKind
from pmcode.schedule import schedule_portfolio

PROPERTIES = settings(
    max_examples=60,
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _tasks(tasks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    every = []
    for task in tasks:
        every.append(task)
        every.extend(_tasks(task.get("tasks", [])))
    return every


@st.composite
def costed_plans(draw: st.DrawFn) -> Plan:
    plan = draw(plans())
    for person in plan.people:
        person["rate"] = draw(st.integers(min_value=0, max_value=200))
        if draw(st.booleans()):
            person["rates"] = [{"from": "2027-02-01", "rate": draw(st.integers(min_value=1, max_value=300))}]
    for project in plan.projects.values():
        for task in _tasks(project["tasks"]):
            if draw(st.integers(min_value=0, max_value=3)) == 0:
                task["cost"] = draw(st.integers(min_value=1, max_value=100_000)) / 100
    return plan


@PROPERTIES
@given(costed_plans())
def test_costs_add_up_and_baselines_lose_no_money(plan: Plan) -> None:
    with written(plan) as root:
        result = validated(root)
        portfolio = result.portfolio
        schedule = schedule_portfolio(portfolio, network=result.network)
        phasing = Phasing(portfolio)
        cost = cost_portfolio(portfolio, schedule, phasing=phasing)
        for planned, project_cost in zip(schedule.projects, cost.projects, strict=True):
            project = portfolio.projects[planned.id]
            by_path = {task.path: task for task in project_cost.tasks}
            for row in planned.tasks:
                task, model = by_path[row.path], project.by_path[row.path]
                assert math.isclose(sum(a for _, a in task.months), task.total, abs_tol=1e-6)
                if row.kind is TaskKind.SUMMARY:
                    children = [by_path[child.path] for child in model.children]
                    own = model.cost or 0.0 if row.start is not None else 0.0
                    assert math.isclose(task.total, sum(c.total for c in children) + own, abs_tol=1e-6)
                elif row.start is not None:
                    # an assignment's hours are shown to 2 decimals (half a cent of an hour each), the cost
                    # engine adds the daily hours (each to 4 decimals)
                    rounding = 0.005 * len(row.assignments) + 0.00005 * sum(len(a.daily) for a in row.assignments)
                    assert math.isclose(task.hours, sum(a.hours for a in row.assignments), abs_tol=rounding)
            labor = math.fsum(t.labor for t in project_cost.tasks if "." not in t.path)
            assert math.isclose(labor, math.fsum(p.cost for p in project_cost.people), abs_tol=1e-6)

            data = baseline_data(project, planned, project_cost, phasing, BaselineInfo(), None)
            cents = [round(float(amount) * 100) for amount in data["pv"].values()]
            assert round(float(data["bac"]) * 100) == sum(cents)
            in_lines = [
                round(float(a) * 100) for sides in data["lines"].values() for s in sides.values() for a in s.values()
            ]
            assert sum(in_lines) == sum(cents)
            buckets = sum(len(sides) for sides in data["lines"].values())
            assert abs(float(data["bac"]) - project_cost.total) <= 0.005 * max(buckets, 1) + 1e-6
            again = baseline_data(project, planned, project_cost, phasing, BaselineInfo(), None)
            assert baseline_text(again) == baseline_text(data)
