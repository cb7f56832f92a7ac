"""Change control: change requests (`<project>/changes/CR-*.yaml`), the baseline that names them, the pull-request
gate of `pmcode diff` (a baseline changed without an approved change request fails), the checks and the site page.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import Golden
from plans import write_plan
from records_cases import copy_case as _copy
from test_baseline import GUIDE_PLAN
from test_cases import ENV, _whole_output
from test_workflows import edit, plan_repository, run_plan_check
from test_workflows import git as workflow_git

from pmcode.cli import cli
from pmcode.render.charts.changes import Step, change_steps_svg
from pmcode.render.site_changes import changes_page
from pmcode.render.site_figures import site_figures
from pmcode.scaffold import init_repository
from pmcode.validate import validate_root

REPO = Path(__file__).resolve().parent.parent
CASES = Path(__file__).parent / "cases"
GOLDEN = Path(__file__).parent / "golden" / "changes"
GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull,
}
MODELINE = "# yaml-language-server: $schema=../../../schemas/change.schema.json\n"
APPROVED = """\
title: Two more days of build
request: The vendor's API changed.
requested_by: alice
raised: 2027-06-01
impact: {scope: Adapt the interface., schedule_days: 2, cost: 1760, tasks: [build]}
decision: {status: approved, approver: Dana Ruiz, date: 2027-06-03}
"""
PROPOSED = APPROVED.replace(
    "decision: {status: approved, approver: Dana Ruiz, date: 2027-06-03}", "decision: {status: proposed}"
)


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, env=GIT_ENV, check=True, capture_output=True, text=True)
    return done.stdout


def invoke(*args: str, cwd: Path | None = None) -> tuple[int, str]:
    here = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, list(args))
    finally:
        os.chdir(here)
    return result.exit_code, result.output


def save(root: Path, *options: str) -> None:
    status, output = invoke("baseline", "save", str(root), "--project", "erp", *options)
    assert status == 0, output


def longer_build(root: Path) -> None:
    path = root / "erp" / "project.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("effort: 10d") == 1
    path.write_text(text.replace("effort: 10d", "effort: 12d"), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose portfolio sits in `projects/`, committed with its first baseline (B1)."""
    repo = tmp_path / "repo"
    write_plan(repo / "projects", GUIDE_PLAN)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "plan")
    save(repo / "projects", "--name", "B1")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "baseline B1")
    return repo


def diff(repo: Path, output_format: str = "text") -> tuple[int, str]:
    return invoke("diff", "HEAD~1", "HEAD", "--format", output_format, cwd=repo)


def commit(repo: Path, message: str) -> None:
    git(repo, "add", ".")
    git(repo, "commit", "-qm", message)


def test_a_first_baseline_needs_no_change_request(repo: Path) -> None:
    status, text = diff(repo)
    assert status == 0, text
    assert "erp: baseline added, first baseline: no change request needed" in text
    status, document = diff(repo, "json")
    assert json.loads(document)["baselines"] == [
        {
            "project": "erp",
            "change": "added",
            "covered": True,
            "change_requests": [],
            "file": "projects/erp/baseline.yaml",
        }
    ]


