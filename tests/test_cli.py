"""The command line: exit codes, output formats and the promise that bad input never shows a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from plans import SMALL, write_plan

from pmcode.cli import cli
from pmcode.diagnostics import Diagnostic, Severity
from pmcode.render.diagnostics import GITHUB_ANNOTATIONS_PER_SEVERITY, render_github


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pmcode", *args], capture_output=True, text=True, check=False)


def test_clean_plan_exits_0(tmp_path: Path) -> None:
    root = write_plan(tmp_path / "projects", SMALL)
    result = CliRunner().invoke(cli, ["validate", str(root)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "ok: 0 errors, 0 warnings (1 project)" in result.stderr


def test_findings_exit_1_with_positions(tmp_path: Path) -> None:
    files = dict(SMALL)
    files["erp/project.yaml"] = SMALL["erp/project.yaml"].replace("depends: [design]", "depends: [desgin]")
    root = write_plan(tmp_path / "projects", files)
    result = CliRunner().invoke(cli, ["validate", str(root)])
    assert result.exit_code == 1
    line = f"{root.as_posix()}/erp/project.yaml:6:55: error PM202 unknown task 'desgin' (did you mean 'design'?)"
    assert result.stdout.splitlines() == [line]


def test_warnings_pass_unless_strict(tmp_path: Path) -> None:
    files = dict(SMALL, **{"erp/notes.yaml": "a: 1\n"})  # an unrecognised file is a warning
    root = write_plan(tmp_path / "projects", files)
    assert CliRunner().invoke(cli, ["validate", str(root)]).exit_code == 0
    strict = CliRunner().invoke(cli, ["validate", str(root), "--strict"])
    assert strict.exit_code == 1
    assert "warning PM012" in strict.stdout


def test_json_format_is_a_list_of_objects(tmp_path: Path) -> None:
    files = dict(SMALL)
    files["people.yaml"] = SMALL["people.yaml"].replace("role: dev}", "role: dev, rate: lots}", 1)
    root = write_plan(tmp_path / "projects", files)
    result = CliRunner().invoke(cli, ["validate", str(root), "--format", "json"])
    assert result.exit_code == 1
    findings = json.loads(result.stdout)
    assert findings == [
        {
            "code": "PM102",
            "col": 52,
            "file": f"{root.as_posix()}/people.yaml",
            "line": 4,
            "message": "rate: expected a number, found the text 'lots'",
            "severity": "error",
        }
    ]


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    missing = run("validate", str(tmp_path / "nowhere"))
    assert missing.returncode == 2
    assert "does not exist" in missing.stderr
    assert "Traceback" not in missing.stderr
    bad_option = run("validate", "--format", "xml", str(tmp_path))
    assert bad_option.returncode == 2


def test_default_root_is_projects_in_the_current_directory(tmp_path: Path) -> None:
    write_plan(tmp_path / "projects", SMALL)
    result = subprocess.run(
        [sys.executable, "-m", "pmcode", "validate"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_internal_error_is_reported_as_a_bug_with_exit_2(tmp_path: Path) -> None:
    root = write_plan(tmp_path / "projects", SMALL)
    code = (
        "import sys, importlib\n"
        "v = importlib.import_module('pmcode.cli.validate')\n"
        "def boom(root): raise RuntimeError('boom')\n"
        "v.validate_root = boom\n"
        f"sys.argv = ['pmcode', 'validate', {str(root)!r}]\n"
        "from pmcode.cli import main\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "RuntimeError: boom" in result.stderr
    assert "internal error" in result.stderr


def test_github_annotations_escape_and_cap() -> None:
    many = [
        Diagnostic("a,b:c.yaml", n, 1, Severity.ERROR, "PM202", f"line one\nline two 100% {n}") for n in range(1, 13)
    ]
    many.append(Diagnostic("x.yaml", 1, 1, Severity.WARNING, "PM012", "unrecognised"))
    lines = render_github(many).splitlines()
    errors = [line for line in lines if line.startswith("::error file=")]
    assert len(errors) == GITHUB_ANNOTATIONS_PER_SEVERITY
    assert errors[0] == "::error file=a%2Cb%3Ac.yaml,line=1,col=1,title=PM202::line one%0Aline two 100%25 1"
    assert "::error::2 more errors not shown as annotations; run pmcode validate locally" in lines
    assert lines[-1].startswith("::warning file=x.yaml")


def test_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("pmcode, version ")
