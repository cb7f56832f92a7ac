"""Properties of the risk engine on random valid plans (tests/schedule_plans.py: every link type and lag kind,
summaries, efforts with leveling, elapsed durations, several calendars and projects):

- nothing uncertain: every placed leaf of every iteration is the deterministic schedule, to the minute, and so is
  every project finish (in working minutes of its calendar);
- every span lengthened (each task, each iteration, by its own factor in [1, 3)): each task keeps its sampled span
  and its earliest start, and every finish-to-start link holds in every iteration;
- every iteration of every project has at least one critical task, and criticality is a share in [0, 1].
"""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from plans import write_plan
from schedule_plans import Plan, plans

from pmcode.model import LinkType
from pmcode.risk import run_simulation
from pmcode.risk.propagate import Value, forward
from pmcode.schedule import schedule_portfolio
from pmcode.schedule.network import FINISH, START
from pmcode.validate import validate_root

PROPERTIES = settings(
    max_examples=60,
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
ITERATIONS = 16


@PROPERTIES
@given(plans())
def test_random_plans_are_reproduced_and_only_get_later(plan: Plan) -> None:
    with tempfile.TemporaryDirectory() as folder:
        result = validate_root(write_plan(Path(folder), plan.files()))
        assert not result.errors, result.diagnostics
        schedule = schedule_portfolio(result.portfolio, network=result.network)
        simulation = run_simulation(result.portfolio, result.network, schedule, iterations=ITERATIONS, seed=2)
    model = simulation.plan
    leaves = [n.index for n in model.network.tasks if n.leaf and model.placed[n.index]]
    for index in leaves:
        for end, planned in ((START, model.start[index]), (FINISH, model.start[index] + model.duration[index])):
            assert np.all(np.asarray(simulation.values[4 * index + end]) == planned), model.network.tasks[index].key
    for project_id, finish in simulation.finish.items():
        assert np.all(finish == model.finish[project_id])
        drivers = [simulation.criticality[i] for i in leaves if model.network.tasks[i].key[0] == project_id]
        assert np.all(np.logical_or.reduce(drivers)), "an iteration without a critical task"
    rng = np.random.default_rng(0)
    longer: list[Value] = [d * rng.uniform(1.0, 3.0, ITERATIONS) for d in model.duration]
    values = forward(model, longer)
    for index in leaves:
        if model.pinned[index]:
            continue
        start, finish = (np.asarray(values[4 * index + end]) for end in (START, FINISH))
        assert np.all(start >= model.floor[index])
        assert np.allclose(finish - start, longer[index], rtol=0, atol=1e-6)  # up to rounding of start + span
    for link in model.network.links:  # a finish-to-start link without lag holds in every iteration
        pred, succ = model.network.tasks[link.pred], model.network.tasks[link.succ]
        plain = (
            link.type is LinkType.FS
            and link.dependency.lag is None
            and model.axes[pred.index] is model.axes[succ.index]
        )
        if plain and pred.leaf and succ.leaf and model.placed[succ.index] and not model.pinned[succ.index]:
            assert np.all(np.asarray(values[4 * succ.index + START]) >= np.asarray(values[4 * pred.index + FINISH]))
