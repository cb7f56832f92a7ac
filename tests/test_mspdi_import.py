"""`pmcode import mspdi`: MS Project XML -> project.yaml, calendars.yaml and people.yaml.

tests/mspdi/features/plan.xml is written by hand with one of each feature; its expected YAML and findings
are golden files (`pytest --update-golden` rewrites them, review the diff), and its Start/Finish values are
checked against pmcode's schedule of the import like the MS Project oracle files are.
"""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import Golden
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mspdi_oracle import compare
from plans import SMALL, write_plan

from pmcode.cli import cli
from pmcode.mspdi.importer import import_mspdi
from pmcode.mspdi.recurrence import exception_days
from pmcode.mspdi.units import Scale, duration_format
from pmcode.render.diagnostics import render_text
from pmcode.schedule import schedule_portfolio
from pmcode.validate import validate_root

CASES = Path(__file__).parent / "mspdi"
FEATURES = CASES / "features" / "plan.xml"
NS = 'xmlns="http://schemas.microsoft.com/project"'


def mspdi(tasks: str, extra: str = "", calendars: str = "") -> str:
    """A small MSPDI document: a Mon-Fri 08:00-17:00 calendar (lunch 12-13), the given tasks and extras."""
    day = (
        "<WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime>"
        "<WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime></WorkingTimes>"
    )
    week = "".join(
        f"<WeekDay><DayType>{n}</DayType><DayWorking>{int(1 < n < 7)}</DayWorking>{day if 1 < n < 7 else ''}</WeekDay>"
        for n in range(1, 8)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<Project {NS}><Title>Small</Title>'
        "<StartDate>2027-01-04T08:00:00</StartDate><CurrencyCode>USD</CurrencyCode><CalendarUID>1</CalendarUID>"
        f"<Calendars><Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar>"
        f"<WeekDays>{week}</WeekDays></Calendar>{calendars}</Calendars><Tasks>{tasks}</Tasks>{extra}</Project>\n"
    )


def task(uid: int, name: str, level: int = 1, duration: str = "PT8H0M0S", more: str = "") -> str:
    return (
        f"<Task><UID>{uid}</UID><ID>{uid}</ID><Name>{name}</Name><OutlineLevel>{level}</OutlineLevel>"
        f"<Duration>{duration}</Duration><DurationFormat>7</DurationFormat>{more}</Task>"
    )


