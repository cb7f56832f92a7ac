"""`pmcode init`: a new plan repository, for a team that installs pmcode from a package index.

It holds a portfolio (portfolio, calendars, people), one example project with a budget and a baseline made by the
baseline engine, the JSON Schemas and an editor mapping for them, the plan-check and pages workflows, a pre-commit
configuration, a site project and a README. `pmcode check` passes on it with no findings (a test makes sure).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from pmcode.errors import PmcodeError
from pmcode.scaffold.files import repository_files, write_inside
from pmcode.text import printable

PLAN_ROOT = "projects"
EXAMPLE_PROJECT = "website-refresh"
_IGNORED = frozenset({".git"})  # a fresh clone is still an empty repository


@dataclass(frozen=True)
class NewRepository:
    target: Path
    files: tuple[str, ...]  # written, relative to target (POSIX), sorted
    bac: float  # the example project's budget at completion, as baselined
    finish: str | None  # and its finish


def _is_empty(folder: Path) -> bool:
    return all(entry.name in _IGNORED for entry in folder.iterdir())


def example_baseline(files: dict[str, bytes]) -> tuple[bytes, float, str | None]:
    """The example project's baseline.yaml, made by the baseline engine from the scaffold's plan alone (in a
    scratch directory, so that whatever else is in the target cannot change or stop it)."""
    from pmcode.baseline import BaselineInfo, save_baseline
    from pmcode.schedule import schedule_portfolio
    from pmcode.validate import validate_root

    with tempfile.TemporaryDirectory(prefix="pmcode-init-") as scratch:
        for relative, data in files.items():
            if relative.startswith((f"{PLAN_ROOT}/", "schemas/")):
                write_inside(Path(scratch), relative, data)
        root = Path(scratch) / PLAN_ROOT
        result = validate_root(root)
        if result.errors:  # the templates are wrong: a bug, shown with its findings
            raise RuntimeError(f"pmcode's scaffold does not validate: {[d.message for d in result.diagnostics]}")
        plan = schedule_portfolio(result.portfolio, network=result.network)
        info = BaselineInfo(name="B1 - example plan")
        saved = save_baseline(root, result.portfolio, plan, EXAMPLE_PROJECT, info, shown_root=PLAN_ROOT)
        return (root / EXAMPLE_PROJECT / "baseline.yaml").read_bytes(), saved.bac, saved.finish


def init_repository(target: Path, *, force: bool = False) -> NewRepository:
    """Write a new plan repository into `target` (created if missing). A directory that holds anything but `.git`
    is refused unless `force`, which writes the scaffold's files over any of the same names and leaves the rest."""
    shown = printable(target.as_posix())
    if target.exists() and not target.is_dir():
        raise PmcodeError(f"{shown} is not a directory")
    if target.is_dir() and not force and not _is_empty(target):
        raise PmcodeError(
            f"{shown} is not empty: choose a new or empty directory, or use --force to write the scaffold into it "
            "(files of the same names are replaced, others are left alone)"
        )
    files = repository_files()
    baseline, bac, finish = example_baseline(files)
    files[f"{PLAN_ROOT}/{EXAMPLE_PROJECT}/baseline.yaml"] = baseline
    target.mkdir(parents=True, exist_ok=True)
    for relative, data in sorted(files.items()):
        write_inside(target, relative, data)
    return NewRepository(target, tuple(sorted(files)), bac, finish)
