"""Example folders of problem input, each with the exact output pmcode must give.

tests/cases/<area>/<case>/ is a small portfolio root holding one problem, and `expected.txt` is the text output
of `pmcode validate <case>` with the folder's path replaced by CASE. Areas:
- hostile/: files that cannot or must not be read (broken or unsafe YAML, bad bytes, odd files and folders);
- rules/: well-formed files that break a schema or plan rule, each named after the one code it produces;
- generated/: cases too big or too odd to commit (a 6 MB file, 10,000 nested lists, file names that are not
  text): the folder holds the small files and expected.txt, and a generator below adds the rest to a copy;
- schedule/: valid plans whose schedule has a finding, each named after the one code it produces;
- interchange/: a file to import (`plan.xml`) or a portfolio to export, each named after the one code it
  produces. Its `command` file is the whole command line after `pmcode` (`import mspdi CASE/plan.xml --into
  OUT/projects/p`), run on a copy of the folder: CASE stands for the copy, OUT for an empty scratch folder, and
  both are shown so in expected.txt.
A case folder may hold a `command` file naming the command to run instead of `validate`, with its options
(`schedule`, `schedule --no-level`): `pmcode <command> CASE <options>`. Its expected.txt is then the command's
whole output, in three sections: `--- stdout`, `--- stderr` and `--- exit <status>`, each section's text as
printed (a section whose text lacks a final newline gets one, followed by the line `--- no newline at end`).
A new bug becomes a new folder: `pytest tests/test_cases.py --update-golden` writes its expected.txt, which is
then reviewed like code.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import Golden
from jsonschema import Draft7Validator

from pmcode.cli import cli
from pmcode.codes import CODES
from pmcode.load import FileKind
from pmcode.resources import bundled_schema
from pmcode.validate import validate_root
from pmcode.validate.schema import _HANDLERS, MAX_SCHEMA_ERRORS

CASES = Path(__file__).parent / "cases"
DIAGNOSTIC = re.compile(
    r"CASE/.+:(?P<line>[0-9]+):(?P<col>[0-9]+): (?P<severity>error|warning|info) (?P<code>PM[0-9]{3}) .+"
)
# Strict UTF-8 output, whatever the locale: a name that cannot be printed must be escaped, not crash or mangle.
ENV = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}

PROJECT_START = "name: ERP upgrade\nstart: 2027-01-04\n"


def _file_over_5mb(root: Path) -> None:
    """A 6 MB project.yaml: a valid plan followed by a long comment block, as a generated file might be."""
    head = PROJECT_START + "tasks:\n  - {id: design, name: Design, duration: 5d}\n"
    line = "# " + "padding " * 9 + "\n"
    size = 6 * 1024 * 1024
    body = line * ((size - len(head)) // len(line))
    text = head + body + "#" * (size - len(head) - len(body) - 1) + "\n"
    (root / "erp").mkdir()
    (root / "erp" / "project.yaml").write_text(text, encoding="utf-8")


def _nesting_10000_levels(root: Path) -> None:
    """`tasks: [[[[...]]]]`, 10,000 deep: refused at level 51 without recursing."""
    (root / "erp").mkdir()
    (root / "erp" / "project.yaml").write_text(PROJECT_START + "tasks: " + "[" * 10000 + "]" * 10000 + "\n")


def _file_name_with_escape_sequence(root: Path) -> None:
    """An actuals file whose name clears the screen and turns the terminal red, if printed as it is."""
    (root / "erp" / "actuals").mkdir()
    (root / "erp" / "actuals" / "\x1b[2J\x1b[31m2027-02.yaml").write_text("period: 2027-02\n")


def _file_name_not_utf8(root: Path) -> None:
    """An actuals file whose name is not UTF-8 (git and Linux allow any bytes): it must print, escaped."""
    (root / "erp" / "actuals").mkdir()
    (root / "erp" / "actuals" / os.fsdecode(b"2027-02\xff.yaml")).write_text("period: 2027-02\n")


GENERATORS: dict[str, Callable[[Path], None]] = {
    "file-over-5mb": _file_over_5mb,
    "nesting-10000-levels": _nesting_10000_levels,
    "file-name-with-escape-sequence": _file_name_with_escape_sequence,
    "file-name-not-utf8": _file_name_not_utf8,
}


def _case_folders() -> list[Path]:
    return sorted(case for area in CASES.iterdir() if area.is_dir() for case in area.iterdir() if case.is_dir())


CASE_FOLDERS = _case_folders()


def _prepare(case: Path, tmp_path: Path) -> Path:
    """The portfolio root to validate: the folder itself, or for a generated case a copy with the rest added."""
    if case.parent.name != "generated":
        return case
    root = tmp_path / "root"
    shutil.copytree(case, root, symlinks=True, ignore=shutil.ignore_patterns("expected.txt"))
    GENERATORS[case.name](root)
    return root


INTERCHANGE = ("import", "export")  # the commands of interchange/ cases: findings about another tool's file


def _command(case: Path) -> list[str]:
    """The command a case runs, with its options: `validate` unless the folder's `command` file says otherwise."""
    written = case / "command"
    words = written.read_text(encoding="utf-8").split() if written.is_file() else ["validate"]
    assert words and words[0] in ("validate", "schedule", *INTERCHANGE), f"{written}: unknown command {words}"
    return words