def write(tmp_path: Path, text: str, name: str = "plan.xml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- the feature tour, golden ------------------------------------------------------------------------------------


def test_features_import_as_expected(tmp_path: Path, golden: Golden) -> None:
    root = tmp_path / "projects"
    result = import_mspdi(FEATURES, root / "tour", shown="plan.xml")
    expected = CASES / "features" / "expected"
    for name in ("tour/project.yaml", "calendars.yaml", "people.yaml", "portfolio.yaml"):
        golden.check(expected / name.replace("/", "-"), (root / name).read_text(encoding="utf-8"))
    golden.check(expected / "findings.txt", render_text(result.findings))
    assert validate_root(root).diagnostics == ()


def test_features_schedule_as_in_the_file(tmp_path: Path) -> None:
    result = compare(FEATURES, tmp_path)
    assert result.mismatches == {}
    assert result.compared == 12


def test_unmapped_features_are_reported_at_their_line(tmp_path: Path) -> None:
    result = import_mspdi(FEATURES, tmp_path / "projects" / "tour", shown="plan.xml")
    lines = FEATURES.read_text(encoding="utf-8").splitlines()
    found = {(d.code, lines[d.line - 1].strip()) for d in result.findings}

    def reported(code: str, start: str) -> bool:
        return any(c == code and line.startswith(start) for c, line in found)

    assert reported("PM401", "<Task><UID>11<")  # manual task: pinned
    assert reported("PM401", "<Task><UID>12<")  # inactive: left out
    assert reported("PM401", "<Task><UID>13<")  # start no later than
    assert reported("PM402", "<Task><UID>15<")  # milestone with a duration
    assert reported("PM401", "<Resource><UID>3<")  # material resource
    assert reported("PM401", "<Exception>")  # a working Saturday
    assert all(d.file == "plan.xml" for d in result.findings)


# -- mapping details ---------------------------------------------------------------------------------------------


def test_ids_are_unique_among_siblings_and_references_resolve(tmp_path: Path) -> None:
    tasks = (
        task(1, "Phase", duration="PT0H0M0S", more="<Summary>1</Summary>")
        + task(2, "Task", 2)
        + task(3, "Task", 2, more="<PredecessorLink><PredecessorUID>2</PredecessorUID><Type>1</Type></PredecessorLink>")
        + task(
            4, "Phase", 2, more="<PredecessorLink><PredecessorUID>1</PredecessorUID></PredecessorLink>"
        )  # own summary
        + task(5, "Other", 1, duration="PT0H0M0S", more="<Summary>1</Summary>")
        + task(
            6,
            "Phase",
            2,
            more="<PredecessorLink><PredecessorUID>1</PredecessorUID></PredecessorLink>"
            "<PredecessorLink><PredecessorUID>4</PredecessorUID><Type>3</Type></PredecessorLink>",
        )
        + task(7, "", 2)
    )
    result = import_mspdi(write(tmp_path, mspdi(tasks)), tmp_path / "projects" / "demo")
    assert result.task_paths == {
        1: "phase",
        2: "phase.task",
        3: "phase.task-2",
        4: "phase.phase",
        5: "other",
        6: "other.phase",
        7: "other.t7",
    }
    text = (tmp_path / "projects" / "demo" / "project.yaml").read_text(encoding="utf-8")
    assert "depends: [task]" in text
    # from other.phase, 'phase' would be the task itself: the project-qualified path is unambiguous
    assert "depends: ['demo:phase', {task: phase.phase, type: SS}]" in text
    assert validate_root(tmp_path / "projects").errors == 0


@pytest.mark.parametrize(
    ("minutes", "unit", "expected"),
    [
        (480, "d", "1d"),
        (2400, "w", "1w"),
        (9600, "mo", "1mo"),
        (240, "d", "4h"),
        (200, "h", "3.3333h"),
        (-90, "h", "-1.5h"),
    ],
)
def test_working_durations_keep_the_unit_typed(minutes: int, unit: str, expected: str) -> None:
    assert Scale().working(minutes, unit) == expected


def test_weeks_and_months_only_when_the_file_agrees() -> None:
    assert Scale(minutes_per_day=480, minutes_per_week=2160).working(2400, "w") == "5d"
    assert Scale(days_per_month=21).working(9600, "mo") == "4w"
    assert Scale().elapsed(43200, "mo") == "30ed"  # an elapsed month is 30 days
    assert Scale().elapsed(1, "m") == "0.0167eh"


def test_duration_formats() -> None:
    assert (
        duration_format(39) == duration_format(7)._replace(estimated=True) if False else duration_format(39).estimated
    )
    assert duration_format(8).elapsed and duration_format(8).unit == "d"
    assert duration_format(53).unit == "d"  # 'no format', estimated: the project's default
    assert duration_format(19).unit == "%"


def test_recurring_calendar_exceptions() -> None:
    thanksgiving = {"Type": 3, "Month": 10, "MonthPosition": 3, "MonthItem": 7}
    assert exception_days(date(2027, 11, 1), date(2028, 11, 30), thanksgiving) == [
        date(2027, 11, 25),
        date(2028, 11, 23),
    ]
    assert exception_days(date(2027, 1, 1), date(2027, 1, 31), {"Type": 6, "Period": 2, "DaysOfWeek": 2}) == [
        date(2027, 1, 11),
        date(2027, 1, 25),
    ]
    last_friday = {"Type": 5, "Period": 1, "MonthPosition": 4, "MonthItem": 8}
    assert exception_days(date(2027, 1, 1), date(2027, 2, 28), last_friday) == [date(2027, 1, 29), date(2027, 2, 26)]


def test_start_time_later_than_the_working_day_is_kept(tmp_path: Path) -> None:
    afternoon = "<ConstraintType>4</ConstraintType><ConstraintDate>2027-01-04T13:00:00</ConstraintDate>"
    text = mspdi(task(1, "Late morning") + task(2, "Afternoon", more=afternoon))
    import_mspdi(
        write(tmp_path, text.replace("2027-01-04T08:00:00", "2027-01-04T10:00:00")), tmp_path / "projects" / "d"
    )
    project = (tmp_path / "projects" / "d" / "project.yaml").read_text(encoding="utf-8")
    assert "name: Late morning\n    duration: 1d\n    start: 2027-01-04T10:00\n" in project
    assert "name: Afternoon\n    duration: 1d\n    start: 2027-01-04T13:00\n" in project  # later: kept
    assert validate_root(tmp_path / "projects").errors == 0


def test_a_refused_merge_writes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "projects"
    root.mkdir()
    (root / "calendars.yaml").write_text("calendars: [{id: other, workdays: [mon]}]\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["import", "mspdi", str(write(tmp_path, mspdi(task(1, "Work")))), "--into", str(root / "p")]
    )
    assert result.exit_code == 2
    assert "one-line [list]" in result.output
    assert sorted(p.name for p in root.iterdir()) == ["calendars.yaml"]


# -- the portfolio's shared files --------------------------------------------------------------------------------


def test_existing_calendars_and_people_are_kept(tmp_path: Path) -> None:
    root = write_plan(tmp_path / "projects", SMALL)
    (root / "calendars.yaml").write_text(
        "# Our calendars\ncalendars:\n  - id: standard   # the head office\n    holidays: {country: US}\n",
        encoding="utf-8",
    )
    resources = (
        "<Resources><Resource><UID>1</UID><Name>Alice Chen</Name><Type>1</Type><MaxUnits>1</MaxUnits></Resource>"
        "<Resource><UID>2</UID><Name>Bob</Name><Type>1</Type><MaxUnits>1</MaxUnits></Resource></Resources>"
        "<Assignments><Assignment><UID>1</UID><TaskUID>1</TaskUID><ResourceUID>1</ResourceUID><Units>1</Units>"
        "<Work>PT8H0M0S</Work></Assignment><Assignment><UID>2</UID><TaskUID>1</TaskUID><ResourceUID>2</ResourceUID>"
        "<Units>1</Units><Work>PT8H0M0S</Work></Assignment></Assignments>"
    )
    before_people = (root / "people.yaml").read_text(encoding="utf-8")
    result = import_mspdi(write(tmp_path, mspdi(task(1, "Work"), resources)), root / "imported")
    calendars = (root / "calendars.yaml").read_text(encoding="utf-8")
    assert calendars.startswith("# Our calendars\ncalendars:\n  - id: standard   # the head office\n")
    assert "  - id: standard-2  # calendar UID 1 in plan.xml\n    name: Standard\n" in calendars
    people = (root / "people.yaml").read_text(encoding="utf-8")
    assert people.startswith(before_people)
    assert "  - id: bob-2  # resource UID 2 in plan.xml\n    name: Bob\n" in people
    messages = [d.message for d in result.findings if d.code == "PM403"]
    assert any("'standard'" in m and "'standard-2'" in m for m in messages)
    assert any("'bob'" in m and "'bob-2'" in m for m in messages)
    project = (root / "imported" / "project.yaml").read_text(encoding="utf-8")
    assert "assign: [alice-chen, bob-2]" in project
    assert validate_root(root).errors == 0


def test_same_person_is_reused(tmp_path: Path) -> None:
    root = write_plan(tmp_path / "projects", SMALL)
    (root / "people.yaml").write_text("people:\n  - {id: alice-chen, name: Alice Chen}\n", encoding="utf-8")
    resources = (
        "<Resources><Resource><UID>1</UID><Name>Alice Chen</Name><Type>1</Type></Resource></Resources>"
        "<Assignments><Assignment><UID>1</UID><TaskUID>1</TaskUID><ResourceUID>1</ResourceUID><Units>1</Units>"
        "<Work>PT8H0M0S</Work></Assignment></Assignments>"
    )
    import_mspdi(write(tmp_path, mspdi(task(1, "Work"), resources)), root / "imported")
    assert (root / "people.yaml").read_text(encoding="utf-8") == "people:\n  - {id: alice-chen, name: Alice Chen}\n"
    assert "assign: [alice-chen]" in (root / "imported" / "project.yaml").read_text(encoding="utf-8")


def test_an_empty_flow_list_becomes_a_block_list(tmp_path: Path) -> None:
    root = tmp_path / "projects"
    root.mkdir()
    (root / "calendars.yaml").write_text("calendars: []  # none yet\n", encoding="utf-8")
    import_mspdi(write(tmp_path, mspdi(task(1, "Work"))), root / "p")
    text = (root / "calendars.yaml").read_text(encoding="utf-8")
    assert text.startswith("calendars:\n  - id: standard  # calendar UID 1 in plan.xml\n")
    assert text.rstrip().endswith("# none yet")
    assert validate_root(root).errors == 0


def test_an_existing_project_is_replaced_only_when_asked(tmp_path: Path) -> None:
    source = write(tmp_path, mspdi(task(1, "Work")))
    runner = CliRunner()
    target = str(tmp_path / "projects" / "p")
    assert runner.invoke(cli, ["import", "mspdi", str(source), "--into", target]).exit_code == 0
    again = runner.invoke(cli, ["import", "mspdi", str(source), "--into", target])
    assert again.exit_code == 2
    assert "--replace" in again.output
    assert runner.invoke(cli, ["import", "mspdi", str(source), "--into", target, "--replace"]).exit_code == 0


def test_cli_reports_findings_and_validates(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["import", "mspdi", str(FEATURES), "--into", str(tmp_path / "projects" / "tour")])
    assert result.exit_code == 0, result.output
    assert "warning PM401" in result.stdout
    assert "imported 15 tasks into" in result.stderr


# -- hostile input -----------------------------------------------------------------------------------------------

LAUGHS = textwrap.dedent(
    """\
    <?xml version="1.0"?>
    <!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
    <Project xmlns="http://schemas.microsoft.com/project"><Name>&b;</Name></Project>
    """
)
EXTERNAL = textwrap.dedent(
    """\
    <?xml version="1.0"?>
    <!DOCTYPE Project [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
    <Project xmlns="http://schemas.microsoft.com/project"><Name>&secret;</Name></Project>
    """
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (LAUGHS, "refused"),
        (EXTERNAL, "refused"),
        ("<Project><Name>unclosed</Project>", "not well-formed"),
        ('<?xml version="1.0"?>\n<Tasks/>', "not MS Project's"),
        ("\x00\x01 binary", "not well-formed"),
    ],
    ids=["entity-expansion", "external-entity", "malformed", "wrong-root", "binary"],
)
def test_unreadable_files_write_nothing(tmp_path: Path, text: str, message: str) -> None:
    source = write(tmp_path, text)
    result = CliRunner().invoke(cli, ["import", "mspdi", str(source), "--into", str(tmp_path / "projects" / "p")])
    assert result.exit_code == 1
    assert "error PM404" in result.stdout
    assert message in result.stdout
    assert not (tmp_path / "projects").exists()


