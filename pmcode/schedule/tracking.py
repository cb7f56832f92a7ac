"""Progress and the status date: what a project's actuals files say about each task, merged and checked.

A project is tracked when it has at least one actuals file. Its status date is the latest status date of those
files (a file without one: the last day of its period), else the project's or the portfolio's `status_date`.
Per task, the latest report wins, field by field: the percent complete of the latest period that gives one, the
actual start and the actual finish likewise. What cannot be true is reported (PM307-PM310) and left out, so the
forward pass only sees tracking that holds together. A project without actuals is scheduled as planned: nothing
says what has been done, and moving all its work after a status date would invent a delay.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from pmcode.diagnostics import Diagnostic
from pmcode.model import Portfolio, Project, TaskKind
from pmcode.model.refs import resolve_task
from pmcode.model.types import Src
from pmcode.schedule.network import Network


def status_date(portfolio: Portfolio, project: Project) -> date | None:
    """The date progress was measured: the latest of the actuals files' (a file without one: the last day of its
    period), else the project's or portfolio's `status_date`, else None."""
    dates = []
    for actuals in project.actuals:
        if actuals.status_date is not None:
            dates.append(actuals.status_date)
        else:
            year, month = (int(part) for part in actuals.period.split("-"))
            dates.append(date(year, month, calendar.monthrange(year, month)[1]))
    return max(dates) if dates else portfolio.status_date_of(project)


@dataclass(frozen=True, slots=True)
class TaskTracking:
    """One leaf task's progress as last reported. `fraction` is 0..1 (0 when none was reported)."""

    fraction: float
    start: date | None
    finish: date | None
    reported: bool  # a percent complete was reported (not just dates)

    @property
    def finished(self) -> bool:
        return self.finish is not None or self.fraction >= 1.0

    @property
    def started(self) -> bool:
        """Started and not finished: its remaining work is scheduled from the status date."""
        return not self.finished and (self.start is not None or self.fraction > 0.0)


@dataclass(slots=True)
class _Reported:
    fraction: float | None = None
    fraction_at: Src | None = None
    start: date | None = None
    start_at: Src | None = None
    finish: date | None = None
    finish_at: Src | None = None


class Tracking:
    """The tracking of every tracked project: status dates by project id, progress by task index."""

    def __init__(self, portfolio: Portfolio, network: Network, *, read: bool = True) -> None:
        """`read=False`: no tracking at all, every project scheduled as planned."""
        self.status: dict[str, date] = {}
        self.tasks: dict[int, TaskTracking] = {}
        self.findings: list[Diagnostic] = []
        for project in portfolio.projects.values() if read else ():
            status = status_date(portfolio, project) if project.actuals else None
            if status is None:
                continue
            self.status[project.id] = status
            for index, reported in self._reports(portfolio, network, project).items():
                track = self._checked(network, index, reported, status)
                if track is not None:
                    self.tasks[index] = track

    def of(self, index: int) -> TaskTracking | None:
        return self.tasks.get(index)

    def _index(self, portfolio: Portfolio, network: Network, project: Project, ref: str, src: Src) -> int | None:
        """The leaf a report is about; a summary's report is reported and left out (unknown tasks: PM202)."""
        key = resolve_task(portfolio, project, ref)
        if key is None or key[0] != project.id or key not in network.index:
            return None
        index = network.index[key]
        if not network.tasks[index].leaf:
            message = (
                f"'{key[1]}' is a summary task: its progress and dates follow from the tasks below it, so what is "
                "reported for it here is left out; report its tasks instead"
            )
            self.findings.append(Diagnostic.at(src.at(key=True), "PM307", message))
            return None
        return index

    def _reports(self, portfolio: Portfolio, network: Network, project: Project) -> dict[int, _Reported]:
        reports: dict[int, _Reported] = {}
        for actuals in project.actuals:  # sorted by period: later reports replace earlier ones
            for progress in actuals.progress:
                index = self._index(portfolio, network, project, progress.task, progress.src)
                if index is not None:
                    reported = reports.setdefault(index, _Reported())
                    reported.fraction, reported.fraction_at = progress.fraction, progress.src
            for dates in actuals.actual:
                index = self._index(portfolio, network, project, dates.task, dates.src)
                if index is None:
                    continue
                reported = reports.setdefault(index, _Reported())
                if dates.start is not None:
                    reported.start, reported.start_at = dates.start, dates.src
                if dates.finish is not None:
                    reported.finish, reported.finish_at = dates.finish, dates.src
        return reports

    def _checked(self, network: Network, index: int, reported: _Reported, status: date) -> TaskTracking | None:
        path = network.tasks[index].key[1]
        start, finish = reported.start, reported.finish
        for field, day, src in (("start", start, reported.start_at), ("finish", finish, reported.finish_at)):
            if day is not None and day > status and src is not None:
                message = (
                    f"actual {field} {day} of '{path}' is after the status date {status}: actuals record what has "
                    "happened; it is left out"
                )
                self.findings.append(Diagnostic.at(src.at(field), "PM308", message))
                start, finish = (None, finish) if field == "start" else (start, None)
        if start is not None and finish is not None and finish < start:
            if reported.finish_at is not reported.start_at and reported.finish_at is not None:  # else PM210
                message = (
                    f"actual finish {finish} of '{path}' is before its actual start {start} (reported in another "
                    "file); the finish is left out"
                )
                self.findings.append(Diagnostic.at(reported.finish_at.at("finish"), "PM309", message))
            finish = None
        fraction = reported.fraction if reported.fraction is not None else 0.0
        fraction = min(max(fraction, 0.0), 1.0)
        milestone = network.tasks[index].task.kind is TaskKind.MILESTONE
        at = reported.fraction_at
        if milestone and start is not None and finish is None:
            finish = start  # a milestone happens at one moment: its actual date, whichever was given
        if finish is not None and fraction < 1.0 and reported.fraction is not None and at is not None:
            message = (
                f"'{path}' has an actual finish ({finish}) but is reported {fraction:.0%} complete; it counts as "
                "finished"
            )
            self.findings.append(Diagnostic.at(at.at(), "PM310", message))
        elif milestone and 0.0 < fraction < 1.0 and at is not None:
            message = (
                f"milestone '{path}' is reported {fraction:.0%} complete, but a milestone is reached or not; it "
                "counts as not reached"
            )
            self.findings.append(Diagnostic.at(at.at(), "PM310", message))
            fraction = 0.0
        if finish is not None:
            fraction = 1.0
        return TaskTracking(fraction, start, finish, reported.fraction is not None)
