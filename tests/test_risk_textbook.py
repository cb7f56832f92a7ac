"""A published PERT example reproduced: the Reliable Construction Co. project of Hillier and Lieberman.

Source: F. S. Hillier and G. J. Lieberman, *Introduction to Operations Research*, McGraw-Hill, the chapter
"Project Management with PERT/CPM", section "Dealing with Uncertain Activity Durations" (the PERT three-estimate
approach; the 7th to 10th editions use this example). Fourteen activities with optimistic, most likely and
pessimistic durations in weeks; the PERT expected durations (o + 4m + p) / 6 give the mean critical path
START-A-B-C-E-F-J-L-N-FINISH of 44 weeks, its variance (sum of ((p - o) / 6)^2) is 9, and the probability of
finishing within the 47-week deadline is approximated by P(T <= 47) = Phi((47 - 44) / 3) = Phi(1) = 0.84.

What is reproduced: (1) the expected durations and the 44-week mean critical path, by scheduling the expected
durations with pmcode's scheduler; (2) the 0.84, by simulating the mean critical path as the textbook's
approximation does (its activities in series); (3) the textbook's own caveat that PERT's figure is optimistic:
simulating the whole network, other paths also become critical, so P(T <= 47) is lower and the mean later.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
from test_risk_engine import build, run

from pmcode.risk import Simulation
from pmcode.risk.sampling import pert_moments

WEEK = 5 * 8 * 60  # working minutes of `1w` in the default calendar
# activity: (optimistic, most likely, pessimistic) in weeks, immediate predecessors
RELIABLE = {
    "A": ((1, 2, 3), []),
    "B": ((2, 3.5, 8), ["A"]),
    "C": ((6, 9, 18), ["B"]),
    "D": ((4, 5.5, 10), ["C"]),
    "E": ((1, 4.5, 5), ["C"]),
    "F": ((4, 4, 10), ["E"]),
    "G": ((5, 6.5, 11), ["D"]),
    "H": ((5, 8, 17), ["E"]),
    "I": ((3, 7.5, 9), ["C"]),
    "J": ((3, 9, 9), ["F", "I"]),
    "K": ((4, 4, 4), ["J"]),
    "L": ((1, 5.5, 7), ["J"]),
    "M": ((1, 2, 3), ["H"]),
    "N": ((5, 5.5, 9), ["K", "L"]),
}
MEAN_CRITICAL_PATH = ["A", "B", "C", "E", "F", "J", "L", "N"]
EXPECTED = {
    "A": 2,
    "B": 4,
    "C": 10,
    "D": 6,
    "E": 4,
    "F": 5,
    "G": 7,
    "H": 9,
    "I": 7,
    "J": 8,
    "K": 4,
    "L": 5,
    "M": 2,
    "N": 6,
}


def run_plan(root: Path, projects: dict[str, str], iterations: int, seed: int = 7) -> Simulation:
    return run(build(root, projects), iterations, seed)


def _plan(activities: dict[str, tuple[tuple[float, float, float], list[str]]], chain: bool = False) -> str:
    lines = ["name: Reliable Construction", "start: 2027-01-04", "tasks:"]
    previous = None
    for name, ((low, likely, high), predecessors) in activities.items():
        mean = pert_moments(low, likely, high)[0]
        depends = ([previous] if previous else []) if chain else predecessors
        links = f", depends: [{', '.join(depends)}]" if depends else ""
        estimate = f"{{min: {low:g}w, likely: {likely:g}w, max: {high:g}w}}"
        lines.append(f"  - {{id: {name}, name: Activity {name}, duration: {mean:.4f}w, estimate: {estimate}{links}}}")
        previous = name
    return "\n".join(lines) + "\n"


def test_the_expected_durations_and_the_44_week_mean_critical_path(tmp_path: Path) -> None:
    for name, (points, _) in RELIABLE.items():
        assert round(pert_moments(*points)[0], 4) == EXPECTED[name]
    simulation = run_plan(tmp_path, {"reliable": _plan(RELIABLE)}, iterations=1)
    start = simulation.plan.start[simulation.plan.network.index[("reliable", "A")]]
    assert (simulation.plan.finish["reliable"] - start) / WEEK == 44
    textbook_variance = sum(((RELIABLE[a][0][2] - RELIABLE[a][0][0]) / 6) ** 2 for a in MEAN_CRITICAL_PATH)
    assert math.isclose(textbook_variance, 9)


def test_the_probability_of_meeting_47_weeks_on_the_mean_critical_path_is_0_84(tmp_path: Path) -> None:
    iterations = 20_000
    path = {a: RELIABLE[a] for a in MEAN_CRITICAL_PATH}
    simulation = run_plan(tmp_path, {"reliable": _plan(path, chain=True)}, iterations=iterations, seed=5)
    start = simulation.plan.start[simulation.plan.network.index[("reliable", "A")]]
    weeks = (simulation.finish["reliable"] - start) / WEEK
    # 0.8413 is the textbook's normal approximation with its variance 9; the PERT-beta draws (variance 9.29 with
    # lambda 4) put it at Phi(3 / 3.047) = 0.838. Sampling error: sqrt(0.84 * 0.16 / 20,000) = 0.0026; 0.02 holds
    # both with a wide margin.
    assert abs(float(np.mean(weeks <= 47)) - 0.8413) < 0.02
    assert abs(float(weeks.mean()) - 44) < 4 * math.sqrt(9.3 / iterations)


def test_the_whole_network_is_less_likely_to_finish_by_47_weeks_than_pert_says(tmp_path: Path) -> None:
    simulation = run_plan(tmp_path, {"reliable": _plan(RELIABLE)}, iterations=20_000, seed=5)
    start = simulation.plan.start[simulation.plan.network.index[("reliable", "A")]]
    weeks = (simulation.finish["reliable"] - start) / WEEK
    on_time = float(np.mean(weeks <= 47))
    assert 0.6 < on_time < 0.8413 - 4 * 0.0026  # the merge at J, N and the finish takes points off, beyond 4 SE
    assert weeks.mean() > 44 + 4 * 3.1 / math.sqrt(20_000)  # later than 44 weeks beyond 4 standard errors (0.02)
    index = simulation.plan.network.index
    criticality = {a: float(simulation.criticality[index[("reliable", a)]].mean()) for a in RELIABLE}
    assert criticality["A"] == criticality["B"] == criticality["C"] == 1.0  # every path runs through them
    assert criticality["I"] > 0.05  # off the mean critical path, but critical in some iterations
    drives_j = simulation.criticality[index[("reliable", "J")]]
    f, i = (simulation.criticality[index[("reliable", a)]] for a in "FI")
    assert np.array_equal(f | i, drives_j) and not np.any(f & i)  # at the merge into J exactly one of F, I drives
