"""From a Simulation's arrays to the RiskResult: percentiles, deadline probabilities, criticality, sensitivity.

Percentiles are sample values (numpy's `inverted_cdf`: the smallest simulated value with at least that share of
iterations at or below it), so P80 is a date some iteration really reached. A W is shown as the moment its last
working minute ends (a finish at Friday 17:00, not Monday 09:00).
"""

from __future__ import annotations

from datetime import datetime

import numpy as np

from pmcode.cost.result import reserve_amount
from pmcode.model import Portfolio, TaskKind
from pmcode.risk.propagate import Array
from pmcode.risk.result import CONFIDENCE, PERCENTILES, Dates, Milestone, ProjectRisk, RiskResult, TaskRisk
from pmcode.risk.sampling import centred_ranks, rank_correlation
from pmcode.risk.simulate import Simulation
from pmcode.schedule.calendar import MINUTES_PER_DAY
from pmcode.schedule.network import FINISH, LAST_FINISH


def percentiles(values: Array) -> list[float]:
    return [float(v) for v in np.percentile(values, PERCENTILES, method="inverted_cdf")]


def summarise(simulation: Simulation, portfolio: Portfolio) -> RiskResult:
    projects = [
        _project(simulation, portfolio, project_id)
        for project_id in sorted(portfolio.projects)
        if project_id in simulation.finish
    ]
    return RiskResult(simulation.iterations, simulation.seed, tuple(projects))


def _moment(simulation: Simulation, task: int, worked: float) -> datetime:
    axis = simulation.plan.axes[task]
    return simulation.calendars.base.datetime(axis.time.end_at(round(worked)))


def _project(simulation: Simulation, portfolio: Portfolio, project_id: str) -> ProjectRisk:
    plan, calendars = simulation.plan, simulation.calendars
    project = portfolio.projects[project_id]
    nodes = [node for node in plan.network.tasks if node.key[0] == project_id]
    anchor = nodes[0].index
    finish = simulation.finish[project_id]
    planned_w = plan.finish.get(project_id)
    points = percentiles(finish)
    dates = Dates(
        None if planned_w is None else _moment(simulation, anchor, planned_w),
        tuple((p, _moment(simulation, anchor, w)) for p, w in zip(PERCENTILES, points, strict=True)),
    )
    hours_per_day = calendars.hours_per_day(calendars.project_calendar_id(project))
    p80 = points[PERCENTILES.index(CONFIDENCE)]
    days = 0.0 if planned_w is None else (p80 - planned_w) / 60 / hours_per_day
    costs = simulation.costs[project_id]
    cost = simulation.cost[project_id]
    budget = project.budget
    reserves = 0.0
    if budget is not None:
        reserves = reserve_amount(budget.contingency, costs.total) + reserve_amount(budget.management, costs.total)
    milestones = []
    for node in nodes:
        task = node.task
        if task.kind is not TaskKind.MILESTONE and task.deadline is None:
            continue
        if not plan.placed[node.index] and node.leaf:
            continue
        milestones.append(_milestone(simulation, node.index, node.leaf))
    tasks = []
    finish_ranks = centred_ranks(finish)
    for node in nodes:
        if not node.leaf:
            continue
        span = simulation.durations[node.index]
        varies = isinstance(span, np.ndarray) and bool(np.ptp(span) > 0)
        tasks.append(
            TaskRisk(
                node.task.path,
                node.task.name,
                float(simulation.criticality[node.index].mean()) if simulation.criticality[node.index].size else 0.0,
                rank_correlation(centred_ranks(np.asarray(span)), finish_ranks) if varies else None,
                node.index in simulation.uncertain,
            )
        )
    return ProjectRisk(
        project_id,
        project.name,
        project_id in simulation.inputs and simulation.inputs[project_id].uncertain,
        dates,
        costs.total,
        tuple(zip(PERCENTILES, percentiles(cost), strict=True)),
        days,
        reserves,
        tuple(milestones),
        tuple(tasks),
    )


def _milestone(simulation: Simulation, index: int, leaf: bool) -> Milestone:
    plan = simulation.plan
    node = plan.network.tasks[index]
    value = simulation.values[4 * index + (FINISH if leaf else LAST_FINISH)]
    finish = np.broadcast_to(np.asarray(value, dtype=np.float64), (simulation.iterations,))
    planned = plan.start[index] + plan.duration[index] if plan.start[index] != float("-inf") else None
    dates = Dates(
        None if planned is None else _moment(simulation, index, planned),
        tuple((p, _moment(simulation, index, w)) for p, w in zip(PERCENTILES, percentiles(finish), strict=True)),
    )
    deadline = node.task.deadline
    on_time = None
    if deadline is not None:
        limit = simulation.calendars.base.moment(deadline) + MINUTES_PER_DAY
        worked = plan.axes[index].time.work_before(limit)
        on_time = float(np.mean(finish <= worked))
    return Milestone(node.task.path, node.task.name, dates, deadline, on_time)
