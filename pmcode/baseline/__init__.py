"""Baselines: the agreed plan frozen into `<project>/baseline.yaml`, and read back from any git revision.

- `baseline_data(...)` (pure, build.py): a scheduled, costed project -> the document's contents.
- `save_baseline(root, portfolio, schedule, project_id, info)`: build, check and write it (write.py); the API of
  `pmcode baseline save`.
- `baseline_at_revision(root, project_id, rev)` (git.py): the baseline at a git revision, for `--baseline REV`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from pmcode.baseline.build import BaselineInfo, baseline_data, planned_cents
from pmcode.baseline.git import baseline_at_revision
from pmcode.baseline.write import baseline_path, baseline_text, check_text, existing_modeline, write_baseline
from pmcode.cost import Phasing, cost_project, status_date
from pmcode.diagnostics import Diagnostic
from pmcode.load.discover import display_path
from pmcode.model import Portfolio
from pmcode.records.changes.model import named_changes
from pmcode.schedule import Schedule

__all__ = [
    "BaselineInfo",
    "SavedBaseline",
    "baseline_at_revision",
    "baseline_data",
    "planned_cents",
    "save_baseline",
]


@dataclass(frozen=True)
class SavedBaseline:
    project: str
    file: str  # as shown to the user: the root as given, then <project>/baseline.yaml
    written: bool  # False when the file already held exactly this baseline
    bac: float
    finish: str | None
    findings: tuple[Diagnostic, ...]  # cost findings (PM5xx), warnings: the baseline is written all the same


def save_baseline(
    root: Path,
    portfolio: Portfolio,
    schedule: Schedule,
    project_id: str,
    info: BaselineInfo,
    shown_root: str | None = None,
) -> SavedBaseline:
    """Cost `project_id` as scheduled and write its baseline.yaml under `root` (raises PmcodeError when that
    cannot be done safely). The change requests the current baseline names are kept, `info.changes` added."""
    path = baseline_path(root, project_id)
    file = display_path(root.as_posix() if shown_root is None else shown_root, project_id, path.name)
    project = portfolio.projects[project_id]
    if project.baseline is not None:  # the change requests already recorded stay: `change` is the history
        kept = named_changes(project.baseline.src.raw("change"))
        info = replace(info, changes=tuple(dict.fromkeys((*kept, *info.changes))))
    planned = schedule.project(project_id)
    phasing = Phasing(portfolio)
    cost = cost_project(portfolio, project, planned, phasing)
    data = baseline_data(project, planned, cost, phasing, info, status_date(portfolio, project))
    text = baseline_text(data, existing_modeline(path))
    check_text(text, file)
    written = write_baseline(path, text)
    finish = data.get("finish")
    return SavedBaseline(project_id, file, written, float(data["bac"]), finish, cost.findings)
