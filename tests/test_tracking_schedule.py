"""Scheduling from the status date (site/docs/guide/scheduling.md, "Progress and the status date"), checked by hand
on small plans with actuals: finished work at its actual dates, the work left from the status date, tasks not
started after it, what work done books, percent complete, the JSON, and which status date counts."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from click.testing import CliRunner
from plans import write_plan
from test_schedule_properties import validated

from pmcode.cli import cli
from pmcode.schedule import Schedule, TaskSchedule, schedule_portfolio

PORTFOLIO = "name: Tracking\ncurrency: USD\n"
PEOPLE = """
people:
  - {id: alice, name: Alice}
  - {id: bob, name: Bob}
"""


def project(tasks: str, start: str = "2027-01-04") -> str:
    return f"name: ERP\nstart: {start}\ntasks:\n{tasks}"


def scheduled(tmp_path: Path, files: dict[str, str], *, level: bool = True) -> Schedule:
    root = write_plan(tmp_path, {"portfolio.yaml": PORTFOLIO, "people.yaml": PEOPLE, **files})
    result = validated(root)
    return schedule_portfolio(result.portfolio, level=level, network=result.network)


def row(schedule: Schedule, path: str, project_id: str = "erp") -> TaskSchedule:
    return next(t for t in schedule.project(project_id).tasks if t.path == path)


def dates(schedule: Schedule, path: str, project_id: str = "erp") -> tuple[datetime | None, datetime | None]:
    task = row(schedule, path, project_id)
    return task.start, task.finish


def at(day: str, hour: int) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour)


CHAIN = """\
  - {id: design, name: Design, duration: 5d}
  - {id: build, name: Build, duration: 10d, depends: [design]}
  - {id: test, name: Test, duration: 5d, depends: [build]}
  - {id: golive, name: Go-live, milestone: true, depends: [test]}
"""


def test_without_actuals_a_status_date_changes_nothing(tmp_path: Path) -> None:
    plain = scheduled(tmp_path / "plain", {"erp/project.yaml": project(CHAIN)})
    dated = scheduled(
        tmp_path / "dated",
        {"portfolio.yaml": PORTFOLIO + "status_date: 2027-02-15\n", "erp/project.yaml": project(CHAIN)},
    )
    assert plain == dated
    assert dated.project("erp").status_date is None
    assert all(t.percent_complete is None and t.remaining_start is None for t in dated.project("erp").tasks)


def test_late_work_moves_the_forecast(tmp_path: Path) -> None:
    # Plan: design Jan 4-8, build Jan 11-22, test Jan 25-29. On Friday Jan 15 design is done (a day late, Jan 11)
    # and build, started Jan 12, is 20% done: its 8 days left run from Monday Jan 18 to Wednesday Jan 27.
    actuals = """\
period: 2027-01
status_date: 2027-01-15
progress: {design: 100%, build: 20%}
actual: {design: {start: 2027-01-04, finish: 2027-01-11}, build: {start: 2027-01-12}}
"""
    schedule = scheduled(tmp_path, {"erp/project.yaml": project(CHAIN), "erp/actuals/2027-01.yaml": actuals})
    assert schedule.findings == ()
    assert schedule.project("erp").status_date == date(2027, 1, 15)
    assert dates(schedule, "design") == (at("2027-01-04", 9), at("2027-01-11", 17))
    assert dates(schedule, "build") == (at("2027-01-12", 9), at("2027-01-27", 17))
    assert row(schedule, "build").remaining_start == at("2027-01-18", 9)
    assert dates(schedule, "test") == (at("2027-01-28", 9), at("2027-02-03", 17))
    assert dates(schedule, "golive") == (at("2027-02-03", 17), at("2027-02-03", 17))
    assert [row(schedule, p).percent_complete for p in ("design", "build", "test", "golive")] == [100, 20, 0, 0]
    assert (row(schedule, "build").actual_start, row(schedule, "build").actual_finish) == (date(2027, 1, 12), None)
    assert not row(schedule, "design").critical and row(schedule, "build").critical


def test_a_task_not_started_waits_for_the_status_date(tmp_path: Path) -> None:
    # Design finished early (Jan 6); build has not started by Friday Jan 8: it starts Monday Jan 11, not Jan 7.
    actuals = "period: 2027-01\nstatus_date: 2027-01-08\nactual: {design: {start: 2027-01-04, finish: 2027-01-06}}\n"
    schedule = scheduled(tmp_path, {"erp/project.yaml": project(CHAIN), "erp/actuals/2027-01.yaml": actuals})
    assert dates(schedule, "design") == (at("2027-01-04", 9), at("2027-01-06", 17))
    assert row(schedule, "design").percent_complete == 100
    assert dates(schedule, "build") == (at("2027-01-11", 9), at("2027-01-22", 17))
    assert row(schedule, "build").remaining_start == at("2027-01-11", 9)


def test_finished_at_100_percent_without_dates_keeps_its_plan_but_not_after_the_status_date(tmp_path: Path) -> None:
    # Reported done on Wednesday Jan 6; planned Jan 4-8, so it is moved back to end on Jan 6 (3 days: Jan 4-6 is
    # kept as long as planned: 5 days back from Jan 6 is Dec 31). test, not started, waits for the status date.
    tasks = """\
  - {id: design, name: Design, duration: 5d}
  - {id: spec, name: Spec, duration: 2d}
  - {id: test, name: Test, duration: 1d, depends: [spec]}
