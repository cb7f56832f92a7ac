"""The fast path of the YAML reader: a valid file's data, without source positions.

Most files are fine, and a finding needs positions only when there is one. So a file is first read here, into data
alone; positions are read (by `yamlsafe.parse`, from the same text) only when a diagnostic asks for one. Anything
irregular (an anchor, an alias, a tag other than str, seq or map, deep nesting, a complex key, a duplicate key, a
second document, a syntax error) is not judged here: the file goes to the full reader, which reports it exactly as
before. So this path reads exactly the files the full reader reads without a problem, into the same data
(tests/test_load_fast.py holds it to that); it skips the positions, about a quarter of the reading time.
"""

from __future__ import annotations

from typing import Any

from yaml import events

from pmcode.load.yamlsafe import COLLECTION_TAGS, MAX_DEPTH, STR_TAGS, Parser, resolve_plain

# The first characters of the plain scalars that YAML 1.2's core schema may read as null, a boolean or a number;
# any other plain scalar is text, and resolve_plain need not look at it.
_MAY_RESOLVE = frozenset("~nNtTfF0123456789-+.")


class _Irregular(Exception):
    """Something the full reader must look at."""


def parse_data(text: str) -> tuple[bool, Any]:
    """(True, data) for a file without any problem; (False, None) when the full reader must read it."""
    parser = None
    try:
        parser = Parser(text)
        return True, _build(parser)
    except Exception:  # _Irregular, YAML errors, anything else: the full reader decides what to report
        return False, None
    finally:
        if parser is not None:
            parser.dispose()


def _build(parser: Any) -> Any:
    get_event = parser.get_event
    scalar_event, mapping_start, sequence_start = (
        events.ScalarEvent,
        events.MappingStartEvent,
        events.SequenceStartEvent,
    )
    mapping_end, sequence_end = events.MappingEndEvent, events.SequenceEndEvent
    document_start, stream_end = events.DocumentStartEvent, events.StreamEndEvent
    # The open collection, whether it is a mapping, and the key waiting for its value; the enclosing ones on `stack`.
    container: Any = None
    is_map = False
    key: str | None = None
    stack: list[tuple[Any, bool, str | None]] = []
    root: Any = None
    documents = 0
    while True:
        event = get_event()
        kind = type(event)
        if kind is scalar_event:
            tag = event.tag
            if event.anchor is not None or (tag is not None and tag not in STR_TAGS):
                raise _Irregular
            if is_map and key is None:  # a mapping key: always its source text
                key = event.value
                continue
            value = event.value
            if tag is None and event.implicit[0] and (not value or value[0] in _MAY_RESOLVE):
                value = resolve_plain(value)
        elif kind is mapping_start or kind is sequence_start:
            tag = event.tag
            if event.anchor is not None or (tag is not None and tag not in COLLECTION_TAGS):
                raise _Irregular
            if len(stack) >= MAX_DEPTH or (is_map and key is None):
                raise _Irregular
            stack.append((container, is_map, key))
            is_map = kind is mapping_start
            container = {} if is_map else []
            key = None
            continue
        elif kind is mapping_end or kind is sequence_end:
            value = container
            container, is_map, key = stack.pop()
        elif kind is document_start:
            documents += 1
            if documents > 1:
                raise _Irregular
            continue
        elif kind is stream_end:
            return root
        elif kind is events.AliasEvent:
            raise _Irregular
        else:  # stream start, document end
            continue

        if not stack:
            root = value
        elif is_map:
            if key in container:
                raise _Irregular
            container[key] = value
            key = None
        else:
            container.append(value)
