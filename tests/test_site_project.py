"""The project page (pmcode/render/site_project.py, project.md.j2) for the fixed plan of tests/site_project_plan.py:
its Markdown as a golden file, and the numbers it shows checked by hand (see the plan's docstring)."""

from __future__ import annotations

import re
from pathlib import Path

import defusedxml.ElementTree as SafeET
from conftest import Golden
from site_project_plan import web_plan

from pmcode.model import Portfolio
from pmcode.render.site_figures import SiteFigures, site_figures
from pmcode.render.site_project import NO_ACTUALS, NO_BASELINE, ProjectView, project_page
from pmcode.schedule import schedule_portfolio
from pmcode.validate import validate_root

GOLDEN = Path(__file__).parent / "golden" / "site"
CHART = re.compile(r'<div class="pmcode-chart pmcode-chart-(\w+)" markdown="0">\n.*?\n</div>', re.DOTALL)


def charts(page: str) -> dict[str, str]:
    return {match.group(1): match.group(0) for match in CHART.finditer(page)}


def without_charts(page: str) -> str:
    """The page with each chart replaced by a marker: the charts have their own goldens (tests/golden/charts)."""
    return CHART.sub(lambda match: f"[{match.group(1)} chart]", page)


def page_of(portfolio: Portfolio, figures: SiteFigures, project_id: str) -> str:
    return project_page(portfolio, portfolio.projects[project_id], figures)


def test_golden_markdown(tmp_path: Path, golden: Golden) -> None:
    portfolio, figures = web_plan(tmp_path)
    for project_id in ("web", "bare"):
        golden.check(GOLDEN / f"project-{project_id}.md", without_charts(page_of(portfolio, figures, project_id)))


def test_sections_in_order_with_their_charts(tmp_path: Path) -> None:
    portfolio, figures = web_plan(tmp_path)
    page = page_of(portfolio, figures, "web")
    headings = re.findall(r"^## (.+)$", page, re.MULTILINE)
    assert headings == [
        "Schedule",
        "Milestones and deliverables",
        "Staffing",
        "Budget",
        "Earned value",
        "Findings",
        "Downloads",
    ]
    found = charts(page)
    assert list(found) == ["gantt", "heatmap", "scurve"]
    for chart in found.values():
        assert SafeET.fromstring(chart).tag == "div"  # well-formed, and Markdown leaves it alone
        start = page.index(chart)
        assert page[start - 2 : start] == "\n\n" and page[start + len(chart) : start + len(chart) + 2] == "\n\n"
    assert page.index('<ul class="pm-kpis">') < page.index("## Schedule")  # the overview comes first


def test_key_figures_are_graded_by_the_thresholds(tmp_path: Path) -> None:
    portfolio, figures = web_plan(tmp_path)
    view = ProjectView(portfolio, portfolio.projects["web"], figures)
    shown = {f.label: (f.value, f.detail, f.rag.level if f.rag else None) for f in view.key_figures()}
    # 20 h of code left from Monday 02-15 end 02-17 13:00, then 5 days of test: 02-24 13:00. From the baseline's
    # 02-05 17:00 that is 5 + 5 + 2 days and 4 of the 8 hours of 02-24: 12.5 working days, past fail level 5.
    assert shown["Forecast finish"] == ("2027-02-24", "baseline 2027-02-05: 12.5 working days late", "red")
    # EAC = BAC / CPI = 18,000 / 0.875 = 20,571: 14.3% over, past budget_variance_pct's fail level 10.
    assert shown["EAC vs BAC"] == ("20,571", "BAC 18,000, +14.3%", "red")
    assert shown["CPI"] == ("0.88", "EV 14,000 / AC 16,000", "red")  # 0.875, below fail 0.90
    assert shown["SPI"] == ("0.78", "EV 14,000 / PV 18,000", "red")
    assert shown["Complete"] == ("78%", "earned value / BAC; 100% planned by 2027-02-12", None)


