"""JSON Schema validation of a loaded document, with each error turned into a positioned, readable diagnostic."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from jsonschema.exceptions import ValidationError, best_match

from pmcode.diagnostics import Diagnostic, Loc
from pmcode.load import Document
from pmcode.load.sourcemap import PathItem
from pmcode.text import did_you_mean, quote
from pmcode.validate.compiled import as_written, explaining_validator, is_valid_fast

_TYPE_WORDS = {
    "object": "a mapping",
    "array": "a list",
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "nothing",
}
_MAX_COERCION_ROUNDS = 5
# Per file: plenty to work from, and a 5 MB file of mistakes cannot make jsonschema build a million error objects.
MAX_SCHEMA_ERRORS = 1000


def _describe(instance: Any) -> str:
    if isinstance(instance, bool):
        return "true or false"
    if isinstance(instance, dict):
        return "a mapping"
    if isinstance(instance, list):
        return "a list"
    if isinstance(instance, int | float):
        return f"the number {instance}"
    if instance is None:
        return "nothing"
    return f"the text {quote(instance)}"


def _type_words(expected: Any) -> str:
    types = expected if isinstance(expected, list) else [expected]
    return " or ".join(_TYPE_WORDS.get(str(t), str(t)) for t in types)


def _all_errors(error: ValidationError) -> Iterator[ValidationError]:
    """`error` and the errors of its alternatives, leaving out "wrong type" when the value has the right type for
    another alternative: `-5` where an amount or a percentage may stand is a negative amount, not the text '-5'."""
    yield error
    alternatives = list(error.context or ())
    if error.validator in ("anyOf", "oneOf") and any(not _wrong_type(sub) for sub in alternatives):
        alternatives = [sub for sub in alternatives if not _wrong_type(sub)]
    for sub in alternatives:
        yield from _all_errors(sub)


def _wrong_type(error: ValidationError) -> bool:
    """Whether `error` says its instance itself has the wrong type."""
    return error.validator == "type" and not error.relative_path


def _coerce_plain_scalars(document: Document, errors: list[ValidationError]) -> bool:
    """Where the schema wants text and the file has a plain `2027` or `true`, read it as the text it is.

    YAML resolves plain scalars before any schema is known; the schema decides. Returns whether anything changed.
    """
    changed = False
    for error in errors:
        for sub in _all_errors(error):
            expected = sub.validator_value if sub.validator == "type" else None
            wants_text = expected == "string" or (isinstance(expected, list) and "string" in expected)
            if not wants_text or isinstance(sub.instance, str):
                continue
            path = tuple(sub.absolute_path)
            raw = document.source.raw(path)
            if raw is None or not path:
                continue
            parent = document.data
            for item in path[:-1]:
                parent = parent[item]
            parent[path[-1]] = raw
            changed = True
    return changed


def _pick(error: ValidationError) -> ValidationError:
    """For anyOf/oneOf, the error of the alternative the author most likely meant."""
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        return error
    same_type = [e for e in error.context if not _wrong_type(e)]
    if not same_type:
        return error
    return _pick(best_match(same_type))


@dataclass(frozen=True)
class _Failure:
    """One schema error, normalised for the message builders below."""

    document: Document
    path: tuple[PathItem, ...]
    value: Any  # the schema keyword's value, e.g. the list of required keys
    instance: Any
    schema: dict[str, Any]
    validator: str

    @property
    def where(self) -> Loc:
        return self.document.loc(self.path)

    @property
    def label(self) -> str:
        """'key: ' when the failing value sits under a mapping key, so the message names it."""
        return f"{self.path[-1]}: " if self.path and isinstance(self.path[-1], str) else ""

    def at(self, code: str, message: str, loc: Loc | None = None) -> Diagnostic:
        return Diagnostic.at(loc or self.where, code, message)


def _additional_properties(f: _Failure) -> Iterator[Diagnostic]:
    if not isinstance(f.instance, dict):
        return
    allowed = sorted(f.schema.get("properties", {}))
    patterns = list(f.schema.get("patternProperties", {}))
    for extra in (k for k in f.instance if k not in allowed and not any(re.search(p, k) for p in patterns)):
        hint = did_you_mean(extra, allowed)
        if not hint and allowed and len(allowed) <= 16:
            hint = f" (allowed: {', '.join(allowed)})"
        if not allowed and patterns:
            hint = f" (keys here must match {as_written(patterns[0])})"
        yield f.at("PM101", f"unknown key {quote(extra)}{hint}", f.document.loc((*f.path, extra), key=True))


def _required(f: _Failure) -> Iterator[Diagnostic]:
    if isinstance(f.instance, dict):
        where = f.document.loc(f.path, key=True)
        for missing in f.value:
            if missing not in f.instance:
                yield f.at("PM103", f"{f.label}missing required key '{missing}'", where)


def _dependencies(f: _Failure) -> Iterator[Diagnostic]:
    if isinstance(f.instance, dict):
        for trigger, needs in f.value.items():
            for need in needs if trigger in f.instance else ():
                if need not in f.instance:
                    loc = f.document.loc((*f.path, trigger), key=True)
                    yield f.at("PM103", f"'{trigger}' needs '{need}' too", loc)


def _type(f: _Failure) -> Iterator[Diagnostic]:
    yield f.at("PM102", f"{f.label}expected {_type_words(f.value)}, found {_describe(f.instance)}")


def _format(f: _Failure) -> Iterator[Diagnostic]:
    if f.value == "date":
        yield f.at("PM105", f"{f.label}{quote(f.instance)} is not a valid date")
    elif f.value == "local-date-time":
        yield f.at("PM105", f"{f.label}{quote(f.instance)} is not a valid date and time")
    else:
        yield f.at("PM104", f"{f.label}{quote(f.instance)} is not a valid {f.value}")


def _pattern(f: _Failure) -> Iterator[Diagnostic]:
    explained = f.schema.get("patternErrorMessage", f"expected text matching {as_written(f.value)}")
    yield f.at("PM104", f"{f.label}{quote(f.instance)} is not valid: {explained}")


def _enum(f: _Failure) -> Iterator[Diagnostic]:
    choices = [str(v) for v in f.value]
    hint = did_you_mean(f.instance, choices) if isinstance(f.instance, str) else ""
    yield f.at("PM104", f"{f.label}{quote(f.instance)} is not one of: {', '.join(choices)}{hint}")


def _unique(f: _Failure) -> Iterator[Diagnostic]:
    yield f.at("PM104", f"{f.label}items must not repeat")


def _alternatives(f: _Failure) -> Iterator[Diagnostic]:
    description = _lower_first(f.schema.get("description", "a value of another form"))
    yield f.at("PM102", f"{f.label}{_describe(f.instance)} is not {description}")


_LIMIT_WORDS = {
    "minimum": "is below the minimum",
    "maximum": "is above the maximum",
    "exclusiveMinimum": "must be above",
    "exclusiveMaximum": "must be below",
    "minLength": "is shorter than the minimum length",
    "maxLength": "is longer than the maximum length",
    "minItems": "has fewer items than the minimum",
    "maxItems": "has more items than the maximum",
}


def _limit(f: _Failure) -> Iterator[Diagnostic]:
    yield f.at("PM104", f"{f.label}{_describe(f.instance)} {_LIMIT_WORDS[f.validator]} {f.value}")


_HANDLERS: dict[str, Callable[[_Failure], Iterator[Diagnostic]]] = {
    "additionalProperties": _additional_properties,
    "required": _required,
    "dependencies": _dependencies,
    "type": _type,
    "format": _format,
    "pattern": _pattern,
    "enum": _enum,
    "uniqueItems": _unique,
    "anyOf": _alternatives,
    "oneOf": _alternatives,
    **dict.fromkeys(_LIMIT_WORDS, _limit),
}


def _diagnose(document: Document, error: ValidationError) -> Iterator[Diagnostic]:
    error = _pick(error)
    schema = error.schema if isinstance(error.schema, dict) else {}
    validator = str(error.validator)
    failure = _Failure(document, tuple(error.absolute_path), error.validator_value, error.instance, schema, validator)
    handler = _HANDLERS.get(validator)
    if handler is None:
        yield failure.at("PM100", f"{failure.label}{error.message}")
    else:
        yield from handler(failure)


def _lower_first(text: str) -> str:
    text = text.rstrip(".")
    return text[:1].lower() + text[1:]


def _first_errors(document: Document) -> list[ValidationError]:
    """The document's first errors, one more than are shown (to tell that there are more)."""
    return list(islice(explaining_validator(document.kind).iter_errors(document.data), MAX_SCHEMA_ERRORS + 1))


