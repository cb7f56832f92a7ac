"""tests/cases/cost/: plans whose cost or baseline has a finding, each named after the one code it produces.

Each folder is a small portfolio root with a `command` file: the whole command line after `pmcode`, CASE standing
for the folder. `baseline save` writes into the project, so it runs on a copy; read-only commands run on the
folder itself, so that `--baseline REV` asks the git repository the tests run in (a revision name that no
repository has, a path that no commit holds). `expected.txt` is the command's stdout, stderr and exit status, the
folder's path shown as CASE, in the sections of tests/test_cases.py. Findings go to standard error; a successful
save ends with the line saying what was written, which the copy's contents are then checked against.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Golden
from test_cases import DIAGNOSTIC, ENV, _whole_output

CASES = Path(__file__).parent / "cases" / "cost"
WRITERS = (("baseline", "save"),)


def _folders() -> list[Path]:
    return sorted(case for case in CASES.iterdir() if case.is_dir())


@pytest.mark.parametrize("case", _folders(), ids=lambda case: case.name)
def test_cost_case(case: Path, tmp_path: Path, golden: Golden) -> None:
    words = (case / "command").read_text(encoding="utf-8").split()
    writes = tuple(words[:2]) in WRITERS
    root = tmp_path / "case" if writes else case
    if writes:
        shutil.copytree(case, root, ignore=shutil.ignore_patterns("expected.txt", "command"))
    argv = [sys.executable, "-m", "pmcode", *(w.replace("CASE", root.as_posix()) for w in words)]
    done = subprocess.run(argv, capture_output=True, env=ENV, check=False, timeout=60)
    stdout, stderr = (text.decode("utf-8").replace(root.as_posix(), "CASE") for text in (done.stdout, done.stderr))
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    lines = stderr.splitlines()
    if writes and done.returncode == 0:
        *lines, last = lines
        assert last.startswith("wrote CASE/") and (root / last.split()[1].removeprefix("CASE/").rstrip(":")).is_file()
    found = [DIAGNOSTIC.fullmatch(line) for line in lines]
    assert lines and all(found), f"not `path:line:col: severity CODE message`: {lines}"
    assert {match["code"] for match in found if match} == {case.name[:5].upper()}
    errors = any(match["severity"] == "error" for match in found if match)
    assert done.returncode == (1 if errors else 0)
    golden.check(case / "expected.txt", _whole_output(done.returncode, stdout, stderr))
