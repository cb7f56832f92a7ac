"""`pmcode import mspdi`: an MS Project XML file -> a pmcode project folder, its calendars and its people.

The project is written to `<root>/<name>/project.yaml` (an existing one is replaced only when asked). Calendars
and people are shared by the whole portfolio, so they are added to the root's calendars.yaml and people.yaml
(created if absent), keeping what is there (see portfolio_files). A root without portfolio.yaml gets a minimal
one. Everything the file holds that pmcode cannot express is reported as a diagnostic at its line in the XML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from pmcode.atomic import write_atomic
from pmcode.diagnostics import Diagnostic, Loc, sort_diagnostics
from pmcode.errors import PmcodeError
from pmcode.load import FileKind
from pmcode.mspdi.calendars_in import CalendarMapper
from pmcode.mspdi.findings import Findings
from pmcode.mspdi.outline import build_outline, walk
from pmcode.mspdi.people_in import map_people
from pmcode.mspdi.portfolio_files import annotate, append_entries, read_entries
from pmcode.mspdi.slugs import clean_name
from pmcode.mspdi.source import MsProject, read_project
from pmcode.mspdi.tasks_in import TaskMapper, moment_text
from pmcode.mspdi.xmlsafe import MspdiError
from pmcode.text import quote
from pmcode.yamlwrite import Flow, to_yaml

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}\Z")
_CURRENCY = re.compile(r"[A-Z]{3}\Z")


@dataclass
class ImportResult:
    project_id: str
    written: list[Path] = field(default_factory=list)
    findings: list[Diagnostic] = field(default_factory=list)
    task_paths: dict[int, str] = field(default_factory=dict)  # MS Project task UID -> pmcode dotted path

    @property
    def failed(self) -> bool:
        return any(d.severity.value == "error" for d in self.findings)


def _header(source: str) -> str:
    return f"# Imported from {source} (MS Project XML) by `pmcode import mspdi`.\n"


_FLOW_RECORDS = ("depends", "assign", "leave", "dates")  # lists of small records written on one line


def _flow(value: Any, key: str = "") -> Any:
    """Lists of plain values (workdays, hours) and of small records (depends, assign, leave, holiday dates) on one
    line, as people write them; tasks, calendars and people as blocks."""
    if isinstance(value, dict):
        return {name: _flow(item, name) for name, item in value.items()}
    if not isinstance(value, list):
        return value
    scalars = all(not isinstance(item, list | dict) for item in value)
    records = key in _FLOW_RECORDS and all(
        not isinstance(item, list | dict) or (isinstance(item, dict) and _flat(item)) for item in value
    )
    return Flow(value) if scalars or records else [_flow(item) for item in value]


def _flat(record: dict[str, Any]) -> bool:
    return not any(isinstance(item, list | dict) for item in record.values())


def _from(comments: list[tuple[str, str]], origin: str) -> list[tuple[str, str]]:
    return [(entry_id, f"{comment} in {origin}") for entry_id, comment in comments]


def _start(project: MsProject) -> datetime:
    if project.start is not None:
        return project.start
    starts = [t.start for t in project.tasks if t.start is not None and not t.null]
    if not starts:
        raise MspdiError("the file has no project start date and no task dates")
    return min(starts)


def _moment(text: str) -> datetime:
    """A `start` value as written; a day alone counts as its midnight (its first working moment is no later)."""
    return datetime.fromisoformat(text if "T" in text else f"{text}T00:00")


def _pin_start_time(tasks: list[dict[str, Any]], start: datetime, mapper: CalendarMapper, uids: set[int]) -> None:
    """pmcode's project `start` is a day: nothing starts before its first working moment, in each calendar. When
    MS Project's start time is later than that in the project's calendar or in a calendar its people work in (a
    night shift works from midnight), the time goes onto every top-level task as `start` (which applies to
    everything below it)."""
    minute = start.hour * 60 + start.minute
    firsts = [hours[0][0] for hours in (mapper.flat(uid).working(start.date()) for uid in uids) if hours]
    if not any(minute > first for first in firsts):
        return
    for task in tasks:
        current = task.get("start")
        if current is None or _moment(current) < start:
            task["start"] = moment_text(start)
            if "tasks" in task:  # children last, as people write them
                task["tasks"] = task.pop("tasks")


def import_mspdi(source: Path, target: Path, *, shown: str | None = None, replace: bool = False) -> ImportResult:
    """Import `source` into the project folder `target` (whose parent is the portfolio root)."""
    project_id = target.name
    if not _ID.match(project_id):
        raise PmcodeError(f"{quote(project_id)} cannot be a project id: use letters, digits, '-' and '_'")
    project_file = target / "project.yaml"
    if project_file.exists() and not replace:
        raise PmcodeError(f"{project_file} exists; pass --replace to overwrite it")
    root = target.parent
    result = ImportResult(project_id)
    findings = Findings(shown if shown is not None else source.as_posix())
    try:
        data = source.read_bytes()
    except OSError as error:
        raise PmcodeError(f"cannot read {source}: {error.strerror or error}") from None
    try:
        project = read_project(data)
        start = _start(project)
    except MspdiError as error:
        result.findings.append(Diagnostic.at(Loc(findings.file, error.line, 1), "PM404", str(error)))
        return result
    calendars_text, known_calendars = read_entries(root / "calendars.yaml", FileKind.CALENDARS, "calendars")
    people_text, known_people = read_entries(root / "people.yaml", FileKind.PEOPLE, "people")
    if not project.schedule_from_start:
        findings.add(
            project.line,
            "PM401",
            "the project is scheduled from its finish in MS Project; pmcode schedules from the start",
        )
    hours_per_day = project.minutes_per_day / 60
    calendars = CalendarMapper(project, findings, known_calendars)
    calendar_id = calendars.calendar_id(project.calendar_uid, hours_per_day)
    people = map_people(project, findings, calendars, known_people, hours_per_day)
    roots = build_outline(project.tasks, findings)
    tasks = TaskMapper(project, roots, findings, calendars, people.staff, project_id).build()
    in_use = {project.calendar_uid} | {calendars.base_of(staff.calendar_uid) for staff in people.staff.values()}
    _pin_start_time(tasks, start, calendars, in_use)
    nodes = walk(roots)
    result.task_paths = {node.task.uid: node.path for node in nodes}

    name = clean_name(project.title or project.name.removesuffix(".xml"), project_id)
    document: dict[str, Any] = {"name": name, "start": start.date().isoformat(), "calendar": calendar_id}
    if project.status_date is not None and project.status_date.date() >= start.date():
        document["status_date"] = project.status_date.date().isoformat()
    document["tasks"] = tasks
    origin = source.name
    text = _header(origin) + "# After each task's id: its UID in MS Project.\n"
    files = {project_file: text + annotate(to_yaml(_flow(document)), [(n.id, f"UID {n.task.uid}") for n in nodes])}
    if calendars.entries:  # every text is made before anything is written: a refusal leaves the portfolio as it was
        comments = _from(calendars.comments, origin)
        entries = _flow(calendars.entries)
        files[root / "calendars.yaml"] = append_entries(calendars_text, "calendars", entries, comments, _header(origin))
    if people.entries:
        comments = _from(people.comments, origin)
        entries = _flow(people.entries)
        files[root / "people.yaml"] = append_entries(people_text, "people", entries, comments, _header(origin))
    if not (root / "portfolio.yaml").exists():
        currency = project.currency if _CURRENCY.match(project.currency) else "XXX"
        if currency == "XXX":
            findings.add(project.line, "PM402", "the file names no currency: portfolio.yaml says XXX, set yours")
        portfolio = {"name": name, "currency": currency, "calendar": calendar_id}
        files[root / "portfolio.yaml"] = _header(origin) + to_yaml(portfolio)
    for path, content in files.items():
        write_atomic(path, content)
        result.written.append(path)
    result.findings.extend(sort_diagnostics(findings.items))
    return result
