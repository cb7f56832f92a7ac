"""The Monte Carlo engine (pmcode.risk) against numbers worked out by hand or by analysis.

Each statistical assertion states its tolerance from the sampling error: k standard errors, with k = 4 (a false
failure about once in 16,000 runs for a normal statistic), or the Dvoretzky-Kiefer-Wolfowitz bound for a whole
empirical CDF. The seeds are fixed, so the suite itself is deterministic; the tolerances say why a different
seed would pass too.
"""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from pmcode.risk import Simulation, run_simulation, simulate
from pmcode.risk.sampling import pert_moments, spearman, triangular_moments
from pmcode.schedule import schedule_portfolio
from pmcode.schedule.network import FINISH, START
from pmcode.validate import validate_root

MINUTES_PER_DAY = 8 * 60  # the built-in calendar: 8 working hours a day
K = 4  # standard errors allowed


def build(root: Path, projects: dict[str, str], people: str | None = None, raids: dict[str, str] | None = None) -> Path:
    """A portfolio root with one project.yaml per project id (the default calendar: Mon-Fri 09:00-17:00), and a
    raid.yaml (the quantified risks) for the projects in `raids`."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "portfolio.yaml").write_text("name: Test\ncurrency: USD\n", encoding="utf-8")
    if people is not None:
        (root / "people.yaml").write_text(people, encoding="utf-8")
    for project_id, text in projects.items():
        (root / project_id).mkdir(exist_ok=True)
        (root / project_id / "project.yaml").write_text(text, encoding="utf-8")
    for project_id, text in (raids or {}).items():
        (root / project_id / "raid.yaml").write_text(text, encoding="utf-8")
    return root


def run(root: Path, iterations: int, seed: int = 7) -> Simulation:
    result = validate_root(root)
    assert not result.errors, result.diagnostics
    schedule = schedule_portfolio(result.portfolio, network=result.network)
    return run_simulation(result.portfolio, result.network, schedule, iterations=iterations, seed=seed)


def start_of(simulation: Simulation, project: str, path: str) -> float:
    return simulation.plan.start[simulation.plan.network.index[(project, path)]]


# -- a chain of PERT tasks: the analytic mean and variance ------------------------------------------------------

CHAIN = [(2, 5, 14), (4, 5, 9), (1, 3, 3), (6, 10, 20), (3, 3, 3.5)]  # days: min, likely, max


def test_a_chain_of_pert_tasks_has_the_analytic_mean_and_variance(tmp_path: Path) -> None:
    lines = ["name: Chain", "start: 2027-01-04", "tasks:"]
    for n, (low, likely, high) in enumerate(CHAIN):
        depends = f", depends: [t{n - 1}]" if n else ""
        estimate = f"{{min: {low}d, likely: {likely}d, max: {high}d}}"
        lines.append(f"  - {{id: t{n}, name: T{n}, duration: {likely}d, estimate: {estimate}{depends}}}")
    iterations = 40_000
    simulation = run(build(tmp_path, {"chain": "\n".join(lines) + "\n"}), iterations)
    length = (simulation.finish["chain"] - start_of(simulation, "chain", "t0")) / MINUTES_PER_DAY  # working days
    moments = [pert_moments(*points) for points in CHAIN]
    mean = sum(m for m, _ in moments)  # 28.25 days: 6 + 5.5 + 2.667 + 11 + 3.083
    variance = sum(v for _, v in moments)
    assert mean == pytest.approx((2 + 20 + 14) / 6 + (4 + 20 + 9) / 6 + (1 + 12 + 3) / 6 + 66 / 6 + 18.5 / 6)
    assert variance == pytest.approx(
        4 * 8 / 7 + 1.5 * 3.5 / 7 + (5 / 3) * (1 / 3) / 7 + 5 * 9 / 7 + (1 / 12) * (5 / 12) / 7
    )
    # standard error of the mean: sigma / sqrt(n); of the variance: sqrt((m4 - sigma^4) / n), m4 estimated
    assert abs(length.mean() - mean) < K * math.sqrt(variance / iterations)
    centred = length - length.mean()
    fourth = float(np.mean(centred**4))
    assert abs(length.var() - variance) < K * math.sqrt((fourth - variance**2) / iterations)


def test_triangular_draws_have_the_triangles_mean_and_variance(tmp_path: Path) -> None:
    estimate = "{min: 2d, likely: 5d, max: 12d, dist: triangular}"
    text = f"name: T\nstart: 2027-01-04\ntasks:\n  - {{id: a, name: A, duration: 5d, estimate: {estimate}}}\n"
    iterations = 40_000
    simulation = run(build(tmp_path, {"t": text}), iterations)
    days = (simulation.finish["t"] - start_of(simulation, "t", "a")) / MINUTES_PER_DAY
    mean, variance = triangular_moments(2, 5, 12)
    assert (mean, variance) == pytest.approx((19 / 3, (4 + 25 + 144 - 10 - 24 - 60) / 18))
    assert abs(days.mean() - mean) < K * math.sqrt(variance / iterations)
    assert days.min() >= 2 and days.max() <= 12


# -- two equal parallel tasks into one milestone: the merge bias F(x)^2 -----------------------------------------


def pert_cdf(low: float, likely: float, high: float, points: np.ndarray) -> np.ndarray:
    """The PERT-beta CDF by numerical integration of its density (no scipy): error far below 1e-6 on this grid."""
    a = 1 + 4 * (likely - low) / (high - low)
    b = 1 + 4 * (high - likely) / (high - low)
    grid = np.linspace(0.0, 1.0, 200_001)
    log_norm = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    density = np.exp(
        log_norm + (a - 1) * np.log(np.clip(grid, 1e-300, None)) + (b - 1) * np.log1p(-np.clip(grid, None, 1 - 1e-16))
    )
    cumulative = np.concatenate(([0.0], np.cumsum((density[1:] + density[:-1]) / 2) * (grid[1] - grid[0])))
    return np.interp((points - low) / (high - low), grid, cumulative / cumulative[-1])


def test_two_parallel_tasks_merging_give_the_squared_cdf(tmp_path: Path) -> None:
    text = (
        "name: Merge\nstart: 2027-01-04\ntasks:\n"
        "  - {id: a, name: A, duration: 5d, estimate: {min: 3d, likely: 5d, max: 11d}}\n"
        "  - {id: b, name: B, duration: 5d, estimate: {min: 3d, likely: 5d, max: 11d}}\n"
        "  - {id: m, name: M, milestone: true, depends: [a, b]}\n"
    )
    iterations = 20_000
    simulation = run(build(tmp_path, {"merge": text}), iterations)
    index = simulation.plan.network.index[("merge", "m")]
    milestone = np.asarray(simulation.values[4 * index + FINISH])
    days = (milestone - start_of(simulation, "merge", "a")) / MINUTES_PER_DAY
    points = np.linspace(3, 11, 81)
    empirical = np.searchsorted(np.sort(days), points, side="right") / iterations
    analytic = pert_cdf(3, 5, 11, points) ** 2
    # DKW: P(sup |F_n - F| > eps) <= 2 exp(-2 n eps^2) = 2.5e-4 for eps = 0.015, n = 20,000
    assert np.max(np.abs(empirical - analytic)) < 0.015
    single_mean = pert_moments(3, 5, 11)[0]  # 5.667 days
    merged_mean = float(np.trapezoid(1 - analytic, points)) + 3  # E[max] = min + integral of (1 - F^2)
    assert merged_mean > single_mean + 0.5  # the merge bias itself: about 0.7 days here
    assert abs(days.mean() - merged_mean) < 0.05
    # each branch drives the milestone half the time, and exactly one of them in every iteration
    a, b = (simulation.criticality[simulation.plan.network.index[("merge", p)]] for p in ("a", "b"))
    assert abs(a.mean() - 0.5) < K * math.sqrt(0.25 / iterations)
    assert np.all(a ^ b)


# -- zero-width ranges reproduce the deterministic schedule exactly ---------------------------------------------

EXACT = """name: Exact
start: 2027-01-04
tasks:
  - {id: design, name: Design, effort: 6d, assign: [alice], estimate: {min: 6d, likely: 6d, max: 6d}}
  - {id: spec, name: Spec, effort: 4d, assign: [alice], estimate: {min: 4d, likely: 4d, max: 4d}}
  - id: build
    name: Build
    tasks:
      - {id: api, name: API, duration: 7d, depends: [design], estimate: {min: 7d, likely: 7d, max: 7d, dist: pert}}
      - {id: ui, name: UI, duration: 5.5d, depends: [{task: design, type: SS, lag: 2d}]}
      - {id: docs, name: Docs, duration: 3d, depends: [{task: api, type: FF, lag: -1d}]}
      - {id: ops, name: Ops, duration: 2d, depends: [{task: ui, type: SF, lag: 50%}]}
  - {id: soak, name: Soak, duration: 3ed, depends: [{task: build, lag: 2ed}]}
  - {id: audit, name: Audit, duration: 2d, start: 2027-03-01}
  - {id: fixed, name: Fixed, duration: 1d, must_start_on: 2027-01-05}
  - {id: late, name: Late, duration: 1d, alap: true, depends: [spec]}
  - {id: golive, name: Go-live, milestone: true, depends: [soak, audit, fixed, late], deadline: 2027-03-05}
