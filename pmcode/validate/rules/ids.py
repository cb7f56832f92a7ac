"""PM201: ids repeated within one list (calendars, roles, people, budget lines, deliverables, sibling tasks)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pmcode.diagnostics import Diagnostic
from pmcode.load import Document
from pmcode.load.sourcemap import PathItem


def _lists_of_items(value: Any, path: tuple[PathItem, ...]) -> Iterator[tuple[tuple[PathItem, ...], list[Any]]]:
    """Every list of mappings that carry an `id`, with its path. Iterative: task trees can be large."""
    stack: list[tuple[Any, tuple[PathItem, ...]]] = [(value, path)]
    while stack:
        current, where = stack.pop()
        if isinstance(current, dict):
            stack.extend((v, (*where, k)) for k, v in current.items() if isinstance(v, dict | list))
        elif isinstance(current, list):
            if any(isinstance(item, dict) and "id" in item for item in current):
                yield where, current
            stack.extend((v, (*where, n)) for n, v in enumerate(current) if isinstance(v, dict | list))


def duplicate_ids(documents: Iterable[Document]) -> Iterator[Diagnostic]:
    for document in documents:
        for path, items in _lists_of_items(document.data, ()):
            first_line: dict[str, int] = {}
            for n, item in enumerate(items):
                if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                    continue
                item_id = item["id"]
                loc = document.loc((*path, n, "id"))
                if item_id in first_line:
                    where = str(path[-1]) if path else "list"
                    message = f"duplicate id '{item_id}' in {where} (first at line {first_line[item_id]})"
                    yield Diagnostic.at(loc, "PM201", message)
                else:
                    first_line[item_id] = loc.line
