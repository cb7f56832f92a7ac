"""Risk charts: finish and cost distributions with P50/P80/plan/deadline markers, the tornado, the site's Risk
section. Golden files for fixed inputs and for a small seeded simulation; hostile names stay text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from charts_plan import find_all, svg_of
from conftest import Golden

from pmcode.render.charts.risk import cost_distribution_svg, finish_distribution_svg, tornado_svg
from pmcode.render.site_risk import risk_figures, risk_section
from pmcode.risk import TaskRisk
from pmcode.schedule import schedule_portfolio
from pmcode.validate import validate_root

GOLDEN = Path(__file__).parent / "golden" / "charts"
# 10 iterations: finish days 4 to 12 Jan 2027. Plot x from 70 to 700 (630 px); the axis runs from 4 Jan to the end
# of 12 Jan, 9 days of 70 px each, so a day's marker sits at 70 + 70 x (days after 4 Jan).
DAYS = [date(2027, 1, d) for d in (4, 5, 5, 6, 7, 8, 8, 8, 11, 12)]
COSTS = [100.0, 200.0, 300.0, 400.0, 500.0, 500.0, 600.0, 700.0, 900.0, 1000.0]
HOSTILE = '</text><script>alert(1)</script>&amp; "quoted" \x07 <b>'


def finish_chart() -> str:
    return finish_distribution_svg(
        DAYS, p50=date(2027, 1, 7), p80=date(2027, 1, 8), planned=date(2027, 1, 5), deadline=date(2027, 1, 11)
    )


def cost_chart() -> str:
    return cost_distribution_svg(COSTS, p50=500.0, p80=700.0, planned=400.0, currency="EUR")


def marker_x(chart: str, kind: str) -> float:
    (group,) = find_all(svg_of(chart), "g", class_=f"pmc-marker-{kind}")
    (line,) = [p for p in group if p.tag.endswith("path")]
    return float(line.get("d", "").split(",")[0].lstrip("M"))


def test_golden_finish_cost_and_tornado(golden: Golden) -> None:
    golden.check(GOLDEN / "risk-finish.html", finish_chart())
    golden.check(GOLDEN / "risk-cost.html", cost_chart())
    golden.check(GOLDEN / "risk-tornado.html", tornado_svg(ROWS))


def test_p50_p80_plan_and_deadline_markers_sit_at_hand_checked_x() -> None:
    chart = finish_chart()
    assert marker_x(chart, "p50") == 70 + 3 * 70  # 7 Jan: 3 days after 4 Jan
    assert marker_x(chart, "p80") == 70 + 4 * 70  # 8 Jan
    assert marker_x(chart, "plan") == 70 + 1 * 70  # 5 Jan
    assert marker_x(chart, "deadline") == 70 + 7 * 70  # 11 Jan
    # cost axis from 100 to 1,000 over 630 px: 0.7 px per unit
    cost = cost_chart()
    assert marker_x(cost, "p50") == 70 + 400 * 0.7  # 350
    assert marker_x(cost, "p80") == 70 + 600 * 0.7  # 490
    assert marker_x(cost, "plan") == 70 + 300 * 0.7  # 280
    assert not find_all(svg_of(cost), "g", class_="pmc-marker-deadline")


def test_histogram_bars_and_cumulative_curve() -> None:
    svg = svg_of(finish_chart())
    bars = find_all(svg, "rect", class_="pmc-task")[:-1]  # the last one is the legend swatch
    # 20 bins over 9 days round up to 1 day: 4,5,6,7,8,11,12 Jan have iterations, 9 and 10 Jan none
    assert [float(b.get("x", "")) for b in bars] == [70.0, 140.0, 210.0, 280.0, 350.0, 560.0, 630.0]
    titles = [b.findtext("{http://www.w3.org/2000/svg}title") for b in bars]
    assert titles[1] == "5 Jan 2027: 20.0%" and titles[4] == "8 Jan 2027: 30.0%"
    (curve,) = find_all(svg, "path", class_="pmc-pv")[:1]
    points = [tuple(map(float, p.split(","))) for p in curve.get("d", "").lstrip("M").split("L")]
    # plot y from 20 (100%) to 256 (0%): after 8 Jan 8 of 10 iterations: 256 - 0.8 x 236 = 67.2
    assert points[0] == (70.0, 256.0) and points[5] == (420.0, 67.2) and points[-1] == (700.0, 20.0)


def test_tornado_keeps_the_ten_strongest_in_order_and_draws_negatives_left() -> None:
    rows = [TaskRisk(f"t{i:02}", f"Task {i}", 0.5, (-1) ** i * i / 12, True) for i in range(12)]
    svg = svg_of(tornado_svg([*rows, TaskRisk("x", "Fixed", 1.0, None, False)]))
    labels = [t.text for t in find_all(svg, "text", text_anchor="end")]
    assert labels == [f"Task {i}" for i in range(11, 1, -1)]
    bars = find_all(svg, "rect", class_="pmc-task")
    # zero at (220 + 730) / 2 = 475, half width 255: Task 11 = -11/12 -> from 475 - 233.75 to 475
    assert float(bars[0].get("x", "")) == 241.2 and float(bars[0].get("width", "")) == 233.8
    assert float(bars[1].get("x", "")) == 475 and float(bars[1].get("width", "")) == 212.5  # Task 10: +10/12


def test_hostile_names_stay_inert_text() -> None:
    chart = tornado_svg([TaskRisk("a.b", HOSTILE, 0.5, 0.8, True)])
    svg = svg_of(chart)  # defusedxml: well-formed, no entities expanded
    assert not list(svg.iter("{http://www.w3.org/2000/svg}script")) and "<script>" not in chart
    assert "&lt;/text&gt;&lt;script&gt;" in chart
    (label,) = find_all(svg, "text", text_anchor="end")
    assert label.text == '</text><script>alert(1)</script>&amp; "quoted"  <b>'[:33] + "…"


def test_the_same_input_gives_the_same_bytes_and_another_a_different_id() -> None:
    assert finish_chart() == finish_chart() and cost_chart() == cost_chart()
    other = finish_distribution_svg(DAYS[1:], p50=date(2027, 1, 7), p80=date(2027, 1, 8))
    assert svg_of(other).get("aria-labelledby") != svg_of(finish_chart()).get("aria-labelledby")


ROWS = [
    TaskRisk("build.core", "Build core", 0.9, 0.72, True),
    TaskRisk("test.uat", "User acceptance", 0.6, 0.41, True),
    TaskRisk("design", "Design", 0.2, -0.15, True),
]

PLAN = """name: Small
start: 2027-01-04
tasks:
  - {id: a, name: Analyse, duration: 5d, estimate: {min: 4d, likely: 5d, max: 9d}}
  - {id: b, name: Build, duration: 10d, estimate: {min: 8d, likely: 10d, max: 18d}, depends: [a], assign: [dev]}
  - {id: c, name: Document, duration: 3d, depends: [a]}
  - {id: done, name: Done, milestone: true, depends: [b, c], deadline: 2027-01-29}
