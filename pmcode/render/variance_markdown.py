"""`pmcode variance --format markdown`: the report as Markdown, for a pull-request comment or a site page.

Every text from the plan (project ids, task paths) goes through pmcode's Markdown escaping
(pmcode.docgen.markdown.literal, after pmcode.text.printable), so a name cannot become markup or a link. Numbers and
the `-[n]` marks of undefined values are pmcode's own text and written as they are: in a table cell neither can start
a block, and no link reference is ever defined.
"""

from __future__ import annotations

from pmcode.docgen.markdown import literal, table
from pmcode.render.variance_cells import Footnotes, Section, heading, sections
from pmcode.text import printable
from pmcode.variance import PortfolioVariance, ProjectVariance

INDENT = "&nbsp;&nbsp;"  # a task's depth: Markdown would collapse plain spaces


def _data(text: str) -> str:
    """A cell of plan data; its leading spaces (a task's depth in the table form) become no-break spaces."""
    name = text.lstrip(" ")
    return INDENT * ((len(text) - len(name)) // 2) + literal(printable(name), table=True)


def _section(section: Section) -> str:
    header = [literal(name, table=True) for name in section.header]
    rows = [[_data(cell) if n < section.data_columns else cell for n, cell in enumerate(row)] for row in section.rows]
    return f"### {literal(section.title)}\n\n{table(header, rows)}"


def render_markdown(
    result: PortfolioVariance, projects: list[ProjectVariance], *, tasks: bool = False, monthly: bool = False
) -> str:
    notes = Footnotes()
    blocks = ["## Variance", literal(heading(result))]
    blocks += [_section(section) for section in sections(result, projects, tasks, monthly, notes, indent="  ")]
    if notes.reasons:
        blocks.append("Why a value is shown as -:\n\n" + "\n".join(f"- {literal(printable(n))}" for n in notes.lines()))
    return "\n\n".join(blocks) + "\n"
