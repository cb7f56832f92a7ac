"""Time-phased hours: `AssignmentHours.daily` (what each person works on a task, day by day, as leveling placed it)
and `working_minutes_by_day` (a calendar's working minutes per day between two moments), checked by hand on small
plans, then as properties of random plans: the days add up to the hours and lie inside the task."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from hypothesis import given
from plans import write_plan
from schedule_plans import Plan, plans
from test_schedule_properties import PROPERTIES, validated, written

from pmcode.model import Portfolio
from pmcode.schedule import Schedule, TaskSchedule, schedule_portfolio, working_minutes_by_day
from pmcode.schedule.calendars import Calendars

PORTFOLIO = "name: Daily\ncurrency: USD\n"
CALENDARS = """
calendars:
  - id: standard
    hours: ["09:00-12:00", "13:00-18:00"]
    holidays: {dates: [2027-01-06]}
  - id: short
    workdays: [mon, tue, wed]
    hours: ["09:00-13:00"]
    hours_per_day: 4
"""
PEOPLE = """
people:
  - {id: alice, name: Alice}
  - {id: bob, name: Bob, units: 50%}
  - {id: carol, name: Carol, calendar: short, leave: [{from: 2027-01-12, to: 2027-01-12}]}
"""


def scheduled(tmp_path: Path, tasks: str, *, level: bool = True) -> tuple[Portfolio, Schedule]:
    files = {
        "portfolio.yaml": PORTFOLIO + "calendar: standard\n",
        "calendars.yaml": CALENDARS,
        "people.yaml": PEOPLE,
        "p/project.yaml": f"name: P\nstart: 2027-01-04\ntasks:\n{tasks}",
    }
    result = validated(write_plan(tmp_path, files))
    return result.portfolio, schedule_portfolio(result.portfolio, level=level, network=result.network)


def task(schedule: Schedule, path: str) -> TaskSchedule:
    return next(t for t in schedule.project("p").tasks if t.path == path)


def daily(row: TaskSchedule, person: str) -> dict[str, float]:
    (assignment,) = [a for a in row.assignments if a.person == person]
    return {day.isoformat(): hours for day, hours in assignment.daily}


def test_effort_shared_by_two_people_skips_the_holiday(tmp_path: Path) -> None:
    # 24 h of effort: alice 8 h a day, bob 4 h a day (50%), Wednesday 6 January is a holiday. Monday and Tuesday
    # give 24 h, so the task is done Tuesday evening.
    _, schedule = scheduled(tmp_path, "  - {id: a, name: A, effort: 3d, assign: [alice, bob]}\n")
    row = task(schedule, "a")
    assert daily(row, "alice") == {"2027-01-04": 8.0, "2027-01-05": 8.0}
    assert daily(row, "bob") == {"2027-01-04": 4.0, "2027-01-05": 4.0}
    assert (row.start, row.finish) == (datetime(2027, 1, 4, 9), datetime(2027, 1, 5, 18))


def test_a_part_day_start_and_finish_count_only_their_hours(tmp_path: Path) -> None:
    # Starts Monday 13:00 (a link lag of 3 h), 10 h of effort: 5 h Monday afternoon, then 5 h on Tuesday (the
    # morning's 3 h and 2 h after lunch).
    tasks = """\
  - {id: lead, name: Lead, milestone: true}
  - {id: a, name: A, effort: 10h, assign: [alice], depends: [{task: lead, type: SS, lag: 3h}]}
"""
    _, schedule = scheduled(tmp_path, tasks)
    row = task(schedule, "a")
    assert daily(row, "alice") == {"2027-01-04": 5.0, "2027-01-05": 5.0}
    assert row.finish == datetime(2027, 1, 5, 15)


def test_leveling_puts_the_second_task_on_the_days_left(tmp_path: Path) -> None:
    # Two 2-day efforts for alice: the higher priority goes first, the other waits (and skips the holiday).
    tasks = """\
  - {id: a, name: A, effort: 2d, assign: [alice]}
  - {id: b, name: B, effort: 2d, assign: [alice], priority: 900}