"""


def small_section(root: Path) -> str:
    root.mkdir()
    (root / "portfolio.yaml").write_text("name: Test\ncurrency: EUR\n", encoding="utf-8")
    (root / "people.yaml").write_text(
        "roles:\n  - {id: dev, name: Developer, rate: 100}\npeople:\n  - {id: dev, name: Dev, role: dev}\n",
        encoding="utf-8",
    )
    (root / "small").mkdir()
    (root / "small" / "project.yaml").write_text(PLAN, encoding="utf-8")
    result = validate_root(root)
    assert not result.errors, result.diagnostics
    risk = risk_figures(result, schedule_portfolio(result.portfolio, network=result.network))
    assert risk is not None and len(risk.finish_days["small"]) == 2_000
    return str(risk_section("small", risk, "EUR"))


def test_golden_section_of_a_small_seeded_simulation(tmp_path: Path, golden: Golden) -> None:
    section = small_section(tmp_path / "one")
    assert section == small_section(tmp_path / "two")  # seed 1: the same run, the same bytes
    assert section.startswith("## Risk\n") and section.count('<div class="pmcode-chart') == 3
    assert '<td class="pm-date">2027-01-29</td>' in section
    golden.check(GOLDEN / "risk-section.md", section)


def test_no_section_without_estimates_or_risks(tmp_path: Path) -> None:
    (tmp_path / "portfolio.yaml").write_text("name: Test\ncurrency: EUR\n", encoding="utf-8")
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "project.yaml").write_text(
        "name: P\nstart: 2027-01-04\ntasks:\n  - {id: a, name: A, duration: 2d}\n"
    )
    result = validate_root(tmp_path)
    assert risk_figures(result, schedule_portfolio(result.portfolio, network=result.network)) is None
    assert risk_section("p", None, "EUR") == ""