def test_names_cannot_reach_the_terminal(tmp_path: Path) -> None:
    name = "Evil&#155;31m red&#10;next&#8233;line&#8238;"
    source = write(
        tmp_path,
        mspdi(
            task(1, name, duration="PT0H0M0S", more="<Milestone>1</Milestone>")
            + task(
                2, name, more="<ConstraintType>5</ConstraintType><ConstraintDate>2027-01-05T08:00:00</ConstraintDate>"
            )
        ),
    )
    result = CliRunner().invoke(cli, ["import", "mspdi", str(source), "--into", str(tmp_path / "projects" / "p")])
    assert result.exit_code == 0, result.output
    assert not any(c in result.output for c in "\x9b\u2029\u202e")
    assert "\\x9b31m" in result.stdout  # messages show the name as it is in the file, escaped
    project = (tmp_path / "projects" / "p" / "project.yaml").read_text(encoding="utf-8")
    assert "name: Evil 31m red next line\n" in project


def test_importing_twice_reuses_calendars_and_people(tmp_path: Path) -> None:
    root = write_plan(tmp_path / "projects", SMALL)
    (root / "calendars.yaml").write_text("calendars:\n  - {id: standard, workdays: [mon]}\n", encoding="utf-8")
    resources = (
        "<Resources><Resource><UID>1</UID><Name>Dana</Name><Type>1</Type></Resource></Resources>"
        "<Assignments><Assignment><UID>1</UID><TaskUID>1</TaskUID><ResourceUID>1</ResourceUID><Units>1</Units>"
        "<Work>PT8H0M0S</Work></Assignment></Assignments>"
    )
    source = write(tmp_path, mspdi(task(1, "Work"), resources))
    import_mspdi(source, root / "first")
    calendars, people = ((root / name).read_text(encoding="utf-8") for name in ("calendars.yaml", "people.yaml"))
    second = import_mspdi(source, root / "second")
    assert (root / "calendars.yaml").read_text(encoding="utf-8") == calendars  # standard-2 is reused
    assert (root / "people.yaml").read_text(encoding="utf-8") == people
    assert [d.message for d in second.findings] == ["resource 'Dana' is 'dana' of people.yaml, kept as it is"]
    assert "calendar: standard-2" in (root / "second" / "project.yaml").read_text(encoding="utf-8")


