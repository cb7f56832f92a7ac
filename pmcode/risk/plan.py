"""The deterministic schedule as the simulation sees it: the scheduler's event network (pmcode.schedule.network),
in topological order, with every date as W, the working minutes of the task's project calendar.

Each leaf task gets its deterministic start and duration in W and one of three roles, found by replaying the
deterministic schedule through the same propagation the simulation uses:
- linked: its start is the latest of its links' bounds, its `start:` constraints and the project start (the
  classic forward pass);
- floored: the plan starts it later than any of those (resource leveling delayed it, it is ALAP, or a status
  date holds it): that deterministic start stays its earliest start, so leveling is held fixed as planned;
- pinned: the plan starts it earlier than its links allow (`must_start_on`, `must_finish_on`), or it has
  actual progress, or it cannot be scheduled: it keeps its deterministic dates in every iteration.
So with zero-width ranges every iteration reproduces the deterministic schedule, minute for minute.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from pmcode.model import Portfolio
from pmcode.risk.timeaxis import WorkAxis
from pmcode.schedule import Schedule
from pmcode.schedule.calendars import Calendars
from pmcode.schedule.network import FINISH, FIRST_START, LAST_FINISH, START, Link, Network
from pmcode.schedule.tracking import Tracking

NO_BOUND = float("-inf")
LEAF, GATE, FIRST, LAST = "leaf", "gate", "first", "last"


@dataclass(slots=True)
class Edge:
    """What one event passes to another: a link's bound (`link` set), a summary gate's bound, or a roll-up."""

    source: int
    target: int
    link: Link | None = None
    lag: float = 0.0  # working minutes of the target's calendar
    elapsed: float = 0.0  # elapsed minutes
    percent: float = 0.0  # of the predecessor's working span
    convert: bool = False  # source and target count W in different calendars


@dataclass(slots=True)
class Unit:
    kind: str  # LEAF: both events of a leaf; GATE, FIRST, LAST: one event of a summary
    task: int
    node: int


@dataclass
class Plan:
    network: Network
    axes: list[WorkAxis]  # each task's project calendar as an axis
    units: list[Unit]  # topological order
    into: list[list[Edge]]  # per event node
    start: list[float]  # per task: deterministic start in W (leaves; NO_BOUND when it has no dates)
    duration: list[float]  # per task: deterministic working span in W (leaves)
    floor: list[float]  # per task: earliest start in W
    pinned: list[bool]
    placed: list[bool]
    project_start: dict[str, float] = field(default_factory=dict)
    finish: dict[str, float] = field(default_factory=dict)  # deterministic project finish in W


def _moment(calendars: Calendars, when: datetime | None) -> int | None:
    return None if when is None else calendars.base.moment(when)


def build_plan(portfolio: Portfolio, network: Network, schedule: Schedule, calendars: Calendars) -> Plan:
    times = calendars.of_tasks(network.tasks)
    shared: dict[int, WorkAxis] = {}
    axes = []
    for time in times:
        if id(time) not in shared:
            shared[id(time)] = WorkAxis(time)
        axes.append(shared[id(time)])
    count = len(network.tasks)
    start, duration = [NO_BOUND] * count, [0.0] * count
    placed, pinned = [False] * count, [False] * count
    tracking = Tracking(portfolio, network)
    rows = {(p.id, t.path): t for p in schedule.projects for t in p.tasks}
    plan_floor = [NO_BOUND] * count
    for node in network.tasks:
        row = rows.get(node.key)
        time = times[node.index]
        begin = _moment(calendars, row.start if row is not None else None)
        end = _moment(calendars, row.finish if row is not None else None)
        if begin is not None and end is not None:  # a summary's span: for percentage lags from it
            placed[node.index] = node.leaf
            start[node.index] = float(time.work_before(begin))
            duration[node.index] = float(time.work_before(end) - time.work_before(begin))
        task = node.task
        track = tracking.of(node.index) if tracking.tasks else None
        if node.leaf and (
            not placed[node.index]
            or task.must_start_on is not None
            or task.must_finish_on is not None
            or (track is not None and (track.started or track.finished))
        ):
            pinned[node.index] = True
        floor = calendars.base.moment(node.project.start)
        ancestor = node.index
        while ancestor >= 0:  # `start:` on the task or any summary above it
            written = network.tasks[ancestor].task.start
            if written is not None:
                floor = max(floor, calendars.base.moment(written.when))
            ancestor = network.tasks[ancestor].parent
        plan_floor[node.index] = float(time.work_before(floor))
    edges = _edges(network, calendars, axes)
    plan = Plan(network, axes, _order(network), edges, start, duration, plan_floor, pinned, placed)
    for project in schedule.projects:
        if project.finish is not None:
            index = network.index[(project.id, project.tasks[0].path)] if project.tasks else None
            if index is not None:
                plan.finish[project.id] = float(times[index].work_before(calendars.base.moment(project.finish)))
    return plan


def _order(network: Network) -> list[Unit]:
    """Units in topological order (Kahn): a leaf's two events are one unit, as in the forward pass."""
    tasks = network.tasks

    def unit_of(node: int) -> int:
        index = node // 4
        return 4 * index if tasks[index].leaf else node

    pending: dict[int, int] = {}
    out: dict[int, list[int]] = {}
    for source, targets in enumerate(network.out):
        for target in targets:
            a, b = unit_of(source), unit_of(target)
            if a == b:
                continue
            out.setdefault(a, []).append(b)
            pending[b] = pending.get(b, 0) + 1
    units = [4 * t.index for t in tasks if t.leaf]
    units += [4 * t.index + end for t in tasks if not t.leaf for end in (START, FINISH, FIRST_START, LAST_FINISH)]
    ready = sorted(u for u in units if pending.get(u, 0) == 0)
    order: list[Unit] = []
    while ready:
        unit = ready.pop()
        index, end = divmod(unit, 4)
        kind = LEAF if tasks[index].leaf else {START: GATE, FINISH: GATE, FIRST_START: FIRST, LAST_FINISH: LAST}[end]
        order.append(Unit(kind, index, unit))
        for target in out.get(unit, ()):
            pending[target] -= 1
            if pending[target] == 0:
                ready.append(target)
    return order  # units in a cycle never become ready: validation reports it, and their tasks are unscheduled


def _edges(network: Network, calendars: Calendars, axes: list[WorkAxis]) -> list[list[Edge]]:
    tasks = network.tasks
    into: list[list[Edge]] = [[] for _ in range(4 * len(tasks))]
    links: dict[tuple[int, int], list[Link]] = {}
    for link in network.links:
        links.setdefault((link.source, link.target), []).append(link)
    for source, targets in enumerate(network.out):
        for target in targets:
            s_index, t_index = source // 4, target // 4
            if s_index == t_index:
                continue  # a leaf's own start -> finish
            found = links.get((source, target))
            if not found:
                into[target].append(Edge(source, target))
                continue
            for link in found:
                edge = Edge(source, target, link, convert=axes[s_index] is not axes[t_index])
                lag = link.dependency.lag
                if lag is not None and lag.amount != 0:
                    if lag.is_percent:
                        edge.percent = lag.amount
                    elif lag.elapsed:
                        edge.elapsed = float(round(lag.elapsed_hours() * 60))
                    else:
                        hours = calendars.hours_per_day(calendars.project_calendar_id(tasks[link.succ].project))
                        edge.lag = float(round(lag.working_hours(hours) * 60))
                into[target].append(edge)
    return into
