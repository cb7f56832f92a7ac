"""`pmcode variance`: earned value per project and portfolio (per task with --project), against the baselines."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pmcode.cli.options import root_argument
from pmcode.diagnostics import Diagnostic, Severity, sort_diagnostics
from pmcode.errors import FindingsError, PmcodeError
from pmcode.evm import EAC_METHODS
from pmcode.model import Baseline, Portfolio
from pmcode.render.diagnostics import render_text
from pmcode.text import did_you_mean, printable

FORMATS = ("table", "json", "markdown")
TRACKING_CODES = frozenset({"PM307", "PM308", "PM309", "PM310"})  # actuals the tracking left out: EV follows them


def baselines_at(
    root: Path, portfolio: Portfolio, revision: str
) -> tuple[dict[str, Baseline | None], list[Diagnostic]]:
    """Every project's baseline as committed at `revision`: None for a project that had none then. A revision git
    cannot read (PM510) is a usage error; a baseline there that is not valid is a finding."""
    from pmcode.baseline import baseline_at_revision

    found: dict[str, Baseline | None] = {}
    findings: list[Diagnostic] = []
    for project_id in sorted(portfolio.projects):
        baseline, problems = baseline_at_revision(root, project_id, revision)
        for problem in problems:
            if problem.code == "PM510":
                raise PmcodeError(f"--baseline {printable(revision)}: {problem.message}")
        findings.extend(p for p in problems if p.code != "PM511")  # no file then: the project has no baseline
        found[project_id] = baseline
    return found, findings


@click.command()
@root_argument
@click.option("--project", "project_id", metavar="ID", help="Only this project, with a row per task.")
@click.option(
    "--baseline",
    "revision",
    metavar="REV",
    help="Measure against the baselines as committed at this git revision (commit, tag, branch) instead of the "
    "working tree's baseline.yaml files.",
)
@click.option(
    "--eac-method",
    type=click.Choice(EAC_METHODS),
    help="The primary EAC of every project (default: each budget.yaml's eac_method, else cpi).",
)
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--monthly", is_flag=True, help="Also show month by month (the JSON always has the months).")
def variance(
    root: Path,
    project_id: str | None,
    revision: str | None,
    eac_method: str | None,
    output_format: str,
    monthly: bool,
) -> None:
    """Earned value of the portfolio under ROOT against its baselines, at each project's status date.

    PV, EV, AC, SV, CV, SPI, CPI, the four EACs, ETC, VAC, TCPI and earned schedule for every project and the
    portfolio, and with --project for each task and summary; beside them the finance view's variance (actual -
    budget), whose sign is the opposite of CV. A project without a baseline gets an info finding (PM520). The
    findings that bear on the figures (errors, actuals the tracking left out, money findings) go to standard error,
    and into the JSON. Exit status: 0 computed, 1 errors in the plan (or in a baseline read
    with --baseline), 2 usage error (an unknown project, a revision git cannot read).
    """
    from pmcode.render.variance_markdown import render_markdown
    from pmcode.render.variance_table import render_json, render_table
    from pmcode.schedule import schedule_portfolio
    from pmcode.validate import validate_root
    from pmcode.variance import variance_portfolio

    result = validate_root(root)
    if result.errors:
        sys.stdout.write(render_text(result.diagnostics))
        raise FindingsError(f"{result.errors} errors in the plan; fix them to compute its variance")
    portfolio = result.portfolio
    if project_id is not None and project_id not in portfolio.projects:
        hint = did_you_mean(project_id, portfolio.projects)
        raise PmcodeError(f"no project '{printable(project_id)}' under {printable(root.as_posix())}{hint}")
    baselines, findings = baselines_at(root, portfolio, revision) if revision is not None else (None, [])
    plan = schedule_portfolio(portfolio, network=result.network)
    outcome = variance_portfolio(portfolio, plan, baselines=baselines, eac_method=eac_method)
    chosen = [p for p in outcome.projects if project_id is None or p.id == project_id]
    own = outcome.findings if project_id is None else tuple(d for p in chosen for d in p.findings)
    bearing = [d for d in plan.findings if d.severity is Severity.ERROR or d.code in TRACKING_CODES]
    shown = sort_diagnostics([*findings, *bearing, *own])
    if output_format == "json":
        sys.stdout.write(render_json(outcome, tuple(p.id for p in chosen), shown))
    elif output_format == "markdown":
        sys.stdout.write(render_markdown(outcome, chosen, tasks=project_id is not None, monthly=monthly))
    else:
        sys.stdout.write(render_table(outcome, chosen, tasks=project_id is not None, monthly=monthly))
    sys.stderr.write(render_text(shown))
    if any(d.severity is Severity.ERROR for d in shown):
        sys.exit(1)
