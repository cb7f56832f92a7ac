"""`pmcode variance`: the demo portfolio as JSON, table and Markdown (golden files), baselines from a git revision,
and usage errors that exit 2 with a message."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import Golden
from plans import write_plan
from test_variance_oracle import PRA

from pmcode.cli import cli

REPO = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "variance"
GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def variance(*args: str) -> Result:
    return CliRunner().invoke(cli, ["variance", *args])


def as_json(done: Result) -> dict[str, Any]:
    assert done.exit_code == 0, done.output
    document: dict[str, Any] = json.loads(done.stdout)
    return document


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)  # so that the demo's files are named projects/... as users see them


def test_demo_json_golden(in_repo: None, golden: Golden) -> None:
    done = variance("projects", "--format", "json")
    document = as_json(done)
    golden.check(GOLDEN / "demo.json", done.stdout)
    # The shape: every project and task carries the indicator keys; sums add up.
    keys = {"bac", "pv", "ev", "ac", "sv", "cv", "spi", "cpi", "sv_pct", "cv_pct", "eac", "etc", "vac"}
    keys |= {"tcpi_bac", "tcpi_eac", "earned_schedule", "reasons"}
    assert keys <= set(document["portfolio"]) and "periods" in document["portfolio"]
    for project in document["projects"]:
        assert keys <= set(project) and {"periods", "tasks", "finance", "status_date"} <= set(project)
        assert set(project["eac"]) == {"cpi", "budget_rate", "cpi_spi", "bottom_up", "primary", "primary_method"}
        assert all(keys <= set(task) for task in project["tasks"])
    measured = [p for p in document["projects"] if p["has_baseline"]]
    assert document["portfolio"]["bac"] == pytest.approx(sum(p["bac"] for p in measured), abs=0.02)
    assert document["portfolio"]["ev"] == pytest.approx(sum(p["ev"] for p in measured), abs=0.02)
    unmeasured = [p for p in document["projects"] if not p["has_baseline"]]
    assert all(p["spi"] is None and p["reasons"]["spi"].startswith("no baseline") for p in unmeasured)
    assert any(f["code"] == "PM520" for f in document["findings"])


def test_demo_table_golden(in_repo: None, golden: Golden) -> None:
    done = variance("projects")
    assert done.exit_code == 0, done.output
    assert "Traceback" not in done.output
    golden.check(GOLDEN / "demo-table.txt", done.stdout)
    assert done.stdout.startswith("Variance at status date 2026-11-20, amounts in USD")
    assert "Finance variance (actual - budget)" in done.stdout and "(portfolio)" in done.stdout
    assert "info PM520" in done.stderr


def test_demo_project_tasks_and_months(in_repo: None, golden: Golden) -> None:
    done = variance("projects", "--project", "erp-upgrade", "--monthly")
    assert done.exit_code == 0, done.output
    golden.check(GOLDEN / "demo-erp-upgrade-table.txt", done.stdout)
    assert "Tasks of erp-upgrade" in done.stdout and "Months of erp-upgrade" in done.stdout
    assert "(portfolio)" not in done.stdout and "PM520" not in done.stderr  # the other project's finding


def test_demo_markdown_golden(in_repo: None, golden: Golden) -> None:
    done = variance("projects", "--project", "erp-upgrade", "--format", "markdown", "--monthly")
    assert done.exit_code == 0, done.output
    golden.check(GOLDEN / "demo-erp-upgrade.md", done.stdout)
    assert done.stdout.startswith("## Variance\n")
    assert "| project | status date | BAC |" in done.stdout
    assert "| -[1] |" in done.stdout and "\n- \\[1\\] PV is 0\n" in done.stdout  # a null cell, its footnote
    assert "| &nbsp;&nbsp;charter |" in done.stdout  # a task's depth


def test_project_json_keeps_the_whole_portfolio(in_repo: None) -> None:
    whole = as_json(variance("projects", "--format", "json"))
    one = as_json(variance("projects", "--format", "json", "--project", "erp-upgrade"))
    assert [p["id"] for p in one["projects"]] == ["erp-upgrade"]
    assert one["portfolio"] == whole["portfolio"]


def test_markdown_escapes_plan_text(tmp_path: Path) -> None:
    files = {**PRA, "pra/project.yaml": PRA["pra/project.yaml"].replace("m3", "m3_x_y")}
    files["pra/baseline.yaml"] = files["pra/baseline.yaml"].replace("m3:", "m3_x_y:")
    files["pra/actuals/2027-03.yaml"] = files["pra/actuals/2027-03.yaml"].replace("m3", "m3_x_y")
    done = variance(str(write_plan(tmp_path, files)), "--project", "pra", "--format", "markdown")
    assert done.exit_code == 0, done.output
    assert "m3\\_x\\_y" in done.stdout and "m3_x_y" not in done.stdout


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, env=GIT_ENV, check=True, capture_output=True)


def test_baseline_at_a_git_revision(tmp_path: Path) -> None:
    root = write_plan(
        tmp_path / "repo", {**PRA, "portfolio.yaml": "name: Oracle\ncurrency: USD\nstatus_date: 2027-03-31\n"}
    )
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "B1")
    git(root, "tag", "v1")
    # Re-baselined since: the last month doubled (BAC 130,000), and a new project without a baseline at v1.
    rebaselined = PRA["pra/baseline.yaml"].replace("hours: 0, cost: 30000}\npv", "hours: 0, cost: 60000}\npv")
    rebaselined = rebaselined.replace("bac: 100000", "bac: 130000").replace("2027-05: 30000", "2027-05: 60000")
    assert rebaselined.count("60000") == 2
    write_plan(root, {"pra/baseline.yaml": rebaselined, "new/project.yaml": PRA["pra/project.yaml"]})
    write_plan(root, {"new/baseline.yaml": PRA["pra/baseline.yaml"]})
    now = as_json(variance(str(root), "--format", "json"))
    then_done = variance(str(root), "--format", "json", "--baseline", "v1")
    then = as_json(then_done)
    assert [p["bac"] for p in now["projects"]] == [100000, 130000]
    assert now["projects"][1]["spi"] == 0.875  # PV to March is the same; the plan after it changed
    pra_then = then["projects"][1]
    assert pra_then["bac"] == 100000 and pra_then["baseline"].endswith("pra/baseline.yaml@v1")
    assert pra_then["spi"] == 0.875 and pra_then["earned_schedule"]["es"] == 2.75
    new_then = then["projects"][0]
    assert new_then["id"] == "new" and new_then["has_baseline"] is False and new_then["bac"] is None
    assert [f["code"] for f in then["findings"]] == ["PM520"]


def test_unknown_revision_is_a_usage_error(tmp_path: Path) -> None:
    root = write_plan(tmp_path / "repo", PRA)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "B1")
    done = variance(str(root), "--baseline", "no-such-tag")
    assert done.exit_code == 2
    assert "revision 'no-such-tag' is not in the git repository" in done.output
    assert done.exception is None or isinstance(done.exception, SystemExit)


def test_revision_outside_a_repository_is_a_usage_error(tmp_path: Path) -> None:
    root = write_plan(tmp_path / "plain", PRA)
    done = subprocess.run(["git", "rev-parse", "--git-dir"], cwd=root, capture_output=True, env=GIT_ENV, check=False)
    if done.returncode == 0:  # the temporary directory lies inside some repository: nothing to show here
        pytest.fail("the temporary directory is inside a git repository")
    result = variance(str(root), "--baseline", "HEAD")
    assert result.exit_code == 2 and "is not in a git repository" in result.output


def test_unknown_project_is_a_usage_error(tmp_path: Path) -> None:
    done = variance(str(write_plan(tmp_path, PRA)), "--project", "prb")
    assert done.exit_code == 2
    assert "no project 'prb'" in done.output and "did you mean 'pra'?" in done.output


def test_plan_with_errors_exits_1(tmp_path: Path) -> None:
    files = {**PRA, "pra/project.yaml": PRA["pra/project.yaml"].replace("depends: [m1]", "depends: [m9]")}
    done = variance(str(write_plan(tmp_path, files)))
    assert done.exit_code == 1 and "PM202" in done.stdout


def test_bad_format_is_a_usage_error(tmp_path: Path) -> None:
    done = variance(str(write_plan(tmp_path, PRA)), "--format", "csv")
    assert done.exit_code == 2 and "Invalid value for '--format'" in done.output


def test_guide_example_is_the_real_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = (REPO / "site" / "docs" / "guide" / "variance.md").read_text(encoding="utf-8")
    shown = guide.split("$ pmcode variance\n", 1)[1].split("```", 1)[0]
    write_plan(tmp_path / "projects", PRA)
    monkeypatch.chdir(tmp_path)
    done = variance()
    assert done.exit_code == 0, done.output
    assert done.stdout == shown
