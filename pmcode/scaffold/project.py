"""`pmcode new project`: a project folder whose skeleton validates, ready to be filled in.

The files are checked against their schemas before anything is written (the name comes from the user), and an
existing project is never touched.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pmcode.errors import PmcodeError
from pmcode.load import FileKind
from pmcode.load.documents import parse_text
from pmcode.scaffold.files import new_project_template, write_inside
from pmcode.text import printable
from pmcode.validate.schema import check_schema

# The ids pmcode reads as project folders (load/discover.py), lower case: a folder name that differs from another
# one only in case would collide on case-insensitive file systems.
PROJECT_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}\Z")
_FILES = {
    "project.yaml": FileKind.PROJECT,
    "budget.yaml": FileKind.BUDGET,
    "quality.yaml": FileKind.QUALITY,  # empty standards and audits, with a commented example
    "requirements.yaml": FileKind.REQUIREMENTS,  # no requirements yet, with a commented example
    "raid.yaml": FileKind.RAID,  # no risks, assumptions, issues or decisions yet, with commented examples
}


@dataclass(frozen=True)
class NewProject:
    id: str
    folder: Path
    files: tuple[Path, ...]


def default_name(project_id: str) -> str:
    """`crm-rollout` -> `Crm rollout`."""
    words = project_id.replace("_", "-").split("-")
    return " ".join(w for w in words if w).capitalize() or project_id


def _modeline(root: Path, project_id: str, kind: FileKind) -> str:
    """The schema modeline when the schemas sit beside the root (as `pmcode init` lays them out), else nothing:
    `.vscode/settings.json` or the editor's own set-up maps them."""
    schema = root.resolve().parent / "schemas" / kind.schema_file
    if not schema.is_file():
        return ""
    relative = Path(os.path.relpath(schema, root.resolve() / project_id)).as_posix()
    return f"# yaml-language-server: $schema={relative}\n"


def project_texts(root: Path, project_id: str, name: str, start: date) -> dict[str, str]:
    texts: dict[str, str] = {}
    for file, kind in _FILES.items():
        text = new_project_template(file)
        text = text.replace("@MODELINE@", _modeline(root, project_id, kind)).replace("@ID@", project_id)
        # A JSON string is a YAML double-quoted scalar: any name stays one value, whatever it holds.
        text = text.replace("@NAME@", json.dumps(name, ensure_ascii=False)).replace("@START@", start.isoformat())
        document, problems = parse_text(text.encode("utf-8"), f"{project_id}/{file}", kind)
        if document is not None:
            problems.extend(check_schema(document))
        if problems:
            raise PmcodeError(f"cannot make {project_id}/{file}: {problems[0].message}")
        texts[file] = text
    return texts


def new_project(root: Path, project_id: str, *, start: date, name: str | None = None) -> NewProject:
    """Add `root/<project_id>/` with project.yaml (a kick-off, one task, a completion milestone) and budget.yaml."""
    shown = printable(project_id)
    if not PROJECT_ID.match(project_id):
        raise PmcodeError(
            f"'{shown}' is not a project id: lower-case letters, digits, '-' and '_', starting with a letter or "
            "digit, at most 64 characters (e.g. crm-rollout)"
        )
    if not root.is_dir():
        raise PmcodeError(f"{printable(root.as_posix())} is not a directory")
    names = [entry.name for entry in root.iterdir()]
    if project_id in names:
        raise PmcodeError(f"project '{shown}' already exists in {printable(root.as_posix())}")
    clashes = [name for name in names if name.lower() == project_id]
    if clashes:
        clash = printable(clashes[0])
        raise PmcodeError(f"'{shown}' differs from the existing '{clash}' only in case: choose another id")
    texts = project_texts(root, project_id, name or default_name(project_id), start)
    written = tuple(write_inside(root, f"{project_id}/{file}", text.encode("utf-8")) for file, text in texts.items())
    return NewProject(project_id, root / project_id, written)
