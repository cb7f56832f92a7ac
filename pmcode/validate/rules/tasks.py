"""PM208, PM209, PM218: each task is exactly one kind, and carries only what that kind allows."""

from __future__ import annotations

from collections.abc import Iterator

from pmcode.diagnostics import Diagnostic
from pmcode.model import Portfolio, Task, TaskKind

_KIND_KEYS = ("duration", "effort", "milestone", "tasks")
_NOT_ALLOWED = {
    TaskKind.SUMMARY: ("assign", "alap", "must_start_on", "must_finish_on"),
    TaskKind.MILESTONE: ("assign",),
}


def _declared_kinds(task: Task) -> list[str]:
    kinds = []
    if task.duration is not None:
        kinds.append("duration")
    if task.effort is not None:
        kinds.append("effort")
    if task.src.raw("milestone") is True:
        kinds.append("milestone")
    if task.children:
        kinds.append("tasks")
    return kinds


def _kind_finding(task: Task) -> Diagnostic | None:
    kinds = _declared_kinds(task)
    if len(kinds) == 1:
        return None
    if not kinds:
        message = f"task '{task.path}' needs one of: duration, effort, milestone: true, or child tasks"
        return Diagnostic.at(task.src.at("id"), "PM208", message)
    words = ", ".join("child tasks" if k == "tasks" else k for k in kinds)
    hint = "; a summary takes its dates from its children" if "tasks" in kinds else ""
    message = f"task '{task.path}' must be one kind of task but has {words}{hint}"
    return Diagnostic.at(task.src.at(kinds[1], key=True), "PM208", message)


def task_kinds(portfolio: Portfolio) -> Iterator[Diagnostic]:
    for project in portfolio.projects.values():
        for task in project.walk():
            finding = _kind_finding(task)
            if finding is not None:
                yield finding
                continue
            if task.kind is TaskKind.EFFORT and not task.assign:
                yield Diagnostic.at(
                    task.src.at("effort", key=True),
                    "PM209",
                    f"task '{task.path}' has effort but nobody in assign: effort is work somebody does",
                )
            for key in _NOT_ALLOWED.get(task.kind, ()):
                if task.src.has(key):
                    yield Diagnostic.at(
                        task.src.at(key, key=True),
                        "PM218",
                        f"'{key}' is not allowed on a {task.kind.value} task ('{task.path}')",
                    )
