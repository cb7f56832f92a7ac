"""pmcode against TaskJuggler 3.7.1: the oracle's fourteen small scheduling cases, each re-expressed in pmcode YAML.

tests/oracle/taskjuggler/<case>/ is a portfolio root (one project, `p`) written from `<case>.tjp`, next to
TaskJuggler's own results copied as facts: `expected.csv` (exact moments, effort, resources) and `days.csv`
(inclusive first and last days), byte for byte the files of ../shared/oracle/taskjuggler.

Per task the test compares:
- the first and last day, always;
- the exact start and finish moment, unless the case lists a deliberate difference for that field below, with
  its reason and the rule that turns TaskJuggler's moment into pmcode's (so the difference is exact too);
- who is booked (TaskJuggler's Resources column) and the effort in person-days.
A documented difference that no longer differs fails too: the explanation must not outlive the behaviour.

TaskJuggler prints times in UTC; the cases use UTC throughout, so they are read as pmcode's local times.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from pmcode.schedule import TaskSchedule, schedule_portfolio
from pmcode.validate import validate_root

CASES = Path(__file__).parent / "oracle" / "taskjuggler"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "oracle" / "taskjuggler"
PROJECT = "p"
WORKDAY = (time(9), time(17))  # every case: TaskJuggler's default Mon-Fri 09:00-17:00, pmcode's built-in calendar
HOURS_PER_DAY = 8


# -- TaskJuggler's results, as copied --------------------------------------------------------------------------


@dataclass(frozen=True)
class Tj:
    """One task as TaskJuggler scheduled it."""

    id: str
    kind: str  # length | duration | effort | milestone | container (days.csv)
    start: datetime
    end: datetime  # exclusive: the end of the last working minute
    effort_days: float
    resources: frozenset[str]
    first_day: date
    last_day: date


def _tj_moment(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M")


def read_tj(case: Path) -> dict[str, Tj]:
    with (case / "expected.csv").open(encoding="utf-8", newline="") as handle:
        moments = list(csv.DictReader(handle, delimiter=";"))
    with (case / "days.csv").open(encoding="utf-8", newline="") as handle:
        days = {row["id"]: row for row in csv.DictReader(handle)}
    assert [row["Id"] for row in moments] == list(days), f"{case.name}: expected.csv and days.csv disagree"
    tasks = {}
    for row in moments:
        day = days[row["Id"]]
        tasks[row["Id"]] = Tj(
            id=row["Id"],
            kind=day["kind"],
            start=_tj_moment(row["Start"]),
            end=_tj_moment(row["End"]),
            effort_days=float(row["Effort"]),
            resources=frozenset(re.findall(r"\(([^()]+)\)", row["Resources"])),  # "Developer (dev), R2 (r2)"
            first_day=date.fromisoformat(day["first_day"]),
            last_day=date.fromisoformat(day["last_day"]),
        )
    return tasks


# -- the deliberate differences ---------------------------------------------------------------------------------

Rule = Callable[[datetime], datetime]


@dataclass(frozen=True)
class Differs:
    """pmcode deliberately gives `field` (start, finish, first_day, last_day) another value than TaskJuggler:
    `rule(TaskJuggler's value)`, for `reason`."""

    field: str
    rule: Callable[[Any], Any]  # a moment to a moment, or a day to a day
    reason: str


def next_working_moment(holidays: frozenset[date] = frozenset()) -> Rule:
    """The first working moment at or after a moment, in Mon-Fri 09:00-17:00 minus `holidays`."""

    def rule(moment: datetime) -> datetime:
        day = moment.date()
        while True:
            opens, closes = (datetime.combine(day, WORKDAY[0]), datetime.combine(day, WORKDAY[1]))
            if day.weekday() < 5 and day not in holidays and moment < closes:
                return max(moment, opens)
            day += timedelta(days=1)

    return rule


def later(hours: float) -> Rule:
    return lambda moment: moment + timedelta(hours=hours)


def at(hour: int) -> Rule:
    """The same day, at another hour."""
    return lambda moment: moment.replace(hour=hour, minute=0)


def next_day(day: date) -> date:
    return day + timedelta(days=1)


NEXT_MORNING = next_working_moment()
LENGTH_START = (
    "TaskJuggler starts a working-time (`length`) task at the moment its predecessor ends (17:00) or at the project "
    "start (00:00); pmcode starts it at the next working moment (09:00), which is the first working day TaskJuggler "
    "reports too"
)
CONTAINER_START = (
    "TaskJuggler starts a container when its dependency is met (the predecessor's end, 17:00); pmcode rolls a "
    "summary up from its children, so it starts at its first child's first working moment (09:00 next morning)"
)
ELAPSED_START = (
    "an elapsed task starting at the project start: TaskJuggler at 00:00, pmcode at the project's first working "
    "moment (09:00): a project start snaps to working time, then the 24-hour days run wall-clock"
)
ELAPSED_FINISH = "the same wall-clock length from pmcode's start at 09:00, so it ends at 09:00, not at 00:00"
ELAPSED_LAST_DAY = (
    "pmcode's elapsed task runs until 09:00 of the day after TaskJuggler's last day (see its start), so that "
    "morning is its last day"
)
PINNED_START = (
    "a `start:` date means the first working moment of that day for pmcode (09:00), TaskJuggler's pin is 00:00; "
    "a Saturday pin moves to Monday 09:00, which is the first day TaskJuggler reports too"
)
HALF_EVERY_HOUR = (
    "TaskJuggler's `dailymax 4h` works the first 4 hours of each day (mornings) and ends Friday 13:00; pmcode's "
    "`units: 50%` is half of every working hour, so the same 10 working days end Friday 17:00: same last day"
)


@dataclass(frozen=True)
class Case:
    name: str
    differences: dict[str, tuple[Differs, ...]]  # task id -> what pmcode does differently, with why


CASE_TABLE = [
    Case(
        "01-fs-chain",
        {
            "a": (Differs("start", NEXT_MORNING, LENGTH_START),),
            "b": (Differs("start", NEXT_MORNING, LENGTH_START),),
            "c": (Differs("start", NEXT_MORNING, LENGTH_START),),
        },
    ),
    Case(
        # TaskJuggler `duration 7d` (calendar time) is pmcode `7ed`; `length 7d` is `duration: 7d`.
        "02-duration-length-effort",
        {
            "dur": (
                Differs("start", later(9), ELAPSED_START),
                Differs("finish", later(9), ELAPSED_FINISH),
                Differs("last_day", next_day, ELAPSED_LAST_DAY),
            ),
            "len": (Differs("start", NEXT_MORNING, LENGTH_START),),
        },
    ),
    Case(
        # `depends !a { onstart gaplength 2d }` is an SS link with a 2d working-time lag.
        "04-start-to-start",
        {
            "a": (Differs("start", NEXT_MORNING, LENGTH_START),),
            "b": (Differs("start", NEXT_MORNING, LENGTH_START),),
            "c": (
                Differs(
                    "start",
                    NEXT_MORNING,
                    "the 2 working days of lag after A's start end Tuesday 17:00, where TaskJuggler starts C; "
                    "pmcode starts it at the next working moment, Wednesday 09:00",
                ),
            ),
        },
    ),
    Case(
        "05-milestones",
        {
            "a": (Differs("start", NEXT_MORNING, LENGTH_START),),
            "b": (
                Differs(
                    "start",
                    NEXT_MORNING,
                    "B follows milestone M1 (Wednesday 17:00, the same moment in both tools): TaskJuggler starts "
                    "it at that moment, pmcode at the next working moment",
                ),
            ),
            "m2": (
                Differs("start", NEXT_MORNING, PINNED_START),
                Differs("finish", NEXT_MORNING, "a milestone's finish is its start: " + PINNED_START),
            ),
            "c": (
                Differs(
                    "start",
                    NEXT_MORNING,
                    "C follows the pinned milestone M2, which pmcode puts at Friday 09:00 (see m2), not 00:00",
                ),
            ),
        },
    ),
    Case(
        # A person capped at 4 h a day (`limits { dailymax 4h }`) is a person at `units: 50%`; the same cap on the
        # task's allocation is an assignment at `units: 50%`.
        "06-effort-limits",
        {
            "half": (Differs("finish", at(17), HALF_EVERY_HOUR),),
            "half2": (Differs("finish", at(17), HALF_EVERY_HOUR),),
        },
    ),
    Case("07-two-resources", {}),
    Case("09-leveling-priority", {}),
    Case("10-leveling-equal-priority", {}),
    Case(
        # TaskJuggler's global `leaves holiday` is a holiday of the portfolio's calendar.
        "12-global-holiday",
        {
            "len": (Differs("start", NEXT_MORNING, LENGTH_START),),
            "dur": (
                Differs("start", later(9), ELAPSED_START),
                Differs("finish", later(9), ELAPSED_FINISH),
                Differs(
                    "last_day",
                    next_day,
                    "pmcode's 5 elapsed days run from Monday 09:00 to Saturday 09:00 (see its start), so Saturday "
                    "morning is its last day where TaskJuggler's ends with Friday",
                ),
            ),
        },
    ),
    Case(
        "15-containers",
        {
            "ph1": (Differs("start", NEXT_MORNING, LENGTH_START),),
            "ph1.a": (Differs("start", NEXT_MORNING, LENGTH_START),),
            "ph1.b": (Differs("start", NEXT_MORNING, LENGTH_START),),
            "ph1.c": (Differs("start", NEXT_MORNING, LENGTH_START),),
            "ph2": (Differs("start", NEXT_MORNING, CONTAINER_START),),
            "ph2.d": (Differs("start", NEXT_MORNING, LENGTH_START),),
            "ph2.e": (Differs("start", NEXT_MORNING, LENGTH_START),),
        },
    ),
    Case(
        # TaskJuggler's `start` on a task is a pin; the cases only pin later than the links allow, where it means
        # what pmcode's `start:` (start no earlier than) means.
        "16-fixed-start",
        {
            "a": (Differs("start", NEXT_MORNING, LENGTH_START),),
            "b": (Differs("start", NEXT_MORNING, PINNED_START),),
            "c": (Differs("start", NEXT_MORNING, PINNED_START),),
            "d": (Differs("start", NEXT_MORNING, PINNED_START),),
        },
    ),
    Case("17-alternative-resource", {}),  # `allocate r1 { alternative r2 }` is `{person: r1, alternatives: [r2]}`
    Case("18-partial-days", {}),
]
CASE_NAMES = [case.name for case in CASE_TABLE]
FIELDS = ("start", "finish", "first_day", "last_day")


# -- pmcode's side ------------------------------------------------------------------------------------------------


def pmcode_schedule(case: Path) -> dict[str, TaskSchedule]:
    result = validate_root(case)
    assert list(result.diagnostics) == [], [f"{d.file}:{d.line} {d.code} {d.message}" for d in result.diagnostics]
    schedule = schedule_portfolio(result.portfolio)
    assert [f.code for f in schedule.findings] == [], [f.message for f in schedule.findings]
    assert [p.id for p in schedule.projects] == [PROJECT]
    return {task.path: task for task in schedule.project(PROJECT).tasks}


def days_of(task: TaskSchedule) -> tuple[date, date]:
    """Inclusive first and last day: the start's day, and the day of the last minute worked (a milestone: its day)."""
    assert task.start is not None and task.finish is not None, f"{task.path}: not scheduled ({task.unscheduled})"
    last = task.finish if task.milestone else task.finish - timedelta(minutes=1)
    return task.start.date(), last.date()


