"""`pmcode diff --format markdown`: a pull-request comment. The verdict first, then the portfolio's money and the
changed projects in tables, each project's details, people and findings in `<details>` blocks.

Plan data is escaped for Markdown and HTML (pmcode.docgen.markdown.literal after pmcode.text.printable; HTML
escaping inside `<summary>`, where GitHub does not read Markdown). The comment stays under `limit` characters (a
GitHub comment holds 65,536): table rows stop when the rest would not fit, and a line says how many were left out.
"""

from __future__ import annotations

import html

from pmcode.diff.result import FindingChange, Move, PlanDiff, ProjectDiff
from pmcode.docgen.markdown import code, literal, table
from pmcode.render.diff_text import baseline_state, fields_text, figure_label, money, verdict, when
from pmcode.text import plural, printable

MARKDOWN_LIMIT = 60_000
_RESERVE = 600  # for the headings and the closing line
_NOTE = "more not shown."


def _cell(text: str) -> str:
    return literal(printable(text), table=True)


def _path(text: str) -> str:
    return code(printable(text), table=True) if text else ""


def _days(move: Move) -> str:
    return "" if move.working_days is None else f"{round(move.working_days, 2):+g}"


class _Budget:
    """Characters left for the comment; table rows beyond it are counted instead of shown."""

    def __init__(self, limit: int) -> None:
        self.left = limit - _RESERVE
        self.hidden = 0

    def take(self, text: str) -> bool:
        if len(text) + 1 > self.left:
            return False
        self.left -= len(text) + 1
        return True

    def table(self, header: list[str], rows: list[list[str]]) -> str:
        """The rows that fit (the note about the others included), with the blank line that separates blocks."""
        head = table(header, [])
        if not rows or not self.take(head + "\n" + _NOTE):
            self.hidden += len(rows)
            return ""
        shown: list[list[str]] = []
        for row in rows:
            if not self.take("| " + " | ".join(row) + " |"):
                break
            shown.append(row)
        more = len(rows) - len(shown)
        self.hidden += more
        note = f"\n\n{more} {_NOTE}" if more else ""
        return table(header, shown) + note


def _details(summary: str, blocks: list[str]) -> str:
    body = "\n\n".join(b for b in blocks if b)
    return f"<details><summary>{summary}</summary>\n\n{body}\n\n</details>" if body else ""


def _money_table(diff: PlanDiff, project: ProjectDiff | None, budget: _Budget) -> str:
    changes = diff.money if project is None else project.money
    rows = [
        [
            figure_label(m.figure),
            money(m.before, diff.currency, sign=False),
            money(m.after, diff.currency, sign=False),
            money(m.change, diff.currency),
        ]
        for m in changes
    ]
    return budget.table(["money", "before", "after", "change"], rows)


def _projects_table(diff: PlanDiff, changed: list[ProjectDiff], budget: _Budget) -> str:
    rows = []
    for p in changed:
        finish = p.finish
        rows.append(
            [
                _path(p.id),
                p.status,
                "" if finish is None else f"{when(finish, True)} → {when(finish, False)}",
                "" if finish is None else _days(finish),
                str(len(p.milestones)),
                str(len(p.tasks)),
                str(len(p.critical)),
            ]
        )
    header = ["project", "status", "finish", "working days", "milestones moved", "tasks changed", "critical path"]
    return budget.table(header, rows)


def _project_blocks(project: ProjectDiff, diff: PlanDiff, budget: _Budget) -> list[str]:
    milestones = [
        [_path(m.path), _cell(m.name), when(m, True), when(m, False), _days(m), f"{m.calendar_days or 0:+d}"]
        for m in project.milestones
    ]
    tasks = [
        [t.change, _path(t.path), _cell(t.name), "" if t.change == "added" else _cell(fields_text(t.fields, "→"))]
        for t in project.tasks
    ]
    critical = [[_path(c.path), _cell(c.name), "entered" if c.entered else "left"] for c in project.critical]
    lost = [[_path(f.path), _cell(f.name), f"{f.before_days:.2f}", f"{f.after_days:.2f}"] for f in project.float_lost]
    return [
        budget.table(["milestone", "name", "before", "after", "working days", "calendar days"], milestones),
        budget.table(["change", "task", "name", "what changed"], tasks),
        budget.table(["task", "name", "critical path"], critical),
        budget.table(["total float lost", "name", "before (days)", "after (days)"], lost),
        _money_table(diff, project, budget),
    ]


