"""Files that ship with pmcode: the JSON Schemas (in the wheel under pmcode/_data, in a checkout at the top level)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent


def schema_dir() -> Path:
    packaged = _PACKAGE / "_data" / "schemas"
    return packaged if packaged.is_dir() else _PACKAGE.parent / "schemas"


@cache
def load_schemas() -> dict[str, dict[str, Any]]:
    """Every schema file by name, e.g. 'project.schema.json'."""
    schemas: dict[str, dict[str, Any]] = {}
    for path in sorted(schema_dir().glob("*.schema.json")):
        schemas[path.name] = json.loads(path.read_text(encoding="utf-8"))
    return schemas