"""
    _, schedule = scheduled(tmp_path, tasks)
    assert daily(task(schedule, "b"), "alice") == {"2027-01-04": 8.0, "2027-01-05": 8.0}
    assert daily(task(schedule, "a"), "alice") == {"2027-01-07": 8.0, "2027-01-08": 8.0}
    _, plain = scheduled(tmp_path / "plain", tasks, level=False)  # without leveling both run at once
    assert (
        daily(task(plain, "a"), "alice") == daily(task(plain, "b"), "alice") == {"2027-01-04": 8.0, "2027-01-05": 8.0}
    )


def test_contoured_effort_runs_slower_where_someone_is_half_booked(tmp_path: Path) -> None:
    # bob is 50%; "first" books 25% of him (units) for three days, so "second" (priority lower) gets the other
    # 25% alongside and his full 50% once "first" is over.
    tasks = """\
  - {id: first, name: First, duration: 3d, assign: [{person: bob, units: 25%}], priority: 900}
  - {id: second, name: Second, effort: 1d, assign: [bob]}
"""
    _, schedule = scheduled(tmp_path, tasks)
    # 3 working days at 2 h (25% of 8 h), holiday on Wednesday the 6th in between
    assert daily(task(schedule, "first"), "bob") == {"2027-01-04": 2.0, "2027-01-05": 2.0, "2027-01-07": 2.0}
    # 8 h: 2 h a day next to "first" for three days, then 4 h a day: 2 h left on Friday the 8th
    assert daily(task(schedule, "second"), "bob") == {
        "2027-01-04": 2.0,
        "2027-01-05": 2.0,
        "2027-01-07": 2.0,
        "2027-01-08": 2.0,
    }


def test_duration_task_with_people_books_their_hours_in_their_own_calendar(tmp_path: Path) -> None:
    # A 5-day duration (project calendar Mon-Fri, holiday Wednesday: Mon 4 - Mon 11). carol works Mon-Wed mornings
    # (4 h) in her own calendar, without the project's holiday; bob half of his days.
    _, schedule = scheduled(tmp_path, "  - {id: d, name: D, duration: 5d, assign: [bob, carol]}\n")
    row = task(schedule, "d")
    assert (row.start, row.finish) == (datetime(2027, 1, 4, 9), datetime(2027, 1, 11, 18))
    assert daily(row, "carol") == {"2027-01-04": 4.0, "2027-01-05": 4.0, "2027-01-06": 4.0, "2027-01-11": 4.0}
    assert daily(row, "bob") == dict.fromkeys(
        ("2027-01-04", "2027-01-05", "2027-01-07", "2027-01-08", "2027-01-11"), 4.0
    )
    assert sum(daily(row, "bob").values()) == next(a.hours for a in row.assignments if a.person == "bob") == 20.0


def test_leave_is_a_day_without_hours(tmp_path: Path) -> None:
    # carol: 4 h on Mon, Tue, Wed; on leave Tuesday 12 January. 20 h of effort: 4+4+4, then 4 on Mon 11, Wed 13.
    _, schedule = scheduled(tmp_path, "  - {id: e, name: E, effort: 20h, assign: [carol]}\n")
    assert daily(task(schedule, "e"), "carol") == {
        "2027-01-04": 4.0,
        "2027-01-05": 4.0,
        "2027-01-06": 4.0,
        "2027-01-11": 4.0,
        "2027-01-13": 4.0,
    }


def test_a_summary_adds_up_its_children_day_by_day(tmp_path: Path) -> None:
    tasks = """\
  - id: phase
    name: Phase
    tasks:
      - {id: a, name: A, effort: 1d, assign: [alice]}
      - {id: b, name: B, effort: 2d, assign: [alice, bob], depends: [a]}