"""
    actuals = "period: 2027-01\nstatus_date: 2027-01-06\nprogress: {design: 100%, spec: 100%}\n"
    schedule = scheduled(tmp_path, {"erp/project.yaml": project(tasks), "erp/actuals/2027-01.yaml": actuals})
    assert dates(schedule, "design") == (at("2026-12-31", 9), at("2027-01-06", 17))
    assert dates(schedule, "spec") == (at("2027-01-04", 9), at("2027-01-05", 17))  # as planned, before the date
    assert dates(schedule, "test") == (at("2027-01-07", 9), at("2027-01-07", 17))


def test_one_actual_date_gives_the_other_from_the_planned_length(tmp_path: Path) -> None:
    tasks = """\
  - {id: a, name: A, duration: 3d}
  - {id: b, name: B, duration: 3d}
"""
    actuals = """\
period: 2027-01
status_date: 2027-01-29
actual: {a: {start: 2027-01-06}, b: {finish: 2027-01-20}}
progress: {a: 100%}
"""
    schedule = scheduled(tmp_path, {"erp/project.yaml": project(tasks), "erp/actuals/2027-01.yaml": actuals})
    assert dates(schedule, "a") == (at("2027-01-06", 9), at("2027-01-08", 17))
    assert dates(schedule, "b") == (at("2027-01-18", 9), at("2027-01-20", 17))


def test_a_milestone_with_an_actual_date_is_fixed_at_the_end_of_that_day(tmp_path: Path) -> None:
    actuals = """\
period: 2027-02
status_date: 2027-02-05
progress: {design: 100%, build: 100%, test: 100%}
actual: {golive: {finish: 2027-01-29}}
"""
    schedule = scheduled(tmp_path, {"erp/project.yaml": project(CHAIN), "erp/actuals/2027-02.yaml": actuals})
    assert dates(schedule, "golive") == (at("2027-01-29", 17), at("2027-01-29", 17))
    assert row(schedule, "golive").percent_complete == 100


def test_work_done_books_its_span_and_the_rest_is_leveled_after_the_status_date(tmp_path: Path) -> None:
    # 10 days of effort for alice, started Monday Jan 4, 30% done by Friday Jan 8: 24 h spread over the week
    # (4.8 h a day), then 56 h from Monday Jan 11 (7 days: to Tuesday Jan 19). "other" waits for it.
    tasks = """\
  - {id: a, name: A, effort: 10d, assign: [alice]}
  - {id: other, name: Other, effort: 2d, assign: [alice], depends: [a]}
