"""`pmcode diff HEAD~1 HEAD` on a temporary git repository holding the demo portfolio: five kinds of change, one
commit each, each compared with its golden PR comment (tests/golden/diff/), and the JSON's numbers checked by hand.

The repository is built once per module: commit the demo, then for each change edit the YAML, commit, and run the
diff as a reviewer's CI would, from the repository's top with the default root `projects`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pmcode.cli import cli

REPO = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden" / "diff"
GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull,
}

Edit = tuple[str, str, str]  # file below projects/, text as written, text after the change
CHANGES: list[tuple[str, list[Edit]]] = [
    (
        "lengthen-critical-task",
        [
            (
                "erp-upgrade/project.yaml",
                "        duration: 25d\n        estimate: {min: 20d, likely: 25d, max: 40d, correlation: fabrikam}\n",
                "        duration: 28d\n        estimate: {min: 20d, likely: 28d, max: 40d, correlation: fabrikam}\n",
            )
        ],
    ),
    (
        "add-dependency",
        [
            (
                "erp-upgrade/project.yaml",
                "        milestone: true\n        depends: [cutover]",
                "        milestone: true\n        depends: [cutover, training.sessions]",
            )
        ],
    ),
    (
        "reassign-into-overallocation",
        [
            (
                "erp-upgrade/project.yaml",
                "        duration: 5d\n        assign: [{person: priya-nair, units: 50%}]\n        start: 2027-05-03",
                "        duration: 5d\n        assign: [james-whitfield]\n        start: 2027-05-03",
            )
        ],
    ),
    (
        # The cloud line plans 3,200 a month for 7 months, the cost of the hosting task booked to it: both rise.
        "raise-budget-line",
        [
            ("erp-upgrade/budget.yaml", "    monthly: 3200\n", "    monthly: 4200\n"),
            ("erp-upgrade/project.yaml", "        cost: 22400\n", "        cost: 29400\n"),
        ],
    ),
    (
        "delete-task",
        [
            (
                "erp-upgrade/project.yaml",
                "      - id: posting-freeze\n"
                "        name: FinOps 9 posting freeze\n"
                "        description: Finance stops posting in the old system; it must run until the cut-over starts.\n"
                "        duration: 2d\n"
                "        depends: [{task: cutover, type: SF}]\n",
                "",
            )
        ],
    ),
]


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, env=GIT_ENV, check=True, capture_output=True, text=True)
    return done.stdout


def run_diff(repo: Path, *args: str) -> tuple[int, str]:
    here = Path.cwd()
    os.chdir(repo)
    try:
        result = CliRunner().invoke(cli, ["diff", *args])
    finally:
        os.chdir(here)
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[str, dict[str, Any]]]]:
    """Each change's `diff HEAD~1 HEAD` as markdown and as parsed JSON, run right after its commit."""
    repo = tmp_path_factory.mktemp("diff") / "repo"
    shutil.copytree(REPO / "projects", repo / "projects")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "demo")
    found: dict[str, tuple[str, dict[str, Any]]] = {}
    for name, edits in CHANGES:
        for file, old, new in edits:
            path = repo / "projects" / file
            text = path.read_text(encoding="utf-8")
            assert text.count(old) == 1, f"{name}: the demo changed; pick another place to edit"
            path.write_text(text.replace(old, new), encoding="utf-8")
        git(repo, "commit", "-qam", name)
        status, markdown = run_diff(repo, "HEAD~1", "HEAD", "--format", "markdown")
        assert status == 0, markdown
        status, text_json = run_diff(repo, "HEAD~1", "HEAD", "--format", "json")
        assert status == 0, text_json
        found[name] = (markdown, json.loads(text_json))
    yield found


def _project(document: dict[str, Any], project_id: str) -> dict[str, Any]:
    return next(p for p in document["projects"] if p["id"] == project_id)


@pytest.mark.parametrize("name", [change[0] for change in CHANGES])
def test_the_pr_comment_of_each_change_is_the_golden_one(
    name: str, outputs: dict[str, tuple[str, dict[str, Any]]], golden: Any
) -> None:
    markdown, _ = outputs[name]
    assert len(markdown) < 60_000
    golden.check(GOLDEN / f"{name}.md", markdown)