def test_a_baseline_changed_without_a_change_request_fails_the_diff(repo: Path) -> None:
    root = repo / "projects"
    longer_build(root)
    save(root, "--name", "B2")
    commit(repo, "B2 without a change request")
    status, text = diff(repo)
    assert status == 1, text
    lines = (root / "erp" / "baseline.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, t in enumerate(lines, 1) if t.startswith("name:"))
    finding = (
        f"new: projects/erp/baseline.yaml:{line}:1: error PM624 the baseline of 'erp' changed without an approved "
        "change request: it names no change request it did not name before"
    )
    assert finding in text
    assert "erp: baseline changed, FAILS: no approved change request covers it (PM624)" in text
    assert "baseline changed without an approved change request: erp" in text.splitlines()[1]
    status, markdown = diff(repo, "markdown")
    assert status == 1
    assert "#### Baselines" in markdown and "| error | PM624 |" in markdown
    status, document = diff(repo, "json")
    parsed = json.loads(document)
    assert status == 1 and parsed["failed"] is True
    (gate,) = [f for f in parsed["findings"] if f["code"] == "PM624"]
    assert (gate["file"], gate["line"], gate["col"], gate["severity"]) == (
        "projects/erp/baseline.yaml",
        line,
        1,
        "error",
    )


def test_a_change_request_that_is_only_proposed_still_fails(repo: Path) -> None:
    root = repo / "projects"
    write_plan(root, {"erp/changes/CR-001.yaml": MODELINE + PROPOSED})
    longer_build(root)
    status, output = invoke("baseline", "save", str(root), "--project", "erp", "--change", "CR-001")
    assert status == 2 and "CR-001 is proposed, not approved" in output  # save refuses to name it
    save(root)
    path = root / "erp" / "baseline.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("bac:", "change: CR-001\nbac:", 1), encoding="utf-8")
    commit(repo, "B2 naming a proposed change request")
    status, text = diff(repo)
    assert status == 1, text
    assert "it newly names 'CR-001', not approved in erp/changes/" in text
    assert "error PM623 the baseline names 'CR-001', which is proposed, not approved" in text  # also a plan error


def test_an_approved_change_request_passes_the_diff(repo: Path) -> None:
    root = repo / "projects"
    write_plan(root, {"erp/changes/CR-001.yaml": MODELINE + APPROVED})
    longer_build(root)
    save(root, "--name", "B2", "--change", "CR-001")
    assert "\nchange: CR-001\n" in (root / "erp" / "baseline.yaml").read_text(encoding="utf-8")
    commit(repo, "B2 under CR-001")
    status, text = diff(repo)
    assert status == 0, text
    assert "erp: baseline changed, approved by CR-001" in text
    assert "PM624" not in text
    # The next change needs a new request: CR-001 is already recorded, and stays recorded.
    write_plan(root, {"erp/changes/CR-002.yaml": MODELINE + APPROVED.replace("Two more", "Three more")})
    path = root / "erp" / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("effort: 12d", "effort: 13d"), encoding="utf-8")
    save(root)
    commit(repo, "B3 re-using CR-001")
    assert diff(repo)[0] == 1
    save(root, "--change", "CR-002")
    commit(repo, "B3 under CR-002")
    assert diff(repo)[0] == 0
    assert "\nchange: [CR-001, CR-002]\n" in (root / "erp" / "baseline.yaml").read_text(encoding="utf-8")


def test_a_comment_or_the_change_list_alone_is_no_baseline_change(repo: Path) -> None:
    path = repo / "projects" / "erp" / "baseline.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# reviewed on 2027-06-10\n", encoding="utf-8")
    commit(repo, "a comment")
    status, text = diff(repo)
    assert status == 0 and "baselines (change control)" not in text


def test_a_deleted_baseline_needs_a_newly_approved_change_request(repo: Path) -> None:
    (repo / "projects" / "erp" / "baseline.yaml").unlink()
    commit(repo, "no baseline")
    status, text = diff(repo)
    assert status == 1
    assert "new: projects/erp/project.yaml:1:1: error PM624 the baseline of 'erp' was deleted" in text


def test_the_change_option_needs_a_known_request(tmp_path: Path) -> None:
    root = write_plan(tmp_path / "root", GUIDE_PLAN)
    status, output = invoke("baseline", "save", str(root), "--project", "erp", "--change", "CR-009")
    assert status == 2 and "project 'erp' has no change request 'CR-009'" in output


def test_the_demo_change_requests_load(tmp_path: Path) -> None:
    result = validate_root(REPO / "projects")
    changes = result.portfolio.records.changes
    assert changes, "the demo has change requests"
    for project, requests in changes.items():
        assert all(r.project == project and r.id.startswith("CR-") for r in requests)
    assert not [d for d in result.diagnostics if d.code.startswith("PM62")]


# --- case folders: the diff cases, and each failing case edited so that it passes ----------------------------------

DIFF_CASES = sorted(case for case in (CASES / "diff").iterdir() if case.is_dir())


