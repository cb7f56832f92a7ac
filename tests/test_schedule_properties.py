"""Properties every schedule must have, on random valid plans (tests/schedule_plans.py).

- every scheduled task finishes no earlier than it starts; a milestone is one moment;
- every link holds: the successor's end is no earlier than the predecessor's end plus the lag, the lag counted
  in working time of the successor's project calendar (or wall-clock when elapsed); with a zero or positive lag,
  simply no earlier than the predecessor's end; a link into a summary holds for every task below it. A start is
  never earlier; a finish (the end of a working minute) may be, but only across time nobody on the task works;
- a summary spans its children: earliest child start, latest child finish (unscheduled if a child is);
- after leveling nobody is booked above their units in any stretch they work, recomputed here from the bookings,
  and the hours booked do the effort of every effort task;
- a plan without people schedules the same with and without leveling;
- scheduling is deterministic, and `pmcode schedule --format json` is byte-identical across runs and processes
  (whatever the hash seed), with sorted keys and the fields of FORMAT.md's contract.
At the end, the plans these properties found scheduled wrongly, each kept as a regression test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from plans import write_plan
from schedule_plans import Plan, plans

from pmcode.cli import cli
from pmcode.model import LinkType, Portfolio, TaskKind
from pmcode.schedule import Schedule, TaskSchedule, schedule_portfolio
from pmcode.schedule.alap import shift_alap
from pmcode.schedule.assemble import Assembler
from pmcode.schedule.backward import Backward
from pmcode.schedule.calendar import BeyondHorizon, WorkingTime
from pmcode.schedule.calendars import Calendars
from pmcode.schedule.forward import Forward
from pmcode.schedule.network import Link, Network
from pmcode.schedule.placed import Placed
from pmcode.validate import ValidationResult, validate_root

# Budget: under a minute for the whole file on two loaded cores.
PROPERTIES = settings(
    max_examples=100,
    deadline=timedelta(seconds=5),  # generous for a loaded machine
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
MANY = settings(PROPERTIES, max_examples=350)  # the main property: ~40 ms an example
FEW = settings(PROPERTIES, max_examples=8)  # two processes an example: ~1 s
EPSILON = 1e-6


@contextmanager
def written(plan: Plan) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield write_plan(Path(folder), plan.files())


def validated(root: Path) -> ValidationResult:
    result = validate_root(root)
    errors = [f"{d.file}:{d.line} {d.code} {d.message}" for d in result.diagnostics if d.severity.value == "error"]
    assert errors == [], "the generator wrote an invalid plan"
    return result


@dataclass
class Run:
    """A schedule and the engine's own state behind it (the people's bookings)."""

    portfolio: Portfolio
    network: Network
    calendars: Calendars
    forward: Forward
    schedule: Schedule
    rows: dict[tuple[str, str], TaskSchedule]  # (project, path) -> row

    def task(self, index: int) -> TaskSchedule:
        return self.rows[self.network.tasks[index].key]


def run(result: ValidationResult, *, level: bool = True) -> Run:
    """schedule_portfolio's steps one by one, to keep the Forward pass and its loads at hand."""
    portfolio, network = result.portfolio, result.network
    calendars = Calendars(portfolio)
    forward = Forward(portfolio, network, calendars, level=level)
    forward.run()
    late = Backward(forward, calendars).run()
    shift_alap(forward, late)
    schedule = Assembler(portfolio, network, calendars, forward, late).build()
    assert schedule == schedule_portfolio(portfolio, level=level), "the steps above are no longer the engine's"
    rows = {(t.project, t.path): t for p in schedule.projects for t in p.tasks}
    return Run(portfolio, network, calendars, forward, schedule, rows)


def minutes(moment: datetime, calendars: Calendars) -> int:
    return calendars.base.moment(moment)


# -- the properties -------------------------------------------------------------------------------------------------


def check_dates(run: Run) -> None:
    for row in run.rows.values():
        if row.start is None or row.finish is None:
            assert row.summary or (row.start is None and row.finish is None and row.unscheduled), row
            continue
        assert row.finish >= row.start, row
        if row.milestone:
            assert row.start == row.finish, row


def _leaves_below(network: Network, index: int) -> list[int]:
    node = network.tasks[index]
    if node.leaf:
        return [index]
    return [leaf for child in node.children for leaf in _leaves_below(network, child)]


