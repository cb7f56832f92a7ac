"""`pmcode risk` output: a text table, JSON (keys sorted) and Markdown, from a RiskResult."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from pmcode.risk import PERCENTILES, ProjectRisk, RiskResult, TaskRisk

DRIVERS = 10


def _when(moment: datetime | None) -> str:
    return "-" if moment is None else f"{moment:%Y-%m-%d %H:%M}"


def _rows(project: ProjectRisk) -> list[list[str]]:
    head = ["", "plan", *(f"P{p}" for p in PERCENTILES)]
    finish = ["finish", _when(project.finish.planned), *(_when(d) for _, d in project.finish.percentiles)]
    cost = ["cost", f"{project.cost_planned:,.2f}", *(f"{c:,.2f}" for _, c in project.cost_percentiles)]
    rows = [head, finish, cost]
    for milestone in project.milestones:
        dates = milestone.finish
        rows.append([milestone.path, _when(dates.planned), *(_when(d) for _, d in dates.percentiles)])
    return rows


def _deadlines(project: ProjectRisk) -> list[str]:
    return [
        f"{m.path}: {m.on_time:.1%} chance of finishing by its deadline {m.deadline}"
        for m in project.milestones
        if m.deadline is not None and m.on_time is not None
    ]


def _contingency(project: ProjectRisk) -> str:
    return (
        f"contingency at P80: schedule {project.schedule_contingency_days:.1f} working days, cost "
        f"{project.cost_contingency:,.2f} (reserves {project.reserves:,.2f})"
    )


def _top(project: ProjectRisk) -> list[TaskRisk]:
    """Drivers of the finish (by sensitivity), then the most critical tasks, up to DRIVERS in all."""
    chosen = project.drivers(DRIVERS)
    seen = {t.path for t in chosen}
    critical = sorted((t for t in project.tasks if t.path not in seen), key=lambda t: (-t.criticality, t.path))
    return chosen + [t for t in critical if t.criticality > 0][: DRIVERS - len(chosen)]


def render_risk_table(result: RiskResult, projects: Sequence[ProjectRisk]) -> str:
    out = [f"{result.iterations:,} iterations, seed {result.seed}"]
    for project in projects:
        out.append("")
        out.append(f"{project.id}: {project.name}" + ("" if project.uncertain else " (no estimates or risks)"))
        rows = _rows(project)
        widths = [max(len(row[n]) for row in rows) for n in range(len(rows[0]))]
        for row in rows:
            out.append(
                "  ".join(
                    cell.ljust(w) if n == 0 else cell.rjust(w)
                    for n, (cell, w) in enumerate(zip(row, widths, strict=True))
                ).rstrip()
            )
        out.append(_contingency(project))
        out.extend(_deadlines(project))
        top = _top(project)
        if top:
            width = max(len(t.path) for t in top)
            out.append(f"{'task'.ljust(width)}  criticality  sensitivity")
            for task in top:
                rho = "-" if task.sensitivity is None else f"{task.sensitivity:+.2f}"
                out.append(f"{task.path.ljust(width)}  {task.criticality:>11.0%}  {rho:>11}")
    return "\n".join(out) + "\n"


def render_risk_json(result: RiskResult, projects: Sequence[ProjectRisk]) -> str:
    document = {"iterations": result.iterations, "seed": result.seed, "projects": [p.to_json() for p in projects]}
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def render_risk_markdown(result: RiskResult, projects: Sequence[ProjectRisk]) -> str:
    out = [f"# Schedule and cost risk\n\n{result.iterations:,} iterations, seed {result.seed}."]
    for project in projects:
        out.append(f"\n## {_cell(project.name)} (`{project.id}`)\n")
        rows = _rows(project)
        out.append("| " + " | ".join(_cell(c) for c in rows[0]) + " |")
        out.append("|" + "---|" * len(rows[0]))
        out.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in rows[1:])
        out.append("")
        out.append(_contingency(project) + ".")
        out.extend(f"- {_cell(line)}" for line in _deadlines(project))
        top = _top(project)
        if top:
            out.append("\n| task | criticality | sensitivity |\n|---|---:|---:|")
            for task in top:
                rho = "-" if task.sensitivity is None else f"{task.sensitivity:+.2f}"
                out.append(f"| {_cell(task.path)} | {task.criticality:.0%} | {rho} |")
    return "\n".join(out) + "\n"


RISK_RENDERERS = {"table": render_risk_table, "json": render_risk_json, "markdown": render_risk_markdown}