"""
    _, schedule = scheduled(tmp_path, tasks)
    summary = task(schedule, "phase")
    assert daily(summary, "alice") == {"2027-01-04": 8.0, "2027-01-05": 8.0, "2027-01-07": 2.6667}
    assert daily(summary, "bob") == {"2027-01-05": 4.0, "2027-01-07": 1.3333}
    assert [a.hours for a in summary.assignments] == [18.67, 5.33]


def test_working_minutes_by_day(tmp_path: Path) -> None:
    portfolio, _ = scheduled(tmp_path, "  - {id: a, name: A, duration: 1d}\n")
    calendars = Calendars(portfolio)
    # Friday 1 January 15:00 to Thursday 7 January 10:00: Friday's last 3 h, Mon and Tue full, the holiday
    # on Wednesday none, Thursday's first hour. The weekend has none.
    got = working_minutes_by_day(calendars, "standard", datetime(2027, 1, 1, 15), datetime(2027, 1, 7, 10))
    assert got == (
        (date(2027, 1, 1), 180),
        (date(2027, 1, 4), 480),
        (date(2027, 1, 5), 480),
        (date(2027, 1, 7), 60),
    )
    short = working_minutes_by_day(calendars, "short", datetime(2027, 1, 4), datetime(2027, 1, 11))
    assert short == ((date(2027, 1, 4), 240), (date(2027, 1, 5), 240), (date(2027, 1, 6), 240))
    lunch = working_minutes_by_day(calendars, "standard", datetime(2027, 1, 4, 11), datetime(2027, 1, 4, 14))
    assert lunch == ((date(2027, 1, 4), 120),)  # 11-12 and 13-14
    assert working_minutes_by_day(calendars, "standard", datetime(2027, 1, 4, 12), datetime(2027, 1, 4, 13)) == ()
    assert working_minutes_by_day(calendars, "standard", datetime(2027, 1, 5), datetime(2027, 1, 4)) == ()
    # an unknown id is the built-in Mon-Fri 09:00-17:00 calendar
    builtin = working_minutes_by_day(calendars, "default", datetime(2027, 1, 6), datetime(2027, 1, 7))
    assert builtin == ((date(2027, 1, 6), 480),)


def test_working_minutes_outside_the_horizon_are_none(tmp_path: Path) -> None:
    portfolio, _ = scheduled(tmp_path, "  - {id: a, name: A, duration: 1d}\n")
    calendars = Calendars(portfolio)
    epoch = calendars.base.epoch
    before = datetime(epoch.year, epoch.month, epoch.day) - timedelta(days=30)
    first = working_minutes_by_day(calendars, "standard", before, datetime(epoch.year, epoch.month, epoch.day))
    assert first == ()


@PROPERTIES
@given(plans())
def test_daily_hours_add_up_and_lie_inside_the_task(plan: Plan) -> None:
    with written(plan) as root:
        result = validated(root)
    for level in (True, False):
        schedule = schedule_portfolio(result.portfolio, level=level, network=result.network)
        for project in schedule.projects:
            leaves = {row.path: 1 for row in project.tasks if not row.summary}
            for row in project.tasks:
                below = sum(n for path, n in leaves.items() if path == row.path or path.startswith(row.path + "."))
                for assignment in row.assignments:
                    days = [day for day, _ in assignment.daily]
                    assert days == sorted(set(days)), row
                    assert all(hours > 0 for _, hours in assignment.daily), row
                    total = sum(hours for _, hours in assignment.daily)
                    # hours are rounded to 2 decimals (a summary's: the sum of its tasks' rounded hours), days to 4
                    allowed = 0.005 * max(below, 1) + 0.00005 * len(days) + 1e-9
                    assert abs(total - assignment.hours) <= allowed, (row, assignment)
                    if days and not row.summary:
                        assert row.start is not None, row
                    if days and row.start is not None and row.finish is not None:  # a summary may have no dates
                        assert row.start.date() <= days[0] and days[-1] <= row.finish.date(), row


def test_work_booked_only_where_nobody_works_has_no_days(tmp_path: Path) -> None:
    # carol is on leave Tuesday 12 January, and works only Monday to Wednesday mornings: a duration task on that
    # Tuesday books her for its span, but she works none of it.
    tasks = "  - {id: d, name: D, duration: 1d, start: 2027-01-12, assign: [carol]}\n"
    _, schedule = scheduled(tmp_path, tasks)
    (assignment,) = task(schedule, "d").assignments
    assert (assignment.person, assignment.hours, assignment.daily) == ("carol", 0.0, ())
