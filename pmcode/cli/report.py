"""`pmcode report`: documents for the people a project answers to. `report status`: one project's status report."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from pmcode.cli.options import root_argument
from pmcode.errors import FindingsError, PmcodeError
from pmcode.render.diagnostics import render_text
from pmcode.text import did_you_mean, printable


@click.group()
def report() -> None:
    """Reports for customers and sponsors, computed from the plan."""


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PmcodeError(f"--date {printable(value)}: not a date; write YYYY-MM-DD, e.g. 2026-11-20") from None


@report.command()
@click.argument("project_id", metavar="PROJECT")
@root_argument
@click.option("--date", "wanted", metavar="YYYY-MM-DD", help="The status report of this date (status/DATE.yaml).")
@click.option(
    "--format", "output_format", type=click.Choice(("markdown", "html")), default="markdown", show_default=True
)
@click.option(
    "--output", "output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE instead of stdout."
)
def status(project_id: str, root: Path, wanted: str | None, output_format: str, output: Path | None) -> None:
    """The status report of PROJECT under ROOT: one page a customer can receive.

    Overall and per-dimension grades (schedule, cost, scope, resources: computed from the data, or the report's
    override with its justification), key dates, progress, budget, top risks and open issues, decisions and help
    needed, accomplishments and next steps. The narrative is the project's status/YYYY-MM-DD.yaml of --date, by
    default the latest on or before the project's status date; without one the report is computed from the data
    alone and says so. The figures are always as of the status date. Exit status: 0 written, 1 errors in the plan,
    2 usage error (an unknown project, no status report of --date).
    """
    from pmcode.check import check_portfolio
    from pmcode.cost import finance_portfolio
    from pmcode.records.context import RecordContext
    from pmcode.records.status.model import pick_report
    from pmcode.records.status.report import status_data
    from pmcode.render.status_report import render_status_report
    from pmcode.schedule import schedule_portfolio
    from pmcode.validate import validate_root
    from pmcode.variance import variance_portfolio

    day = _date(wanted)
    result = validate_root(root)
    if result.errors:
        sys.stdout.write(render_text(result.diagnostics))
        raise FindingsError(f"{result.errors} errors in the plan; fix them to report its status")
    portfolio = result.portfolio
    if project_id not in portfolio.projects:
        hint = did_you_mean(project_id, portfolio.projects)
        raise PmcodeError(f"no project '{printable(project_id)}' under {printable(root.as_posix())}{hint}")
    reports = portfolio.records.status.get(project_id, ())
    chosen = pick_report(reports, day, None)
    if day is not None and chosen is None:
        dates = ", ".join(r.name for r in reports) or "none"
        raise PmcodeError(
            f"'{printable(project_id)}' has no status report of {day} (status/{day}.yaml); it has: {dates}"
        )
    schedule = schedule_portfolio(portfolio, network=result.network)
    variance = variance_portfolio(portfolio, schedule)
    finance = finance_portfolio(portfolio, schedule)
    checked = check_portfolio(result, schedule, variance.projects, finance=finance)
    context = RecordContext(portfolio, schedule, finance, variance.projects, checked.diagnostics)
    if day is None:
        chosen = pick_report(reports, None, context.as_of(project_id))
    text = render_status_report(status_data(context, project_id, chosen), output_format)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_bytes(text.encode("utf-8"))
