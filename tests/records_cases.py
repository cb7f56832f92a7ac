"""Helpers of the records tests: copy a case folder, edit one of its files, so a failing case can be made to pass."""

from __future__ import annotations

import shutil
from pathlib import Path

CASES = Path(__file__).parent / "cases"


def copy_case(case: str, tmp_path: Path) -> Path:
    """A copy of tests/cases/<case> without its expected output, to edit."""
    root = tmp_path / "case"
    shutil.copytree(CASES / case, root, ignore=shutil.ignore_patterns("expected.txt", "command"))
    return root


def edit(path: Path, old: str, new: str) -> None:
    """Replace `old` (which must be there) by `new` in the file."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")
