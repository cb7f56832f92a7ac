"""tests/cases/check/: plans that breach a threshold, each named after the code it is about.

Each folder is a small portfolio root with a `command` file: the command line after `pmcode` (`check CASE`, with
options), CASE standing for the folder. `expected.txt` is the command's stdout, stderr and exit status in the
sections of tests/test_cases.py, the folder's path shown as CASE. Besides the golden output: every line is a
finding, the folder's code is among them, the exit status follows the severities (and --strict makes a warning
fail), and the JSON form lists the same findings with the same verdict.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import Golden
from test_cases import DIAGNOSTIC, ENV, _whole_output

from pmcode.cli import cli

CASES = Path(__file__).parent / "cases" / "check"


def _folders() -> list[Path]:
    return sorted(case for case in CASES.iterdir() if case.is_dir())


def _argv(case: Path, *extra: str) -> list[str]:
    words = (case / "command").read_text(encoding="utf-8").split()
    assert words[:2] == ["check", "CASE"], words
    return [w.replace("CASE", case.as_posix()) for w in words] + list(extra)


def _shown(text: str, case: Path) -> str:
    return text.replace(case.as_posix(), "CASE")


@pytest.mark.parametrize("case", _folders(), ids=lambda case: case.name)
def test_check_case(case: Path, golden: Golden) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pmcode", *_argv(case)], capture_output=True, env=ENV, check=False, timeout=60
    )
    stdout, stderr = (_shown(text.decode("utf-8"), case) for text in (done.stdout, done.stderr))
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    lines = stdout.splitlines()
    found = [DIAGNOSTIC.fullmatch(line) for line in lines]
    assert lines and all(found), f"not `path:line:col: severity CODE message`: {lines}"
    codes = {match["code"] for match in found if match}
    assert case.name[:5].upper() in codes
    errors = any(match["severity"] == "error" for match in found if match)
    assert done.returncode == (1 if errors else 0)
    verdict = stderr.splitlines()[-1]
    assert verdict.startswith("failed: " if errors else "ok: ")
    golden.check(case / "expected.txt", _whole_output(done.returncode, stdout, stderr))

    strict = CliRunner().invoke(cli, _argv(case, "--strict"))
    assert strict.exit_code == 1  # every case has a finding: a warning fails too

    as_json = CliRunner().invoke(cli, _argv(case, "--format", "json"))
    assert as_json.exit_code == done.returncode, as_json.output
    document = json.loads(as_json.stdout)
    assert set(document) == {"verdict", "counts", "findings"}
    assert document["verdict"] == ("fail" if errors else "pass")
    as_text = [
        f"{f['file']}:{f['line']}:{f['col']}: {f['severity']} {f['code']} {f['message']}" for f in document["findings"]
    ]
    assert [_shown(line, case) for line in as_text] == lines
    assert document["counts"]["error"] == sum(1 for m in found if m and m["severity"] == "error")
