"""Disaster recovery and security (operations/dr.yaml, operations/security.yaml).

- the clean example (tests/cases/records-valid/operations) validates and checks without a finding of ours;
- every check case (tests/cases/check/pm67x-...) and rule case (tests/cases/rules/pm66x-...) passes once its one
  problem is fixed in a copy: the failing and the passing case of each code;
- the demo reports its DR and security warnings (a tier-1 system untested in its window, an overdue control
  review) at file:line:col, and no error;
- the judgments (spans, month windows, recency) and the site page: golden Markdown and chart, hostile text shown
  as text, evidence linked only through safe_href.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import markdown
import pytest
from charts_plan import parse
from click.testing import CliRunner
from conftest import Golden
from test_charts_safety import HOSTILE as HOSTILE_TEXTS
from test_charts_safety import MD_EXTENSIONS

from pmcode.check import check_root
from pmcode.cli import cli
from pmcode.records.operations.assess import add_months, recency
from pmcode.records.operations.codes import CODES
from pmcode.records.operations.model import DrPlan, DrSystem, parse_span
from pmcode.render.charts.coverage import Coverage, coverage_svg
from pmcode.render.site_figures import site_figures
from pmcode.render.site_operations import operations_page
from pmcode.validate import validate_root

TESTS = Path(__file__).parent
REPO = TESTS.parent
VALID = TESTS / "cases" / "records-valid" / "operations"
CASES = TESTS / "cases"
GOLDEN = TESTS / "golden"
HOSTILE = TESTS / "fixtures" / "hostile-site"
OURS = {code.code for code in CODES}

# case folder -> (file under operations/, the text to replace, the fix): each makes the case clean again.
FIXES = {
    "rules/pm660-dr-test-unknown-system": ("dr.yaml", "{system: erpp,", "{system: erp,"),
    "rules/pm661-target-looser-than-policy": ("dr.yaml", "    rto: 8h\n", "    rto: 4h\n"),
    "rules/pm662-tier-without-policy": ("dr.yaml", "  - {tier: 2,", "  - {tier: 3, rto: 3d, rpo: 1d}\n  - {tier: 2,"),
    "rules/pm663-exception-unknown-control": ("security.yaml", "control: A.8.9", "control: A.8.8"),
    "rules/pm664-exception-expires-before-granted": ("security.yaml", "expires: 2026-03-31", "expires: 2027-03-31"),
    "check/pm670-system-untested-in-window": (
        "dr.yaml",
        "tests:\n",
        "tests:\n  - {id: DRT-2, date: 2026-11-14, type: restore, systems: [{system: erp}], result: pass}\n",
    ),
    "check/pm671-dr-test-missed-rto": ("dr.yaml", "achieved_rto: 5h", "achieved_rto: 2h"),
    "check/pm672-dr-test-missed-rpo": ("dr.yaml", "achieved_rpo: 1h", "achieved_rpo: 15min"),
    "check/pm673-no-offsite-copy": ("dr.yaml", "offsite: false}", "offsite: true, offsite_location: Tape vault}"),
    "check/pm674-dr-action-overdue": ("dr.yaml", "status: open}", "status: done, done: 2026-11-05}"),
    "check/pm675-backup-cannot-meet-rpo": ("dr.yaml", "frequency: 1d", "frequency: continuous"),
    "check/pm676-expired-exception-open": (
        "security.yaml",
        "    compensating:",
        "    status: closed\n    compensating:",
    ),
    "check/pm677-control-review-overdue": ("security.yaml", "last_review: 2025-10-06", "last_review: 2026-11-02"),
    "check/pm678-implemented-without-evidence": (
        "security.yaml",
        "        status: implemented\n",
        "        status: implemented\n        evidence:\n          - {title: Scan report}\n",
    ),
}


def _codes(root: Path) -> set[str]:
    return {d.code for d in check_root(root).diagnostics}


def test_every_code_has_a_case_and_a_fix() -> None:
    folders = {f"{case.parent.name}/{case.name}" for case in CASES.glob("*/pm6[67]*")}
    assert {folder[folder.index("/") + 1 :][:5].upper() for folder in folders} == OURS
    assert set(FIXES) == folders


def test_the_valid_example_validates_and_checks_clean() -> None:
    result = validate_root(VALID)
    assert list(result.diagnostics) == []
    assert result.portfolio.records.dr is not None and result.portfolio.records.security is not None
    found = check_root(VALID).diagnostics
    assert [d for d in found if d.code in OURS or d.severity.value != "info"] == []


@pytest.mark.parametrize("case", sorted(FIXES))
def test_each_case_fails_and_passes_once_fixed(case: str, tmp_path: Path) -> None:
    code = case.split("/")[1][:5].upper()
    assert code in _codes(CASES / case)
    root = tmp_path / "case"
    shutil.copytree(CASES / case, root)
    name, old, new = FIXES[case]
    path = root / "operations" / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    assert _codes(root) & OURS == set()


def test_the_demo_reports_its_dr_and_security_warnings_and_no_error() -> None:
    result = CliRunner().invoke(cli, ["check", str(REPO / "projects")])
    ours = [line for line in result.output.splitlines() if "/operations/" in line]
    assert [line for line in ours if ": error " in line] == []
    dr = [line for line in ours if " PM670 " in line]
    assert len(dr) == 1 and "/operations/dr.yaml:" in dr[0] and "'backup-platform'" in dr[0], ours
    assert dr[0].split(": warning")[0].count(":") == 2  # file:line:col
    review = [line for line in ours if " PM677 " in line]
    assert len(review) == 1 and "/operations/security.yaml:" in review[0] and "'A.8.8'" in review[0], ours


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("15min", 15), ("4h", 240), ("1.5h", 90), ("1d", 1440), ("2w", 20160), ("1mo", 43200), ("1y", 525600)],
)
def test_spans_in_minutes(text: str, minutes: float) -> None:
    span = parse_span(text)
    assert span is not None and span.minutes == minutes and span.text == text


def test_continuous_is_zero_and_nonsense_is_none() -> None:
    continuous = parse_span("continuous")
    assert continuous is not None and continuous.minutes == 0
    assert parse_span("4 hours") is None and parse_span(None) is None


def test_months_keep_the_day_or_take_the_last_of_the_month() -> None:
    assert add_months(date(2026, 3, 14), 6) == date(2026, 9, 14)
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)
    assert add_months(date(2026, 11, 30), 14) == date(2028, 1, 30)


def _plan(as_written: Path) -> DrPlan:
    plan = validate_root(as_written).portfolio.records.dr
    assert plan is not None
    return plan


def _system(plan: DrPlan, system_id: str) -> DrSystem:
    system = plan.system(system_id)
    assert system is not None
    return system


def test_recency_counts_from_the_last_test_or_the_in_service_date() -> None:
    plan = _plan(VALID)
    erp = recency(plan, _system(plan, "erp"), date(2026, 11, 20))
    assert (erp.last, erp.due, erp.days_since, erp.overdue) == (date(2026, 9, 26), date(2027, 3, 26), 55, False)
    files = recency(plan, _system(plan, "files"), date(2027, 6, 2))  # never tested, in service 2026-06-01
    assert (files.last, files.due, files.overdue) == (None, date(2027, 6, 1), True)
    assert not recency(plan, _system(plan, "files"), None).overdue  # no status date: nothing is overdue


def test_without_a_status_date_nothing_is_overdue(tmp_path: Path) -> None:
    root = tmp_path / "case"
    shutil.copytree(CASES / "check" / "pm670-system-untested-in-window", root)
    portfolio = root / "portfolio.yaml"
    portfolio.write_text(portfolio.read_text().replace("status_date: 2026-11-20\n", ""), encoding="utf-8")
    assert "PM670" not in _codes(root)


def test_operations_page_golden(golden: Golden) -> None:
    result = validate_root(VALID)
    page = operations_page(result.portfolio, site_figures(result))
    assert page is not None
    golden.check(GOLDEN / "site" / "operations.md", page)


def test_no_records_no_page() -> None:
    result = validate_root(CASES / "check" / "pm530-milestone-slip")
    assert operations_page(result.portfolio, site_figures(result)) is None


def test_coverage_chart_golden(golden: Golden) -> None:
    rows = [
        Coverage("ISO/IEC 27001:2022 Annex A", implemented=9, partial=4, applicable=15),
        Coverage("CIS Controls v8 <IG2> & more", implemented=1, partial=2, applicable=3),
        Coverage("Nothing applies", implemented=0, partial=0, applicable=0),
    ]
    svg = coverage_svg(rows)
    assert "9 / 15 implemented (60%), 4 partial" in svg and "CIS Controls v8 &lt;IG2&gt; &amp; more" in svg
    golden.check(GOLDEN / "charts" / "coverage.html", svg)


def test_hostile_records_are_shown_as_text_and_only_safe_links_are_linked() -> None:
    result = validate_root(HOSTILE)
    assert list(result.diagnostics) == []
    page = operations_page(result.portfolio, site_figures(result))
    assert page is not None
    assert "<script" not in page and "<img" not in page and "<b " not in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert 'href="javascript' not in page.lower() and 'href="data:' not in page.lower()
    assert '<a href="https://example.com/evidence?a=1&amp;b=2">fine link</a>' in page
    assert "{{ 7*7 }}" in page  # never evaluated
    assert "| a | b |" in page  # inside an HTML block: Markdown does not make it a table
    assert "\u202eمرحلة שלב 🚀 site\u202c" in page


@pytest.mark.parametrize("name", HOSTILE_TEXTS, ids=range(len(HOSTILE_TEXTS)))
def test_hostile_framework_names_stay_inert_in_the_coverage_chart(name: str) -> None:
    chart = coverage_svg([Coverage(name, implemented=2, partial=1, applicable=4)])
    root = parse(chart)  # well-formed XML, no DTD, no entities
    for element in root.iter():
        assert element.tag.split("}")[-1] in {"div", "svg", "title", "desc", "defs", "pattern", "rect", "g", "text"}
        assert not any(attribute.lower().startswith("on") for attribute in element.attrib)
        assert not any("<" in value or "javascript:" in value.lower() for value in element.attrib.values())
    assert "49" not in "".join(root.itertext()).replace(name, "")  # {{ 7 * 7 }} was not evaluated
    assert "\n\n" not in chart.strip() and len(chart) < 20_000
    html = markdown.markdown(f"# Page\n\nBefore.\n{chart}After.\n", extensions=MD_EXTENSIONS)
    assert chart.strip() in html and "<p>After.</p>" in html
