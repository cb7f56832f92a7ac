"""pmcode benchmarks: `make bench`. Not part of the test suite.

Each measurement is reported as a ratio against a floor measured in the same run on the same input, so numbers
from different machines compare: the floor is libyaml's C parser producing the raw event stream of the same file,
the least any loader built on it can pay.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from yaml.cyaml import CParser

from pmcode.load.yamlsafe import parse
from pmcode.validate import validate_root


def write_portfolio(root: Path, tasks: int, seed: int = 7) -> Path:
    """One project of `tasks` tasks in phases of 50, with FS/SS links and assignments: a large realistic plan."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    (root / "portfolio.yaml").write_text("name: Bench\ncurrency: USD\n")
    people = "".join(f"  - {{id: p{n}, name: Person {n}}}\n" for n in range(40))
    (root / "people.yaml").write_text("people:\n" + people)
    lines = ["name: Big plan", "start: 2027-01-04", "tasks:"]
    phases = max(1, tasks // 50)
    for phase in range(phases):
        lines += [f"  - id: phase{phase}", f"    name: Phase {phase}", "    tasks:"]
        for n in range(50):
            lines += [f"      - id: t{n}", f"        name: Task {phase}.{n} of the plan"]
            if n % 7 == 3:
                lines += [f"        effort: {rng.randint(1, 20)}d", f"        assign: [p{rng.randrange(40)}]"]
            else:
                lines.append(f"        duration: {rng.randint(1, 10)}d")
            if n:
                pred = rng.randrange(max(0, n - 10), n)
                kind = rng.choice(["FS", "FS", "FS", "SS", "FF"])
                lines.append(f"        depends: [{{task: t{pred}, type: {kind}, lag: {rng.randint(0, 2)}d}}]")
            elif phase:
                lines.append(f"        depends: [phase{phase - 1}]")
    project = root / "big"
    project.mkdir(exist_ok=True)
    (project / "project.yaml").write_text("\n".join(lines) + "\n")
    return project / "project.yaml"


def best_of(repeat: int, function: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def libyaml_events(text: str) -> None:
    parser = CParser(text)
    try:
        while parser.get_event() is not None and parser.check_event():
            pass
    finally:
        parser.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tasks", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "projects"
        plan = write_portfolio(root, args.tasks)
        text = plan.read_text()
        floor = best_of(args.repeat, lambda: libyaml_events(text))
        rows = [
            ("floor: libyaml event stream", floor),
            ("yaml.load(CSafeLoader) (reference)", best_of(args.repeat, lambda: yaml.load(text, yaml.CSafeLoader))),
            ("pmcode safe load + positions", best_of(args.repeat, lambda: parse(text))),
            ("pmcode validate (load+schema+rules)", best_of(args.repeat, lambda: validate_root(root))),
        ]
        result = validate_root(root)
        print(f"plan: {args.tasks} tasks, {len(text) / 1e6:.2f} MB, {len(result.diagnostics)} findings")
        print(f"{'measurement':40} {'seconds':>9} {'x floor':>8}")
        for name, seconds in rows:
            print(f"{name:40} {seconds:9.3f} {seconds / floor:8.1f}")
        print(f"(best of {args.repeat} runs each)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
