"""`pmcode site build`: a real mkdocs-material build, escaped data, reproducible bytes, and no half-built sites."""

from __future__ import annotations

import filecmp
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from plans import SMALL, write_plan

from pmcode.cli import cli
from pmcode.errors import PmcodeError
from pmcode.render import site as site_module
from pmcode.render.site import build_site
from pmcode.validate import validate_root

SITE_DIR = Path(__file__).resolve().parents[1] / "site"

HOSTILE = dict(SMALL)
HOSTILE["erp/project.yaml"] = (
    SMALL["erp/project.yaml"]
    .replace(
        "name: ERP upgrade",
        "name: \"ERP <script>alert('name')</script> [click](javascript:alert(1))\"\n        "
        'description: "<img src=x onerror=alert(2)> | **bold** `code`"',
    )
    .replace("name: Design", 'name: "Design\\" onmouseover=\\"alert(3)"')
)
HOSTILE["people.yaml"] = SMALL["people.yaml"].replace("Alice Chen", '"<b>Alice</b> & co"')


def build(root: Path, output: Path) -> Path:
    return build_site(validate_root(root), SITE_DIR, output)


def test_builds_portfolio_and_project_pages(tmp_path: Path) -> None:
    index = build(write_plan(tmp_path / "projects", SMALL), tmp_path / "out")
    assert index == tmp_path / "out" / "index.html"
    page = (tmp_path / "out" / "portfolio" / "erp.html").read_text()
    assert "ERP upgrade" in page
    assert "Alice Chen" in page
    assert "design SS +2d" in page  # migrate's link, as written
    portfolio = (tmp_path / "out" / "portfolio" / "index.html").read_text()
    assert 'href="erp.html"' in portfolio
    assert (tmp_path / "out" / "reference" / "diagnostics.html").is_file()
    assert (tmp_path / "out" / "search" / "search_index.js").is_file() or (
        tmp_path / "out" / "search" / "search_index.json"
    ).is_file()


def test_data_never_becomes_markup(tmp_path: Path) -> None:
    build(write_plan(tmp_path / "projects", HOSTILE), tmp_path / "out")
    for page in (tmp_path / "out" / "portfolio").glob("*.html"):
        text = page.read_text()
        assert "<script>alert" not in text
        assert "<img src=x" not in text
        assert "<b>Alice</b>" not in text
        assert not re.search(r"href=[\"']?javascript:", text, re.IGNORECASE)
        assert 'onmouseover="alert' not in text
    page = (tmp_path / "out" / "portfolio" / "erp.html").read_text()
    assert "&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;" in page
    assert "&lt;b&gt;Alice&lt;/b&gt; &amp; co" in page


def test_same_plan_same_bytes(tmp_path: Path) -> None:
    root = write_plan(tmp_path / "projects", SMALL)
    build(root, tmp_path / "a")
    build(root, tmp_path / "b")
    comparison = filecmp.dircmp(tmp_path / "a", tmp_path / "b")
    differing: list[str] = []

    def collect(cmp: filecmp.dircmp[str], prefix: str) -> None:
        differing.extend(prefix + name for name in cmp.diff_files + cmp.left_only + cmp.right_only)
        for name, sub in cmp.subdirs.items():
            collect(sub, f"{prefix}{name}/")

    collect(comparison, "")
    assert differing == []
    for path in (tmp_path / "a").rglob("*"):  # filecmp compares signatures; compare the bytes too
        if path.is_file():
            assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes(), path


def test_failed_build_keeps_the_previous_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_plan(tmp_path / "projects", SMALL)
    output = tmp_path / "out"
    build(root, output)
    before = (output / "portfolio" / "erp.html").read_bytes()

    def broken(*args: object) -> None:
        raise PmcodeError("site build failed: simulated")

    monkeypatch.setattr(site_module, "_mkdocs_build", broken)
    with pytest.raises(PmcodeError):
        build(root, output)
    assert (output / "portfolio" / "erp.html").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "projects"]  # no staging left behind


def test_plan_with_errors_is_not_published(tmp_path: Path) -> None:
    root = write_plan(tmp_path / "projects", SMALL)
    output = tmp_path / "out"
    build(root, output)
    (root / "erp" / "project.yaml").write_text("name: [unclosed\n")
    result = CliRunner().invoke(cli, ["site", "build", str(root), "-o", str(output), "--site-dir", str(SITE_DIR)])
    assert result.exit_code == 1
    assert "PM003" in result.stdout
    assert "the site was not rebuilt" in result.stderr
    assert "ERP upgrade" in (output / "portfolio" / "erp.html").read_text()


def test_a_broken_link_fails_the_build_and_keeps_the_previous_site(tmp_path: Path) -> None:
    root = write_plan(tmp_path / "projects", SMALL)
    output = tmp_path / "out"
    build(root, output)
    site_dir = tmp_path / "site"
    shutil.copytree(SITE_DIR, site_dir)
    (site_dir / "docs" / "broken.md").write_text("# Broken\n\nSee [nowhere](nowhere.md).\n")
    with pytest.raises(PmcodeError, match="site build failed"):
        build_site(validate_root(root), site_dir, output)
    assert (output / "index.html").is_file()
    assert not (output / "broken.html").exists()
