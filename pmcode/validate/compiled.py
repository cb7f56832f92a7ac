"""The two validators of each file kind, built from the bundled schemas.

fastjsonschema (compiled to Python) decides whether a document is valid; jsonschema, an order of magnitude
slower, is asked only about documents that are not, because it explains every error with its path and schema.
Both read the same schema with the same formats and the same end-of-text anchoring, and a property test checks
that they agree.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from functools import cache, partial
from typing import Any

import fastjsonschema
from jsonschema import Draft7Validator, FormatChecker

from pmcode.load import FileKind
from pmcode.resources import bundled_schema


def _parses(parse: Callable[[str], object]) -> Callable[[object], bool]:
    def check(text: object) -> bool:
        if not isinstance(text, str):
            return True  # formats apply to strings only
        try:
            parse(text)
        except ValueError:
            return False
        return True

    return check


# The formats pmcode's schemas use, checked the same way by both validators. The patterns next to them fix the
# spelling (Python's fromisoformat alone also takes `20270104`); these catch `2027-02-30` and `T25:00`.
FORMATS: dict[str, Callable[[object], bool]] = {
    "date": _parses(date.fromisoformat),
    "local-date-time": _parses(datetime.fromisoformat),
}
_FORMAT_CHECKER = FormatChecker(formats=())
for _name, _check in FORMATS.items():
    _FORMAT_CHECKER.checks(_name)(_check)


_UNESCAPED_DOLLAR = re.compile(r"(?<!\\)\$")


def _end_anchored(node: Any) -> Any:
    """A copy of a schema whose patterns end at the end of the text. JSON Schema patterns are ECMA 262 regular
    expressions, whose `$` is the end of the text; Python's `$` also matches before a final line break, which would
    let `currency: "USD\\n"` through, and an id with a line break that then breaks every message naming it."""
    if isinstance(node, list):
        return [_end_anchored(item) for item in node]
    if not isinstance(node, dict):
        return node
    anchored: dict[str, Any] = {}
    for key, value in node.items():
        if key == "pattern" and isinstance(value, str):
            anchored[key] = _UNESCAPED_DOLLAR.sub(r"\\Z", value)
        elif key == "patternProperties" and isinstance(value, dict):
            anchored[key] = {_UNESCAPED_DOLLAR.sub(r"\\Z", p): _end_anchored(sub) for p, sub in value.items()}
        else:
            anchored[key] = _end_anchored(value)
    return anchored


def as_written(pattern: str) -> str:
    """A pattern as the schema file has it, for messages."""
    return pattern.replace("\\Z", "$")


@cache
def _schema(kind: FileKind) -> dict[str, Any]:
    schema: dict[str, Any] = _end_anchored(bundled_schema(kind.schema_file))
    return schema


@cache
def explaining_validator(kind: FileKind) -> Draft7Validator:
    """The explaining validator: slow, but yields every error with its path and schema."""
    return Draft7Validator(_schema(kind), format_checker=_FORMAT_CHECKER)


@cache
def _fast_validator(kind: FileKind) -> Callable[[Any], Any]:
    """The deciding validator: compiled to Python, answers valid or not an order of magnitude faster.

    Compiled once per process and kind, as `fastjsonschema.compile` does it, with two savings that matter only
    for speed, since pmcode reads nothing from its exceptions but that there was one: no copy of the schema in
    each `raise` (they made four fifths of the compile time), and list items' names (`tasks[3]`, for those
    messages) left unformatted: `.format(**locals())` copies every local variable for each item, which was half
    the validation time of a large plan.
    """
    code = fastjsonschema.compile_to_code(_schema(kind), formats=FORMATS, detailed_exceptions=False)
    namespace: dict[str, Any] = {}
    exec(compile(code.replace(".format(**locals())", ""), f"<{kind.schema_file}>", "exec"), namespace)  # noqa: S102
    validate: Callable[[Any], Any] = partial(namespace["validate"], custom_formats=FORMATS)
    return validate


def is_valid_fast(kind: FileKind, data: Any) -> bool:
    try:
        _fast_validator(kind)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True
