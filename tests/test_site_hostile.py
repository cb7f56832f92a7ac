"""The hostile portfolio (tests/fixtures/hostile-site) built into a site, read as HTML without a browser: no tag,
attribute or link from the plan, project ids that mkdocs reserves, hostile file names, links only http(s)/mailto,
and the footer's source revision. tests/test_site_browser.py opens the same site in chromium."""

from __future__ import annotations

import html.parser
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from pmcode.cli import cli
from pmcode.cli.site import source_revision
from pmcode.render.site import build_site
from pmcode.render.site_pages import mailto_href, project_page_stem, safe_href
from pmcode.render.site_records import PAGES as RECORD_PAGES
from pmcode.validate import validate_root

REPO = Path(__file__).resolve().parents[1]
HOSTILE = REPO / "tests" / "fixtures" / "hostile-site"
SITE_DIR = REPO / "site"
LONG = "<script>window.__pwned=1</script>"


class Tags(html.parser.HTMLParser):
    """Every element and attribute of a page, and the text, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(path: Path) -> Tags:
    parser = Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    result = validate_root(HOSTILE)
    assert [d.message for d in result.diagnostics] == []  # it validates, even strictly: it must be published
    output = tmp_path_factory.mktemp("hostile") / "site"
    build_site(result, SITE_DIR, output, revision="0badc0de")
    return output


def test_no_element_attribute_or_link_comes_from_the_plan(site: Path) -> None:
    reference = {(tag, attrs.get("src")) for tag, attrs in parse(site / "index.html").tags if tag == "script"}
    pages = sorted((site / "portfolio").glob("*.html"))
    records = {name.removesuffix(".md") + ".html" for name, _ in RECORD_PAGES}  # requirements.html, raid.html, ...
    projects = ["_README.html", "_index.html", "hostile.html", "index.html"]
    assert [p.name for p in pages if p.name not in records] == projects
    for page in pages:
        parsed = parse(page)
        depth_fixed = {
            (tag, (src or "").removeprefix("../"))
            for tag, attrs in parsed.tags
            if tag == "script"
            for src in [attrs.get("src")]
        }
        assert depth_fixed == {(tag, (src or "").removeprefix("../")) for tag, src in reference}, page.name
        for tag, attrs in parsed.tags:
            assert tag not in ("iframe", "img", "object", "embed", "b"), (page.name, tag)
            assert not [name for name in attrs if name.startswith("on") or name in ("autofocus", "data-x")], attrs
            for name in ("href", "src", "action"):
                value = (attrs.get(name) or "").strip().lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), (page.name, tag, attrs)
    text = "".join(parse(site / "portfolio" / "hostile.html").text)
    assert LONG * 3 in text  # the 10,000-character description, as text
    assert '<img src=x onerror="window.__pwned=1;alert(1)"> Design' in text
    assert "{{ 7*7 }} {% raw %}{{ config }}{% endraw %} ${7*7} Build" in text  # never evaluated
    assert "\u202eمرحلة שלב 🚀 phase\u202c" in text


def test_the_site_loads_nothing_from_another_origin(site: Path) -> None:
    remote = re.compile(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=\"?(?:https?:)?//", re.IGNORECASE)
    pages = list(site.rglob("*.html"))
    assert len(pages) > 20
    assert [page.name for page in pages if remote.search(page.read_text(encoding="utf-8"))] == []
    assert (site / "assets" / "javascripts" / "iframe-worker-shim.js").is_file()  # Material's CDN polyfill, vendored


def test_manager_mail_link_is_percent_encoded(site: Path) -> None:
    links = [attrs["href"] for tag, attrs in parse(site / "portfolio" / "hostile.html").tags if tag == "a"]
    assert "mailto:javascript%3Aalert%281%29%2F%2F@example.com" in links
    assert not [link for link in links if link and link.lower().startswith("javascript")]


def test_reserved_ids_get_their_own_pages_and_the_dashboard_stays(site: Path) -> None:
    assert project_page_stem("index") == "_index"
    assert project_page_stem("README") == "_README"
    assert project_page_stem("readme") == "_readme"
    assert project_page_stem("erp") == "erp"
    # A project named like a records page (raid.md, status.md, ...) must not overwrite it, nor be overwritten.
    for name, _ in RECORD_PAGES:
        stem = name.removesuffix(".md")
        assert project_page_stem(stem) == f"_{stem}"
        assert project_page_stem(stem.upper()) == f"_{stem.upper()}"
    dashboard = parse(site / "portfolio" / "index.html")
    assert "Plan findings" in "".join(dashboard.text)
    links = {attrs.get("href") for tag, attrs in dashboard.tags if tag == "a"}
    assert {"_README.html", "_index.html", "hostile.html"} <= links
    assert "Project called index" in "".join(parse(site / "portfolio" / "_index.html").text)
    assert "Project called README" in "".join(parse(site / "portfolio" / "_README.html").text)


def test_footer_shows_the_revision_escaped(site: Path, tmp_path: Path) -> None:
    assert "Built from revision <code>0badc0de</code>" in (site / "portfolio" / "index.html").read_text()
    build_site(validate_root(HOSTILE), SITE_DIR, tmp_path / "out", revision="<b>x</b>")
    page = (tmp_path / "out" / "index.html").read_text()
    assert "Built from revision <code>&lt;b&gt;x&lt;/b&gt;</code>" in page
    build_site(validate_root(HOSTILE), SITE_DIR, tmp_path / "none")
    assert "Built from revision" not in (tmp_path / "none" / "index.html").read_text()


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://example.com/a?b=c#d", True),
        ("http://example.com", True),
        ("mailto:alice@example.com", True),
        ("HTTPS://EXAMPLE.COM", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("java\nscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox(1)", False),
        ("//evil.example/x", False),
        ("/relative/path", False),
        ("../../etc/passwd", False),
        ('https://example.com/" onmouseover="alert(1)', False),
        ("https://example.com/<script>", False),
        ("https:///no-host", False),
        ("http://[::1", False),
        ("", False),
        (None, False),
    ],
)
def test_safe_href_keeps_only_http_and_mailto(url: str | None, allowed: bool) -> None:
    assert safe_href(url) == (url if allowed else None)


def test_mailto_href_encodes_everything_but_the_at_sign() -> None:
    assert mailto_href("alice.chen@example.com") == "mailto:alice.chen@example.com"
    assert (
        mailto_href('"><svg/onload=alert(1)>@example.com')
        == "mailto:%22%3E%3Csvg%2Fonload%3Dalert%281%29%3E@example.com"
    )
    assert mailto_href(None) is None


def test_a_hostile_actuals_file_name_stops_the_build_and_is_shown_escaped(tmp_path: Path) -> None:
    root = tmp_path / "projects"
    shutil.copytree(HOSTILE, root)
    (root / "hostile" / "actuals" / "<script>alert(1)<\\script>\n.yaml").write_text("period: 2027-03\n")
    output = tmp_path / "out"
    shown = CliRunner().invoke(cli, ["site", "build", str(root), "-o", str(output), "--site-dir", str(SITE_DIR)])
    assert shown.exit_code == 1
    assert (
        "error PM014 actuals file '<script>alert(1)<\\script>\\n.yaml' must be named after its period" in shown.stdout
    )
    assert "the site was not rebuilt" in shown.stderr
    assert not output.exists()


def git(cwd: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", *args]
    return subprocess.run(command, cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def test_the_cli_passes_the_git_revision_of_root(tmp_path: Path) -> None:
    root = tmp_path / "repo" / "projects"
    shutil.copytree(HOSTILE, root)
    assert source_revision(root) is None  # not a git work tree (tmp_path is outside this repository)
    git(tmp_path / "repo", "init", "-q")
    assert source_revision(root) is None  # a repository without commits
    git(tmp_path / "repo", "add", ".")
    git(tmp_path / "repo", "commit", "-q", "-m", "plan")
    revision = git(tmp_path / "repo", "rev-parse", "--short", "HEAD")
    assert source_revision(root) == revision
    shown = CliRunner().invoke(
        cli, ["site", "build", str(root), "-o", str(tmp_path / "out"), "--site-dir", str(SITE_DIR)]
    )
    assert shown.exit_code == 0, shown.output
    assert f"Built from revision <code>{revision}</code>" in (tmp_path / "out" / "index.html").read_text()