"""
EXACT_RAID = """risks:
  - {id: none, title: Never, chance: 0%, schedule: {tasks: [build.api], min: 1d, likely: 2d, max: 3d}}
"""
OTHER = """name: Other
start: 2027-01-11
tasks:
  - {id: wait, name: Wait, duration: 2d, depends: ["exact:build.ui"], estimate: {min: 2d, likely: 2d, max: 2d}}
"""
PEOPLE = "people:\n  - {id: alice, name: Alice, rate: 100}\n"


def test_zero_width_ranges_reproduce_the_deterministic_schedule_exactly(tmp_path: Path) -> None:
    root = build(tmp_path, {"exact": EXACT, "other": OTHER}, PEOPLE, {"exact": EXACT_RAID})
    result = validate_root(root)
    assert not result.errors, result.diagnostics
    schedule = schedule_portfolio(result.portfolio, network=result.network)
    simulation = run_simulation(result.portfolio, result.network, schedule, iterations=50, seed=3)
    plan = simulation.plan
    base, checked = simulation.calendars.base, 0
    for project in schedule.projects:
        for row in project.tasks:
            index = plan.network.index[(project.id, row.path)]
            if not plan.network.tasks[index].leaf:
                continue
            axis = plan.axes[index].time
            start = np.asarray(simulation.values[4 * index + START])
            finish = np.asarray(simulation.values[4 * index + FINISH])
            assert row.start is not None and row.finish is not None
            assert np.all(start == axis.work_before(base.moment(row.start))), row.path
            assert np.all(finish == axis.work_before(base.moment(row.finish))), row.path
            checked += 1
    assert checked == 12  # every leaf of both projects
    # the leveled effort waits for alice (floored), must_start_on is pinned, ALAP is floored at its late start
    roles = {path: (plan.pinned[i], plan.floor[i] == plan.start[i]) for (p, path), i in plan.network.index.items()}
    assert roles["spec"] == (False, True) and roles["fixed"] == (True, False) and roles["late"] == (False, True)
    outcome = simulate(result.portfolio, result.network, schedule, iterations=50, seed=3)
    for project in schedule.projects:
        risk = outcome.project(project.id)
        assert risk is not None
        assert risk.finish.planned == project.finish
        assert {when for _, when in risk.finish.percentiles} == {project.finish}
        assert {cost for _, cost in risk.cost_percentiles} == {risk.cost_planned}
        assert risk.schedule_contingency_days == 0 and risk.cost_contingency == 0
    golive = next(m for m in outcome.projects[0].milestones if m.path == "golive")
    assert golive.on_time == 1.0 and golive.finish.planned == next(
        t.finish for t in schedule.projects[0].tasks if t.path == "golive"
    )


def _certain_copy(demo: Path, root: Path) -> Path:
    """The demo portfolio without its estimates, RAID logs (the risks) and correlation groups: nothing left
    uncertain."""
    shutil.copytree(demo, root)
    for path in root.glob("*/project.yaml"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^ +estimate: .*\n", "", text)
        text = re.split(r"(?m)^(?:# Estimates of tasks under|correlations:)", text)[0]
        path.write_text(text, encoding="utf-8")
    for path in root.glob("*/raid.yaml"):
        path.unlink()
    return root


def test_the_demo_portfolio_is_reproduced_when_nothing_is_uncertain(tmp_path: Path) -> None:
    simulation = run(_certain_copy(Path(__file__).parent.parent / "projects", tmp_path / "demo"), 3)
    plan, compared = simulation.plan, 0
    for node in plan.network.tasks:
        if node.leaf and plan.placed[node.index]:
            assert np.all(np.asarray(simulation.values[4 * node.index + START]) == plan.start[node.index]), node.key
            compared += 1
    assert compared > 100
    for project_id, finish in simulation.finish.items():
        assert np.all(finish == plan.finish[project_id])


# -- determinism -------------------------------------------------------------------------------------------------


def test_the_same_seed_gives_the_same_output_and_another_seed_does_not(tmp_path: Path) -> None:
    root = build(
        tmp_path,
        {"exact": EXACT.replace("max: 7d, dist", "max: 12d, dist"), "other": OTHER},
        PEOPLE,
        {"exact": EXACT_RAID},
    )
    result = validate_root(root)
    schedule = schedule_portfolio(result.portfolio, network=result.network)
    first = simulate(result.portfolio, result.network, schedule, iterations=2000, seed=11).to_json()
    again = simulate(result.portfolio, result.network, schedule, iterations=2000, seed=11).to_json()
    other = simulate(result.portfolio, result.network, schedule, iterations=2000, seed=12).to_json()
    assert first == again
    assert first != other


# -- correlation groups and risks --------------------------------------------------------------------------------


def test_a_correlation_group_rank_correlates_its_tasks_and_keeps_their_distributions(tmp_path: Path) -> None:
    tasks = (
        "  - {id: a, name: A, duration: 5d, estimate: {min: 3d, likely: 5d, max: 11d, correlation: infra}}\n"
        "  - {id: b, name: B, duration: 5d,"
        " estimate: {min: 2d, likely: 5d, max: 9d, dist: triangular, correlation: infra}}\n"
        "  - {id: c, name: C, duration: 5d, estimate: {min: 2d, likely: 5d, max: 9d}}\n"
    )
    text = "name: C\nstart: 2027-01-04\ncorrelations: {infra: 0.8}\ntasks:\n" + tasks
    iterations = 20_000
    simulation = run(build(tmp_path, {"c": text}), iterations)
    index = simulation.plan.network.index
    a, b, c = (np.asarray(simulation.durations[index[("c", p)]]) for p in "abc")
    expected = 6 / math.pi * math.asin(0.8 / 2)  # 0.786: Spearman's rho of a Gaussian copula with r = 0.8
    assert abs(spearman(a, b) - expected) < 0.02  # its standard error here is below 0.004
    assert abs(spearman(a, c)) < K / math.sqrt(iterations)  # independent: standard error 1 / sqrt(n)
    mean, variance = triangular_moments(2 * MINUTES_PER_DAY, 5 * MINUTES_PER_DAY, 9 * MINUTES_PER_DAY)
    assert abs(b.mean() - mean) < K * math.sqrt(variance / iterations)  # reordering keeps the marginal


def test_a_risk_occurs_with_its_probability_and_adds_its_impacts(tmp_path: Path) -> None:
    text = "name: R\nstart: 2027-01-04\ntasks:\n  - {id: a, name: A, duration: 5d}\n"
    raid = (
        "risks:\n  - {id: r, title: R, chance: 30%, schedule: {tasks: [a], min: 2d, likely: 2d, max: 2d},"
        " cost: {min: 1000, likely: 1000, max: 1000}}\n"
        "  - {id: gone, title: Closed, status: closed, chance: 100%, cost: {min: 9, likely: 9, max: 9}}\n"
    )
    iterations = 20_000
    simulation = run(build(tmp_path, {"r": text}, raids={"r": raid}), iterations)
    days = (simulation.finish["r"] - start_of(simulation, "r", "a")) / MINUTES_PER_DAY
    assert set(np.unique(days)) == {5.0, 7.0}
    hit = days == 7.0
    assert abs(hit.mean() - 0.3) < K * math.sqrt(0.3 * 0.7 / iterations)
    assert np.all(simulation.cost["r"] == np.where(hit, 1000.0, 0.0))  # nobody assigned: the risk is the cost
