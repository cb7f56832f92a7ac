"""Walk a JSON Schema the way a user walks a file: every key path they can write, with the schema that governs it.

`$ref`s are followed (a reference to a definition that is already being expanded further up the path, such as
task -> tasks -> task, becomes a pointer back instead of a loop), `anyOf` alternatives that are mappings contribute
their keys, `patternProperties` become a `*` path segment and list items a `[]` segment: `tasks[].depends[].lag`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any
from urllib.parse import unquote, urljoin

Schema = Mapping[str, Any]


class Schemas:
    """All schema files by name, and `$ref` resolution between them (`file#/json/pointer`)."""

    def __init__(self, files: Mapping[str, Schema]) -> None:
        self.files = files

    def lookup(self, uri: str) -> Schema:
        file, _, pointer = uri.partition("#")
        node: Any = self.files[file]
        for token in (t for t in unquote(pointer).split("/") if t):
            node = node[token.replace("~1", "/").replace("~0", "~")]
        if not isinstance(node, Mapping):
            raise TypeError(f"{uri} is not a schema")
        return node

    def view(self, node: Schema, file: str) -> View:
        """`node` (found in `file`) with its `$ref` chain followed."""
        refs: list[str] = []
        target, where = node, file
        while "$ref" in target:
            uri = urljoin(where, str(target["$ref"]))
            if uri in refs:
                raise ValueError(f"$ref loop through {uri}")
            refs.append(uri)
            where = uri.partition("#")[0]
            target = self.lookup(uri)
        return View(node, target, where, tuple(refs), self)


@dataclass(frozen=True)
class View:
    """A schema node as written (`node`: its own description and examples) and as it validates (`target`)."""

    node: Schema
    target: Schema
    file: str  # the file `target` lives in, against which its own `$ref`s resolve
    refs: tuple[str, ...]  # the `$ref` chain followed, outermost first
    schemas: Schemas = field(repr=False, compare=False)

    @property
    def description(self) -> str:
        return str(self.node.get("description") or self.target.get("description") or "")

    @property
    def examples(self) -> list[Any]:
        return list(self.node.get("examples") or self.target.get("examples") or [])

    @property
    def types(self) -> list[str]:
        declared = self.target.get("type", [])
        return [declared] if isinstance(declared, str) else list(declared)

    def sub(self, node: Schema) -> View:
        return self.schemas.view(node, self.file)

    def alternatives(self) -> list[View]:
        return [self.sub(alt) for alt in self.target.get("anyOf", self.target.get("oneOf", []))]

    def items(self) -> View | None:
        items = self.target.get("items")
        return self.sub(items) if isinstance(items, Mapping) else None

    def objects(self) -> list[View]:
        """The mapping forms of this node: itself, or its `anyOf` alternatives that are mappings."""
        if "properties" in self.target or "patternProperties" in self.target:
            return [self]
        return [alt for alt in self.alternatives() if alt.objects()]

    def structured(self) -> bool:
        """Whether the node has keys of its own to document (directly, or through list items)."""
        if self.objects():
            return True
        items = self.items()
        return items is not None and items.structured()


class EntryKind(StrEnum):
    ROOT = "root"
    DEFINITION = "definition"  # a named definition documented on its own (shared value types)
    PROPERTY = "property"  # `key:` in a mapping
    PATTERN = "pattern"  # any key matching a pattern
    ITEM = "item"  # an item of a list


@dataclass(frozen=True)
class Entry:
    """One documented key path."""

    path: str  # e.g. `tasks[].depends[].lag`; `*` stands for a key matching `key_pattern`
    kind: EntryKind
    view: View
    required: bool | None  # None where the question does not arise (list items, pattern keys)
    key: str | None = None  # the key to show in examples: the property name, or a sample key for a pattern
    key_pattern: str | None = None
    same_as: str | None = None  # path of the entry that documents this node's keys, when it recurses


def _join(path: str, segment: str) -> str:
    return f"{path}.{segment}" if path else segment


def _sample_key(pattern: str, parent: View) -> str | None:
    """A key from the parent's examples that matches `pattern`, to show a pattern entry's example in place."""
    for example in parent.examples:
        if isinstance(example, Mapping):
            for key in example:
                if re.search(pattern, str(key)):
                    return str(key)
    return None


def walk(view: View, path: str = "", kind: EntryKind = EntryKind.ROOT) -> Iterator[Entry]:
    """Every entry from `view` down, depth first, properties in schema order."""
    yield from _walk(Entry(path, kind, view, None), {})


def _walk(entry: Entry, expanding: dict[str, str]) -> Iterator[Entry]:
    yield entry
    if entry.same_as is not None:
        return
    view = entry.view
    inner = {**expanding, **dict.fromkeys(view.refs, entry.path)}
    children: list[Entry] = []
    for form in view.objects():
        required = set(form.target.get("required", []))
        for name, node in form.target.get("properties", {}).items():
            prop = form.sub(node)
            children.append(Entry(_join(entry.path, name), EntryKind.PROPERTY, prop, name in required, key=name))
        for pattern in sorted(form.target.get("patternProperties", {})):
            value = form.sub(form.target["patternProperties"][pattern])
            sample = _sample_key(pattern, view)
            children.append(Entry(_join(entry.path, "*"), EntryKind.PATTERN, value, None, sample, pattern))
    items = view.items()
    if items is not None and items.structured():
        children.insert(0, Entry(entry.path + "[]", EntryKind.ITEM, items, None))
    for child in children:
        loop = next((inner[ref] for ref in child.view.refs if ref in inner), None)
        if loop is not None and child.view.structured():
            child = replace(child, same_as=loop)
        yield from _walk(child, inner)
