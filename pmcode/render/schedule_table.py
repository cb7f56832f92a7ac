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


def _float(task: TaskSchedule, hours_per_day: float) -> str:
    """Total float in working days of the project calendar."""
    if task.total_float_hours is None:
        return "-"
    return f"{task.total_float_hours / hours_per_day:.1f}d"


def _done(task: TaskSchedule) -> str:
    return "" if task.percent_complete is None else f"{task.percent_complete:.0f}%"


def render_table(projects: list[ProjectSchedule]) -> str:
    """One block per project; a project with actuals shows its status date and a `done` column (percent
    complete)."""
    out: list[str] = []
    for project in projects:
        line = f"{printable(project.name)} ({project.id}): {_when(project.start)} -> {_when(project.finish)}"
        tracked = project.status_date is not None
        if tracked:
            line += f", status date {project.status_date}"
        out.append(line)
        done = f"  {'done':>4}" if tracked else ""
        header = f"{'task':{NAME_WIDTH}}  {'start':16}  {'finish':16}  {'float':>7}{done}  c  {'':{BAR_WIDTH}}"
        out += [header.rstrip(), "-" * len(header)]
        for task in project.tasks:
            known = project.start is not None and project.finish is not None
            bar = _bar(task, project.start, project.finish) if known else ""  # type: ignore[arg-type]
            label = ("  " * task.depth + printable(task.name))[:NAME_WIDTH]
            critical = "*" if task.critical else " "
            dates = f"{_when(task.start):16}  {_when(task.finish):16}"
            percent = f"  {_done(task):>4}" if tracked else ""
            row = f"{label:{NAME_WIDTH}}  {dates}  {_float(task, project.hours_per_day):>7}{percent}  {critical}  {bar}"
            out.append(row.rstrip())
        out.append("")
    return "\n".join(out)
