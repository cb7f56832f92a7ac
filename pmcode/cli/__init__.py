"""The `pmcode` command: a thin shell over the Python API. Exit codes: 0 ok, 1 findings, 2 usage or internal error."""

from __future__ import annotations

import sys
import traceback

import click

from pmcode import __version__
from pmcode.cli.baseline import baseline
from pmcode.cli.check import check
from pmcode.cli.diff import diff
from pmcode.cli.evm import evm
from pmcode.cli.export import export
from pmcode.cli.import_ import import_
from pmcode.cli.init import init
from pmcode.cli.new import new
from pmcode.cli.report import report
from pmcode.cli.risk import risk
from pmcode.cli.schedule import schedule
from pmcode.cli.site import site
from pmcode.cli.validate import validate
from pmcode.cli.variance import variance


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="pmcode")
def cli() -> None:
    """Project plans, staffing and budgets as YAML in git: validated, scheduled, checked and published.

    Every command reads a portfolio root (default: ./projects).
    """


cli.add_command(validate)
cli.add_command(schedule)
cli.add_command(site)
cli.add_command(import_)
cli.add_command(export)
cli.add_command(baseline)
cli.add_command(evm)
cli.add_command(variance)
cli.add_command(check)
cli.add_command(risk)
cli.add_command(init)
cli.add_command(new)
cli.add_command(diff)
cli.add_command(report)


def main() -> None:
    """Entry point. A traceback here is a bug in pmcode, never a problem with the user's files."""
    try:
        cli.main(prog_name="pmcode")
    except SystemExit:
        raise
    except Exception:  # the last line of defence: reported as a bug
        traceback.print_exc()
        sys.stderr.write("pmcode: internal error (a bug in pmcode, not in your files); please report it\n")
        sys.exit(2)
