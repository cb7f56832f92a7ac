"""The files the site offers per project: milestones and deadlines as a calendar (ICS), the schedule as CSV and
JSON, and the plan as MS Project XML (MSPDI).

Pure: `project_downloads` returns {file name: bytes} and the site writes them under `portfolio/downloads/`.
File names come only from project ids, which the schema limits to letters, digits, '-' and '_' (checked again
here: a name that is not an id is a bug, never a path). Every byte is a function of the plan: calendar entries
carry a UID derived from the project id and the task path, so a calendar that subscribed to the file updates
events instead of duplicating them, and DTSTAMP is the status date (or the project start), never the clock.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Calendar, Event

from pmcode.model import Portfolio, Project
from pmcode.mspdi.exporter import export_mspdi
from pmcode.render.schedule_formats import render_csv, render_json
from pmcode.schedule import ProjectSchedule, Schedule, TaskSchedule

DOWNLOADS_DIR = "downloads"  # below the generated pages' folder
PRODID = "-//pmcode//site downloads//EN"
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}\Z")


@dataclass(frozen=True)
class DownloadLink:
    """One file of a project, as the project page lists it."""

    label: str
    file: str  # relative to the downloads folder


def download_links(project_id: str) -> tuple[DownloadLink, ...]:
    """The files of one project, in the order the project page lists them."""
    if not _ID.match(project_id):  # validated ids only: anything else would choose a path
        raise ValueError(f"not a project id: {project_id!r}")
    return (
        DownloadLink("Milestones and deadlines (calendar, ICS)", f"{project_id}-milestones.ics"),
        DownloadLink("Schedule (CSV)", f"{project_id}-schedule.csv"),
        DownloadLink("Schedule (JSON)", f"{project_id}-schedule.json"),
        DownloadLink("MS Project (MSPDI XML)", f"{project_id}-msproject.xml"),
    )


def project_downloads(portfolio: Portfolio, forecast: Schedule, plan: Schedule) -> dict[str, bytes]:
    """Every project's files. `forecast`: the schedule with actuals (as `pmcode schedule`), for the calendar, CSV
    and JSON; `plan`: scheduled without them (`track=False`), for MS Project, as `pmcode export mspdi` writes it."""
    files: dict[str, bytes] = {}
    for project in portfolio.projects.values():
        ics, csv, json, mspdi = (link.file for link in download_links(project.id))
        scheduled = forecast.project(project.id)
        files[ics] = project_ics(portfolio, project, scheduled)
        files[csv] = render_csv([scheduled]).encode("utf-8")
        files[json] = render_json(_only(forecast, project), [scheduled]).encode("utf-8")
        files[mspdi] = export_mspdi(portfolio, plan, project.id)[0]
    return files


def _only(schedule: Schedule, project: Project) -> Schedule:
    """The schedule's findings and over-allocations that concern `project`."""
    folder = project.src.file.rsplit("/", 1)[0] + "/"
    return dataclasses.replace(
        schedule,
        findings=tuple(d for d in schedule.findings if d.file.startswith(folder)),
        overallocations=tuple(
            o for o in schedule.overallocations if any(t.startswith(f"{project.id}:") for t in o.tasks)
        ),
    )


def _uid(kind: str, project_id: str, key: str) -> str:
    """Stable across builds and edits elsewhere in the plan: the kind, the project and the task path or id."""
    return f"{kind}/{project_id}:{key}@pmcode"


def _stamp(portfolio: Portfolio, project: Project) -> datetime:
    day = portfolio.status_date_of(project) or project.start
    return datetime.combine(day, time(), tzinfo=UTC)


def _when(moment: datetime | None) -> str:
    return "not scheduled" if moment is None else moment.strftime("%Y-%m-%d %H:%M")


def _event(uid: str, stamp: datetime, summary: str, description: str) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")  # a date to know, not time booked in anyone's calendar
    return event


def _all_day(event: Event, day: date) -> Event:
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    return event


def _milestone(project: Project, task: TaskSchedule, stamp: datetime) -> Event | None:
    if task.start is None:
        return None
    lines = [f"Milestone of {project.name} ({project.id}:{task.path})", f"Forecast: {_when(task.start)}"]
    if task.deadline is not None:
        lines.append(f"Deadline: {task.deadline.isoformat()}")
    if task.critical:
        lines.append("On the critical path")
    event = _event(_uid("milestone", project.id, task.path), stamp, task.name, "\n".join(lines))
    event.add("dtstart", task.start)  # local time, no zone: as the plan is written (floating time in RFC 5545)
    return event


def _deadline(project: Project, task: TaskSchedule, stamp: datetime) -> Event | None:
    if task.deadline is None:
        return None
    late = task.finish is not None and task.finish.date() > task.deadline
    lines = [
        f"Deadline of {project.name} ({project.id}:{task.path})",
        f"Forecast finish: {_when(task.finish)}" + (" (late)" if late else ""),
    ]
    event = _event(_uid("deadline", project.id, task.path), stamp, f"Deadline: {task.name}", "\n".join(lines))
    return _all_day(event, task.deadline)


def project_ics(portfolio: Portfolio, project: Project, scheduled: ProjectSchedule) -> bytes:
    """A calendar of the project's milestones (at their forecast moment), task deadlines and deliverables' due
    dates (all-day). The library escapes every text per RFC 5545 and folds long lines."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{project.name}: milestones and deadlines")
    stamp = _stamp(portfolio, project)
    for task in scheduled.tasks:
        for event in (_milestone(project, task, stamp) if task.milestone else None, _deadline(project, task, stamp)):
            if event is not None:
                calendar.add_component(event)
    for deliverable in project.deliverables:
        if deliverable.due is None:
            continue
        description = f"Deliverable of {project.name} ({project.id}), status {deliverable.status}"
        event = _event(_uid("due", project.id, deliverable.id), stamp, f"Due: {deliverable.name}", description)
        calendar.add_component(_all_day(event, deliverable.due))
    data: bytes = calendar.to_ical()
    return data
