"""The GitHub workflows: actionlint (with shellcheck on every `run:` script) on this repository's workflows and on
the ones `pmcode init` writes, their shape (triggers, permissions, pinned actions, the fork fallback), and the
plan-check steps run here as GitHub runs them: bash scripts with GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and RUNNER_TEMP
set, in a git repository with a base and a head commit, and a stand-in `gh` that records the comment it is asked
to post or update.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from pmcode.load.discover import RESERVED_FOLDERS  # meetings/, operations/: records, not projects
from pmcode.scaffold import init_repository

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = REPO / ".github" / "workflows"
SCAFFOLD_WORKFLOWS = REPO / "pmcode" / "scaffold" / "templates" / "github" / "workflows"
BIN = Path(sys.executable).parent  # the venv's: pmcode, actionlint, shellcheck
ACTIONLINT = BIN / "actionlint"
SHELLCHECK = BIN / "shellcheck"
MARKER = "<!-- pmcode plan-check -->"
GIT_ENV = {
    "PATH": os.environ["PATH"],
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
ALL_WORKFLOWS = sorted(WORKFLOWS.glob("*.yml")) + sorted(SCAFFOLD_WORKFLOWS.glob("*.yml"))


def load(path: Path) -> dict[str, Any]:
    """A workflow as GitHub reads it: every scalar a string (`on` stays `on`, not YAML 1.1's True)."""
    document = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert isinstance(document, dict)
    return document


def actionlint(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ACTIONLINT), "-no-color", "-shellcheck", str(SHELLCHECK), *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )


# --- actionlint ----------------------------------------------------------------------------------------------------


def test_the_expected_workflows_are_there() -> None:
    assert sorted(p.name for p in WORKFLOWS.glob("*.yml")) == ["ci.yml", "pages.yml", "plan-check.yml"]
    assert sorted(p.name for p in SCAFFOLD_WORKFLOWS.glob("*.yml")) == ["pages.yml", "plan-check.yml"]


@pytest.mark.parametrize("workflow", ALL_WORKFLOWS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_actionlint_passes(workflow: Path) -> None:
    result = actionlint(workflow)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_actionlint_catches_mistakes_and_runs_shellcheck(tmp_path: Path) -> None:
    """The linter is really wired: an unknown context property and an unquoted variable in a script both fail."""
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo $TITLE\n        env:\n          TITLE: ${{ steps.title.outputs.text }}\n",
        encoding="utf-8",
    )
    result = actionlint(broken)
    assert result.returncode == 1
    assert "SC2086" in result.stdout  # shellcheck: double quote to prevent globbing and word splitting
    assert 'property "title" is not defined' in result.stdout  # actionlint's own check: no step has id `title`


# --- shape -----------------------------------------------------------------------------------------------------------


def uses(workflow: dict[str, Any]) -> list[str]:
    return [step["uses"] for job in workflow["jobs"].values() for step in job.get("steps", []) if "uses" in step]


