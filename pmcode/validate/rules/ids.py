"""PM201: ids repeated within one list (calendars, roles, people, budget lines, deliverables, sibling tasks)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pmcode.diagnostics import Diagnostic
from pmcode.load import Document
from pmcode.load.sourcemap import PathItem

# A path as a chain of (parent chain, key) pairs, made into a tuple only for a finding: valid plans never pay for it.
Trail = tuple["Trail", PathItem] | None


def _path(trail: Trail) -> tuple[PathItem, ...]:
    keys: list[PathItem] = []
    while trail is not None:
        trail, key = trail
        keys.append(key)
    return tuple(reversed(keys))


def _repeated_ids(value: Any) -> Iterator[tuple[Trail, str, int, int]]:
    """(the list's trail, the id, index of its first item, index of the repeat) for each id repeated within a list
    of mappings. Iterative: task trees can be large. The data is the loader's: plain dicts and lists."""
    stack: list[tuple[Any, Trail]] = [(value, None)]
    push = stack.append
    while stack:
        current, trail = stack.pop()
        if type(current) is dict:
            for key, item in current.items():
                if type(item) is dict or type(item) is list:
                    push((item, (trail, key)))
        elif type(current) is list:
            first: dict[str, int] = {}
            for n, item in enumerate(current):
                if type(item) is dict:
                    push((item, (trail, n)))
                    item_id = item.get("id")
                    if type(item_id) is str:
                        if item_id in first:
                            yield trail, item_id, first[item_id], n
                        else:
                            first[item_id] = n
                elif type(item) is list:
                    push((item, (trail, n)))


def duplicate_ids(documents: Iterable[Document]) -> Iterator[Diagnostic]:
    for document in documents:
        for trail, item_id, first, repeat in _repeated_ids(document.data):
            path = _path(trail)
            first_line = document.loc((*path, first, "id")).line
            where = str(path[-1]) if path else "list"
            message = f"duplicate id '{item_id}' in {where} (first at line {first_line})"
            yield Diagnostic.at(document.loc((*path, repeat, "id")), "PM201", message)
