"""Planned value from a saved baseline, per task and month: what earned value measures progress against.

Each leaf task's baseline `cost` is spread linearly over its baseline working time (`start` to `finish`, in the
project calendar), exactly as `pmcode baseline save` spread it. The baseline's `pv` may hold more than its tasks:
the budget lines' own amounts that no task spends (a monthly cloud bill, a licence) and cents of rounding. That
rest is `other`, per month: no task earns it, so an earned-value engine must decide how to treat it (as level of
effort, EV = PV, is the usual choice).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pmcode.cost.phasing import Phasing
from pmcode.cost.result import Months
from pmcode.cost.spread import months
from pmcode.model import Baseline, Project


@dataclass(frozen=True, slots=True)
class PlannedValue:
    tasks: tuple[tuple[str, Months], ...]  # leaf tasks of the baseline, in its order: (path, pv by month)
    other: Months  # the baseline's pv not in any task (lines' own amounts, rounding)
    total: Months  # the baseline's pv


def planned_value(project: Project, baseline: Baseline, phasing: Phasing) -> PlannedValue:
    paths = [task.path for task in baseline.tasks]
    summaries = {path.rsplit(".", 1)[0] for path in paths if "." in path}
    tasks: list[tuple[str, Months]] = []
    in_tasks: dict[str, float] = {}
    for task in baseline.tasks:
        if task.path in summaries or not task.cost:
            continue
        start, finish = datetime.fromisoformat(task.start), datetime.fromisoformat(task.finish)
        by_month = months(phasing.linear_by_day(project, task.cost, start, finish))
        tasks.append((task.path, tuple(by_month.items())))
        for month, amount in by_month.items():
            in_tasks[month] = in_tasks.get(month, 0.0) + amount
    total = dict(baseline.pv)
    other = {m: total.get(m, 0.0) - in_tasks.get(m, 0.0) for m in sorted(set(total) | set(in_tasks))}
    return PlannedValue(
        tuple(tasks),
        tuple((m, amount) for m, amount in other.items() if abs(amount) >= 0.005),
        tuple(sorted(total.items())),
    )
