"""Adding imported calendars and people to a portfolio's calendars.yaml and people.yaml.

Entries are appended to the existing lists as text, so the file keeps its comments and layout; nothing already
there is changed. An imported entry whose id is taken by an equivalent entry reuses it; one whose id is taken by a
different entry gets a new id, and the importer says so (PM403). Files are written atomically (a temporary file,
then a rename), so an interrupted import never leaves half a file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from pmcode.errors import PmcodeError
from pmcode.load import FileKind
from pmcode.load.documents import parse_text
from pmcode.validate.schema import check_schema
from pmcode.yamlwrite import to_yaml

_ID_LINE = re.compile(r"^(\s*- id: )(?:'([^']*)'|\"([^\"]*)\"|(\S+))\s*$")


def read_entries(path: Path, kind: FileKind, key: str) -> tuple[str | None, list[dict[str, Any]]]:
    """The file's text and its `key` list; (None, []) when the file does not exist. A file with errors is refused:
    entries cannot be added safely to a list that does not parse."""
    if not path.is_file():
        return None, []
    raw = path.read_bytes()
    document, problems = parse_text(raw, path.name, kind)
    if document is not None:
        problems = problems + check_schema(document)
    errors = [p for p in problems if p.severity.value == "error"]
    if document is None or errors:
        first = errors[0] if errors else None
        where = f" (line {first.line}: {first.message})" if first else ""
        raise PmcodeError(f"{path} has errors{where}; fix them before importing into this portfolio")
    entries = document.data.get(key) if isinstance(document.data, dict) else None
    return raw.decode("utf-8-sig"), list(entries or [])


def annotate(text: str, comments: list[tuple[str, str]]) -> str:
    """Append `# comment` to the `- id: X` lines, matching `comments` (id, comment) in order."""
    pending = list(comments)
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if not pending:
            break
        match = _ID_LINE.match(line)
        if match is None:
            continue
        found = next(group for group in match.groups()[1:] if group is not None)
        if found == pending[0][0]:
            lines[number] = f"{line}  # {pending.pop(0)[1]}"
    return "\n".join(lines)


def _list_items(key: str, entries: list[dict[str, Any]], comments: list[tuple[str, str]]) -> str:
    """The entries as block-list items indented by two spaces (`  - id: ...`), one per line group."""
    text = annotate(to_yaml({key: entries}), comments)
    return text.split("\n", 1)[1]


def append_entries(
    text: str | None, key: str, entries: list[dict[str, Any]], comments: list[tuple[str, str]], header: str
) -> str:
    """`text` with `entries` appended to its top-level `key` list (the list or the whole file created if absent)."""
    items = _list_items(key, entries, comments)
    if text is None:
        return f"{header}{key}:\n{items}"
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    node = None
    if isinstance(root, yaml.MappingNode):
        node = next((value for name, value in root.value if name.value == key), None)
    if node is None:
        separator = "" if text.endswith("\n") or not text else "\n"
        return f"{text}{separator}{key}:\n{items}"
    if not isinstance(node, yaml.SequenceNode):
        raise PmcodeError(f"`{key}` is not a list; cannot add the imported entries")
    if node.flow_style or not node.value:
        if node.value:
            raise PmcodeError(f"`{key}` is written as a one-line [list]; write it as a block list to import into it")
        start, end = node.start_mark.index, node.end_mark.index
        return f"{text[:start].rstrip(' ')}\n{items.rstrip(chr(10))}{text[end:]}"
    last = node.value[-1]
    dash_column = _dash_column(text, node.value[0].start_mark)
    indented = "".join(
        (" " * (dash_column - 2) + line if line.strip() else line) + "\n" for line in items.rstrip("\n").split("\n")
    )
    insert = last.end_mark.index
    if last.end_mark.column != 0:  # the item ends inside a line: insert after that line
        newline = text.find("\n", insert)
        insert = len(text) if newline < 0 else newline + 1
    prefix = text[:insert] if text[:insert].endswith("\n") else text[:insert] + "\n"
    return prefix + indented + text[insert:]


def _dash_column(text: str, mark: Any) -> int:
    """Column of the `-` that opens the sequence item starting at `mark`."""
    line_start = text.rfind("\n", 0, mark.index) + 1
    dash = text.find("-", line_start, mark.index)
    return dash - line_start if dash >= 0 else max(mark.column - 2, 0)
