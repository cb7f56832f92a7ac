"""The portfolio dashboard (pmcode/render/site_portfolio.py, portfolio.md.j2) on a small fixed plan
(tests/site_plan.py): hand-checked grades, slips and money, the milestones window, the fiscal years, a golden
file of the generated Markdown, and hostile strings that stay text."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from markupsafe import escape
from site_plan import DASH, dash_plan

from pmcode.diagnostics import Diagnostic as Found
from pmcode.diagnostics import Severity
from pmcode.render.site_portfolio import (
    milestone_rows,
    portfolio_page,
    project_findings,
    project_rows,
    short_of_time,
    year_rows,
)
from pmcode.validate import validate_root

DEMO = Path(__file__).resolve().parent.parent / "projects"

GOLDEN = Path(__file__).parent / "golden" / "site"


def test_late_and_over_budget_project_is_red_and_first(tmp_path: Path) -> None:
    result, figures = dash_plan(tmp_path)
    late, steady = project_rows(result.portfolio, figures)
    assert (late.id, steady.id) == ("late", "steady")  # worst first, though 'late' < 'steady' anyway
    assert (late.schedule.level, late.cost.level) == ("red", "red")
    assert late.schedule.reason == "2 schedule errors (milestone slip)"  # PM530 and PM531, both past fail level 5
    assert late.cost.reason == "1 cost error (forecast over budget)"
    assert (late.baseline_finish, late.forecast_finish, late.slip, late.late) == (
        "2027-02-12",
        "2027-02-26",
        "+10.0 d",  # 2027-02-15..26: 10 working days
        True,
    )
    assert (late.bac, late.eac, late.vac_pct, late.over) == ("6,000", "7,200", "+20.0%", True)  # 72 h x 100
    assert (late.findings, late.errors) == (4, 3)  # PM530, PM531, PM533 errors; PM304 warning
    assert late.manager_href == "people/alice.html"
    assert (steady.schedule.level, steady.cost.level) == ("green", "green")
    assert (steady.slip, steady.late, steady.forecast_finish) == ("on time", False, "2027-03-05")
    assert (steady.bac, steady.eac, steady.vac_pct, steady.over) == ("4,000", "3,600", "-10.0%", False)
    assert (steady.findings, steady.errors) == (1, 0)


def test_without_thresholds_the_grade_comes_from_slip_and_spend(tmp_path: Path) -> None:
    portfolio = DASH["portfolio.yaml"].split("        thresholds:")[0]
    result, figures = dash_plan(tmp_path, {"portfolio.yaml": portfolio})
    late, steady = project_rows(result.portfolio, figures)
    assert late.schedule.level == "amber" and "10.0 working days late" in late.schedule.reason
    assert late.cost.level == "amber" and "20.0% over budget" in late.cost.reason
    assert (steady.schedule.level, steady.schedule.reason) == ("green", "on time")
    assert (steady.cost.level, steady.cost.reason) == ("green", "within budget")


def test_without_baseline_the_schedule_is_not_graded(tmp_path: Path) -> None:
    result, figures = dash_plan(tmp_path)
    portfolio = result.portfolio
    steady = replace(portfolio.projects["steady"], baseline=None)
    portfolio = replace(portfolio, projects={**portfolio.projects, "steady": steady})
    row = next(r for r in project_rows(portfolio, figures) if r.id == "steady")
    assert (row.schedule.level, row.schedule.label, row.schedule.reason) == ("none", "n/a", "no baseline")
    assert (row.slip, row.baseline_finish) == ("", "")


def test_findings_are_counted_per_project_folder(tmp_path: Path) -> None:
    result, figures = dash_plan(tmp_path)
    found = project_findings(result.portfolio, figures.check.diagnostics)
    assert [d.code for d in found["late"]] == ["PM533", "PM530", "PM531", "PM304"]
    assert [d.code for d in found["steady"]] == ["PM305"]


def test_milestones_due_in_the_next_30_days_sorted_by_date(tmp_path: Path) -> None:
    result, figures = dash_plan(tmp_path)
    rows = milestone_rows(result.portfolio, figures)
    assert [(m.due, m.project, m.name, m.baseline, m.slip, m.late) for m in rows] == [
        ("2027-02-26", "Late project", "Demo day", "2027-02-12", "+10.0 d", True),
        ("2027-03-05", "Steady project", "Ship it", "2027-06-30", "on time", False),
    ]
    assert milestone_rows(result.portfolio, figures, days=14) == rows[:1]  # 2027-03-05 is 18 days out
    assert milestone_rows(result.portfolio, figures, days=10) == []  # 2027-02-26 is 11 days out


def test_budget_by_fiscal_year_with_the_envelope(tmp_path: Path) -> None:
    result, figures = dash_plan(tmp_path)
    (year,) = year_rows(result.portfolio, figures)
    assert (year.year, year.budget, year.forecast, year.actual) == (
        "FY2027",
        "10,000",  # BAC 6,000 + 4,000
        "10,800",  # 7,200 + 3,600 (bob's 36 h left at 100)
        "0",
    )
    assert year.over  # 10,800 above 10,000
    assert (year.envelope, year.enveloped, year.over_envelope) == ("25,000", 1, ())  # late's opex 7,200 of 25,000


def test_dashboard_markdown_golden(tmp_path: Path, golden: object) -> None:
    result, figures = dash_plan(tmp_path)
    page = portfolio_page(result.portfolio, figures)
    assert '<tr class="pm-row-red">' in page
    assert "<strong>Late (1):</strong>" in page and "<strong>Over budget or cost red (1):</strong>" in page
    assert '<a href="late.html#findings">4 (3 errors)</a>' in page
    assert page.count('class="pmcode-chart') == 1  # the timeline
    golden.check(GOLDEN / "portfolio.md", page)  # type: ignore[attr-defined]


HOSTILE = "<script>alert(1)</script> [x](javascript:alert(1)) {{ 7*7 }} \u202e\U0001f600"


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("late/project.yaml", "name: Late project", f"name: '{HOSTILE}'"),
        ("late/project.yaml", "name: Demo day", f"name: '{HOSTILE}'"),
        ("people.yaml", "name: Alice Chen", f"name: '{HOSTILE}'"),
        ("portfolio.yaml", "name: Dash portfolio", f"name: '{HOSTILE}'"),
    ],
)
def test_hostile_strings_stay_text(tmp_path: Path, file: str, old: str, new: str) -> None:
    result, figures = dash_plan(tmp_path, {file: DASH[file].replace(old, new, 1)})
    page = portfolio_page(result.portfolio, figures)
    assert str(escape(HOSTILE)) in page  # whole, as text: not markup, not a link, not a template
    assert "<script" not in page
    assert not re.search(r"href=\"javascript", page, re.IGNORECASE)


def test_a_year_over_its_envelope_is_marked(tmp_path: Path) -> None:
    budget = DASH["late/budget.yaml"].replace("opex: 25000", "opex: 5000")
    result, figures = dash_plan(tmp_path, {"late/budget.yaml": budget})
    (year,) = year_rows(result.portfolio, figures)
    assert (year.envelope, year.enveloped, year.forecast, year.over_envelope) == (
        "5,000",
        1,
        "10,800",
        ("Late project",),
    )
    page = portfolio_page(result.portfolio, figures)
    assert '<span class="pm-late"><span aria-hidden="true">&#9650;</span> Late project</span>' in page
    late = project_rows(result.portfolio, figures)[0]
    # PM534 joins: 7,200 of opex above 5,000 in FY2027
    assert late.cost.reason == "2 cost errors (forecast over budget)"


def test_a_side_the_envelope_leaves_out_is_not_limited(tmp_path: Path) -> None:
    budget = DASH["late/budget.yaml"].replace("{capex: 0, opex: 25000}", "{capex: 100}")
    result, figures = dash_plan(tmp_path, {"late/budget.yaml": budget})
    (year,) = year_rows(result.portfolio, figures)
    assert (year.envelope, year.over_envelope) == ("100", ())  # the opex spent is not limited, as PM534 judges


def test_people_short_of_time_are_named_from_the_bookings_that_found_no_room() -> None:
    portfolio = validate_root(DEMO).portfolio
    note = "'{}' has room for {} of the {} hours planned on '{}': booked elsewhere during its span"
    findings = [
        Found("p.yaml", 1, 1, Severity.WARNING, "PM305", note.format("ahmed-hassan", 0, 8, "a")),
        Found("p.yaml", 2, 1, Severity.WARNING, "PM305", note.format("ahmed-hassan", 16, 24, "b")),
        Found("p.yaml", 3, 1, Severity.WARNING, "PM305", note.format("sofia-rossi", 8, 12, "c")),
        Found("p.yaml", 4, 1, Severity.WARNING, "PM305", note.format("nobody-known", 0, 99, "d")),
        Found("p.yaml", 5, 1, Severity.WARNING, "PM301", note.format("sofia-rossi", 0, 99, "e")),
    ]
    rows = short_of_time(portfolio, findings)
    assert [(r.href, r.hours, r.tasks) for r in rows] == [
        ("people/ahmed-hassan.html", 16, 2),  # 8 - 0 + 24 - 16
        ("people/sofia-rossi.html", 4, 1),
    ]
