"""The built site in a real browser: Debian's chromium, driven by Playwright (never Playwright's own browsers).

The demo portfolio and the hostile one (tests/fixtures/hostile-site, plus file names no fixture in git should
hold) are each built, served over http on 127.0.0.1, and every page is opened: no console errors, no dialog, no
script or event handler from the plan, every chart SVG visible, every internal link answering 200, and the
offline search finding a task by name. One test per site, so that a parallel run builds each site once.
Screenshots go to tests/artifacts/ (git-ignored; PMCODE_TEST_ARTIFACTS moves them) and their paths are printed.

`make install` (part of `make test`) installs chromium with apt-get when it runs as root; without chromium this
test fails, with the command to run, instead of being skipped.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from pmcode.render.site import build_site
from pmcode.render.site_records import PAGES as RECORD_PAGES
from pmcode.validate import validate_root

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
HOSTILE = REPO / "tests" / "fixtures" / "hostile-site"
ARTIFACTS = Path(os.environ.get("PMCODE_TEST_ARTIFACTS", REPO / "tests" / "artifacts"))
REVISION = "0badc0de"

# Files no fixture in git should hold (names with '<', '"' or a line break): each is only a warning (PM012,
# not read), so the plan still publishes and the names reach the findings table on the dashboard.
HOSTILE_FILE_NAMES = (
    '<img src=x onerror="window.__pwned=1;alert(1)">.yaml',
    "hostile/&lt;<script>window.__pwned=1<\\script>.yml",
    "hostile/x\n<svg onload=alert(1)>.yaml",
)

# Evaluated in every page after it loads: what the plan's data must never have become.
DOM_CHECK = """() => {
    const handlers = [];
    for (const element of document.querySelectorAll('*')) {
        for (const attribute of element.attributes) {
            if (attribute.name.toLowerCase().startsWith('on')) handlers.push(element.tagName + ' ' + attribute.name);
        }
    }
    const badUrls = [...document.querySelectorAll('[href], [src], [action], [formaction]')]
        .map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action') || '')
        .filter(u => /^\\s*(javascript|data|vbscript):/i.test(u));
    const scripts = [...document.querySelectorAll('script')]
        .filter(s => /__pwned|alert\\(/.test(s.textContent) || (s.src && new URL(s.src).origin !== location.origin))
        .map(s => s.outerHTML.slice(0, 80));
    return {
        pwned: window.__pwned !== undefined,
        handlers,
        badUrls,
        scripts,
        frames: document.querySelectorAll('iframe, object, embed').length,
        footer: document.querySelector('.md-footer-meta')?.innerText || '',
    };
}"""

CHART_CHECK = """() => [...document.querySelectorAll('.pmcode-chart svg')].map(svg => {
    const box = svg.getBoundingClientRect();
    const style = getComputedStyle(svg);
    return {width: box.width, height: box.height, hidden: style.display === 'none' || style.visibility === 'hidden'};
})"""


@dataclass
class Browsed:
    """What opening every page of a site showed: problems by check, links and chart SVGs seen, footers."""

    problems: dict[str, list[str]] = field(default_factory=dict)
    links: set[str] = field(default_factory=set)
    charts: int = 0
    footers: set[str] = field(default_factory=set)

    def report(self, check: str, problem: str) -> None:
        self.problems.setdefault(check, []).append(problem)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the browser leaving a page mid-download is not a failure; a wrong answer shows in the checks


@contextlib.contextmanager
def served(directory: Path) -> Iterator[str]:
    """The site in `directory` on 127.0.0.1, at the root as it is deployed (the 404 page uses root-relative URLs)."""
    server = _Server(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def hostile_plan(folder: Path) -> Path:
    root = folder / "projects"
    shutil.copytree(HOSTILE, root)
    for name in HOSTILE_FILE_NAMES:
        (root / name).write_text("name: not read\n", encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser test needs Debian's chromium. Install it with "
            "`apt-get install -y chromium` as root (`make install` does it when run as root)."
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the Python package playwright is missing: `make install` installs the dev extras")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            yield instance
        finally:
            instance.close()


def new_page(browser: Any, seen: Browsed) -> Any:
    """A tab whose dialogs, uncaught errors and console errors are all reported (a dialog is dismissed)."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.set_default_timeout(60_000)  # generous: a loaded CI machine is slow, not broken

    def on_dialog(dialog: Any) -> None:
        seen.report("dialogs", f"{page.url}: a {dialog.type} dialog fired: {dialog.message!r}")
        dialog.dismiss()

    def on_console(message: Any) -> None:
        if message.type == "error":
            seen.report("console errors", f"{page.url}: {message.text}")

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: seen.report("console errors", f"{page.url}: uncaught {error}"))
    page.on("console", on_console)
    return page


