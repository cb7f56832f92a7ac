"""The Gantt chart and the portfolio timeline: goldens of a small plan, geometry checked by hand, scale, size."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

from charts_plan import BASELINE, demo, find_all, svg_of, with_progress
from conftest import Golden

from pmcode.model import TaskKind
from pmcode.render.charts import (
    ChartLink,
    baseline_span,
    gantt_inputs,
    gantt_svg,
    portfolio_timeline_svg,
)
from pmcode.render.charts.timeaxis import TimeAxis
from pmcode.schedule import ProjectSchedule, Schedule, TaskSchedule

GOLDEN = Path(__file__).parent / "golden" / "charts"
LEFT = 280 + 8  # label column + gap: where the first day starts (default widths)
AREA = 1100 - 280 - 24  # the time area of a 1100 px chart


def task(path: str, start: datetime | None, finish: datetime | None, **fields: object) -> TaskSchedule:
    values: dict[str, object] = {
        "project": "p",
        "path": path,
        "name": path.rsplit(".", 1)[-1].title(),
        "kind": TaskKind.DURATION,
        "depth": path.count("."),
        "start": start,
        "finish": finish,
        "late_start": start,
        "late_finish": finish,
        "total_float_hours": 0.0,
        "free_float_hours": 0.0,
        "critical": False,
        "assignments": (),
        "deadline": None,
    }
    values.update(fields)
    return TaskSchedule(**values)  # type: ignore[arg-type]


def project(*tasks: TaskSchedule, status: date | None = None) -> ProjectSchedule:
    starts = [t.start for t in tasks if t.start]
    finishes = [t.finish for t in tasks if t.finish]
    return ProjectSchedule("p", "P", min(starts, default=None), max(finishes, default=None), tasks, status)


# Four weeks, Monday 4 to Sunday 31 January 2027: 28 days of AREA / 28 px each.
DAY = AREA / 28
FOUR_WEEKS = project(
    task("a", datetime(2027, 1, 4, 9), datetime(2027, 1, 8, 17), critical=True, percent_complete=40.0),
    task("b", datetime(2027, 1, 11, 9), datetime(2027, 1, 15, 13), total_float_hours=12.0),
    task("m", datetime(2027, 1, 15, 17), datetime(2027, 1, 15, 17), kind=TaskKind.MILESTONE),
    task("z", datetime(2027, 1, 28, 9), datetime(2027, 1, 29, 17)),
)


def rows(svg_text: str) -> list:  # type: ignore[type-arg]
    return find_all(svg_of(svg_text), "g", class_="pmc-row")


def numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", text)]


def test_golden_gantt_of_the_small_plan(tmp_path: Path, golden: Golden) -> None:
    portfolio, schedule = demo(tmp_path)
    inputs = gantt_inputs(portfolio, "demo")
    planned = with_progress(schedule.project("demo"), {"design": 100.0, "build.docs": 40.0, "build": 50.0})
    chart = gantt_svg(planned, baseline=BASELINE, status_date=date(2027, 1, 13), links=inputs.links)
    golden.check(GOLDEN / "gantt.html", chart)


def test_golden_timeline(tmp_path: Path, golden: Golden) -> None:
    _, schedule = demo(tmp_path)
    spans = {"demo": (datetime(2027, 1, 4, 9), datetime(2027, 1, 15, 17))}  # finish slipped 2 working days
    chart = portfolio_timeline_svg(schedule, baselines=spans, status_date=date(2027, 1, 13))
    golden.check(GOLDEN / "timeline.html", chart)
    assert "+4d" in chart  # 15 to 19 January, calendar days
    assert "1 forecast to finish after their baseline" in chart


def test_inputs_read_links_and_working_day_from_the_model(tmp_path: Path) -> None:
    portfolio, _ = demo(tmp_path)
    inputs = gantt_inputs(portfolio, "demo")
    assert inputs.links == (
        ChartLink("design", "build.code", "FS"),
        ChartLink("design", "build.docs", "SS"),
        ChartLink("design", "review", "FS"),
        ChartLink("design", "qa", "FS"),
        ChartLink("build", "done", "FS"),
        ChartLink("review", "done", "FS"),
        ChartLink("qa", "done", "FS"),
    )
    assert inputs.workday == (9 * 60, 17 * 60)
    assert inputs.baseline == {}  # the plan has no baseline.yaml
    assert baseline_span(None) is None


def test_a_five_day_task_is_five_days_wide_from_its_start() -> None:
    first = rows(gantt_svg(FOUR_WEEKS))[0]
    bar = find_all(first, "rect", class_="pmc-bar")[0]
    assert abs(float(bar.get("x", "")) - LEFT) < 0.06
    assert abs(float(bar.get("width", "")) - 5 * DAY) < 0.06
    # 40% done: the progress fill covers two of the five days; critical: hatched and outlined on top
    done = find_all(first, "rect", class_="pmc-crit-done")[0]
    assert abs(float(done.get("width", "")) - 2 * DAY) < 0.06
    assert any("hatch" in r.get("fill", "") and r.get("stroke") == "#000000" for r in find_all(first, "rect"))


def test_half_a_working_day_is_half_a_day_wide() -> None:
    second = rows(gantt_svg(FOUR_WEEKS))[1]
    bar = find_all(second, "rect", class_="pmc-bar")[0]
    assert abs(float(bar.get("x", "")) - (LEFT + 7 * DAY)) < 0.06  # Monday of the second week
    assert abs(float(bar.get("width", "")) - 4.5 * DAY) < 0.06  # Monday 09:00 to Friday 13:00
    title = second.find("{http://www.w3.org/2000/svg}title")
    assert title is not None and title.text is not None
    assert "2027-01-11 09:00 to 2027-01-15 13:00" in title.text
    assert "total float 1.5d" in title.text  # 12 h of 8-hour days


def test_a_milestone_is_a_diamond_at_its_moment() -> None:
    third = rows(gantt_svg(FOUR_WEEKS))[2]
    (diamond,) = find_all(third, "path", class_="pmc-diamond")
    x, y, *steps = numbers(diamond.get("d", ""))
    assert abs(x - (LEFT + 12 * DAY)) < 0.06  # Friday 15 January, 17:00: the day's right edge
    assert steps == [5.5, 5.5, -5.5, 5.5, -5.5, -5.5]  # top, right, bottom, left: a closed square on its corner
    assert y + 5.5 == 40 + 2 * 20 + 9  # centred on the row's bar line


def test_status_line_at_the_end_of_the_status_day() -> None:
    chart = gantt_svg(FOUR_WEEKS, status_date=date(2027, 1, 13))
    (group,) = find_all(svg_of(chart), "g", class_="pmc-status-line")
    (line,) = find_all(group, "path", class_="pmc-status")
    assert abs(numbers(line.get("d", ""))[0] - (LEFT + 10 * DAY)) < 0.06  # midnight after Wednesday 13 January


def test_baseline_ghost_and_links() -> None:
    baseline = {"a": (datetime(2027, 1, 5, 9), datetime(2027, 1, 6, 17))}
    links = [ChartLink("a", "b", "FS"), ChartLink("a", "z", "SS"), ChartLink("a", "elsewhere", "FS")]
    chart = gantt_svg(FOUR_WEEKS, baseline=baseline, links=links)
    (ghost,) = find_all(rows(chart)[0], "rect", class_="pmc-baseline")
    assert abs(float(ghost.get("x", "")) - (LEFT + DAY)) < 0.06
    assert abs(float(ghost.get("width", "")) - 2 * DAY) < 0.06
    (group,) = find_all(svg_of(chart), "g", class_="pmc-links")
    arrows = find_all(group, "path", class_="pmc-link")
    assert len(arrows) == 2  # the link to a task outside the chart is left out
    fs = numbers(arrows[0].get("d", ""))
    assert abs(fs[0] - (LEFT + 5 * DAY)) < 0.06 and abs(fs[-1] - (LEFT + 7 * DAY)) < 0.06  # a's finish to b's start
    ss = numbers(arrows[1].get("d", ""))
    assert abs(ss[0] - LEFT) < 0.06 and abs(ss[-1] - (LEFT + 24 * DAY)) < 0.06  # a's start to z's start


def test_scale_follows_the_span() -> None:
    assert TimeAxis.spanning(date(2027, 1, 4), date(2027, 1, 31), 0, AREA).scale == "week"
    assert TimeAxis.spanning(date(2027, 1, 4), date(2027, 12, 31), 0, AREA).scale == "month"
    assert TimeAxis.spanning(date(2027, 1, 4), date(2031, 12, 31), 0, AREA).scale == "quarter"
    upper, lower = TimeAxis.spanning(date(2027, 1, 4), date(2027, 1, 31), 0, AREA).ticks()
    assert [t.label for t in lower] == ["04", "11", "18", "25"]
    assert [t.label for t in upper] == ["Jan 2027"]


def test_250_tasks_stay_readable_and_small() -> None:
    start = datetime(2027, 1, 4, 9)
    tasks = []
    for group in range(25):
        tasks.append(task(f"g{group}", start, start + timedelta(days=60), kind=TaskKind.SUMMARY))
        for number in range(9):
            begin = start + timedelta(days=group * 2 + number)
            tasks.append(task(f"g{group}.t{number}", begin, begin + timedelta(days=3, hours=8), critical=number == 0))
    links = [ChartLink(f"g{g}.t{n}", f"g{g}.t{n + 1}", "FS") for g in range(25) for n in range(8)]
    chart = gantt_svg(project(*tasks), links=links, status_date=date(2027, 2, 1))
    svg = svg_of(chart)
    assert len(find_all(svg, "g", class_="pmc-row")) == 250
    assert float(svg.get("height", "")) > 250 * 20  # fixed row height: the chart grows, it is not squeezed
    assert len(chart) < 400_000
    assert len(find_all(svg, "rect", class_="pmc-band")) == 12 * 10  # every other top-level group is banded


def test_unscheduled_tasks_and_an_empty_project_render() -> None:
    odd = project(task("a", datetime(2027, 1, 4, 9), datetime(2027, 1, 5, 17)), task("b", None, None))
    assert "not scheduled" in gantt_svg(odd)
    empty = ProjectSchedule("e", "Empty", None, None, ())
    assert svg_of(gantt_svg(empty)) is not None
    assert svg_of(portfolio_timeline_svg(Schedule((), (), (), False))) is not None


def test_two_renders_are_identical(tmp_path: Path) -> None:
    portfolio, schedule = demo(tmp_path)
    inputs = gantt_inputs(portfolio, "demo")
    first = gantt_svg(schedule.project("demo"), links=inputs.links, status_date=date(2027, 1, 13))
    again = gantt_svg(schedule.project("demo"), links=inputs.links, status_date=date(2027, 1, 13))
    assert first == again
    assert portfolio_timeline_svg(schedule) == portfolio_timeline_svg(schedule)
