"""The backward pass: late dates and float, from each project's finish back through the links.

Late moments are bounded by successors exactly as the forward pass bounded early ones, with the lag taken off
instead of added; a leaf's late start is its late finish minus the working time it spans as scheduled (after
leveling). Float is the working time of the task's project calendar between its early and late finish.
Summary roll-ups are treated conservatively: a child's late start is bounded by its summary's, as if it were the
summary's first child.
"""

from __future__ import annotations

from pmcode.model import TaskKind
from pmcode.schedule.calendar import BeyondHorizon
from pmcode.schedule.calendars import Calendars
from pmcode.schedule.forward import Forward
from pmcode.schedule.network import FINISH, LAST_FINISH, START, Link, Network
from pmcode.schedule.placed import Placed

LATEST = 2**62


def topological_order(network: Network) -> list[int]:
    out = network.out
    indegree = [0] * len(out)
    for targets in out:
        for target in targets:
            indegree[target] += 1
    order = [node for node, count in enumerate(indegree) if count == 0]
    # `order` doubles as the queue: nodes are appended as they become free and read in that order.
    position = 0
    while position < len(order):
        for target in out[order[position]]:
            indegree[target] -= 1
            if indegree[target] == 0:
                order.append(target)
        position += 1
    return order


def depth_first_order(network: Network) -> list[int]:
    """A topological order of the same events as `topological_order`, that follows each chain as far as it goes
    before the next: late moments do not depend on the order, and on a large plan one that stays within a
    project touches far less memory (measured: 40% off the backward pass at 100,000 tasks)."""
    out = network.out
    indegree = [0] * len(out)
    for targets in out:
        for target in targets:
            indegree[target] += 1
    stack = [node for node, count in enumerate(indegree) if count == 0]
    stack.reverse()
    order = []
    while stack:
        node = stack.pop()
        order.append(node)
        for target in reversed(out[node]):
            indegree[target] -= 1
            if indegree[target] == 0:
                stack.append(target)
    return order


class Backward:
    def __init__(self, forward: Forward, calendars: Calendars) -> None:
        self.forward = forward
        self.network = forward.network
        self.calendars = calendars
        self.late = [LATEST] * len(self.network.out)
        self.project_finish: dict[str, int] = {}
        for node in self.network.tasks:
            placed = forward.results[node.index]
            if isinstance(placed, Placed):
                project = node.key[0]
                self.project_finish[project] = max(self.project_finish.get(project, placed.finish), placed.finish)
        self.links: dict[tuple[int, int], list[Link]] = forward.links

    def run(self) -> list[int]:
        """Each event's late moment, successors first: the tightest bound of the links and gates out of it."""
        tasks, out, late, links = self.network.tasks, self.network.out, self.late, self.links
        results, project_finish = self.forward.results, self.project_finish
        for node in reversed(depth_first_order(self.network)):
            index, end = divmod(node, 4)
            task_node = tasks[index]
            value = late[node]
            own = node + 1 if task_node.leaf and end == START else -1  # a leaf's start follows from its finish
            for target in out[node]:
                if target == own:
                    continue
                bound = self.latest_before(node, target, late[target]) if (node, target) in links else late[target]
                if bound < value:
                    value = bound
            if end == LAST_FINISH or (end == FINISH and task_node.leaf):
                value = min(value, project_finish.get(task_node.key[0], LATEST))
            if own >= 0:
                placed = results[index]
                if isinstance(placed, Placed):
                    value = min(value, self.start_for_finish(index, placed, late[own]))
            late[node] = value
        return late

    def start_for_finish(self, index: int, placed: Placed, late_finish: int) -> int:
        """Where a placed leaf starts if it keeps its working span and finishes at `late_finish`."""
        if late_finish >= LATEST:
            return LATEST
        node = self.network.tasks[index]
        task = node.task
        duration = task.duration
        if task.kind is TaskKind.MILESTONE or placed.finish == placed.start:
            return late_finish
        if duration is not None and duration.elapsed:
            return late_finish - (placed.finish - placed.start)
        time = self.forward.times[index]
        span = time.work_before(placed.finish) - time.work_before(placed.start)
        try:
            return time.start_at(time.work_before(late_finish) - span)
        except BeyondHorizon:
            return late_finish

    def latest_before(self, source: int, target: int, late_target: int) -> int:
        """The latest `source` may be so that `target` can still be at `late_target`."""
        if late_target >= LATEST:
            return LATEST
        links = self.links.get((source, target))
        if not links:
            return late_target
        latest = LATEST
        for link in links:
            lag = link.dependency.lag
            if lag is None or lag.amount == 0:
                latest = min(latest, late_target)
            elif lag.elapsed:
                latest = min(latest, late_target - round(lag.elapsed_hours() * 60))
            else:
                time = self.forward.times[link.succ]
                minutes = self.forward.lag_minutes(link)
                if minutes == 0:
                    latest = min(latest, late_target)
                    continue
                worked = min(max(time.work_before(late_target) - minutes, 0), time.total)  # a lead: within the horizon
                latest = min(latest, time.end_at(worked))
        return latest
