"""`pmcode diff A B`: what a change does to the plan, between two git revisions or two directories."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pmcode.cli.options import DEFAULT_ROOT
from pmcode.diff import diff_directories, diff_revisions
from pmcode.errors import PmcodeError
from pmcode.render.diff_json import render_diff_json
from pmcode.render.diff_markdown import render_diff_markdown
from pmcode.render.diff_text import render_diff_text
from pmcode.text import quote

RENDERERS = {"text": render_diff_text, "markdown": render_diff_markdown, "json": render_diff_json}


@click.command()
@click.argument("before", metavar="A")
@click.argument("after", metavar="B")
@click.option(
    "--root",
    default=DEFAULT_ROOT,
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The portfolio root inside the repository, when A and B are revisions.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(list(RENDERERS)),
    default="text",
    show_default=True,
    help="text: for a terminal; markdown: a pull-request comment (a verdict, tables, details; under 60,000 "
    "characters); json: the whole comparison, keys sorted.",
)
def diff(before: str, after: str, root: Path, output_format: str) -> None:
    """Compare the plan at A with the plan at B. A and B are git revisions (a commit, tag or branch: the files under
    --root are read from git, nothing is checked out) or two portfolio directories.

    Reports, per project and for the portfolio: the finish and every milestone moved (working days and dates),
    tasks added, removed, renamed and re-parented, durations, efforts, links and assignments changed, the critical
    path entered and left, total float lost, people re-allocated and anyone newly over-allocated, money (BAC, plan
    cost, EAC, contingency, each fiscal year's forecast), and findings of `pmcode check` newly raised or cleared.

    Change control: a project whose baseline.yaml changed must name, in B, an approved change request it did not
    name in A (`pmcode baseline save --change CR-007`); a first baseline needs none. Otherwise the comparison
    reports a PM624 error at B's baseline.yaml.

    Exit status: 0 compared (whatever else changed), 1 a baseline changed without an approved change request,
    2 usage error (a revision that does not exist, say).
    """
    first, second = Path(before), Path(after)
    if first.is_dir() and second.is_dir():
        result = diff_directories(first, second)
    elif first.is_dir() or second.is_dir():
        raise PmcodeError(f"{quote(before)} and {quote(after)}: give two directories or two revisions, not one of each")
    else:
        result = diff_revisions(root, before, after)
    sys.stdout.write(RENDERERS[output_format](result))
    if result.failed:
        sys.exit(1)
