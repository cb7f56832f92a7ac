"""The diff engine and its renderers on small plans in two directories: task matching (renamed, re-parented,
added, removed), findings compared without line numbers, a side with errors, hostile names in the PR comment, and
the comment's size limit."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

from click.testing import CliRunner
from plans import SMALL, write_plan

from pmcode.cli import cli
from pmcode.diff import diff_directories
from pmcode.diff.findings import subject
from pmcode.render.diff_json import render_diff_json
from pmcode.render.diff_markdown import render_diff_markdown
from pmcode.render.diff_text import render_diff_text

TASKS = """
    name: ERP upgrade
    start: 2027-01-04
    manager: alice
    tasks:
      - {id: design, name: Design, effort: 10d, assign: [alice, {person: bob, units: 50%}]}
      - {id: build, name: Build, duration: 15d, depends: [design]}
      - id: phase
        name: Phase
        tasks:
          - {id: migrate, name: Migrate, duration: 5d, depends: [{task: design, type: SS, lag: 2d}]}
      - {id: golive, name: Go-live, milestone: true, depends: [build, phase.migrate], deadline: 2027-04-30}
"""


def two_sides(tmp_path: Path, after_project: str, before_project: str = TASKS) -> tuple[Path, Path]:
    before = write_plan(tmp_path / "a", {**SMALL, "erp/project.yaml": before_project})
    after = write_plan(tmp_path / "b", {**SMALL, "erp/project.yaml": after_project})
    return before, after


def test_identical_directories_have_no_change(tmp_path: Path) -> None:
    before, after = two_sides(tmp_path, TASKS)
    diff = diff_directories(before, after)
    assert diff.to_json()["projects"] == [] and diff.findings == () and diff.money == ()
    assert "No change to dates, tasks, people, money or findings" in render_diff_text(diff)


def test_a_task_moved_under_another_parent_is_re_parented_not_added_and_removed(tmp_path: Path) -> None:
    moved = (
        TASKS.replace("      - {id: build, name: Build, duration: 15d, depends: [design]}\n", "")
        .replace(
            "          - {id: migrate,",
            "          - {id: build, name: Build, duration: 15d, depends: [design]}\n          - {id: migrate,",
        )
        .replace("depends: [build, phase.migrate]", "depends: [phase.build, phase.migrate]")
        .replace("name: Design,", "name: Solution design,")
    )
    before, after = two_sides(tmp_path, moved)
    erp = diff_directories(before, after).projects[0]
    changes = {(t.change, t.path, t.before_path): [(f.field, f.before, f.after) for f in t.fields] for t in erp.tasks}
    assert changes == {
        ("re-parented", "phase.build", "build"): [("parent", "", "phase")],
        ("renamed", "design", None): [("name", "Design", "Solution design")],
        ("changed", "golive", None): [("depends", "build, phase.migrate", "phase.build, phase.migrate")],
    }


def test_added_and_removed_tasks_and_the_finish_they_move(tmp_path: Path) -> None:
    longer = TASKS.replace(
        "      - {id: golive,",
        "      - {id: test, name: Test, duration: 5d, depends: [build]}\n      - {id: golive,",
    ).replace("depends: [build, phase.migrate]", "depends: [test, phase.migrate]")
    longer = longer.replace(
        "          - {id: migrate, name: Migrate, duration: 5d, depends: [{task: design, type: SS, lag: 2d}]}\n",
        "          - {id: check, name: Check, duration: 1d}\n",
    )
    longer = longer.replace("phase.migrate]", "phase.check]")
    before, after = two_sides(tmp_path, longer)
    diff = diff_directories(before, after)
    erp = diff.projects[0]
    assert [(t.change, t.path) for t in erp.tasks] == [
        ("removed", "phase.migrate"),
        ("added", "phase.check"),
        ("added", "test"),
        ("changed", "golive"),
    ]
    # design: 10 d of effort by alice (100%) and bob (50%) = 1.5 people: 6.67 working days, from Monday
    # 2027-01-04 09:00 to Tuesday 01-12 14:20 (MLK day is later); build 15 d; the new test task adds 5 working days
    assert erp.finish is not None and erp.finish.working_days == 5.0
    assert [(m.path, m.working_days) for m in erp.milestones] == [("golive", 5.0)]
    assert [(c.path, c.entered) for c in erp.critical] == [("test", True)]
    document = json.loads(render_diff_json(diff))
    assert document["finish"]["working_days"] == 5.0
    assert render_diff_json(diff) == render_diff_json(diff_directories(before, after))  # deterministic


def test_findings_are_compared_by_code_and_message_without_numbers_or_lines(tmp_path: Path) -> None:
    assert (
        subject("'test.sit2' finishes 2027-04-05 14:00, 10.6 days late")
        == "'test.sit2' finishes #-#-# #:#, # days late"
    )
    late = TASKS.replace("deadline: 2027-04-30", "deadline: 2027-01-29")
    later = "# a comment that moves every line\n" + late.replace("duration: 15d", "duration: 16d")
    before, after = two_sides(tmp_path, later, late)
    diff = diff_directories(before, after)
    assert diff.findings == ()  # the same missed deadline, one day later and one line lower: not new
    before, after = two_sides(tmp_path / "2", late)
    diff = diff_directories(before, after)
    assert [(f.change, f.code, f.file) for f in diff.findings] == [
        ("new", "PM301", f"{after.as_posix()}/erp/project.yaml")
    ]
    back = diff_directories(after, before)
    assert [(f.change, f.code) for f in back.findings] == [("cleared", "PM301")]


def test_a_side_with_errors_is_compared_by_its_findings(tmp_path: Path) -> None:
    before, after = two_sides(tmp_path, TASKS.replace("depends: [design]}", "depends: [desgin]}"))
    diff = diff_directories(before, after)
    assert not diff.scheduled and diff.money == ()
    assert [(f.code, f.severity) for f in diff.new_findings] == [("PM202", "error")]
    assert [f.code for f in diff.cleared_findings] == ["PM520"]  # no baseline: said of a scheduled plan only
    assert "not scheduled: a side has errors" in render_diff_markdown(diff)


HOSTILE = "<script>alert(1)</script> | *bold* _x_ [link](javascript:alert(1)) `tick` &amp;"


def test_hostile_names_are_escaped_in_the_pr_comment(tmp_path: Path) -> None:
    renamed = TASKS.replace("name: Build,", f"name: '{HOSTILE}',")
    before, after = two_sides(tmp_path, renamed)
    markdown = render_diff_markdown(diff_directories(before, after))
    assert "<script" not in markdown and "&amp;amp;" in markdown
    assert not re.search(r"(?<!\\)\[", markdown)  # no link can open: every [ of the data is escaped
    row = next(line for line in markdown.splitlines() if line.startswith("| renamed"))
    assert len(re.findall(r"(?<!\\)\|", row)) == 5  # 4 cells: every pipe of the name is escaped
    assert "\\*bold\\*" in row and "\\_x\\_" in row and "\\[link\\]" in row and "&lt;script&gt;" in row


def test_the_pr_comment_stays_under_its_limit_and_says_what_it_left_out(tmp_path: Path) -> None:
    many = "\n".join(f"      - {{id: t{n}, name: Task {n}, duration: 1d}}" for n in range(300))
    before, after = two_sides(tmp_path, TASKS + many + "\n")
    diff = diff_directories(before, after)
    full = render_diff_markdown(diff)
    assert "not shown" not in full and full.count("| added |") == 300
    short = render_diff_markdown(diff, limit=4000)
    assert len(short) < 4000
    shown = short.count("| added |")
    assert 0 < shown < 300
    assert f"{300 - shown} more not shown." in short
    assert short.rstrip().endswith("more not shown: run `pmcode diff` locally for the whole comparison.")


def test_the_command_compares_two_directories_and_refuses_a_mix(tmp_path: Path) -> None:
    before, after = two_sides(tmp_path, TASKS.replace("duration: 15d", "duration: 17d"))
    result = CliRunner().invoke(cli, ["diff", str(before), str(after)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == (
        "Finish +2 working days (2027-02-03 -> 2027-02-05); 1 milestone moved; tasks: 1 changed"
    )
    assert "  changed build (Build): duration 15d -> 17d" in result.output
    mixed = CliRunner().invoke(cli, ["diff", str(before), "HEAD"])
    assert mixed.exit_code == 2 and "give two directories or two revisions, not one of each" in mixed.output
    document = json.loads(CliRunner().invoke(cli, ["diff", str(before), str(after), "--format", "json"]).output)
    assert document["projects"][0]["finish"]["working_days"] == 2.0
    assert copy.deepcopy(document) == document


def test_many_changed_projects_stay_under_the_limit_too(tmp_path: Path) -> None:
    projects = {f"p{n:02d}/project.yaml": TASKS for n in range(40)}
    changed = {name: TASKS.replace("duration: 15d", "duration: 16d") for name in projects}
    before = write_plan(tmp_path / "a", {**SMALL, **projects})
    after = write_plan(tmp_path / "b", {**SMALL, **changed})
    diff = diff_directories(before, after)
    assert len([p for p in diff.projects if p.changed]) == 40
    full = render_diff_markdown(diff)
    assert full.count("<details>") == 40 and "not shown" not in full
    for limit in (2500, 5000):
        short = render_diff_markdown(diff, limit=limit)
        assert len(short) < limit
        assert short.count("<details>") < 40 and "more not shown: run `pmcode diff` locally" in short