"""
    actuals = "period: 2027-01\nstatus_date: 2027-01-08\nprogress: {a: 30%}\nactual: {a: {start: 2027-01-04}}\n"
    schedule = scheduled(tmp_path, {"erp/project.yaml": project(tasks), "erp/actuals/2027-01.yaml": actuals})
    a = row(schedule, "a")
    assert (a.start, a.finish, a.remaining_start) == (at("2027-01-04", 9), at("2027-01-19", 17), at("2027-01-11", 9))
    (alice,) = a.assignments
    assert alice.hours == 80.0
    daily = dict(alice.daily)
    assert [daily[date(2027, 1, d)] for d in (4, 5, 6, 7, 8)] == [4.8] * 5
    assert [daily[date(2027, 1, d)] for d in (11, 12, 13, 14, 15, 18, 19)] == [8.0] * 7
    assert dates(schedule, "other") == (at("2027-01-20", 9), at("2027-01-21", 17))


def test_work_done_takes_capacity_from_an_untracked_project_but_is_not_over_allocation(tmp_path: Path) -> None:
    # erp (tracked) had alice full time on "a" Jan 4-8. crm (no actuals) planned her there too: leveling moves
    # crm's work after hers, and nothing is reported over-allocated.
    files = {
        "erp/project.yaml": project("  - {id: a, name: A, effort: 5d, assign: [alice]}\n"),
        "erp/actuals/2027-01.yaml": (
            "period: 2027-01\nstatus_date: 2027-01-08\nactual: {a: {start: 2027-01-04, finish: 2027-01-08}}\n"
        ),
        "crm/project.yaml": "name: CRM\nstart: 2027-01-04\ntasks:\n  - {id: c, name: C, effort: 2d, assign: [alice]}\n",
    }
    schedule = scheduled(tmp_path, files)
    assert dates(schedule, "c", "crm") == (at("2027-01-11", 9), at("2027-01-12", 17))
    assert schedule.project("crm").status_date is None
    assert schedule.overallocations == () and schedule.findings == ()


def test_constraints_of_a_started_task_no_longer_apply(tmp_path: Path) -> None:
    tasks = "  - {id: a, name: A, duration: 4d, must_start_on: 2027-01-11}\n"
    actuals = "period: 2027-01\nstatus_date: 2027-01-05\nprogress: {a: 50%}\nactual: {a: {start: 2027-01-04}}\n"
    schedule = scheduled(tmp_path, {"erp/project.yaml": project(tasks), "erp/actuals/2027-01.yaml": actuals})
    assert dates(schedule, "a") == (at("2027-01-04", 9), at("2027-01-07", 17))  # 2 days left from Wednesday
    assert schedule.findings == ()


def test_progress_without_an_actual_start_puts_the_work_done_just_before_the_status_date(tmp_path: Path) -> None:
    tasks = "  - {id: a, name: A, duration: 10d, start: 2027-01-18}\n"  # planned later: an early start is fine
    actuals = "period: 2027-01\nstatus_date: 2027-01-08\nprogress: {a: 20%}\n"
    schedule = scheduled(tmp_path, {"erp/project.yaml": project(tasks), "erp/actuals/2027-01.yaml": actuals})
    assert dates(schedule, "a") == (at("2027-01-07", 9), at("2027-01-20", 17))  # 2 days done, 8 left
    assert schedule.findings == ()


def test_the_latest_report_wins_field_by_field(tmp_path: Path) -> None:
    files = {
        "erp/project.yaml": project(CHAIN),
        "erp/actuals/2027-01.yaml": "period: 2027-01\nprogress: {build: 40%}\nactual: {build: {start: 2027-01-11}}\n",
        "erp/actuals/2027-02.yaml": "period: 2027-02\nstatus_date: 2027-02-03\nprogress: {design: 100%, build: 90%}\n",
    }
    schedule = scheduled(tmp_path, files)
    assert schedule.project("erp").status_date == date(2027, 2, 3)
    build = row(schedule, "build")
    assert (build.percent_complete, build.actual_start, build.start) == (90.0, date(2027, 1, 11), at("2027-01-11", 9))
    assert build.remaining_start == at("2027-02-04", 9)  # one day left after Wednesday Feb 3
    assert build.finish == at("2027-02-04", 17)


def test_a_file_without_status_date_counts_the_last_day_of_its_period(tmp_path: Path) -> None:
    files = {
        "portfolio.yaml": PORTFOLIO + "status_date: 2027-03-31\n",
        "erp/project.yaml": project(CHAIN),
        "erp/actuals/2027-01.yaml": "period: 2027-01\nprogress: {design: 100%}\n",
    }
    schedule = scheduled(tmp_path, files)
    assert schedule.project("erp").status_date == date(2027, 1, 31)
    assert row(schedule, "build").start == at("2027-02-01", 9)


def test_summary_percent_is_weighted_by_planned_hours(tmp_path: Path) -> None:
    tasks = """\
  - id: phase
    name: Phase
    tasks:
      - {id: small, name: Small, duration: 1d}
      - {id: large, name: Large, effort: 3d, assign: [alice, bob]}
      - {id: gate, name: Gate, milestone: true, depends: [small, large]}
"""
    actuals = "period: 2027-01\nstatus_date: 2027-01-04\nprogress: {phase.small: 100%, phase.large: 50%}\n"
    schedule = scheduled(tmp_path, {"erp/project.yaml": project(tasks), "erp/actuals/2027-01.yaml": actuals})
    # small: 8 h done of 8; large: 12 h done of 24 person-hours; the milestone weighs nothing: 20 / 32
    assert row(schedule, "phase").percent_complete == 62.5
    assert row(schedule, "phase").actual_start is None and row(schedule, "phase").actual_finish is None


def test_a_finished_summary_has_the_dates_of_its_tasks(tmp_path: Path) -> None:
    tasks = """\
  - id: phase
    name: Phase
    tasks:
      - {id: a, name: A, duration: 1d}
      - {id: b, name: B, duration: 1d, depends: [a]}