def observed(task: TaskSchedule) -> dict[str, object]:
    first, last = days_of(task)
    return {"start": task.start, "finish": task.finish, "first_day": first, "last_day": last}


def as_taskjuggler(tj: Tj) -> dict[str, object]:
    return {"start": tj.start, "finish": tj.end, "first_day": tj.first_day, "last_day": tj.last_day}


def expected(tj: Tj, differences: tuple[Differs, ...]) -> dict[str, object]:
    values = as_taskjuggler(tj)
    for difference in differences:
        assert difference.field in FIELDS, difference.field
        assert difference.reason, "every difference says why"
        changed = difference.rule(values[difference.field])
        assert changed != values[difference.field], (
            f"{tj.id}: the documented difference in {difference.field} is not one: {difference.reason}"
        )
        values[difference.field] = changed
    return values


# -- the comparison -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASE_TABLE, ids=CASE_NAMES)
def test_pmcode_matches_taskjuggler(case: Case) -> None:
    folder = CASES / case.name
    tj = read_tj(folder)
    ours = pmcode_schedule(folder)
    assert set(ours) == set(tj), f"{case.name}: the re-expressed plan has other tasks than TaskJuggler's"
    assert set(case.differences) <= set(tj), "a difference documented for a task the case does not have"
    mismatches = []
    for task_id, theirs in tj.items():
        want = expected(theirs, case.differences.get(task_id, ()))
        got, raw = observed(ours[task_id]), as_taskjuggler(theirs)
        for name in FIELDS:
            if got[name] != want[name]:
                mismatches.append(
                    f"{task_id}.{name}: pmcode {got[name]}, expected {want[name]} (TaskJuggler {raw[name]})"
                )
        booked = {a.person for a in ours[task_id].assignments if a.hours > 0}
        if booked != theirs.resources:
            mismatches.append(f"{task_id}: pmcode books {sorted(booked)}, TaskJuggler {sorted(theirs.resources)}")
        effort = sum(a.hours for a in ours[task_id].assignments) / HOURS_PER_DAY
        if abs(effort - theirs.effort_days) > 0.05 and not ours[task_id].summary:
            mismatches.append(f"{task_id}: pmcode books {effort:.2f} person-days, TaskJuggler {theirs.effort_days}")
    assert mismatches == [], "\n".join(mismatches)


