"""Strategy (strategy.yaml): the model and key-result progress, every check proven by its failing case (tests/cases)
and a copy of it made to pass, the clean example, the demo's findings, the page and its key-result chart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import markdown
import pytest
from charts_plan import find_all, svg_of
from conftest import Golden
from records_cases import copy_case as _copy
from records_cases import edit as _edit
from test_site_hostile import Tags

from pmcode.check import check_root
from pmcode.diagnostics import Diagnostic, Severity
from pmcode.records.strategy.checks import key_result_state, measure
from pmcode.records.strategy.model import KeyResult
from pmcode.render.charts.keyresults import KeyResultBar, key_results_svg
from pmcode.render.site_figures import site_figures
from pmcode.render.site_strategy import percent, strategy_page
from pmcode.validate import validate_root

TESTS = Path(__file__).parent
CASES = TESTS / "cases"
VALID = CASES / "records-valid" / "strategy"
DEMO = TESTS.parent / "projects"
CODES = {"PM680", "PM681", "PM682", "PM690", "PM691", "PM692"}


def _codes(root: Path) -> list[str]:
    return [d.code for d in check_root(root).diagnostics]


def _mine(diagnostics: tuple[Diagnostic, ...]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.code in CODES]


def _kr(baseline: float, target: float, current: float | None, due: date | None = date(2027, 6, 30)) -> KeyResult:
    return KeyResult("k", "K", "days", baseline, target, current, None, due, (), src=None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("baseline", "target", "current", "share"),
    [(8, 3, 6, 0.4), (0, 100, 25, 0.25), (8, 3, 8, 0.0), (8, 3, 2, 1.2), (0, 100, None, None), (5, 5, 5, 1.0)],
)
def test_progress_runs_from_baseline_to_target_either_way(
    baseline: float, target: float, current: float | None, share: float | None
) -> None:
    progress = _kr(baseline, target, current).progress
    assert progress == share if share is None else progress == pytest.approx(share)


def test_states_and_measures() -> None:
    now = date(2026, 11, 20)
    assert key_result_state(_kr(8, 3, 3), now) == "reached"
    assert key_result_state(_kr(8, 3, 5), now) == "in progress"
    assert key_result_state(_kr(8, 3, None), now) == "not measured"
    assert key_result_state(_kr(8, 3, 5, date(2026, 10, 31)), now) == "missed"
    assert key_result_state(_kr(8, 3, 5, date(2026, 10, 31)), None) == "in progress"  # no status date: no clock
    assert (measure(3.0, "days"), measure(12.5, "%"), measure(4, "")) == ("3 days", "12.5%", "4")
    assert (percent(-0.001), percent(0.404), percent(1.2)) == ("0%", "40%", "120%")


def test_the_model_keeps_what_was_written() -> None:
    strategy = validate_root(VALID).portfolio.records.strategy
    assert strategy is not None and strategy.project is None
    assert (strategy.title, strategy.period) == ("IT strategy FY2027", "FY2027")
    fast, customers = strategy.objectives
    assert fast.period == "FY2027" and customers.period == "2027-H1"  # the file's period unless its own
    assert fast.milestones == ("erp:golive",) and fast.key_results[0].as_of == date(2026, 11, 1)
    assert customers.linked_projects() == ("crm",)  # through its key result
    assert strategy.linked_projects() == {"erp", "crm"}


def test_the_clean_example_validates_and_checks_without_a_strategy_finding() -> None:
    assert not validate_root(VALID).diagnostics
    assert _mine(check_root(VALID).diagnostics) == []


def test_pm681_clears_once_an_objective_names_the_project(tmp_path: Path) -> None:
    root = _copy("check/pm681-project-serves-no-objective", tmp_path)
    [finding] = [d for d in check_root(root).diagnostics if d.code == "PM681"]
    assert finding.severity is Severity.WARNING and finding.file.endswith("crm/project.yaml")
    assert "closed" not in finding.message  # a closed project need not serve one
    _edit(root / "strategy.yaml", "projects: [erp]", "projects: [erp]\n    milestones: [crm:golive]")
    assert "PM681" not in _codes(root)


def test_without_a_strategy_no_project_is_judged(tmp_path: Path) -> None:
    root = _copy("check/pm681-project-serves-no-objective", tmp_path)
    (root / "strategy.yaml").unlink()
    assert "PM681" not in _codes(root)


def test_pm682_clears_with_a_new_measurement_or_due_date(tmp_path: Path) -> None:
    root = _copy("check/pm682-key-result-missed", tmp_path)
    assert _codes(root).count("PM682") == 2
    strategy = root / "strategy.yaml"
    _edit(strategy, "current: 5\n", "current: 3\n")  # measured at target
    _edit(strategy, "due: 2026-11-01", "due: 2027-06-30")  # agreed a new date
    assert "PM682" not in _codes(root)


def test_pm682_needs_a_status_date(tmp_path: Path) -> None:
    root = _copy("check/pm682-key-result-missed", tmp_path)
    _edit(root / "portfolio.yaml", "status_date: 2026-11-20\n", "")
    assert "PM682" not in _codes(root)


def test_pm680_clears_when_the_milestone_is_named(tmp_path: Path) -> None:
    root = _copy("rules/pm680-objective-milestone-not-a-milestone", tmp_path)
    assert [d.code for d in validate_root(root).diagnostics] == ["PM680"]
    _edit(root / "strategy.yaml", "[erp:build]", "[erp:golive]")
    assert not validate_root(root).diagnostics


def test_pm691_and_pm692_clear_when_the_references_resolve(tmp_path: Path) -> None:
    root = _copy("rules/pm691-strategy-unknown-project", tmp_path)
    _edit(root / "strategy.yaml", "[erp, crm-rollout]", "[erp, crm]")
    _edit(root / "strategy.yaml", "[erp-upgrade:golive]", "[erp:golive]")
    assert not validate_root(root).diagnostics
    root = _copy("rules/pm692-strategy-unknown-milestone", tmp_path / "2")
    _edit(root / "strategy.yaml", "erp:go-live", "erp:golive")
    assert not validate_root(root).diagnostics


def test_the_demo_warns_about_the_proposal_and_the_missed_phishing_target() -> None:
    found = _mine(check_root(DEMO).diagnostics)
    assert [(Path(d.file).relative_to(DEMO).as_posix(), d.code, d.severity) for d in found] == [
        ("finance-analytics/project.yaml", "PM681", Severity.WARNING),
        ("strategy.yaml", "PM682", Severity.WARNING),
    ]
    assert (found[0].line, found[0].col) == (5, 7)
    assert "'security-posture.phishing-clicks' was due 2026-10-31: 8% against a target of 5%" in found[1].message


# The page and its chart


def test_the_page_golden(golden: Golden) -> None:
    result = validate_root(VALID, "projects")
    page = strategy_page(result.portfolio, site_figures(result))
    assert page is not None
    golden.check(TESTS / "golden" / "site" / "strategy.md", page)


def test_no_strategy_no_page() -> None:
    result = validate_root(CASES / "records-valid" / "requirements")
    assert strategy_page(result.portfolio, site_figures(result)) is None


def test_the_demo_page_marks_the_project_serving_no_objective() -> None:
    result = validate_root(DEMO)
    page = strategy_page(result.portfolio, site_figures(result))
    assert page is not None
    assert '<strong>Serving no objective (1):</strong> <a href="finance-analytics.html">' in page
    assert '<span class="pm-late"><span aria-hidden="true">&#9650;</span> none</span>' in page
    assert "milestone Go-live on FinOps 11, forecast" in page


BARS = [
    KeyResultBar("Close the books in three days", "Working days to close", 0.4, "in progress", "8 → 6 → 3 days"),
    KeyResultBar("Close the books in three days", "Manual journals", None, "not measured", "340 → not measured → 60"),
    KeyResultBar("Harder to attack", "Phishing clicks", 0.67, "missed", "14% → 8% → 5%"),
    KeyResultBar("Harder to attack", "Agreed RTOs", 1.3, "reached", "40% → 100% → 100%"),
]


def test_the_key_result_chart_golden(golden: Golden) -> None:
    golden.check(TESTS / "golden" / "charts" / "keyresults.html", key_results_svg(BARS))


def test_the_chart_writes_every_number_and_state() -> None:
    svg = svg_of(key_results_svg(BARS))
    rows = find_all(svg, "g", class_="pmc-keyresult")
    texts = ["".join(row.itertext()) for row in rows]
    assert "8 → 6 → 3 days: 40% in progress" in texts[0]
    assert "340 → not measured → 60: not measured" in texts[1]
    assert "14% → 8% → 5%: 67% missed" in texts[2]
    assert "40% → 100% → 100%: 130% reached" in texts[3]
    assert len(find_all(svg, "g", class_="pmc-objective")) == 2


def test_hostile_strategy_stays_text() -> None:
    result = validate_root(TESTS / "fixtures" / "hostile-site")
    page = strategy_page(result.portfolio, site_figures(result))
    assert page is not None
    html = markdown.markdown(page.split("---\n", 2)[2], extensions=["tables", "attr_list", "toc"])
    parsed = Tags()
    parsed.feed(html)
    tags = {tag for tag, _ in parsed.tags}
    assert not tags & {"script", "img", "iframe", "style", "tspan", "b"}
    hrefs = [attrs.get("href") or "" for tag, attrs in parsed.tags if tag == "a"]
    assert hrefs and all(href.endswith(".html") for href in hrefs)
    text = "".join(parsed.text)
    assert "</text></svg><script>window.__pwned=1</script>" in text
    assert "-1,000,000,000,000" in text and "# Not a heading" in text
