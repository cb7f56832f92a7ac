"""Requirements (<project>/requirements.yaml): the model, every check proven by its failing case (tests/cases) and a
copy of it made to pass, the clean example, the demo's finding, the traceability page and the scaffold."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import markdown
import pytest
from conftest import Golden
from records_cases import copy_case as _copy
from records_cases import edit as _edit
from test_site_hostile import Tags

from pmcode.check import check_root
from pmcode.diagnostics import Diagnostic, Severity
from pmcode.records.requirements.model import Requirement
from pmcode.render.site_figures import site_figures
from pmcode.render.site_requirements import one_line, requirements_page
from pmcode.scaffold.project import new_project
from pmcode.validate import validate_root

TESTS = Path(__file__).parent
CASES = TESTS / "cases"
VALID = CASES / "records-valid" / "requirements"
DEMO = TESTS.parent / "projects"
GOLDEN = TESTS / "golden" / "site"
CODES = {"PM600", "PM601", "PM602", "PM603", "PM690", "PM691", "PM692"}


def _codes(root: Path) -> list[str]:
    return [d.code for d in check_root(root).diagnostics]


def _mine(diagnostics: tuple[Diagnostic, ...]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.code in CODES]


def test_the_model_keeps_what_was_written() -> None:
    log = validate_root(VALID).portfolio.records.requirements["erp"]
    first = log.requirements[0]
    assert isinstance(first, Requirement)
    assert (first.id, first.priority, first.status, first.source) == (
        "REQ-01",
        "must",
        "met",
        "Finance (Dana Whitfield)",
    )
    assert first.tasks == ("design",) and first.deliverables == ("design-doc",)
    assert first.acceptance == ("Every interface of the catalogue is in the design",)
    assert first.is_met and first.in_scope
    assert [r.in_scope for r in log.requirements] == [True, True, True, False, False]
    assert str(first.src.at("status")).endswith("erp/requirements.yaml:8:13")


def test_the_clean_example_validates_and_checks_without_a_requirements_finding() -> None:
    assert not validate_root(VALID).diagnostics
    assert _mine(check_root(VALID).diagnostics) == []


# Each check's failing case (tests/cases/check/pm60x-*), made to pass the way its explanation says.


def test_pm601_a_must_have_traced_to_a_task_passes(tmp_path: Path) -> None:
    root = _copy("check/pm601-must-have-not-traced", tmp_path)
    assert "PM601" in _codes(root)
    _edit(root / "erp" / "requirements.yaml", "    status: approved\n", "    status: approved\n    tasks: [build]\n")
    assert "PM601" not in _codes(root)


def test_pm601_a_should_have_or_a_deliverable_is_enough(tmp_path: Path) -> None:
    root = _copy("check/pm601-must-have-not-traced", tmp_path)
    requirements = root / "erp" / "requirements.yaml"
    _edit(requirements, "    status: approved\n", "    status: approved\n    deliverables: [design-doc]\n")
    assert "PM601" not in _codes(root)
    _edit(requirements, "    deliverables: [design-doc]\n", "")
    _edit(requirements, "    priority: must\n    status: approved", "    priority: should\n    status: approved")
    assert "PM601" not in _codes(root)


def test_pm602_names_the_unmet_requirements_and_clears_once_they_are_met(tmp_path: Path) -> None:
    root = _copy("check/pm602-deliverable-accepted-requirement-unmet", tmp_path)
    [finding] = [d for d in check_root(root).diagnostics if d.code == "PM602"]
    assert finding.severity is Severity.ERROR
    assert finding.file.endswith("erp/project.yaml") and finding.line == 9
    assert "'REQ-01' (in-progress), 'REQ-02' (approved)" in finding.message
    assert "REQ-03" not in finding.message  # deferred: out of scope
    requirements = root / "erp" / "requirements.yaml"
    _edit(requirements, "status: in-progress", "status: met")
    _edit(requirements, "status: approved", "status: met")
    assert "PM602" not in _codes(root)


def test_pm602_clears_when_the_deliverable_is_reopened(tmp_path: Path) -> None:
    root = _copy("check/pm602-deliverable-accepted-requirement-unmet", tmp_path)
    _edit(root / "erp" / "project.yaml", ", status: accepted, accepted_on: 2026-11-16", ", status: delivered")
    assert "PM602" not in _codes(root)


def test_pm603_clears_once_the_tasks_are_reported_complete(tmp_path: Path) -> None:
    root = _copy("check/pm603-requirement-met-tasks-unfinished", tmp_path)
    assert "PM603" in _codes(root)
    _edit(root / "erp" / "actuals" / "2026-11.yaml", "build: 40%", "build: 100%")
    actuals = root / "erp" / "actuals" / "2026-11.yaml"
    _edit(actuals, "build: {start: 2026-11-09}", "build: {start: 2026-11-09, finish: 2026-11-19}")
    assert "PM603" not in _codes(root)


def test_pm603_is_not_judged_without_actuals(tmp_path: Path) -> None:
    root = _copy("check/pm603-requirement-met-tasks-unfinished", tmp_path)
    shutil.rmtree(root / "erp" / "actuals")
    assert "PM603" not in _codes(root)


def test_pm600_clears_with_acceptance_criteria(tmp_path: Path) -> None:
    root = _copy("rules/pm600-requirement-met-without-acceptance", tmp_path)
    assert [d.code for d in validate_root(root).diagnostics] == ["PM600"]
    requirements = root / "erp" / "requirements.yaml"
    _edit(requirements, "    tasks: [design]\n", "    tasks: [design]\n    acceptance: [Architecture board minutes]\n")
    assert not validate_root(root).diagnostics


def test_pm692_clears_when_the_links_resolve(tmp_path: Path) -> None:
    root = _copy("rules/pm692-requirement-unknown-task-or-deliverable", tmp_path)
    requirements = root / "erp" / "requirements.yaml"
    _edit(requirements, "[desgin, build.config]", "[design, build, erp:golive]")
    _edit(requirements, "[design-dok]", "[design-doc]")
    assert not validate_root(root).diagnostics


def test_a_project_whose_plan_failed_to_load_is_not_judged(tmp_path: Path) -> None:
    root = _copy("rules/pm692-requirement-unknown-task-or-deliverable", tmp_path)
    _edit(root / "erp" / "project.yaml", "start: 2026-11-02", "start: someday")
    codes = [d.code for d in validate_root(root).diagnostics]
    assert "PM692" not in codes and codes  # the plan's own error, nothing follows from it


# The demo


def test_the_demo_warns_about_the_untraced_security_must_have() -> None:
    found = _mine(check_root(DEMO).diagnostics)
    assert [(Path(d.file).relative_to(DEMO).as_posix(), d.line, d.col, d.code) for d in found] == [
        ("service-desk/requirements.yaml", 82, 9, "PM601")
    ]
    assert found[0].severity is Severity.WARNING and "'SD-08'" in found[0].message


def test_every_active_demo_project_has_requirements() -> None:
    portfolio = validate_root(DEMO).portfolio
    active = {p.id for p in portfolio.projects.values() if p.status == "active"}
    assert active <= set(portfolio.records.requirements)
    for log in portfolio.records.requirements.values():
        assert 6 <= len(log.requirements) <= 12


# The page


def test_the_page_golden(golden: Golden) -> None:
    result = validate_root(VALID, "projects")
    page = requirements_page(result.portfolio, site_figures(result))
    assert page is not None
    golden.check(GOLDEN / "requirements.md", page)


def test_no_requirements_no_page() -> None:
    result = validate_root(CASES / "records-valid" / "strategy")
    assert requirements_page(result.portfolio, site_figures(result)) is None


def test_the_demo_page_shows_coverage_progress_and_the_gap() -> None:
    result = validate_root(DEMO)
    page = requirements_page(result.portfolio, site_figures(result))
    assert page is not None
    assert '<td class="num pm-late"><span aria-hidden="true">&#9650;</span> 5 of 6</td>' in page  # service-desk
    assert "<strong>SD-08</strong>" in page and "no task</span>" in page
    assert '<code>requirements.bia</code>, <span aria-hidden="true">&#10004;</span> 100%, 2026-09-10' in page


@pytest.mark.parametrize("text", ["a\n\nb", "a\u2028b", " a \t b \r\n"])
def test_data_stays_on_one_line(text: str) -> None:
    assert one_line(text) in ("a b",)


def test_new_project_scaffolds_an_empty_requirements_file_that_checks_clean(tmp_path: Path) -> None:
    root = _copy("records-valid/requirements", tmp_path)
    made = new_project(root, "crm", start=date(2027, 5, 3))
    text = (made.folder / "requirements.yaml").read_text(encoding="utf-8")
    assert "requirements: []\n" in text and "#  - id: REQ-01" in text
    result = validate_root(root)
    assert not result.diagnostics
    assert result.portfolio.records.requirements["crm"].requirements == ()
    assert _mine(check_root(root).diagnostics) == []


def test_hostile_requirements_stay_text() -> None:
    result = validate_root(TESTS / "fixtures" / "hostile-site")
    page = requirements_page(result.portfolio, site_figures(result))
    assert page is not None
    html = markdown.markdown(page.split("---\n", 2)[2], extensions=["tables", "attr_list", "toc"])
    parsed = Tags()
    parsed.feed(html)
    tags = {tag for tag, _ in parsed.tags}
    assert not tags & {"script", "img", "iframe", "style", "tspan"}
    hrefs = [attrs.get("href") or "" for tag, attrs in parsed.tags if tag == "a"]
    assert hrefs and all(href.startswith("#") or href.endswith(".html") for href in hrefs)
    assert "<script>window.__pwned=1</script> | pipe | in a cell {{ 7*7 }}" in "".join(parsed.text)
    assert "# Not a heading" in "".join(parsed.text)  # a blank line in the data did not end the HTML block
