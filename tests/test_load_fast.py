"""The loader's fast path (data without positions) against the full reader, and positions read only when asked."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import trees

from pmcode.load import FileKind
from pmcode.load.documents import parse_text
from pmcode.load.plaindata import parse_data
from pmcode.load.sourcemap import MappingPos, ScalarPos, SequencePos
from pmcode.load.yamlsafe import MAX_DEPTH, YamlProblem, parse

PROPERTY = settings(max_examples=400, deadline=timedelta(seconds=3), suppress_health_check=[HealthCheck.too_slow])

# Pieces of YAML that touch every rule of the reader: anchors, aliases, tags, documents, flow and block collections,
# plain scalars of every resolution, duplicates (few keys, so they repeat), broken syntax.
PIECES = st.sampled_from(
    [
        *":-[]{}&*!|>'\"#,?~\n ",
        *("- ", ": ", "  ", "    ", "---", "...", "!!str", "!!int", "!!map", "!", "!x", "a", "b", "a: ", "b: "),
        *("1", "-2", "0.5", "1e3", "true", "False", "null", "~", "no", "5d", "2027-01-04", "&a", "*a", "<<"),
        *("%YAML 1.2\n", "\r\n", "\u2028", "é"),
    ]
)
YAMLISH = st.lists(PIECES, max_size=40).map("".join)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=8))
DUMPED = trees(SCALARS, ["a", "b", "id", "tasks"], key_size=3, max_leaves=20).map(
    lambda tree: yaml.safe_dump(tree, allow_unicode=True, default_flow_style=None)
)


def full_reader(text: str) -> tuple[bool, Any]:
    """What the full reader makes of `text`: (True, data) only when it reads it without any problem."""
    try:
        data, _, problems = parse(text)
    except YamlProblem:
        return False, None
    return not problems, data if not problems else None


@PROPERTY
@given(text=st.one_of(YAMLISH, DUMPED, st.text(max_size=40)))
def test_the_fast_path_reads_exactly_what_the_full_reader_reads_cleanly_and_the_same(text: str) -> None:
    fast = parse_data(text)
    assert fast == full_reader(text)
    assert repr(fast) == repr(full_reader(text))  # the same types too: 1, 1.0 and True compare equal


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\n",
        "a: *x\n",
        "a: &x [1]\n",
        "a: 1\n---\nb: 2\n",
        "? [a]\n: 1\n",
        "? {a: 1}\n: 1\n",
        "a: !!python/object:os.system [x]\n",
        "a: !!set {b: 1}\n",
        "a: [1\n",
        "a: b\x07\n",
        "a: 1\na: 2\n",
        "a: {b: 1, b: 2}\n",
        "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),
    ],
)
def test_what_the_fast_path_leaves_to_the_full_reader(text: str) -> None:
    assert parse_data(text) == (False, None)


def test_the_fast_path_reads_up_to_the_nesting_limit_exactly() -> None:
    text = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert parse_data(text)[0]
    assert parse_data(text) == full_reader(text)


def test_the_fast_path_keeps_keys_as_written_and_resolves_values() -> None:
    text = "1: 1\ntrue: true\nnull: ~\nno: no\nd: 2027-01-04\nq: '5'\ns: !!str 5\nf: -0.5\ne: ''\n"
    read, value = parse_data(text)
    assert read
    assert value == {"1": 1, "true": True, "null": None, "no": "no", "d": "2027-01-04", "q": "5", "s": "5"} | {
        "f": -0.5,
        "e": "",
    }


def _positions(entry: Any) -> Any:
    """A SourceMap entry as plain data, to compare two maps."""
    if isinstance(entry, tuple):
        return entry
    if isinstance(entry, ScalarPos):
        return (entry.pos, entry.raw)
    if isinstance(entry, MappingPos):
        return (entry.pos, entry.keys, {k: _positions(v) for k, v in entry.values.items()})
    assert isinstance(entry, SequencePos)
    return (entry.pos, [_positions(item) for item in entry.items])


@pytest.mark.parametrize(
    "raw",
    [
        b"name: ERP\nstart: 2027-01-04\ntasks:\n  - {id: a, name: A, duration: 5d}\n  - id: b\n    name: B\n",
        b"\xef\xbb\xbfname: ERP\r\ntasks: [1, 2.5, true, ~]\r\n",
        b"a: 1\na: 2\n",  # a duplicate key: read by the full reader, positions at once
    ],
)
def test_positions_read_later_are_those_the_full_reader_gives(raw: bytes) -> None:
    document, problems = parse_text(raw, "project.yaml", FileKind.PROJECT)
    assert document is not None
    text = raw.decode("utf-8-sig")
    data, expected, full_problems = parse(text)
    assert len(problems) == len(full_problems)
    assert document.data == data
    assert _positions(document.source._root) == _positions(expected._root)
    assert document.loc(("tasks",), key=True) == document.loc(("tasks",), key=True)  # asked twice, read once


def test_a_valid_document_reads_its_positions_only_when_asked() -> None:
    document, _ = parse_text(b"name: ERP\n", "project.yaml", FileKind.PROJECT)
    assert document is not None
    assert document._source is None  # the fast path took it
    assert document.loc(("name",)).line == 1
    assert document._source is not None
