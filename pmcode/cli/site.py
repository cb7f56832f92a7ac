"""`pmcode site`: the stakeholder site, built with mkdocs-material from the plan."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import click

from pmcode.cli.options import root_argument
from pmcode.errors import FindingsError, PmcodeError
from pmcode.render.diagnostics import render_text
from pmcode.validate import validate_root


def source_revision(root: Path) -> str | None:
    """`git rev-parse --short HEAD` of the work tree holding ROOT, or None when it is not in one (or git is missing):
    the site's footer shows which commit of the plan it was built from."""
    try:
        found = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    revision = found.stdout.strip()
    return revision if found.returncode == 0 and revision.isalnum() else None


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
    index = build_site(result, site_dir, output, revision=source_revision(root))
    click.echo(f"site built: {index}")


@site.command()
@root_argument
@click.option(
    "--site-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("site"),
    show_default=True,
    help="The mkdocs project: mkdocs.yml, theme overrides and hand-written pages in docs/.",
)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to serve on.")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; the default serves this machine only.",
)
def serve(root: Path, site_dir: Path, port: int, host: str) -> None:
    """Build ROOT's site into a temporary directory and serve it; rebuild when a file under ROOT or the site
    directory changes. A plan with errors keeps the last good site and prints its diagnostics. Ctrl-C stops."""
    import threading

    from pmcode.render.site_serve import SiteServer

    try:
        server = SiteServer(
            root, site_dir, host=host, port=port, report=click.echo, revision=lambda: source_revision(root)
        )
    except OSError as error:
        raise PmcodeError(f"cannot serve on {host}:{port}: {error.strerror or error}") from error
    previous = signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        server.start()
        click.echo(f"serving {root} at {server.url} (Ctrl-C to stop)")
        server.watch(threading.Event())
    except KeyboardInterrupt:
        click.echo("stopped")
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.close()


def _stop_on_sigterm(signum: int, frame: object) -> None:
    """`kill` stops `site serve` as Ctrl-C does: the temporary site is removed."""
    raise KeyboardInterrupt
