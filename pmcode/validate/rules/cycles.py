"""PM207: dependency cycles, named in full, and links that can never hold.

The check runs on the scheduler's own event graph (pmcode.schedule.network), so "validates" and "can be
scheduled" mean the same thing: each task's start and finish are separate events, so the four link types are
exact (A FF B with B SS A is no cycle), and a link to a summary reaches all its children. A link from a task to
itself, or between a task and its own summary, is refused whatever its type, as MS Project does. Linear in tasks
+ links: Kahn's algorithm says whether there is a cycle at all, and only then Tarjan's (iterative) finds them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from itertools import pairwise

from pmcode.diagnostics import Diagnostic
from pmcode.model import TaskKey
from pmcode.schedule.network import Link, Network


class _Graph:
    def __init__(self, network: Network) -> None:
        self.edges = network.out

    def acyclic(self) -> bool:
        """Whether the graph has no cycle (Kahn's algorithm): a few times cheaper than finding the components, which
        only a plan with a cycle then needs."""
        indegree = [0] * len(self.edges)
        for targets in self.edges:
            for target in targets:
                indegree[target] += 1
        ready = [node for node, count in enumerate(indegree) if not count]
        done = 0
        while ready:
            node = ready.pop()
            done += 1
            for target in self.edges[node]:
                indegree[target] -= 1
                if not indegree[target]:
                    ready.append(target)
        return done == len(self.edges)

    def components(self) -> Iterator[list[int]]:
        """Strongly connected components that contain a cycle (Tarjan, without recursion)."""
        count = len(self.edges)
        order = [-1] * count
        low = [0] * count
        on_stack = [False] * count
        stack: list[int] = []
        counter = 0
        for root in range(count):
            if order[root] != -1:
                continue
            work = [(root, 0)]
            order[root] = low[root] = counter
            counter += 1
            stack.append(root)
            on_stack[root] = True
            while work:
                node, position = work[-1]
                if position < len(self.edges[node]):
                    work[-1] = (node, position + 1)
                    nxt = self.edges[node][position]
                    if order[nxt] == -1:
                        order[nxt] = low[nxt] = counter
                        counter += 1
                        stack.append(nxt)
                        on_stack[nxt] = True
                        work.append((nxt, 0))
                    elif on_stack[nxt]:
                        low[node] = min(low[node], order[nxt])
                    continue
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == order[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack[member] = False
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1 or node in self.edges[node]:
                        yield component

    def cycle_through(self, component: list[int]) -> list[int]:
        """A shortest cycle through the component's first node, as a closed list of nodes."""
        members = set(component)
        start = min(component)
        previous: dict[int, int] = {}
        queue = deque([start])
        while queue:
            node = queue.popleft()
            for nxt in self.edges[node]:
                if nxt == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [*reversed(path), start]
                if nxt in members and nxt not in previous:
                    previous[nxt] = node
                    queue.append(nxt)
        return [start, start]  # pragma: no cover - a component with a cycle always closes


def _label(key: TaskKey, projects: set[str]) -> str:
    return key[1] if len(projects) == 1 else f"{key[0]}:{key[1]}"


def _cycle_finding(network: Network, graph: _Graph, component: list[int]) -> Diagnostic:
    nodes = graph.cycle_through(component)
    tasks: list[int] = []
    for node in nodes:
        if not tasks or tasks[-1] != node // 4:
            tasks.append(node // 4)
    keys = [network.tasks[t].key for t in tasks]
    projects = {key[0] for key in keys}
    names = " -> ".join(_label(key, projects) for key in keys)
    declared = {(link.source, link.target): link for link in network.links}
    # Structure alone (summaries and their children) has no cycle, so the loop holds a declared link to point at.
    link = next(declared[edge] for edge in pairwise(nodes) if edge in declared)
    message = f"dependency cycle: {names} (each task waits for the one before it)"
    return Diagnostic.at(link.dependency.src.at(), "PM207", message)


def _refused(network: Network, link: Link, why: str) -> Diagnostic:
    pred, succ = network.tasks[link.pred].key[1], network.tasks[link.succ].key[1]
    return Diagnostic.at(link.dependency.src.at(), "PM207", f"dependency cycle: {pred} -> {succ} ({why})")


def cycles(network: Network) -> Iterator[Diagnostic]:
    for link in network.self_links:
        yield _refused(network, link, "a task cannot depend on itself")
    for link in network.family_links:
        yield _refused(network, link, "a task cannot depend on its own summary, nor a summary on its own tasks")
    graph = _Graph(network)
    if graph.acyclic():
        return
    for component in graph.components():
        yield _cycle_finding(network, graph, component)