def _run(root: Path, command: str, *options: str) -> tuple[int, str, str]:
    argv = [sys.executable, "-m", "pmcode", command, str(root), *options]
    done = subprocess.run(argv, capture_output=True, env=ENV, check=False, timeout=60)
    # Strict decoding: output that is not UTF-8 is a failure too.
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


def _validate(root: Path, *options: str) -> tuple[int, str, str]:
    return _run(root, "validate", *options)


def _shown(output: str, root: Path) -> str:
    return output.replace(f"{root.as_posix()}/", "CASE/")


def _section(name: str, text: str) -> str:
    if text and not text.endswith("\n"):
        text += "\n--- no newline at end\n"
    return f"--- {name}\n{text}"


def _whole_output(status: int, stdout: str, stderr: str) -> str:
    """A command's stdout, stderr and exit status as one text: the golden file of a case with a `command`."""
    return _section("stdout", stdout) + _section("stderr", stderr) + f"--- exit {status}\n"


def _check_findings(case: Path, lines: list[str], status: int) -> list[re.Match[str]]:
    """Every line is a finding; the exit status follows their severity; a rules/ or schedule/ case shows its code."""
    found = [DIAGNOSTIC.fullmatch(line) for line in lines]
    assert all(found), f"not `path:line:col: severity CODE message`: {lines}"
    matches = [match for match in found if match]
    if case.parent.name in ("rules", "schedule", "interchange"):  # named after its one code: rules/pm202-unknown-...
        assert {match["code"] for match in matches} == {case.name[:5].upper()}
    expected_status = 1 if any(match["severity"] == "error" for match in matches) else 0
    assert status == expected_status, f"exit {status} with findings {lines}"
    return matches


# areas whose cases another module runs: cost/ by tests/test_cost_cases.py, check/ by tests/test_check_cases.py
# records-valid/<area>/: clean examples, run by tests/test_records_<area>.py
OWN_RUNNERS = ("cost", "check", "diff", "records-valid")  # diff/: by tests/test_records_changes.py


