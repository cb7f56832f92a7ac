"""Plan rules whose exact meaning matters: reference scoping and what counts as a dependency cycle."""

from __future__ import annotations

from pathlib import Path

import pytest
from plans import SMALL, write_plan

from pmcode.model.refs import resolve_task
from pmcode.validate import validate_root


def project(tasks: str) -> dict[str, str]:
    files = dict(SMALL)
    files["erp/project.yaml"] = "name: P\nstart: 2027-01-04\ntasks:\n" + tasks
    return files


def codes(tmp_path: Path, files: dict[str, str]) -> list[tuple[int, str]]:
    result = validate_root(write_plan(tmp_path / "projects", files))
    return [(d.line, d.code) for d in result.diagnostics]


@pytest.mark.parametrize(
    ("links", "cyclic"),
    [
        # A FF B and B SS A tie A's finish after B's and B's start after A's: both can hold, no cycle.
        ("a: [{task: b, type: FF}]\nb: [{task: a, type: SS}]", False),
        ("a: [{task: b, type: SS}]\nb: [{task: a, type: SS}]", True),
        ("a: [b]\nb: [{task: a, type: SF}]", True),  # b finishes after a starts; a starts after b finishes
        ("a: [{task: b, type: SF}]\nb: [{task: a, type: SF}]", False),  # each only needs the other to have started
        ("a: [a]", True),
        # A link from a task to itself means nothing, whatever its type: always reported.
        ("a: [{task: a, type: FF}]", True),
        ("a: [{task: a, type: SS}]", True),
        ("a: [{task: a, type: SF}]", True),
    ],
)
def test_link_types_decide_what_is_a_cycle(tmp_path: Path, links: str, cyclic: bool) -> None:
    depends = dict(line.split(": ", 1) for line in links.splitlines())
    tasks = "".join(
        f"  - {{id: {t}, name: {t.upper()}, duration: 1d, depends: {depends.get(t, '[]')}}}\n" for t in ("a", "b")
    )
    found = [code for _, code in codes(tmp_path, project(tasks))]
    assert found == (["PM207"] if cyclic else [])


def test_cycle_of_fifty_is_named_in_full(tmp_path: Path) -> None:
    tasks = "".join(f"  - {{id: t{n}, name: T{n}, duration: 1d, depends: [t{(n + 1) % 50}]}}\n" for n in range(50))
    result = validate_root(write_plan(tmp_path / "projects", project(tasks)))
    [finding] = result.diagnostics
    assert finding.code == "PM207"
    named = finding.message.split(": ", 1)[1].split(" (")[0].split(" -> ")
    assert len(named) == 51
    assert named[0] == named[-1]
    assert sorted(set(named)) == sorted(f"t{n}" for n in range(50))


def test_cross_project_cycle_names_projects(tmp_path: Path) -> None:
    files = project("  - {id: a, name: A, duration: 1d, depends: ['crm:b']}\n")
    files["crm/project.yaml"] = (
        "name: C\nstart: 2027-01-04\ntasks:\n  - {id: b, name: B, duration: 1d, depends: ['erp:a']}\n"
    )
    result = validate_root(write_plan(tmp_path / "projects", files))
    [finding] = result.diagnostics
    assert finding.code == "PM207"
    assert finding.message.startswith("dependency cycle: crm:b -> erp:a -> crm:b")


def test_references_resolve_from_the_innermost_scope_outwards(tmp_path: Path) -> None:
    tasks = (
        "  - {id: design, name: Design, duration: 1d}\n"
        "  - id: build\n"
        "    name: Build\n"
        "    tasks:\n"
        "      - {id: design, name: Build design, duration: 1d}\n"
        "      - {id: code, name: Code, duration: 1d, depends: [design]}\n"
        "      - id: test\n"
        "        name: Test\n"
        "        tasks:\n"
        "          - {id: unit, name: Unit, duration: 1d, depends: [code, build.design]}\n"
    )
    result = validate_root(write_plan(tmp_path / "projects", project(tasks)))
    assert result.diagnostics == ()
    erp = result.portfolio.projects["erp"]
    assert resolve_task(result.portfolio, erp, "design", "build") == ("erp", "build.design")  # sibling wins
    assert resolve_task(result.portfolio, erp, "design", "") == ("erp", "design")
    assert resolve_task(result.portfolio, erp, "code", "build.test") == ("erp", "build.code")  # enclosing scope
    assert resolve_task(result.portfolio, erp, "unit", "") is None  # no search downwards
    assert resolve_task(result.portfolio, erp, "build.test.unit", "") == ("erp", "build.test.unit")


def test_reference_into_a_broken_project_is_not_judged(tmp_path: Path) -> None:
    files = project("  - {id: a, name: A, duration: 1d, depends: ['crm:missing']}\n")
    files["crm/project.yaml"] = "name: [unclosed\n"
    found = codes(tmp_path, files)
    assert [code for _, code in found] == ["PM003"]  # the syntax error, not a follow-on "unknown task"
