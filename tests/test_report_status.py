"""`pmcode report status`: the one-page status report of every demo project in both formats (golden files), the
choice of narrative (--date, the latest by the status date, none), usage errors, and hostile data in both formats."""

from __future__ import annotations

import html.parser
import re
from pathlib import Path

import markdown
import pytest
from click.testing import CliRunner
from conftest import Golden

from pmcode.cli import cli

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "projects"
HOSTILE = REPO / "tests" / "fixtures" / "hostile-site"
VALID = Path(__file__).parent / "cases" / "records-valid" / "status"
GOLDEN = Path(__file__).parent / "golden" / "report"
DEMO_PROJECTS = sorted(p.parent.name for p in DEMO.glob("*/project.yaml"))
EXTENSIONS = {"markdown": "md", "html": "html"}


def report(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["report", "status", *args])
    return result.exit_code, result.stdout, result.stderr


class Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def tags_of(text: str) -> Tags:
    parser = Tags()
    parser.feed(text)
    return parser


@pytest.mark.parametrize("output_format", ["markdown", "html"])
@pytest.mark.parametrize("project", DEMO_PROJECTS)
def test_every_demo_project_reports_in_both_formats(project: str, output_format: str, golden: Golden) -> None:
    status, text, errors = report(project, str(DEMO), "--format", output_format)
    assert status == 0, errors
    golden.check(GOLDEN / f"{project}.{EXTENSIONS[output_format]}", text)
    assert "Overall:" in text and "Key dates" in text and "Budget" in text
    assert report(project, str(DEMO), "--format", output_format)[1] == text  # deterministic


def test_the_html_page_is_self_contained_and_printable() -> None:
    text = report("erp-upgrade", str(DEMO), "--format", "html")[1]
    found = tags_of(text)
    names = {tag for tag, _ in found.tags}
    assert "script" not in names and "link" not in names and "img" not in names and "a" not in names
    assert "<style>" in text and "@media print" in text
    assert not re.search(r"(?:src|href)=", text)
    assert "default-src 'none'" in text  # nothing can load, even if something slipped through


def test_the_grades_are_icon_and_word_never_colour_only() -> None:
    for output_format in ("markdown", "html"):
        text = report("endpoint-refresh", str(DEMO), "--format", output_format)[1]
        assert "\u2716 Red" in text.replace('<span aria-hidden="true">\u2716</span> Red', "\u2716 Red")


def test_the_narrative_of_a_date_and_the_default() -> None:
    _, latest, _ = report("erp-upgrade", str(DEMO))
    assert "Period:** 2026-11-07 to 2026-11-20" in latest and "CR-ERP-04" in latest
    _, older, _ = report("erp-upgrade", str(DEMO), "--date", "2026-10-23")
    assert "Period:** 2026-10-10 to 2026-10-23" in older
    assert "The narrative is the status report of 2026-10-23" in older and "published" in older


def test_without_a_status_file_the_report_says_it_has_no_narrative() -> None:
    status, text, _ = report("finance-analytics", str(DEMO))
    assert status == 0
    assert "There is no status report narrative for this project" in text
    assert "## Summary" not in text and "## Accomplishments" not in text


def test_an_override_is_shown_with_its_justification_and_the_computed_grade() -> None:
    _, text, _ = report("erp", str(VALID))
    assert "Override: Bob is on jury service" in text and "(computed: \u2714 Green, no one over-allocated)" in text


def test_output_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "erp.html"
    status, text, _ = report("erp", str(VALID), "--format", "html", "--output", str(target))
    assert status == 0 and text == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope"], "no project 'nope'"),
        (["erp", "--date", "2027-02-09"], "has no status report of 2027-02-09 (status/2027-02-09.yaml); it has: "),
        (["erp", "--date", "15/02/2027"], "not a date"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    status, _, errors = report(args[0], str(VALID), *args[1:])
    assert status == 2 and message in errors, errors


def test_hostile_data_is_escaped_in_markdown() -> None:
    status, text, _ = report("hostile", str(HOSTILE))
    assert status == 0
    assert "<script" not in text and "<img" not in text and "<b " not in text and "\\](javascript" in text
    page = markdown.markdown(text, extensions=["tables"])
    found = tags_of(page)
    names = {tag for tag, _ in found.tags}
    assert not names & {"script", "img", "a", "b", "style", "code", "em", "strong"} - {"strong"}
    headings = [tag for tag, _ in found.tags if tag in ("h1", "h2", "h3")]
    assert headings.count("h1") == 1  # no heading from the data ('# not a heading')
    body = "".join(found.text)
    assert "<script>window.__pwned=1</script>" in body  # shown as text
    assert "{{ 7*7 }}" in body and "| pipe |" in body
    rows = [line for line in text.splitlines() if line.startswith("| Cost ")]
    assert len(rows) == 1 and rows[0].count(" | ") == 2  # the pipes in the justification did not split the cell


def test_hostile_data_is_escaped_in_html() -> None:
    status, text, _ = report("hostile", str(HOSTILE), "--format", "html")
    assert status == 0
    found = tags_of(text)
    names = {tag for tag, _ in found.tags}
    assert not names & {"script", "img", "a", "b", "iframe", "link"}
    assert all(not key.startswith("on") for _, attrs in found.tags for key in attrs)
    body = "".join(found.text)
    assert "<script>window.__pwned=1</script>" in body and '" onmouseover="window.__pwned=1;alert(1)" x="' in body


def test_a_plan_with_errors_exits_1_with_its_findings() -> None:
    case = Path(__file__).parent / "cases" / "rules" / "pm630-status-period-after-report-date"
    status, text, errors = report("erp", str(case))
    assert status == 1 and "PM630" in text and "errors in the plan" in errors
