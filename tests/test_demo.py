"""The demo portfolio in projects/ is what every command runs on by default: it must stay clean and complete."""

from __future__ import annotations

from pathlib import Path

from pmcode.load import discover
from pmcode.model import LinkType, TaskKind
from pmcode.validate import validate_root

PROJECTS = Path(__file__).resolve().parents[1] / "projects"
SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


def test_demo_validates_clean_even_strict() -> None:
    result = validate_root(PROJECTS)
    assert [f"{d.file}:{d.line}:{d.col} {d.code} {d.message}" for d in result.diagnostics] == []


def test_demo_has_what_the_format_promises() -> None:
    portfolio = validate_root(PROJECTS).portfolio
    assert len(portfolio.projects) >= 4
    assert len(portfolio.people) >= 12
    assert len(portfolio.roles) >= 5
    assert any(p.units < 1 for p in portfolio.people.values()), "part-time staff"
    assert any(p.leave for p in portfolio.people.values())
    assert any(c.holiday_country for c in portfolio.calendars.values()), "public holidays of a real country"
    link_types: set[LinkType] = set()
    assigned_projects: dict[str, set[str]] = {}
    for project in portfolio.projects.values():
        tasks = list(project.walk())
        kinds = {task.kind for task in tasks}
        if project.status == "active":
            assert 30 <= len(tasks) <= 80, project.id
            assert kinds == set(TaskKind), project.id
            assert project.budget is not None, project.id
            assert project.baseline is not None, project.id
            assert len(project.actuals) >= 2, project.id
            assert project.deliverables, project.id
            categories = {line.category for line in project.budget.lines}
            assert "labor" in categories and len(categories) >= 3, project.id
        for task in tasks:
            link_types.update(d.type for d in task.depends)
            for assignment in task.assign:
                assigned_projects.setdefault(assignment.person, set()).add(project.id)
    assert link_types == set(LinkType)
    assert any(len(projects) > 1 for projects in assigned_projects.values()), "people shared across projects"
    assert any(":" in d.ref for p in portfolio.projects.values() for t in p.walk() for d in t.depends)


def test_every_demo_file_names_its_own_schema() -> None:
    found = discover(PROJECTS, "projects")
    assert len(found.files) == len([*PROJECTS.rglob("*.yaml"), *PROJECTS.rglob("meetings/*.md")])
    for source in found.files:
        lines = source.path.read_text(encoding="utf-8").splitlines()
        first = lines[1] if source.file.endswith(".md") else lines[0]  # a meeting's front matter opens with it
        assert first.startswith("# yaml-language-server: $schema="), source.file
        schema = (source.path.parent / first.split("=", 1)[1]).resolve()
        assert schema == SCHEMAS / source.kind.schema_file, source.file