@pytest.mark.parametrize(
    "case",
    [case for case in CASE_FOLDERS if case.parent.name not in OWN_RUNNERS],
    ids=lambda case: f"{case.parent.name}/{case.name}",
)
def test_case(case: Path, tmp_path: Path, golden: Golden) -> None:
    root = _prepare(case, tmp_path)
    command, *options = _command(case)
    if command in INTERCHANGE:
        _check_interchange_case(case, [command, *options], tmp_path, golden)
        return
    if command != "validate" or options:
        _check_command_case(case, root, command, options, golden)
        return
    status, stdout, stderr = _validate(root)
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    shown = _shown(stdout, root)
    lines = shown.splitlines()
    assert lines, f"no diagnostic for {case.name}"
    found = _check_findings(case, lines, status)
    if not any(match["severity"] == "error" for match in found):  # a problem that is only a warning passes
        assert _validate(root, "--strict")[0] == 1  # unless --strict
    golden.check(case / "expected.txt", shown)

    as_json = CliRunner().invoke(cli, ["validate", str(root), "--format", "json"])  # in process: half the time
    assert as_json.exit_code == status, as_json.output
    findings = json.loads(as_json.stdout)
    assert len(findings) == len(lines)
    as_text = [f"{f['file']}:{f['line']}:{f['col']}: {f['severity']} {f['code']} {f['message']}" for f in findings]
    assert _shown("\n".join(as_text), root).splitlines() == lines


def _check_command_case(case: Path, root: Path, command: str, options: list[str], golden: Golden) -> None:
    status, stdout, stderr = _run(root, command, *options)
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    shown_stdout, shown_stderr = _shown(stdout, root), _shown(stderr, root)
    # validate prints its findings on stdout; schedule prints the schedule there and its findings on stderr
    lines = (shown_stdout if command == "validate" else shown_stderr).splitlines()
    assert lines, f"no finding for {case.name}"
    _check_findings(case, lines, status)
    golden.check(case / "expected.txt", _whole_output(status, shown_stdout, shown_stderr))

    as_json = _in_json(root, command, options)
    assert as_json.exit_code == status, as_json.output
    document = json.loads(as_json.stdout)
    findings = document if command == "validate" else document["findings"]
    as_text = [f"{f['file']}:{f['line']}:{f['col']}: {f['severity']} {f['code']} {f['message']}" for f in findings]
    assert _shown("\n".join(as_text), root).splitlines() == lines


def _check_interchange_case(case: Path, words: list[str], tmp_path: Path, golden: Golden) -> None:
    """Import or export on a copy of the case: findings on stdout (import) or stderr (export, after which a last
    line says what was written)."""
    root, out = tmp_path / "case", tmp_path / "out"
    shutil.copytree(case, root, ignore=shutil.ignore_patterns("expected.txt", "command"))
    out.mkdir()
    argv = [word.replace("CASE", root.as_posix()).replace("OUT", out.as_posix()) for word in words]
    done = subprocess.run(
        [sys.executable, "-m", "pmcode", *argv], capture_output=True, env=ENV, check=False, timeout=60
    )
    stdout, stderr = (text.decode("utf-8").replace(f"{out.as_posix()}/", "OUT/") for text in (done.stdout, done.stderr))
    stdout, stderr = _shown(stdout, root), _shown(stderr, root)
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    lines = (stdout if words[0] == "import" else stderr).splitlines()
    if words[0] == "export" and done.returncode == 0:
        lines = lines[:-1]
    assert lines, f"no finding for {case.name}"
    _check_findings(case, lines, done.returncode)
    golden.check(case / "expected.txt", _whole_output(done.returncode, stdout, stderr))


def _in_json(root: Path, command: str, options: list[str]) -> Result:
    """The same command with `--format json` instead of any other format, in process."""
    rest = [
        word
        for n, word in enumerate(options)
        if word != "--format" and not word.startswith("--format=") and (n == 0 or options[n - 1] != "--format")
    ]
    return CliRunner().invoke(cli, [command, str(root), *rest, "--format", "json"])


def test_every_schedule_case_has_a_command() -> None:
    for case in CASE_FOLDERS:
        if case.parent.name == "schedule":
            assert _command(case)[0] == "schedule", f"{case}: a schedule/ case needs a `command` file"


