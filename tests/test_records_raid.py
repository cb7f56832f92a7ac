"""The RAID log (pmcode.records.raid): the model, each rule and check proven by its failing case folder and by a
copy of it edited to pass, the clean example folder, the demo's findings, the quantified risks `pmcode risk`
samples, and the site page and heat map (golden)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import Golden
from test_risk_engine import build, run

from pmcode.check import check_root
from pmcode.cli import cli
from pmcode.records.raid.codes import CODES
from pmcode.records.raid.rules import probability_band
from pmcode.render.charts.raid import PlottedRisk, risk_heatmap_svg
from pmcode.render.site_figures import site_figures
from pmcode.render.site_raid import raid_page
from pmcode.risk.inputs import quantified_risks
from pmcode.validate import validate_root

REPO = Path(__file__).resolve().parents[1]
CASES = REPO / "tests" / "cases"
VALID = CASES / "records-valid" / "raid"
GOLDEN = REPO / "tests" / "golden" / "raid"
OWN = {code.code for code in CODES}


def _copy(case: Path, tmp_path: Path) -> Path:
    root = tmp_path / case.name
    shutil.copytree(case, root)
    return root


def _edit(root: Path, old: str, new: str) -> None:
    path = root / "erp" / "raid.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _validated(root: Path) -> set[str]:
    return {d.code for d in validate_root(root).diagnostics}


def _checked(root: Path) -> set[str]:
    return {d.code for d in check_root(root).diagnostics}


# -- the model ---------------------------------------------------------------------------------------------------


def test_the_model_of_the_clean_example() -> None:
    result = validate_root(VALID)
    assert not result.diagnostics
    log = result.portfolio.records.raid["erp"]
    assert log.review_days == 21
    vendor, leave, consultant, sandbox = log.risks
    assert (vendor.score, vendor.chance, vendor.is_open, vendor.quantified) == (16, 0.6, True, True)
    assert vendor.schedule is not None and vendor.schedule.tasks == ("build",) and vendor.schedule.high == "10d"
    assert vendor.cost is not None and vendor.expected_cost == pytest.approx(0.6 * (1000 + 4 * 4000 + 12000) / 6)
    assert [a.is_open for a in vendor.actions] == [True, False]
    assert (leave.score, leave.quantified, leave.last_review, leave.owner) == (4, False, None, "Dana Whitfield")
    assert consultant.score is None and consultant.expected_cost == pytest.approx(0.1 * 16000 / 3)
    assert not sandbox.is_open and sandbox.closed == date(2026, 9, 15)
    assert [i.is_open for i in log.issues] == [True, False] and log.issues[0].actions[0].due == date(2026, 11, 24)
    assert [a.is_open for a in log.assumptions] == [True, False]
    assert log.decisions[0].decided_by == ("alice", "Helen Park") and log.decisions[0].forum == "Steering committee"
    assert vendor.src.at("probability").line == 10


def test_the_clean_example_checks_without_a_raid_finding() -> None:
    found = check_root(VALID).diagnostics
    assert [d for d in found if d.code in OWN or d.code.startswith("PM69") or d.code.startswith("PM25")] == []
    assert all(d.severity.value == "info" for d in found), found


@pytest.mark.parametrize(
    ("chance", "band"), [(0.0, 1), (0.1, 1), (0.105, 2), (0.3, 2), (0.31, 3), (0.5, 3), (0.7, 4), (0.71, 5), (1.0, 5)]
)
def test_probability_bands(chance: float, band: int) -> None:
    assert probability_band(chance) == band


# -- validation rules: the failing case, and a copy edited to pass ----------------------------------------------


@pytest.mark.parametrize(
    ("case", "old", "new"),
    [
        (
            "pm610-issue-closed-without-resolution",
            "    status: closed\n",
            "    status: closed\n    resolution: Renewed.\n",
        ),
        (
            "pm611-risk-neither-scored-nor-quantified",
            "    chance: 30%\n",
            "    chance: 30%\n    cost: {min: 1, likely: 2, max: 3}\n",
        ),
        ("pm617-raid-dates-out-of-order", "last_review: 2026-11-01", "last_review: 2026-11-11"),
        ("pm618-probability-disagrees-with-chance", "    probability: 4\n", "    probability: 2\n"),
        ("pm690-unknown-raid-owner", "owner: alcie", "owner: alice"),
    ],
)
def test_a_rule_case_fails_and_its_fixed_copy_passes(case: str, old: str, new: str, tmp_path: Path) -> None:
    code = case[:5].upper()
    folder = CASES / "rules" / case
    assert code in _validated(folder)
    root = _copy(folder, tmp_path)
    _edit(root, old, new)
    if code == "PM617":
        _edit(root, "closed: 2026-10-30", "closed: 2026-11-05")
    if code == "PM690":
        _edit(root, "owner: bbo", "owner: bob")
        _edit(root, "stering", "Steering Committee")
    assert code not in _validated(root)
    assert _validated(root) == set()


# -- checks: the failing case, and a copy edited to pass --------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "edits"),
    [
        (
            "pm612-high-risk-without-current-action",
            [
                ("    probability: 4\n", "    probability: 2\n"),  # re-scored below the high band
                ("due: 2026-11-27}", "due: 2026-11-27}\n      - {title: Spare, owner: bob, due: 2026-12-11}"),
            ],
        ),
        (
            "pm613-raid-action-overdue",
            [
                ("due: 2026-11-13}", "due: 2026-11-13, status: done, done: 2026-11-19}"),
                ("due: 2026-11-18, status: in-progress}", "due: 2026-11-30, status: in-progress}"),
            ],
        ),
        (
            "pm614-risk-review-stale",
            [
                ("last_review: 2026-11-02", "last_review: 2026-11-16"),
                ("    raised: 2026-10-19\n", "    raised: 2026-11-19\n"),
            ],
        ),
        ("pm615-assumption-not-validated", [("validate_by: 2026-11-13", "validate_by: 2026-11-13\n    status: valid")]),
        ("pm616-issue-overdue", [("    status: in-progress\n", "    status: resolved\n    resolution: Renewed.\n")]),
    ],
)
def test_a_check_case_fails_and_its_fixed_copy_passes(case: str, edits: list[tuple[str, str]], tmp_path: Path) -> None:
    code = case[:5].upper()
    folder = CASES / "check" / case
    assert code in _checked(folder)
    root = _copy(folder, tmp_path)
    for old, new in edits:
        _edit(root, old, new)
    assert _checked(root) & OWN == set()


def test_without_a_status_date_nothing_is_late_but_a_high_risk_without_action_is_reported(tmp_path: Path) -> None:
    root = _copy(CASES / "check" / "pm613-raid-action-overdue", tmp_path)
    (root / "portfolio.yaml").write_text("name: Northwind IT portfolio\ncurrency: USD\n", encoding="utf-8")
    _edit(root, "    probability: 2\n    impact: 3\n", "    probability: 5\n    impact: 3\n")
    assert _checked(root) & OWN == set()  # its open action is not overdue without a date
    _edit(root, "due: 2026-11-13}", "due: 2026-11-13, status: cancelled}")
    assert _checked(root) & OWN == {"PM612"}  # no open action at all


def test_a_risk_review_period_comes_from_the_log(tmp_path: Path) -> None:
    root = _copy(CASES / "check" / "pm614-risk-review-stale", tmp_path)
    _edit(root, "review_days: 14", "review_days: 40")
    assert "PM614" not in _checked(root)


# -- the demo ----------------------------------------------------------------------------------------------------


def test_the_demo_reports_raid_warnings_at_their_place_and_no_raid_error() -> None:
    found = [d for d in check_root(REPO / "projects").diagnostics if d.file.endswith("/raid.yaml")]
    assert found and all(d.severity.value == "warning" for d in found), found
    at = {(d.code, d.file.split("projects/", 1)[1], d.line) for d in found}
    assert ("PM613", "erp-upgrade/raid.yaml", 86) in at
    assert ("PM614", "erp-upgrade/raid.yaml", 122) in at
    assert ("PM612", "endpoint-refresh/raid.yaml", 12) in at


def test_the_demo_risks_moved_to_raid_yaml_with_the_same_numbers() -> None:
    portfolio = validate_root(REPO / "projects").portfolio
    erp = portfolio.projects["erp-upgrade"]
    assert erp.src.raw("risks") is None
    risks = {r.id: r for r in quantified_risks(portfolio, erp)}
    assert list(risks) == ["bank-certification", "consultant-turnover"]
    bank, turnover = risks.values()
    assert (bank.chance, bank.schedule and bank.schedule.tasks, bank.cost and bank.cost.likely) == (
        0.25,
        ("test.sit",),
        6500,
    )
    assert (turnover.chance, turnover.schedule and turnover.schedule.high) == (0.15, "20d")
    others = [p for p in portfolio.projects.values() if p.id != "erp-upgrade"]
    assert all(quantified_risks(portfolio, p) == () for p in others)  # the other risk charts stay as they were


# -- what `pmcode risk` samples ----------------------------------------------------------------------------------


def test_an_occurred_risk_is_certain_and_a_closed_one_is_left_out(tmp_path: Path) -> None:
    plan = "name: R\nstart: 2027-01-04\ntasks:\n  - {id: a, name: A, duration: 5d}\n"
    raid = (
        "risks:\n"
        "  - {id: hit, title: Hit, status: occurred, chance: 20%, cost: {min: 300, likely: 300, max: 300}}\n"
        "  - {id: gone, title: Gone, status: closed, chance: 100%, cost: {min: 9, likely: 9, max: 9}}\n"
        "  - {id: scored, title: Scored only, probability: 5, impact: 5}\n"
    )
    simulation = run(build(tmp_path, {"r": plan}, raids={"r": raid}), 500)
    assert [r.id for r in simulation.inputs["r"].risks] == ["hit"]
    assert set(simulation.cost["r"]) == {300.0}


def test_risk_inputs_are_validated_in_raid_yaml(tmp_path: Path) -> None:
    plan = "name: R\nstart: 2027-01-04\ntasks:\n  - {id: a, name: A, duration: 5d}\n"
    raid = "risks:\n  - {id: r, title: R, chance: 20%, schedule: {tasks: [b], min: 1d, likely: 2d, max: 3d}}\n"
    found = validate_root(build(tmp_path, {"r": plan}, raids={"r": raid})).diagnostics
    assert [(d.code, d.file.rsplit("/", 1)[1], d.line) for d in found] == [("PM252", "raid.yaml", 2)]


def test_a_project_yaml_with_risks_is_refused(tmp_path: Path) -> None:
    plan = "name: R\nstart: 2027-01-04\ntasks:\n  - {id: a, name: A, duration: 5d}\nrisks: []\n"
    found = validate_root(build(tmp_path, {"r": plan})).diagnostics
    assert [d.code for d in found] == ["PM101"]


# -- the site ----------------------------------------------------------------------------------------------------


def test_golden_heat_map(golden: Golden) -> None:
    risks = [
        PlottedRisk(4, 5, "erp: uat-late, UAT sign-off late <script>"),
        PlottedRisk(2, 3, "erp: bank, certification slot missed"),
        PlottedRisk(2, 3, "dr: circuit, second circuit late"),
        PlottedRisk(1, 1, 'odd "quotes" & ampersands'),
    ]
    svg = risk_heatmap_svg(risks)
    assert svg.count('<g class="pmc-raid-cell">') == 25
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert ">2</text>" in svg  # the count is written, not only shaded
    golden.check(GOLDEN / "heatmap.html", svg)


def test_golden_page_of_the_clean_example(golden: Golden) -> None:
    result = validate_root(VALID, prefix="projects")  # as the site shows the root: no machine path in the golden
    page = raid_page(result.portfolio, site_figures(result))
    assert page is not None
    assert "## Risk heat map" in page and "## Top exposures" in page and "## Decision log" in page
    assert '<a href="people/alice.html">Alice Chen</a>' in page and '<a href="erp.html">' in page
    golden.check(GOLDEN / "raid.md", page)


def test_no_page_without_a_raid_log(tmp_path: Path) -> None:
    root = build(tmp_path, {"r": "name: R\nstart: 2027-01-04\ntasks:\n  - {id: a, name: A, duration: 5d}\n"})
    result = validate_root(root)
    assert raid_page(result.portfolio, site_figures(result)) is None


def test_new_project_scaffolds_an_empty_raid_log(tmp_path: Path) -> None:
    root = tmp_path / "projects"
    root.mkdir()
    (root / "portfolio.yaml").write_text("name: Test\ncurrency: USD\n", encoding="utf-8")
    done = CliRunner().invoke(cli, ["new", "project", "crm", "--root", str(root), "--start", "2027-01-04"])
    assert done.exit_code == 0, done.output
    assert "risks: []" in (root / "crm" / "raid.yaml").read_text(encoding="utf-8")
    result = validate_root(root)
    assert not result.diagnostics and result.portfolio.records.raid["crm"].risks == ()