"""
    actuals = """\
period: 2027-01
status_date: 2027-01-08
actual: {phase.a: {start: 2027-01-04, finish: 2027-01-04}, phase.b: {start: 2027-01-05, finish: 2027-01-07}}
"""
    schedule = scheduled(tmp_path, {"erp/project.yaml": project(tasks), "erp/actuals/2027-01.yaml": actuals})
    phase = row(schedule, "phase")
    assert (phase.percent_complete, phase.actual_start, phase.actual_finish) == (
        100,
        date(2027, 1, 4),
        date(2027, 1, 7),
    )
    assert (phase.start, phase.finish) == (at("2027-01-04", 9), at("2027-01-07", 17))


def test_an_alap_task_that_has_started_stays_where_it_is(tmp_path: Path) -> None:
    tasks = """\
  - {id: long, name: Long, duration: 10d}
  - {id: short, name: Short, duration: 2d, alap: true}
"""
    actuals = "period: 2027-01\nstatus_date: 2027-01-04\nprogress: {short: 50%}\nactual: {short: {start: 2027-01-04}}\n"
    schedule = scheduled(tmp_path, {"erp/project.yaml": project(tasks), "erp/actuals/2027-01.yaml": actuals})
    assert dates(schedule, "short") == (at("2027-01-04", 9), at("2027-01-05", 17))


def test_a_successor_in_another_project_waits_for_the_forecast(tmp_path: Path) -> None:
    actuals = "period: 2027-01\nstatus_date: 2027-01-22\nprogress: {design: 100%, build: 50%}\n"
    files = {
        "erp/project.yaml": project(CHAIN),
        "erp/actuals/2027-01.yaml": actuals,
        "crm/project.yaml": (
            'name: CRM\nstart: 2027-01-04\ntasks:\n  - {id: c, name: C, duration: 1d, depends: ["erp:build"]}\n'
        ),
    }
    schedule = scheduled(tmp_path, files)
    assert row(schedule, "build").finish == at("2027-01-29", 17)  # 5 days left from Monday Jan 25
    assert dates(schedule, "c", "crm") == (at("2027-02-01", 9), at("2027-02-01", 17))


def test_json_gains_tracking_fields_only_for_projects_with_actuals(tmp_path: Path) -> None:
    files = {
        "portfolio.yaml": PORTFOLIO,
        "people.yaml": PEOPLE,
        "erp/project.yaml": project(CHAIN),
        "erp/actuals/2027-01.yaml": "period: 2027-01\nstatus_date: 2027-01-15\nprogress: {design: 100%, build: 20%}\n",
        "crm/project.yaml": "name: CRM\nstart: 2027-01-04\ntasks:\n  - {id: c, name: C, duration: 1d}\n",
    }
    root = write_plan(tmp_path, files)
    result = CliRunner().invoke(cli, ["schedule", str(root), "--format", "json"])
    assert result.exit_code == 0, result.output
    crm, erp = json.loads(result.stdout)["projects"]
    assert "status_date" not in crm and not {"percent_complete", "actual_start"} & set(crm["tasks"][0])
    assert erp["status_date"] == "2027-01-15"
    build = next(t for t in erp["tasks"] if t["id"] == "build")
    assert (build["percent_complete"], build["actual_start"], build["actual_finish"]) == (20.0, None, None)
    table = CliRunner().invoke(cli, ["schedule", str(root)]).stdout
    assert "(erp): 2027-01-04 09:00 -> 2027-02-03 17:00, status date 2027-01-15\n" in table
    assert "Build" in table and " 20%  *" in table


def test_without_tracking_actuals_are_ignored(tmp_path: Path) -> None:
    actuals = "period: 2027-01\nstatus_date: 2027-01-15\nprogress: {design: 100%, build: 20%}\n"
    plain = scheduled(tmp_path / "plain", {"erp/project.yaml": project(CHAIN)})
    root = write_plan(
        tmp_path / "tracked",
        {"portfolio.yaml": PORTFOLIO, "erp/project.yaml": project(CHAIN), "erp/actuals/2027-01.yaml": actuals},
    )
    result = validated(root)
    assert schedule_portfolio(result.portfolio, track=False).projects == plain.projects
    assert schedule_portfolio(result.portfolio).projects != plain.projects