def test_green_and_amber_follow_the_levels(tmp_path: Path) -> None:
    # The same plan, thresholds loose enough: CPI 0.875 is above warn 0.85 (green), SPI 0.78 below warn 0.8 (amber).
    thresholds = """
        thresholds:
          cpi: {warn: 0.85, fail: 0.5}
          spi: {warn: 0.8, fail: 0.5}
    """
    portfolio, figures = web_plan(tmp_path, {"web/budget.yaml": thresholds})
    view = ProjectView(portfolio, portfolio.projects["web"], figures)
    shown = {f.label: f.rag for f in view.key_figures()}
    assert shown["CPI"] is not None and shown["CPI"].level == "green"
    assert shown["SPI"] is not None and (shown["SPI"].level, shown["SPI"].reason) == (
        "amber",
        "below spi warn level 0.8",
    )


def test_milestones_and_deliverables_against_baseline_and_deadline(tmp_path: Path) -> None:
    portfolio, figures = web_plan(tmp_path)
    rows = ProjectView(portfolio, portfolio.projects["web"], figures).due_rows()
    assert [(r.what, r.name, r.baseline, r.forecast, r.slip, r.rag.level, r.deadline, r.missed) for r in rows] == [
        ("milestone", "Launch", "2027-02-05", "2027-02-24", "12.5", "red", "2027-02-05", True),
        ("deliverable", "Shop online", "2027-02-05", "2027-02-24", "12.5", "red", "2027-02-08", True),
    ]
    assert rows[1].status == "planned (owner Bob Stone)"


def test_budget_by_month_with_finance_variance_and_notes(tmp_path: Path) -> None:
    portfolio, figures = web_plan(tmp_path)
    budget = ProjectView(portfolio, portfolio.projects["web"], figures).context()["budget"]
    # January: 120 h booked (12,000) against 16,000 planned; February: 40 h to date (4,000), then 20 h of code and
    # bob's 20 h of test (4,000 more) forecast.
    months = [(m.month, m.budget, m.actual, m.forecast, m.variance, m.variance_pct, m.over) for m in budget.months]
    assert months == [
        ("2027-01", "16,000", "12,000", "12,000", "-4,000", "-25.0%", False),
        ("2027-02", "2,000", "4,000", "8,000", "2,000", "100.0%", True),
    ]
    assert budget.total is not None
    assert (budget.total.budget, budget.total.actual, budget.total.forecast) == ("18,000", "16,000", "20,000")
    assert [(n.month, n.about, n.owner, n.due) for n in budget.notes] == [
        ("2027-02", "Code (build.code)", "Alice Chen", "2027-02-19")
    ]
    assert [m.notes for m in budget.months] == [0, 1]
    assert budget.scurve is not None and "S-curve" in budget.scurve


def test_earned_value_table_project_and_top_level(tmp_path: Path) -> None:
    portfolio, figures = web_plan(tmp_path)
    ev = ProjectView(portfolio, portfolio.projects["web"], figures).context()["ev"]
    assert ev.header == ("BAC", "PV", "EV", "AC", "SV", "CV", "SPI", "CPI", "EAC")
    assert [(r.label, r.cells) for r in ev.rows] == [
        ("Project", ("18,000", "18,000", "14,000", "16,000", "-4,000", "-2,000", "0.78", "0.88", "20,571")),
        ("Design", ("8,000", "8,000", "8,000", "8,000", "0", "0", "1.00", "1.00", "8,000")),
        # code 75% of 8,000 = 6,000 earned for 8,000 spent; test not started: CPI 0.75, EAC 10,000 / 0.75
        ("Build", ("10,000", "10,000", "6,000", "8,000", "-4,000", "-2,000", "0.60", "0.75", "13,333")),
    ]
    assert ev.missing == ""


