"""`pmcode baseline save` and `show`: the file written (the money guide's example, byte for byte), its sums,
determinism, and the guards that keep it inside its project folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from plans import write_plan
from test_cost_engine import PORTFOLIO, project_yaml

from pmcode.baseline.write import MODELINE, baseline_path, existing_modeline, write_baseline
from pmcode.cli import cli
from pmcode.cost import Phasing, planned_value
from pmcode.errors import PmcodeError
from pmcode.validate import validate_root

REPO = Path(__file__).resolve().parent.parent
GUIDE_PLAN = {
    "portfolio.yaml": PORTFOLIO,
    "people.yaml": "people:\n  - {id: alice, name: Alice Chen, rate: 100, rates: [{from: 2027-07-01, rate: 120}]}\n",
    "erp/project.yaml": project_yaml("  - {id: build, name: Build, effort: 10d, assign: [alice], start: 2027-06-24}\n"),
    "erp/budget.yaml": "lines:\n  - {id: labor, category: labor}\nreserves: {contingency: 10%}\n",
}
GUIDE_BASELINE = """\
name: B1
approved: 2027-01-04
approved_by: Dana Ruiz
bac: 8800.00
contingency: 880.00
finish: 2027-07-07T17:00
tasks:
  build: {start: 2027-06-24T09:00, finish: 2027-07-07T17:00, hours: 80.00, cost: 8800.00}
pv:
  2027-06: 4400.00
  2027-07: 4400.00
lines:
  labor:
    opex:
      2027-06: 4400.00
      2027-07: 4400.00
