"""`pmcode schedule`: dates, float and critical path for every task."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pmcode.cli.options import root_argument
from pmcode.errors import FindingsError, PmcodeError
from pmcode.render.diagnostics import render_text
from pmcode.render.schedule_formats import render_csv, render_json, render_mermaid
from pmcode.render.schedule_table import render_table
from pmcode.schedule import schedule_portfolio
from pmcode.text import did_you_mean
from pmcode.validate import validate_root

FORMATS = ("table", "json", "csv", "mermaid")


@click.command()
@root_argument
@click.option("--project", "project_id", metavar="ID", help="Only this project (all are scheduled: people are shared).")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option(
    "--no-level", is_flag=True, help="Do not level: keep the critical-path dates and report over-allocated people."
)
def schedule(root: Path, project_id: str | None, output_format: str, no_level: bool) -> None:
    """Schedule the portfolio under ROOT and print it.

    Findings (missed deadlines, tasks that cannot be scheduled, over-allocations) go to standard error, and into
    the JSON. Exit status: 0 scheduled (warnings allowed), 1 errors in the plan or a task that cannot be
    scheduled, 2 usage error.
    """
    result = validate_root(root)
    if result.errors:
        sys.stdout.write(render_text(result.diagnostics))
        raise FindingsError(f"{result.errors} errors in the plan; fix them to schedule it")
    plan = schedule_portfolio(result.portfolio, level=not no_level, network=result.network)
    projects = list(plan.projects)
    if project_id is not None:
        projects = [p for p in projects if p.id == project_id]
        if not projects:
            hint = did_you_mean(project_id, [p.id for p in plan.projects])
            raise PmcodeError(f"no project '{project_id}' under {root}{hint}")
    if output_format == "json":
        sys.stdout.write(render_json(plan, projects))
    elif output_format == "csv":
        sys.stdout.write(render_csv(projects))
    elif output_format == "mermaid":
        sys.stdout.write(render_mermaid(projects))
    else:
        sys.stdout.write(render_table(projects))
    if output_format != "json" or plan.findings:
        sys.stderr.write(render_text(plan.findings))
    if any(d.severity.value == "error" for d in plan.findings):
        sys.exit(1)
