"""A safe YAML reader for untrusted plan files.

It drives libyaml's C parser event by event and builds the data itself, which keeps it both safe and fast:
- anchors and aliases are refused at the first one (no alias bomb can expand), nesting is capped, duplicate keys
  and explicit tags are refused, and a file holds one document;
- scalars are resolved by YAML 1.2's core rules (null, bool, int, float), so dates, times and YAML 1.1 words such
  as `no` or `on` stay strings: the schema decides types;
- every value's position is recorded in a SourceMap.
Building from events costs about a fifth of `yaml.load(..., CSafeLoader)`, whose Python-side resolver dominates.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml
from yaml import events

from pmcode.load.sourcemap import Entry, MappingPos, Pos, ScalarPos, SequencePos, SourceMap
from pmcode.text import printable, quote

MAX_DEPTH = 50
MAX_LINE_FINDINGS = 10  # tab findings reported per file before the rest are summarised

# `yaml.CParser` does not exist: libyaml's parser lives in yaml.cyaml, which PyYAML imports only when built with it.
Parser: Any = getattr(getattr(yaml, "cyaml", None), "CParser", None)
if Parser is None:  # pragma: no cover - PyYAML built without libyaml: same events, slower
    Parser = yaml.SafeLoader

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_LINE_BREAKS = ("\n", "\r", "\x85", "\u2028", "\u2029")  # as libyaml counts lines (YAML 1.1)
STR_TAGS = frozenset({"tag:yaml.org,2002:str", "!"})
COLLECTION_TAGS = frozenset({"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map", "!"})


class YamlProblem(Exception):
    """A problem that stops reading the file, at a 1-based position."""

    def __init__(self, code: str, message: str, pos: Pos) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.pos = pos


def resolve_plain(text: str) -> Any:
    """The value of an untagged plain scalar under YAML 1.2's core schema, restricted to finite numbers."""
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    first = text[0]
    if first in "0123456789-+.":
        if _INT.match(text):
            try:
                return int(text)
            except ValueError:  # more digits than Python converts: leave it to the schema as text
                return text
        if _FLOAT.match(text):
            number = float(text)
            return number if math.isfinite(number) else text
    return text


def _pos(mark: Any) -> Pos:
    return (mark.line + 1, mark.column + 1)


def tab_indentation(text: str) -> list[YamlProblem]:
    """Tabs in the leading whitespace of a line: YAML forbids them for indentation and editors disagree on width."""
    problems: list[YamlProblem] = []
    if "\t" not in text:
        return problems
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" \t")
        lead = line[: len(line) - len(stripped)]
        if "\t" in lead and stripped and not stripped.startswith("#"):
            problems.append(
                YamlProblem("PM004", "tab used for indentation; indent with spaces", (number, lead.index("\t") + 1))
            )
    return problems


class _Frame:
    """An open mapping or sequence while its events arrive."""

    __slots__ = ("entry", "key", "key_pos", "value")

    def __init__(self, value: dict[str, Any] | list[Any], entry: MappingPos | SequencePos) -> None:
        self.value = value
        self.entry = entry
        self.key: str | None = None
        self.key_pos: Pos = (0, 0)


def parse(text: str) -> tuple[Any, SourceMap, list[YamlProblem]]:
    """Parse one YAML document. Raises YamlProblem for what stops reading; returns the data, its positions and the
    problems that did not stop reading (duplicate keys)."""
    parser = None
    try:
        parser = Parser(text)  # the pure-Python fallback checks characters here already
        return _build(parser)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        pos = _error_pos(mark, text) if mark is not None else (1, 1)
        problem = error.problem or "invalid YAML"
        if "maximum nesting depth" in problem:  # libyaml's own cap (1,000 levels) stopped it before our 50 did
            raise YamlProblem("PM006", f"nesting deeper than {MAX_DEPTH} levels is not allowed", pos) from None
        context = f" ({error.context})" if error.context else ""
        raise YamlProblem("PM003", f"YAML syntax error: {problem}{context}", pos) from None
    except yaml.reader.ReaderError as error:
        raise YamlProblem("PM003", f"YAML syntax error: {error.reason}", _offset_pos(text, error.position)) from None
    except yaml.YAMLError as error:
        raise YamlProblem("PM003", f"YAML syntax error: {error}", (1, 1)) from None
    finally:
        if parser is not None:
            parser.dispose()


