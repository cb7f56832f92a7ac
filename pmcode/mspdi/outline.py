"""The MS Project task list as a tree: outline levels to parents and children, ids unique among siblings, and
references from one task to another that pmcode resolves back to the same task."""

from __future__ import annotations

from dataclasses import dataclass, field

from pmcode.mspdi.findings import Findings
from pmcode.mspdi.slugs import Slugs
from pmcode.mspdi.source import MsTask
from pmcode.text import quote


@dataclass(slots=True)
class Node:
    task: MsTask
    parent: Node | None
    children: list[Node] = field(default_factory=list)
    id: str = ""
    path: str = ""

    @property
    def scope(self) -> str:
        return self.parent.path if self.parent is not None else ""


def build_outline(tasks: list[MsTask], findings: Findings) -> list[Node]:
    """The top-level nodes. Skipped: the project summary (outline level 0), blank rows, inactive tasks and
    external tasks, with their subtrees."""
    roots: list[Node] = []
    stack: list[Node] = []
    skip_below: int | None = None
    for task in sorted(tasks, key=lambda t: t.id):
        if task.null or task.outline_level <= 0:
            continue
        level = task.outline_level
        if skip_below is not None and level > skip_below:
            continue
        skip_below = None
        if not task.active or task.external:
            what = "inactive" if not task.active else "an external task (from another project)"
            findings.add(task.line, "PM401", f"task {quote(task.name)} is {what}: not imported, nor anything below it")
            skip_below = level
            continue
        while stack and stack[-1].task.outline_level >= level:
            stack.pop()
        parent = stack[-1] if stack else None
        node = Node(task, parent)
        (parent.children if parent is not None else roots).append(node)
        stack.append(node)
    _name(roots, "")
    return roots


def _name(nodes: list[Node], parent_path: str) -> None:
    slugs = Slugs()
    for node in nodes:
        node.id = slugs.unique(node.task.name, f"t{node.task.uid}")
        node.path = f"{parent_path}.{node.id}" if parent_path else node.id
        _name(node.children, node.path)


def walk(nodes: list[Node]) -> list[Node]:
    """Every node, depth first, in file order."""
    result: list[Node] = []
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        result.append(node)
        stack.extend(reversed(node.children))
    return result


class References:
    """The shortest text that pmcode resolves, from a task's scope, to a given task (see pmcode.model.refs)."""

    def __init__(self, nodes: list[Node], project_id: str) -> None:
        self.paths = {node.path for node in walk(nodes)}
        self.project_id = project_id

    def _parent(self, path: str) -> str:
        return path.rsplit(".", 1)[0] if "." in path else ""

    def _resolve(self, ref: str, scope: str) -> str | None:
        while True:
            candidate = f"{scope}.{ref}" if scope else ref
            if candidate in self.paths:
                return candidate
            if not scope:
                return None
            scope = self._parent(scope)

    def to(self, path: str, scope: str) -> str:
        parts = path.split(".")
        for first in range(len(parts) - 1, -1, -1):
            candidate = ".".join(parts[first:])
            if self._resolve(candidate, scope) == path:
                return candidate
        return f"{self.project_id}:{path}"