def test_lengthening_a_critical_task_slips_the_finish_by_exactly_its_extra_days(
    outputs: dict[str, tuple[str, dict[str, Any]]],
) -> None:
    _, document = outputs["lengthen-critical-task"]
    erp = _project(document, "erp-upgrade")
    # test.sit is critical (total float 0): 3 more working days move UAT sign-off by 3 working days, Monday
    # 2027-04-05 14:00 to Thursday 04-08 14:00. The cut-over weekend is elapsed time (3ed) that starts once the
    # rehearsal is done: go-live moves from Friday 04-16 09:26 to Monday 04-19 09:26, one working day (7 h 34 min on
    # Friday, 26 min on Monday), and the hypercare and closure behind it move the finish by that one day.
    assert erp["finish"] == {
        "path": "",
        "name": "Finance ERP upgrade (FinOps 9 to 11)",
        "before": "2027-05-19T09:26",
        "after": "2027-05-20T09:26",
        "working_days": 1.0,
        "calendar_days": 1,
    }
    assert document["finish"] is None  # the portfolio ends later, with another project
    milestones = {m["path"]: (m["working_days"], m["calendar_days"]) for m in erp["milestones"]}
    assert milestones == {"test.uat-signoff": (3.0, 3), "deploy.golive": (1.0, 3), "hypercare.closed": (1.0, 1)}
    changed = [t for t in erp["tasks"] if t["path"] == "test.sit"]
    assert changed == [
        {
            "change": "changed",
            "path": "test.sit",
            "before_path": None,
            "name": "System integration test",
            "fields": [{"field": "duration", "before": "25d", "after": "28d"}],
        }
    ]


def test_a_new_dependency_moves_the_go_live_milestone(outputs: dict[str, tuple[str, dict[str, Any]]]) -> None:
    _, document = outputs["add-dependency"]
    erp = _project(document, "erp-upgrade")
    golive = next(m for m in erp["milestones"] if m["path"] == "deploy.golive")
    assert golive["working_days"] > 0
    change = next(t for t in erp["tasks"] if t["path"] == "deploy.golive")
    assert change["fields"] == [{"field": "depends", "before": "cutover", "after": "cutover, training.sessions"}]
    assert {
        "path": "deploy.training.sessions",
        "name": "End-user training (120 finance users)",
        "critical": "entered",
    } in erp["critical"]


def test_reassigning_into_overallocation_names_the_person(outputs: dict[str, tuple[str, dict[str, Any]]]) -> None:
    _, document = outputs["reassign-into-overallocation"]
    over = {o["person"]: o for o in document["overallocated"]}
    assert over["james-whitfield"]["new"] is True and over["james-whitfield"]["days_before"] == 0.0
    assert document["newly_overallocated"] == ["james-whitfield"]
    people = {p["person"]: p for p in document["people"]}
    assert people["james-whitfield"]["tasks_added"] == ["erp-upgrade:hypercare.first-close"]
    assert people["priya-nair"]["tasks_removed"] == ["erp-upgrade:hypercare.first-close"]
    # first-close is 5 days of 8 h: james takes the full 40 h that priya had at 50% (20 h)
    assert round(people["james-whitfield"]["hours_after"] - people["james-whitfield"]["hours_before"], 2) <= 40.0
    new = [f for f in document["findings"] if f["change"] == "new"]
    assert any(f["code"] == "PM305" and "'james-whitfield'" in f["message"] for f in new)


def test_raising_a_budget_line_moves_plan_cost_and_forecast(outputs: dict[str, tuple[str, dict[str, Any]]]) -> None:
    _, document = outputs["raise-budget-line"]
    erp = {m["figure"]: m for m in _project(document, "erp-upgrade")["money"]}
    # +1,000 a month for 7 months is +7,000 of plan, and 10% of it of contingency. The hosting task was 35% done at
    # the status date (2026-11-20): only the part of its cost still to come (spread over its working time) moves
    # the forecast. The baseline's budget (BAC) does not move: the change is not rebaselined.
    assert erp["plan"]["change"] == 7000.0
    assert erp["contingency"]["change"] == 700.0
    assert 0.6 * 7000 < erp["eac"]["change"] < 0.7 * 7000
    changed = next(t for t in _project(document, "erp-upgrade")["tasks"])
    assert changed["fields"] == [{"field": "cost", "before": "22,400.00", "after": "29,400.00"}]
    assert "bac" not in erp


def test_deleting_a_task_lists_it_as_removed(outputs: dict[str, tuple[str, dict[str, Any]]]) -> None:
    _, document = outputs["delete-task"]
    erp = _project(document, "erp-upgrade")
    assert [t for t in erp["tasks"] if t["change"] == "removed"] == [
        {
            "change": "removed",
            "path": "deploy.posting-freeze",
            "before_path": None,
            "name": "FinOps 9 posting freeze",
            "fields": [],
        }
    ]


def test_a_revision_that_does_not_exist_is_a_usage_error(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(REPO / "projects" / "erp-upgrade", repo / "projects" / "erp-upgrade")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "one")
    status, output = run_diff(repo, "HEAD~1", "HEAD")
    assert status == 2
    assert "revision 'HEAD~1' is not in the git repository" in output
    status, output = run_diff(repo, "HEAD", "HEAD", "--root", "elsewhere")
    assert status == 2 and "there are no files under elsewhere at revision 'HEAD'" in output
    status, output = run_diff(repo, "--", "-x", "HEAD")
    assert status == 2 and "'-x' is not a revision name" in output


def test_outside_a_repository_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "projects").mkdir()
    status, output = run_diff(tmp_path, "HEAD~1", "HEAD")
    assert status == 2 and "is not in a git repository" in output
