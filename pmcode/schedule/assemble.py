"""Turn the passes' moments into the Schedule: dates, float, critical flags, hours, findings."""

from __future__ import annotations

from datetime import datetime

from pmcode.diagnostics import Diagnostic
from pmcode.model import Portfolio
from pmcode.schedule.backward import LATEST
from pmcode.schedule.calendar import MINUTES_PER_DAY
from pmcode.schedule.calendars import Calendars
from pmcode.schedule.forward import Forward
from pmcode.schedule.load import Load
from pmcode.schedule.network import FINISH, FIRST_START, LAST_FINISH, START, Network
from pmcode.schedule.phased import Daily, daily_hours
from pmcode.schedule.placed import Placed, Unplaced
from pmcode.schedule.progress import UNTRACKED, Progress
from pmcode.schedule.result import AssignmentHours, OverAllocation, ProjectSchedule, Schedule, TaskSchedule

CRITICAL_MINUTES = 1  # total float below one minute: any delay delays the project


class Assembler:
    def __init__(
        self, portfolio: Portfolio, network: Network, calendars: Calendars, forward: Forward, late: list[int]
    ) -> None:
        self.portfolio, self.network, self.calendars, self.forward = portfolio, network, calendars, forward
        self.late = late
        self.base = calendars.base
        self.findings: list[Diagnostic] = []
        self.daily: dict[tuple[int, str], Daily] = {}
        self.progress = Progress(forward)
        self.tasks: list[TaskSchedule | None] = [None] * len(network.tasks)
        self.moments: dict[int, datetime] = {}  # a moment's datetime, made once: tasks share their 9:00 and 17:00
        self.times = calendars.of_tasks(network.tasks)  # each task's project calendar

    def _datetime(self, moment: int | None) -> datetime | None:
        if moment is None or moment >= LATEST:
            return None
        known = self.moments.get(moment)
        if known is None:
            known = self.moments[moment] = self.base.datetime(moment)
        return known

    def _dates(self, index: int) -> tuple[int | None, int | None]:
        node = self.network.tasks[index]
        base = 4 * index
        if node.leaf:
            placed = self.forward.results[index]
            return (placed.start, placed.finish) if isinstance(placed, Placed) else (None, None)
        if self.forward.blocked[base + 2] or self.forward.blocked[base + 3]:
            return None, None
        return self.forward.value[base + FIRST_START], self.forward.value[base + LAST_FINISH]

    def _float(self, index: int, finish: int) -> float | None:
        late = self.late[4 * index + (FINISH if self.network.tasks[index].leaf else LAST_FINISH)]
        if late >= LATEST:
            return None
        time = self.times[index]
        return (time.work_before(late) - time.work_before(finish)) / 60

    def _free_float(self, index: int, total: float | None) -> float | None:
        slack = None
        for link in self.network.links_from[index]:
            source_value = self.forward.value[link.source]
            target_value = self.forward.value[link.target]
            if source_value is None or target_value is None or self.forward.blocked[link.target]:
                continue  # a successor that cannot be scheduled (its summary's gate has a value all the same)
            time = self.times[link.succ]
            bound = self.forward._link_bound(link, source_value)
            gap = (time.work_before(target_value) - time.work_before(bound)) / 60
            slack = gap if slack is None else min(slack, gap)
        if slack is None:
            return total
        return max(slack, 0.0)

    def build(self) -> Schedule:
        self.daily = self._daily()
        for node in reversed(self.network.tasks):  # children before their summaries
            self.tasks[node.index] = self._task(node.index)
        projects = []
        by_project: dict[str, list[TaskSchedule]] = {}
        for row in self.tasks:
            if row is not None:
                by_project.setdefault(row.project, []).append(row)
        for project in self.portfolio.projects.values():
            rows = tuple(by_project.get(project.id, ()))
            starts = [t.start for t in rows if t.start is not None]
            finishes = [t.finish for t in rows if t.finish is not None]
            projects.append(
                ProjectSchedule(
                    project.id,
                    project.name,
                    min(starts, default=None),
                    max(finishes, default=None),
                    rows,
                    self.forward.tracking.status.get(project.id),
                    self.calendars.hours_per_day(self.calendars.project_calendar_id(project)),
                )
            )
        overallocations = tuple(self._overallocations())
        for index, code, message in self.forward.notes:
            task = self.network.tasks[index].task
            where = {"PM306": "must_start_on" if task.must_start_on else "must_finish_on"}.get(code, "assign")
            self.findings.append(Diagnostic.at(task.src.at(where, key=True), code, message))
        self.findings.extend(self.forward.tracking.findings)
        findings = tuple(sorted(set(self.findings), key=lambda d: d.sort_key))
        return Schedule(tuple(projects), findings, overallocations, self.forward.level)

    def _task(self, index: int) -> TaskSchedule:
        node = self.network.tasks[index]
        task = node.task
        start, finish = self._dates(index)
        children = [self.tasks[c] for c in node.children]
        hours: dict[str, float] = {}
        if node.leaf:
            placed = self.forward.results[index]
            if isinstance(placed, Placed):
                hours = dict(placed.hours)
        else:
            for child in children:
                for assignment in child.assignments if child else ():
                    hours[assignment.person] = hours.get(assignment.person, 0.0) + assignment.hours
        total = free = None
        late_start = late_finish = None
        if finish is not None:
            if node.leaf:
                total = self._float(index, finish)
                free = self._free_float(index, total)
                late_start = self.late[4 * index + START]
                late_finish = self.late[4 * index + FINISH]
            else:
                floats = [c.total_float_hours for c in children if c and c.total_float_hours is not None]
                total = min(floats, default=None)
                free = None
        progress = self.progress.of(index) if self.forward.tracking.status else UNTRACKED
        critical = total is not None and total * 60 < CRITICAL_MINUTES and not progress.finished
        unscheduled = None
        result = self.forward.results[index]
        if isinstance(result, Unplaced):
            unscheduled = self._unplaced_reason(index, result)
            message = f"task '{task.path}' cannot be scheduled: {unscheduled}"
            self.findings.append(Diagnostic.at(task.src.at("id"), "PM302", message))
        if task.deadline is not None:
            self._deadline(index, finish)
        when, daily = self._datetime, self.daily
        return TaskSchedule(
            project=node.key[0],
            path=task.path,
            name=task.name,
            kind=task.kind,
            depth=task.path.count("."),
            start=when(start),
            finish=when(finish),
            late_start=when(late_start),
            late_finish=when(late_finish),
            total_float_hours=None if total is None else round(total, 2),
            free_float_hours=None if free is None else round(free, 2),
            critical=critical,
            assignments=tuple(
                AssignmentHours(p, round(h, 2), daily.get((index, p), ())) for p, h in sorted(hours.items())
            ),
            deadline=task.deadline,
            unscheduled=unscheduled,
            percent_complete=progress.percent,
            actual_start=progress.start,
            actual_finish=progress.finish,
            remaining_start=None if progress.resume is None else when(progress.resume),
        )

    def _unplaced_reason(self, index: int, result: Unplaced) -> str:
        """Why a task has no dates: its own reason, or the first task it waits for that has none, and why."""
        if result.cause is None:
            return result.reason
        project, path = self.network.tasks[result.cause].key
        name = path if project == self.network.tasks[index].key[0] else f"{project}:{path}"
        return f"waits for '{name}', which cannot be scheduled: {result.reason}"

    def _daily(self) -> dict[tuple[int, str], Daily]:
        """Each person's hours per day on every placed leaf, in their own working time, and on the summaries."""
        people, calendars = self.portfolio.people, self.calendars
        booked = ((i, p.pieces) for i, p in enumerate(self.forward.results) if isinstance(p, Placed) and p.pieces)
        parents = [node.parent for node in self.network.tasks]
        return daily_hours(booked, lambda person: calendars.person(people[person]), parents, self.base.epoch)

    def _deadline(self, index: int, finish: int | None) -> None:
        task = self.network.tasks[index].task
        if task.deadline is None or finish is None:
            return
        limit = self.base.moment(task.deadline) + MINUTES_PER_DAY
        if finish <= limit:
            return
        time = self.times[index]
        hours_per_day = self.calendars.hours_per_day(
            self.calendars.project_calendar_id(self.network.tasks[index].project)
        )
        late_days = (time.work_before(finish) - time.work_before(limit)) / 60 / hours_per_day
        when = self.base.datetime(finish)
        message = (
            f"'{task.path}' finishes {when:%Y-%m-%d %H:%M}, after its deadline {task.deadline} "
            f"({late_days:.1f} working days late)"
        )
        self.findings.append(Diagnostic.at(task.src.at("deadline"), "PM301", message))

    def _overallocations(self) -> list[OverAllocation]:
        results = []
        for person_id, booked in sorted(self.forward.loads.items()):
            load = booked
            if any(b.done for b in booked.bookings):  # over-allocation of the plan, not of what was done
                load = Load(booked.capacity)
                for booking in booked.bookings:
                    if not booking.done:
                        load.add(booking)
            person = self.portfolio.people[person_id]
            time = self.calendars.person(person)
            stretches = [(s, f, level) for s, f, level in load.over() if time.working_between(s, f) > 0]
            if not stretches:
                continue
            minutes = sum(time.working_between(s, f) for s, f, _ in stretches)
            hours_per_day = self.calendars.hours_per_day(person.calendar or self.portfolio.calendar or "default")
            tasks = sorted(
                {
                    ":".join(self.network.tasks[b.task].key)
                    for b in load.bookings
                    for s, f, _ in stretches
                    if b.start < f and s < b.finish
                }
            )
            first = self.base.date(stretches[0][0])
            last = self.base.date(stretches[-1][1] - 1) if stretches[-1][1] > 0 else first
            peak = max(level for _, _, level in stretches) / person.units * 100
            results.append(
                OverAllocation(
                    person_id, first, last, round(minutes / 60 / hours_per_day, 2), round(peak), tuple(tasks)
                )
            )
            message = (
                f"'{person_id}' is booked up to {peak:.0f}% of their time on {minutes / 60 / hours_per_day:.1f} "
                f"working days between {first} and {last}: {', '.join(tasks[:5])}"
                + (f" and {len(tasks) - 5} more" if len(tasks) > 5 else "")
            )
            self.findings.append(Diagnostic.at(person.src.at("id"), "PM303", message))
        return results
