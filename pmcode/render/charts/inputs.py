"""What the charts need from the model besides the schedule: links, baseline dates and the working day.

The schedule keeps dates only; these few pure readers of the model give the Gantt chart and the portfolio timeline
the rest, so the chart functions themselves take plain data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pmcode.model import Baseline, Portfolio
from pmcode.model.refs import resolve_task, scope_of
from pmcode.render.charts.timeaxis import WORKDAY


@dataclass(frozen=True, slots=True)
class ChartLink:
    """A dependency between two tasks of one project, by task path; `type` is FS, SS, FF or SF."""

    pred: str
    succ: str
    type: str


@dataclass(frozen=True, slots=True)
class GanttInputs:
    links: tuple[ChartLink, ...]
    baseline: dict[str, tuple[datetime, datetime]]
    workday: tuple[int, int]


def project_links(portfolio: Portfolio, project_id: str) -> tuple[ChartLink, ...]:
    """The project's links that stay inside it, in plan order (links to other projects are not drawn)."""
    project = portfolio.projects[project_id]
    links = []
    for task in project.walk():
        scope = scope_of(project, task)
        for dependency in task.depends:
            key = resolve_task(portfolio, project, dependency.ref, scope)
            if key is not None and key[0] == project_id and key[1] != task.path:
                links.append(ChartLink(key[1], task.path, dependency.type.value))
    return tuple(links)


def baseline_dates(baseline: Baseline | None) -> dict[str, tuple[datetime, datetime]]:
    """Task path -> (start, finish) as saved in a baseline; entries that do not parse are left out."""
    if baseline is None:
        return {}
    dates: dict[str, tuple[datetime, datetime]] = {}
    for task in baseline.tasks:
        try:
            dates[task.path] = (datetime.fromisoformat(task.start), datetime.fromisoformat(task.finish))
        except ValueError:
            continue
    return dates


def baseline_span(baseline: Baseline | None) -> tuple[datetime, datetime] | None:
    """A project's baseline start and finish: its earliest task start and latest task finish."""
    dates = baseline_dates(baseline)
    if not dates:
        return None
    return min(start for start, _ in dates.values()), max(finish for _, finish in dates.values())


def workday_of(portfolio: Portfolio, project_id: str) -> tuple[int, int]:
    """The first and last working minute of a day of the project's calendar (over all its weekdays)."""
    calendar = portfolio.calendars.get(portfolio.calendar_id_of(portfolio.projects[project_id]))
    if calendar is None:
        return WORKDAY
    intervals = [interval for day in calendar.week for interval in day]
    if not intervals:
        return WORKDAY
    return min(start for start, _ in intervals), max(end for _, end in intervals)


def gantt_inputs(portfolio: Portfolio, project_id: str) -> GanttInputs:
    """Everything `gantt_svg` takes besides the schedule and the status date, read from the model."""
    project = portfolio.projects[project_id]
    return GanttInputs(
        project_links(portfolio, project_id), baseline_dates(project.baseline), workday_of(portfolio, project_id)
    )