def _rows_of(project: ProjectDiff) -> int:
    parts = (project.milestones, project.tasks, project.critical, project.float_lost, project.money)
    return sum(len(part) for part in parts)


def _finding_rows(findings: tuple[FindingChange, ...]) -> list[list[str]]:
    return [
        [f.severity, f.code, _path(f"{f.file}:{f.line}:{f.col}"), _cell(f.message)]
        for f in sorted(findings, key=lambda f: f.severity != "error")  # stable: errors first, then by position
    ]


def _people_blocks(diff: PlanDiff, budget: _Budget) -> list[str]:
    over = [
        [
            _path(o.person),
            "yes" if o.new else "",
            f"{round(o.days_before, 2):g} d, peak {o.peak_before:g}%",
            f"{round(o.days_after, 2):g} d, peak {o.peak_after:g}%",
        ]
        for o in diff.overallocated
    ]
    people = [
        [
            _path(p.person),
            f"{p.hours_before:.1f}",
            f"{p.hours_after:.1f}",
            _cell(", ".join([f"+{t}" for t in p.tasks_added] + [f"-{t}" for t in p.tasks_removed])),
        ]
        for p in diff.people
    ]
    named = ", ".join(code(printable(person)) for person in diff.newly_overallocated)
    return [
        f"Newly over-allocated: {named}" if named and budget.take(named) else "",
        budget.table(["over-allocated (unleveled)", "new", "before", "after"], over),
        budget.table(["person", "hours before", "hours after", "tasks"], people),
    ]


def render_diff_markdown(diff: PlanDiff, *, limit: int = MARKDOWN_LIMIT) -> str:
    budget = _Budget(limit)
    head = f"### pmcode diff {code(printable(diff.before))} → {code(printable(diff.after))}"
    blocks = [head, f"**{verdict(diff, _path, '→')}**"]
    budget.take("\n\n".join(blocks))
    new, cleared = diff.new_findings, diff.cleared_findings
    if new:
        blocks += ["#### New findings", budget.table(["severity", "code", "where", "finding"], _finding_rows(new))]
    if diff.baselines:
        rows = [[_path(b.project), b.change, _cell(baseline_state(b)), _path(b.file)] for b in diff.baselines]
        blocks += ["#### Baselines", budget.table(["project", "baseline", "change control", "file"], rows)]
    changed = [p for p in diff.projects if p.changed or p.status != "unchanged"]
    if diff.money:
        blocks += ["#### Portfolio", _money_table(diff, None, budget)]
    if changed:
        blocks += ["#### Projects", _projects_table(diff, changed, budget)]
        for project in changed:
            summary = f"{html.escape(printable(project.id))}: {project.status}"
            if budget.take(_details(summary, ["x"])):
                blocks.append(_details(summary, _project_blocks(project, diff, budget)))
            else:
                budget.hidden += _rows_of(project)
    if diff.people or diff.overallocated or diff.newly_overallocated:
        count = plural(len(diff.people), "person") + " re-allocated"
        over = len(diff.newly_overallocated)
        summary = f"People: {count.replace('persons', 'people')}, {over} newly over-allocated"
        blocks.append(_details(summary, _people_blocks(diff, budget)))
    if cleared:
        rows = _finding_rows(cleared)
        summary = f"{plural(len(cleared), 'finding')} cleared"
        blocks.append(_details(summary, [budget.table(["severity", "code", "where", "finding"], rows)]))
    if budget.hidden:
        blocks.append(f"{budget.hidden} more not shown: run `pmcode diff` locally for the whole comparison.")
    return "\n\n".join(b for b in blocks if b) + "\n"