@pytest.mark.parametrize("case", DIFF_CASES, ids=lambda case: case.name)
def test_diff_case(case: Path, golden: Golden) -> None:
    """tests/cases/diff/: `command` is `diff CASE/before CASE/after`; expected.txt the whole output and status."""
    words = (case / "command").read_text(encoding="utf-8").split()
    assert words[0] == "diff"
    done = subprocess.run(
        [sys.executable, "-m", "pmcode", *(w.replace("CASE", case.as_posix()) for w in words)],
        capture_output=True,
        env=ENV,
        check=False,
        timeout=120,
    )
    stdout, stderr = (text.decode("utf-8").replace(case.as_posix(), "CASE") for text in (done.stdout, done.stderr))
    assert "Traceback" not in stderr
    assert f"error {case.name[:5].upper()} " in stdout
    assert done.returncode == 1
    golden.check(case / "expected.txt", _whole_output(done.returncode, stdout, stderr))


def _codes(root: Path, command: str = "check") -> list[str]:
    _, output = invoke(command, str(root), "--format", "json")
    document = json.loads(output)
    findings = document["findings"] if isinstance(document, dict) else document
    return [f["code"] for f in findings]


CR = "erp/changes/CR-001.yaml"
FIXES = [
    (
        "rules/pm620-change-decided-without-approver",
        CR,
        "{status: approved,",
        "{status: approved, approver: Dana Ruiz,",
    ),
    ("rules/pm621-change-decided-before-raised", CR, "date: 2027-01-04}", "date: 2027-01-14}"),
    ("rules/pm622-baseline-names-unknown-change", "erp/baseline.yaml", "[CR-001, CR-01]", "[CR-001]"),
    (
        "rules/pm623-baseline-names-unapproved-change",
        CR,
        "{status: proposed}",
        "{status: approved, approver: bob, date: 2027-01-12}",
    ),
    (
        "check/pm625-change-waiting-for-decision",
        CR,
        "{status: proposed}",
        "{status: deferred, approver: bob, date: 2027-01-20}",
    ),
    (
        "check/pm626-approved-change-not-in-baseline",
        "erp/baseline.yaml",
        "status_date:",
        "change: CR-001\nstatus_date:",
    ),
]


@pytest.mark.parametrize(("case", "file", "old", "new"), FIXES, ids=[fix[0] for fix in FIXES])
def test_each_failing_case_passes_once_fixed(case: str, file: str, old: str, new: str, tmp_path: Path) -> None:
    code = case.split("/")[1][:5].upper()
    root = _copy(case, tmp_path)
    assert code in _codes(root)
    edit(root / file, old, new)
    assert _codes(root) == []


def test_pm626_clears_with_rebaseline_false_too(tmp_path: Path) -> None:
    root = _copy("check/pm626-approved-change-not-in-baseline", tmp_path)
    (root / CR).write_text((root / CR).read_text(encoding="utf-8") + "rebaseline: false\n", encoding="utf-8")
    assert _codes(root) == []


def test_unknown_people_and_tasks_in_a_change_request(tmp_path: Path) -> None:
    root = _copy("check/pm626-approved-change-not-in-baseline", tmp_path)
    edit(root / CR, "requested_by: alice", "requested_by: alicia")
    edit(root / CR, "tasks: [build]", "tasks: [biuld, golive]")
    edit(root / CR, "approver: Dana Ruiz", "approver: dana")
    status, output = invoke("validate", str(root))
    assert status == 1
    lines = [line.replace(root.as_posix(), "CASE") for line in output.splitlines() if ": error " in line]
    assert lines == [
        "CASE/erp/changes/CR-001.yaml:2:15: error PM690 requested_by 'alicia' is not a person id of people.yaml "
        "(did you mean 'alice'?); write an outside person's full name",
        "CASE/erp/changes/CR-001.yaml:4:76: error PM692 unknown task 'biuld' (did you mean 'build'?)",
        "CASE/erp/changes/CR-001.yaml:5:40: error PM690 approver 'dana' is not a person id of people.yaml; write an "
        "outside person's full name",
    ]


