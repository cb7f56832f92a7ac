"""`pmcode risk`: Monte Carlo schedule and cost risk from the tasks' estimates and the projects' risks."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pmcode.cli.options import root_argument
from pmcode.errors import FindingsError, PmcodeError
from pmcode.render.diagnostics import render_text
from pmcode.render.risk_formats import RISK_RENDERERS
from pmcode.risk import DEFAULT_ITERATIONS, DEFAULT_SEED, simulate
from pmcode.schedule import schedule_portfolio
from pmcode.text import did_you_mean
from pmcode.validate import validate_root

MAX_ITERATIONS = 1_000_000


@click.command()
@root_argument
@click.option("--project", "project_id", metavar="ID", help="Only this project (all are simulated: links cross them).")
@click.option(
    "--iterations",
    type=click.IntRange(1, MAX_ITERATIONS),
    default=DEFAULT_ITERATIONS,
    show_default=True,
    help="Simulated runs of the whole portfolio.",
)
@click.option(
    "--seed", type=click.IntRange(0), default=DEFAULT_SEED, show_default=True, help="The same seed, the same output."
)
@click.option("--format", "output_format", type=click.Choice(list(RISK_RENDERERS)), default="table", show_default=True)
def risk(root: Path, project_id: str | None, iterations: int, seed: int, output_format: str) -> None:
    """Simulate the schedule and cost risk of the portfolio under ROOT.

    Samples every task `estimate` (PERT-beta or triangular, correlation groups rank-correlated) and every project
    risk (probability, delay on named tasks, cost), and runs the schedule's network for each sample: per project
    the P10/P50/P80/P90 finish and cost, the contingency P80 - plan, per milestone its percentiles and the chance
    of meeting its deadline, per task its criticality index and its sensitivity (rank correlation with the
    finish). Resource leveling is held as planned. Schedule findings go to standard error.

    Exit status: 0 simulated, 1 errors in the plan, 2 usage error.
    """
    result = validate_root(root)
    if result.errors:
        sys.stdout.write(render_text(result.diagnostics))
        raise FindingsError(f"{result.errors} errors in the plan; fix them to simulate it")
    plan = schedule_portfolio(result.portfolio, network=result.network)
    outcome = simulate(result.portfolio, result.network, plan, iterations=iterations, seed=seed)
    projects = list(outcome.projects)
    if project_id is not None:
        projects = [p for p in projects if p.id == project_id]
        if not projects:
            hint = did_you_mean(project_id, [p.id for p in outcome.projects])
            raise PmcodeError(f"no project '{project_id}' under {root}{hint}")
    sys.stdout.write(RISK_RENDERERS[output_format](outcome, projects))
    if plan.findings:
        sys.stderr.write(render_text(plan.findings))
