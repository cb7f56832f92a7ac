"""The plan as a graph of events: what must happen before what. Shared by validation (cycles) and the scheduler.

Each task i owns four node numbers, 4i to 4i+3. A leaf task uses two: its start (4i) and its finish (4i+1),
joined by its own duration. A summary uses all four: a start gate (4i) and a finish gate (4i+1) that links into
the summary pass down to every child, and the roll-ups of its children's earliest start (4i+2) and latest finish
(4i+3) that links out of the summary leave from. So a link to a summary applies to all its children, a link
from a summary waits for all of them, and the graph stays linear in tasks + links.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pmcode.model import Dependency, LinkType, Portfolio, Project, Task, TaskKey, TaskKind
from pmcode.model.refs import resolve_task, scope_of

START, FINISH, FIRST_START, LAST_FINISH = 0, 1, 2, 3  # node offsets of a task
_PRED_END = {LinkType.FS: FINISH, LinkType.SS: START, LinkType.FF: FINISH, LinkType.SF: START}
_SUCC_END = {LinkType.FS: START, LinkType.SS: START, LinkType.FF: FINISH, LinkType.SF: FINISH}


@dataclass(slots=True)
class TaskNode:
    index: int
    key: TaskKey
    task: Task
    project: Project
    parent: int  # -1 at the project root
    leaf: bool
    children: list[int] = field(default_factory=list)
    priority: int = 500  # effective: inherited from the nearest summary that sets one


@dataclass(slots=True)
class Link:
    """A declared dependency, resolved: `pred` and `succ` are task indexes."""

    pred: int
    succ: int
    type: LinkType
    dependency: Dependency
    source: int  # node the link leaves from
    target: int  # node it arrives at


class Network:
    def __init__(self, portfolio: Portfolio) -> None:
        self.tasks: list[TaskNode] = []
        self.index: dict[TaskKey, int] = {}
        for project in portfolio.projects.values():
            for task in project.tasks:
                self._add(project, task, -1)
        self.out: list[list[int]] = [[] for _ in range(4 * len(self.tasks))]  # node -> target nodes
        self.links: list[Link] = []
        self.links_into: list[list[Link]] = [[] for _ in self.tasks]
        self.links_from: list[list[Link]] = [[] for _ in self.tasks]
        self.self_links: list[Link] = []
        self.family_links: list[Link] = []  # between a task and its own summary or descendant
        for node in self.tasks:
            self._structure(node)
        for node in self.tasks:
            scope = scope_of(node.project, node.task)
            for dependency in node.task.depends:
                target = resolve_task(portfolio, node.project, dependency.ref, scope)
                if target is not None and target in self.index:
                    self._link(self.index[target], node.index, dependency)

    def _add(self, project: Project, task: Task, parent: int) -> None:
        key = (project.id, task.path)
        if key in self.index:  # a duplicate path (PM201): only the first declaration takes part
            return
        index = len(self.tasks)
        node = TaskNode(index, key, task, project, parent, task.kind is not TaskKind.SUMMARY)
        if parent >= 0:
            self.tasks[parent].children.append(index)
        inherited = self.tasks[parent].priority if parent >= 0 else 500
        node.priority = task.priority if task.src.has("priority") else inherited
        self.tasks.append(node)
        self.index[key] = index
        for child in task.children:
            self._add(project, child, index)

    def in_node(self, index: int, end: int) -> int:
        """The node a link arriving at this task's start or finish goes to."""
        return 4 * index + end

    def out_node(self, index: int, end: int) -> int:
        """The node a link leaving this task's start or finish comes from."""
        return 4 * index + (end if self.tasks[index].leaf else end + 2)

    def _structure(self, node: TaskNode) -> None:
        base = 4 * node.index
        if node.leaf:
            self.out[base + START].append(base + FINISH)
            return
        for child in node.children:
            self.out[base + START].append(self.in_node(child, START))
            self.out[base + FINISH].append(self.in_node(child, FINISH))
            self.out[self.out_node(child, START)].append(base + FIRST_START)
            self.out[self.out_node(child, FINISH)].append(base + LAST_FINISH)

    def is_ancestor(self, ancestor: int, index: int) -> bool:
        (project, path), (other, below) = self.tasks[ancestor].key, self.tasks[index].key
        return project == other and below.startswith(path + ".")

    def _link(self, pred: int, succ: int, dependency: Dependency) -> None:
        source = self.out_node(pred, _PRED_END[dependency.type])
        target = self.in_node(succ, _SUCC_END[dependency.type])
        link = Link(pred, succ, dependency.type, dependency, source, target)
        if pred == succ:
            self.self_links.append(link)
        elif self.is_ancestor(pred, succ) or self.is_ancestor(succ, pred):
            self.family_links.append(link)
        else:
            self.out[source].append(target)
            self.links.append(link)
            self.links_into[succ].append(link)
            self.links_from[pred].append(link)
