"""pmcode benchmarks: `make bench`. Not part of the test suite.

For portfolios of 1k, 10k and 100k tasks (benchmarks/generate.py: chains and cross-links, shared people,
effort tasks that need leveling, holidays), each measured in a fresh process:
- the floors, on the same files: libyaml's bare event stream, and PyYAML's C loader (`yaml.load` with
  CSafeLoader), what any Python tool pays just to read the YAML;
- pmcode: load + validate, then schedule with leveling; their total as a ratio to each floor; peak memory;
- TaskJuggler 3 (`tj3`, Debian package) on the same plan where it is installed, and pmcode's speed-up.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import make_plan, write_pmcode, write_tjp

SIZES = ((1_000, 20), (10_000, 100), (100_000, 200))
HERE = Path(__file__).resolve().parent


def measure(root: Path) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, str(HERE / "measure.py"), str(root)], capture_output=True, text=True, check=True
    ).stdout
    result: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return result


def run_tj3(folder: Path, timeout: float) -> float | None:
    if shutil.which("tj3") is None:
        return None
    started = time.perf_counter()
    try:
        subprocess.run(["tj3", "--silent", "--no-color", "bench.tjp"], cwd=folder, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return float("inf")
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000", help="task counts to run (comma-separated)")
    parser.add_argument("--tj3-max", type=int, default=10_000, help="largest plan to give tj3 (it is slow)")
    parser.add_argument("--tj3-timeout", type=float, default=900.0)
    args = parser.parse_args()
    wanted = {int(size) for size in args.sizes.split(",")}
    header = (
        f"{'tasks':>7} {'people':>6} {'MB':>5} {'events':>7} {'C load':>7} {'validate':>9} {'schedule':>9} "
        f"{'total':>7} {'/events':>8} {'/C load':>8} {'peak MB':>8} {'tj3':>8} {'speed-up':>9}"
    )
    print(header)
    print("-" * len(header))
    for tasks, people in SIZES:
        if tasks not in wanted:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            plan = make_plan(tasks, people)
            write_pmcode(plan, folder / "projects")
            write_tjp(plan, folder / "bench.tjp")
            m = measure(folder / "projects")
            total = m["validate"] + m["schedule"]
            tj3 = run_tj3(folder, args.tj3_timeout) if tasks <= args.tj3_max else None
            tj3_text = "-" if tj3 is None else (">limit" if tj3 == float("inf") else f"{tj3:.1f}s")
            speedup = "-" if tj3 in (None, float("inf")) else f"{tj3 / total:.0f}x"  # type: ignore[operator]
            print(
                f"{int(m['tasks']):>7} {people:>6} {m['bytes'] / 1e6:>5.1f} {m['event_floor']:>6.2f}s "
                f"{m['loader_floor']:>6.2f}s {m['validate']:>8.2f}s {m['schedule']:>8.2f}s {total:>6.2f}s "
                f"{total / m['event_floor']:>7.1f}x {total / m['loader_floor']:>7.2f}x {m['peak_mb']:>8.0f} "
                f"{tj3_text:>8} {speedup:>9}"
            )
            if m["errors"]:
                print(f"  (the generated plan has {int(m['errors'])} validation errors: a generator bug)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