def test_only_elapsed_tasks_differ_in_days() -> None:
    """The day-granular facts (days.csv) hold for every task except the elapsed ones, whose exceptions are the
    documented ones: the moment rules above never move a start or finish to another day by accident."""
    moved = []
    for case in CASE_TABLE:
        for task_id, differences in case.differences.items():
            moved.extend(f"{case.name}:{task_id}" for d in differences if d.field in ("first_day", "last_day"))
    assert moved == ["02-duration-length-effort:dur", "12-global-holiday:dur"]


def test_every_taskjuggler_case_is_re_expressed() -> None:
    folders = sorted(path.name for path in CASES.iterdir() if path.is_dir())
    assert folders == CASE_NAMES, "a case folder without an entry in CASE_TABLE (or the reverse)"
    if SHARED.is_dir():  # in CI and in the workspace: the copies are the oracle's files, unchanged
        oracle_cases = sorted(path.name.removesuffix(".tjp") for path in SHARED.glob("*.tjp"))
        assert oracle_cases == CASE_NAMES, "a TaskJuggler case without a pmcode re-expression"
        for name in CASE_NAMES:
            for ours, theirs in (("expected.csv", "expected.csv"), ("days.csv", "days.csv")):
                copied = (CASES / name / ours).read_bytes()
                assert copied == (SHARED / f"{name}.{theirs}").read_bytes(), f"{name}/{ours} differs from the oracle"


@pytest.mark.parametrize(
    ("moment", "working"),
    [
        (datetime(2027, 1, 4, 0, 0), datetime(2027, 1, 4, 9, 0)),  # Monday midnight
        (datetime(2027, 1, 6, 17, 0), datetime(2027, 1, 7, 9, 0)),  # Wednesday's end
        (datetime(2027, 1, 8, 17, 0), datetime(2027, 1, 11, 9, 0)),  # Friday's end: Monday
        (datetime(2027, 1, 9, 0, 0), datetime(2027, 1, 11, 9, 0)),  # Saturday
        (datetime(2027, 1, 5, 13, 0), datetime(2027, 1, 5, 13, 0)),  # already working
    ],
)
def test_the_next_working_moment_rule(moment: datetime, working: datetime) -> None:
    assert NEXT_MORNING(moment) == working
    assert next_working_moment(frozenset({date(2027, 1, 7)}))(datetime(2027, 1, 6, 17)) == datetime(2027, 1, 8, 9)