def check_schema(document: Document) -> list[Diagnostic]:
    """Validate `document` against its kind's schema. Plain scalars the schema wants as text are coerced in place."""
    if is_valid_fast(document.kind, document.data):
        return []
    errors = _first_errors(document)
    rounds = 0
    while errors and rounds < _MAX_COERCION_ROUNDS and _coerce_plain_scalars(document, errors):
        errors = _first_errors(document)
        rounds += 1
    shown, left_out = errors[:MAX_SCHEMA_ERRORS], errors[MAX_SCHEMA_ERRORS:]
    diagnostics: list[Diagnostic] = []
    patterned = {tuple(error.absolute_path) for error in shown if error.validator == "pattern"}
    for error in shown:
        if error.validator == "format" and tuple(error.absolute_path) in patterned:
            continue  # `2027/01/04`: the pattern's message says how to write it; "not a valid date" would repeat it
        diagnostics.extend(_diagnose(document, error))
    where = next(_diagnose(document, left_out[0]), None) if left_out else None
    if where is not None:  # said where the first error left out is, like the other "... and more" findings
        message = f"... and more: only the first {MAX_SCHEMA_ERRORS} schema errors of a file are reported"
        diagnostics.append(Diagnostic.at(Loc(where.file, where.line, where.col), where.code, message))
    return diagnostics