def browse(browser: Any, root: Path, base: str, under: str = "") -> Browsed:
    """Open every page of the site served at `base` from `root` (only those in the folder `under`, when given)."""
    seen = Browsed()
    page = new_page(browser, seen)
    for relative in sorted(p.relative_to(root).as_posix() for p in (root / under).rglob("*.html")):
        url = base + relative
        response = page.goto(url, wait_until="load")
        if response is None or response.status != 200:
            seen.report("pages", f"{url}: status {response.status if response else 'none'}")
            continue
        page.wait_for_timeout(20)  # let Material's bundle settle, so that a late error or dialog is caught here
        dom = page.evaluate(DOM_CHECK)
        for key in ("handlers", "badUrls", "scripts"):
            if dom[key]:
                seen.report(f"{key} from data", f"{url}: {dom[key][:5]}")
        if dom["pwned"]:
            seen.report("scripts from data", f"{url}: a script from the plan ran (window.__pwned is set)")
        if dom["frames"]:
            seen.report("frames", f"{url}: {dom['frames']} frames or embedded objects")
        seen.footers.add(dom["footer"])
        for chart in page.evaluate(CHART_CHECK):
            seen.charts += 1
            if chart["hidden"] or chart["width"] <= 0 or chart["height"] <= 0:
                seen.report("charts", f"{url}: a chart SVG is not visible: {chart}")
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            if href.startswith(base):
                seen.links.add(href.split("#", 1)[0])
    for link in sorted(seen.links):  # internal links, every page's: each must answer 200
        try:
            with urllib.request.urlopen(link, timeout=30) as answer:  # 127.0.0.1 only
                status = answer.status
        except urllib.error.HTTPError as error:
            status = error.code
        if status != 200:
            seen.report("broken links", f"{link}: {status}")
    page.close()
    return seen


def charts_written(root: Path) -> int:
    """Chart containers in the HTML: whatever charts the pages hold, the browser must have drawn as many."""
    return sum(page.read_text(encoding="utf-8").count('class="pmcode-chart') for page in root.rglob("*.html"))


def search(page: Any, query: str) -> str:
    page.fill("input[data-md-component=search-query]", query)  # the header's search box, at desktop width
    page.locator(".md-search-result__item").first.wait_for()  # once the worker has built the index
    return str(page.inner_text(".md-search-result"))


def screenshot(page: Any, url: str, name: str, capsys: pytest.CaptureFixture[str], *, full_page: bool = True) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.goto(url)
    page.screenshot(path=str(path), full_page=full_page)
    assert path.stat().st_size > 10_000, path  # a page, not a blank
    with capsys.disabled():
        print(f"\nscreenshot: {path}")


def test_demo_site_in_chromium(browser: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = validate_root(REPO / "projects")
    root = tmp_path / "site"
    build_site(result, REPO / "site", root, revision=REVISION)
    with served(root) as base:
        seen = browse(browser, root, base)
        page = new_page(browser, seen)
        page.goto(base + "index.html")
        found = search(page, "hypercare")
        page.goto((root / "portfolio" / "index.html").as_uri())  # opened from disk: offline, no server
        offline = search(page, "hypercare")
        screenshot(page, base + "portfolio/index.html", "dashboard.png", capsys)
        screenshot(page, base + "portfolio/erp-upgrade.html", "project-erp-upgrade.png", capsys)
        screenshot(page, base + "portfolio/raid.html", "raid.png", capsys, full_page=False)  # long pages: the top
        screenshot(page, base + "portfolio/actions.html", "actions.png", capsys, full_page=False)
    assert seen.problems == {}
    records = {"portfolio/" + name.removesuffix(".md") + ".html" for name, _ in RECORD_PAGES}
    assert records <= {p.relative_to(root).as_posix() for p in root.glob("portfolio/*.html")}  # all eight, browsed
    assert "Hypercare" in found  # a task name, found by Material's search on a project page
    assert "Hypercare" in offline  # from file:// too, through the vendored worker shim (no CDN)
    assert seen.charts >= charts_written(root)
    downloads = [link for link in seen.links if "/portfolio/downloads/" in link]
    assert len(downloads) == 4 * len(result.portfolio.projects)  # every file of every project is linked
    assert seen.footers and all(f"Built from revision {REVISION}" in footer for footer in seen.footers)


def test_hostile_site_in_chromium(browser: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = validate_root(hostile_plan(tmp_path))
    assert result.errors == 0, [d.message for d in result.diagnostics]
    assert sum(d.code == "PM012" for d in result.diagnostics) == len(HOSTILE_FILE_NAMES)  # shown on the dashboard
    root = tmp_path / "site"
    build_site(result, REPO / "site", root, revision=REVISION)
    generated = sorted(p.name for p in (root / "portfolio").glob("*.html"))
    records = {name.removesuffix(".md") + ".html" for name, _ in RECORD_PAGES}  # actions.html, quality.html, ...
    assert records <= set(generated)  # the fixture holds hostile records of every kind: each page is browsed
    assert [name for name in generated if name not in records] == [
        "_README.html",
        "_index.html",
        "hostile.html",
        "index.html",
    ]
    assert {"actions.html", "quality.html"} <= set(generated)  # the hostile meetings and quality records have pages
    with served(root) as base:
        # The generated pages only: the guide and reference pages are the demo site's, browsed by the test above.
        seen = browse(browser, root, base, under="portfolio")
        page = new_page(browser, seen)
        page.goto(base + "portfolio/index.html")
        # The findings list starts folded when it is long: open it, as a reader would, before reading it.
        page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        findings = page.inner_text("article")
        found = search(page, "onerror")
        pwned = page.evaluate("window.__pwned")
        handlers = page.evaluate(DOM_CHECK)["handlers"]
        screenshot(page, base + "portfolio/index.html", "hostile-dashboard.png", capsys)
        screenshot(page, base + "portfolio/hostile.html", "hostile-project.png", capsys)
    assert seen.problems == {}
    assert '<img src=x onerror="window.__pwned=1;alert(1)">.yaml' in findings  # a file name, shown as text
    assert "<img src=x onerror=" in found  # search results show the markup as text, not as an element
    assert (pwned, handlers) == (None, [])
    assert seen.charts >= charts_written(root / "portfolio")
    assert len([link for link in seen.links if "/portfolio/downloads/" in link]) == 4 * 3
    assert seen.footers and all(f"Built from revision {REVISION}" in footer for footer in seen.footers)
