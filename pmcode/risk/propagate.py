"""The forward pass over all iterations at once, and the criticality pass back along the driving links.

Every event's value is an array of W (working minutes of its task's project calendar), one entry per iteration,
or a plain float where it does not vary. The units are visited once in topological order, each a few numpy
operations over the iterations: no Python loop per iteration.

A link's bound follows the scheduler (pmcode.schedule.forward.Forward._link_bound): a working-time lag adds its
minutes in W, a percentage lag a share of the predecessor's sampled span, an elapsed lag is added to the moment
itself (converted with the calendar), and a link between projects on different calendars converts through the
moment too: a start event at the moment its working minute begins, any other at the moment its last one ends.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from pmcode.risk.plan import FIRST, GATE, LAST, LEAF, NO_BOUND, Edge, Plan
from pmcode.schedule.network import FINISH, FIRST_START, START

Array = npt.NDArray[np.float64]
Value = Array | float
Flags = npt.NDArray[np.bool_]


def _is_finite(value: Value) -> bool:
    return not isinstance(value, float) or value != NO_BOUND


def contribution(plan: Plan, edge: Edge, values: Sequence[Value], durations: Sequence[Value]) -> Value:
    """The bound an edge puts on its target event, from its source event's value."""
    value = values[edge.source]
    link = edge.link
    if link is None or not _is_finite(value):
        return value
    if edge.convert or edge.elapsed:
        source, target = plan.axes[edge.source // 4], plan.axes[edge.target // 4]
        worked = np.rint(np.atleast_1d(np.asarray(value, dtype=np.float64))).astype(np.int64)
        starts = edge.source % 4 in (START, FIRST_START)
        moment = source.start_at(worked) if starts else source.end_at(worked)
        converted = target.work_before(moment + int(edge.elapsed)).astype(np.float64)
        value = converted if isinstance(values[edge.source], np.ndarray) else float(converted[0])
    if edge.lag:
        value = value + edge.lag
        if edge.lag < 0:
            value = np.maximum(value, 0.0)
    if edge.percent:
        pred = link.pred
        span = durations[pred] if plan.network.tasks[pred].leaf else plan.duration[pred]
        value = value + np.rint(np.asarray(span) * edge.percent / 100)
    return value


def _bound(plan: Plan, node: int, values: Sequence[Value], durations: Sequence[Value], pick: str = "max") -> Value:
    found: Value | None = None
    for edge in plan.into[node]:
        value = contribution(plan, edge, values, durations)
        if found is None:
            found = value
        elif pick == "max":
            found = np.maximum(found, value)
        else:
            found = np.minimum(found, value)
    return NO_BOUND if found is None else found


def forward(plan: Plan, durations: Sequence[Value], *, replay: bool = False) -> list[Value]:
    """Every event's value. `durations`: each task's span in W (an array where sampled, else a float).
    With `replay` (durations as planned), each leaf's role is decided instead (see pmcode.risk.plan) and its
    deterministic dates kept."""
    values: list[Value] = [NO_BOUND] * (4 * len(plan.network.tasks))
    for unit in plan.units:
        index, node = unit.task, unit.node
        if unit.kind == LEAF:
            duration = durations[index]
            if plan.pinned[index]:
                start: Value = plan.start[index]
                duration = plan.duration[index]
            else:
                start = plan.floor[index]
                before = _bound(plan, node + START, values, durations)
                if _is_finite(before):
                    start = np.maximum(start, before)
                after = _bound(plan, node + FINISH, values, durations)
                if _is_finite(after):
                    start = np.maximum(start, after - duration)
                if replay:
                    start = _role(plan, index, float(np.max(start)))
            values[node + START] = start
            values[node + FINISH] = start + duration
        elif unit.kind == GATE:
            values[node] = _bound(plan, node, values, durations)
        else:
            values[node] = _bound(plan, node, values, durations, "min" if unit.kind == FIRST else "max")
    return values


def _role(plan: Plan, index: int, bound: float) -> float:
    planned = plan.start[index]
    if planned > bound:
        plan.floor[index] = planned  # held back in the plan (leveling, ALAP, status date): kept as its earliest start
    elif planned < bound:
        plan.pinned[index] = True  # started earlier than its links allow (a hard constraint): its dates are kept
    return planned


def critical(plan: Plan, values: Sequence[Value], durations: Sequence[Value], seeds: dict[int, Flags]) -> list[Flags]:
    """Per leaf task, in which iterations it drives its project's finish: from `seeds` (leaf -> iterations in which
    it finishes its project), back along the bounds that are binding (equal to what they bound), ties included."""
    iterations = next(iter(seeds.values())).shape[0] if seeds else 0
    none = np.zeros(iterations, dtype=bool)
    flags: list[Flags | None] = [None] * len(values)
    for task, seed in seeds.items():
        flags[4 * task + FINISH] = seed

    def mark(node: int, where: Flags) -> None:
        current = flags[node]
        flags[node] = where if current is None else current | where

    result: list[Flags] = [none] * len(plan.network.tasks)
    for unit in reversed(plan.units):
        index, node = unit.task, unit.node
        if unit.kind == LEAF:
            ends = [f for f in (flags[node + START], flags[node + FINISH]) if f is not None]
            if not ends:
                continue
            drives = ends[0] | ends[1] if len(ends) == 2 else ends[0]
            result[index] = drives
            if plan.pinned[index]:
                continue
            start = values[node + START]
            for edge in plan.into[node + START]:
                mark(edge.source, drives & (contribution(plan, edge, values, durations) == start))
            duration = durations[index]
            for edge in plan.into[node + FINISH]:
                mark(edge.source, drives & (contribution(plan, edge, values, durations) - duration == start))
        else:
            drives_node = flags[node]
            if drives_node is None or unit.kind not in (GATE, FIRST, LAST):
                continue
            value = values[node]
            for edge in plan.into[node]:
                mark(edge.source, drives_node & (contribution(plan, edge, values, durations) == value))
    return result
