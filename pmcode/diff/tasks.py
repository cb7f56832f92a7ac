"""Matching one project's tasks across two revisions, and what changed in each.

A task is matched by its dotted path first. A task left over on both sides with the same id (the last part of
its path) is the same task under a new parent: re-parented. Ties (two left-over tasks with one id) stay added and
removed rather than be guessed. Fields are compared as written (`5d`, `[design]`): the diff shows what the
reviewer reads in the YAML.
"""

from __future__ import annotations

from collections import defaultdict

from pmcode.diff.result import FieldChange, TaskChange
from pmcode.model import Project, Task
from pmcode.model.types import Moment

Pairs = list[tuple[Task, Task]]


def match_tasks(before: Project | None, after: Project | None) -> tuple[Pairs, list[Task], list[Task]]:
    """(matched pairs in side B's order, removed tasks in side A's order, added tasks in side B's order)."""
    old = list(before.walk()) if before is not None else []
    new = list(after.walk()) if after is not None else []
    old_paths = {t.path: t for t in old}
    new_paths = {t.path for t in new}
    by_path = {t.path: old_paths[t.path] for t in new if t.path in old_paths}
    left_old: dict[str, list[Task]] = defaultdict(list)
    for task in old:
        if task.path not in new_paths:
            left_old[task.id].append(task)
    left_new: dict[str, list[Task]] = defaultdict(list)
    for task in new:
        if task.path not in by_path:
            left_new[task.id].append(task)
    moved: dict[str, Task] = {}  # side B path -> side A task
    for task_id, news in left_new.items():
        olds = left_old.get(task_id, [])
        if len(news) == 1 and len(olds) == 1:
            moved[news[0].path] = olds[0]
    pairs = [(by_path.get(t.path) or moved[t.path], t) for t in new if t.path in by_path or t.path in moved]
    reparented = {a.path for a in moved.values()}
    removed = [t for t in old if t.path not in new_paths and t.path not in reparented]
    added = [t for t in new if t.path not in by_path and t.path not in moved]
    return pairs, removed, added


def _moment(moment: Moment | None) -> str:
    if moment is None:
        return ""
    return moment.day.isoformat() if moment.whole_day else moment.when.isoformat(timespec="minutes")


def _depends(task: Task) -> str:
    parts = []
    for link in task.depends:
        text = link.ref
        if link.type.value != "FS" or link.lag is not None:
            text += f" {link.type.value}"
        if link.lag is not None:
            text += f" {'+' if link.lag.amount >= 0 else ''}{link.lag}"
        parts.append(text)
    return ", ".join(sorted(parts))


def _assign(task: Task) -> str:
    parts = [a.person if a.units is None else f"{a.person} {a.units * 100:g}%" for a in task.assign]
    return ", ".join(sorted(parts))


def _parent(path: str) -> str:
    return path.rsplit(".", 1)[0] if "." in path else ""


def _fields(task: Task) -> dict[str, str]:
    return {
        "name": task.name,
        "kind": task.kind.value,
        "duration": "" if task.duration is None else str(task.duration),
        "effort": "" if task.effort is None else str(task.effort),
        "depends": _depends(task),
        "assign": _assign(task),
        "start": _moment(task.start),
        "deadline": "" if task.deadline is None else task.deadline.isoformat(),
        "cost": "" if task.cost is None else f"{task.cost:,.2f}",
        "line": task.line or "",
    }


def task_change(before: Task, after: Task) -> TaskChange | None:
    """What changed in a matched task, or None when nothing the diff reports did."""
    old, new = _fields(before), _fields(after)
    fields = [FieldChange(key, old[key], new[key]) for key in old if old[key] != new[key]]
    if before.path != after.path:
        fields.insert(0, FieldChange("parent", _parent(before.path), _parent(after.path)))
        change = "re-parented"
    elif fields and all(f.field == "name" for f in fields):
        change = "renamed"
    elif fields:
        change = "changed"
    else:
        return None
    return TaskChange(change, after.path, before.path if before.path != after.path else None, after.name, tuple(fields))


def task_changes(pairs: Pairs, removed: list[Task], added: list[Task]) -> tuple[TaskChange, ...]:
    """Removed tasks first, then added, re-parented, renamed and changed ones, each in plan order."""
    order = {"removed": 0, "added": 1, "re-parented": 2, "renamed": 3, "changed": 4}
    found = [TaskChange("removed", t.path, None, t.name, ()) for t in removed]
    found += [TaskChange("added", t.path, None, t.name, _added_fields(t)) for t in added]
    found += [change for a, b in pairs if (change := task_change(a, b)) is not None]
    return tuple(sorted(found, key=lambda c: order[c.change]))  # stable: plan order within each kind


def _added_fields(task: Task) -> tuple[FieldChange, ...]:
    return tuple(FieldChange(key, "", value) for key, value in _fields(task).items() if value and key != "name")
