"""baseline.yaml as text, and writing it into its project folder (never anywhere else).

The text is deterministic: keys in a fixed order, one line per task, amounts with two decimals, no timestamps.
Saving an unchanged plan again gives the same bytes. Before anything is written, the text is read back with the
same loader and schema as every plan file, so pmcode never writes a baseline it would refuse to read.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pmcode.atomic import write_atomic
from pmcode.errors import PmcodeError
from pmcode.load import FileKind
from pmcode.load.documents import parse_text
from pmcode.text import printable
from pmcode.validate.schema import check_schema
from pmcode.yamlwrite import to_review_yaml

BASELINE_FILE = "baseline.yaml"
MODELINE = "# yaml-language-server: $schema=../../schemas/baseline.schema.json"
HEADER = (
    "# Written by `pmcode baseline save`: dates, hours and cost per task, planned value (pv) per month and per\n"
    "# budget line. bac = the sum of pv; contingency and management reserve are outside it. Re-save after an\n"
    "# approved change; review the diff like code.\n"
)
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}\Z")
_MODELINE = re.compile(r"# yaml-language-server: \$schema=\S+\Z")


def baseline_text(data: dict[str, Any], modeline: str = MODELINE) -> str:
    return f"{modeline}\n{HEADER}{to_review_yaml(data)}"


def check_text(text: str, file: str) -> None:
    """Refuse to write a baseline that pmcode would not read back (e.g. a name with a control character)."""
    document, problems = parse_text(text.encode("utf-8"), file, FileKind.BASELINE)
    if document is not None:
        problems.extend(check_schema(document))
    if problems:
        first = problems[0]
        raise PmcodeError(f"not writing {file}: line {first.line}: {first.message}")


def baseline_path(root: Path, project_id: str) -> Path:
    """`ROOT/<project>/baseline.yaml`, after making sure it cannot lead outside ROOT."""
    folder = root / project_id
    if not _ID.match(project_id) or folder.is_symlink() or not folder.is_dir():
        raise PmcodeError(f"'{printable(project_id)}' is not a project folder of {printable(root.as_posix())}")
    if folder.resolve().parent != root.resolve():
        raise PmcodeError(f"'{printable(project_id)}' is not inside {printable(root.as_posix())}")
    return folder / BASELINE_FILE


def existing_modeline(path: Path) -> str:
    """The schema modeline of the baseline being replaced, kept as the user set it; the default otherwise."""
    if path.is_symlink() or not path.is_file():
        return MODELINE
    try:
        with path.open("rb") as handle:
            first = handle.readline(1024).decode("utf-8", errors="replace").rstrip("\r\n")
    except OSError:
        return MODELINE
    return first if _MODELINE.match(first) else MODELINE


def write_baseline(path: Path, text: str) -> bool:
    """Write through a temporary file renamed over `path` (a symbolic link there is replaced, never followed).
    Returns False when the file already holds exactly this text (nothing is written)."""
    if not path.is_symlink() and path.is_file() and path.read_bytes() == text.encode("utf-8"):
        return False
    write_atomic(path, text)
    return True
