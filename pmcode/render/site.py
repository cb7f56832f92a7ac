"""Build the stakeholder site: stage hand-written and generated pages, build with mkdocs, swap into place.

A failed build leaves the previous site untouched: everything is built in a temporary directory next to the
output and renamed over it only when mkdocs succeeded. The same plan (and revision) gives the same bytes: the
build date is the status date, and the source revision shown in the footer is passed in, never looked up here.
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
from pmcode.render.downloads import DOWNLOADS_DIR, project_downloads
from pmcode.render.site_figures import site_figures
from pmcode.render.site_pages import project_page_stem
from pmcode.render.site_people import PEOPLE_DIR, people_pages
from pmcode.render.site_portfolio import portfolio_page
from pmcode.render.site_project import project_page
from pmcode.render.site_records import record_pages, record_rows
from pmcode.schedule import schedule_portfolio
from pmcode.validate import ValidationResult

GENERATED_DIR = "portfolio"  # under docs/: pages pmcode writes; hand-written pages must not use this folder
# Material's offline plugin adds this polyfill (Web Workers for file:// pages, so search works offline) from a CDN
# unless one is configured: pmcode ships it, so the site loads no third-party script and works without a network.
OFFLINE_SHIM = "assets/javascripts/iframe-worker-shim.js"


def stage_pages(result: ValidationResult, docs: Path) -> None:
    """Write the generated pages into a staged docs directory: the dashboard, a page per project, the people
    pages and the downloads. The engines run once (site_figures) and every page reads their results."""
    target = docs / GENERATED_DIR
    if target.exists():
        raise PmcodeError(f"site/docs/{GENERATED_DIR}/ is reserved for generated pages; move the hand-written ones")
    target.mkdir(parents=True)
    portfolio = result.portfolio
    figures = site_figures(result)
    records = record_pages(portfolio, figures)
    rows = record_rows(records, figures.check.diagnostics)
    (target / "index.md").write_text(portfolio_page(portfolio, figures, rows), encoding="utf-8")
    for project in portfolio.projects.values():  # ids are schema-checked: [A-Za-z0-9_-], so safe as file names
        page = target / f"{project_page_stem(project.id)}.md"
        page.write_text(project_page(portfolio, project, figures), encoding="utf-8")
    for name, text in records.items():  # fixed names: requirements.md, raid.md, ...
        (target / name).write_text(text, encoding="utf-8")
    people = target / PEOPLE_DIR
    people.mkdir()
    for name, text in people_pages(portfolio, figures.schedule).items():  # names from person ids, schema-checked
        (people / name).write_text(text, encoding="utf-8")
    tracked = any(project.actuals for project in portfolio.projects.values())
    # MS Project gets the plan, without progress (as `pmcode export mspdi`); without actuals that is the forecast.
    plan = schedule_portfolio(portfolio, network=result.network, track=False) if tracked else figures.schedule
    downloads = target / DOWNLOADS_DIR
    downloads.mkdir()
    for name, content in project_downloads(portfolio, figures.schedule, plan).items():
        (downloads / name).write_bytes(content)


def _stage_offline_shim(docs: Path) -> None:
    shim = docs / OFFLINE_SHIM
    shim.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(Path(__file__).parent / "assets" / "iframe-worker-shim.js", shim)


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


def _footer(copyright_html: str | None, revision: str | None) -> str | None:
    """The footer line: the site's own copyright, if any, then the source revision the site was built from."""
    if not revision:
        return copyright_html
    shown = f"Built from revision <code>{html.escape(revision)}</code>"
    return f"{copyright_html} &middot; {shown}" if copyright_html else shown


def _mkdocs_build(config_file: Path, docs: Path, output: Path, site_name: str, revision: str | None = None) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        # strict: a broken link or a missing page fails the build instead of publishing a site with holes
        config = load_config(
            config_file=str(config_file), docs_dir=str(docs), site_dir=str(output), site_name=site_name, strict=True
        )
        config["copyright"] = _footer(config.copyright, revision)
        polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
        config.extra["polyfills"] = [*polyfills, OFFLINE_SHIM]
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as error:
        raise PmcodeError(f"site build failed: {error}") from error


def build_site(result: ValidationResult, site_dir: Path, output: Path, revision: str | None = None) -> Path:
    """Build the site for `result` with the mkdocs project in `site_dir` into `output`; returns the index page.
    `revision`: the source revision to show in the footer (e.g. a short git hash), or None for no footer line."""
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
        _stage_offline_shim(docs)
        built = staging / "site"
        # The site name reaches HTML unescaped in mkdocs' templates, so it is escaped here.
        site_name = html.escape(result.portfolio.name or "Project portfolio")
        with _environment("SOURCE_DATE_EPOCH", _reproducible_epoch(result.portfolio)):
            _mkdocs_build(config_file, docs, built, site_name, revision)
        if output.exists():
            output.rename(staging / "previous")
        built.rename(output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return output / "index.html"
