"""Comparing pmcode's schedule of an imported MSPDI file with the Start/Finish MS Project saved in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pmcode.mspdi.importer import import_mspdi
from pmcode.mspdi.source import MsProject, MsTask, read_project
from pmcode.schedule import schedule_portfolio
from pmcode.validate import validate_root


@dataclass
class Comparison:
    compared: int = 0
    matched: int = 0
    mismatches: dict[int, str] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.matched / self.compared if self.compared else 1.0


def computed_by_ms_project(task: MsTask) -> bool:
    return not (
        task.null
        or task.summary
        or task.manual
        or not task.active
        or task.outline_level <= 0
        or task.percent_complete > 0
        or task.actual_start is not None
        or task.start is None
        or task.finish is None
    )


def compare(source: Path, tmp_path: Path) -> Comparison:
    imported = import_mspdi(source, tmp_path / "projects" / "oracle")
    assert not imported.failed, imported.findings
    validation = validate_root(tmp_path / "projects")
    assert validation.errors == 0, [d for d in validation.diagnostics if d.severity.value == "error"]
    schedule = schedule_portfolio(validation.portfolio, level=False)
    rows = {row.path: row for row in schedule.project("oracle").tasks}
    project: MsProject = read_project(source.read_bytes())
    result = Comparison()
    for task in project.tasks:
        if not computed_by_ms_project(task) or task.uid not in imported.task_paths:
            continue
        row = rows[imported.task_paths[task.uid]]
        result.compared += 1
        if (row.start, row.finish) == (task.start, task.finish):
            result.matched += 1
        else:
            result.mismatches[task.uid] = (
                f"{task.name!r}: MS Project {task.start} - {task.finish}, pmcode {row.start} - {row.finish}"
            )
    return result
