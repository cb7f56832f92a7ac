"""A baseline read from a git revision (`--baseline REV`): the committed text, through the same loader and schema,
and a clear diagnostic for every way it can fail."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from plans import write_plan
from test_baseline import GUIDE_PLAN, save

from pmcode.baseline import baseline_at_revision
from pmcode.cli import cli

GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=GIT_ENV, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose portfolio sits in `projects/`: baseline B1 tagged `b1`, then B2 in the working tree."""
    repo = tmp_path / "repo"
    write_plan(repo / "projects", GUIDE_PLAN)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "plan")
    save(repo / "projects")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "baseline B1")
    git(repo, "tag", "b1")
    save(repo / "projects", "--project", "erp", "--name", "B2")
    return repo


def test_the_baseline_at_a_tag_is_the_committed_one(repo: Path) -> None:
    root = repo / "projects"
    baseline, findings = baseline_at_revision(root, "erp", "b1")
    assert findings == [] and baseline is not None
    assert (baseline.name, baseline.bac, baseline.pv) == ("B1", 8800.0, (("2027-06", 4400.0), ("2027-07", 4400.0)))
    assert baseline.src.file == f"{root.as_posix()}/erp/baseline.yaml@b1"
    head, _ = baseline_at_revision(root, "erp", "HEAD", shown_root="projects")
    assert head is not None and head.name == "B1" and head.src.file == "projects/erp/baseline.yaml@HEAD"
    result = CliRunner().invoke(cli, ["baseline", "show", str(root), "--baseline", "b1"])
    assert result.exit_code == 0 and "baseline 'B1'" in result.output and "@b1)" in result.output
    current = CliRunner().invoke(cli, ["baseline", "show", str(root)])
    assert "baseline 'B2'" in current.output


@pytest.mark.parametrize(
    ("revision", "code", "message"),
    [
        ("nope", "PM510", "revision 'nope' is not in the git repository (a commit, tag or branch name)"),
        ("--output=/tmp/x", "PM510", "'--output=/tmp/x' is not a revision name"),
        ("b1 HEAD", "PM510", "'b1 HEAD' is not a revision name"),
        ("HEAD~5", "PM510", "revision 'HEAD~5' is not in the git repository (a commit, tag or branch name)"),
        ("HEAD~1", "PM511", "there is no erp/baseline.yaml at revision 'HEAD~1'"),
    ],
)
def test_revisions_that_hold_no_baseline_are_diagnostics(repo: Path, revision: str, code: str, message: str) -> None:
    baseline, (finding,) = baseline_at_revision(repo / "projects", "erp", revision, shown_root="projects")
    assert baseline is None
    assert (finding.file, finding.line, finding.code, finding.message) == (
        f"projects/erp/baseline.yaml@{revision}",
        1,
        code,
        message,
    )


def test_outside_a_repository(tmp_path: Path) -> None:
    root = write_plan(tmp_path / "root", GUIDE_PLAN)
    baseline, (finding,) = baseline_at_revision(root, "erp", "HEAD", shown_root="root")
    assert baseline is None and finding.code == "PM510"
    assert finding.message == f"{root.as_posix()} is not in a git repository, so revision 'HEAD' cannot be read"


def test_a_committed_baseline_that_is_not_valid_gets_its_own_findings(repo: Path) -> None:
    path = repo / "projects" / "erp" / "baseline.yaml"
    valid = path.read_bytes()
    path.write_text("tasks:\n  build: {start: tomorrow, finish: 2027-07-07T17:00}\n", encoding="utf-8")
    git(repo, "commit", "-qam", "broken")
    path.write_bytes(valid)  # the working tree is fine: only the revision is not
    baseline, findings = baseline_at_revision(repo / "projects", "erp", "HEAD", shown_root="projects")
    assert baseline is None
    assert [(f.file, f.line, f.col, f.code) for f in findings] == [("projects/erp/baseline.yaml@HEAD", 2, 18, "PM104")]
    result = CliRunner().invoke(cli, ["baseline", "show", str(repo / "projects"), "--baseline", "HEAD"])
    assert result.exit_code == 1 and "@HEAD:2:" in result.output


def test_a_committed_symbolic_link_is_not_read(repo: Path) -> None:
    path = repo / "projects" / "erp" / "baseline.yaml"
    path.unlink()
    os.symlink("/etc/passwd", path)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "link")
    baseline, (finding,) = baseline_at_revision(repo / "projects", "erp", "HEAD", shown_root="projects")
    assert baseline is None
    assert (finding.code, finding.message) == ("PM511", "erp/baseline.yaml at revision 'HEAD' is not a regular file")