@pytest.mark.parametrize("workflow", ALL_WORKFLOWS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_actions_are_pinned_and_scripts_take_no_expressions(workflow: Path) -> None:
    document = load(workflow)
    for action in uses(document):
        assert re.fullmatch(r"actions/[a-z-]+@v[0-9]+", action), action  # official actions, a major version at least
    for job in document["jobs"].values():
        for step in job.get("steps", []):
            # Event data (a branch name, a title) spliced into a script could run code: it goes through env.
            assert "${{" not in step.get("run", ""), step


def test_plan_check_triggers_permissions_and_fork_fallback() -> None:
    document = load(WORKFLOWS / "plan-check.yml")
    assert document["on"] == {"pull_request": {"paths": ["projects/**", "schemas/**"]}}
    assert document["permissions"] == {"contents": "read", "pull-requests": "write"}
    (job,) = document["jobs"].values()
    steps = {step.get("name", step.get("uses")): step for step in job["steps"]}
    assert steps["actions/checkout@v6"]["with"]["fetch-depth"] == "0"  # the merge base must be in the history
    comment = steps["Sticky pull-request comment"]
    assert comment["continue-on-error"] == "true"
    assert "github.event.pull_request.head.repo.full_name == github.repository" in comment["if"]
    fork = steps["Report only in the job summary (pull request from a fork)"]
    assert "github.event.pull_request.head.repo.full_name != github.repository" in fork["if"]
    names = list(steps)
    assert names.index("Fail on failing findings") == len(names) - 1  # after the comment is posted


def test_pages_builds_and_deploys_with_the_official_actions() -> None:
    document = load(WORKFLOWS / "pages.yml")
    assert document["on"]["push"] == {"branches": ["main"]}
    assert document["permissions"] == {}
    build, deploy = document["jobs"]["build"], document["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert any(step.get("run") == "pmcode site build projects -o public" for step in build["steps"])
    assert build["steps"][-1] == {"uses": "actions/upload-pages-artifact@v4", "with": {"path": "public"}}
    assert deploy["steps"] == [{"id": "deployment", "uses": "actions/deploy-pages@v5"}]


@pytest.mark.parametrize("name", ["plan-check.yml", "pages.yml"])
def test_scaffold_workflows_differ_from_ours_only_in_how_pmcode_is_installed(name: str) -> None:
    ours = (WORKFLOWS / name).read_text(encoding="utf-8")
    theirs = (SCAFFOLD_WORKFLOWS / name).read_text(encoding="utf-8")
    assert ours.count("run: python -m pip install .\n") == 1
    expected = ours.replace("run: python -m pip install .\n", "run: python -m pip install -r requirements.txt\n")
    assert theirs == expected


# --- the plan-check steps, run here ----------------------------------------------------------------------------------

GH_STUB = """#!/bin/bash
# Stands in for the GitHub CLI: records each call; answers the comment listing from $GH_STUB_COMMENTS through the
# --jq filter as gh does (raw output); keeps the body file of the comment it is asked to write.
printf '%s\\n' "$*" >> "$GH_STUB_LOG"
filter=""
while [ $# -gt 0 ]; do
  case "$1" in
    --jq) filter=$2; shift 2 ;;
    -F) case "$2" in body=@*) cp "${2#body=@}" "$GH_STUB_BODY" ;; esac; shift 2 ;;
    *) shift ;;
  esac
done
if [ -n "$filter" ]; then jq -r "$filter" "$GH_STUB_COMMENTS"; fi
"""


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, env=GIT_ENV, check=True, capture_output=True, text=True)
    return done.stdout.strip()


@dataclass
class Step:
    returncode: int
    stdout: str
    summary: str


@dataclass
class Run:
    steps: dict[str, Step]
    outputs: dict[str, str]
    calls: list[str]
    comment: str | None


def resolve(value: str, known: dict[str, str]) -> str:
    """`${{ github.repository }}` -> its value here; an expression the test does not know fails it."""
    return re.sub(r"\$\{\{\s*(.+?)\s*\}\}", lambda match: known[match.group(1)], value)


def run_plan_check(repo: Path, work: Path, base: str, comments: list[dict[str, Any]]) -> Run:
    """The plan-check job's steps after the install, in order, each as GitHub runs a `shell: bash` step."""
    workflow = load(WORKFLOWS / "plan-check.yml")
    (job,) = workflow["jobs"].values()
    stub = work / "bin"
    stub.mkdir()
    (stub / "gh").write_text(GH_STUB, encoding="utf-8")
    (stub / "gh").chmod(0o755)
    (work / "comments.json").write_text(json.dumps(comments), encoding="utf-8")
    runner_temp = work / "runner-temp"
    runner_temp.mkdir()
    output = work / "github-output"
    output.touch()
    base_env = {
        **GIT_ENV,
        **workflow["env"],
        "PATH": f"{stub}{os.pathsep}{BIN}{os.pathsep}/usr/bin{os.pathsep}/bin",
        "RUNNER_TEMP": str(runner_temp),
        "GITHUB_OUTPUT": str(output),
        "GH_STUB_LOG": str(work / "gh-calls"),
        "GH_STUB_BODY": str(work / "gh-body"),
        "GH_STUB_COMMENTS": str(work / "comments.json"),
    }
    outputs: dict[str, str] = {}
    expressions = {
        "github.event.pull_request.base.sha": base,
        "github.token": "not-a-token",
        "github.event.pull_request.number": "7",
        "github.repository": "northwind/plans",
    }
    steps: dict[str, Step] = {}
    for step in job["steps"]:
        name = step.get("name", "")
        if "run" not in step or name in ("Install pmcode", "Report only in the job summary (pull request from a fork)"):
            continue
        known = {**expressions, **{f"steps.check.outputs.{key}": value for key, value in outputs.items()}}
        env = {key: resolve(value, known) for key, value in step.get("env", {}).items()}
        summary = work / f"summary-{len(steps)}"
        summary.touch()
        script = work / f"step-{len(steps)}.sh"
        script.write_text(step["run"], encoding="utf-8")
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=repo,
            env={**base_env, **env, "GITHUB_STEP_SUMMARY": str(summary)},
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        steps[name] = Step(done.returncode, done.stdout, summary.read_text(encoding="utf-8"))
        outputs = dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines())
    calls_file, body = work / "gh-calls", work / "gh-body"
    calls = calls_file.read_text(encoding="utf-8").splitlines() if calls_file.exists() else []
    return Run(steps, outputs, calls, body.read_text(encoding="utf-8") if body.exists() else None)


