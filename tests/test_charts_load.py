"""Weekly load from a schedule (hand-checked: leave, a holiday, part-time units) and the heat map drawn from it."""

from __future__ import annotations

import math
from datetime import date, datetime
from pathlib import Path

from charts_plan import demo, find_all, svg_of
from conftest import Golden

from pmcode.model import TaskKind
from pmcode.render.charts import heatmap_rows, heatmap_svg, week_starts, weekly_load
from pmcode.render.charts.heatmap import load_bin
from pmcode.schedule import AssignmentHours, ProjectSchedule, Schedule, TaskSchedule

GOLDEN = Path(__file__).parent / "golden" / "charts"
WEEKS = (date(2027, 1, 4), date(2027, 1, 11), date(2027, 1, 18))
SVG_TITLE = "{http://www.w3.org/2000/svg}title"


def test_week_starts_are_the_mondays_covering_the_range() -> None:
    assert week_starts(date(2027, 1, 6), date(2027, 1, 18)) == WEEKS
    assert week_starts(date(2027, 1, 4), date(2027, 1, 3)) == ()


def test_weekly_load_by_hand(tmp_path: Path) -> None:
    # Unleveled: alice does Review (2d, 11-12 Jan) and Test (4d, 11-14 Jan) at once: 16 + 32 = 48 h in a 40 h week.
    # Her leave (Wed 6, Thu 7 Jan) leaves 3 days = 24 h in the first week; the holiday (Mon 18 Jan) 32 h in the
    # third. Bob (50%) works 4 h a day on the docs from Tue 5 Jan: 16 h of 20 h, then 20 of 20, then Tue 19 Jan
    # only (4 h) of a 16 h week (4 days x 8 h x 50%). Summaries repeat their tasks' hours and are not counted.
    portfolio, schedule = demo(tmp_path, level=False)
    alice, bob = weekly_load(portfolio, schedule, WEEKS)
    assert (alice.person, alice.name) == ("alice", "Alice Chen")
    assert alice.booked == (0.0, 48.0, 0.0)
    assert alice.capacity == (24.0, 40.0, 32.0)
    assert alice.percents == (0.0, 120.0, 0.0)
    assert bob.booked == (16.0, 20.0, 4.0)
    assert bob.capacity == (20.0, 20.0, 16.0)
    assert bob.percents == (80.0, 100.0, 25.0)


def test_weekly_load_filters_projects_and_people(tmp_path: Path) -> None:
    portfolio, schedule = demo(tmp_path, level=False)
    assert weekly_load(portfolio, schedule, WEEKS, projects=["other"]) == ()
    (only,) = weekly_load(portfolio, schedule, WEEKS, people=["bob"])
    assert only.booked == (16.0, 20.0, 4.0)
    (ghost,) = weekly_load(portfolio, schedule, WEEKS, people=["nobody"])  # unknown: no capacity, no hours
    assert ghost.capacity == (0.0, 0.0, 0.0)
    assert all(math.isnan(p) for p in ghost.percents)


def test_hours_without_capacity_are_infinite_load(tmp_path: Path) -> None:
    row = TaskSchedule(
        "p", "t", "T", TaskKind.EFFORT, 0, datetime(2027, 1, 4, 9), datetime(2027, 1, 4, 17), None, None, None,
        None, False, (AssignmentHours("zed", 8.0, ((date(2027, 1, 4), 8.0),)),), None,
    )  # fmt: skip
    schedule = Schedule((ProjectSchedule("p", "P", None, None, (row,)),), (), (), False)
    portfolio, _ = demo(tmp_path)  # where nobody is called zed
    (zed,) = weekly_load(portfolio, schedule, WEEKS[:1])
    assert zed.booked == (8.0,) and zed.capacity == (0.0,)
    assert zed.percents == (math.inf,)
    assert load_bin(math.inf) == "load-over"


def test_bins() -> None:
    assert [load_bin(p) for p in (0, 0.4, 25, 25.1, 50, 75, 76, 100, 100.4, 100.6, 250)] == [
        "load-0", "load-1", "load-1", "load-2", "load-2", "load-3", "load-4", "load-4", "load-4", "load-over",
        "load-over",
    ]  # fmt: skip
    assert load_bin(math.nan) == "load-none"


def test_golden_heatmap_and_its_cells(tmp_path: Path, golden: Golden) -> None:
    portfolio, schedule = demo(tmp_path, level=False)
    rows, detail = heatmap_rows(weekly_load(portfolio, schedule, WEEKS))
    chart = heatmap_svg(rows, WEEKS, title="Team load", detail=detail)
    golden.check(GOLDEN / "heatmap.html", chart)
    svg = svg_of(chart)
    cells = [g for row in find_all(svg, "g", class_="pmc-row") for g in row.findall("{http://www.w3.org/2000/svg}g")]
    titles = [cell.findtext(SVG_TITLE) for cell in cells]
    assert titles[1] == "\u2068Alice Chen\u2069, week of 2027-01-11: 120% (48 h of 40 h), over-allocated"
    assert titles[3] == "\u2068Bob Stone\u2069, week of 2027-01-04: 80% (16 h of 20 h)"
    over = cells[1]
    assert next(r.get("class") for r in find_all(over, "rect")) == "pmc-load-over"
    assert any("cross" in r.get("fill", "") and r.get("stroke-width") == "1.5" for r in find_all(over, "rect"))
    assert "Over-allocated: \u2068Alice Chen\u2069 (1 week)" in (svg.findtext("{http://www.w3.org/2000/svg}desc") or "")
    assert heatmap_svg(rows, WEEKS, title="Team load", detail=detail) == chart


def test_heatmap_without_detail_or_rows() -> None:
    chart = heatmap_svg([("a", "Ann", [50.0, math.nan])], WEEKS[:2], title="Load")
    titles = [t.text for t in svg_of(chart).iter(SVG_TITLE)]
    assert "\u2068Ann\u2069, week of 2027-01-04: 50%" in titles
    assert "\u2068Ann\u2069, week of 2027-01-11: no working time (leave, holidays or not available)" in titles
    assert svg_of(heatmap_svg([], [], title="Nobody")) is not None
