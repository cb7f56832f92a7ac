"""The forward pass: every leaf task placed as early as its links, constraints and people allow.

Serial schedule generation: a task becomes ready when everything it waits for is placed; among ready tasks the
highest `priority` goes first, ties to the task declared first. With leveling, a task whose people are booked
elsewhere is delayed, never split, until each of them has room for it (TaskJuggler's and MS Project's leveling
order; MS Project's "delay only" resolution). Without people, or with leveling off, this is the classic
critical-path forward pass. Summary gates and roll-ups are resolved the moment their inputs are known, so the
whole pass is linear in tasks + links, plus the leveling searches.
"""

from __future__ import annotations

import heapq

from pmcode.model import Portfolio, TaskKind
from pmcode.schedule.calendar import MINUTES_PER_DAY, BeyondHorizon, WorkingTime
from pmcode.schedule.calendars import Calendars
from pmcode.schedule.leveling import Piece, contoured, place_leveled_effort
from pmcode.schedule.load import Booking, Load
from pmcode.schedule.network import FINISH, FIRST_START, START, Link, Network
from pmcode.schedule.placed import EARLIEST, Placed, Unplaced
from pmcode.schedule.placement import (
    Bounds,
    Worker,
    effort_start_for_finish,
    place_duration,
    place_effort,
    place_elapsed,
    place_milestone,
)
from pmcode.schedule.tracked import StatusMoments, book_history, place_tracked
from pmcode.schedule.tracking import Tracking


