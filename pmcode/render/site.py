"""Build the stakeholder site: stage hand-written and generated pages, build with mkdocs, swap into place.

A failed build leaves the previous site untouched: everything is built in a temporary directory next to the
output and renamed over it only when mkdocs succeeded.
"""

from __future__ import annotations

import contextlib
import html
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, time
from pathlib import Path

from pmcode.errors import PmcodeError
from pmcode.model import Portfolio
from pmcode.render.site_pages import portfolio_page, project_page
from pmcode.validate import ValidationResult

GENERATED_DIR = "portfolio"  # under docs/: pages pmcode writes; hand-written pages must not use this folder


def stage_pages(result: ValidationResult, docs: Path) -> None:
    """Write the generated pages into a staged docs directory."""
    target = docs / GENERATED_DIR
    if target.exists():
        raise PmcodeError(f"site/docs/{GENERATED_DIR}/ is reserved for generated pages; move the hand-written ones")
    target.mkdir(parents=True)
    portfolio = result.portfolio
    (target / "index.md").write_text(portfolio_page(portfolio, result.diagnostics), encoding="utf-8")
    for project in portfolio.projects.values():  # ids are schema-checked: [A-Za-z0-9_-], so safe as file names
        (target / f"{project.id}.md").write_text(project_page(portfolio, project), encoding="utf-8")


def _reproducible_epoch(portfolio: Portfolio) -> str:
    """Build date for mkdocs (sitemap, search index): the status date, so the same plan gives the same bytes."""
    day = portfolio.status_date or max((p.start for p in portfolio.projects.values()), default=None)
    if day is None:
        return "0"
    return str(int(datetime.combine(day, time(), tzinfo=UTC).timestamp()))


@contextlib.contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    previous = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if previous is None:
            del os.environ[name]
        else:
            os.environ[name] = previous


def _mkdocs_build(config_file: Path, docs: Path, output: Path, site_name: str) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        # strict: a broken link or a missing page fails the build instead of publishing a site with holes
        config = load_config(
            config_file=str(config_file), docs_dir=str(docs), site_dir=str(output), site_name=site_name, strict=True
        )
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as error:
        raise PmcodeError(f"site build failed: {error}") from error


def build_site(result: ValidationResult, site_dir: Path, output: Path) -> Path:
    """Build the site for `result` with the mkdocs project in `site_dir` into `output`; returns the index page."""
    config_file = site_dir / "mkdocs.yml"
    if not config_file.is_file():
        raise PmcodeError(f"no mkdocs project at {site_dir} (expected {config_file})")
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-", dir=output.parent))
    try:
        docs = staging / "docs"
        shutil.copytree(site_dir / "docs", docs)
        stage_pages(result, docs)
        built = staging / "site"
        # The site name reaches HTML unescaped in mkdocs' templates, so it is escaped here.
        site_name = html.escape(result.portfolio.name or "Project portfolio")
        with _environment("SOURCE_DATE_EPOCH", _reproducible_epoch(result.portfolio)):
            _mkdocs_build(config_file, docs, built, site_name)
        if output.exists():
            output.rename(staging / "previous")
        built.rename(output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return output / "index.html"