def _bound(run: Run, link: Link, moment: datetime) -> datetime:
    """The earliest moment the link allows the successor's end, from the predecessor's end (FORMAT.md: lags count
    working time of the successor's calendar unless elapsed; a percentage is of the predecessor's working time)."""
    lag = link.dependency.lag
    if lag is None or lag.amount == 0:
        return moment
    if lag.elapsed:
        return moment + timedelta(hours=lag.elapsed_hours())
    succ = run.network.tasks[link.succ]
    time: WorkingTime = run.calendars.project(succ.project)
    if lag.is_percent:
        pred = run.task(link.pred)
        assert pred.start is not None and pred.finish is not None
        pred_time = run.calendars.project(run.network.tasks[link.pred].project)
        span = pred_time.working_between(minutes(pred.start, run.calendars), minutes(pred.finish, run.calendars))
        amount = round(span * lag.amount / 100)
    else:
        hours_per_day = run.calendars.hours_per_day(run.calendars.project_calendar_id(succ.project))
        amount = round(lag.working_hours(hours_per_day) * 60)
    at = time.end_at(time.work_before(minutes(moment, run.calendars)) + amount)
    return run.calendars.base.datetime(at)


def _room_after(run: Run, index: int, end: datetime, bound: datetime) -> int:
    """Working minutes of the successor's own working time between its end and a later bound: 0 when it could not
    end any later without working more (the bound falls where nobody on it works)."""
    placed = run.forward.results[index]
    node = run.network.tasks[index]
    assert isinstance(placed, Placed)
    times = [run.calendars.project(node.project)]
    if node.task.kind is TaskKind.EFFORT and placed.hours:
        times = [run.calendars.person(run.portfolio.people[person]) for person in placed.hours]
    first, last = minutes(end, run.calendars), minutes(bound, run.calendars)
    return max(time.working_between(first, last) for time in times)


def check_links(run: Run) -> None:
    for link in run.network.links:
        pred = run.task(link.pred)
        from_start = link.type in (LinkType.SS, LinkType.SF)
        moment = pred.start if from_start else pred.finish
        if moment is None:
            continue
        leaves = _leaves_below(run.network, link.succ)
        try:
            bound = _bound(run, link, moment)
        except BeyondHorizon:  # the lag ends after the scheduling horizon: nothing after it can be scheduled
            assert all(run.task(leaf).start is None for leaf in leaves), link
            continue
        lag = link.dependency.lag
        simple = lag is None or lag.amount >= 0
        for leaf in leaves:
            succ = run.task(leaf)
            to_start = link.type in (LinkType.FS, LinkType.SS)
            end = succ.start if to_start else succ.finish
            if end is None:
                continue
            where = f"{link.type} {pred.project}:{pred.path} -> {succ.project}:{succ.path} lag {lag}"
            if simple:
                assert end >= moment or _room_after(run, leaf, end, moment) == 0, f"{where}: {end} < {moment}"
            if to_start:  # a start is placed at or after the bound itself
                assert end >= bound, f"{where}: starts {end}, before {bound}"
            else:  # a finish is the end of a working minute: at the bound or where no more work was possible
                assert end >= bound or _room_after(run, leaf, end, bound) == 0, f"{where}: ends {end}, before {bound}"


def check_summaries(run: Run) -> None:
    rows = run.rows
    for node in run.network.tasks:
        if node.leaf:
            continue
        row = rows[node.key]
        children = [rows[run.network.tasks[c].key] for c in node.children]
        if any(c.start is None for c in children):
            assert row.start is None and row.finish is None, row
            continue
        assert row.start == min(c.start for c in children if c.start is not None), row
        assert row.finish == max(c.finish for c in children if c.finish is not None), row


