"""The Gantt chart of one project: a row per task in plan order, bars on a calendar axis (charts.timeaxis).

Rows have a fixed height, so a 250-task plan makes a tall chart that its wrapper scrolls, never a squeezed one.
Top-level tasks and everything below one share a background band, alternating, so the groups read at a glance.
Links come from the model (pmcode.render.charts.inputs.gantt_inputs), since the schedule keeps dates only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from pmcode.render.charts.inputs import ChartLink
from pmcode.render.charts.svg import chart_id, clip, day_label, hours, isolate, legend, num, render, stamp
from pmcode.render.charts.timeaxis import WORKDAY, TimeAxis
from pmcode.schedule.result import ProjectSchedule, TaskSchedule

ROW = 20.0
HEADER = 40.0
BAR_TOP = 4.0  # bar from the row's top
BAR_HEIGHT = 10.0
BASELINE_TOP = 15.0
BASELINE_HEIGHT = 3.0
DIAMOND = 5.5  # half the diagonal of a milestone diamond
INDENT = 12.0
MAX_DEPTH = 8  # deeper tasks are indented like this one
CHAR_WIDTH = 6.2  # of an 11 px label, on average: how many characters fit the label column
ELBOW = 6.0  # a link leaves and enters a bar this far from it
LEGEND = (
    ("task", "Task"),
    ("done", "Progress"),
    ("crit", "Critical"),
    ("summary", "Summary"),
    ("milestone", "Milestone"),
    ("baseline", "Baseline"),
    ("link", "Dependency"),
    ("status", "Status date"),
)


@dataclass(frozen=True, slots=True)
class Row:
    path: str
    top: float
    mid: float
    label: str
    label_x: float
    kind: str  # "bar", "summary", "milestone" or "none" (not scheduled)
    critical: bool
    summary: bool
    band: bool
    x1: float = 0.0
    x2: float = 0.0
    done_x2: float | None = None
    base: tuple[float, float] | None = None
    title: str = ""


@dataclass(frozen=True, slots=True)
class Arrow:
    path: str
    critical: bool
    title: str


def gantt_svg(
    project: ProjectSchedule,
    *,
    baseline: Mapping[str, tuple[datetime, datetime]] | None = None,
    status_date: date | None = None,
    links: Sequence[ChartLink] = (),
    workday: tuple[int, int] = WORKDAY,
    width: int = 1100,
    label_width: int = 280,
) -> str:
    """The Gantt chart of `project` as an inline SVG wrapped for Markdown. `baseline`: task path -> (start, finish)
    ghost bars; `links`: dependencies between the project's tasks (others are left out); `workday`: the first and
    last working minute of the project calendar's day, which places moments inside a day."""
    baseline = baseline or {}
    axis = _axis(project, baseline, status_date, workday, width, label_width)
    rows: list[Row] = []
    group = -1
    for index, task in enumerate(project.tasks):
        if task.depth == 0:
            group += 1
        rows.append(
            _row(task, index, group % 2 == 1, axis, baseline.get(task.path), project.hours_per_day, label_width)
        )
    position = {task.path: index for index, task in reversed(list(enumerate(project.tasks)))}
    names = {task.path: task.name for task in project.tasks}
    arrows = [arrow for link in links if (arrow := _arrow(link, names, position, rows)) is not None]
    bottom = HEADER + ROW * len(rows)
    status_x = axis.x_day(status_date + timedelta(days=1)) if status_date is not None else None
    upper, lower = axis.ticks()
    critical = sum(1 for task in project.tasks if task.critical and task.start is not None)
    items, legend_height = legend(LEGEND, 8.0, width)
    return render(
        "gantt.svg.j2",
        "gantt",
        id=chart_id("gantt", project.id, len(project.tasks)),
        width=width,
        height=bottom + 16 + legend_height,
        label_width=label_width,
        header=HEADER,
        bottom=bottom,
        right=axis.right,
        rows=rows,
        arrows=arrows,
        upper=upper,
        lower=lower,
        status_x=status_x,
        status_label=f"Status {status_date.isoformat()}" if status_date else "",
        title=f"Gantt chart: {clip(project.name, 200)}",
        desc=_description(project, critical, status_date),
        legend=items,
        legend_y=bottom + 22,
    )


def _axis(
    project: ProjectSchedule,
    baseline: Mapping[str, tuple[datetime, datetime]],
    status_date: date | None,
    workday: tuple[int, int],
    width: int,
    label_width: int,
) -> TimeAxis:
    days = [moment.date() for task in project.tasks for moment in (task.start, task.finish) if moment is not None]
    paths = {task.path for task in project.tasks}
    days += [moment.date() for path, span in baseline.items() if path in paths for moment in span]
    fallback = project.start.date() if project.start else date(2000, 1, 3)
    plot = max(width - label_width - 24.0, 100.0)
    return TimeAxis.covering(days, status_date, fallback, label_width + 8.0, plot, workday)


