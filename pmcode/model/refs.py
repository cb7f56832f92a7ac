"""Resolving task references, the one place that decides what `design`, `hypercare.support` or `erp:golive` mean.

Validation reports references that do not resolve; engines resolve them again with the same function.
"""

from __future__ import annotations

from pmcode.model.portfolio import Portfolio, Project
from pmcode.model.types import Task, TaskKey


def scope_of(project: Project, task: Task) -> str:
    """The scope a task's references start from: the path of its parent summary, '' at the project root."""
    return project.parent_of.get(task.path, "")


def resolve_task(portfolio: Portfolio, project: Project, ref: str, scope: str = "") -> TaskKey | None:
    """The task `ref` names, seen from `scope`: first among the children of `scope`, then among the children of each
    enclosing summary up to the project root; `project:path` is a path from another project's root."""
    if ":" in ref:
        project_id, path = ref.split(":", 1)
        other = portfolio.projects.get(project_id)
        return (project_id, path) if other is not None and path in other.by_path else None
    while True:
        candidate = f"{scope}.{ref}" if scope else ref
        if candidate in project.by_path:
            return (project.id, candidate)
        if not scope:
            return None
        scope = project.parent_of.get(scope, "")


def task_of(portfolio: Portfolio, key: TaskKey) -> Task:
    return portfolio.projects[key[0]].by_path[key[1]]
