"""MS Project tasks -> pmcode tasks: kinds, durations, links, constraints, people.

The mapping, task by task:
- a task with subtasks is a summary; a zero-length task is a milestone (a 'milestone' flagged on a task that has a
  duration keeps the duration, reported);
- a task whose resources do the work (fixed units or fixed work, flat contours, every assignment as long as the
  others) becomes `effort` (the assignments' total work) with `assign`: its length follows from who works, in
  their calendars, as in MS Project. Fixed-duration tasks, elapsed durations and assignments of unequal length keep
  their `duration`, and `assign` books the people for it;
- links keep their type; lags are written in the unit they were typed in (a percentage stays a percentage);
- start-no-earlier-than becomes `start`, must-start-on / must-finish-on `must_start_on` / `must_finish_on`,
  as-late-as-possible `alap`; the other constraints have no pmcode equivalent and are reported;
- a manual task is pinned where MS Project shows it (`must_start_on` its start), since pmcode schedules every task.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pmcode.mspdi.calendars_in import CalendarMapper, Flat
from pmcode.mspdi.findings import Findings
from pmcode.mspdi.outline import Node, References, walk
from pmcode.mspdi.slugs import clean_name
from pmcode.mspdi.source import MsAssignment, MsProject, MsTask
from pmcode.mspdi.units import PERCENT_FORMATS, Scale, amount_text, duration_format
from pmcode.text import plural, quote

LINK_TYPES = {0: "FF", 1: "FS", 2: "SF", 3: "SS"}
ALAP, MSO, MFO, SNET, SNLT, FNET, FNLT = 1, 2, 3, 4, 5, 6, 7
_UNMAPPED_CONSTRAINTS = {SNLT: "start no later than", FNET: "finish no earlier than", FNLT: "finish no later than"}
FIXED_DURATION = 1
DEFAULT_PRIORITY = 500
MAX_TEXT = 10000


@dataclass(frozen=True, slots=True)
class Staff:
    """An imported resource: the person id, their units, and the MS Project calendar they work in."""

    person: str
    units: float
    calendar_uid: int


def moment_text(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M")


def day_or_moment(when: datetime, flat: Flat, edge: str) -> str:
    """The date alone when it means the same moment (`edge`: 'start' of the day's work, 'after' = the first working
    moment on or after, 'end' of the day's work), else the date and time."""
    hours = flat.working(when.date())
    minute = when.hour * 60 + when.minute
    same = {
        "after": not hours or minute <= hours[0][0],
        "start": bool(hours) and minute == hours[0][0],
        "end": bool(hours) and minute == hours[-1][1],
    }[edge]
    return when.date().isoformat() if same else moment_text(when)


class TaskMapper:
    def __init__(
        self,
        project: MsProject,
        roots: list[Node],
        findings: Findings,
        calendars: CalendarMapper,
        staff: dict[int, Staff],
        project_id: str,
    ) -> None:
        self.project, self.roots, self.findings = project, roots, findings
        self.calendars, self.staff = calendars, staff
        self.scale = Scale(project.minutes_per_day, project.minutes_per_week, project.days_per_month)
        self.flat = calendars.flat(project.calendar_uid)
        self.references = References(roots, project_id)
        self.by_uid = {node.task.uid: node for node in walk(roots)}
        self.assignments: dict[int, list[MsAssignment]] = {}
        for assignment in project.assignments:
            self.assignments.setdefault(assignment.task_uid, []).append(assignment)
        self.estimated: list[MsTask] = []
        self.in_progress: list[MsTask] = []

    def build(self) -> list[dict[str, Any]]:
        tasks = [self._task(node, DEFAULT_PRIORITY) for node in self.roots]
        self._summarise()
        return tasks

    def _summarise(self) -> None:
        if self.estimated:
            first = self.estimated[0]
            self.findings.add(
                first.line,
                "PM402",
                f"estimated durations ('?') are imported as plain ones: {plural(len(self.estimated), 'task')}, "
                f"the first {quote(first.name)}",
            )
        if self.in_progress:
            first = self.in_progress[0]
            self.findings.add(
                first.line,
                "PM401",
                "progress (percent complete, actual dates) is not imported, only the plan: "
                f"{plural(len(self.in_progress), 'task')}, the first {quote(first.name)} (record progress in actuals/)",
            )

    # -- one task -----------------------------------------------------------------------------------------------

    def _task(self, node: Node, inherited_priority: int) -> dict[str, Any]:
        task = node.task
        entry: dict[str, Any] = {"id": node.id, "name": clean_name(task.name, f"Task {task.uid}")}
        notes = task.notes.replace("\r\n", "\n").replace("\r", "\n")
        notes = "".join(c for c in notes if c in "\n\t" or (ord(c) >= 0x20 and c != "\x7f"))[:MAX_TEXT].strip()
        if notes:
            entry["description"] = notes
        if task.estimated or duration_format(task.duration_format).estimated:
            self.estimated.append(task)
        if task.percent_complete > 0 or task.actual_start is not None:
            self.in_progress.append(task)
        if node.children:
            self._summary(node, entry)
        else:
            self._leaf(node, entry)
        depends = self._links(node)
        if depends:
            entry["depends"] = depends
        self._constraint(node, entry)
        if task.deadline is not None:
            entry["deadline"] = (task.deadline - timedelta(minutes=1)).date().isoformat()
        priority = min(max(task.priority, 0), 1000)
        if priority != inherited_priority:
            entry["priority"] = priority
        if node.children:
            entry["tasks"] = [self._task(child, priority) for child in node.children]
        return entry

    def _summary(self, node: Node, entry: dict[str, Any]) -> None:
        task = node.task
        if task.recurring:
            self.findings.add(
                task.line,
                "PM402",
                f"recurring task {quote(task.name)} is imported as its {len(node.children)} occurrences; the "
                "recurrence rule is not kept",
            )
        if task.manual:
            self.findings.add(task.line, "PM401", f"manually scheduled summary {quote(task.name)}: its dates roll up")
        if any(a.resource_uid in self.staff for a in self.assignments.get(task.uid, ())):
            self.findings.add(task.line, "PM402", f"people assigned to summary {quote(task.name)} are not imported")

    def _leaf(self, node: Node, entry: dict[str, Any]) -> None:
        task = node.task
        fmt = duration_format(task.duration_format, self.project.duration_format)
        minutes = round(task.duration)
        people = [a for a in self.assignments.get(task.uid, ()) if a.resource_uid in self.staff and a.units > 0]
        if minutes <= 0:
            entry["milestone"] = True
            if any(a.work > 0 for a in people):
                self.findings.add(
                    task.line, "PM402", f"people assigned to milestone {quote(task.name)} are not imported"
                )
            return
        if task.milestone:
            self.findings.add(
                task.line,
                "PM402",
                f"{quote(task.name)} is flagged as a milestone but lasts {self.scale.working(minutes, fmt.unit)}: "
                "imported as a task (pmcode milestones have no length)",
            )
        if fmt.elapsed:
            entry["duration"] = self.scale.elapsed(minutes, fmt.unit)
        elif people and self._effort_driven(task, people):
            entry["effort"] = self.scale.working(sum(a.work for a in people), fmt.unit)
        else:
            entry["duration"] = self.scale.working(minutes, fmt.unit)
            self._span_checks(task, people, minutes)
        if people:
            entry["assign"] = [self._assignment(task, a) for a in people]
        if task.calendar_uid >= 0 and self.calendars.flat(task.calendar_uid) != self.flat:
            name = self.project.calendars[task.calendar_uid].name if task.calendar_uid in self.project.calendars else ""
            self.findings.add(
                task.line,
                "PM401",
                f"task {quote(task.name)} has its own calendar {quote(name)}: not modelled, scheduled in the project "
                "calendar",
            )
        if task.leveling_delay:
            self.findings.add(task.line, "PM401", f"the leveling delay of {quote(task.name)} is not imported")

    def _effort_driven(self, task: MsTask, people: list[MsAssignment]) -> bool:
        """Whether pmcode's effort model gives MS Project's dates: each assignment works all along the task (in
        its resource's calendar), so sharing the total work among the people ends when MS Project's does."""
        if task.type == FIXED_DURATION or any(a.contour or a.delay or a.work <= 0 for a in people):
            return False
        spans = [a.work / a.units for a in people]
        if max(spans) - min(spans) <= 1:
            return True
        if task.start is not None and task.finish is not None:
            own = [
                self.calendars.flat(self.staff[a.resource_uid].calendar_uid).working_minutes(task.start, task.finish)
                for a in people
            ]
            if all(abs(span - minutes) <= 1 for span, minutes in zip(spans, own, strict=True)):
                return True
        self.findings.add(
            task.line,
            "PM402",
            f"the assignments of {quote(task.name)} differ in length: imported as a duration that books its people",
        )
        return False

    def _span_checks(self, task: MsTask, people: list[MsAssignment], minutes: int) -> None:
        calendars = {
            self.calendars.flat(self.calendars.base_of(self.staff[a.resource_uid].calendar_uid)) for a in people
        }
        if calendars - {self.flat}:
            self.findings.add(
                task.line,
                "PM401",
                f"{quote(task.name)} keeps its duration in the project calendar; MS Project schedules it in its "
                "resources' calendars",
            )
            return
        if task.manual or task.start is None or task.finish is None or task.percent_complete > 0:
            return
        span = self.flat.working_minutes(task.start, task.finish)
        if span > minutes + 1:
            self.findings.add(
                task.line,
                "PM401",
                f"{quote(task.name)} is split or delayed in MS Project ({span / 60:g} working hours from start to "
                f"finish for a duration of {minutes / 60:g} h): pmcode schedules it in one piece",
            )

    def _assignment(self, task: MsTask, assignment: MsAssignment) -> str | dict[str, str]:
        staff = self.staff[assignment.resource_uid]
        if assignment.units > staff.units + 1e-9:
            self.findings.add(
                assignment.line,
                "PM402",
                f"'{staff.person}' is assigned to {quote(task.name)} at {assignment.units:.0%} but works at most "
                f"{staff.units:.0%}: pmcode schedules them at {staff.units:.0%}",
            )
        if abs(assignment.units - staff.units) < 1e-9:
            return staff.person
        return {"person": staff.person, "units": f"{amount_text(min(assignment.units, 9.99) * 100)}%"}

    # -- links and constraints -----------------------------------------------------------------------------------

    def _links(self, node: Node) -> list[str | dict[str, str]]:
        task = node.task
        depends: list[str | dict[str, str]] = []
        seen: set[int] = set()
        for link in task.links:
            pred = self.by_uid.get(link.pred_uid)
            if link.cross_project or pred is None:
                why = "another project" if link.cross_project else "an inactive or missing task"
                self.findings.add(link.line, "PM401", f"the link of {quote(task.name)} to {why} is left out")
                continue
            if pred is node or link.pred_uid in seen or _related(pred, node):
                continue
            seen.add(link.pred_uid)
            ref = self.references.to(pred.path, node.scope)
            kind = LINK_TYPES.get(link.type, "FS")
            lag = self._lag(task, link.lag, link.lag_format)
            if kind == "FS" and lag is None:
                depends.append(ref)
                continue
            item = {"task": ref} if kind == "FS" else {"task": ref, "type": kind}
            if lag is not None:
                item["lag"] = lag
            depends.append(item)
        return depends

    def _lag(self, task: MsTask, lag: float, lag_format: int) -> str | None:
        if not lag:
            return None
        fmt = duration_format(lag_format)
        if lag_format in PERCENT_FORMATS or lag_format - 32 in PERCENT_FORMATS:
            if fmt.elapsed:
                self.findings.add(
                    task.line, "PM402", f"an elapsed percentage lag of {quote(task.name)} counts working time"
                )
            return f"{amount_text(lag)}%"
        minutes = lag / 10
        return self.scale.elapsed(minutes, fmt.unit) if fmt.elapsed else self.scale.working(minutes, fmt.unit)

    def _constraint(self, node: Node, entry: dict[str, Any]) -> None:
        task = node.task
        kind, when = task.constraint_type, task.constraint_date
        leaf = not node.children
        if task.manual and leaf and task.start is not None:
            entry["must_start_on"] = day_or_moment(task.start, self.flat, "start")
            self.findings.add(
                task.line,
                "PM401",
                f"manually scheduled task {quote(task.name)} is pinned to its start (must_start_on): pmcode schedules "
                "every task",
            )
            return
        if kind == ALAP:
            if leaf:
                entry["alap"] = True
            else:
                self.findings.add(
                    task.line, "PM401", f"as-late-as-possible summary {quote(task.name)} is not supported"
                )
        if when is None:
            return
        if kind == SNET:
            entry["start"] = day_or_moment(when, self.flat, "after")
        elif kind in (MSO, MFO) and leaf:
            key, edge = ("must_start_on", "start") if kind == MSO else ("must_finish_on", "end")
            entry[key] = day_or_moment(when, self.flat, edge)
        elif kind in (MSO, MFO):
            self.findings.add(
                task.line, "PM401", f"a must-start/finish-on date on summary {quote(task.name)} is ignored"
            )
        elif kind in _UNMAPPED_CONSTRAINTS:
            self.findings.add(
                task.line,
                "PM401",
                f"{quote(task.name)}: the constraint '{_UNMAPPED_CONSTRAINTS[kind]} {moment_text(when)}' has no pmcode "
                "equivalent and is not imported",
            )


def _related(one: Node, other: Node) -> bool:
    """Whether one is the other's summary or subtask, at any depth (MS Project does not link those either)."""
    return other.path.startswith(one.path + ".") or one.path.startswith(other.path + ".")
