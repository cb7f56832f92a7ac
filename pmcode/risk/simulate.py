"""The Monte Carlo run: sample every estimate and risk, push the samples through the network, keep the arrays.

`run_simulation` returns a `Simulation` (numpy arrays: each task's sampled span, each event's W, each project's
finish and cost per iteration); `summarise` in summary.py turns it into the frozen RiskResult. Sampling order is
fixed (projects by id, estimates as declared, then correlation groups, then risks), so a seed reproduces a run.

Cost per iteration: the plan's cost, plus each leaf's labor scaled by its sampled span over its planned span
(an effort task's hours grow with its effort, a duration task's people are booked for its longer span), plus
the cost impact of every risk that occurs. Fixed costs and budget lines stay as planned.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from pmcode.cost import ProjectCost, cost_portfolio
from pmcode.model import Portfolio
from pmcode.risk.inputs import ProjectInputs, Range, has_inputs, project_inputs
from pmcode.risk.plan import Plan, build_plan
from pmcode.risk.propagate import Array, Value, critical, forward
from pmcode.risk.sampling import correlate, happens, sample_ranges
from pmcode.schedule import Schedule
from pmcode.schedule.calendars import Calendars
from pmcode.schedule.network import FINISH, Network

DEFAULT_ITERATIONS = 10_000
DEFAULT_SEED = 1


@dataclass
class Simulation:
    iterations: int
    seed: int
    plan: Plan
    calendars: Calendars
    inputs: dict[str, ProjectInputs]
    durations: list[Value]  # per task: W span per iteration (a float where it does not vary)
    uncertain: set[int]  # tasks whose span is sampled
    values: list[Value]  # per event
    finish: dict[str, Array]  # per project: its finish in W per iteration
    cost: dict[str, Array]  # per project: its cost per iteration
    costs: dict[str, ProjectCost]  # the plan's costs
    criticality: list[npt.NDArray[np.bool_]]  # per task: iterations in which it drives its project's finish


def run_simulation(
    portfolio: Portfolio,
    network: Network,
    schedule: Schedule,
    *,
    iterations: int = DEFAULT_ITERATIONS,
    seed: int = DEFAULT_SEED,
) -> Simulation:
    calendars = Calendars(portfolio)
    plan = build_plan(portfolio, network, schedule, calendars)
    forward(plan, list(plan.duration), replay=True)  # decides each leaf's role: linked, floored or pinned
    rng = np.random.default_rng(seed)
    inputs = {
        project.id: project_inputs(portfolio, project, calendars.hours_per_day(calendars.project_calendar_id(project)))
        for project in portfolio.projects.values()
        if has_inputs(portfolio, project)
    }
    durations: list[Value] = list(plan.duration)
    uncertain: set[int] = set()
    extra_cost: dict[str, Array] = {}
    for project_id in sorted(inputs):
        extra_cost[project_id] = _sample_project(rng, plan, inputs[project_id], durations, uncertain, iterations)
    values = forward(plan, durations)
    finish: dict[str, Array] = {}
    seeds: dict[int, npt.NDArray[np.bool_]] = {}
    by_project: dict[str, list[int]] = {}
    for node in network.tasks:
        if node.leaf and plan.placed[node.index]:
            by_project.setdefault(node.key[0], []).append(node.index)
    for project_id, leaves in by_project.items():
        ends = [np.broadcast_to(np.asarray(values[4 * i + FINISH], dtype=np.float64), (iterations,)) for i in leaves]
        finish[project_id] = np.maximum.reduce(ends) if len(ends) > 1 else ends[0].copy()
        for index, end in zip(leaves, ends, strict=True):
            seeds[index] = end == finish[project_id]
    flags = critical(plan, values, durations, seeds)
    costs = {c.project: c for c in cost_portfolio(portfolio, schedule).projects}
    cost = {
        project_id: _cost(plan, costs[project_id], leaves, durations, extra_cost.get(project_id), iterations)
        for project_id, leaves in by_project.items()
        if project_id in costs
    }
    return Simulation(
        iterations, seed, plan, calendars, inputs, durations, uncertain, values, finish, cost, costs, flags
    )


def _sample_project(
    rng: np.random.Generator,
    plan: Plan,
    inputs: ProjectInputs,
    durations: list[Value],
    uncertain: set[int],
    iterations: int,
) -> Array:
    """Sample the project's estimates and risks into `durations`; returns the risks' cost per iteration."""
    index = plan.network.index
    rows = [index[(inputs.project, e.path)] for e in inputs.estimates]
    draws = sample_ranges(rng, [e.range for e in inputs.estimates], iterations)
    for group, rho in inputs.correlations:
        members = [n for n, e in enumerate(inputs.estimates) if e.group == group]
        correlate(rng, draws, members, rho)
    for n, estimate in enumerate(inputs.estimates):
        task = rows[n]
        if plan.pinned[task] or estimate.planned <= 0:
            continue
        durations[task] = plan.duration[task] * (draws[n] / estimate.planned)
        uncertain.add(task)
    risks = inputs.risks
    occurs = happens(rng, [r.probability for r in risks], iterations)
    delays = sample_ranges(rng, [r.delay or Range(0, 0, 0) for r in risks], iterations)
    amounts = sample_ranges(rng, [r.cost or Range(0, 0, 0) for r in risks], iterations)
    extra = np.zeros(iterations, dtype=np.float64)
    for n, risk in enumerate(risks):
        if risk.cost is not None:
            extra += np.where(occurs[n], amounts[n], 0.0)
        if risk.delay is None:
            continue
        delay = np.where(occurs[n], delays[n], 0.0)
        for path in risk.tasks:
            found = index.get((inputs.project, path))
            if found is None or not plan.network.tasks[found].leaf or plan.pinned[found]:
                continue
            durations[found] = durations[found] + delay
            uncertain.add(found)
    return extra


def _cost(
    plan: Plan, planned: ProjectCost, leaves: list[int], durations: list[Value], extra: Array | None, iterations: int
) -> Array:
    cost = np.full(iterations, planned.total, dtype=np.float64)
    for task in leaves:
        span, labor = plan.duration[task], 0.0
        row = planned.task(plan.network.tasks[task].key[1])
        if row is not None:
            labor = row.labor
        if isinstance(durations[task], np.ndarray) and span > 0 and labor:
            cost += labor * (durations[task] / span - 1.0)
    if extra is not None:
        cost += extra
    return cost
