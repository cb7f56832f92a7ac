"""`pmcode check`: the CI gate. Validation, schedule findings and every threshold, as one list; exit 1 on failure."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from pmcode.check import check_root
from pmcode.cli.options import root_argument
from pmcode.errors import PmcodeError
from pmcode.render.check_formats import CHECK_RENDERERS, render_check_markdown, summary
from pmcode.text import did_you_mean

SUMMARY_VARIABLE = "GITHUB_STEP_SUMMARY"


@click.command()
@root_argument
@click.option("--project", "project_id", metavar="ID", help="Only this project's findings (and portfolio-wide ones).")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(list(CHECK_RENDERERS)),
    default="text",
    show_default=True,
    help="text: `file:line:col: severity CODE message`; json: verdict, counts and findings; github: workflow "
    "annotations (and the full list in $GITHUB_STEP_SUMMARY when set); markdown: a verdict and a table.",
)
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@click.option("--no-level", is_flag=True, help="Check the unleveled schedule: over-allocated weeks are then reported.")
def check(root: Path, project_id: str | None, output_format: str, strict: bool, no_level: bool) -> None:
    """Check the portfolio under ROOT: everything `pmcode validate` reports, the schedule's findings, and the
    plan against its thresholds (portfolio.yaml `thresholds`, overridden per project in budget.yaml): milestone and
    finish slip against the baseline, over-allocated weeks, forecast over budget and over annual envelopes,
    variances without an explanatory note, CPI, SPI, SPI(t), CV%, SV% and VAC%.

    Exit status: 0 passed (warnings allowed unless --strict), 1 failing findings, 2 usage error.
    """
    result = check_root(root, project=project_id, level=not no_level)
    if project_id is not None and project_id not in result.project_ids:
        raise PmcodeError(f"no project '{project_id}' under {root}{did_you_mean(project_id, result.project_ids)}")
    sys.stdout.write(CHECK_RENDERERS[output_format](result, strict=strict))
    summary_file = os.environ.get(SUMMARY_VARIABLE)
    if output_format == "github" and summary_file:
        with Path(summary_file).open("a", encoding="utf-8") as handle:
            handle.write(render_check_markdown(result, strict=strict))
    if output_format in ("text", "github"):
        click.echo(summary(result, strict=strict), err=True)
    sys.exit(1 if result.failed(strict=strict) else 0)
