"""`pmcode baseline save|show`: freeze the agreed plan into <project>/baseline.yaml, and look at a saved one."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

import click

from pmcode.cli.options import root_argument
from pmcode.diagnostics import Diagnostic
from pmcode.errors import FindingsError, PmcodeError
from pmcode.model import Portfolio
from pmcode.render.diagnostics import render_text
from pmcode.text import did_you_mean, printable


@click.group()
def baseline() -> None:
    """Save the plan as the baseline progress is measured against, or show a saved one."""


def _project(portfolio: Portfolio, project_id: str | None, root: Path) -> str:
    projects = sorted(portfolio.projects)
    if project_id is None:
        if len(projects) != 1:
            raise PmcodeError(f"{len(projects)} projects under {printable(root.as_posix())}: choose one with --project")
        return projects[0]
    if project_id not in portfolio.projects:
        hint = did_you_mean(project_id, projects)
        raise PmcodeError(f"no project '{printable(project_id)}' under {printable(root.as_posix())}{hint}")
    return project_id


def _approved_changes(portfolio: Portfolio, project_id: str, changes: tuple[str, ...]) -> None:
    """Refuse to record a change request the project does not have, or one not approved (PM622/PM623 later)."""
    known = {change.id: change for change in portfolio.records.changes.get(project_id, ())}
    for name in changes:
        change = known.get(name)
        if change is None:
            hint = did_you_mean(name, known)
            raise PmcodeError(f"project '{project_id}' has no change request '{printable(name)}'{hint}")
        if not change.is_approved:
            raise PmcodeError(f"{name} is {change.status}, not approved: a baseline records approved changes only")


@baseline.command()
@root_argument
@click.option("--project", "project_id", metavar="ID", help="The project (needed when there are several).")
@click.option("--name", metavar="NAME", help="Baseline name or number, e.g. 'B2 - after CR-7'.")
@click.option("--approved-by", metavar="WHO", help="Who approved it.")
@click.option("--approved", metavar="DATE", type=click.DateTime(["%Y-%m-%d"]), help="Day it was approved.")
@click.option(
    "--change",
    "changes",
    metavar="CR",
    multiple=True,
    help="An approved change request of the project that this baseline records (CR-007); repeatable. Added to "
    "the ones the current baseline names.",
)
def save(
    root: Path,
    project_id: str | None,
    name: str | None,
    approved_by: str | None,
    approved: datetime | None,
    changes: tuple[str, ...],
) -> None:
    """Schedule and cost the portfolio under ROOT and write the project's baseline.yaml.

    The file holds each task's dates, hours and cost, the planned value per month (labor and fixed costs linear
    over each task's working time, plus the budget lines' own amounts) and per budget line, the budget at
    completion (bac, the sum of the planned value) and the reserves beside it. It is written the same way every
    time: saving an unchanged plan changes nothing, and a change shows as a small diff. Options left out are left
    out of the file. With --change, the baseline names the approved change request(s) it records (`change:`), as
    `pmcode diff` requires of a pull request that changes a baseline; the ones already named are kept. Exit status:
    0 written (cost warnings allowed), 1 errors in the plan or a task that cannot be scheduled, 2 usage error (a
    change request that is not an approved request of the project, say).
    """
    from pmcode.baseline import BaselineInfo, save_baseline
    from pmcode.schedule import schedule_portfolio
    from pmcode.validate import validate_root

    result = validate_root(root)
    if result.errors:
        sys.stdout.write(render_text(result.diagnostics))
        raise FindingsError(f"{result.errors} errors in the plan; fix them to save a baseline")
    chosen = _project(result.portfolio, project_id, root)
    plan = schedule_portfolio(result.portfolio, network=result.network)
    errors = [d for d in plan.findings if d.severity.value == "error"]
    if errors:
        sys.stderr.write(render_text(errors))
        raise FindingsError("the plan cannot be scheduled; fix it to save a baseline")
    _approved_changes(result.portfolio, chosen, changes)
    info = BaselineInfo(name, approved.date() if approved else None, approved_by, changes)
    saved = save_baseline(root, result.portfolio, plan, chosen, info)
    sys.stderr.write(render_text(saved.findings))
    currency = f" {result.portfolio.currency}" if result.portfolio.currency else ""
    what = "wrote" if saved.written else "unchanged"
    finish = f", finish {saved.finish}" if saved.finish else ""
    click.echo(f"{what} {saved.file}: bac {saved.bac:,.2f}{currency}{finish}", err=True)


@baseline.command()
@root_argument
@click.option("--project", "project_id", metavar="ID", help="The project (needed when there are several).")
@click.option(
    "--baseline",
    "revision",
    metavar="REV",
    help="The baseline as committed at this git revision (commit, tag, branch) instead of the working tree's.",
)
@click.option("--format", "output_format", type=click.Choice(("table", "json")), default="table", show_default=True)
def show(root: Path, project_id: str | None, revision: str | None, output_format: str) -> None:
    """Show a project's saved baseline: bac, reserves and planned value per month and fiscal year.

    With --baseline REV the file is read from git as it was at REV (nothing is checked out). Findings go to
    standard error, and into the JSON. Exit status: 0 shown, 1 no readable baseline, 2 usage error.
    """
    from pmcode.baseline import baseline_at_revision
    from pmcode.baseline.show import baseline_json, baseline_table
    from pmcode.cost import FiscalYears
    from pmcode.validate import validate_root

    result = validate_root(root)
    if result.errors:
        sys.stdout.write(render_text(result.diagnostics))
        raise FindingsError(f"{result.errors} errors in the plan; fix them first")
    chosen = _project(result.portfolio, project_id, root)
    fiscal_years = FiscalYears(result.portfolio.fiscal_year_start)
    findings: list[Diagnostic] = []
    if revision is None:
        saved = result.portfolio.projects[chosen].baseline
        if saved is None:
            raise PmcodeError(f"project '{chosen}' has no baseline.yaml; write one with `pmcode baseline save`")
    else:
        saved, findings = baseline_at_revision(root, chosen, revision)
    if saved is None:
        if output_format == "json":
            document = {"findings": [d.as_dict() for d in findings]}
            sys.stdout.write(json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
        sys.stderr.write(render_text(findings))
        sys.exit(1)
    if output_format == "json":
        sys.stdout.write(baseline_json(chosen, saved, fiscal_years, findings))
    else:
        sys.stdout.write(baseline_table(chosen, saved, fiscal_years, result.portfolio.currency))
    if output_format != "json" or findings:
        sys.stderr.write(render_text(findings))
