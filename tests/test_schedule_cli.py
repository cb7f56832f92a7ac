"""`pmcode schedule` on the demo portfolio and on small plans: formats, exit codes, --project, and output that
spreadsheets and Mermaid cannot misread."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from plans import SMALL, write_plan

from pmcode.cli import cli

PROJECTS = Path(__file__).resolve().parents[1] / "projects"
DEMO_IDS = sorted(path.parent.name for path in PROJECTS.glob("*/project.yaml"))
FORMATS = ("table", "json", "csv", "mermaid")
CSV_HEADER = [
    "project",
    "id",
    "name",
    "kind",
    "start",
    "finish",
    "late_start",
    "late_finish",
    "total_float_hours",
    "free_float_hours",
    "critical",
    "assignments",
    "deadline",
]
MERMAID_HEAD = ("    dateFormat ", "    axisFormat ")
FINDING = re.compile(r"[^:]+:[0-9]+:[0-9]+: (error|warning|info) PM[0-9]{3} .+")
HEADLINE = re.compile(
    r".* \((?P<id>[^()]+)\): (?P<start>\S+ \S+) -> (?P<finish>\S+ \S+)(?:, status date (?P<status>\S+))?"
)
MERMAID_TASK = re.compile(r"    (?P<name>[^:]+) :(?:crit, )?(?:milestone, )?t[0-9]+, (?P<when>.+)")


def schedule(root: Path, *options: str) -> Result:
    return CliRunner().invoke(cli, ["schedule", str(root), *options])


def run(root: Path, *options: str, seed: str = "0") -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONHASHSEED": seed}
    argv = [sys.executable, "-m", "pmcode", "schedule", str(root), *options]
    return subprocess.run(argv, capture_output=True, env=env, check=False, timeout=60)


def csv_rows(result: Result) -> list[list[str]]:
    text = result.stdout_bytes.decode("utf-8")  # as written: Result.stdout turns CRLF into LF
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")  # CRLF rows, as RFC 4180 wants
    return list(csv.reader(io.StringIO(text, newline="")))


def task_count(document: dict[str, Any]) -> int:
    return sum(len(project["tasks"]) for project in document["projects"])


# -- the demo portfolio ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_json() -> dict[str, Any]:
    result = schedule(PROJECTS, "--format", "json")
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


@pytest.mark.parametrize("output_format", FORMATS)
def test_the_demo_in_every_format(output_format: str, demo_json: dict[str, Any]) -> None:
    result = schedule(PROJECTS, "--format", output_format)
    assert result.exit_code == 0, result.output  # findings, but only warnings
    findings = result.stderr.splitlines()
    assert findings and all(FINDING.fullmatch(line) for line in findings), findings
    assert {line.split(" ")[2] for line in findings} <= {"PM301", "PM303", "PM304", "PM305", "PM306"}
    assert len(findings) == len(demo_json["findings"])
    out = result.stdout
    names = {project["id"]: project for project in demo_json["projects"]}
    assert sorted(names) == DEMO_IDS
    if output_format == "json":
        assert json.loads(out) == demo_json
    elif output_format == "csv":
        header, *rows = csv_rows(result)
        assert header == CSV_HEADER
        assert len(rows) == task_count(demo_json)
        assert sorted({row[0] for row in rows}) == DEMO_IDS
        assert {row[10] for row in rows} == {"yes", "no"}
    elif output_format == "mermaid":
        blocks = [block for block in out.split("gantt\n") if block]
        assert len(blocks) == len(DEMO_IDS) and out.startswith("gantt\n")
        lines = [line for line in out.splitlines() if line.startswith("    ") and not line.startswith(MERMAID_HEAD)]
        tasks = [MERMAID_TASK.fullmatch(line) for line in lines if not line.startswith(("    section ", "    title "))]
        assert all(tasks), [line for line in lines if not MERMAID_TASK.fullmatch(line)]
        scheduled = [t for p in demo_json["projects"] for t in p["tasks"] if not t["summary"] and t["start"]]
        assert len(tasks) == len(scheduled)
    else:
        headlines = [match for line in out.splitlines() if (match := HEADLINE.fullmatch(line))]
        assert [match["id"] for match in headlines] == DEMO_IDS
        for match, project in zip(headlines, demo_json["projects"], strict=True):
            start, finish = project["start"][:16].replace("T", " "), project["finish"][:16].replace("T", " ")
            assert (match["start"], match["finish"]) == (start, finish)


@pytest.mark.parametrize("output_format", FORMATS)
def test_project_filter(output_format: str, demo_json: dict[str, Any]) -> None:
    chosen = "erp-upgrade"
    result = schedule(PROJECTS, "--project", chosen, "--format", output_format)
    assert result.exit_code == 0, result.output
    out = result.stdout
    if output_format == "json":
        document = json.loads(out)
        assert [p["id"] for p in document["projects"]] == [chosen]
        assert document["findings"] == demo_json["findings"]  # all are scheduled (people are shared): all findings
    elif output_format == "csv":
        assert {row[0] for row in csv_rows(result)[1:]} == {chosen}
    elif output_format == "mermaid":
        assert out.count("gantt\n") == 1
        name = next(p["name"] for p in demo_json["projects"] if p["id"] == chosen)
        assert f"    title {name}\n" in out
    else:
        assert [match["id"] for line in out.splitlines() if (match := HEADLINE.fullmatch(line))] == [chosen]


def test_unknown_project_is_a_usage_error_with_a_suggestion() -> None:
    result = schedule(PROJECTS, "--project", "erp-upgrad")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "no project 'erp-upgrad'" in result.stderr
    assert "(did you mean 'erp-upgrade'?)" in result.stderr
    far = schedule(PROJECTS, "--project", "zzz")
    assert far.exit_code == 2 and "did you mean" not in far.stderr


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert schedule(tmp_path / "nowhere").exit_code == 2
    assert schedule(PROJECTS, "--format", "xml").exit_code == 2


def test_json_is_sorted_and_byte_identical_across_processes() -> None:
    first, second = run(PROJECTS, "--format", "json", seed="1"), run(PROJECTS, "--format", "json", seed="2")
    assert first.returncode == second.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    assert first.stderr == second.stderr

    def sorted_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        assert [key for key, _ in pairs] == sorted(key for key, _ in pairs)
        return dict(pairs)

    json.loads(first.stdout, object_pairs_hook=sorted_keys)
    assert first.stdout.endswith(b"}\n")


@pytest.mark.parametrize("output_format", ["table", "csv", "mermaid"])
def test_every_format_is_byte_identical_across_processes(output_format: str) -> None:
    first, second = run(PROJECTS, "--format", output_format, seed="3"), run(PROJECTS, "--format", output_format)
    assert (first.returncode, first.stdout, first.stderr) == (second.returncode, second.stdout, second.stderr)


# -- small plans ----------------------------------------------------------------------------------------------------


def small(tmp_path: Path, tasks: str, **files: str) -> Path:
    project = "name: ERP upgrade\nstart: 2027-01-04\nmanager: alice\ntasks:\n" + tasks
    return write_plan(tmp_path / "projects", {**SMALL, "erp/project.yaml": project, **files})


def test_a_clean_plan_exits_0_with_nothing_on_stderr(tmp_path: Path) -> None:
    root = small(tmp_path, "  - {id: a, name: A, duration: 2d}\n  - {id: b, name: B, duration: 1d, depends: [a]}\n")
    for output_format in FORMATS:
        result = schedule(root, "--format", output_format)
        assert (result.exit_code, result.stderr) == (0, ""), result.output
    document = json.loads(schedule(root, "--format", "json").stdout)
    tasks = {t["id"]: t for t in document["projects"][0]["tasks"]}
    assert (tasks["b"]["start"], tasks["b"]["finish"]) == ("2027-01-06T09:00:00", "2027-01-06T17:00:00")
    assert document["findings"] == [] and document["leveled"] is True
    assert json.loads(schedule(root, "--format", "json", "--no-level").stdout)["leveled"] is False


def test_errors_in_the_plan_exit_1_before_scheduling(tmp_path: Path) -> None:
    root = small(tmp_path, "  - {id: a, name: A, duration: 2d, depends: [nope]}\n")
    result = schedule(root)
    assert result.exit_code == 1
    assert "error PM202 unknown task 'nope'" in result.stdout  # the validation findings, as `validate` prints them
    assert "fix them to schedule it" in result.stderr


def test_a_task_that_cannot_be_scheduled_exits_1_and_is_shown_unscheduled(tmp_path: Path) -> None:
    people = "people:\n  - {id: alice, name: Alice}\n  - {id: bob, name: Bob, available: {to: 2027-01-08}}\n"
    tasks = (
        "  - {id: a, name: A, duration: 2w}\n"
        "  - {id: b, name: B, effort: 1d, assign: [bob], depends: [a]}\n"
        "  - {id: c, name: C, milestone: true, depends: [b]}\n"
    )
    root = small(tmp_path, tasks, **{"people.yaml": people})
    for output_format in FORMATS:
        result = schedule(root, "--format", output_format)
        assert result.exit_code == 1, result.output
        assert [line.split(" ")[2] for line in result.stderr.splitlines()] == ["PM302", "PM302"]
    document = json.loads(schedule(root, "--format", "json").stdout)
    tasks_by_id = {t["id"]: t for t in document["projects"][0]["tasks"]}
    assert tasks_by_id["b"]["start"] is None and "available until 2027-01-08" in tasks_by_id["b"]["unscheduled"]
    assert tasks_by_id["c"]["unscheduled"] == (
        "waits for 'b', which cannot be scheduled: nobody assigned to it can work any more: 'bob' (available until "
        "2027-01-08)"
    )
    rows = csv_rows(schedule(root, "--format", "csv"))
    assert [row[4] for row in rows[1:]] == ["2027-01-04T09:00:00", "", ""]
    mermaid = schedule(root, "--format", "mermaid").stdout
    assert " B :" not in mermaid and " A :" in mermaid  # an unscheduled task has no bar


@pytest.mark.parametrize(
    "name",
    ['=HYPERLINK("http://x.example/","click")', "+1+1", "-2+3", "@SUM(A1:A2)", "=1;2"],
)
def test_csv_cells_never_start_a_formula(tmp_path: Path, name: str) -> None:
    quoted = json.dumps(name)  # a JSON string is a YAML string
    root = small(tmp_path, f"  - {{id: a, name: {quoted}, duration: 1d}}\n")
    result = schedule(root, "--format", "csv")
    assert result.exit_code == 0, result.output
    header, row = csv_rows(result)
    assert row[header.index("name")] == "'" + name
    for cell in row:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_csv_keeps_ordinary_text_as_written(tmp_path: Path) -> None:
    root = small(tmp_path, '  - {id: a, name: "Design, review; sign-off \\"v2\\"", duration: 1d}\n')
    header, row = csv_rows(schedule(root, "--format", "csv"))
    assert row[header.index("name")] == 'Design, review; sign-off "v2"'


def test_mermaid_escapes_its_separators(tmp_path: Path) -> None:
    tasks = (
        "  - id: phase\n"
        '    name: "Phase #1: build; test"\n'
        "    tasks:\n"
        '      - {id: a, name: "Build: core #2; 50% done", duration: 1d}\n'
        '      - {id: m, name: "Go/no-go: #3", milestone: true, depends: [a]}\n'
    )
    root = small(tmp_path, tasks)
    result = schedule(root, "--format", "mermaid")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "    section Phase #35;1#58; build#59; test" in lines
    assert "    Build#58; core #35;2#59; 50#37; done :crit, t1, 2027-01-04T09:00, 2027-01-04T17:00" in lines
    assert "    Go/no-go#58; #35;3 :crit, milestone, t2, 2027-01-04T17:00, 0d" in lines
    for line in lines[1:]:
        if line.startswith(MERMAID_HEAD):
            continue
        text = line.split(" :", 1)[0]  # everything before the one separator Mermaid reads as the name's end
        assert ":" not in text and ";" not in re.sub(r"#[0-9]+;", "", text) and "%" not in text, line


def test_table_prints_names_that_cannot_move_the_terminal(tmp_path: Path) -> None:
    root = small(tmp_path, '  - {id: a, name: "Build \\u2028 now", duration: 1d}\n')
    result = schedule(root)
    assert result.exit_code == 0, result.output
    assert "\u2028" not in result.stdout and "Build \\u2028 now" in result.stdout


MERMAID_KEYWORDS = (
    "title",
    "Section",
    "dateFormat",
    "AXISFORMAT",
    "click",
    "excludes",
    "includes",
    "todayMarker",
    "tickInterval",
    "weekday",
    "accTitle",
    "accDescr",
    "gantt",
    "topAxis",
    "inclusiveEndDates",
)


def test_mermaid_neutralises_names_that_read_as_statements(tmp_path: Path) -> None:
    tasks = "".join(f'  - {{id: t{n}, name: "{word} x", duration: 1d}}\n' for n, word in enumerate(MERMAID_KEYWORDS))
    tasks += '  - {id: dated, name: "2027-01-04 kick-off", duration: 1d}\n'
    tasks += (
        '  - id: phase\n    name: "section: title #1"\n    tasks:\n      - {id: c, name: "call me", duration: 1d}\n'
    )
    root = small(tmp_path, tasks)
    result = schedule(root, "--format", "mermaid")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:4] == ["gantt", "    title ERP upgrade", "    dateFormat YYYY-MM-DDTHH:mm", "    axisFormat %Y-%m-%d"]
    body = lines[4:]
    assert "    #116;itle x :crit, t0, 2027-01-04T09:00, 2027-01-04T17:00" in body
    assert "    #83;ection x :crit, t1, 2027-01-04T09:00, 2027-01-04T17:00" in body
    assert "    #50;027-01-04 kick-off :crit, t15, 2027-01-04T09:00, 2027-01-04T17:00" in body
    assert "    section #115;ection#58; title #35;1" in body
    assert "    #99;all me :crit, t17, 2027-01-04T09:00, 2027-01-04T17:00" in body
    statements = ("section ", "title ", "dateFormat ", "axisFormat ")
    for line in body:  # every line is a section or a task whose name starts with no keyword Mermaid knows
        text = line.strip()
        if text.startswith("section "):
            continue
        assert MERMAID_TASK.fullmatch(line), line
        first = text.split(" ", 1)[0].lower()
        assert first not in {k.lower() for k in MERMAID_KEYWORDS} | {"call", "section"}, line
        assert not text.startswith(statements), line
    ordinary = schedule(
        small(tmp_path / "plain", '  - {id: a, name: "Titles and deeds", duration: 1d}\n'), "--format", "mermaid"
    )
    assert "    #84;itles and deeds :crit, t0," in ordinary.stdout  # a prefix is encoded too: it renders the same


def test_table_lines_have_no_trailing_spaces_and_float_counts_days_of_the_calendar(tmp_path: Path) -> None:
    # A 6-hour day: 12 hours of float are 2 days, not 1.5.
    calendars = "calendars:\n  - {id: standard, hours: ['09:00-15:00'], hours_per_day: 6}\n"
    tasks = "  - {id: a, name: A, duration: 4d}\n  - {id: b, name: B, duration: 2d}\n"
    root = small(tmp_path, tasks, **{"calendars.yaml": calendars})
    result = schedule(root)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert all(line == line.rstrip() for line in lines), [line for line in lines if line != line.rstrip()]
    assert lines[1] == "task                                start             finish              float  c"
    row = next(line for line in lines if line.startswith("B "))
    assert "2027-01-05 15:00     2.0d     " in row
    document = json.loads(schedule(root, "--format", "json").stdout)
    assert next(t for t in document["projects"][0]["tasks"] if t["id"] == "b")["total_float_hours"] == 12.0


def test_a_whole_day_constraint_is_reported_as_a_date_and_a_timed_one_with_its_time(tmp_path: Path) -> None:
    tasks = (
        "  - {id: a, name: A, duration: 5d}\n"
        "  - {id: b, name: B, duration: 1d, depends: [a], must_start_on: 2027-01-06}\n"
        "  - {id: c, name: C, duration: 1d, depends: [a], must_start_on: 2027-01-06T13:00}\n"
    )
    findings = schedule(small(tmp_path, tasks)).stderr
    assert "'b' must start on 2027-01-06 (must_start_on)" in findings
    assert "'c' must start on 2027-01-06 13:00 (must_start_on)" in findings


def test_tasks_waiting_for_one_that_cannot_be_scheduled_name_it_and_why(tmp_path: Path) -> None:
    people = "people:\n  - {id: alice, name: Alice}\n  - {id: bob, name: Bob, available: {to: 2027-01-08}}\n"
    tasks = (
        "  - {id: a, name: A, duration: 2w}\n"
        "  - {id: b, name: B, effort: 1d, assign: [bob], depends: [a]}\n"
        "  - id: phase\n    name: Phase\n    depends: [b]\n    tasks:\n"
        "      - {id: c, name: C, duration: 1d}\n      - {id: d, name: D, duration: 1d, depends: [c]}\n"
    )
    other = 'name: CRM\nstart: 2027-01-04\ntasks:\n  - {id: b, name: B, duration: 1d, depends: ["erp:phase.d"]}\n'
    root = small(tmp_path, tasks, **{"people.yaml": people, "crm/project.yaml": other})
    lines = schedule(root).stderr.splitlines()
    why = "which cannot be scheduled: nobody assigned to it can work any more: 'bob' (available until 2027-01-08)"
    assert [line.split(" PM302 ", 1)[1] for line in lines] == [
        f"task 'b' cannot be scheduled: waits for 'erp:b', {why}",  # crm's b: the project named
        "task 'b' cannot be scheduled: nobody assigned to it can work any more: 'bob' (available until 2027-01-08)",
        f"task 'phase.c' cannot be scheduled: waits for 'b', {why}",
        f"task 'phase.d' cannot be scheduled: waits for 'b', {why}",
    ]
