"""`pmcode diff`: what a change does to the plan. The pipeline of `pmcode check` runs on two sides (two git
revisions, or two directories), then a pure comparison says what moved.

- `diff_revisions(root, before, after, *, cwd=None) -> PlanDiff`: the portfolio root at two git revisions, read
  with `git ls-tree` and `git cat-file` into temporary directories (git.py; nothing is checked out). A missing
  revision, or no root at it, raises `PmcodeError` (exit status 2).
- `diff_directories(before, after) -> PlanDiff`: two portfolio roots on disk.
- `analyse_root(root, label, prefix=None) -> Side` (side.py): one side, every intermediate result kept;
  `diff_sides(before, after) -> PlanDiff` (engine.py): the pure comparison.
- What is compared (engine.py): per project the finish and every milestone (working days of side B's calendar,
  and calendar dates), tasks added, removed, renamed and re-parented and their durations, efforts, links and
  assignments (tasks.py), the critical path entered and left, total float lost, money (`bac`, `plan`, `eac`,
  `contingency`, each fiscal year's forecast); for the portfolio its finish and money, people whose bookings moved,
  who is over-allocated in the unleveled schedule, and findings of `pmcode check` newly raised or cleared
  (findings.py: by code and message, not by line).
- `PlanDiff` and its parts (result.py) have `to_json()`; renderers: pmcode.render.diff_text, diff_markdown,
  diff_json.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from pmcode.diff.engine import diff_sides
from pmcode.diff.git import export_revision
from pmcode.diff.result import PlanDiff
from pmcode.diff.side import Side, analyse_root

__all__ = ["PlanDiff", "Side", "analyse_root", "diff_directories", "diff_revisions", "diff_sides"]


def diff_revisions(root: Path, before: str, after: str, *, cwd: Path | None = None) -> PlanDiff:
    """The portfolio under `root` (a path from `cwd`, default the current directory) at git revisions `before`
    and `after`. Findings are located as `root/...` on both sides."""
    here = Path.cwd() if cwd is None else cwd
    shown = root.as_posix()
    sides: list[Side] = []
    for revision in (before, after):
        with tempfile.TemporaryDirectory(prefix="pmcode-diff-") as folder:
            export_revision(here, root, revision, Path(folder))
            sides.append(analyse_root(Path(folder), revision, shown))
    return diff_sides(sides[0], sides[1])


def diff_directories(before: Path, after: Path) -> PlanDiff:
    """Two portfolio roots on disk; each side's findings are located under its own root."""
    return diff_sides(analyse_root(before, before.as_posix()), analyse_root(after, after.as_posix()))