def test_findings_of_this_project_only(tmp_path: Path) -> None:
    portfolio, figures = web_plan(tmp_path)
    findings = ProjectView(portfolio, portfolio.projects["web"], figures).findings()
    assert [(f.severity, f.code) for f in findings] == [
        ("warning", "PM535"),
        ("error", "PM530"),
        ("error", "PM531"),
        ("error", "PM540"),
        ("error", "PM540"),
        ("error", "PM533"),
        ("warning", "PM301"),
    ]
    assert findings[0].where == "projects/web/actuals/2027-01.yaml:5"
    assert findings[0].href == "../reference/diagnostics.html#pm535"
    bare = ProjectView(portfolio, portfolio.projects["bare"], figures).findings()
    assert [f.code for f in bare] == ["PM520"]


def test_missing_baseline_and_actuals_are_said(tmp_path: Path) -> None:
    portfolio, figures = web_plan(tmp_path)
    page = page_of(portfolio, figures, "bare")
    assert NO_BASELINE in page and NO_ACTUALS in page
    assert list(charts(page)) == ["gantt"]  # no one booked, no baseline: no heat map, no S-curve
    assert "No S-curve: it plots the baseline&#39;s planned value, and there is no baseline yet." in page
    assert "No earned value (no baseline: earned value needs one; run pmcode baseline save)." in page
    assert "Nobody is assigned to this project's tasks." in page
    web = page_of(portfolio, figures, "web")
    assert NO_BASELINE not in web and NO_ACTUALS not in web


def test_baseline_without_actuals(tmp_path: Path) -> None:
    web_plan(tmp_path)
    for month in ("2027-01", "2027-02"):
        (tmp_path / "projects" / "web" / "actuals" / f"{month}.yaml").unlink()
    result = validate_root(tmp_path / "projects", "projects")
    assert result.errors == 0
    page = page_of(result.portfolio, site_figures(result), "web")
    assert NO_ACTUALS in page and NO_BASELINE not in page
    assert list(charts(page)) == ["gantt", "heatmap", "scurve"]  # PV from the baseline, nothing earned yet


def test_overallocation_across_projects_is_listed(tmp_path: Path) -> None:
    ops = """
        name: Operations
        start: 2027-02-15
        tasks:
          - {id: run, name: Run, duration: 10d, assign: [alice]}
    """
    web_plan(tmp_path, {"ops/project.yaml": ops})
    result = validate_root(tmp_path / "projects", "projects")
    # Unleveled, alice works 20 h of code on `web` and 40 h on `ops` in the week of 02-15: 60 h of 40, 150%.
    figures = site_figures(result, schedule_portfolio(result.portfolio, level=False, network=result.network))
    view = ProjectView(result.portfolio, result.portfolio.projects["web"], figures)
    staffing = view.staffing()
    chart, over = staffing.heatmap, staffing.overbooked
    assert staffing.window == ""
    assert over == ["Alice Chen: 1 week from 2027-02-15, at most 150% in the week of 2027-02-15 (60.0 h of 40.0 h)"]
    assert chart is not None and "Alice Chen" in chart
    assert "Bob Stone" in chart  # both people of the project, with this project's hours only


def test_long_project_shows_half_a_year_around_the_status_date(tmp_path: Path) -> None:
    long = """
        name: Long haul
        start: 2027-01-04
        tasks:
          - {id: run, name: Run, duration: 40w, assign: [bob]}
    """
    portfolio, figures = web_plan(tmp_path, {"long/project.yaml": long})
    staffing = ProjectView(portfolio, portfolio.projects["long"], figures).staffing()
    # 40 weeks from Monday 2027-01-04: 41 week rows would be drawn. The status date 2027-02-12 falls in the week
    # of 02-08, the 6th; four weeks before it is the week of 01-11, and 26 weeks from there end with that of 07-05.
    assert staffing.window == (
        "26 of the project's 40 weeks are shown, from the week of 2027-01-11 to that of 2027-07-05; "
        "each person's page shows every week."
    )
    assert staffing.heatmap is not None and staffing.heatmap.count("week of ") >= 26
