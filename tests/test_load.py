"""The safe YAML reader and its source map: how plain scalars resolve, and where every key and value is."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pmcode.load import FileKind, SourceMap
from pmcode.load.documents import parse_text
from pmcode.load.yamlsafe import MAX_DEPTH, YamlProblem, parse, resolve_plain, tab_indentation
from pmcode.validate import validate_root


def data(text: str) -> Any:
    value, _, problems = parse(text)
    assert problems == []
    return value


def source(text: str) -> SourceMap:
    return parse(text)[1]


def problem(text: str) -> YamlProblem:
    with pytest.raises(YamlProblem) as raised:
        parse(text)
    return raised.value


# --- resolution: YAML 1.2 core schema, restricted to finite numbers


@pytest.mark.parametrize(
    "plain",
    [
        # YAML 1.1 booleans, dates, times, sexagesimals, other bases, separators: all plain text under 1.2 core
        *("no", "No", "NO", "yes", "Yes", "on", "On", "off", "OFF", "y", "n", "TrUe"),
        *("2027-01-04", "2027-01-04T09:00", "09:00", "09:00-17:00", "1:30:00"),
        *("0x10", "0o17", "0b101", "1_000", "1,000", "+", "."),
        # numbers YAML 1.2 would allow, but no plan needs: infinities and NaN stay text for the schema to refuse
        *(".inf", "-.inf", "+.Inf", ".nan", ".NaN", "1e400", "-1e400"),
        *("5d", "50%", "FY2027", "1.2.3", "e5", "1e", "--1"),
    ],
)
def test_plain_scalars_that_stay_text(plain: str) -> None:
    assert resolve_plain(plain) == plain
    assert data(f"key: {plain}\n") == {"key": plain}


@pytest.mark.parametrize(
    ("plain", "value"),
    [
        *(("true", True), ("True", True), ("TRUE", True), ("false", False), ("False", False), ("FALSE", False)),
        *(("~", None), ("null", None), ("Null", None), ("NULL", None)),
        *(("12", 12), ("-3", -3), ("+7", 7), ("0", 0), ("0777", 777), ("1000000000000000000000", 10**21)),
        *(("1.5", 1.5), ("-0.25", -0.25), (".5", 0.5), ("5.", 5.0), ("1e3", 1000.0), ("2.5E-2", 0.025)),
    ],
)
def test_plain_scalars_that_resolve(plain: str, value: Any) -> None:
    assert resolve_plain(plain) == value
    assert type(resolve_plain(plain)) is type(value)
    assert data(f"key: {plain}\n") == {"key": value}


def test_an_empty_value_is_null() -> None:
    assert data("key:\n") == {"key": None}


def test_an_integer_too_long_to_convert_stays_text() -> None:
    digits = "9" * 5000
    assert resolve_plain(digits) == digits


@pytest.mark.parametrize(
    "quoted",
    ['"true"', "'false'", '"12"', "'1.5'", '"~"', "'null'", '"2027-01-04"', '""', "''"],
)
def test_quoted_scalars_stay_text(quoted: str) -> None:
    assert data(f"key: {quoted}\n") == {"key": quoted[1:-1]}


def test_block_scalars_stay_text() -> None:
    assert data("a: |\n  12\n  true\nb: >-\n  no\n  way\n") == {"a": "12\ntrue\n", "b": "no way"}


@pytest.mark.parametrize(("tagged", "value"), [("!!str 12", "12"), ("!!str true", "true"), ("! 12", "12")])
def test_explicit_string_tags_are_accepted(tagged: str, value: str) -> None:
    assert data(f"key: {tagged}\n") == {"key": value}


def test_collection_tags_for_their_own_kind_are_accepted() -> None:
    assert data("a: !!seq [1]\nb: !!map {c: 2}\n") == {"a": [1], "b": {"c": 2}}


@pytest.mark.parametrize("tagged", ["!!int 12", "!!bool yes", "!!float 1", "!!null ''", "!!timestamp 2027-01-04"])
def test_other_scalar_tags_are_refused(tagged: str) -> None:
    found = problem(f"key: {tagged}\n")
    assert (found.code, found.pos) == ("PM009", (1, 6))


def test_keys_are_their_source_text() -> None:
    assert data("12: a\ntrue: b\n~: c\n1.50: d\n") == {"12": "a", "true": "b", "~": "c", "1.50": "d"}


# --- positions


def test_positions_of_keys_and_values_are_1_based() -> None:
    text = "name: ERP\ntasks:\n  - id: design\n    depends: [a, {task: b}]\n"
    where = source(text)
    assert where.key(("name",)) == (1, 1)
    assert where.value(("name",)) == (1, 7)
    assert where.key(("tasks",)) == (2, 1)
    assert where.value(("tasks",)) == (3, 3)  # a block sequence starts at its first dash
    assert where.value(("tasks", 0)) == (3, 5)  # a block mapping starts at its first key
    assert where.key(("tasks", 0, "id")) == (3, 5)
    assert where.value(("tasks", 0, "id")) == (3, 9)
    assert where.key(("tasks", 0, "depends")) == (4, 5)
    assert where.value(("tasks", 0, "depends")) == (4, 14)
    assert where.value(("tasks", 0, "depends", 0)) == (4, 15)
    assert where.value(("tasks", 0, "depends", 1)) == (4, 18)
    assert where.key(("tasks", 0, "depends", 1, "task")) == (4, 19)
    assert where.value(("tasks", 0, "depends", 1, "task")) == (4, 25)


def test_a_list_item_has_no_key_so_key_is_its_value() -> None:
    where = source("people: [alice, bob]\n")
    assert where.key(("people", 1)) == where.value(("people", 1)) == (1, 17)


def test_missing_paths_point_at_the_nearest_ancestor() -> None:
    where = source("name: ERP\ntasks:\n  - id: design\n    name: Design\n")
    task = (3, 5)
    assert where.value(("tasks", 0, "duration")) == task
    assert where.key(("tasks", 0, "duration")) == task
    assert where.value(("tasks", 7, "name")) == (3, 3)  # no 8th task: the list
    assert where.value(("tasks", "design")) == (3, 3)  # a list is not indexed by name
    assert where.value(("name", "first")) == (1, 7)  # a scalar has no children
    assert where.value(("nothing", "here")) == (1, 1)  # the document


def test_raw_text_is_kept_only_for_resolved_plain_scalars() -> None:
    where = source("a: 12\nb: true\nc: ~\nd:\ne: 1.50\nf: text\ng: '12'\nh: [0x10, 7]\ni: {j: 1}\n")
    assert where.raw(("a",)) == "12"
    assert where.raw(("b",)) == "true"
    assert where.raw(("c",)) == "~"
    assert where.raw(("d",)) == ""
    assert where.raw(("e",)) == "1.50"  # the schema may want text: 1.50 is not 1.5
    assert where.raw(("f",)) is None  # already text
    assert where.raw(("g",)) is None  # quoted: text as written
    assert where.raw(("h", 0)) is None
    assert where.raw(("h", 1)) == "7"
    assert where.raw(("i",)) is None  # a mapping
    assert where.raw(("i", "k")) is None  # missing: not the ancestor's


def test_an_empty_document_has_a_position() -> None:
    where = source("")
    assert where.value(()) == where.key(("anything",)) == (1, 1)
    assert where.raw(()) is None


def test_columns_count_characters_not_bytes() -> None:
    where = source("名前: Ünïcödé\nnext: [é, ü]\n")
    assert where.value(("名前",)) == (1, 5)
    assert where.value(("next", 1)) == (2, 11)


def test_windows_line_endings_do_not_shift_positions() -> None:
    where = source("name: ERP\r\ntasks:\r\n  - id: design\r\n")
    assert where.value(("tasks", 0, "id")) == (3, 9)


# --- whole files: byte-order marks and what stops reading


def test_a_utf8_byte_order_mark_is_accepted() -> None:
    document, problems = parse_text(b"\xef\xbb\xbfname: ERP\ncurrency: USD\n", "portfolio.yaml", FileKind.PORTFOLIO)
    assert problems == []
    assert document is not None
    assert document.data == {"name": "ERP", "currency": "USD"}
    assert document.source.key(("name",)) == (1, 1)  # the mark takes no column


def test_positions_after_a_byte_order_mark_count_from_the_text() -> None:
    _, problems = parse_text(b"\xef\xbb\xbfname: [ERP\n", "portfolio.yaml", FileKind.PORTFOLIO)
    assert [(d.code, d.line, d.col) for d in problems] == [("PM003", 1, 11)]


def test_duplicate_keys_keep_the_first_value_and_are_reported_where_repeated() -> None:
    value, where, problems = parse("a: 1\nb: {c: 2, c: 3}\na: 4\n")
    assert value == {"a": 1, "b": {"c": 2}}
    assert where.value(("a",)) == (1, 4)
    assert [(p.code, p.pos) for p in problems] == [("PM007", (2, 11)), ("PM007", (3, 1))]
    assert problems[0].message == "duplicate key 'c' (first at line 2)"


def test_nesting_is_capped_at_the_limit_exactly() -> None:
    assert data("[" * MAX_DEPTH + "]" * MAX_DEPTH)  # the document itself is level 1
    found = problem("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
    assert (found.code, found.pos) == ("PM006", (1, MAX_DEPTH + 1))


@pytest.mark.parametrize(
    ("text", "code", "pos"),
    [
        ("a: &x 1\n", "PM005", (1, 4)),
        ("a: *x\n", "PM005", (1, 4)),
        ("a: &x [1]\n", "PM005", (1, 4)),
        ("a: 1\n---\nb: 2\n", "PM008", (2, 1)),
        ("? [a]\n: 1\n", "PM010", (1, 3)),
        ("a: !!python/object:os.system [x]\n", "PM009", (1, 4)),
        ("a: [1\n", "PM003", (1, 6)),  # end of file: the end of the last line, not a line after it
        ("a: [1", "PM003", (1, 6)),
        ("a: [1\r\n", "PM003", (1, 6)),
        ("a: b\x07\n", "PM003", (1, 5)),
    ],
)
def test_what_stops_reading(text: str, code: str, pos: tuple[int, int]) -> None:
    found = problem(text)
    assert (found.code, found.pos) == (code, pos)


def test_tabs_count_only_in_indentation() -> None:
    text = "a:\tb\n\t# a comment\nc: 'x\ty'\n\t\nd:\n\t- e\n  \t- f\n"
    assert [(p.code, p.pos) for p in tab_indentation(text)] == [("PM004", (6, 1)), ("PM004", (7, 3))]


# --- discovery: folders that cannot be listed


@pytest.mark.parametrize(
    ("unreadable", "expected"),
    [
        ("", [("CASE", "PM011", "cannot read folder: Permission denied")]),
        ("erp", [("CASE/erp", "PM011", "cannot read folder: Permission denied")]),
        ("erp/actuals", [("CASE/erp/actuals", "PM011", "cannot read folder: Permission denied")]),
    ],
)
def test_a_folder_that_cannot_be_listed_is_a_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unreadable: str, expected: list[tuple[str, str, str]]
) -> None:
    # Permissions cannot be relied on (tests may run as root), so listing that one folder fails as it would.
    (tmp_path / "erp" / "actuals").mkdir(parents=True)
    (tmp_path / "portfolio.yaml").write_text("name: P\ncurrency: USD\n")
    (tmp_path / "erp" / "project.yaml").write_text("name: ERP\nstart: 2027-01-04\ntasks: []\n")
    iterdir = Path.iterdir

    def denied(self: Path) -> Iterator[Path]:
        if self == tmp_path / unreadable:
            raise PermissionError(13, "Permission denied", str(self))
        return iterdir(self)

    monkeypatch.setattr(Path, "iterdir", denied)
    result = validate_root(tmp_path, "CASE")
    assert [(d.file, d.code, d.message) for d in result.diagnostics] == expected


# --- Markdown records: YAML front matter, then the body (meetings/*.md)

MINUTES = "# Minutes\n\n---\nA rule above, not a fence.\n"
FRONT = "---\ndate: 2026-11-17\ntitle: Steering\nattendees: [alice]\n---\n" + MINUTES


def test_front_matter_is_the_yaml_and_the_rest_the_body() -> None:
    document, problems = parse_text(FRONT.encode(), "meetings/m.md", FileKind.MEETING)
    assert problems == [] and document is not None
    assert document.data == {"date": "2026-11-17", "title": "Steering", "attendees": ["alice"]}
    assert document.body == MINUTES  # only the first closing line ends it


def test_front_matter_positions_are_the_files_lines() -> None:
    document, _ = parse_text(FRONT.encode(), "meetings/m.md", FileKind.MEETING)
    assert document is not None
    loc = document.loc(("attendees", 0))
    assert (loc.file, loc.line, loc.col) == ("meetings/m.md", 4, 13)
    assert FRONT.splitlines()[3][12:].startswith("alice")


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("---\r\ntitle: T\r\n---\r\nminutes\r\n", "minutes\r\n"),  # CRLF
        ("---\ntitle: T\n...\nminutes\n", "minutes\n"),  # YAML's document end closes it too
        ("---\ntitle: T\n---", ""),  # no body, no final newline
    ],
)
def test_front_matter_closing_lines(text: str, body: str) -> None:
    document, problems = parse_text(text.encode(), "meetings/m.md", FileKind.MEETING)
    assert problems == [] and document is not None
    assert (document.data, document.body) == ({"title": "T"}, body)


@pytest.mark.parametrize(
    "text",
    [
        "# Minutes\n\ndate: 2026-11-17\n",  # no front matter at all
        "---\ndate: 2026-11-17\n",  # never closed
        "\n---\ndate: 2026-11-17\n---\n",  # not on the first line
        "",  # empty
    ],
)
def test_markdown_without_front_matter_is_pm015(text: str) -> None:
    document, problems = parse_text(text.encode(), "meetings/m.md", FileKind.MEETING)
    assert document is None
    assert [(p.code, p.line, p.col) for p in problems] == [("PM015", 1, 1)]


def test_front_matter_gets_the_safe_readers_refusals() -> None:
    text = "---\nbase: &a {title: T}\ncopy: *a\n---\nminutes\n"
    document, problems = parse_text(text.encode(), "meetings/m.md", FileKind.MEETING)
    assert document is None and problems and all(p.code != "PM015" for p in problems)
    assert min(p.line for p in problems) >= 2  # at the anchor's line in the file


def test_the_body_is_never_parsed_as_yaml() -> None:
    text = "---\ntitle: T\n---\n- &a [*a]\n{{ 7*7 }}\n\t tab: key: : :\n"
    document, problems = parse_text(text.encode(), "meetings/m.md", FileKind.MEETING)
    assert problems == [] and document is not None
    assert document.body == "- &a [*a]\n{{ 7*7 }}\n\t tab: key: : :\n"
