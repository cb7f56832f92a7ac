"""Properties of scheduling from the status date, on random valid plans (tests/schedule_plans.py) given random
actuals: a status date, and per task nothing, progress, actual dates, or both.

- a plan without actuals is unchanged by a status date; one whose actuals report nothing before every start is
  scheduled at the same dates;
- a finished task keeps its actual dates (the first working moment of its start day, the last of its finish day);
- no work of a task that is not finished is placed before the status date: the work left starts after it;
- finish-to-start links still hold for the work left;
- and what holds for every schedule still holds: finish after start, summaries spanning their tasks.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st
from plans import write_plan
from schedule_plans import FIRST_START, Plan, plans
from test_schedule_properties import PROPERTIES, check_dates, check_summaries, run, validated, written

from pmcode.model import LinkType, TaskKind
from pmcode.schedule import schedule_portfolio


@dataclass
class Report:
    progress: int | None  # percent
    start: date | None
    finish: date | None


@dataclass
class Tracked:
    plan: Plan
    status: date
    reports: dict[tuple[str, str], Report]  # (project, path) -> what the actuals say

    def files(self) -> dict[str, str]:
        written = self.plan.files()
        by_project: dict[str, dict[str, Any]] = {}
        for (project, path), report in self.reports.items():
            actuals = by_project.setdefault(project, {"progress": {}, "actual": {}})
            if report.progress is not None:
                actuals["progress"][path] = f"{report.progress}%"
            dates = {k: v.isoformat() for k, v in (("start", report.start), ("finish", report.finish)) if v}
            if dates:
                actuals["actual"][path] = dates
        for project in self.plan.projects:  # every project has an actuals file: all are tracked
            actuals = by_project.get(project, {})
            document = {"period": f"{self.status:%Y-%m}", "status_date": self.status.isoformat()}
            document.update({key: value for key, value in actuals.items() if value})
            written[f"{project}/actuals/{self.status:%Y-%m}.yaml"] = yaml.safe_dump(document, sort_keys=False)
        return written


def _leaves(tasks: list[dict[str, Any]], prefix: str = "") -> list[tuple[str, bool]]:
    """(path, is a milestone) of every leaf task, depth first."""
    found = []
    for task in tasks:
        path = f"{prefix}{task['id']}"
        if "tasks" in task:
            found += _leaves(task["tasks"], path + ".")
        else:
            found.append((path, bool(task.get("milestone"))))
    return found


@st.composite
def reports(draw: st.DrawFn, status: date, milestone: bool) -> Report | None:
    def day() -> date:
        return status - timedelta(days=draw(st.integers(min_value=0, max_value=40)))

    kind = draw(st.sampled_from(["none", "finished", "started", "progress"]))
    if kind == "none":
        return None
    if milestone:
        return Report(100, None, day()) if kind != "progress" else Report(100, None, None)
    if kind == "finished":
        start, finish = sorted((day(), day()))
        dated = draw(st.sampled_from(["both", "start", "finish", "neither"]))
        return Report(
            draw(st.sampled_from([None, 100])) if dated != "neither" else 100,
            start if dated in ("both", "start") else None,
            finish if dated in ("both", "finish") else None,
        )
    if kind == "started":
        return Report(draw(st.integers(min_value=0, max_value=99)), day(), None)
    return Report(draw(st.integers(min_value=1, max_value=99)), None, None)


@st.composite
def tracked_plans(draw: st.DrawFn) -> Tracked:
    plan = draw(plans())
    status = FIRST_START + timedelta(days=draw(st.integers(min_value=-5, max_value=60)))
    found: dict[tuple[str, str], Report] = {}
    for project_id, project in plan.projects.items():
        for path, milestone in _leaves(project["tasks"]):
            report = draw(reports(status, milestone))
            if report is not None:
                found[(project_id, path)] = report
    return Tracked(plan, status, found)


def _moment(day: date, hour: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour)


@contextmanager
def written_files(files: dict[str, str]) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield write_plan(Path(folder), files)


@PROPERTIES
@given(plans(), st.integers(min_value=0, max_value=60))
def test_a_status_date_without_actuals_changes_nothing(plan: Plan, offset: int) -> None:
    status = (FIRST_START + timedelta(days=offset)).isoformat()
    dated = Plan({**plan.portfolio, "status_date": status}, plan.calendars, plan.people, plan.projects)
    with written(plan) as root:
        before = validated(root)
    with written(dated) as root:
        after = validated(root)
    plain, dated_schedule = schedule_portfolio(before.portfolio), schedule_portfolio(after.portfolio)
    assert plain.projects == dated_schedule.projects
    assert [(d.line, d.col, d.code, d.message) for d in plain.findings] == [
        (d.line, d.col, d.code, d.message) for d in dated_schedule.findings
    ]


@PROPERTIES
@given(plans())
def test_actuals_that_report_nothing_before_every_start_change_no_date(plan: Plan) -> None:
    tracked = Tracked(plan, FIRST_START - timedelta(days=1), {})
    with written(plan) as root:
        plain = schedule_portfolio(validated(root).portfolio)
    with written_files(tracked.files()) as root:
        schedule = schedule_portfolio(validated(root).portfolio)
    assert [(t.path, t.start, t.finish) for p in schedule.projects for t in p.tasks] == [
        (t.path, t.start, t.finish) for p in plain.projects for t in p.tasks
    ]
    assert all(p.status_date == tracked.status for p in schedule.projects)


@PROPERTIES
@given(tracked_plans())
def test_tracked_schedules_keep_actual_dates_and_place_no_work_left_before_the_status_date(tracked: Tracked) -> None:
    with written_files(tracked.files()) as root:
        result = validated(root)
    for level in (True, False):
        state = run(result, level=level)
        check_dates(state)
        check_summaries(state)
        calendars = state.calendars
        after_status = _moment(tracked.status + timedelta(days=1))
        for node in state.network.tasks:
            if not node.leaf:
                continue
            row = state.rows[node.key]
            if row.start is None or row.finish is None:
                continue
            report = tracked.reports.get(node.key)
            time = calendars.project(node.project)
            finished = report is not None and (report.finish is not None or report.progress == 100)
            if finished:
                assert report is not None and row.remaining_start is None and row.percent_complete == 100, row
                if report.finish is not None:  # the last working moment of that day
                    end = time.end_at(time.work_before(calendars.base.moment(report.finish + timedelta(days=1))))
                    assert row.finish == max(calendars.base.datetime(end), row.start), (row, report)
                if report.start is not None and node.task.kind is not TaskKind.MILESTONE:
                    first = time.next_working(calendars.base.moment(report.start))
                    assert row.start == calendars.base.datetime(first), (row, report)
                assert row.actual_finish == report.finish
                continue
            assert row.remaining_start is not None and row.remaining_start >= after_status, (row, report)
            assert row.finish >= row.remaining_start
            if report is None or (report.start is None and not report.progress):
                assert row.start >= after_status, row  # not started
            elif report.start is not None:
                assert row.start == calendars.base.datetime(time.next_working(calendars.base.moment(report.start)))
        check_links_of_the_work_left(state)


def check_links_of_the_work_left(state: Any) -> None:
    """Every finish-to-start link (without a lead) into a task not finished: its work left starts no earlier than
    the predecessor's finish."""
    for link in state.network.links:
        lag = link.dependency.lag
        if link.type is not LinkType.FS or (lag is not None and lag.amount < 0):
            continue
        pred = state.task(link.pred)
        if pred.finish is None:
            continue
        stack = [link.succ]
        while stack:
            index = stack.pop()
            node = state.network.tasks[index]
            if not node.leaf:
                stack.extend(node.children)
                continue
            succ = state.task(index)
            if node.task.must_start_on or node.task.must_finish_on:
                continue  # the constraint wins over its links (PM306)
            if succ.remaining_start is not None:
                assert succ.remaining_start >= pred.finish, (pred, succ)