def test_the_clean_example_has_no_finding(tmp_path: Path) -> None:
    root = CASES / "records-valid" / "changes"
    assert invoke("validate", str(root))[0] == 0
    status, output = invoke("check", str(root), "--strict")
    assert status == 0, output
    changes = validate_root(root).portfolio.records.changes["erp"]
    assert [(c.id, c.status, c.rebaseline) for c in changes] == [
        ("CR-001", "approved", True),
        ("CR-002", "approved", False),
        ("CR-003", "rejected", True),
        ("CR-004", "proposed", True),
        ("CR-005", "withdrawn", True),
    ]
    first = changes[0]
    assert (first.raised, first.decided, first.schedule_days, first.cost, first.tasks) == (
        date(2026, 12, 14),
        date(2026, 12, 18),
        3.0,
        2850.0,
        ("build",),
    )


# --- the demo ----------------------------------------------------------------------------------------------------


def test_the_demo_reports_the_request_waiting_for_a_decision() -> None:
    _, output = invoke("check", str(REPO / "projects"), "--format", "json")
    findings = [f for f in json.loads(output)["findings"] if f["code"].startswith("PM62")]
    shown = [(f["file"], f["line"], f["col"], f["severity"], f["code"]) for f in findings]
    lines = (REPO / "projects/service-desk/changes/CR-SD-01.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "status: proposed" in text)
    assert shown == [(f"{REPO.as_posix()}/projects/service-desk/changes/CR-SD-01.yaml", line, 11, "warning", "PM625")]
    assert "CR-SD-01 has waited 39 days for a decision" in findings[0]["message"]


# --- the site page and its chart ---------------------------------------------------------------------------------


def test_the_change_log_page_is_the_golden_one(golden: Golden) -> None:
    result = validate_root(CASES / "records-valid" / "changes")
    page = changes_page(result.portfolio, site_figures(result))
    assert page is not None
    golden.check(GOLDEN / "changes.md", page.replace((CASES / "records-valid" / "changes").as_posix(), "CASE"))
    assert "CR-004" in page and "waiting 7 days" in page  # the pending request, with its wait
    assert "+3 d" in page and "+4,370" in page  # the step chart's running totals


def test_the_step_chart_is_the_golden_one(golden: Golden) -> None:
    steps = [
        Step("CR-001", date(2026, 12, 18), 3.0, 2850.0),
        Step("CR-002", date(2027, 1, 13), 3.0, 4370.0),
        Step("CR-<9>", None, -2.5, -1630.5),
    ]
    svg = change_steps_svg(steps, "USD")
    golden.check(GOLDEN / "steps.svg", svg)
    assert "CR-&lt;9&gt;" in svg and "<9>" not in svg


def test_no_page_without_change_requests() -> None:
    result = validate_root(CASES / "check" / "pm535-unexplained-variance")
    assert changes_page(result.portfolio, site_figures(result)) is None


# --- the plan-check workflow fails on the diff's verdict ---------------------------------------------------------


def test_the_plan_check_job_fails_on_a_baseline_changed_without_a_change_request(tmp_path: Path) -> None:
    made = tmp_path / "made"
    init_repository(made)
    repo, _ = plan_repository(tmp_path, made)
    root = repo / "projects"
    (project_id,) = [entry.name for entry in root.iterdir() if entry.is_dir()]
    assert invoke("baseline", "save", str(root), "--project", project_id)[0] == 0
    workflow_git(repo, "add", "-A")
    workflow_git(repo, "commit", "-qm", "first baseline")
    base = workflow_git(repo, "rev-parse", "HEAD")
    edit(root / project_id / "project.yaml", "effort: 8d", "effort: 10d")
    assert invoke("baseline", "save", str(root), "--project", project_id)[0] == 0
    workflow_git(repo, "commit", "-qam", "re-baselined without a change request")
    work = tmp_path / "work"
    work.mkdir()
    run = run_plan_check(repo, work, base, [])
    assert run.outputs == {"status": "0"}  # the plan itself is fine
    diff = run.steps["pmcode diff against the merge base"]
    assert diff.returncode == 0 and "| error | PM624 |" in diff.summary
    assert run.comment is not None and "PM624" in run.comment  # the comment is posted before the job fails
    failing = run.steps["Fail on failing findings"]
    assert failing.returncode == 1
    assert failing.stdout == (
        "::error::a baseline changed without an approved change request (PM624): see the pull-request comment\n"
    )
