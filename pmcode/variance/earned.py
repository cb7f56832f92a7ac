"""Progress per task as earning rules read it: at the status date (from the tracked schedule) and month by month
(from the actuals files, for the periods).

At the status date a leaf's progress is the tracked schedule's (pmcode.schedule.tracking decides what holds: the
latest report wins, an actual finish makes a task finished, a milestone is reached or not). The schedule keeps its
percent complete to one decimal, so the exact fraction as written (`91.6667%`) is taken from the actuals when it
rounds to the schedule's figure, and the schedule's otherwise (a report the tracking overruled).

Month by month, a task's progress at the end of a period is what the actuals files up to that period said, with the
same simple rules (an actual finish is 100%); the status month always takes the status-date figures above.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pmcode.model import Portfolio, Project
from pmcode.model.refs import resolve_task
from pmcode.schedule import ProjectSchedule


@dataclass(frozen=True, slots=True)
class Earning:
    """What an earning rule needs to know of a task's progress."""

    fraction: float  # 0..1
    started: bool
    finished: bool


NOT_STARTED = Earning(0.0, False, False)


@dataclass(slots=True)
class _Report:
    fraction: float | None = None
    started: bool = False
    finished: bool = False

    def earning(self) -> Earning:
        fraction = min(max(self.fraction or 0.0, 0.0), 1.0)
        finished = self.finished or fraction >= 1.0
        if finished:
            fraction = 1.0
        return Earning(fraction, finished or self.started or fraction > 0, finished)


def _path(portfolio: Portfolio, project: Project, ref: str) -> str | None:
    key = resolve_task(portfolio, project, ref)
    return key[1] if key is not None and key[0] == project.id else None


def reports_by_period(portfolio: Portfolio, project: Project) -> Iterator[tuple[str, dict[str, Earning]]]:
    """(period, the tasks whose progress that period's file changed, with their progress as of then), in period
    order. A report on a summary is left out, as the tracking leaves it out."""
    reports: dict[str, _Report] = {}
    for actuals in project.actuals:  # sorted by period
        changed: set[str] = set()
        for progress in actuals.progress:
            path = _path(portfolio, project, progress.task)
            if path is not None:
                reports.setdefault(path, _Report()).fraction = progress.fraction
                changed.add(path)
        for dates in actuals.actual:
            path = _path(portfolio, project, dates.task)
            if path is None:
                continue
            report = reports.setdefault(path, _Report())
            report.started = report.started or dates.start is not None
            report.finished = report.finished or dates.finish is not None
            changed.add(path)
        summaries = {path for path in changed if project.by_path[path].children}
        yield actuals.period, {path: reports[path].earning() for path in sorted(changed - summaries)}


def _reported_fractions(portfolio: Portfolio, project: Project) -> dict[str, float]:
    """The latest percent complete written for each task, exactly as written."""
    latest: dict[str, float] = {}
    for actuals in project.actuals:
        for progress in actuals.progress:
            path = _path(portfolio, project, progress.task)
            if path is not None:
                latest[path] = progress.fraction
    return latest


def status_progress(portfolio: Portfolio, project: Project, planned: ProjectSchedule) -> dict[str, Earning]:
    """Each leaf's progress at the status date, from the tracked schedule (leaves without progress are left out)."""
    written = _reported_fractions(portfolio, project)
    found: dict[str, Earning] = {}
    for row in planned.tasks:
        if row.summary or row.percent_complete is None:
            continue
        percent = row.percent_complete
        finished = row.actual_finish is not None or percent >= 100.0
        exact = written.get(row.path)
        fraction = exact if exact is not None and round(exact * 100, 1) == percent else percent / 100
        if finished:
            fraction = 1.0
        started = finished or row.actual_start is not None or fraction > 0
        if started:
            found[row.path] = Earning(min(max(fraction, 0.0), 1.0), started, finished)
    return found
