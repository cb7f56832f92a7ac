"""Scaffolding: new plan repositories and new projects, from templates shipped with the package (templates/).

- `init_repository(target, force=False)`: `pmcode init` (repository.py);
- `new_project(root, project_id, start=..., name=None)`: `pmcode new project` (project.py);
- `repository_files()`: the files `pmcode init` writes, but the example's baseline (files.py).
"""

from __future__ import annotations

from pmcode.scaffold.files import repository_files
from pmcode.scaffold.project import NewProject, new_project
from pmcode.scaffold.repository import EXAMPLE_PROJECT, PLAN_ROOT, NewRepository, init_repository

__all__ = [
    "EXAMPLE_PROJECT",
    "PLAN_ROOT",
    "NewProject",
    "NewRepository",
    "init_repository",
    "new_project",
    "repository_files",
]
