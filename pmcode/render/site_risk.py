"""The project page's Risk section: the simulated finish and cost distributions, the tornado, deadline odds.

`risk_figures(result, schedule)` runs the simulation once per build (2,000 iterations, seed 1) when some project
has estimates or risks, and keeps per project its RiskResult entry plus the finish day and cost of each iteration.
`risk_section(project_id, risk, currency)` returns the section's Markdown, or "" for a project without estimates
or risks (its page stays as before).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from markupsafe import Markup, escape

from pmcode.render.charts.risk import cost_distribution_svg, finish_distribution_svg, tornado_svg
from pmcode.risk import RiskResult, has_inputs, run_simulation, summarise
from pmcode.schedule import Schedule
from pmcode.validate import ValidationResult

SITE_ITERATIONS = 2_000
SITE_SEED = 1


@dataclass(frozen=True)
class SiteRisk:
    result: RiskResult
    finish_days: dict[str, tuple[date, ...]]  # per project: its finish day in each iteration
    costs: dict[str, tuple[float, ...]]  # per project: its cost in each iteration


def risk_figures(result: ValidationResult, schedule: Schedule) -> SiteRisk | None:
    """The build's simulation, or None when no project has estimates or risks."""
    portfolio = result.portfolio
    if result.network is None or not any(has_inputs(portfolio, p) for p in portfolio.projects.values()):
        return None
    simulation = run_simulation(portfolio, result.network, schedule, iterations=SITE_ITERATIONS, seed=SITE_SEED)
    days: dict[str, tuple[date, ...]] = {}
    for project_id, finish in simulation.finish.items():
        anchor = next(n.index for n in simulation.plan.network.tasks if n.key[0] == project_id)
        axis = simulation.plan.axes[anchor]
        unique, inverse = np.unique(np.asarray(finish), return_inverse=True)
        as_days = [simulation.calendars.base.datetime(axis.time.end_at(round(float(w)))).date() for w in unique]
        days[project_id] = tuple(as_days[i] for i in inverse.ravel())
    costs = {key: tuple(float(v) for v in np.asarray(value)) for key, value in simulation.cost.items()}
    return SiteRisk(summarise(simulation, portfolio), days, costs)


def risk_section(project_id: str, risk: SiteRisk | None, currency: str) -> Markup:
    """The Markdown of the Risk section, or an empty string for a project without estimates or risks."""
    project = None if risk is None else risk.result.project(project_id)
    if risk is None or project is None or not project.uncertain or project_id not in risk.finish_days:
        return Markup("")
    p50, p80 = project.finish.at(50), project.finish.at(80)
    if p50 is None or p80 is None:
        return Markup("")
    planned = project.finish.planned
    deadlines = [m for m in project.milestones if m.deadline is not None]
    project_deadline = max((m.deadline for m in deadlines if m.deadline is not None), default=None)
    parts = [
        "## Risk\n",
        f'<div class="pm-wrap"><p>Monte Carlo simulation, {risk.result.iterations:,} iterations (seed '
        f"{risk.result.seed}). P80 is the date or cost that 80% of the iterations meet; "
        "the finish chart marks the latest deadline of a milestone or task.</p></div>\n",
        finish_distribution_svg(
            risk.finish_days[project_id],
            p50=p50.date(),
            p80=p80.date(),
            planned=None if planned is None else planned.date(),
            deadline=project_deadline,
        ),
    ]
    costs = risk.costs[project_id]
    if costs and min(costs) != max(costs):  # a cost that never varies has no distribution to draw
        parts.append(
            cost_distribution_svg(
                costs,
                p50=project.cost_at(50),
                p80=project.cost_at(80),
                planned=project.cost_planned,
                currency=currency,
            )
        )
    if project.drivers():
        parts.append(tornado_svg(project.drivers()))
    if deadlines:
        rows = "".join(
            f'<tr><td class="pm-text">{escape(m.name)} <code>{escape(m.path)}</code></td>'
            f'<td class="pm-date">{m.deadline}</td><td class="num">'
            f"{'-' if m.on_time is None else f'{m.on_time:.0%}'}</td></tr>\n"
            for m in deadlines
        )
        parts.append(
            '<div class="pm-wrap">\n<table class="pm-table pm-risk-deadlines">\n'
            "<thead><tr><th>Milestone or task</th><th>Deadline</th><th>Probability on time</th></tr></thead>\n"
            f"<tbody>\n{rows}</tbody>\n</table>\n</div>\n"
        )
    return Markup("\n".join(parts))  # noqa: S704 - the SVGs are pmcode's, data escaped; table cells escaped
