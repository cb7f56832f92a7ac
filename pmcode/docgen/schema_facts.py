"""What one schema node says, in words: its type, the values and forms it accepts, its limits and its default."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from pmcode.docgen.markdown import code, prose
from pmcode.docgen.schema_walk import View

_TYPE_WORDS = {
    "string": "text",
    "number": "number",
    "integer": "whole number",
    "boolean": "true/false",
    "object": "mapping",
    "array": "list",
    "null": "null",
}
_FORMATS = {"date": "a real calendar date (`2027-02-30` is refused)"}
# "Default 8." / "Default: the portfolio's calendar." at the start of a sentence of the description.
_DEFAULT = re.compile(r"(?:^|(?<=[.!?]\s))Default:?\s+(.+?)\.(?=\s|$)")

Linker = Callable[[str], str | None]
"""Given a `$ref` target (`file#/definitions/name`), the Markdown link to its documentation, or None to inline it."""


def _value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value


def type_words(view: View, link: Linker, table: bool = False) -> str:
    """'text', 'list of [interval](common.md#interval) (text)', '[task_ref](...) (text) or mapping'."""
    for ref in view.refs:
        target = link(ref)
        if target is not None:
            bare = _bare_type(view, _no_links, table)  # no links nested inside the parentheses
            return target if _name(view) == bare else f"{target} ({bare})"
    return _bare_type(view, link, table)


def _no_links(uri: str) -> str | None:
    return None


def _bare_type(view: View, link: Linker, table: bool) -> str:
    alternatives = view.alternatives()
    if alternatives:
        return " or ".join(type_words(alt, link, table) for alt in alternatives)
    words = [_TYPE_WORDS.get(t, t) for t in view.types] or ["any value"]
    items = view.items()
    if words == ["list"] and items is not None:
        if items.types == ["object"]:
            return "list of mappings"
        if not items.structured():
            return "list of " + type_words(items, link, table)
    return " or ".join(words)


def default(view: View) -> str | None:
    """The default the description states, if it states one."""
    match = _DEFAULT.search(" ".join(view.description.split()))
    return match.group(1) if match else None


def _range(target: Mapping[str, Any], unit: str = "") -> str | None:
    """'0 to 1000 characters', 'more than 0, at most 24', 'at most 64 items'."""
    if "minimum" in target and "maximum" in target and len(target) == 2:
        return f"{_value(target['minimum'])} to {_value(target['maximum'])}{unit}"
    words = {
        "minimum": "at least",
        "exclusiveMinimum": "more than",
        "maximum": "at most",
        "exclusiveMaximum": "less than",
    }
    parts = [f"{word} {_value(target[key])}" for key, word in words.items() if key in target]
    return ", ".join(parts) + unit if parts else None


def _name(view: View) -> str:
    """How an alternative is called in labels: its definition name, or its type."""
    return view.refs[-1].rsplit("/", 1)[-1] if view.refs else " or ".join(_TYPE_WORDS.get(t, t) for t in view.types)


def facts(view: View, table: bool = False) -> list[tuple[str, str]]:
    """(label, Markdown) pairs for the constraints of the node itself, then of its list items."""
    target = view.target
    found: list[tuple[str, str]] = []
    if "enum" in target:
        found.append(("Allowed values", ", ".join(code(_value(v), table) for v in target["enum"])))
    if "const" in target:
        found.append(("Value", code(_value(target["const"]), table)))
    if "pattern" in target:
        regex = code(str(target["pattern"]), table)
        if "patternErrorMessage" in target:
            found.append(("Form", prose(str(target["patternErrorMessage"]), table)))
        found.append(("Pattern", regex))
    if "format" in target:
        form = str(target["format"])
        found.append(("Format", prose(_FORMATS[form], table) if form in _FORMATS else code(form, table)))
    number_range = _range({k: v for k, v in target.items() if "imum" in k})
    if number_range:
        found.append(("Range", number_range))
    length = _range({k.replace("Length", "imum"): v for k, v in target.items() if k.endswith("Length")}, " characters")
    if length:
        found.append(("Length", length))
    count = _range({k.replace("Items", "imum"): v for k, v in target.items() if k.endswith("Items")}, " items")
    if target.get("uniqueItems"):
        count = (count + ", " if count else "") + "no repeats"
    if count:
        found.append(("Items", count))
    if "dependencies" in target:
        needs = [
            f"{code(key)} needs {', '.join(code(n) for n in need)}"
            for key, need in target["dependencies"].items()
            if isinstance(need, list)
        ]
        found.append(("Together", "; ".join(needs)))
    if view.objects() == [view] and target.get("additionalProperties", True) is not False:
        found.append(("Other keys", "allowed"))
    for alternative in view.alternatives():
        if not alternative.objects():
            found.extend((f"{label} ({_name(alternative)})", text) for label, text in facts(alternative, table))
    items = view.items()
    if items is not None and not items.structured():
        found.extend((f"Item {label[0].lower()}{label[1:]}", text) for label, text in facts(items, table))
    return found
