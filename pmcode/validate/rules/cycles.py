"""PM207: dependency cycles, named in full.

Each task is two events, its start and its finish, so that the four link types are exact: `B SS A` only ties the
starts, and a loop of links that can all be satisfied (A FF B with B SS A) is not a cycle. A summary's start
precedes its children's starts and its finish follows theirs, so a task that depends on its own summary is found
as the cycle it is. Linear in tasks + links (Tarjan's algorithm, iterative).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from itertools import pairwise

from pmcode.diagnostics import Diagnostic
from pmcode.model import Dependency, LinkType, Portfolio, TaskKey
from pmcode.model.refs import resolve_task, scope_of

_ENDS = {
    LinkType.FS: (1, 0),
    LinkType.SS: (0, 0),
    LinkType.FF: (1, 1),
    LinkType.SF: (0, 1),
}  # (pred, succ) 0=start


class _Graph:
    def __init__(self, portfolio: Portfolio) -> None:
        self.keys: list[TaskKey] = []
        index: dict[TaskKey, int] = {}
        for project in portfolio.projects.values():
            for task in project.walk():
                key = (project.id, task.path)
                if key not in index:  # a duplicate path is a PM201 finding; it shares the first one's events
                    index[key] = len(self.keys)
                    self.keys.append(key)
        self.index = index
        self.edges: list[list[int]] = [[] for _ in range(2 * len(self.keys))]
        self.declared: dict[tuple[int, int], Dependency] = {}
        self.self_links: list[tuple[TaskKey, Dependency]] = []
        for project in portfolio.projects.values():
            for task in project.walk():
                if project.by_path[task.path] is not task:
                    continue  # a duplicate id (PM201) would lend its links to the first task: loops that are not there
                me = index[(project.id, task.path)]
                self.edges[2 * me].append(2 * me + 1)
                for child in task.children:
                    other = index[(project.id, child.path)]
                    self.edges[2 * me].append(2 * other)
                    self.edges[2 * other + 1].append(2 * me + 1)
                for dependency in task.depends:
                    target = resolve_task(portfolio, project, dependency.ref, scope_of(project, task))
                    if target is None:
                        continue
                    if target == (project.id, task.path):  # meaningless whatever its type: MS Project refuses it too
                        self.self_links.append((target, dependency))
                        continue
                    pred_end, succ_end = _ENDS[dependency.type]
                    edge = (2 * index[target] + pred_end, 2 * me + succ_end)
                    self.edges[edge[0]].append(edge[1])
                    self.declared.setdefault(edge, dependency)

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


def cycles(portfolio: Portfolio) -> Iterator[Diagnostic]:
    graph = _Graph(portfolio)
    for key, dependency in graph.self_links:
        message = f"dependency cycle: {key[1]} -> {key[1]} (a task cannot depend on itself)"
        yield Diagnostic.at(dependency.src.at(), "PM207", message)
    for component in graph.components():
        nodes = graph.cycle_through(component)
        tasks: list[int] = []
        for node in nodes:
            if not tasks or tasks[-1] != node // 2:
                tasks.append(node // 2)
        keys = [graph.keys[t] for t in tasks]
        projects = {key[0] for key in keys}
        names = " -> ".join(_label(key, projects) for key in keys)
        # Structural edges alone form no cycle, so the loop always contains a declared link to point at.
        dependency = next(graph.declared[e] for e in pairwise(nodes) if e in graph.declared)
        hint = "each task waits for the one before it"
        if any(b[0] == a[0] and b[1].startswith(a[1] + ".") for a in keys for b in keys):
            hint += "; a task cannot depend on its own summary, nor a summary on its own tasks"
        yield Diagnostic.at(dependency.src.at(), "PM207", f"dependency cycle: {names} ({hint})")