def _error_pos(mark: Any, text: str) -> Pos:
    """Where a syntax error is. libyaml puts the end of the stream at the start of a line after the last one, which
    editors and GitHub do not show: an error there (a truncated file, an unclosed bracket) is shown at the end of the
    file's last line instead."""
    if mark.index >= len(text) and mark.line > 0 and mark.column == 0:
        body = text
        if body.endswith(_LINE_BREAKS):
            body = body[:-2] if body.endswith("\r\n") else body[:-1]
        last_break = max(body.rfind(line_break) for line_break in _LINE_BREAKS)
        return (mark.line, len(body) - last_break)
    return _pos(mark)


def _offset_pos(text: str, offset: int) -> Pos:
    """Position of a UTF-8 byte offset into `text` (libyaml reports reader errors as offsets)."""
    prefix = text.encode("utf-8")[:offset].decode("utf-8", errors="replace")
    line = prefix.count("\n") + 1
    return (line, len(prefix) - (prefix.rfind("\n") + 1) + 1)


def _build(parser: Any) -> tuple[Any, SourceMap, list[YamlProblem]]:
    get_event = parser.get_event
    stack: list[_Frame] = []
    problems: list[YamlProblem] = []
    root: Any = None
    root_entry: Entry | None = None
    documents = 0
    scalar_event, mapping_start, sequence_start = (
        events.ScalarEvent,
        events.MappingStartEvent,
        events.SequenceStartEvent,
    )
    mapping_end, sequence_end = events.MappingEndEvent, events.SequenceEndEvent
    while True:
        event = get_event()
        kind = type(event)
        entry: Entry
        if kind is scalar_event:
            mark = event.start_mark
            if event.anchor is not None:
                raise YamlProblem("PM005", f"anchors (&{event.anchor}) are not allowed", _pos(mark))
            text = event.value
            tag = event.tag
            if tag is not None and tag not in STR_TAGS:
                raise YamlProblem("PM009", f"tag {printable(tag)} is not allowed; write the plain value", _pos(mark))
            if stack:
                frame = stack[-1]
                if frame.key is None and type(frame.value) is dict:  # a mapping key: always its source text
                    frame.key = text
                    frame.key_pos = (mark.line + 1, mark.column + 1)
                    continue
            if tag is None and event.implicit[0]:
                value = resolve_plain(text)
                entry = (mark.line + 1, mark.column + 1) if type(value) is str else ScalarPos(_pos(mark), text)
            else:
                value = text
                entry = (mark.line + 1, mark.column + 1)
        elif kind is mapping_start or kind is sequence_start:
            if event.anchor is not None:
                raise YamlProblem("PM005", f"anchors (&{event.anchor}) are not allowed", _pos(event.start_mark))
            if event.tag is not None and event.tag not in COLLECTION_TAGS:
                raise YamlProblem("PM009", f"tag {printable(event.tag)} is not allowed", _pos(event.start_mark))
            if len(stack) >= MAX_DEPTH:
                raise YamlProblem(
                    "PM006", f"nesting deeper than {MAX_DEPTH} levels is not allowed", _pos(event.start_mark)
                )
            if stack and stack[-1].key is None and isinstance(stack[-1].value, dict):
                raise YamlProblem("PM010", "a mapping key must be a plain value", _pos(event.start_mark))
            container: dict[str, Any] | list[Any]
            if kind is mapping_start:
                container = {}
                stack.append(_Frame(container, MappingPos(_pos(event.start_mark))))
            else:
                container = []
                stack.append(_Frame(container, SequencePos(_pos(event.start_mark))))
            continue
        elif kind is mapping_end or kind is sequence_end:
            frame = stack.pop()
            value, entry = frame.value, frame.entry
        elif kind is events.AliasEvent:
            raise YamlProblem("PM005", f"aliases (*{event.anchor}) are not allowed", _pos(event.start_mark))
        elif kind is events.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise YamlProblem("PM008", "a file holds one YAML document; found a second one", _pos(event.start_mark))
            continue
        elif kind is events.StreamEndEvent:
            break
        else:  # stream start, document end
            continue

        if not stack:
            root, root_entry = value, entry
            continue
        frame = stack[-1]
        container, holder = frame.value, frame.entry
        if type(container) is list:
            container.append(value)
            holder.items.append(entry)  # type: ignore[union-attr]  # a list's holder is a SequencePos
        else:
            key = frame.key
            assert key is not None and isinstance(holder, MappingPos)
            if key in holder.keys:
                line = holder.keys[key][0]
                problems.append(
                    YamlProblem("PM007", f"duplicate key {quote(key)} (first at line {line})", frame.key_pos)
                )
            else:
                container[key] = value  # type: ignore[call-overload]
                holder.keys[key] = frame.key_pos
                holder.values[key] = entry
            frame.key = None
    return root, SourceMap(root_entry), problems
