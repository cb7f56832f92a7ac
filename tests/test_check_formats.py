"""`pmcode check` output formats and exit statuses: text, json, github (escaping, the cap per severity, the job
summary) and markdown (escaping), --strict, usage errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pmcode.check import CheckResult
from pmcode.cli import cli
from pmcode.diagnostics import Diagnostic, Severity
from pmcode.render.check_formats import render_check_github, render_check_json, render_check_markdown

CASES = Path(__file__).parent / "cases" / "check"
WARNING_ONLY = CASES / "pm531-finish-slip"  # one warning
FAILING = CASES / "pm535-unexplained-variance"  # one error


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", *args], env=env)
    return result.exit_code, result.stdout, result.stderr


def _finding(severity: Severity, message: str = "m", file: str = "p/erp/project.yaml", line: int = 1) -> Diagnostic:
    return Diagnostic(file, line, 3, severity, "PM530", message)


def test_exit_statuses(tmp_path: Path) -> None:
    clean = tmp_path / "clean"  # the finish-slip case before any actuals: on its baseline
    shutil.copytree(WARNING_ONLY, clean, ignore=shutil.ignore_patterns("actuals", "expected.txt", "command"))
    assert _run(str(clean)) == (0, "", "ok: 0 errors, 0 warnings (1 project)\n")
    assert _run(str(clean), "--strict")[0] == 0
    assert _run(str(WARNING_ONLY))[0] == 0
    status, _, stderr = _run(str(WARNING_ONLY), "--strict")
    assert status == 1 and stderr == "failed: 0 errors, 1 warning (1 project) (--strict: warnings fail)\n"
    assert _run(str(FAILING))[0] == 1


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    status, _, stderr = _run(str(FAILING), "--project", "epr")
    assert status == 2 and "no project 'epr'" in stderr and "did you mean 'erp'?" in stderr
    assert _run(str(FAILING), "--format", "xml")[0] == 2
    assert _run(str(tmp_path / "missing"))[0] == 2


def test_text_is_one_finding_a_line_and_a_verdict_on_stderr() -> None:
    _, stdout, stderr = _run(str(FAILING))
    (line,) = stdout.splitlines()
    assert line.startswith(f"{FAILING.as_posix()}/erp/actuals/2027-01.yaml:5:27: error PM535 2027-01 spent 1,500.00")
    assert stderr == "failed: 1 error, 0 warnings (1 project)\n"


def test_json_is_stable() -> None:
    status, stdout, _ = _run(str(WARNING_ONLY), "--format", "json", "--strict")
    document = json.loads(stdout)
    assert status == 1 and document["verdict"] == "fail"
    assert document["counts"] == {"error": 0, "info": 0, "warning": 1}
    (finding,) = document["findings"]
    assert list(finding) == ["code", "col", "file", "line", "message", "severity"]  # sorted keys
    assert (finding["code"], finding["line"], finding["col"]) == ("PM531", 3, 20)
    again = _run(str(WARNING_ONLY), "--format", "json", "--strict")[1]
    assert again == stdout
    assert json.loads(_run(str(WARNING_ONLY), "--format", "json")[1])["verdict"] == "pass"


def test_github_escapes_data_and_properties() -> None:
    nasty = Diagnostic("p/a:b,c%.yaml", 4, 2, Severity.ERROR, "PM535", "50% over\r\nsee: a, b")
    rendered = render_check_github(CheckResult((nasty,), 1), strict=False)
    assert rendered == "::error file=p/a%3Ab%2Cc%25.yaml,line=4,col=2,title=PM535::50%25 over%0D%0Asee: a, b\n"


def test_github_puts_errors_first_and_caps_each_severity() -> None:
    warnings = [_finding(Severity.WARNING, f"w{n}", line=n) for n in range(3)]
    errors = [_finding(Severity.ERROR, f"e{n}", line=n + 10) for n in range(12)]
    lines = render_check_github(CheckResult(tuple(warnings + errors), 1), strict=False).splitlines()
    assert len(lines) == 10 + 1 + 3
    assert all(line.startswith("::error file=") for line in lines[:10])
    assert [line.rsplit("::", 1)[1] for line in lines[:10]] == [f"e{n}" for n in range(10)]
    assert lines[10] == (
        "::error::2 more errors not shown as annotations: see the job summary, or run pmcode check locally"
    )
    assert all(line.startswith("::warning file=") for line in lines[11:])


def test_github_appends_the_full_list_to_the_job_summary(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    status, stdout, stderr = _run(str(FAILING), "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert status == 1
    assert stdout.startswith(f"::error file={FAILING.as_posix()}/erp/actuals/2027-01.yaml,line=5,col=27,title=PM535::")
    assert stderr == "failed: 1 error, 0 warnings (1 project)\n"
    text = summary.read_text()
    assert text.startswith("earlier step\n❌ **pmcode check failed**: 1 error, 0 warnings (1 project)\n\n")
    assert "| error | PM535 | `" in text and "/erp/actuals/2027-01.yaml:5:27` |" in text
    status, _, _ = _run(str(FAILING), "--format", "text", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert summary.read_text() == text  # only the github format writes the summary


def test_markdown_escapes_plan_text() -> None:
    hostile = _finding(Severity.WARNING, "note '<script>alert(1)</script> | *bold* [x](javascript:y)'")
    rendered = render_check_markdown(CheckResult((hostile, _finding(Severity.ERROR, "e")), 1), strict=False)
    head, table = rendered.rstrip("\n").split("\n\n")
    assert head == "❌ **pmcode check failed**: 1 error, 1 warning (1 project)"
    rows = table.splitlines()
    assert rows[0] == "| severity | code | where | finding |"
    assert rows[2].startswith("| error | PM530 |")  # errors first
    assert rows[3] == (
        "| warning | PM530 | `p/erp/project.yaml:1:3` | note '&lt;script&gt;alert(1)&lt;/script&gt; \\| \\*bold\\* "
        "\\[x\\](javascript:y)' |"
    )
    assert "<script>" not in rendered


@pytest.mark.parametrize("strict", [False, True])
def test_markdown_without_findings(strict: bool) -> None:
    rendered = render_check_markdown(CheckResult((), 2), strict=strict)
    assert rendered == "✅ **pmcode check passed**: 0 errors, 0 warnings (2 projects)\n\nNo findings.\n"


def test_json_renderer_counts_every_severity() -> None:
    found = (_finding(Severity.INFO), _finding(Severity.WARNING), _finding(Severity.WARNING, "other"))
    document = json.loads(render_check_json(CheckResult(found, 1), strict=True))
    assert document["counts"] == {"error": 0, "info": 1, "warning": 2} and document["verdict"] == "fail"


def test_markdown_stops_before_a_comment_would_be_too_long() -> None:
    found = tuple(_finding(Severity.WARNING, "x" * 100, line=n) for n in range(1000))
    rendered = render_check_markdown(CheckResult(found, 1), strict=False)
    assert len(rendered) <= 60_000
    rows = [line for line in rendered.splitlines() if line.startswith("| warning |")]
    assert 100 < len(rows) < 1000
    assert rendered.endswith(f"\n\n{1000 - len(rows)} more not shown: run `pmcode check` locally for the full list.\n")
    small = render_check_markdown(CheckResult(found[:3], 1), strict=False)
    assert "more not shown" not in small and small.count("| warning |") == 3
