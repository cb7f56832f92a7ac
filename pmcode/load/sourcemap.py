"""Where each value of a loaded YAML document came from, so any finding can point at `line:col`.

Positions are kept in a tree parallel to the data, not on the data itself: the data stays plain JSON-compatible
values for the schema validator, and a position is looked up only when a diagnostic needs one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

Pos = tuple[int, int]  # 1-based line, 1-based column
PathItem = str | int


@dataclass(slots=True)
class ScalarPos:
    pos: Pos
    raw: str | None = None  # source text of a plain scalar that was resolved to a number, bool or null


@dataclass(slots=True)
class MappingPos:
    pos: Pos
    keys: dict[str, Pos] = field(default_factory=dict)
    values: dict[str, Entry] = field(default_factory=dict)


@dataclass(slots=True)
class SequencePos:
    pos: Pos
    items: list[Entry] = field(default_factory=list)


Entry = Pos | ScalarPos | MappingPos | SequencePos  # a plain tuple: a scalar read as text


class SourceMap:
    """Positions of a document's values and keys, addressed by a JSON path (keys and list indexes)."""

    def __init__(self, root: Entry | None) -> None:
        self._root = root

    def _walk(self, path: Sequence[PathItem]) -> tuple[Entry | None, Pos | None, bool]:
        """The deepest entry along `path`, the position of the last mapping key passed on the way, and whether
        the whole path exists."""
        entry = self._root
        key_pos: Pos | None = None
        for item in path:
            if isinstance(entry, MappingPos) and isinstance(item, str) and item in entry.values:
                key_pos = entry.keys[item]
                entry = entry.values[item]
            elif isinstance(entry, SequencePos) and isinstance(item, int) and 0 <= item < len(entry.items):
                key_pos = None
                entry = entry.items[item]
            else:
                return entry, key_pos, False
        return entry, key_pos, True

    def value(self, path: Sequence[PathItem]) -> Pos:
        """Position of the value at `path` (of its nearest existing ancestor if the path does not exist)."""
        entry, _, _ = self._walk(path)
        return _pos(entry)

    def key(self, path: Sequence[PathItem]) -> Pos:
        """Position of the mapping key naming the value at `path`; the value's position for list items."""
        entry, key_pos, complete = self._walk(path)
        if key_pos is not None and complete:
            return key_pos
        return _pos(entry)

    def raw(self, path: Sequence[PathItem]) -> str | None:
        """The source text of a plain scalar that was read as a number, boolean or null, else None."""
        entry, _, complete = self._walk(path)
        return entry.raw if complete and isinstance(entry, ScalarPos) else None


def _pos(entry: Entry | None) -> Pos:
    if entry is None:
        return (1, 1)
    return entry if isinstance(entry, tuple) else entry.pos
