"""`pmcode export mspdi`: a scheduled project as MS Project XML, read back by pmcode's own importer.

The round trip (export, import into an empty portfolio, schedule both) must give every task the same dates: the
file carries everything pmcode schedules with. Links to other projects cannot be carried; the exporter keeps the
start they give as a start-no-earlier-than date, so the round trip holds for the demo projects too.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import Golden
from defusedxml import ElementTree
from plans import SMALL, write_plan

from pmcode.cli import cli
from pmcode.mspdi.exporter import export_mspdi
from pmcode.mspdi.importer import import_mspdi
from pmcode.mspdi.xmlsafe import NAMESPACE
from pmcode.schedule import schedule_portfolio
from pmcode.validate import validate_root

REPO = Path(__file__).resolve().parent.parent
CASES = Path(__file__).parent / "mspdi"
DEMO = REPO / "projects"
ORACLE_FILE = REPO.parent / "shared" / "oracle" / "mspdi" / "telerik__SDLC.xml"
NS = {"p": NAMESPACE}

FEATURES = {
    "portfolio.yaml": "name: Lags\ncurrency: EUR\ncalendar: office\n",
    "calendars.yaml": """
        calendars:
          - id: office
            hours: ["08:00-12:00", "13:00-17:00"]
            holidays: {dates: [2027-01-06, {date: 2027-01-15, name: "Company day <off> & more"}]}
          - {id: nights, workdays: [mon, tue, wed, thu], hours: ["00:00-06:00", "22:00-24:00"]}
    """,
    "people.yaml": """
        roles: [{id: dev, rate: 90}]
        people:
          - {id: ann, name: Ann O'Neil, role: dev, leave: [{from: 2027-01-11, to: 2027-01-12, reason: vacation}]}
          - {id: nick, name: Nick, calendar: nights, units: 50%, rate: 70, efficiency: 0.8}
    """,
    "lags/project.yaml": """
        name: 'Lags <&> "quotes" ]]>'
        start: 2027-01-04
        tasks:
          - {id: a, name: A, effort: 3d, assign: [ann], description: "line one\\nline <two> & three"}
          - {id: b, name: B, duration: 2d, depends: [{task: a, type: SS, lag: 50%}], assign: [nick]}
          - {id: c, name: C, duration: 1d, depends: [{task: b, type: FF, lag: -2h}]}
          - {id: d, name: D, duration: 4h, depends: [{task: c, type: SF, lag: 3eh}], priority: 900}
          - {id: e, name: E, duration: 2ed, depends: [{task: a, lag: 1d}]}
          - id: phase
            name: Phase
            start: 2027-01-07T13:00
            tasks:
              - {id: f, name: F, effort: 2d, assign: [nick]}
              - {id: g, name: G, milestone: true, depends: [f], deadline: 2027-01-29}
          - {id: h, name: H, duration: 1d, must_start_on: 2027-01-20}
          - {id: i, name: I, duration: 1d, must_finish_on: 2027-01-22T12:00}
          - {id: j, name: J, duration: 1d, alap: true, depends: [a]}
          - {id: k, name: K, duration: 1w, depends: [phase]}
    """,
}


def export(root: Path, project_id: str, *, level: bool = True) -> bytes:
    result = validate_root(root)
    assert result.errors == 0, result.diagnostics
    data, _ = export_mspdi(result.portfolio, schedule_portfolio(result.portfolio, level=level, track=False), project_id)
    return data


def dates(root: Path, project_id: str, *, level: bool) -> list[tuple[str, datetime | None, datetime | None]]:
    result = validate_root(root)
    assert result.errors == 0, [d for d in result.diagnostics if d.severity.value == "error"]
    plan = schedule_portfolio(result.portfolio, level=level, track=False)
    return [(t.kind.value, t.start, t.finish) for t in plan.project(project_id).tasks]


def round_trip(root: Path, project_id: str, tmp_path: Path, *, level: bool) -> None:
    source = tmp_path / f"{project_id}.xml"
    source.write_bytes(export(root, project_id, level=level))
    imported = import_mspdi(source, tmp_path / "again" / project_id)
    assert not imported.failed, imported.findings
    assert dates(tmp_path / "again", project_id, level=level) == dates(root, project_id, level=level)


# -- the file ----------------------------------------------------------------------------------------------------


def test_small_plan_as_expected(tmp_path: Path, golden: Golden) -> None:
    root = write_plan(tmp_path / "projects", SMALL)
    golden.check(CASES / "export-small.xml", export(root, "erp").decode("utf-8"))


def test_export_is_deterministic(tmp_path: Path) -> None:
    root = write_plan(tmp_path / "projects", FEATURES)
    assert export(root, "lags") == export(root, "lags")


def test_text_is_escaped_not_pasted(tmp_path: Path) -> None:
    root = write_plan(tmp_path / "projects", FEATURES)
    document = ElementTree.fromstring(export(root, "lags"))
    assert document.findtext("p:Title", namespaces=NS) == 'Lags <&> "quotes" ]]>'
    notes = document.findtext("p:Tasks/p:Task[p:UID='1']/p:Notes", namespaces=NS)
    assert notes == "line one\nline <two> & three"
    names = document.findall("p:Calendars/p:Calendar/p:Exceptions/p:Exception/p:Name", namespaces=NS)
    assert [n.text for n in names] == ["Company day <off> & more", "vacation"]
    assert [r.text for r in document.findall("p:Resources/p:Resource/p:Name", namespaces=NS)] == ["Ann O'Neil", "Nick"]


def test_links_lags_and_constraints_in_ms_project_terms(tmp_path: Path) -> None:
    root = write_plan(tmp_path / "projects", FEATURES)
    document = ElementTree.fromstring(export(root, "lags"))

    def task(uid: int, field: str) -> str | None:
        return document.findtext(f"p:Tasks/p:Task[p:UID='{uid}']/{field}", namespaces=NS)

    links = [
        (
            task(uid, "p:PredecessorLink/p:Type"),
            task(uid, "p:PredecessorLink/p:LinkLag"),
            task(uid, "p:PredecessorLink/p:LagFormat"),
        )
        for uid in (2, 3, 4, 5)
    ]
    assert links == [("3", "50", "19"), ("0", "-1200", "5"), ("2", "1800", "6"), ("1", "4800", "7")]
    assert task(5, "p:Duration") == "PT48H0M0S" and task(5, "p:DurationFormat") == "8"  # 2 elapsed days
    assert (task(6, "p:ConstraintType"), task(6, "p:ConstraintDate")) == ("4", "2027-01-07T13:00:00")
    assert (task(9, "p:ConstraintType"), task(9, "p:ConstraintDate")) == ("2", "2027-01-20T08:00:00")
    assert (task(10, "p:ConstraintType"), task(10, "p:ConstraintDate")) == ("3", "2027-01-22T12:00:00")
    assert task(11, "p:ConstraintType") == "1"
    assert task(8, "p:Milestone") == "1" and task(8, "p:Deadline") == "2027-01-29T23:59:00"
    assert (task(1, "p:Type"), task(1, "p:EffortDriven")) == ("0", "1")  # effort: fixed units
    assert (task(2, "p:Type"), task(2, "p:EffortDriven")) == ("1", "0")  # duration: fixed duration
    assert task(6, "p:OutlineNumber") == "6" and task(7, "p:OutlineNumber") == "6.1"


# -- round trips -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("level", [True, False], ids=["leveled", "unleveled"])
def test_round_trip_keeps_every_date(tmp_path: Path, level: bool) -> None:
    root = write_plan(tmp_path / "projects", FEATURES)
    round_trip(root, "lags", tmp_path, level=level)


@pytest.mark.parametrize("level", [True, False], ids=["leveled", "unleveled"])
def test_round_trip_small_plan(tmp_path: Path, level: bool) -> None:
    round_trip(write_plan(tmp_path / "projects", SMALL), "erp", tmp_path, level=level)


@pytest.mark.parametrize("project_id", sorted(p.name for p in DEMO.iterdir() if (p / "project.yaml").is_file()))
def test_round_trip_demo_projects(tmp_path: Path, project_id: str) -> None:
    # Unleveled: leveled alone in a portfolio, a project loses the bookings of the others that share its people.
    round_trip(DEMO, project_id, tmp_path, level=False)


@pytest.mark.skipif(not ORACLE_FILE.is_file(), reason=f"no {ORACLE_FILE}")
def test_ms_project_file_survives_import_export_import(tmp_path: Path) -> None:
    import_mspdi(ORACLE_FILE, tmp_path / "first" / "sdlc")
    round_trip(tmp_path / "first", "sdlc", tmp_path, level=False)


# -- the command -------------------------------------------------------------------------------------------------


def test_cli_writes_the_file(tmp_path: Path) -> None:
    root = write_plan(tmp_path / "projects", SMALL)
    output = tmp_path / "out" / "erp.xml"
    result = CliRunner().invoke(cli, ["export", "mspdi", str(root), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert output.read_bytes() == export(root, "erp")
    assert "exported 'erp'" in result.stderr


def test_cli_reports_links_to_other_projects(tmp_path: Path) -> None:
    output = tmp_path / "dr.xml"
    result = CliRunner().invoke(cli, ["export", "mspdi", str(DEMO), "--project", "dr-site", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "warning PM405 the link of 'replication.erp' to 'erp-upgrade:environments.prod-env'" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--project", "nope"], "no project 'nope'"), ([], "choose one with --project")],
    ids=["unknown", "ambiguous"],
)
def test_cli_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["export", "mspdi", str(DEMO), *args, "-o", str(tmp_path / "x.xml")])
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "x.xml").exists()