def _levels(bookings: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """(start, finish, total fraction) of every stretch between two booking boundaries."""
    edges = sorted({moment for start, finish, _ in bookings for moment in (start, finish)})
    stretches = []
    for start, finish in pairwise(edges):
        level = sum(fraction for s, f, fraction in bookings if s <= start and finish <= f)
        stretches.append((start, finish, level))
    return stretches


def check_capacity(run: Run) -> None:
    """Recomputed from the bookings, not from the engine's own running levels."""
    hours: dict[tuple[int, str], float] = {}
    for person_id, load in run.forward.loads.items():
        person = run.portfolio.people[person_id]
        time = run.calendars.person(person)
        bookings = [(b.start, b.finish, b.fraction) for b in load.bookings]
        for start, finish, level in _levels(bookings):
            if level > person.units + EPSILON:
                worked = time.working_between(start, finish)
                assert worked == 0, f"{person_id} booked {level:.3f} > {person.units} for {worked} working minutes"
        for booking in load.bookings:
            worked = booking.fraction * time.working_between(booking.start, booking.finish) / 60
            hours[booking.task, person_id] = hours.get((booking.task, person_id), 0.0) + worked
    for index, person_id in hours:  # every booking belongs to a placed task, which counts its hours
        placed = run.forward.results[index]
        assert isinstance(placed, Placed) and person_id in placed.hours, (run.network.tasks[index].key, person_id)
    for index, placed in enumerate(run.forward.results):
        if not isinstance(placed, Placed):
            continue
        for person_id, booked in placed.hours.items():
            assert abs(hours.get((index, person_id), 0.0) - booked) < 1e-6, (index, person_id)
        effort = run.forward.effort_minutes(index) / 60
        if effort and placed.hours:  # the effort gets done, at each one's efficiency, to the minute
            people = [run.portfolio.people[p] for p in placed.hours]
            done = sum(h * person.efficiency for person, h in zip(people, placed.hours.values(), strict=True))
            last_minute = sum(person.units * person.efficiency for person in people) / 60
            assert effort - EPSILON <= done <= effort + last_minute + EPSILON, (run.network.tasks[index].key, done)


@MANY
@given(plans())
def test_schedules_keep_dates_links_summaries_and_capacity(plan: Plan) -> None:
    with written(plan) as root:
        result = validated(root)
    leveled = run(result)
    check_dates(leveled)
    check_links(leveled)
    check_summaries(leveled)
    check_capacity(leveled)
    plain = run(result, level=False)  # without leveling the dates and links hold as well
    check_dates(plain)
    check_links(plain)
    check_summaries(plain)


@PROPERTIES
@given(plans())
def test_scheduling_is_deterministic(plan: Plan) -> None:
    with written(plan) as root:
        first, second = validated(root), validated(root)
    assert schedule_portfolio(first.portfolio) == schedule_portfolio(second.portfolio)
    assert schedule_portfolio(first.portfolio) == schedule_portfolio(first.portfolio, network=first.network)
    assert schedule_portfolio(first.portfolio, level=False) == schedule_portfolio(second.portfolio, level=False)


@PROPERTIES
@given(plans(max_people=0) | plans().map(Plan.without_people))
def test_without_people_leveling_changes_nothing(plan: Plan) -> None:
    with written(plan) as root:
        portfolio = validated(root).portfolio
    assert not any(task.assign for project in portfolio.projects.values() for task in project.walk())
    leveled, plain = schedule_portfolio(portfolio, level=True), schedule_portfolio(portfolio, level=False)
    assert leveled.projects == plain.projects
    assert leveled.findings == plain.findings
    assert leveled.overallocations == plain.overallocations == ()


# -- the JSON contract ----------------------------------------------------------------------------------------------

PROJECT_KEYS = {"id", "start", "finish", "tasks"}  # FORMAT.md, "Machine-readable schedule"
TASK_KEYS = {"id", "name", "start", "finish", "milestone", "summary", "critical", "total_float_hours", "assignments"}
ASSIGNMENT_KEYS = {"person", "hours"}


def _sorted_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    assert keys == sorted(keys), f"keys not sorted: {keys}"
    return dict(pairs)


def check_contract(text: str) -> None:
    document = json.loads(text, object_pairs_hook=_sorted_keys)
    for project in document["projects"]:
        assert set(project) >= PROJECT_KEYS, set(project)
        for task in project["tasks"]:
            assert set(task) >= TASK_KEYS, set(task)
            for assignment in task["assignments"]:
                assert set(assignment) >= ASSIGNMENT_KEYS
            for key in ("start", "finish"):
                if task[key] is not None:
                    assert datetime.fromisoformat(task[key]).tzinfo is None  # local times, no zone


@PROPERTIES
@given(plans())
def test_json_is_byte_identical_and_keeps_the_contract(plan: Plan) -> None:
    with written(plan) as root:
        first = CliRunner().invoke(cli, ["schedule", str(root), "--format", "json"])
        second = CliRunner().invoke(cli, ["schedule", str(root), "--format", "json"])
    assert first.exit_code in (0, 1), first.output
    assert (first.exit_code, first.stdout_bytes) == (second.exit_code, second.stdout_bytes)
    check_contract(first.stdout)


@FEW
@given(plans())
def test_json_is_byte_identical_across_processes(plan: Plan) -> None:
    """Two processes with different hash seeds: no set or dict order leaks into the output."""
    with written(plan) as root:
        outputs = []
        for seed in ("1", "2"):
            env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONIOENCODING": "utf-8"}
            argv = [sys.executable, "-m", "pmcode", "schedule", str(root), "--format", "json"]
            done = subprocess.run(argv, capture_output=True, env=env, check=False, timeout=60)
            assert done.returncode in (0, 1), done.stderr
            outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    check_contract(outputs[0].decode("utf-8"))


# -- plans the properties above found wrong, fixed in pmcode/schedule ----------------------------------------------

PORTFOLIO = "name: Regressions\ncurrency: USD\n"


def _schedule(tmp_path: Path, files: dict[str, str], *, level: bool = True) -> Run:
    return run(validated(write_plan(tmp_path, {"portfolio.yaml": PORTFOLIO, **files})), level=level)


def _dates(run: Run, path: str, project: str = "p") -> tuple[datetime | None, datetime | None]:
    row = run.rows[(project, path)]
    return row.start, row.finish


def test_alap_task_stays_before_a_successor_that_has_float(tmp_path: Path) -> None:
    """`a` may not take the float of `b`, which keeps its early dates: a moved `a` would overlap it."""
    project = """
        name: P
        start: 2027-01-04
        tasks:
          - {id: a, name: A, duration: 2d, alap: true}
          - {id: b, name: B, duration: 2d, depends: [a]}
          - {id: c, name: C, duration: 10d}
    """
    result = _schedule(tmp_path, {"p/project.yaml": project})
    check_links(result)
    assert _dates(result, "a") == (datetime(2027, 1, 4, 9), datetime(2027, 1, 5, 17))
    assert _dates(result, "b") == (datetime(2027, 1, 6, 9), datetime(2027, 1, 7, 17))


def test_a_chain_of_alap_tasks_moves_together(tmp_path: Path) -> None:
    project = """
        name: P
        start: 2027-01-04
        tasks:
          - {id: a, name: A, duration: 2d, alap: true}
          - {id: b, name: B, duration: 2d, depends: [a], alap: true}
          - {id: c, name: C, duration: 10d}
    """
    result = _schedule(tmp_path, {"p/project.yaml": project})
    check_links(result)
    assert _dates(result, "a") == (datetime(2027, 1, 12, 9), datetime(2027, 1, 13, 17))
    assert _dates(result, "b") == (datetime(2027, 1, 14, 9), datetime(2027, 1, 15, 17))


def test_a_percentage_lag_counts_a_summary_predecessor_span(tmp_path: Path) -> None:
    """50% of a summary spanning 2 working days is 1 day (the lag used to be dropped for summaries)."""
    project = """
        name: P
        start: 2027-01-04
        tasks:
          - id: s
            name: S
            tasks: [{id: x, name: X, duration: 2d}]
          - {id: y, name: Y, duration: 1d, depends: [{task: s, type: SS, lag: 50%}]}
    """
    result = _schedule(tmp_path, {"p/project.yaml": project})
    check_links(result)
    assert _dates(result, "y") == (datetime(2027, 1, 5, 9), datetime(2027, 1, 5, 17))


def test_a_lag_of_zero_minutes_does_not_snap_back_over_non_working_time(tmp_path: Path) -> None:
    """50% of a milestone is no lag: `w` must not finish before Thursday 12:00, though the project calendar (only
    Wednesdays) last worked on Wednesday; its assignee works on Thursday morning."""
    files = {
        "calendars.yaml": "calendars:\n  - {id: wednesdays, workdays: [wed]}\n",
        "people.yaml": "people:\n  - {id: u, name: U}\n",
        "p/project.yaml": """
            name: P
            start: 2027-01-04
            calendar: wednesdays
            tasks:
              - {id: e, name: E, duration: 27eh}
              - {id: m, name: M, milestone: true, depends: [e]}
              - {id: w, name: W, effort: 1d, assign: [u], depends: [{task: m, type: FF, lag: 50%}]}
        """,
    }
    result = _schedule(tmp_path, files)
    check_links(result)
    assert _dates(result, "m")[0] == datetime(2027, 1, 7, 12)
    assert _dates(result, "w") == (datetime(2027, 1, 6, 12), datetime(2027, 1, 7, 12))


def test_finish_to_finish_into_effort_of_people_with_different_hours(tmp_path: Path) -> None:
    """Both work until 12:00, then only u0: the latest start that finishes by 13:00 finished at 12:59."""
    files = {
        "calendars.yaml": 'calendars:\n  - {id: mornings, hours: ["09:00-12:00"]}\n',
        "people.yaml": "people:\n  - {id: u0, name: U0}\n  - {id: u1, name: U1, calendar: mornings}\n",
        "p/project.yaml": """
            name: P
            start: 2027-01-04
            tasks:
              - {id: p, name: P, duration: 4h}
              - {id: w, name: W, effort: 3.05h, assign: [u0, u1], depends: [{task: p, type: FF}]}
        """,
    }
    for level in (True, False):
        result = _schedule(tmp_path, files, level=level)
        check_links(result)
        assert _dates(result, "w") == (datetime(2027, 1, 4, 10, 59), datetime(2027, 1, 4, 13, 1))


def test_a_lead_at_the_end_of_the_horizon_is_no_crash(tmp_path: Path) -> None:
    """Fifteen minutes a week: 16 days of 24 h end 29 years later, near the end of the scheduling horizon, and the
    backward pass looked for the lead's latest moment beyond it (BeyondHorizon, an internal error)."""
    files = {
        "calendars.yaml": 'calendars:\n  - {id: c, workdays: [wed], hours: ["00:00-00:15"], hours_per_day: 24}\n',
        "p/project.yaml": """
            name: P
            start: 2027-01-04
            calendar: c
            tasks:
              - {id: a, name: A, duration: 16d}
              - {id: m, name: M, milestone: true, depends: [{task: a, lag: -1d}]}
        """,
    }
    result = _schedule(tmp_path, files)
    check_links(result)
    assert _dates(result, "a")[1] == datetime(2056, 6, 7, 0, 15)
    assert _dates(result, "m")[0] == datetime(2054, 8, 5, 0, 15)


def test_an_alap_task_done_by_an_alternative_moves_with_its_bookings(tmp_path: Path) -> None:
    """`t2` went to r2 (r1 was busy); moved late, its r2 booking used to stay behind (booked twice, counted once)."""
    files = {
        "people.yaml": "people:\n  - {id: r1, name: R1}\n  - {id: r2, name: R2}\n",
        "p/project.yaml": """
            name: P
            start: 2027-01-04
            tasks:
              - {id: t1, name: T1, effort: 3d, assign: [r1], priority: 900}
              - {id: t2, name: T2, effort: 2d, assign: [{person: r1, alternatives: [r2]}], alap: true}
              - {id: long, name: Long, duration: 10d}
        """,
    }
    result = _schedule(tmp_path, files)
    check_capacity(result)
    assert _dates(result, "t2") == (datetime(2027, 1, 14, 9), datetime(2027, 1, 15, 17))
    assert [(a.person, a.hours) for a in result.rows[("p", "t2")].assignments] == [("r1", 16.0)]


def test_alap_child_does_not_shorten_a_summary_lead_its_successor_relies_on(tmp_path: Path) -> None:
    """`t` is placed 25% of `s`'s span (32 h) before its finish; moving `a`, the first child, 2 h later (as far as
    `x` allows) would shorten `s` and with it the lead, and `t` would come 30 minutes too early: `a` stays."""
    project = """
        name: P
        start: 2027-01-04
        tasks:
          - id: s
            name: S
            tasks:
              - {id: a, name: A, duration: 4h, alap: true}
              - {id: b, name: B, duration: 3d, start: 2027-01-05}
          - {id: t, name: T, milestone: true, depends: [{task: s, type: FF, lag: -25%}]}
          - {id: x, name: X, duration: 1h, depends: [s.a], start: 2027-01-04T15:00}
    """
    result = _schedule(tmp_path, {"p/project.yaml": project})
    check_links(result)
    assert _dates(result, "t") == (datetime(2027, 1, 6, 17), datetime(2027, 1, 6, 17))
    assert _dates(result, "s.a") == (datetime(2027, 1, 4, 9), datetime(2027, 1, 4, 13))


def test_a_link_beyond_the_horizon_into_a_summary_is_no_crash(tmp_path: Path) -> None:
    """The summary cannot be scheduled (PM302), and its free float was computed from the link all the same."""
    files = {
        "calendars.yaml": 'calendars:\n  - {id: c, workdays: [wed], hours: ["00:00-00:15"], hours_per_day: 24}\n',
        "p/project.yaml": """
            name: P
            start: 2027-01-04
            calendar: c
            tasks:
              - {id: a, name: A, duration: 16d}
              - id: s
                name: S
                depends: [{task: a, lag: 1w}]
                tasks: [{id: x, name: X, duration: 1d}]
        """,
    }
    for level in (True, False):
        result = _schedule(tmp_path, files, level=level)
        check_links(result)
        assert _dates(result, "s.x") == (None, None)
        assert [f.code for f in result.schedule.findings] == ["PM302"]
        assert result.rows[("p", "a")].free_float_hours == result.rows[("p", "a")].total_float_hours
