"""The people pages (pmcode/render/site_people.py, people.md.j2, person.md.j2) on the small fixed plan of
tests/site_plan.py, its `steady` project moved to start on the status date so that alice (Build, 40 h a week) also
reviews for 3 days (24 h) in the week of 2027-02-15: unleveled, 64 h of 40 = 160%. Hand-checked loads, golden
Markdown, hostile strings, file names from ids, and the pages in a real build."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from markupsafe import escape
from site_plan import DASH, dash_plan

from pmcode.render.site import build_site
from pmcode.render.site_people import MAX_WEEKS, people_pages, person_href, person_stem, weeks_of
from pmcode.schedule import Schedule, schedule_portfolio
from pmcode.validate import ValidationResult

GOLDEN = Path(__file__).parent / "golden" / "site"
SITE_DIR = Path(__file__).resolve().parents[1] / "site"
OVERLAP = {"steady/project.yaml": DASH["steady/project.yaml"].replace("start: 2027-02-01", "start: 2027-02-15")}


def unleveled(folder: Path, changes: dict[str, str] | None = None) -> tuple[ValidationResult, Schedule]:
    result, _ = dash_plan(folder, OVERLAP | (changes or {}))
    return result, schedule_portfolio(result.portfolio, level=False, network=result.network)


def test_weeks_run_from_the_status_date_to_the_last_booked_day(tmp_path: Path) -> None:
    result, schedule = unleveled(tmp_path)
    # bob's 80 h at 4 h a day from 2027-02-15, on leave the week of 02-22: the last hours on 2027-03-19
    assert weeks_of(result.portfolio, schedule) == tuple(
        date(2027, m, d) for m, d in ((2, 15), (2, 22), (3, 1), (3, 8), (3, 15))
    )


def test_weeks_are_capped(tmp_path: Path) -> None:
    result, _ = dash_plan(tmp_path, {"late/project.yaml": DASH["late/project.yaml"].replace("40d", "400d")})
    schedule = schedule_portfolio(result.portfolio, network=result.network)
    weeks = weeks_of(result.portfolio, schedule)
    assert len(weeks) == MAX_WEEKS and weeks[0] == date(2027, 2, 15)


def test_team_page_marks_the_over_allocated(tmp_path: Path) -> None:
    result, schedule = unleveled(tmp_path)
    team = people_pages(result.portfolio, schedule)["index.md"]
    alert = (
        '<strong>Over-allocated (1):</strong> <a href="alice.html">Alice Chen</a> (1 week from 2027-02-15, peak 160%)'
    )
    assert alert in team  # 64 h booked of 40
    rows = re.findall(r"<tr[^>]*><td><a href=\"(\w+)\.html\">.*?</tr>", team)
    assert rows == ["alice", "bob", "carol"]  # the over-allocated first
    assert '<tr class="pm-row-amber"><td><a href="alice.html">Alice Chen</a>' in team
    assert "&#9650;</span> 1 over</span>" in team
    assert team.count('class="pmcode-chart') == 1


def test_nobody_over_allocated_in_the_leveled_schedule(tmp_path: Path) -> None:
    result, figures = dash_plan(tmp_path, OVERLAP)
    team = people_pages(result.portfolio, figures.schedule)["index.md"]
    assert "Nobody is booked above their capacity" in team and "pm-alert" not in team


def test_person_page_load_per_project_leave_and_tasks(tmp_path: Path) -> None:
    result, schedule = unleveled(tmp_path)
    pages = people_pages(result.portfolio, schedule)
    assert sorted(pages) == ["alice.md", "bob.md", "carol.md", "index.md"]
    alice = pages["alice.md"]
    assert "<strong>Over-allocated</strong> in 1 week: 2027-02-15." in alice
    # one heat map row per project and the total: Build 40 h = 100%, Review 24 h = 60%, together 160%
    assert "Late project\u2069, week of 2027-02-15: 100% (40 h of 40 h)" in alice  # names isolated for RTL text
    assert "Steady project\u2069, week of 2027-02-15: 60% (24 h of 40 h)" in alice
    assert "All projects\u2069, week of 2027-02-15: 160% (64 h of 40 h), over-allocated" in alice
    assert '<a href="mailto:alice@example.com">alice@example.com</a>' in alice
    bob = pages["bob.md"]
    assert '<td class="pm-nowrap">2027-02-22</td><td class="pm-nowrap">2027-02-26</td><td>Ski trip</td>' in bob
    assert "week of 2027-02-22: no working time" in bob  # on leave all week
    assert '<a href="../steady.html">Steady project</a></td><td>Work</td><td class="num">80.0</td>' in bob
    assert "All projects" not in bob  # one project: no total row
    carol = pages["carol.md"]
    assert "Not assigned to any task." not in carol  # Extra work, finished before the weeks shown
    assert "No hours booked in the weeks the site shows." in carol and "pmcode-chart" not in carol


def test_people_markdown_golden(tmp_path: Path, golden: object) -> None:
    result, schedule = unleveled(tmp_path)
    pages = people_pages(result.portfolio, schedule)
    golden.check(GOLDEN / "people-index.md", pages["index.md"])  # type: ignore[attr-defined]
    golden.check(GOLDEN / "people-alice.md", pages["alice.md"])  # type: ignore[attr-defined]


def test_file_names_come_from_ids_and_avoid_reserved_stems() -> None:
    assert person_stem("alice") == "alice" and person_stem("index") == "_index" and person_stem("README") == "_README"
    assert person_href("index", "people/") == "people/_index.html"


def test_a_person_called_index_gets_their_own_page(tmp_path: Path) -> None:
    carol = "{id: carol, name: Carol Diaz, role: dev}"
    people = DASH["people.yaml"].replace(carol, carol + "\n          - {id: index, name: Index Person}")
    result, schedule = unleveled(tmp_path, {"people.yaml": people})
    pages = people_pages(result.portfolio, schedule)
    assert "_index.md" in pages and "title: People" in pages["index.md"]
    assert "title: index" in pages["_index.md"]


HOSTILE = "<script>alert(1)</script> [x](javascript:alert(1)) {{ 7*7 }} \u202e\U0001f600"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("name: Alice Chen", f"name: '{HOSTILE}'"),
        ("name: Developer", f"name: '{HOSTILE}'"),
        ("reason: Ski trip", f"reason: '{HOSTILE}'"),
        ("email: alice@example.com", "email: 'javascript:alert(1)//<x>\"@example.com'"),
    ],
)
def test_hostile_strings_stay_text(tmp_path: Path, old: str, new: str) -> None:
    result, schedule = unleveled(tmp_path, {"people.yaml": DASH["people.yaml"].replace(old, new, 1)})
    for name, page in people_pages(result.portfolio, schedule).items():
        assert "<script" not in page and "<x>" not in page, name
        assert not re.search(r"href=\"(?!mailto:|\.\./|[\w-]+\.html)", page), name
    pages = people_pages(result.portfolio, schedule)
    if "email" in old:
        assert '<a href="mailto:javascript%3Aalert%281%29%2F%2F%3Cx%3E%22@example.com">' in pages["alice.md"]
    else:
        assert str(escape(HOSTILE)) in pages["alice.md"] + pages["bob.md"]


def test_built_site_has_the_people_pages_in_the_nav(tmp_path: Path) -> None:
    result, _ = dash_plan(tmp_path, OVERLAP)
    build_site(result, SITE_DIR, tmp_path / "out")
    people = tmp_path / "out" / "portfolio" / "people"
    assert sorted(p.name for p in people.glob("*.html")) == ["alice.html", "bob.html", "carol.html", "index.html"]
    dashboard = (tmp_path / "out" / "portfolio" / "index.html").read_text(encoding="utf-8")
    assert 'href="people/alice.html"' in dashboard  # the manager, linked
    assert re.search(r'<a href="people/index\.html" class="md-nav__link[^"]*">', dashboard)  # People in the nav
    assert "Alice Chen" in (people / "alice.html").read_text(encoding="utf-8")


def test_a_person_on_many_projects_gets_the_busiest_rows_and_one_folded_row(tmp_path: Path) -> None:
    files = {
        f"p{n}/project.yaml": f"""
            name: Project {n}
            start: 2027-02-15
            tasks:
              - {{id: t, name: Task {n}, effort: {n + 1}h, assign: [carol]}}
        """
        for n in range(10)
    }
    result, schedule = unleveled(tmp_path, files)
    carol = people_pages(result.portfolio, schedule)["carol.md"]
    labels = re.findall(r"<title>\u2068([^<]*)\u2069, week of 2027-02-15: ([^<]*)</title>", carol)
    # 1 + 2 + ... + 10 = 55 hours in the week; the busiest 8 (p2..p9, 3 to 10 hours) in plan order, p0 and p1 folded
    assert [label for label, _ in labels] == [
        *(f"Project {n}" for n in range(2, 10)),
        "2 other projects",
        "All projects",
    ]
    assert labels[-2][1] == "8% (3 h of 40 h)" and labels[-1][1] == "138% (55 h of 40 h), over-allocated"