def plan_repository(tmp_path: Path, source: Path) -> tuple[Path, str]:
    """A git repository holding `source` (projects/ and schemas/), committed: (the repository, the base commit)."""
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copytree(source / "projects", repo / "projects")
    shutil.copytree(source / "schemas", repo / "schemas")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    return repo, git(repo, "rev-parse", "HEAD")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def check_json(repo: Path) -> dict[str, Any]:
    done = subprocess.run(
        [str(BIN / "pmcode"), "check", "projects", "--format", "json"], cwd=repo, capture_output=True, text=True
    )
    document = json.loads(done.stdout)
    assert isinstance(document, dict)
    return document


COMMENT_CALL = "api --method POST repos/northwind/plans/issues/7/comments -F body=@"
LIST_CALL = "api --paginate repos/northwind/plans/issues/7/comments --jq "


def test_plan_check_on_a_broken_plan_annotates_comments_and_fails(tmp_path: Path) -> None:
    repo, base = plan_repository(tmp_path, REPO)
    project = repo / "projects" / "erp-upgrade" / "project.yaml"
    edit(project, "depends: [discovery.data-strategy]", "depends: [discovery.data-stratgy]")
    git(repo, "commit", "-qam", "a typo")
    line = next(n for n, text in enumerate(project.read_text().splitlines(), 1) if "data-stratgy" in text)
    comments = [
        {"id": 1, "user": {"type": "User"}, "body": f"{MARKER} quoted by a person: not ours to edit"},
        {"id": 2, "user": {"type": "Bot"}, "body": "another bot's comment"},
    ]
    work = tmp_path / "work"
    work.mkdir()
    run = run_plan_check(repo, work, base, comments)

    check = run.steps["pmcode check"]
    assert check.returncode == 0  # the step records the verdict; the last step fails the job
    message = "unknown task 'discovery.data-stratgy' (did you mean 'discovery.data-strategy'?)"
    annotation = f"::error file=projects/erp-upgrade/project.yaml,line={line},col=19,title=PM202::{message}"
    assert check.stdout == annotation + "\n"  # a plan with errors is not scheduled: this is the only finding
    assert run.outputs == {"status": "1"}
    projects = sum(
        1 for entry in (repo / "projects").iterdir() if entry.is_dir() and entry.name not in RESERVED_FOLDERS
    )
    assert check.summary.startswith(f"❌ **pmcode check failed**: 1 error, 0 warnings ({projects} projects)\n")
    assert "| error | PM202 |" in check.summary

    diff = run.steps["pmcode diff against the merge base"]
    assert diff.returncode == 0
    assert diff.summary.startswith(f"### pmcode diff `{base}` → `HEAD`\n")
    assert "depends discovery.data-strategy → discovery.data-stratgy" in diff.summary

    sticky = run.steps["Sticky pull-request comment"]
    assert sticky.returncode == 0
    # No comment of ours yet (the person's quote of the marker does not count): a new one.
    assert len(run.calls) == 2
    assert run.calls[0].startswith(LIST_CALL)
    assert run.calls[1].startswith(COMMENT_CALL)
    assert run.comment is not None
    assert run.comment == f"{MARKER}\n{check.summary}\n{diff.summary}"

    failing = run.steps["Fail on failing findings"]
    assert failing.returncode == 1
    assert failing.stdout == "::error::pmcode check failed (exit status 1): see the annotations and the job summary\n"


