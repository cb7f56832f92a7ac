"""Meetings (`meetings/*.md` with YAML front matter, or `meetings/*.yaml`, at the root or in a project): the model,
the rules and checks (each failing case of tests/cases/ edited until it passes), the clean example, the demo's
finding and the Actions and meetings page (the action tracker, minutes shown as text)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import Golden

from pmcode.cli import cli
from pmcode.render.site_figures import site_figures
from pmcode.render.site_meetings import meetings_page
from pmcode.validate import validate_root

REPO = Path(__file__).resolve().parent.parent
CASES = Path(__file__).parent / "cases"
VALID = CASES / "records-valid" / "meetings"
GOLDEN = Path(__file__).parent / "golden" / "site"
MY_CODES = ("PM64", "PM690", "PM691", "PM015")


def codes(root: Path, command: str = "check") -> list[str]:
    result = CliRunner().invoke(cli, [command, str(root), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    document = json.loads(result.stdout)
    findings = document if command == "validate" else document["findings"]
    return [f"{f['code']} {f['file'].removeprefix(str(root) + '/')}:{f['line']}:{f['col']}" for f in findings]


def copy(tmp_path: Path, area: str, name: str) -> Path:
    root = tmp_path / name
    shutil.copytree(CASES / area / name, root, ignore=shutil.ignore_patterns("expected.txt", "command"))
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def mine(found: list[str]) -> list[str]:
    return [f for f in found if f.startswith(MY_CODES)]


# the model


def test_meetings_are_built_from_front_matter_and_yaml() -> None:
    result = validate_root(VALID)
    assert list(result.diagnostics) == []
    root, project = sorted(result.portfolio.records.meetings, key=lambda m: m.date, reverse=True)
    assert (root.project, root.projects, root.type, root.date) == (None, ("erp",), "steering", date(2026, 11, 17))
    assert root.chair == "Dana Whitfield" and root.attendees == ("Dana Whitfield", "alice", "bob")
    assert [d.title for d in root.decisions] == ["Go live on 2026-12-07", "Approve the second test environment"]
    assert root.decisions[0].decided_by == ("Dana Whitfield",) and root.decisions[1].decided_by == ()
    assert root.body.startswith("# Minutes\n") and "Design signed off." in root.body
    assert [(a.id, a.status, a.is_open) for a in root.actions] == [
        ("A-1", "open", True),
        ("A-2", "done", False),
        ("A-3", "cancelled", False),
    ]
    assert root.name == "2026-11-17-steering.md"
    assert (project.project, project.projects, project.apologies) == ("erp", ("erp",), ("bob",))
    assert project.body == "The posting matrix needs one change."  # a .yaml meeting's `minutes`


def test_a_project_meeting_may_name_other_projects(tmp_path: Path) -> None:
    root = tmp_path / "valid"
    shutil.copytree(VALID, root)
    path = root / "erp" / "meetings" / "2026-11-12-design-review.yaml"
    edit(path, "type: customer\n", "type: customer\nprojects: [erp, crm]\n")
    result = validate_root(root)
    meeting = next(m for m in result.portfolio.records.meetings if m.project == "erp")
    assert meeting.projects == ("erp", "crm")
    assert [d.code for d in result.diagnostics] == ["PM691"]


# the clean example and each failing case made to pass


def test_the_clean_example_has_no_finding_of_meetings() -> None:
    assert mine(codes(VALID, "validate")) == []
    assert mine(codes(VALID)) == []


def test_pm640_giving_owners_and_dates_clears_it(tmp_path: Path) -> None:
    root = copy(tmp_path, "rules", "pm640-meeting-action-without-owner")
    path = root / "erp" / "meetings" / "2026-11-10-design-review.yaml"
    assert [f.split()[0] for f in codes(root, "validate")] == ["PM640"] * 3
    edit(path, "customer, due:", "customer, owner: alice, due:")
    edit(path, "environment, owner: bob}", "environment, owner: bob, due: 2026-11-30}")
    edit(path, "risk log}", "risk log, status: cancelled}")
    assert codes(root, "validate") == []


def test_pm641_closing_the_late_actions_clears_it(tmp_path: Path) -> None:
    root = copy(tmp_path, "check", "pm641-meeting-action-overdue")
    path = root / "erp" / "meetings" / "2026-11-03-design-review.md"
    assert mine(codes(root)) == [
        "PM641 erp/meetings/2026-11-03-design-review.md:11:65",
        "PM641 erp/meetings/2026-11-03-design-review.md:12:57",
    ]
    edit(path, "due: 2026-11-13}", "due: 2026-11-13, status: done, done: 2026-11-12}")
    edit(path, "due: 2026-11-19, status: in-progress}", "due: 2026-11-23, status: in-progress}")
    assert mine(codes(root)) == []


def test_pm641_is_judged_at_the_status_date_and_not_without_one(tmp_path: Path) -> None:
    root = copy(tmp_path, "check", "pm641-meeting-action-overdue")
    edit(root / "portfolio.yaml", "status_date: 2026-11-20\n", "status_date: 2026-11-14\n")
    assert mine(codes(root)) == ["PM641 erp/meetings/2026-11-03-design-review.md:11:65"]
    edit(root / "portfolio.yaml", "status_date: 2026-11-14\n", "")
    assert mine(codes(root)) == []  # no clock: without a status date nothing is overdue


def test_pm642_removing_the_attendee_from_apologies_clears_it(tmp_path: Path) -> None:
    root = copy(tmp_path, "rules", "pm642-attendee-also-in-apologies")
    edit(root / "meetings" / "2026-11-17-steering.md", "apologies: [bob, alice]", "apologies: [bob]")
    assert codes(root, "validate") == []


def test_pm691_naming_a_project_of_the_portfolio_clears_it(tmp_path: Path) -> None:
    root = copy(tmp_path, "rules", "pm691-meeting-unknown-project")
    edit(root / "meetings" / "2026-11-17-steering.md", "[erp, epr-upgrade]", "[erp]")
    assert codes(root, "validate") == []


def test_pm690_attendees_chair_owners_and_deciders_are_people(tmp_path: Path) -> None:
    root = tmp_path / "valid"
    shutil.copytree(VALID, root)
    path = root / "meetings" / "2026-11-17-steering.md"
    edit(path, "chair: Dana Whitfield", "chair: dana")
    edit(path, "attendees: [Dana Whitfield, alice, bob]", "attendees: [Dana Whitfield, alcie, bob]")
    edit(path, "decided_by: [Dana Whitfield]", "decided_by: [dana]")
    edit(path, "customer, owner: alice", "customer, owner: bbo")
    assert [f.split()[0] for f in codes(root, "validate")] == ["PM690"] * 4


def test_pm015_adding_front_matter_clears_it(tmp_path: Path) -> None:
    root = copy(tmp_path, "rules", "pm015-meeting-without-front-matter")
    path = root / "meetings" / "2026-11-17-steering.md"
    path.write_text("---\ndate: 2026-11-17\ntitle: Steering\n---\n" + path.read_text(encoding="utf-8"), "utf-8")
    assert codes(root, "validate") == []


# the demo


def test_the_demo_reports_the_overdue_steering_action() -> None:
    found = codes(REPO / "projects")
    assert "PM641 meetings/2026-10-20-steering.md:25:10" in found
    assert [f for f in found if f.startswith(("PM64", "PM015"))] == ["PM641 meetings/2026-10-20-steering.md:25:10"]


# the site page


def page(root: Path) -> str | None:
    result = validate_root(root)
    return meetings_page(result.portfolio, site_figures(result))


def test_actions_page_golden(golden: Golden) -> None:
    text = page(VALID)
    assert text is not None
    golden.check(GOLDEN / "actions.md", text)


def test_no_meetings_and_no_raid_actions_no_page(tmp_path: Path) -> None:
    root = tmp_path / "valid"
    shutil.copytree(VALID, root)
    shutil.rmtree(root / "meetings")
    shutil.rmtree(root / "erp" / "meetings")
    assert page(root) is None


def test_tracker_lists_open_actions_late_first_with_risk_actions(tmp_path: Path) -> None:
    root = tmp_path / "valid"
    shutil.copytree(VALID, root)
    shutil.copy(CASES / "check" / "pm613-raid-action-overdue" / "erp" / "raid.yaml", root / "erp" / "raid.yaml")
    text = page(root)
    assert text is not None
    tracker = text.split("## Open actions", 1)[1].split("## Closed", 1)[0]
    rows = [line for line in tracker.splitlines() if line.startswith("<tr><td")]
    assert "Chase the vendor for a shipping date" in rows[0] and "7 days late" in rows[0] and ">risk<" in rows[0]
    assert 'href="people/alice.html">Alice Chen</a>' in rows[0]
    assert any("Ask the vendor for an extension" in row and "2 days late" in row for row in rows)
    assert any("Send the cut-over plan" in row and "on time" in row for row in rows)
    assert not any("Order a spare server" in row for row in rows)  # cancelled
    closed = text.split("## Closed", 1)[1].split("## Meetings", 1)[0]
    assert "Book the go-live weekend" in closed


def test_minutes_and_fields_are_shown_as_text_never_markup(tmp_path: Path) -> None:
    root = tmp_path / "valid"
    shutil.copytree(VALID, root)
    path = root / "meetings" / "2026-11-17-steering.md"
    hostile = "<script>alert(1)</script>\n\n[click](javascript:alert(1)) {{ 7*7 }} | a | b |\n</pre></div>\n"
    path.write_text(path.read_text(encoding="utf-8") + hostile, encoding="utf-8")
    edit(path, "title: Go live on 2026-12-07", 'title: "<img src=x onerror=alert(1)> | pipe"')
    text = page(root)
    assert text is not None
    assert "<script>" not in text and "<img" not in text and "</pre></div>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;/pre&gt;&lt;/div&gt;" in text
    assert "{{ 7*7 }}" in text  # never evaluated
    assert 'href="javascript' not in text


@pytest.mark.parametrize("name", ["2026-11-17-steering.md"])
def test_a_meeting_positions_are_the_files_lines(name: str) -> None:
    found = codes(CASES / "rules" / "pm642-attendee-also-in-apologies", "validate")
    assert found == ["PM642 meetings/2026-11-17-steering.md:8:18"]
    line = (CASES / "rules" / "pm642-attendee-also-in-apologies" / "meetings" / name).read_text().splitlines()[7]
    assert line[17:].startswith("alice")
