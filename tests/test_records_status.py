"""Status reports (`<project>/status/YYYY-MM-DD.yaml`): the model, the rules (PM630), the checks (PM631 overdue per
the cadence, PM632 recorded grade against the computed one), each proven by a failing case folder and a passing
copy of it, the clean example folder, the demo's finding and the site page."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import Golden

from pmcode.check import check_root
from pmcode.check.rag import Rag, overall, resources_rag, scope_rag
from pmcode.cli import cli
from pmcode.diagnostics import Diagnostic, Severity
from pmcode.records.status.checks import next_due
from pmcode.records.status.model import pick_report
from pmcode.render.site_figures import site_figures
from pmcode.render.site_status import status_page
from pmcode.validate import validate_root

REPO = Path(__file__).resolve().parent.parent
CASES = Path(__file__).parent / "cases"
VALID = CASES / "records-valid" / "status"
GOLDEN = Path(__file__).parent / "golden" / "report"
STATUS_CODES = ("PM630", "PM631", "PM632")


def copy(case: Path, tmp_path: Path) -> Path:
    root = tmp_path / case.name
    shutil.copytree(case, root, ignore=shutil.ignore_patterns("expected.txt", "command"))
    return root


def codes(root: Path) -> list[str]:
    return [d.code for d in check_root(root).diagnostics if d.code in STATUS_CODES]


# --- the model ---------------------------------------------------------------------------------------------------


def test_the_model_reads_the_file_name_as_the_date_and_keeps_overrides() -> None:
    reports = validate_root(VALID).portfolio.records.status["erp"]
    assert [r.date for r in reports] == [date(2027, 2, 8), date(2027, 2, 15)]
    latest = reports[-1]
    assert (latest.period_from, latest.period_to, latest.audience, latest.author) == (
        date(2027, 2, 9),
        date(2027, 2, 15),
        "steering",
        "Dana Whitfield",
    )
    resources = latest.grade("resources")
    assert resources is not None and resources.is_override and resources.level == "amber"
    schedule = latest.grade("schedule")
    assert schedule is not None and not schedule.is_override
    assert reports[0].help_needed == ("Finance to confirm the payroll file format by 2027-02-12",)


def test_pick_report_takes_the_date_asked_for_else_the_latest_by_the_status_date() -> None:
    reports = validate_root(VALID).portfolio.records.status["erp"]
    assert pick_report(reports, date(2027, 2, 8), None) is reports[0]
    assert pick_report(reports, date(2027, 2, 9), None) is None
    assert pick_report(reports, None, date(2027, 2, 14)) is reports[0]
    assert pick_report(reports, None, date(2027, 2, 15)) is reports[1]
    assert pick_report(reports, None, None) is reports[1]
    assert pick_report(reports, None, date(2027, 1, 1)) is None


@pytest.mark.parametrize(
    ("last", "cadence", "due"),
    [
        (date(2026, 11, 6), "weekly", date(2026, 11, 13)),
        (date(2026, 11, 6), "fortnightly", date(2026, 11, 20)),
        (date(2026, 11, 20), "monthly", date(2026, 12, 20)),
        (date(2027, 1, 31), "monthly", date(2027, 2, 28)),
        (date(2026, 12, 15), "monthly", date(2027, 1, 15)),
    ],
)
def test_next_due(last: date, cadence: str, due: date) -> None:
    assert next_due(last, cadence) == due


def _finding(code: str, severity: Severity) -> Diagnostic:
    return Diagnostic("p/erp/requirements.yaml", 1, 1, severity, code, "m")


def test_scope_and_resources_grades() -> None:
    assert scope_rag([], 0, False).level == "none"
    assert scope_rag([], 0, True).level == "green"
    assert scope_rag([], 2, True) == Rag("amber", "2 change requests awaiting a decision")
    assert scope_rag([_finding("PM601", Severity.WARNING)], 0, True).level == "amber"
    assert scope_rag([_finding("PM622", Severity.ERROR)], 0, True).level == "red"
    assert scope_rag([_finding("PM612", Severity.ERROR)], 0, True).level == "green"  # a RAID finding: not scope
    assert resources_rag([_finding("PM532", Severity.ERROR)], True).level == "red"
    assert resources_rag([_finding("PM305", Severity.WARNING)], True).level == "amber"
    assert resources_rag([], False).level == "none"
    assert overall([Rag("green", ""), Rag("red", "x"), Rag("none", "")]).level == "red"


# --- rules and checks: the failing case and its passing copy -------------------------------------------------------


def test_pm630_passes_once_the_period_ends_by_the_report_date(tmp_path: Path) -> None:
    root = copy(CASES / "rules" / "pm630-status-period-after-report-date", tmp_path)
    assert [d.code for d in validate_root(root).diagnostics] == ["PM630"]
    path = root / "erp" / "status" / "2027-01-15.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("2027-01-22", "2027-01-15"), encoding="utf-8")
    assert validate_root(root).diagnostics == ()


def test_pm630_a_backwards_period_and_a_name_that_is_not_a_date(tmp_path: Path) -> None:
    root = copy(VALID, tmp_path)
    folder = root / "erp" / "status"
    (folder / "2027-02-12.yaml").write_text("period: {from: 2027-02-10, to: 2027-02-01}\nsummary: x\n", "utf-8")
    found = [(Path(d.file).name, d.code, d.message) for d in validate_root(root).diagnostics]
    assert [f[:2] for f in found] == [("2027-02-12.yaml", "PM630")] and "runs backwards" in found[0][2]
    (folder / "2027-02-12.yaml").rename(folder / "2027-02-30.yaml")  # discovery refuses a name that is no date
    assert [d.code for d in validate_root(root).diagnostics] == ["PM014"]


def test_pm631_passes_once_the_next_report_is_written(tmp_path: Path) -> None:
    root = copy(CASES / "check" / "pm631-status-report-overdue", tmp_path)
    assert codes(root) == ["PM631"]
    report = "period: {from: 2027-02-09, to: 2027-02-15}\nsummary: Build on track.\n"
    (root / "erp" / "status" / "2027-02-15.yaml").write_text(report, encoding="utf-8")
    assert codes(root) == []


def test_pm631_a_monthly_cadence_is_not_yet_overdue(tmp_path: Path) -> None:
    root = copy(CASES / "check" / "pm631-status-report-overdue", tmp_path)
    project = root / "erp" / "project.yaml"
    project.write_text(project.read_text(encoding="utf-8").replace("weekly", "monthly"), encoding="utf-8")
    assert codes(root) == []


def test_pm631_no_report_yet_with_a_cadence_and_none_without(tmp_path: Path) -> None:
    root = copy(CASES / "check" / "pm631-status-report-overdue", tmp_path)
    shutil.rmtree(root / "erp" / "status")
    found = [d for d in check_root(root).diagnostics if d.code == "PM631"]
    assert [(Path(d.file).name, d.line) for d in found] == [("project.yaml", 4)]
    assert "no status report yet" in found[0].message
    project = root / "erp" / "project.yaml"
    project.write_text(project.read_text(encoding="utf-8").replace("reporting: {cadence: weekly}\n", ""), "utf-8")
    assert codes(root) == []  # a project that keeps no status reports is not held to a cadence


def test_pm631_not_for_a_closed_project(tmp_path: Path) -> None:
    root = copy(CASES / "check" / "pm631-status-report-overdue", tmp_path)
    project = root / "erp" / "project.yaml"
    project.write_text(project.read_text(encoding="utf-8").replace("start:", "status: closed\nstart:"), "utf-8")
    assert codes(root) == []


def test_pm632_passes_when_the_computed_grade_is_recorded_or_overridden(tmp_path: Path) -> None:
    root = copy(CASES / "check" / "pm632-recorded-grade-differs", tmp_path)
    assert codes(root) == ["PM632"]
    path = root / "erp" / "status" / "2027-02-15.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("resources: red", "resources: green"), encoding="utf-8")
    assert codes(root) == []
    override = "resources: {level: red, justification: The only developer resigns on Friday.}"
    path.write_text(text.replace("resources: red", override), encoding="utf-8")
    assert codes(root) == []


def test_pm632_an_older_report_is_history_and_not_compared(tmp_path: Path) -> None:
    root = copy(CASES / "check" / "pm632-recorded-grade-differs", tmp_path)
    folder = root / "erp" / "status"
    (folder / "2027-02-15.yaml").rename(folder / "2027-02-12.yaml")
    text = (folder / "2027-02-12.yaml").read_text(encoding="utf-8").replace("2027-02-15", "2027-02-12")
    (folder / "2027-02-12.yaml").write_text(text, encoding="utf-8")
    assert codes(root) == []


def test_an_override_needs_a_justification(tmp_path: Path) -> None:
    root = copy(VALID, tmp_path)
    path = root / "erp" / "status" / "2027-02-15.yaml"
    text = path.read_text(encoding="utf-8")
    cut = text.index("    justification:")
    path.write_text(text[:cut], encoding="utf-8")
    found = validate_root(root).diagnostics
    assert found and all(d.severity is Severity.ERROR and d.code.startswith("PM1") for d in found)


# --- the clean example, the demo, the site ---------------------------------------------------------------------------


def test_the_valid_example_validates_and_checks_clean() -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["validate", str(VALID), "--strict"]).exit_code == 0
    result = runner.invoke(cli, ["check", str(VALID), "--strict"])
    assert result.exit_code == 0, result.output


def test_the_demo_warns_about_the_overdue_service_desk_report() -> None:
    found = [d for d in check_root(REPO / "projects").diagnostics if d.code in STATUS_CODES]
    overdue = [d for d in found if d.code == "PM631"]
    assert [(Path(d.file).parts[-3:], d.severity) for d in overdue] == [
        (("service-desk", "status", "2026-11-06.yaml"), Severity.WARNING)
    ]
    assert overdue[0].line > 1 and "2026-11-13" in overdue[0].message
    assert all(d.severity is not Severity.ERROR for d in found)
    # The reports dated the status date record the computed grades (or override them): the demo shows no PM632.
    assert [d.message for d in found if d.code == "PM632"] == []


def test_the_cadence_comes_from_the_project_else_the_portfolio() -> None:
    portfolio = validate_root(REPO / "projects").portfolio
    assert portfolio.reporting == "monthly"
    assert {p.id: p.reporting for p in portfolio.projects.values()} == {
        "dr-site": None,
        "endpoint-refresh": "fortnightly",
        "erp-upgrade": "fortnightly",
        "finance-analytics": None,
        "service-desk": "weekly",
    }


def test_the_site_page_is_the_golden_one(golden: Golden) -> None:
    result = validate_root(VALID)
    page = status_page(result.portfolio, site_figures(result))
    assert page is not None
    golden.check(GOLDEN / "site-status.md", page.replace(VALID.as_posix(), "CASE"))
    assert "Override" in page and "latest-erp" in page and "Bob is on jury service" in page


def test_no_page_without_status_reports() -> None:
    result = validate_root(CASES / "check" / "pm535-unexplained-variance")
    assert status_page(result.portfolio, site_figures(result)) is None
