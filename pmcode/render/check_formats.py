"""`pmcode check` output: text (people), json (machines), github (workflow annotations), markdown (PR comment, job
summary). Each takes the CheckResult and whether warnings fail (`strict`), and returns the text to print.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Protocol

from pmcode.check import CheckResult
from pmcode.diagnostics import Diagnostic, Severity
from pmcode.docgen.markdown import code, prose, table
from pmcode.render.diagnostics import GITHUB_ANNOTATIONS_PER_SEVERITY, render_text
from pmcode.text import plural

_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
MARKDOWN_LIMIT = 60_000  # characters: a pull-request comment holds 65,536


def summary(result: CheckResult, *, strict: bool) -> str:
    """`failed: 2 errors, 1 warning (5 projects)`: the verdict line text and markdown formats end with."""
    counts = f"{plural(result.count(Severity.ERROR), 'error')}, {plural(result.count(Severity.WARNING), 'warning')}"
    verdict = "failed" if result.failed(strict=strict) else "ok"
    warned = " (--strict: warnings fail)" if strict and result.count(Severity.WARNING) else ""
    return f"{verdict}: {counts} ({plural(result.projects, 'project')}){warned}"


def render_check_text(result: CheckResult, *, strict: bool) -> str:
    return render_text(result.diagnostics)


def render_check_json(result: CheckResult, *, strict: bool) -> str:
    document = {
        "verdict": result.verdict(strict=strict),
        "counts": result.counts,
        "findings": [d.as_dict() for d in result.diagnostics],
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def escape_data(text: str) -> str:
    """A workflow command's message: `%`, CR and LF escaped, as GitHub's toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: as data, and `:` and `,` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic) -> str:
    properties = f"file={escape_property(d.file)},line={d.line},col={d.col},title={escape_property(d.code)}"
    return f"::{_GITHUB_LEVEL[d.severity]} {properties}::{escape_data(d.message)}"


def render_check_github(result: CheckResult, *, strict: bool) -> str:
    """Errors first, at most 10 annotations per severity (GitHub drops the rest silently), then a line saying how
    many more there are; the full list goes to the job summary."""
    lines: list[str] = []
    for severity in _ORDER:
        level = _GITHUB_LEVEL[severity]
        matching = [d for d in result.diagnostics if d.severity is severity]
        lines.extend(annotation(d) for d in matching[:GITHUB_ANNOTATIONS_PER_SEVERITY])
        hidden = len(matching) - GITHUB_ANNOTATIONS_PER_SEVERITY
        if hidden > 0:
            more = f"{hidden} more {level}s not shown as annotations: see the job summary, or run pmcode check locally"
            lines.append(f"::{level}::{more}")
    return "".join(line + "\n" for line in lines)


def _rows(diagnostics: Sequence[Diagnostic]) -> list[list[str]]:
    ordered = sorted(diagnostics, key=lambda d: _ORDER.index(d.severity))  # stable: by position within a severity
    return [
        [d.severity.value, d.code, code(f"{d.file}:{d.line}:{d.col}", table=True), prose(d.message, table=True)]
        for d in ordered
    ]


def render_check_markdown(result: CheckResult, *, strict: bool, limit: int = MARKDOWN_LIMIT) -> str:
    """A verdict line, then the findings in a table, errors first; all plan text escaped for Markdown and HTML.
    Rows stop before the text would pass `limit` characters (a GitHub comment holds 65,536), with a line saying how
    many were left out."""
    verdict = "❌ **pmcode check failed**" if result.failed(strict=strict) else "✅ **pmcode check passed**"
    head = f"{verdict}: {summary(result, strict=strict).split(': ', 1)[1]}"
    if not result.diagnostics:
        return f"{head}\n\nNo findings.\n"
    rows = _rows(result.diagnostics)
    size, shown = len(head) + 200, 0
    for row in rows:
        size += sum(len(cell) + 3 for cell in row) + 2
        if size > limit:
            break
        shown += 1
    body = table(["severity", "code", "where", "finding"], rows[:shown])
    more = len(rows) - shown
    tail = f"\n\n{more} more not shown: run `pmcode check` locally for the full list." if more else ""
    return f"{head}\n\n{body}{tail}\n"


class Renderer(Protocol):
    def __call__(self, result: CheckResult, *, strict: bool) -> str: ...


CHECK_RENDERERS: dict[str, Renderer] = {
    "text": render_check_text,
    "json": render_check_json,
    "github": render_check_github,
    "markdown": render_check_markdown,
}
