"""`pmcode site`: the stakeholder site, built with mkdocs-material from the plan."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pmcode.cli.options import root_argument
from pmcode.errors import FindingsError
from pmcode.render.diagnostics import render_text
from pmcode.validate import validate_root


@click.group()
def site() -> None:
    """Build the published site."""


@site.command()
@root_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("site/public"),
    show_default=True,
    help="Directory to write the site to (replaced as a whole once the build succeeds).",
)
@click.option(
    "--site-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("site"),
    show_default=True,
    help="The mkdocs project: mkdocs.yml, theme overrides and hand-written pages in docs/.",
)
def build(root: Path, output: Path, site_dir: Path) -> None:
    """Validate ROOT and build its site. A plan with errors is not published: the last site stays."""
    from pmcode.render.site import build_site

    result = validate_root(root)
    if result.errors:
        sys.stdout.write(render_text(result.diagnostics))
        raise FindingsError(f"{result.errors} errors in the plan; the site was not rebuilt")
    index = build_site(result, site_dir, output)
    click.echo(f"site built: {index}")
