"""`pmcode variance` for a terminal (aligned columns) and as JSON (the contract of `PortfolioVariance.to_json`)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from pmcode.diagnostics import Diagnostic
from pmcode.render.variance_cells import Footnotes, Section, heading, sections
from pmcode.text import printable
from pmcode.variance import PortfolioVariance, ProjectVariance


def render_json(
    result: PortfolioVariance, project_ids: tuple[str, ...] | None = None, findings: Sequence[Diagnostic] | None = None
) -> str:
    """The JSON document; `findings` replaces the result's own (e.g. with the schedule's added)."""
    document = result.to_json(project_ids)
    if findings is not None:
        document["findings"] = [d.as_dict() for d in findings]
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _grid(section: Section) -> list[str]:
    rows = [section.header, *((printable(c) for c in row) for row in section.rows)]
    table = [tuple(row) for row in rows]
    widths = [max(len(row[n]) for row in table) for n in range(len(section.header))]
    lines = [section.title]
    for number, row in enumerate(table):
        cells = [f"{cell:<{widths[n]}}" if n == 0 else f"{cell:>{widths[n]}}" for n, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    return lines


def render_table(
    result: PortfolioVariance, projects: list[ProjectVariance], *, tasks: bool = False, monthly: bool = False
) -> str:
    notes = Footnotes()
    lines = [heading(result)]
    for section in sections(result, projects, tasks, monthly, notes, indent="  "):
        lines += ["", *_grid(section)]
    if notes.reasons:
        lines += ["", "Why a value is shown as -:", *notes.lines()]
    return "\n".join(lines) + "\n"
