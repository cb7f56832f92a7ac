"""Schedule and cost risk: three-point estimates and risks, sampled by Monte Carlo over the scheduler's network.

Pure and vectorised (numpy, one array of `iterations` values per task; no Python loop per iteration):
- `simulate(portfolio, network, schedule, *, iterations, seed) -> RiskResult`: per project P10/P50/P80/P90 finish
  dates and costs, the contingency P80 - plan, per milestone (and task with a deadline) its percentiles and the
  probability of meeting the deadline, per leaf task its criticality index and its sensitivity (Spearman rank
  correlation of its sampled span with the project finish).
- `run_simulation(...) -> Simulation` (simulate.py): the same run, its arrays kept (for tests and charts);
  `summarise(simulation, portfolio)` (summary.py) makes the RiskResult.
- Inputs (inputs.py): `estimate: {min, likely, max, dist, correlation}` on a duration or effort task, the
  project's `correlations`, and the quantified risks of its RAID log (raid.yaml: a `chance`, a delay on named
  tasks, a cost).
  Validation: PM250 (range out of order), PM251 (estimate does not fit the task), PM252 (unknown risk task),
  rules.py. `pmcode check` compares the P80 cost gap with the reserves: PM550 (pmcode/check/risk.py).

Simplifications, on purpose: resource leveling is held as planned (a task the plan delays for its people keeps
that start as its earliest; its sampled span is its leveled span scaled by the sample), tasks with a hard
constraint or actual progress keep their planned dates, ALAP tasks keep their planned start as an earliest start,
and elapsed lags and links across calendars convert through moments (see propagate.py). With zero-width ranges
every iteration is the deterministic schedule, minute for minute.
"""

from __future__ import annotations

from pmcode.model import Portfolio
from pmcode.risk.inputs import has_inputs
from pmcode.risk.result import CONFIDENCE, PERCENTILES, Dates, Milestone, ProjectRisk, RiskResult, TaskRisk
from pmcode.risk.simulate import DEFAULT_ITERATIONS, DEFAULT_SEED, Simulation, run_simulation
from pmcode.risk.summary import summarise
from pmcode.schedule import Schedule
from pmcode.schedule.network import Network

__all__ = [
    "CONFIDENCE",
    "DEFAULT_ITERATIONS",
    "DEFAULT_SEED",
    "PERCENTILES",
    "Dates",
    "Milestone",
    "ProjectRisk",
    "RiskResult",
    "Simulation",
    "TaskRisk",
    "has_inputs",
    "run_simulation",
    "simulate",
    "summarise",
]


def simulate(
    portfolio: Portfolio,
    network: Network,
    schedule: Schedule,
    *,
    iterations: int = DEFAULT_ITERATIONS,
    seed: int = DEFAULT_SEED,
) -> RiskResult:
    """Simulate a validated, scheduled portfolio (the schedule as `pmcode schedule` makes it)."""
    simulation = run_simulation(portfolio, network, schedule, iterations=iterations, seed=seed)
    return summarise(simulation, portfolio)