def test_plan_check_updates_its_comment_in_place(tmp_path: Path) -> None:
    repo, base = plan_repository(tmp_path, REPO)
    cleansing = "duration: 20d\n        assign: [{person: priya-nair, units: 20%}]"
    edit(repo / "projects" / "erp-upgrade" / "project.yaml", cleansing, cleansing.replace("20d", "30d"))
    git(repo, "commit", "-qam", "longer cleansing")
    comments = [
        {"id": 41, "user": {"type": "User"}, "body": "looks good"},
        {"id": 42, "user": {"type": "Bot"}, "body": f"{MARKER}\nthe previous report"},
        {"id": 43, "user": {"type": "Bot"}, "body": f"{MARKER}\na stray second copy"},
    ]
    work = tmp_path / "work"
    work.mkdir()
    run = run_plan_check(repo, work, base, comments)
    assert run.calls[1].startswith("api --method PATCH repos/northwind/plans/issues/comments/42 -F body=@")
    assert len(run.calls) == 2
    assert run.comment is not None
    assert "duration 20d → 30d" in run.comment

    # The demo as it is: annotations for the first 10 findings of each severity, errors first, then a line for the
    # rest; the verdict decides the last step.
    report = check_json(repo)
    annotations = run.steps["pmcode check"].stdout.splitlines()
    expected: list[str] = []
    for severity, level in (("error", "error"), ("warning", "warning"), ("info", "notice")):
        matching = [f for f in report["findings"] if f["severity"] == severity]
        expected.extend(f"{level} {f['file']}:{f['line']}:{f['col']} {f['code']}" for f in matching[:10])
        if len(matching) > 10:
            expected.append(f"{level} {len(matching) - 10} more")
    shown = []
    for text in annotations:
        found = re.match(r"::(\w+) file=([^,]+),line=(\d+),col=(\d+),title=(\w+)::", text)
        if found:
            shown.append(f"{found[1]} {found[2]}:{found[3]}:{found[4]} {found[5]}")
            continue
        more = re.match(r"::(\w+)::(\d+) more \w+s not shown", text)
        assert more, text
        shown.append(f"{more[1]} {more[2]} more")
    assert shown == expected
    assert report["counts"]["warning"] > 10  # so the cap was exercised
    failed = report["verdict"] == "fail"
    assert run.outputs == {"status": "1" if failed else "0"}
    assert run.steps["Fail on failing findings"].returncode == (1 if failed else 0)


def test_plan_check_passes_on_a_new_repository(tmp_path: Path) -> None:
    made = tmp_path / "made"
    init_repository(made)
    repo, base = plan_repository(tmp_path, made)
    edit(repo / "projects" / "website-refresh" / "project.yaml", "effort: 8d", "effort: 10d")
    git(repo, "commit", "-qam", "more content to migrate")
    work = tmp_path / "work"
    work.mkdir()
    run = run_plan_check(repo, work, base, [])
    assert run.steps["pmcode check"].stdout == ""
    assert (
        run.steps["pmcode check"].summary
        == "✅ **pmcode check passed**: 0 errors, 0 warnings (1 project)\n\nNo findings.\n"
    )
    assert run.outputs == {"status": "0"}
    assert "effort 8d → 10d" in run.steps["pmcode diff against the merge base"].summary
    assert run.calls[1].startswith(COMMENT_CALL)
    assert run.steps["Fail on failing findings"].returncode == 0
    assert run.steps["Fail on failing findings"].stdout == ""


def test_plan_check_without_a_merge_base_still_reports(tmp_path: Path) -> None:
    """A base commit that is not in the history (a shallow clone, say): the diff says so and the rest goes on."""
    made = tmp_path / "made"
    init_repository(made)
    repo, _ = plan_repository(tmp_path, made)
    work = tmp_path / "work"
    work.mkdir()
    run = run_plan_check(repo, work, "0" * 40, [])
    diff = run.steps["pmcode diff against the merge base"]
    assert diff.returncode == 0
    assert diff.summary.startswith("pmcode diff could not compare the merge base with this pull request (exit status")
    assert run.comment is not None
    assert run.comment.endswith(diff.summary)
    assert run.steps["Fail on failing findings"].returncode == 0
