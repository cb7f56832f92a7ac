"""Monte Carlo risk on a generated 1,000-task network: 10,000 iterations must take under 5 s on the 2-core machine.

    .venv/bin/python benchmarks/risk.py [--tasks 1000] [--iterations 10000] [--repeat 3]

The plan: one project of `--tasks` tasks in a random DAG (each task depends on one to three of the 30 tasks
before it, a quarter of the links SS or FF with lags), every task with a PERT or triangular estimate (a third in
three correlation groups), 20 people assigned to half the tasks (for the cost), a milestone with a deadline every
100 tasks and ten risks (in the project's raid.yaml). Prints the time of loading + validating + scheduling once,
then of the simulation (sampling, forward pass, criticality, percentiles, sensitivity) as the best of `--repeat`
runs.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from pmcode.risk import simulate
from pmcode.schedule import schedule_portfolio
from pmcode.validate import validate_root

LIMIT_SECONDS = 5.0


def generate(root: Path, tasks: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    (root / "portfolio.yaml").write_text("name: Bench\ncurrency: USD\n", encoding="utf-8")
    people = "".join(f"  - {{id: p{n}, name: Person {n}, rate: {80 + n}}}\n" for n in range(20))
    (root / "people.yaml").write_text("people:\n" + people, encoding="utf-8")
    lines = ["name: Risk bench", "start: 2027-01-04", "correlations: {g0: 0.5, g1: 0.8}", "tasks:"]
    for n in range(tasks):
        days = rng.randint(1, 10)
        dist = "pert" if n % 2 else "triangular"
        group = f", correlation: g{n % 3}" if n % 3 == 0 else ""
        estimate = f"{{min: {days * 0.8:.1f}d, likely: {days}d, max: {days * 1.6:.1f}d, dist: {dist}{group}}}"
        links = []
        if n:
            for pred in sorted(rng.sample(range(max(0, n - 30), n), min(n, rng.randint(1, 3)))):
                kind = rng.choice(["FS", "FS", "FS", "SS", "FF"])
                links.append(
                    f"t{pred}" if kind == "FS" else f"{{task: t{pred}, type: {kind}, lag: {rng.randint(0, 2)}d}}"
                )
        depends = f", depends: [{', '.join(links)}]" if links else ""
        assign = f", assign: [p{n % 20}]" if n % 2 == 0 else ""
        lines.append(f"  - {{id: t{n}, name: Task {n}, duration: {days}d{assign}{depends}, estimate: {estimate}}}")
        if n % 100 == 99:
            lines.append(
                f"  - {{id: m{n}, name: Milestone {n}, milestone: true, depends: [t{n}], deadline: 2028-06-30}}"
            )
    risks = ["risks:"]
    for n in range(10):
        target = rng.randrange(tasks)
        risks.append(
            f"  - {{id: r{n}, title: Risk {n}, chance: {5 + 5 * n}%, schedule: {{tasks: [t{target}], min: 1d, "
            f"likely: 3d, max: 10d}}, cost: {{min: 1000, likely: 5000, max: 20000}}}}"
        )
    (root / "bench").mkdir()
    (root / "bench" / "project.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "bench" / "raid.yaml").write_text("\n".join(risks) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--iterations", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        generate(root, args.tasks)
        began = time.perf_counter()
        result = validate_root(root)
        if result.errors:
            print(result.diagnostics[:5], file=sys.stderr)
            return 2
        schedule = schedule_portfolio(result.portfolio, network=result.network)
        prepared = time.perf_counter() - began
        best = float("inf")
        for _ in range(args.repeat):
            began = time.perf_counter()
            outcome = simulate(result.portfolio, result.network, schedule, iterations=args.iterations, seed=1)
            best = min(best, time.perf_counter() - began)
    project = outcome.projects[0]
    print(f"validate + schedule {args.tasks} tasks: {prepared:.2f} s")
    print(f"simulate {args.iterations:,} iterations x {args.tasks} tasks: {best:.2f} s (limit {LIMIT_SECONDS:.0f} s)")
    print(f"plan finish {project.finish.planned}, P80 {project.finish.at(80)}, P80 cost {project.cost_at(80):,.0f}")
    return 0 if best < LIMIT_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
