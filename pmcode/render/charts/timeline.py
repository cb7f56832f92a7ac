"""The portfolio timeline: one row per project, its span as a bar, its milestones as diamonds, its baseline below.

A project forecast to finish after its baseline finish is drawn in the "late" style (colour, hatch and outline)
with the slip in days written after the bar, so a reader sees which project is late without reading colours.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from pmcode.render.charts.svg import chart_id, clip, day_label, isolate, legend, render, stamp
from pmcode.render.charts.timeaxis import WORKDAY, TimeAxis
from pmcode.schedule.result import ProjectSchedule, Schedule

ROW = 26.0
HEADER = 40.0
CHAR_WIDTH = 6.2
LEGEND = (
    ("task", "Forecast"),
    ("late", "Late against baseline"),
    ("baseline", "Baseline"),
    ("milestone", "Milestone"),
    ("status", "Status date"),
)


@dataclass(frozen=True, slots=True)
class Milestone:
    x: float
    title: str


@dataclass(frozen=True, slots=True)
class ProjectRow:
    top: float
    label: str
    x1: float | None
    x2: float | None
    late: bool
    slip: str  # "+12d", or ""
    base: tuple[float, float] | None
    milestones: tuple[Milestone, ...]
    title: str


def portfolio_timeline_svg(
    schedule: Schedule,
    *,
    baselines: Mapping[str, tuple[datetime, datetime]] | None = None,
    status_date: date | None = None,
    workday: tuple[int, int] = WORKDAY,
    width: int = 1100,
    label_width: int = 240,
) -> str:
    """A bar per project of `schedule`, in its order; `baselines`: project id -> baseline (start, finish)
    (see inputs.baseline_span); `status_date`: the portfolio's, drawn as a line at the end of that day."""
    baselines = baselines or {}
    axis = _axis(schedule, baselines, status_date, workday, width, label_width)
    rows = [
        _row(project, index, axis, baselines.get(project.id), label_width)
        for index, project in enumerate(schedule.projects)
    ]
    bottom = HEADER + ROW * len(rows)
    upper, lower = axis.ticks()
    items, legend_height = legend(LEGEND, 8.0, width)
    late = [row for row in rows if row.late]
    desc = f"Timeline of {len(rows)} projects"
    if late:
        desc += f"; {len(late)} forecast to finish after their baseline: " + ", ".join(
            f"{row.label} ({row.slip})" for row in late
        )
    if status_date is not None:
        desc += f"; status date {day_label(status_date)}"
    return render(
        "timeline.svg.j2",
        "timeline",
        id=chart_id("timeline", tuple(project.id for project in schedule.projects)),
        width=width,
        height=bottom + 16 + legend_height,
        label_width=label_width,
        header=HEADER,
        bottom=bottom,
        right=axis.right,
        rows=rows,
        upper=upper,
        lower=lower,
        status_x=axis.x_day(status_date + timedelta(days=1)) if status_date is not None else None,
        status_label=f"Status {status_date.isoformat()}" if status_date else "",
        title="Portfolio timeline",
        desc=desc + ". One bar per project from start to forecast finish; grey bars below are the baselines.",
        legend=items,
        legend_y=bottom + 22,
    )


def _axis(
    schedule: Schedule,
    baselines: Mapping[str, tuple[datetime, datetime]],
    status_date: date | None,
    workday: tuple[int, int],
    width: int,
    label_width: int,
) -> TimeAxis:
    days = [moment.date() for p in schedule.projects for moment in (p.start, p.finish) if moment is not None]
    days += [moment.date() for span in baselines.values() for moment in span]
    plot = max(width - label_width - 60.0, 100.0)
    return TimeAxis.covering(days, status_date, date(2000, 1, 3), label_width + 8.0, plot, workday)


def _row(
    project: ProjectSchedule, index: int, axis: TimeAxis, base: tuple[datetime, datetime] | None, label_width: int
) -> ProjectRow:
    top = HEADER + ROW * index
    label = clip(project.name, int((label_width - 12) / CHAR_WIDTH))
    ghost = (axis.x(base[0]), axis.x(base[1])) if base is not None else None
    milestones = tuple(
        Milestone(axis.x(task.finish), f"{isolate(task.name)}: {stamp(task.finish)}")
        for task in project.tasks
        if task.milestone and task.finish is not None
    )
    if project.start is None or project.finish is None:
        return ProjectRow(
            top, label, None, None, False, "", ghost, milestones, f"{isolate(project.name)}: not scheduled"
        )
    slip_days = (project.finish.date() - base[1].date()).days if base is not None else 0
    title = f"{isolate(project.name)}: {stamp(project.start)} to {stamp(project.finish)}"
    if base is not None:
        title += f"; baseline {stamp(base[0])} to {stamp(base[1])}; finish {slip_days:+d} days against it"
    return ProjectRow(
        top,
        label,
        axis.x(project.start),
        axis.x(project.finish),
        slip_days > 0,
        f"+{slip_days}d" if slip_days > 0 else "",
        ghost,
        milestones,
        title,
    )
