"""The schedule for a terminal: one line per task with dates, float, a critical marker and a compact bar."""

from __future__ import annotations

from datetime import datetime

from pmcode.schedule import ProjectSchedule, TaskSchedule
from pmcode.text import printable

BAR_WIDTH = 32
NAME_WIDTH = 34


def _when(moment: datetime | None) -> str:
    return "-" if moment is None else moment.strftime("%Y-%m-%d %H:%M")


def _bar(task: TaskSchedule, first: datetime, last: datetime) -> str:
    if task.start is None or task.finish is None or last <= first:
        return ""
    span = (last - first).total_seconds()
    left = int((task.start - first).total_seconds() / span * BAR_WIDTH)
    right = int((task.finish - first).total_seconds() / span * BAR_WIDTH)
    left, right = min(left, BAR_WIDTH - 1), min(max(right, left + 1), BAR_WIDTH)
    mark = "◆" if task.milestone else ("=" if task.summary else ("#" if task.critical else "-"))
    body = mark if task.milestone else mark * (right - left)
    return (" " * left + body).ljust(BAR_WIDTH)


def _float(task: TaskSchedule) -> str:
    if task.total_float_hours is None:
        return "-"
    return f"{task.total_float_hours / 8:.1f}d"


def render_table(projects: list[ProjectSchedule]) -> str:
    out: list[str] = []
    for project in projects:
        out.append(f"{printable(project.name)} ({project.id}): {_when(project.start)} -> {_when(project.finish)}")
        header = f"{'task':{NAME_WIDTH}}  {'start':16}  {'finish':16}  {'float':>7}  c  {'':{BAR_WIDTH}}"
        out += [header, "-" * len(header)]
        for task in project.tasks:
            known = project.start is not None and project.finish is not None
            bar = _bar(task, project.start, project.finish) if known else ""  # type: ignore[arg-type]
            label = ("  " * task.depth + printable(task.name))[:NAME_WIDTH]
            critical = "*" if task.critical else " "
            dates = f"{_when(task.start):16}  {_when(task.finish):16}"
            out.append(f"{label:{NAME_WIDTH}}  {dates}  {_float(task):>7}  {critical}  {bar}".rstrip())
        out.append("")
    return "\n".join(out)
