"""`pmcode check` rules through the Python API: thresholds and their overrides, the variance-note rule, weekly
over-allocation, earned-value thresholds (with a stub of the variance engine's projects), the project filter.
Numbers are worked out by hand in the comments."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from pmcode.check import check_portfolio, check_root
from pmcode.check.evm import evm_findings
from pmcode.check.limits import judge
from pmcode.cli import cli as main
from pmcode.cost.phasing import Phasing
from pmcode.diagnostics import Diagnostic, Severity
from pmcode.evm import Indicators, PlannedSeries, compute_indicators
from pmcode.model.types import Threshold, Thresholds
from pmcode.schedule import schedule_portfolio
from pmcode.validate import validate_root

CASES = Path(__file__).parent / "cases" / "check"


def _copy(case: str, tmp_path: Path) -> Path:
    root = tmp_path / case
    shutil.copytree(CASES / case, root, ignore=shutil.ignore_patterns("expected.txt", "command"))
    return root


def _found(root: Path, code: str, **options: object) -> list[Diagnostic]:
    result = check_root(root, prefix="CASE", **options)  # type: ignore[arg-type]
    return [d for d in result.diagnostics if d.code == code]


def test_judge_grades_fail_before_warn_and_compares_as_shown() -> None:
    limits = Thresholds((("cpi", Threshold(0.95, 0.9)), ("milestone_slip_days", Threshold(5, 10))))
    assert judge(limits, "cpi", 0.96) is None
    assert judge(limits, "cpi", 0.949, digits=2) is None  # shown as 0.95: not below 0.95
    warn = judge(limits, "cpi", 0.94, digits=2)
    assert warn is not None and (warn.level, warn.severity) == ("warn", Severity.WARNING)
    fail = judge(limits, "cpi", 0.5, digits=2)
    assert fail is not None and (fail.level, fail.limit, fail.severity) == ("fail", 0.9, Severity.ERROR)
    shown_as_ten = judge(limits, "milestone_slip_days", 10.04)  # shown as 10.0: above warn 5, not above fail 10
    assert shown_as_ten is not None and shown_as_ten.level == "warn"
    above_ten = judge(limits, "milestone_slip_days", 10.06)
    assert above_ten is not None and above_ten.level == "fail"
    assert judge(limits, "cpi", None) is None  # undefined never breaches
    assert judge(limits, "spi", 0.1) is None  # no such threshold


def test_budget_override_beats_the_portfolio(tmp_path: Path) -> None:
    root = _copy("pm530-milestone-slip", tmp_path)
    (slip,) = _found(root, "PM530")  # 5.0 days against the portfolio's fail level 4
    assert slip.severity is Severity.ERROR and "fail level 4 (CASE/portfolio.yaml:4:40)" in slip.message
    (root / "erp" / "budget.yaml").write_text("thresholds:\n  milestone_slip_days: {warn: 3, fail: 8}\n")
    (slip,) = _found(root, "PM530")
    assert slip.severity is Severity.WARNING
    assert slip.message.endswith("above milestone_slip_days warn level 3 (CASE/erp/budget.yaml:2:31)")
    (root / "erp" / "budget.yaml").write_text("thresholds:\n  milestone_slip_days: {warn: 6}\n")
    assert _found(root, "PM530") == []  # the override replaces both levels: 5.0 is within warn 6


def test_slip_is_located_where_the_lateness_starts(tmp_path: Path) -> None:
    root = _copy("pm530-milestone-slip", tmp_path)
    (slip,) = _found(root, "PM530")
    assert (slip.file, slip.line) == ("CASE/erp/actuals/2027-01.yaml", 3)  # design: 50% made golive late
    (root / "erp" / "actuals" / "2027-01.yaml").unlink()
    (root / "erp" / "project.yaml").write_text(
        (root / "erp" / "project.yaml").read_text().replace("duration: 5d", "duration: 10d")
    )
    (slip,) = _found(root, "PM530")  # no actuals: build grew by 5 days, and lateness starts there
    assert (slip.file, slip.line, slip.col) == ("CASE/erp/project.yaml", 5, 10)
    assert "5.0 working days" in slip.message


def test_a_milestone_reached_on_its_baseline_day_has_not_slipped(tmp_path: Path) -> None:
    root = _copy("pm530-milestone-slip", tmp_path)
    (root / "portfolio.yaml").write_text("name: P\ncurrency: USD\nthresholds:\n  milestone_slip_days: {warn: 0}\n")
    project = root / "erp" / "project.yaml"
    project.write_text(
        "name: ERP\nstart: 2027-01-04\ntasks:\n  - {id: kickoff, name: Kick-off, milestone: true}\n"
        "  - {id: design, name: Design, duration: 10d, depends: [kickoff]}\n"
    )
    (root / "erp" / "baseline.yaml").unlink()
    (root / "erp" / "actuals" / "2027-01.yaml").unlink()
    assert main(["baseline", "save", str(root), "--project", "erp"], standalone_mode=False) is None
    assert "kickoff: {start: 2027-01-04T09:00, finish: 2027-01-04T09:00" in (root / "erp/baseline.yaml").read_text()
    (root / "erp" / "actuals" / "2027-01.yaml").write_text(
        "period: 2027-01\nstatus_date: 2027-01-08\nprogress: {kickoff: 100%, design: 50%}\n"
        "actual: {kickoff: {finish: 2027-01-04}}\n"
    )
    assert _found(root, "PM530") == []  # tracking puts it at 17:00 that day: not a day late
    (root / "erp" / "actuals" / "2027-01.yaml").write_text(
        "period: 2027-01\nstatus_date: 2027-01-08\nprogress: {kickoff: 100%, design: 40%}\n"
        "actual: {kickoff: {finish: 2027-01-05}}\n"
    )
    (late,) = _found(root, "PM530")
    assert "is 1.0 working days after its baseline 2027-01-04 09:00" in late.message
    assert (late.file, late.line) == ("CASE/erp/actuals/2027-01.yaml", 4)  # the actual date that made it late


def test_the_note_rule_both_ways(tmp_path: Path) -> None:
    root = _copy("pm535-unexplained-variance", tmp_path)
    actuals = root / "erp" / "actuals" / "2027-01.yaml"
    (unexplained,) = _found(root, "PM535")
    assert unexplained.severity is Severity.ERROR
    assert (unexplained.file, unexplained.line) == ("CASE/erp/actuals/2027-01.yaml", 5)  # the bigger cost line
    assert "500.00 (50.0% over) above its budget 1,000.00" in unexplained.message
    text = actuals.read_text()
    actuals.write_text(text + "notes:\n  - {about: run, text: Not about cloud}\n")
    assert len(_found(root, "PM535")) == 1 and _found(root, "PM536") == []  # about a task not charged to cloud
    charged = text.replace("amount: 500,", "amount: 500, task: run,")
    actuals.write_text(charged + "notes:\n  - {about: run, text: 'Run <b>doubled</b> for a load test'}\n")
    assert _found(root, "PM535") == []
    (explained,) = _found(root, "PM536")  # a note about the task the cost is charged to
    assert explained.severity is Severity.WARNING
    assert "explained: 'Run <b>doubled</b> for a load test' (CASE/erp/actuals/2027-01.yaml:" in explained.message
    assert check_root(root).failed() is False
    assert check_root(root).failed(strict=True) is True


def test_over_allocation_needs_an_unleveled_schedule(tmp_path: Path) -> None:
    root = _copy("pm532-over-allocated-week", tmp_path)
    assert _found(root, "PM532", level=True) == []  # leveling books nobody above their units
    (over,) = _found(root, "PM532", level=False)
    # design 5 d at 100% (40 h) + review 3 d at 50% (12 h) in the week of 2027-01-04: 52 h of 40 h, 30% over
    assert "30% above their units (52.0 h of 40.0 h) in the week of 2027-01-04" in over.message
    assert over.severity is Severity.ERROR  # above fail 20
    (root / "portfolio.yaml").write_text("name: P\ncurrency: USD\nthresholds:\n  overallocation_pct: {warn: 40}\n")
    assert _found(root, "PM532", level=False) == []


def test_over_allocation_in_consecutive_weeks_is_one_finding(tmp_path: Path) -> None:
    root = _copy("pm532-over-allocated-week", tmp_path)
    project = root / "erp" / "project.yaml"
    project.write_text(project.read_text().replace("duration: 5d", "duration: 15d").replace("3d", "11d"))
    (over,) = _found(root, "PM532", level=False)
    # review 11 d at 50%: 20 h in each of weeks 1 and 2, 4 h in week 3; design 40 h a week: 50% over twice, then 10%
    assert "in 3 weeks from 2027-01-04 to 2027-01-24, at most in the week of 2027-01-04" in over.message
    assert "50% above their units (60.0 h of 40.0 h)" in over.message


@dataclass(frozen=True)
class StubVariance:
    """What pmcode.variance.ProjectVariance offers the checks."""

    id: str
    status_date: date | None
    indicators: Indicators | None
    findings: tuple[Diagnostic, ...] = ()


def _evm_root(tmp_path: Path, thresholds: str) -> Path:
    root = _copy("pm540-earned-value-threshold", tmp_path)
    (root / "portfolio.yaml").write_text(f"name: P\ncurrency: USD\nthresholds:\n{thresholds}")
    return root


def _evm(root: Path, indicators: Indicators | None) -> list[Diagnostic]:
    result = validate_root(root, "CASE")
    stub = StubVariance("erp", date(2027, 1, 8), indicators)
    return list(evm_findings(result.portfolio, [stub], Phasing(result.portfolio)))


def test_evm_percentages_and_earned_schedule(tmp_path: Path) -> None:
    every = "".join(f"  {name}: {{warn: 10, fail: 22}}\n" for name in ("cv_pct", "sv_pct", "vac_pct"))
    root = _evm_root(tmp_path, every + "  spi_t: {warn: 0.9, fail: 0.5}\n")
    # BAC 1000, PV 500, EV 400, AC 500: CV -100 = -25% of EV, SV -100 = -20% of PV, EAC = 1000 / 0.8 = 1250,
    # VAC -250 = -25% of BAC; PV by month 250, 500, 750, 1000 and AT 2: ES = 1 + 150 / 250 = 1.6, SPI(t) 0.8
    series = PlannedSeries.of((250.0, 500.0, 750.0, 1000.0), 2.0)
    found = _evm(root, compute_indicators(1000, 500, 400, 500, series=series))
    messages = sorted(d.message for d in found)
    assert messages == [
        "EAC 1,250.00 25.0% above BAC 1,000.00: above vac_pct fail level 22 (CASE/portfolio.yaml:6:29)",
        "SPI(t) 0.80 (ES 1.60 / AT 2.00 months): below spi_t warn level 0.9 (CASE/portfolio.yaml:7:17)",
        "cost overrun 25.0% of EV (CV -100.00): above cv_pct fail level 22 (CASE/portfolio.yaml:4:28)",
        "schedule variance 20.0% of PV behind (SV -100.00): above sv_pct warn level 10 (CASE/portfolio.yaml:5:18)",
    ]
    by_name = {re.findall(r"(?:above|below) (\w+) (?:warn|fail) level", d.message)[0]: d for d in found}
    assert by_name["cv_pct"].severity is Severity.ERROR and by_name["sv_pct"].severity is Severity.WARNING
    assert (by_name["cv_pct"].line, by_name["sv_pct"].line) == (6, 3)  # the hours entry; the progress entry


def test_an_undefined_index_never_breaches(tmp_path: Path) -> None:
    every = "".join(f"  {name}: {{warn: 0.99, fail: 0.98}}\n" for name in ("cpi", "spi", "spi_t"))
    every += "".join(f"  {name}: {{warn: 0, fail: 0}}\n" for name in ("cv_pct", "sv_pct", "vac_pct"))
    root = _evm_root(tmp_path, every)
    nothing = compute_indicators(1000, 0, 0, 0)  # PV, EV and AC 0: every index and percentage undefined
    assert nothing.cpi is None and nothing.spi is None and nothing.cv_pct is None and nothing.eac is None
    assert _evm(root, nothing) == []
    assert _evm(root, None) == []  # no baseline or no status date: no indicators at all
    assert len(_evm(root, compute_indicators(1000, 500, 400, 500))) == 5  # all defined but SPI(t): no series


def test_the_project_option_keeps_one_project(tmp_path: Path) -> None:
    root = _copy("pm534-forecast-over-envelope", tmp_path)
    shutil.copytree(root / "erp", root / "crm")
    both = check_root(root, prefix="CASE")
    assert {d.file for d in both.diagnostics if d.code == "PM534"} == {"CASE/crm/budget.yaml", "CASE/erp/budget.yaml"}
    one = check_root(root, prefix="CASE", project="crm")
    assert {d.file for d in one.diagnostics if d.code == "PM534"} == {"CASE/crm/budget.yaml"}
    assert one.projects == 1


def test_envelopes_limit_the_sides_they_name(tmp_path: Path) -> None:
    root = _copy("pm534-forecast-over-envelope", tmp_path)
    (over,) = _found(root, "PM534")  # 12 months x 5,000 of opex against 30,000
    assert (over.line, over.col, over.severity) == (4, 28, Severity.ERROR)
    assert "opex forecast 60,000.00 USD is above its annual envelope 30,000.00 by 30,000.00" in over.message
    budget = root / "erp" / "budget.yaml"
    budget.write_text(budget.read_text().replace("{capex: 0, opex: 30000}", "{capex: 1000}"))
    assert _found(root, "PM534") == []  # opex not limited; no capex spent
    budget.write_text(budget.read_text().replace("{capex: 1000}", "{opex: 60000}"))
    assert _found(root, "PM534") == []  # exactly the envelope is not above it


def test_a_plan_with_errors_is_not_scheduled(tmp_path: Path) -> None:
    root = _copy("pm530-milestone-slip", tmp_path)
    project = root / "erp" / "project.yaml"
    project.write_text(project.read_text().replace("depends: [design]", "depends: [desgin]"))
    result = check_root(root, prefix="CASE")
    assert [d.code for d in result.diagnostics] == ["PM202"]
    assert result.failed() and result.verdict() == "fail"


def test_check_portfolio_is_pure_over_its_inputs(tmp_path: Path) -> None:
    root = _copy("pm532-over-allocated-week", tmp_path)
    result = validate_root(root, "CASE")
    unleveled = schedule_portfolio(result.portfolio, level=False, network=result.network)
    first = check_portfolio(result, unleveled)
    assert first == check_portfolio(result, unleveled)
    assert [d.code for d in first.diagnostics] == ["PM532", "PM303"]
    assert first.counts == {"error": 1, "warning": 1, "info": 0}


@pytest.mark.parametrize("strict", [False, True])
def test_verdict(tmp_path: Path, strict: bool) -> None:
    result = check_root(_copy("pm531-finish-slip", tmp_path))  # one warning
    assert result.verdict(strict=strict) == ("fail" if strict else "pass")