def test_every_generated_case_has_a_generator() -> None:
    folders = {case.name for case in CASE_FOLDERS if case.parent.name == "generated"}
    assert folders == set(GENERATORS)


def _schema_keywords() -> set[str]:
    """The JSON Schema keywords the schemas use where a validation error can be reported."""
    structural = {"$ref", "properties", "patternProperties", "items", "allOf", "definitions"}  # report via subschemas
    found: set[str] = set()
    stack: list[Any] = [bundled_schema(kind.schema_file) for kind in FileKind]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key in ("properties", "patternProperties", "definitions"):
                    stack.extend(value.values())  # their keys are names, not keywords
                elif key not in ("examples", "enum", "required", "description"):
                    stack.append(value)
                if key in Draft7Validator.VALIDATORS:
                    found.add(key)
    return found - structural


def test_every_code_is_shown_by_a_case() -> None:
    shown: set[str] = set()
    for case in CASE_FOLDERS:
        expected = case / "expected.txt"
        if expected.is_file():
            shown.update(re.findall(r": (?:error|warning|info) (PM[0-9]{3}) ", expected.read_text(encoding="utf-8")))
    assert shown <= set(CODES), shown - set(CODES)
    # PM100 is the fallback for a schema keyword without a message of its own; while every keyword the schemas use
    # has one (a schema change adding e.g. `minProperties` ends that), no input can produce it.
    unreachable = {"PM100"} if _schema_keywords() <= set(_HANDLERS) else set()
    assert set(CODES) - unreachable - shown == set(), "codes no case in tests/cases shows"


def _resources(root: Path) -> tuple[float, int, list[str]]:
    """Seconds, peak traced bytes and codes of validating `root` in process."""
    tracemalloc.start()
    try:
        start = time.perf_counter()
        result = validate_root(root)
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return elapsed, peak, [d.code for d in result.diagnostics]


@pytest.mark.parametrize(
    ("case", "code"),
    [
        ("hostile/billion-laughs", "PM005"),
        ("generated/nesting-10000-levels", "PM006"),
        ("generated/file-over-5mb", "PM001"),
    ],
)
def test_bombs_are_refused_fast_and_small(case: str, code: str, tmp_path: Path) -> None:
    warm = tmp_path / "warm"  # schemas compiled and modules imported first: what is measured is the bomb
    (warm / "erp").mkdir(parents=True)
    (warm / "portfolio.yaml").write_text("name: Warm-up\ncurrency: USD\n")
    (warm / "erp" / "project.yaml").write_text(PROJECT_START + "tasks: []\nstatus: draft\n")  # both validators
    validate_root(warm)
    elapsed, peak, codes = _resources(_prepare(CASES / case, tmp_path))
    assert codes == [code]
    assert elapsed < 1.0
    assert peak < 100 * 1024 * 1024


def test_a_file_full_of_mistakes_is_cut_short(tmp_path: Path) -> None:
    tasks = "".join(f"  - {{id: t{n}, name: Task {n}, duraton: 1d}}\n" for n in range(MAX_SCHEMA_ERRORS + 500))
    (tmp_path / "erp").mkdir()
    (tmp_path / "portfolio.yaml").write_text("name: P\ncurrency: USD\n")
    (tmp_path / "erp" / "project.yaml").write_text(PROJECT_START + "tasks:\n" + tasks)
    found = validate_root(tmp_path, "CASE").diagnostics
    assert len(found) == MAX_SCHEMA_ERRORS + 1
    assert {d.code for d in found} == {"PM101"}
    *reported, summary = found
    assert [d.line for d in reported] == list(range(4, MAX_SCHEMA_ERRORS + 4))  # task n is on line n + 4
    assert (summary.line, summary.col) == (MAX_SCHEMA_ERRORS + 4, 34)  # at the first key left out
    assert summary.message == f"... and more: only the first {MAX_SCHEMA_ERRORS} schema errors of a file are reported"
