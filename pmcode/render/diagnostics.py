"""Diagnostics as text (people), JSON (machines) or GitHub workflow commands (annotations on a pull request)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from pmcode.diagnostics import Diagnostic, Severity

GITHUB_ANNOTATIONS_PER_SEVERITY = 10  # GitHub shows at most 10 of each kind per step and drops the rest silently
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render_text(diagnostics: Sequence[Diagnostic]) -> str:
    lines = [f"{d.file}:{d.line}:{d.col}: {d.severity.value} {d.code} {d.message}" for d in diagnostics]
    return "".join(line + "\n" for line in lines)


def render_json(diagnostics: Sequence[Diagnostic]) -> str:
    return json.dumps([d.as_dict() for d in diagnostics], indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(diagnostics: Sequence[Diagnostic]) -> str:
    """Workflow commands, errors first, at most 10 per severity, then a line saying how many were left out."""
    lines: list[str] = []
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        level = _GITHUB_LEVEL[severity]
        matching = [d for d in diagnostics if d.severity is severity]
        for d in matching[:GITHUB_ANNOTATIONS_PER_SEVERITY]:
            properties = f"file={_escape_property(d.file)},line={d.line},col={d.col},title={_escape_property(d.code)}"
            lines.append(f"::{level} {properties}::{_escape_data(d.message)}")
        hidden = len(matching) - GITHUB_ANNOTATIONS_PER_SEVERITY
        if hidden > 0:
            lines.append(f"::{level}::{hidden} more {level}s not shown as annotations; run pmcode validate locally")
    return "".join(line + "\n" for line in lines)


RENDERERS = {"text": render_text, "json": render_json, "github": render_github}
