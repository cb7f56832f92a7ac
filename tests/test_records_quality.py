"""Quality and audits (`quality.yaml` at the root and in projects): the model, the rules and checks (each failing
case of tests/cases/ edited until it passes), the clean example, the demo's finding, the Quality and audits page
and its compliance chart."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from conftest import Golden
from test_records_meetings import CASES, REPO, codes, copy, edit

from pmcode.records.model import PORTFOLIO_LEVEL
from pmcode.render.charts.compliance import ComplianceBar, compliance_svg
from pmcode.render.site_figures import site_figures
from pmcode.render.site_quality import quality_page
from pmcode.scaffold.project import new_project
from pmcode.validate import validate_root

VALID = CASES / "records-valid" / "quality"
GOLDEN = Path(__file__).parent / "golden"
MY_CODES = ("PM65", "PM690")


def mine(found: list[str]) -> list[str]:
    return [f for f in found if f.startswith(MY_CODES)]


def clean_copy(tmp_path: Path) -> Path:
    root = tmp_path / "valid"
    shutil.copytree(VALID, root)
    return root


# the model


def test_quality_files_are_built_per_project_and_for_the_portfolio() -> None:
    result = validate_root(VALID)
    assert list(result.diagnostics) == []
    files = result.portfolio.records.quality
    assert list(files) == [PORTFOLIO_LEVEL, "erp"]
    root = files[PORTFOLIO_LEVEL]
    dod = root.standards[0]
    assert (root.project, dod.id, dod.owner, dod.met, dod.applicable) == (None, "dod", "alice", 1, 2)
    assert [(i.id, i.status, i.evidence) for i in dod.items] == [
        ("tests", "met", ("https://ci.example.com/erp/812",)),
        ("review", "partial", ()),
        ("a11y", "not-applicable", ()),
    ]
    audit = root.audits[0]
    assert (audit.standard, audit.auditor, str(audit.date)) == ("dod", "Helen Marsh", "2026-10-28")
    assert [(f.id, f.severity, f.is_open, len(f.actions)) for f in audit.findings] == [
        ("F-1", "major", True, 2),
        ("F-2", "critical", False, 1),
    ]
    assert files["erp"].audits[0].findings[0].status == "accepted"


# the clean example and each failing case made to pass


def test_the_clean_example_has_no_finding_of_quality() -> None:
    assert mine(codes(VALID, "validate")) == []
    assert mine(codes(VALID)) == []


def test_a_project_audit_may_use_a_standard_of_the_root_file_but_not_of_another_project(tmp_path: Path) -> None:
    root = clean_copy(tmp_path)
    (root / "crm").mkdir()
    shutil.copy(root / "erp" / "project.yaml", root / "crm" / "project.yaml")
    audit = "audits:\n  - {id: A-1, title: Audit, date: 2026-11-06, standard: %s}\n"
    (root / "crm" / "quality.yaml").write_text(audit % "dod", encoding="utf-8")  # the root file's
    assert codes(root, "validate") == []
    (root / "crm" / "quality.yaml").write_text(audit % "itgc", encoding="utf-8")  # erp's
    assert [f.split()[0] for f in codes(root, "validate")] == ["PM650"]


def test_pm650_naming_a_known_standard_clears_it(tmp_path: Path) -> None:
    root = copy(tmp_path, "rules", "pm650-audit-unknown-standard")
    edit(root / "quality.yaml", "standard: dood", "standard: dod")
    assert codes(root, "validate") == []


def test_pm651_naming_an_item_of_the_standard_clears_it(tmp_path: Path) -> None:
    root = copy(tmp_path, "rules", "pm651-finding-unknown-item")
    edit(root / "erp" / "quality.yaml", "item: reveiw", "item: review")
    assert codes(root, "validate") == []


def test_pm652_adding_evidence_clears_it(tmp_path: Path) -> None:
    root = copy(tmp_path, "rules", "pm652-item-met-without-evidence")
    path = root / "quality.yaml"
    assert [f.split()[0] for f in codes(root, "validate")] == ["PM652", "PM652"]
    edit(path, "RFC, status: met}", "RFC, status: met, evidence: [https://servicedesk.example.com/changes]}")
    edit(path, "status: met, evidence: []}", "status: partial, evidence: []}")
    assert codes(root, "validate") == []


def test_pm653_closing_the_action_clears_it(tmp_path: Path) -> None:
    root = copy(tmp_path, "rules", "pm653-finding-closed-with-open-action")
    edit(root / "quality.yaml", "status: in-progress}", "status: done, done: 2026-11-20}")
    assert codes(root, "validate") == []


def test_pm654_giving_owner_and_due_date_clears_it(tmp_path: Path) -> None:
    root = copy(tmp_path, "rules", "pm654-corrective-action-without-due")
    path = root / "erp" / "quality.yaml"
    edit(path, "owner: alice}", "owner: alice, due: 2026-12-04}")
    edit(path, "{title: Test the rollback, due:", "{title: Test the rollback, owner: Dana Whitfield, due:")
    assert codes(root, "validate") == []


def test_pm655_closing_the_late_corrective_action_clears_it(tmp_path: Path) -> None:
    root = copy(tmp_path, "check", "pm655-corrective-action-overdue")
    assert mine(codes(root)) == ["PM655 quality.yaml:21:67"]
    edit(
        root / "quality.yaml",
        "due: 2026-11-13, status: in-progress}",
        "due: 2026-11-13, status: done, done: 2026-11-19}",
    )
    assert mine(codes(root)) == []


def test_pm656_closing_or_accepting_the_critical_finding_clears_it(tmp_path: Path) -> None:
    root = copy(tmp_path, "check", "pm656-open-critical-finding")
    path = root / "erp" / "quality.yaml"
    assert mine(codes(root)) == ["PM656 erp/quality.yaml:15:19"]
    edit(path, "        item: sod\n", "        item: sod\n        status: accepted\n")
    assert mine(codes(root)) == []


# the demo


def test_the_demo_reports_the_overdue_corrective_action() -> None:
    found = [f for f in codes(REPO / "projects") if f.startswith("PM65")]
    assert found == ["PM655 quality.yaml:97:18"]


# the site page and the chart


def page(root: Path) -> str | None:
    result = validate_root(root)
    return quality_page(result.portfolio, site_figures(result))


def test_quality_page_golden(golden: Golden) -> None:
    text = page(VALID)
    assert text is not None
    golden.check(GOLDEN / "site" / "quality.md", text)


def test_compliance_chart_golden(golden: Golden) -> None:
    bars = [ComplianceBar("ITIL change management", 2, 2, 1), ComplianceBar("Nothing applies", 0, 0, 0)]
    golden.check(GOLDEN / "charts" / "compliance.html", compliance_svg(bars))


def test_no_quality_file_no_page(tmp_path: Path) -> None:
    root = clean_copy(tmp_path)
    (root / "quality.yaml").unlink()
    (root / "erp" / "quality.yaml").unlink()
    assert page(root) is None


def test_compliance_counts_met_over_applicable_with_a_word(tmp_path: Path) -> None:
    text = page(VALID)
    assert text is not None
    assert "1 / 2 (50%)" in text and "partly met</span>" in text  # dod: one met, one partial, one not applicable
    assert "1 / 1 (100%)" in text and "all met</span>" in text  # itgc


def test_evidence_links_only_through_safe_href(tmp_path: Path) -> None:
    root = clean_copy(tmp_path)
    path = root / "quality.yaml"
    edit(
        path,
        'evidence: ["https://ci.example.com/erp/812"]',
        'evidence: ["https://ci.example.com/erp/812", "javascript:alert(1)", "docs/x.md", "<b>x</b> | y"]',
    )
    text = page(root)
    assert text is not None
    assert '<a href="https://ci.example.com/erp/812" rel="nofollow noopener">' in text
    assert "<code>javascript:alert(1)</code>" in text and 'href="javascript' not in text
    assert "<code>docs/x.md</code>" in text
    assert "<code>&lt;b&gt;x&lt;/b&gt; | y</code>" in text


def test_new_project_scaffolds_an_empty_quality_file_that_checks_clean(tmp_path: Path) -> None:
    root = clean_copy(tmp_path)
    made = new_project(root, "crm", start=date(2026, 11, 2))
    assert root / "crm" / "quality.yaml" in made.files
    text = (root / "crm" / "quality.yaml").read_text(encoding="utf-8")
    assert "standards: []" in text and "#  - id: dod" in text  # empty, with a commented example
    result = validate_root(root)
    assert [d.code for d in result.diagnostics] == []
    quality = result.portfolio.records.quality["crm"]
    assert (quality.standards, quality.audits) == ((), ())
    assert mine(codes(root)) == []
