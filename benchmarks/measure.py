"""One measurement, in its own process so that peak memory is its own: `python measure.py ROOT [--variance]`.

Prints one JSON line: floors (libyaml event stream, PyYAML C loader) and pmcode's load+validate and schedule; with
--variance also the variance step of `pmcode variance` (the engine and its default table) on the tracked schedule.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

import yaml
from yaml.cyaml import CParser

from pmcode.schedule import schedule_portfolio
from pmcode.validate import validate_root


def events(text: str) -> None:
    parser = CParser(text)
    try:
        while parser.check_event():
            parser.get_event()
    finally:
        parser.dispose()


def main(root: Path, variance: bool = False) -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(root.rglob("*.yaml"))]
    started = time.perf_counter()
    for text in texts:
        events(text)
    event_floor = time.perf_counter() - started
    started = time.perf_counter()
    for text in texts:
        yaml.load(text, Loader=yaml.CSafeLoader)
    loader_floor = time.perf_counter() - started
    started = time.perf_counter()
    result = validate_root(root)
    validated = time.perf_counter() - started
    started = time.perf_counter()
    plan = schedule_portfolio(result.portfolio, network=result.network)
    scheduled = time.perf_counter() - started
    extra = {}
    if variance:
        from pmcode.render.variance_table import render_table
        from pmcode.variance import variance_portfolio

        started = time.perf_counter()
        outcome = variance_portfolio(result.portfolio, plan)
        render_table(outcome, list(outcome.projects))
        extra["variance"] = time.perf_counter() - started
    tasks = sum(len(p.tasks) for p in plan.projects)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "tasks": tasks,
                "bytes": sum(len(t.encode()) for t in texts),
                "event_floor": event_floor,
                "loader_floor": loader_floor,
                "validate": validated,
                "schedule": scheduled,
                "errors": result.errors,
                "peak_mb": peak_mb,
                **extra,
            }
        )
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]), "--variance" in sys.argv[2:])
