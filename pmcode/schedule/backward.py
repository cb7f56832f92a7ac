"""The backward pass: late dates and float, from each project's finish back through the links.

Late moments are bounded by successors exactly as the forward pass bounded early ones, with the lag taken off
instead of added; a leaf's late start is its late finish minus the working time it spans as scheduled (after
leveling). Float is the working time of the task's project calendar between its early and late finish.
Summary roll-ups are treated conservatively: a child's late start is bounded by its summary's, as if it were the
summary's first child.
"""

from __future__ import annotations

from collections import deque

from pmcode.model import TaskKind
from pmcode.schedule.calendar import BeyondHorizon
from pmcode.schedule.calendars import Calendars
from pmcode.schedule.forward import Forward
from pmcode.schedule.network import FINISH, LAST_FINISH, START, Link, Network
from pmcode.schedule.placed import Placed

LATEST = 2**62


def topological_order(network: Network) -> list[int]:
    count = len(network.out)
    indegree = [0] * count
    for targets in network.out:
        for target in targets:
            indegree[target] += 1
    queue = deque(node for node in range(count) if indegree[node] == 0)
    order = []
    while queue:
        node = queue.popleft()
        order.append(node)
        for target in network.out[node]:
            indegree[target] -= 1
            if indegree[target] == 0:
                queue.append(target)
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
        for node in reversed(topological_order(self.network)):
            self._settle(node)
        return self.late

    def _settle(self, node: int) -> None:
        index, end = divmod(node, 4)
        task_node = self.network.tasks[index]
        late = self.late[node]
        for target in self.network.out[node]:
            if task_node.leaf and end == START and target == node + 1:
                continue  # a leaf's start follows from its finish, below
            late = min(late, self._bound(node, target))
        if end in (FINISH, LAST_FINISH) and (task_node.leaf or end == LAST_FINISH):
            late = min(late, self.project_finish.get(task_node.key[0], LATEST))
        placed = self.forward.results[index]
        if task_node.leaf and end == START and isinstance(placed, Placed):
            late = min(late, self._late_start(index, placed))
        self.late[node] = late

    def _late_start(self, index: int, placed: Placed) -> int:
        return self.start_for_finish(index, placed, self.late[4 * index + FINISH])

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
        time = self.calendars.project(node.project)
        span = time.working_between(placed.start, placed.finish)
        try:
            return time.start_at(time.work_before(late_finish) - span)
        except BeyondHorizon:
            return late_finish

    def _bound(self, source: int, target: int) -> int:
        """The latest `source` may be so that `target` can still be at its late moment."""
        return self.latest_before(source, target, self.late[target])

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
                succ = self.network.tasks[link.succ]
                time = self.calendars.project(succ.project)
                minutes = self.forward.lag_minutes(link)
                if minutes == 0:
                    latest = min(latest, late_target)
                    continue
                worked = min(max(time.work_before(late_target) - minutes, 0), time.total)  # a lead: within the horizon
                latest = min(latest, time.end_at(worked))
        return latest