def _row(
    task: TaskSchedule,
    index: int,
    band: bool,
    axis: TimeAxis,
    base: tuple[datetime, datetime] | None,
    hours_per_day: float,
    label_width: int,
) -> Row:
    top = HEADER + ROW * index
    depth = min(task.depth, MAX_DEPTH)
    label_x = 6.0 + depth * INDENT
    label = clip(task.name, int((label_width - label_x - 6.0) / CHAR_WIDTH))
    ghost = (axis.x(base[0]), axis.x(base[1])) if base is not None else None
    mid = top + BAR_TOP + BAR_HEIGHT / 2
    row = Row(task.path, top, mid, label, label_x, "none", task.critical, task.summary, band, base=ghost)
    if task.start is None or task.finish is None:
        why = f": {task.unscheduled}" if task.unscheduled else ""
        return replace(row, title=f"{isolate(task.name)}: not scheduled{why}")
    x1, x2 = axis.x(task.start), axis.x(task.finish)
    kind = "milestone" if task.milestone else "summary" if task.summary else "bar"
    done = None
    if task.percent_complete is not None and kind != "milestone":
        done = x1 + (x2 - x1) * min(max(task.percent_complete, 0.0), 100.0) / 100.0
    return replace(row, kind=kind, x1=x1, x2=x2, done_x2=done, title=_tooltip(task, base, hours_per_day))


def _tooltip(task: TaskSchedule, base: tuple[datetime, datetime] | None, hours_per_day: float) -> str:
    assert task.start is not None and task.finish is not None
    parts = [isolate(task.name)]
    if task.milestone:
        parts.append(f"milestone at {stamp(task.finish)}")
    else:
        parts.append(f"{stamp(task.start)} to {stamp(task.finish)}")
    if task.total_float_hours is not None:
        days = task.total_float_hours / hours_per_day if hours_per_day > 0 else 0.0
        parts.append(f"total float {hours(days)}d")
    if task.critical:
        parts.append("critical")
    if task.percent_complete is not None:
        parts.append(f"{task.percent_complete:.0f}% complete")
    if base is not None:
        parts.append(f"baseline {stamp(base[0])} to {stamp(base[1])}")
    if task.deadline is not None:
        parts.append(f"deadline {task.deadline.isoformat()}")
    return "; ".join(parts)


def _ends(row: Row, at_finish: bool) -> float:
    return row.x2 if at_finish else row.x1


def _arrow(link: ChartLink, names: Mapping[str, str], position: Mapping[str, int], rows: list[Row]) -> Arrow | None:
    """An orthogonal path from the predecessor's start or finish to the successor's start or finish."""
    if link.pred not in position or link.succ not in position:
        return None
    pred, succ = rows[position[link.pred]], rows[position[link.succ]]
    if pred.kind == "none" or succ.kind == "none":
        return None
    from_finish = link.type in ("FS", "FF")
    to_finish = link.type in ("FF", "SF")
    sx, sy = _ends(pred, from_finish), pred.mid
    tx, ty = _ends(succ, to_finish), succ.mid
    out = ELBOW if from_finish else -ELBOW  # leave a finish to the right, a start to the left
    into = -ELBOW if not to_finish else ELBOW  # enter a start from the left, a finish from the right
    ax, bx = sx + out, tx + into
    if from_finish and not to_finish and ax <= bx:
        path = f"M{num(sx)},{num(sy)}H{num(ax)}V{num(ty)}H{num(tx)}"
    else:
        turn = ty - ROW / 2 if ty > sy else ty + ROW / 2  # run between the rows, above or below the successor
        path = f"M{num(sx)},{num(sy)}H{num(ax)}V{num(turn)}H{num(bx)}V{num(ty)}H{num(tx)}"
    title = f"{isolate(names[link.pred])} to {isolate(names[link.succ])} ({link.type})"
    return Arrow(path, pred.critical and succ.critical, title)


def _description(project: ProjectSchedule, critical: int, status_date: date | None) -> str:
    tasks = [task for task in project.tasks if not task.summary and not task.milestone]
    milestones = [task for task in project.tasks if task.milestone]
    text = f"Gantt chart of {isolate(project.name)}: {len(tasks)} tasks and {len(milestones)} milestones"
    if project.start is not None and project.finish is not None:
        text += f", from {day_label(project.start.date())} to {day_label(project.finish.date())}"
    text += f"; {critical} on the critical path (hatched, outlined)"
    if status_date is not None:
        text += f"; status date {day_label(status_date)}"
    return text + (
        ". One row per task in plan order; bars span working time, brackets are summaries, diamonds milestones, "
        "grey bars below the baseline, dark fill the progress, arrows the dependencies."
    )