LEVELS = st.lists(st.integers(min_value=1, max_value=4), min_size=1, max_size=25)
NAMES = st.text(alphabet=st.sampled_from("ab é-/<&>\u00e4\u202e1"), min_size=0, max_size=8)


@st.composite
def random_plans(draw: st.DrawFn) -> str:
    """MSPDI task lists of any shape: outline jumps, blank names, every duration format, links to earlier tasks
    (summaries and their own subtasks included), every constraint type."""
    tasks = []
    levels = draw(LEVELS)
    for uid, level in enumerate(levels, start=1):
        minutes = draw(st.sampled_from([0, 1, 60, 240, 480, 1440, 2400, 9600]))
        fmt = draw(st.sampled_from([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 21, 37, 39, 53]))
        more = f"<DurationFormat>{fmt}</DurationFormat><Priority>{draw(st.integers(0, 1000))}</Priority>"
        if uid > 1 and draw(st.booleans()):
            pred = draw(st.integers(1, uid - 1))
            lag_format = draw(st.sampled_from([5, 7, 8, 9, 19]))
            lag = draw(st.integers(-9600, 9600)) if lag_format != 19 else draw(st.integers(-100, 100))
            more += (
                f"<PredecessorLink><PredecessorUID>{pred}</PredecessorUID><Type>{draw(st.integers(0, 3))}</Type>"
                f"<LinkLag>{lag}</LinkLag><LagFormat>{lag_format}</LagFormat></PredecessorLink>"
            )
        constraint = draw(st.integers(0, 7))
        if constraint:
            day, hour = draw(st.integers(1, 9)), draw(st.sampled_from(["08", "12", "17", "23"]))
            more += f"<ConstraintType>{constraint}</ConstraintType>"
            more += f"<ConstraintDate>2027-01-0{day}T{hour}:00:00</ConstraintDate>"
        name = draw(NAMES).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        duration = f"PT{minutes // 60}H{minutes % 60}M0S"
        tasks.append(task(uid, name, level, duration, more + ("<Manual>1</Manual>" if draw(st.booleans()) else "")))
    return mspdi("".join(tasks))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(random_plans())
def test_any_task_list_imports_to_a_valid_plan(tmp_path: Path, text: str) -> None:
    folder = tmp_path / str(abs(hash(text)))
    folder.mkdir()
    result = import_mspdi(write(folder, text), folder / "p" / "x")
    assert not result.failed
    validation = validate_root(folder / "p")
    errors = [d for d in validation.diagnostics if d.severity.value == "error"]
    assert all(d.code == "PM207" for d in errors), errors  # only links MS Project would refuse: a cycle
    if not errors:
        schedule_portfolio(validation.portfolio, level=False)
