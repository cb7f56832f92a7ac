"""Files that ship with pmcode: the JSON Schemas (in the wheel under pmcode/_data, in a checkout at the top level)."""

from __future__ import annotations

import copy
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


_DEFINITIONS = "/definitions/"


@cache
def bundled_schema(name: str) -> dict[str, Any]:
    """Schema `name` with every definition it uses from other schema files copied in, so it has no external `$ref`.

    Editors read the schema files as they are (with relative `$ref`s between files); validators get one
    self-contained document, which resolves faster and compiles with fastjsonschema.
    """
    schemas = load_schemas()
    root = copy.deepcopy(schemas[name])
    definitions: dict[str, Any] = root.setdefault("definitions", {})

    def rewrite(node: Any, origin: str) -> None:
        if isinstance(node, list):
            for item in node:
                rewrite(item, origin)
            return
        if not isinstance(node, dict):
            return
        ref = node.get("$ref")
        if isinstance(ref, str):
            file, _, pointer = ref.partition("#")
            file = file or origin
            if file != name:
                if not pointer.startswith(_DEFINITIONS):
                    raise ValueError(f"{origin}: only references to definitions are supported, not {ref}")
                definition = pointer[len(_DEFINITIONS) :]
                local = f"{file.removesuffix('.schema.json')}__{definition}"
                node["$ref"] = f"#{_DEFINITIONS}{local}"
                if local not in definitions:
                    definitions[local] = copy.deepcopy(schemas[file]["definitions"][definition])
                    rewrite(definitions[local], file)
        for key, value in list(node.items()):
            if key != "$ref":
                rewrite(value, origin)

    for value in list(root.values()):
        rewrite(value, name)
    return root