"""
SAVE = [
    "baseline",
    "save",
    "--project",
    "erp",
    "--name",
    "B1",
    "--approved-by",
    "Dana Ruiz",
    "--approved",
    "2027-01-04",
]


def save(root: Path, *options: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [*SAVE[:2], str(root), *(options or SAVE[2:])])
    return result.exit_code, result.output


def test_the_money_guide_example_is_what_save_writes(tmp_path: Path) -> None:
    root = write_plan(tmp_path / "root", GUIDE_PLAN)
    status, output = save(root)
    assert status == 0, output
    assert output == f"wrote {root.as_posix()}/erp/baseline.yaml: bac 8,800.00 USD, finish 2027-07-07T17:00\n"
    text = (root / "erp" / "baseline.yaml").read_text(encoding="utf-8")
    modeline, *header = text.split("\n")[:4]
    assert modeline == "# yaml-language-server: $schema=../../schemas/baseline.schema.json"
    assert all(line.startswith("# ") for line in header)
    assert text.split("\n", 4)[4] == GUIDE_BASELINE
    guide = (REPO / "site" / "docs" / "guide" / "money.md").read_text(encoding="utf-8")
    assert GUIDE_BASELINE in guide  # the guide shows this very file


def test_saving_an_unchanged_plan_changes_nothing(tmp_path: Path) -> None:
    root = write_plan(tmp_path / "root", GUIDE_PLAN)
    assert save(root)[0] == 0
    path = root / "erp" / "baseline.yaml"
    before, stamp = path.read_bytes(), path.stat().st_mtime_ns
    status, output = save(root)
    assert (status, output.split()[0]) == (0, "unchanged")
    assert path.read_bytes() == before and path.stat().st_mtime_ns == stamp
    assert save(root, "--project", "erp")[0] == 0  # options left out are left out of the file
    assert "name:" not in path.read_text(encoding="utf-8")


def test_the_saved_baseline_reads_back_into_the_model(tmp_path: Path) -> None:
    root = write_plan(tmp_path / "root", GUIDE_PLAN)
    save(root)
    result = validate_root(root)
    assert not result.diagnostics
    baseline = result.portfolio.projects["erp"].baseline
    assert baseline is not None
    assert (baseline.name, baseline.bac, baseline.contingency, baseline.management_reserve) == (
        "B1",
        8800.0,
        880.0,
        None,
    )
    assert baseline.pv == (("2027-06", 4400.0), ("2027-07", 4400.0))
    (line,) = baseline.lines
    assert (line.line, line.capex, line.months) == ("labor", False, baseline.pv)


def test_a_schema_modeline_of_the_user_is_kept(tmp_path: Path) -> None:
    root = write_plan(tmp_path / "root", GUIDE_PLAN)
    modeline = "# yaml-language-server: $schema=https://example.com/pmcode/baseline.schema.json"
    (root / "erp" / "baseline.yaml").write_text(modeline + "\ntasks: {}\n", encoding="utf-8")
    save(root)
    assert (root / "erp" / "baseline.yaml").read_text(encoding="utf-8").startswith(modeline + "\n# Written by")


def test_every_demo_project_saves_a_baseline_that_adds_up(tmp_path: Path) -> None:
    root = tmp_path / "projects"
    shutil.copytree(REPO / "projects", root)
    projects = sorted(p.name for p in root.iterdir() if (p / "project.yaml").is_file())
    for project in projects:
        status, output = save(root, "--project", project, "--name", "B9")
        assert status == 0, output
    result = validate_root(root)
    assert not result.errors, result.diagnostics
    for project in projects:
        baseline = result.portfolio.projects[project].baseline
        assert baseline is not None and baseline.bac is not None
        cents = lambda amount: round(amount * 100)  # noqa: E731
        assert cents(baseline.bac) == sum(cents(a) for _, a in baseline.pv)
        by_month: dict[str, int] = {}
        for line in baseline.lines:
            for month, amount in line.months:
                by_month[month] = by_month.get(month, 0) + cents(amount)
        assert by_month == {month: cents(amount) for month, amount in baseline.pv}
        if result.portfolio.projects[project].budget is not None:
            assert baseline.contingency is not None and baseline.contingency > 0


def test_a_name_pmcode_could_not_read_back_is_refused(tmp_path: Path) -> None:
    root = write_plan(tmp_path / "root", GUIDE_PLAN)
    status, output = save(root, "--project", "erp", "--name", "B1\x1b[2J")
    assert status == 2
    assert "not writing" in output and "Traceback" not in output
    assert not (root / "erp" / "baseline.yaml").exists()


def test_a_symbolic_link_in_place_of_the_baseline_is_replaced_not_followed(tmp_path: Path) -> None:
    # Validation refuses a linked baseline.yaml (PM011) before save gets here; the writer does not rely on it.
    outside = tmp_path / "outside.yaml"
    outside.write_text("keep me\n", encoding="utf-8")
    (tmp_path / "erp").mkdir()
    path = tmp_path / "erp" / "baseline.yaml"
    os.symlink(outside, path)
    assert existing_modeline(path) == MODELINE
    assert write_baseline(path, "tasks: {}\n")
    assert outside.read_text(encoding="utf-8") == "keep me\n"
    assert not path.is_symlink() and path.read_text(encoding="utf-8") == "tasks: {}\n"
    assert not write_baseline(path, "tasks: {}\n")  # the same text: nothing written


def test_the_baseline_path_never_leads_outside_the_root(tmp_path: Path) -> None:
    root = write_plan(tmp_path / "root", GUIDE_PLAN)
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", root / "linked")
    assert baseline_path(root, "erp") == root / "erp" / "baseline.yaml"
    for project in ("linked", "..", "../root/erp", "nope", ""):
        with pytest.raises(PmcodeError):
            baseline_path(root, project)


def test_choosing_the_project(tmp_path: Path) -> None:
    root = write_plan(
        tmp_path / "root", {**GUIDE_PLAN, "crm/project.yaml": project_yaml("  - {id: a, name: A, duration: 1d}\n")}
    )
    status, output = save(root, "--name", "B1")
    assert status == 2 and "2 projects under" in output and "choose one with --project" in output
    status, output = save(root, "--project", "epr")
    assert status == 2 and "no project 'epr'" in output and "did you mean 'erp'?" in output


def test_a_plan_with_errors_is_not_baselined(tmp_path: Path) -> None:
    root = write_plan(tmp_path / "root", {**GUIDE_PLAN, "erp/project.yaml": project_yaml("  - {id: a, name: A}\n")})
    status, output = save(root)
    assert status == 1 and "fix them to save a baseline" in output
    assert not (root / "erp" / "baseline.yaml").exists()


def test_show_prints_the_baseline(tmp_path: Path) -> None:
    root = write_plan(tmp_path / "root", GUIDE_PLAN)
    save(root)
    result = CliRunner().invoke(cli, ["baseline", "show", str(root)])
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"project erp, baseline 'B1' ({root.as_posix()}/erp/baseline.yaml)\n"
        "approved 2027-01-04 by Dana Ruiz; finish 2027-07-07T17:00\n"
        "bac 8,800.00 USD; contingency 880.00 (cost baseline 9,680.00)\n"
        "1 tasks\n"
        "\n"
        "month        planned value  cumulative\n"
        "2027-06           4,400.00    4,400.00\n"
        "2027-07           4,400.00    8,800.00\n"
        "\n"
        "fiscal year  planned value\n"
        "FY2027            8,800.00\n"
    )
    as_json = CliRunner().invoke(cli, ["baseline", "show", str(root), "--format", "json"])
    assert as_json.exit_code == 0
    assert '"cost_baseline": 9680.0' in as_json.output and '"findings": []' in as_json.output


def test_show_without_a_baseline_says_how_to_make_one(tmp_path: Path) -> None:
    root = write_plan(tmp_path / "root", GUIDE_PLAN)
    result = CliRunner().invoke(cli, ["baseline", "show", str(root)])
    assert result.exit_code == 2 and "pmcode baseline save" in result.output


def test_planned_value_per_task_from_the_saved_baseline(tmp_path: Path) -> None:
    cloud = "{id: cloud, category: infrastructure, monthly: 50, from: 2027-06, to: 2027-08}"
    budget = f"lines:\n  - {{id: labor, category: labor}}\n  - {cloud}\n"
    root = write_plan(tmp_path / "root", {**GUIDE_PLAN, "erp/budget.yaml": budget})
    save(root)
    portfolio = validate_root(root).portfolio
    project = portfolio.projects["erp"]
    assert project.baseline is not None
    planned = planned_value(project, project.baseline, Phasing(portfolio))
    assert planned.tasks == (("build", (("2027-06", 4400.0), ("2027-07", 4400.0))),)
    assert planned.other == (("2027-06", 50.0), ("2027-07", 50.0), ("2027-08", 50.0))  # no task earns the cloud bill
    assert planned.total == (("2027-06", 4450.0), ("2027-07", 4450.0), ("2027-08", 50.0))