class Forward:
    def __init__(
        self,
        portfolio: Portfolio,
        network: Network,
        calendars: Calendars,
        *,
        level: bool,
        tracking: Tracking | None = None,
    ) -> None:
        self.portfolio, self.network, self.calendars, self.level = portfolio, network, calendars, level
        self.tracking = tracking if tracking is not None else Tracking(portfolio, network)
        self.status = StatusMoments(self.tracking, calendars, portfolio)
        count = 4 * len(network.tasks)
        self.raw = [EARLIEST] * count  # earliest moment from links and parents
        self.snap = [EARLIEST] * count  # earliest moment from start constraints: snapped to working time
        self.value: list[int | None] = [None] * count
        self.blocked: list[str | None] = [None] * count  # why an event cannot happen
        self.cause: list[int] = [-1] * count  # ... because of which task (-1: the event's own task)
        self.pending = [0] * count
        self.links: dict[tuple[int, int], list[Link]] = {}
        for link in network.links:
            self.links.setdefault((link.source, link.target), []).append(link)
        self.loads = {p.id: Load(p.units) for p in portfolio.people.values()}
        self.times = calendars.of_tasks(network.tasks)  # each task's project calendar
        self.results: list[Placed | Unplaced | None] = [None] * len(network.tasks)
        self.notes: list[tuple[int, str, str]] = []  # (task, code, message): findings met while placing
        starts = {project.id: calendars.base.moment(project.start) for project in portfolio.projects.values()}
        for node in network.tasks:
            base = 4 * node.index
            start = starts[node.key[0]]
            if node.task.start is not None:
                start = max(start, calendars.base.moment(node.task.start.when))
            self.snap[base + START] = max(start, self.status.floor(node)) if self.status.next else start
        pending, tasks = self.pending, network.tasks
        for source, targets in enumerate(network.out):
            internal = source + 1 if source % 4 == START and tasks[source // 4].leaf else -1  # _internal_target
            for target in targets:
                if target != internal:
                    pending[target] += 1
        self.history = book_history(self)  # work done: known before any planning

    def _internal_target(self, source: int) -> int:
        """A leaf's finish, from its start: joined by the task's own length, not by a link (-1 elsewhere)."""
        return source + 1 if source % 4 == START and self.network.tasks[source // 4].leaf else -1

    # -- the pass -------------------------------------------------------------------------------------------

    def run(self) -> list[Placed | Unplaced | None]:
        ready: list[tuple[int, int]] = []
        virtual: list[int] = []
        for node in self.network.tasks:
            base = 4 * node.index
            if node.leaf:
                if self.pending[base + START] == 0 and self.pending[base + FINISH] == 0:
                    heapq.heappush(ready, (-node.priority, node.index))
            else:
                virtual.extend(base + end for end in (START, FINISH) if self.pending[base + end] == 0)
        while ready or virtual:
            while virtual:
                self._resolve_virtual(virtual.pop(), ready, virtual)
            if ready:
                _, index = heapq.heappop(ready)
                self._schedule_leaf(index)
                base = 4 * index
                self._release(base + START, ready, virtual)
                self._release(base + FINISH, ready, virtual)
        return self.results

    def _resolve_virtual(self, node: int, ready: list[tuple[int, int]], virtual: list[int]) -> None:
        if node % 4 in (START, FINISH):
            self.value[node] = self.raw[node]
        self._release(node, ready, virtual)

    def _release(self, source: int, ready: list[tuple[int, int]], virtual: list[int]) -> None:
        """Pass an event's moment, or why it cannot happen, to the events after it; queue those now complete."""
        tasks, pending, value, raw, blocked = self.network.tasks, self.pending, self.value, self.raw, self.blocked
        internal, why, moment = self._internal_target(source), blocked[source], value[source]
        for target in self.network.out[source]:
            if target == internal:
                continue
            index, end = divmod(target, 4)
            node = tasks[index]
            if why is not None:
                if blocked[target] is None:
                    blocked[target], self.cause[target] = why, self.cause[source]
            elif end >= FIRST_START and not node.leaf:  # a summary's roll-up: earliest child start, latest finish
                if moment is not None:
                    current = value[target]
                    pick = min if end == FIRST_START else max
                    value[target] = moment if current is None else pick(current, moment)
            elif links := self.links.get((source, target)):
                if moment is not None:
                    for link in links:
                        try:
                            raw[target] = max(raw[target], self._link_bound(link, moment))
                        except BeyondHorizon:
                            blocked[target] = "its link lands after the end of the scheduling horizon"
            else:  # a summary gate passes its bounds down to a child
                if raw[source] > raw[target]:
                    raw[target] = raw[source]
                if self.snap[source] > self.snap[target]:
                    self.snap[target] = self.snap[source]
            pending[target] -= 1
            if pending[target]:
                continue
            if node.leaf:
                if pending[4 * index + START] == 0 and pending[4 * index + FINISH] == 0:
                    heapq.heappush(ready, (-node.priority, index))
            else:
                virtual.append(target)

    def _link_bound(self, link: Link, moment: int) -> int:
        lag = link.dependency.lag
        if lag is None or lag.amount == 0:
            return moment
        if lag.elapsed:
            return moment + round(lag.elapsed_hours() * 60)
        minutes = self.lag_minutes(link)
        if minutes == 0:  # e.g. a percentage of a milestone: no lag, not a snap back to the last working minute
            return moment
        time = self.times[link.succ]
        return time.end_at(time.work_before(moment) + minutes)

    def lag_minutes(self, link: Link) -> int:
        """A working-time lag in minutes of the successor's project calendar; a percentage lag is a share of the
        predecessor's working time as placed."""
        lag = link.dependency.lag
        if lag is None:
            return 0
        succ = self.network.tasks[link.succ]
        if lag.is_percent:
            pred = self.network.tasks[link.pred]
            placed = self.placed_span(link.pred)
            if placed is None:
                return 0
            span = self.calendars.project(pred.project).working_between(*placed)
            return round(span * lag.amount / 100)
        hours_per_day = self.calendars.hours_per_day(self.calendars.project_calendar_id(succ.project))
        return round(lag.working_hours(hours_per_day) * 60)

    def placed_span(self, index: int) -> tuple[int, int] | None:
        """Start and finish of a placed task; of a summary, from the first start to the last finish below it."""
        node = self.network.tasks[index]
        if node.leaf:
            placed = self.results[index]
            return (placed.start, placed.finish) if isinstance(placed, Placed) else None
        spans = [self.placed_span(child) for child in node.children]
        known = [span for span in spans if span is not None]
        if not known or len(known) < len(spans):
            return None
        return min(start for start, _ in known), max(finish for _, finish in known)

    # -- one leaf ------------------------------------------------------------------------------------------

    def _worker(self, index: int, person_id: str, requested: float | None) -> Worker | None:
        person = self.portfolio.people.get(person_id)
        if person is None:
            return None
        units = requested if requested is not None else person.units
        if units > person.units + 1e-9:
            message = (
                f"'{person.id}' is assigned at {units:.0%} to '{self.network.tasks[index].task.path}' but works "
                f"{person.units:.0%}; scheduled at {person.units:.0%}"
            )
            self.notes.append((index, "PM304", message))
            units = person.units
        return Worker(person.id, self.calendars.person(person), units, units * person.efficiency)

    def people(self, index: int) -> list[Worker]:
        workers = []
        for assignment in self.network.tasks[index].task.assign:
            worker = self._worker(index, assignment.person, assignment.units)
            if worker is not None:
                workers.append(worker)
        return workers

    def _with_alternatives(self, index: int, workers: list[Worker], effort: int, earliest: int) -> list[Worker]:
        """For each assignment with alternatives, in order, whoever finishes the task first (ties: as written)."""
        assignments = [a for a in self.network.tasks[index].task.assign if a.person in self.portfolio.people]
        for position, assignment in enumerate(assignments):
            if not assignment.alternatives:
                continue
            best: tuple[int, list[Worker]] | None = None
            for candidate in (assignment.person, *assignment.alternatives):
                if candidate != assignment.person and any(w.person == candidate for w in workers):
                    continue  # already on the task
                worker = self._worker(index, candidate, assignment.units)
                if worker is None:
                    continue
                trial = [*workers[:position], worker, *workers[position + 1 :]]
                try:
                    _, finish, _ = place_leveled_effort(trial, [self.loads[w.person] for w in trial], effort, earliest)
                except BeyondHorizon:
                    continue
                if best is None or finish < best[0]:
                    best = (finish, trial)
            if best is not None:
                workers = best[1]
        return workers

    def place_span(self, index: int, workers: list[Worker], bounds: Bounds, share: float = 1.0) -> tuple[int, int]:
        """Start and finish of the task's work (`share` of it: what is left after the status date)."""
        node = self.network.tasks[index]
        task = node.task
        time = self.times[index]
        hours_per_day = self.calendars.hours_per_day(self.calendars.project_calendar_id(node.project))
        if task.kind is TaskKind.MILESTONE:
            return place_milestone(time, bounds)
        if task.kind is TaskKind.EFFORT and task.effort is not None and workers:
            minutes = round(task.effort.working_hours(hours_per_day) * 60 * share)
            return place_effort(workers, minutes, bounds) if minutes else place_milestone(time, bounds)
        duration = task.duration or task.effort
        if duration is None:
            return place_milestone(time, bounds)
        if duration.elapsed:
            return place_elapsed(time, round(duration.elapsed_hours() * 60 * share), bounds)
        minutes = round(duration.working_hours(hours_per_day) * 60 * share)
        return place_duration(time, minutes, bounds) if minutes else place_milestone(time, bounds)

    def _schedule_leaf(self, index: int) -> None:
        base = 4 * index
        event = base + START if self.blocked[base + START] is not None else base + FINISH
        reason = self.blocked[event]
        if reason is not None:
            self._fail(index, reason, self.cause[event])
            return
        workers = self.people(index)
        bounds = Bounds(self.raw[base + START], self.snap[base + START], self.raw[base + FINISH])
        track = self.tracking.tasks.get(index) if self.tracking.tasks else None
        try:
            if track is not None and (track.finished or track.started):
                placed = place_tracked(self, index, workers, bounds, track)
            else:
                bounds = self._hard_constraints(index, workers, bounds)
                floor = self.status.floor(self.network.tasks[index]) if self.status.next else EARLIEST
                if floor > EARLIEST:  # not started, in a project with actuals: not before the status date
                    bounds = Bounds(bounds.start, max(bounds.snapped, floor), bounds.finish)
                placed = self.place_work(index, workers, bounds)
                if floor > EARLIEST:
                    placed.resume = placed.start
        except BeyondHorizon:
            self._fail(index, self._why_unplaceable(workers))
            return
        self.results[index] = placed
        self.value[base + START], self.value[base + FINISH] = placed.start, placed.finish

    def is_tracked(self, index: int) -> bool:
        """Finished or started: fixed at its actual dates (the work left, if any, placed from the status date)."""
        track = self.tracking.of(index)
        return track is not None and (track.finished or track.started)

    def place_work(self, index: int, workers: list[Worker], bounds: Bounds, share: float = 1.0) -> Placed:
        """The task's work (or `share` of it) placed and booked: leveled effort, or fixed-length work."""
        effort = round(self.effort_minutes(index) * share)
        if self.level and workers and effort:
            return self._leveled_effort(index, workers, bounds, effort)
        return self.fixed(index, workers, bounds, share)

    def _hard_constraints(self, index: int, workers: list[Worker], bounds: Bounds) -> Bounds:
        """`must_start_on` / `must_finish_on` replace every other bound; a link they break is reported."""
        task = self.network.tasks[index].task
        constraint = task.must_start_on or task.must_finish_on
        if constraint is None:
            return bounds
        time = self.calendars.project(self.network.tasks[index].project)
        moment = self.calendars.base.moment(constraint.when)
        start, finish = self.place_span(index, workers, bounds)
        if task.must_start_on is not None:
            fixed = Bounds(EARLIEST, moment, EARLIEST) if constraint.whole_day else Bounds(moment, EARLIEST, EARLIEST)
            late, key, written = start > time.next_working(moment), "must_start_on", "start"
        else:
            if constraint.whole_day:  # the end of that day's work
                moment = time.end_at(time.work_before(moment + MINUTES_PER_DAY))
            fixed = Bounds(EARLIEST, EARLIEST, moment)
            late, key, written = finish > moment, "must_finish_on", "finish"
        if late:
            when = self.calendars.base.datetime(start if written == "start" else finish)
            on = f"{constraint.when:%Y-%m-%d}" if constraint.whole_day else f"{constraint.when:%Y-%m-%d %H:%M}"
            message = (
                f"'{task.path}' must {written} on {on} ({key}), but its links would {written} it at "
                f"{when:%Y-%m-%d %H:%M}; the constraint wins"
            )
            self.notes.append((index, "PM306", message))
        return fixed

    def effort_minutes(self, index: int) -> int:
        node = self.network.tasks[index]
        if node.task.kind is not TaskKind.EFFORT or node.task.effort is None:
            return 0
        hours_per_day = self.calendars.hours_per_day(self.calendars.project_calendar_id(node.project))
        return round(node.task.effort.working_hours(hours_per_day) * 60)

    def _leveled_effort(self, index: int, workers: list[Worker], bounds: Bounds, effort: int) -> Placed:
        """Effort on the capacity people have left; a finish-to-finish bound moves the start as a block."""
        earliest = max(bounds.start, bounds.snapped)
        workers = self._with_alternatives(index, workers, effort, earliest)
        loads = [self.loads[w.person] for w in workers]
        start, finish, pieces = place_leveled_effort(workers, loads, effort, earliest)
        if finish < bounds.finish:
            earliest = max(earliest, effort_start_for_finish(workers, bounds.finish, effort))
            start, finish, pieces = place_leveled_effort(workers, loads, effort, earliest)
        placed = Placed(start, finish)
        times = {w.person: w.time for w in workers}
        for piece in pieces:
            self.book(index, placed, piece, times[piece.person])
        return placed

    def book(self, index: int, placed: Placed, piece: Piece, time: WorkingTime, *, done: bool = False) -> float:
        """Book a piece of work for the task's person and count its hours; returns them. `done`: work reported
        done, booked as it happened (over-allocation is not reported for it: it is history, not a plan)."""
        self.loads[piece.person].add(Booking(index, piece.start, piece.finish, piece.fraction, done))
        worked = piece.fraction * time.working_between(piece.start, piece.finish) / 60
        placed.hours[piece.person] = placed.hours.get(piece.person, 0.0) + worked
        placed.pieces.append(piece)
        return worked

    def count(self, placed: Placed, piece: Piece, time: WorkingTime) -> float:
        """Count a piece of work, booked already, as the task's: its hours and its days."""
        worked = piece.fraction * time.working_between(piece.start, piece.finish) / 60
        placed.hours[piece.person] = placed.hours.get(piece.person, 0.0) + worked
        placed.pieces.append(piece)
        return worked

    def fixed(self, index: int, workers: list[Worker], bounds: Bounds, share: float = 1.0) -> Placed:
        """Fixed-length work (a duration, a milestone): leveling never moves it. Its people give it their units
        where they are free and what is left where they are not; a shortfall is reported, never overbooked."""
        start, finish = self.place_span(index, workers, bounds, share)
        placed = Placed(start, finish)
        for worker in workers:
            load = self.loads[worker.person]
            planned = worker.units * worker.time.working_between(start, finish) / 60
            if not self.level:
                if finish > start:
                    self.book(index, placed, Piece(worker.person, start, finish, worker.units), worker.time)
                placed.hours.setdefault(worker.person, 0.0)
                continue
            placed.hours.setdefault(worker.person, 0.0)
            worked = 0.0
            for piece in contoured(worker, load, start, finish):
                worked += self.book(index, placed, piece, worker.time)
            if planned - worked > 0.05:
                path = self.network.tasks[index].task.path
                message = (
                    f"'{worker.person}' has room for {worked:.0f} of the {planned:.0f} hours planned on '{path}': "
                    "booked elsewhere during its span"
                )
                self.notes.append((index, "PM305", message))
        return placed

    def _why_unplaceable(self, workers: list[Worker]) -> str:
        people = [self.portfolio.people[w.person] for w in workers]
        if people and all(p.available_to is not None for p in people):
            names = ", ".join(f"'{p.id}' (available until {p.available_to})" for p in people)
            return f"nobody assigned to it can work any more: {names}"
        idle = [w.person for w in workers if w.time.total == 0]
        if idle and len(idle) == len(workers):
            return f"{', '.join(repr(p) for p in idle)} never work in their calendar"
        return "it finds no working time before the end of the scheduling horizon"

    def _fail(self, index: int, reason: str, cause: int = -1) -> None:
        """Not placeable, for `reason`; `cause`: the task that cannot be scheduled first, if not this one. What
        waits for it cannot be scheduled either, and names the same first cause."""
        self.results[index] = Unplaced(reason, None if cause < 0 else cause)
        base = 4 * index
        self.blocked[base + START] = self.blocked[base + FINISH] = reason
        self.cause[base + START] = self.cause[base + FINISH] = index if cause < 0 else cause
