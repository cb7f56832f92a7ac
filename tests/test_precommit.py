"""pmcode as pre-commit hooks: .pre-commit-hooks.yaml checked with pre-commit's own manifest schema, then run for
real by pre-commit on a plan repository, and the `.pre-commit-config.yaml` that `pmcode init` writes.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pre_commit.clientlib import load_config, load_manifest

from pmcode.scaffold import init_repository

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GIT_ENV = {
    "PATH": os.environ["PATH"],
    "HOME": os.environ.get("HOME", "/root"),
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=GIT_ENV, check=True, capture_output=True)


def commit_all(repo: Path) -> None:
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "files")


def hooks() -> dict[str, dict[str, Any]]:
    return {hook["id"]: hook for hook in load_manifest(str(REPO / ".pre-commit-hooks.yaml"))}


def test_manifest_is_valid_for_pre_commit() -> None:
    found = hooks()  # load_manifest validates against pre-commit's MANIFEST_SCHEMA and raises on any mistake
    assert sorted(found) == ["pmcode-check", "pmcode-validate"]
    for command, hook in (("validate", found["pmcode-validate"]), ("check", found["pmcode-check"])):
        assert hook["entry"] == f"pmcode {command}"
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is False  # pmcode reads the whole root: references cross files
        assert hook["args"] == ["projects"]


@pytest.mark.parametrize(
    ("path", "runs"),
    [
        ("projects/portfolio.yaml", True),
        ("projects/erp-upgrade/project.yaml", True),
        ("projects/erp-upgrade/actuals/2027-02.yaml", True),
        ("projects/erp-upgrade/projet.yml", True),  # misnamed: pmcode reports it, so the hook must run
        ("schemas/project.schema.json", True),
        ("README.md", False),
        ("site/mkdocs.yml", False),
        ("pmcode/cli/check.py", False),
        ("other/projects/x.yaml", False),
    ],
)
def test_hooks_run_on_plan_files_only(path: str, runs: bool) -> None:
    for hook in hooks().values():
        assert bool(re.search(hook["files"], path)) is runs


def test_hook_entries_run_on_the_demo() -> None:
    """Each hook's command as pre-commit would call it (entry + args, no file names), in this checkout."""
    for hook in hooks().values():
        program, command = hook["entry"].split()
        done = subprocess.run(
            [str(BIN / program), command, *hook["args"]], cwd=REPO, capture_output=True, text=True, check=False
        )
        assert done.returncode in (0, 1), done.stderr  # findings or none: never a usage error or a crash
        assert re.search(r"^(ok|failed): \d+ errors?, \d+ warnings? \(\d+ projects?\)", done.stderr, re.M), done.stderr


def test_pre_commit_runs_the_hooks(tmp_path: Path) -> None:
    """pre-commit itself runs the manifest's hooks on a plan repository made by `pmcode init`: every setting as the
    manifest has it (files, args, pass_filenames), except that the hooks run the pmcode of this checkout
    (`language: system`) instead of one pre-commit installs with pip. (`pre-commit try-repo` with a copy of this
    repository passes too, but installing pmcode's dependencies from the package index takes minutes.)"""
    plans = tmp_path / "plans"
    init_repository(plans)
    commit_all(plans)
    local = []
    for hook in hooks().values():
        program, command = hook["entry"].split()
        settings = {key: hook[key] for key in ("id", "name", "args", "files", "pass_filenames", "require_serial")}
        local.append({**settings, "entry": f"{BIN / program} {command}", "language": "system"})
    config = tmp_path / "pre-commit-config.yaml"
    config.write_text(json.dumps({"repos": [{"repo": "local", "hooks": local}]}), encoding="utf-8")
    load_config(str(config))
    env = {**GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PRE_COMMIT_COLOR": "never"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(BIN / "pre-commit"), "run", "--config", str(config), *args],
            cwd=plans,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )

    passed = run("--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"^pmcode validate\.+Passed$", passed.stdout, re.M), passed.stdout
    assert re.search(r"^pmcode check\.+Passed$", passed.stdout, re.M), passed.stdout

    skipped = run("--files", "README.md")
    assert skipped.returncode == 0
    assert re.search(r"^pmcode validate\.+\(no files to check\)Skipped$", skipped.stdout, re.M), skipped.stdout

    # As at a commit: the staged change of a plan file runs the hooks, which read the whole root.
    project = plans / "projects" / "website-refresh" / "project.yaml"
    project.write_text(project.read_text().replace("depends: [discovery]", "depends: [discovry]"))
    git(plans, "add", "projects/website-refresh/project.yaml")
    failed = run("pmcode-validate")
    assert failed.returncode == 1
    assert re.search(r"^pmcode validate\.+Failed$", failed.stdout, re.M), failed.stdout
    assert (
        "projects/website-refresh/project.yaml:28:15: error PM202 unknown task 'discovry' "
        "(did you mean 'discovery'?)" in failed.stdout
    )


def test_scaffold_pre_commit_config_is_valid_and_its_hook_runs(tmp_path: Path) -> None:
    made = tmp_path / "made"
    init_repository(made)
    config = load_config(str(made / ".pre-commit-config.yaml"))  # validated against pre-commit's CONFIG_SCHEMA
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    (hook,) = repo["hooks"]
    manifest_hook = hooks()["pmcode-validate"]
    for key in ("entry", "language", "args", "files", "pass_filenames"):
        assert hook[key] == manifest_hook[key], key
    from pmcode import __version__

    assert hook["additional_dependencies"] == [f"pmcode=={__version__}"]  # from the package index, pinned
    program, command = hook["entry"].split()
    done = subprocess.run([str(BIN / program), command, *hook["args"]], cwd=made, capture_output=True, text=True)
    assert done.returncode == 0
    assert done.stdout == ""
    assert done.stderr == "ok: 0 errors, 0 warnings (1 project)\n"
