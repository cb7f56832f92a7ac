"""The schedule as JSON (the contract in FORMAT.md), CSV (for spreadsheets) and Mermaid (for Markdown pages)."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime
from typing import Any

from pmcode.schedule import ProjectSchedule, Schedule, TaskSchedule


def _when(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="seconds")


def task_json(task: TaskSchedule) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": task.path,
        "name": task.name,
        "kind": task.kind.value,
        "start": _when(task.start),
        "finish": _when(task.finish),
        "late_start": _when(task.late_start),
        "late_finish": _when(task.late_finish),
        "milestone": task.milestone,
        "summary": task.summary,
        "critical": task.critical,
        "total_float_hours": task.total_float_hours,
        "free_float_hours": task.free_float_hours,
        "assignments": [{"person": a.person, "hours": a.hours} for a in task.assignments],
        "deadline": task.deadline.isoformat() if task.deadline else None,
    }
    if task.unscheduled is not None:
        row["unscheduled"] = task.unscheduled
    if task.percent_complete is not None:  # a project with actuals: scheduled from its status date
        row["percent_complete"] = task.percent_complete
        row["actual_start"] = task.actual_start.isoformat() if task.actual_start else None
        row["actual_finish"] = task.actual_finish.isoformat() if task.actual_finish else None
    return row


def project_json(project: ProjectSchedule) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": project.id,
        "name": project.name,
        "start": _when(project.start),
        "finish": _when(project.finish),
        "tasks": [task_json(t) for t in project.tasks],
    }
    if project.status_date is not None:
        row["status_date"] = project.status_date.isoformat()
    return row


def render_json(schedule: Schedule, projects: list[ProjectSchedule]) -> str:
    document = {
        "leveled": schedule.leveled,
        "projects": [project_json(p) for p in projects],
        "overallocations": [
            {
                "person": o.person,
                "first": o.first.isoformat(),
                "last": o.last.isoformat(),
                "working_days": o.working_days,
                "peak_percent": o.peak_percent,
                "tasks": list(o.tasks),
            }
            for o in schedule.overallocations
        ],
        "findings": [d.as_dict() for d in schedule.findings],
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """Text a spreadsheet would run as a formula (`=HYPERLINK(...)`, `+1+1`, `@SUM`) gets a leading quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


CSV_COLUMNS = (
    "project",
    "id",
    "name",
    "kind",
    "start",
    "finish",
    "late_start",
    "late_finish",
    "total_float_hours",
    "free_float_hours",
    "critical",
    "assignments",
    "deadline",
)


def render_csv(projects: list[ProjectSchedule]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for project in projects:
        for task in project.tasks:
            people = "; ".join(f"{a.person} {a.hours:g}h" for a in task.assignments)
            row = (
                project.id,
                task.path,
                task.name,
                task.kind.value,
                _when(task.start) or "",
                _when(task.finish) or "",
                _when(task.late_start) or "",
                _when(task.late_finish) or "",
                "" if task.total_float_hours is None else f"{task.total_float_hours:g}",
                "" if task.free_float_hours is None else f"{task.free_float_hours:g}",
                "yes" if task.critical else "no",
                people,
                task.deadline.isoformat() if task.deadline else "",
            )
            writer.writerow([spreadsheet_safe(value) for value in row])
    return buffer.getvalue()


_MERMAID_ENTITIES = str.maketrans({"#": "#35;", ":": "#58;", ";": "#59;", "%": "#37;"})
# What Mermaid's Gantt lexer (case-insensitive) reads at the start of a line as a statement, not a task name: its
# keywords, and a date (`2027-01-04 ...` would be a date token).
_MERMAID_STATEMENT = re.compile(
    r"(?:accTitle|accDescr|gantt|dateFormat|inclusiveEndDates|topAxis|axisFormat|tickInterval|includes|excludes"
    r"|todayMarker|weekday|weekend|title|section|click|call|href|displayMode|[0-9]{4}-[0-9]{2}-[0-9]{2})",
    re.IGNORECASE,
)


def mermaid_text(text: str) -> str:
    """Text Mermaid's Gantt grammar cannot misread: its separators become entity codes (in one pass, so that the
    `;` ending an entity is not escaped again), line breaks spaces, and a first word Mermaid would take for a
    statement (`title`, `section`, `click`...) starts with an entity code (`#116;itle`), which Mermaid shows as
    the letter but does not parse as one."""
    flat = " ".join(text.translate(_MERMAID_ENTITIES).split())
    if _MERMAID_STATEMENT.match(flat):
        flat = f"#{ord(flat[0])};{flat[1:]}"
    return flat


def _mermaid_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


def render_mermaid(projects: list[ProjectSchedule]) -> str:
    lines: list[str] = []
    for project in projects:
        lines += ["gantt", f"    title {mermaid_text(project.name)}", "    dateFormat YYYY-MM-DDTHH:mm"]
        lines.append("    axisFormat %Y-%m-%d")
        section = None
        for number, task in enumerate(project.tasks):
            if task.start is None or task.finish is None:
                continue
            if task.depth == 0 and task.summary:
                section = mermaid_text(task.name)
                lines.append(f"    section {section}")
                continue
            if task.summary:
                continue
            if section is None:
                section = mermaid_text(project.name)
                lines.append(f"    section {section}")
            tags = ["crit"] if task.critical else []
            if task.milestone:
                tags.append("milestone")
                span = f"{_mermaid_time(task.start)}, 0d"
            else:
                span = f"{_mermaid_time(task.start)}, {_mermaid_time(task.finish)}"
            prefix = ", ".join(tags)
            lines.append(f"    {mermaid_text(task.name)} :{prefix + ', ' if prefix else ''}t{number}, {span}")
        lines.append("")
    return "\n".join(lines)
