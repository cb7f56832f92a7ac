"""`pmcode init` and `pmcode new project`: the new repository passes `pmcode check` with no findings, its example
project's baseline is the baseline engine's, its files are the templates', the wheel ships them, and new
projects validate and never overwrite anything.
"""

from __future__ import annotations

import fnmatch
import json
import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from pmcode import __version__
from pmcode.cli import cli
from pmcode.cli.new import next_monday
from pmcode.scaffold import EXAMPLE_PROJECT, init_repository, repository_files
from pmcode.scaffold.files import TEMPLATES

REPO = Path(__file__).resolve().parent.parent
PMCODE = Path(sys.executable).parent / "pmcode"
SCHEMAS = sorted(p.name for p in (REPO / "schemas").glob("*.schema.json"))
FILES = sorted(
    [
        ".github/workflows/pages.yml",
        ".github/workflows/plan-check.yml",
        ".gitignore",
        ".pre-commit-config.yaml",
        ".vscode/settings.json",
        "README.md",
        "projects/calendars.yaml",
        "projects/people.yaml",
        "projects/portfolio.yaml",
        "projects/website-refresh/baseline.yaml",
        "projects/website-refresh/budget.yaml",
        "projects/website-refresh/project.yaml",
        "requirements.txt",
        "site/docs/assets/pmcode.css",
        "site/docs/index.md",
        "site/mkdocs.yml",
        *(f"schemas/{name}" for name in SCHEMAS),
    ]
)


def run_pmcode(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed command, in its own process: for the acceptance tests."""
    return subprocess.run([str(PMCODE), *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=300)


@dataclass(frozen=True)
class Done:
    returncode: int
    stdout: str
    stderr: str


def pmcode(*args: str, cwd: Path) -> Done:
    """The command in this process (each process start costs a second or two), from directory `cwd`."""
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, list(args))
    finally:
        os.chdir(previous)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Done(result.exit_code, result.stdout, result.stderr)


def written(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("init") / "plans"
    init_repository(target)
    return target


# --- pmcode init -----------------------------------------------------------------------------------------------------


def test_init_then_check_passes_with_no_findings(tmp_path: Path) -> None:
    """The acceptance test, as a user types it: `pmcode init /tmp/x && cd /tmp/x && pmcode check`."""
    target = tmp_path / "x"
    done = run_pmcode("init", str(target), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        f"wrote {len(FILES)} files into {target}",
        f"example project '{EXAMPLE_PROJECT}': bac 46,804.00, finish 2027-04-15T17:00",
        f"next: cd {target} && pmcode check",
    ]
    checked = run_pmcode("check", cwd=target)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout == ""  # no finding at all, not even an info
    assert checked.stderr == "ok: 0 errors, 0 warnings (1 project)\n"
    strict = pmcode("validate", "--strict", cwd=target)
    assert (strict.returncode, strict.stdout) == (0, "")


def test_init_writes_exactly_these_files(made: Path) -> None:
    assert written(made) == FILES


def test_files_are_the_templates(made: Path) -> None:
    templates = repository_files()
    assert sorted(templates) == [f for f in FILES if f != f"projects/{EXAMPLE_PROJECT}/baseline.yaml"]
    for name, data in templates.items():
        assert (made / name).read_bytes() == data, name
    for name in SCHEMAS:
        assert (made / "schemas" / name).read_bytes() == (REPO / "schemas" / name).read_bytes()
    assert (made / "site/docs/assets/pmcode.css").read_bytes() == (REPO / "site/docs/assets/pmcode.css").read_bytes()
    assert (made / ".github/workflows/plan-check.yml").read_bytes() == (
        TEMPLATES / "github/workflows/plan-check.yml"
    ).read_bytes()


def test_pmcode_is_pinned_to_this_version(made: Path) -> None:
    requirements = (made / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in requirements if not line.startswith("#")] == [f"pmcode=={__version__}"]
    assert "@PMCODE_VERSION@" not in (made / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "python -m pip install -r requirements.txt" in (made / ".github/workflows/plan-check.yml").read_text()


def test_example_baseline_is_the_engines(made: Path, tmp_path: Path) -> None:
    """Saving the baseline again changes nothing: the file is byte for byte what the engine writes. The numbers,
    by hand: labor pm 34d x 8h x 20% = 54.4h x 110 = 5,984; discovery 40h x 90 = 3,600; design 48h shared by Sam
    (100%) and Jo (50%) over 32h: 32h x 90 + 16h x 105 = 4,560; build 160h x 105 = 16,800; content 64h x 90 =
    5,760; test 40h x 90 = 3,600; licences 6,000; hosting 2 x 250 = 500: bac 46,804.00, contingency 10%."""
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(made, copy)
    before = (copy / "projects" / EXAMPLE_PROJECT / "baseline.yaml").read_bytes()
    done = pmcode("baseline", "save", "--project", EXAMPLE_PROJECT, "--name", "B1 - example plan", cwd=copy)
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith(f"unchanged projects/{EXAMPLE_PROJECT}/baseline.yaml: bac 46,804.00 USD")
    assert (copy / "projects" / EXAMPLE_PROJECT / "baseline.yaml").read_bytes() == before
    data = yaml.safe_load(before)
    assert (data["bac"], data["contingency"], data["name"]) == (46804.0, 4680.4, "B1 - example plan")
    assert sum(data["pv"].values()) == pytest.approx(46804.0)


def test_editor_settings_map_every_schema_to_the_files(made: Path) -> None:
    settings = json.loads((made / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping: dict[str, str | list[str]] = settings["yaml.schemas"]
    assert sorted(Path(schema).name for schema in mapping) == [s for s in SCHEMAS if s != "common.schema.json"]
    plan_files = [f for f in written(made) if f.startswith("projects/")]
    # Files named after their kind, or kept in a folder named after it.
    where = {"actuals": "/actuals/", "change": "/changes/CR-", "status": "/status/", "meeting": "meetings/"}
    covered = []
    for schema, patterns in mapping.items():
        assert (made / schema).is_file()
        kind = Path(schema).name.removesuffix(".schema.json")
        for pattern in [patterns] if isinstance(patterns, str) else patterns:
            matched = fnmatch.filter(plan_files, pattern)
            assert all(where.get(kind, kind) in m for m in matched), (schema, matched)
            covered.extend(matched)
    assert sorted(covered) == plan_files


def test_every_plan_file_names_its_schema(made: Path) -> None:
    for name in written(made):
        if name.startswith("projects/"):
            first = (made / name).read_text(encoding="utf-8").splitlines()[0]
            schema = first.removeprefix("# yaml-language-server: $schema=")
            assert ((made / name).parent / schema).resolve().is_file(), name


def test_the_site_builds(made: Path, tmp_path: Path) -> None:
    """What pages.yml runs, with the repository's own site project."""
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(made, copy)
    done = pmcode("site", "build", "projects", "-o", "public", cwd=copy)
    assert done.returncode == 0, done.stdout + done.stderr
    index = (copy / "public" / "index.html").read_text(encoding="utf-8")
    assert "Example IT portfolio" in index
    assert (copy / "public" / "assets" / "pmcode.css").is_file()


def test_refuses_a_non_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    done = pmcode("init", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == (
        f"Error: {tmp_path} is not empty: choose a new or empty directory, or use --force to write the scaffold "
        "into it (files of the same names are replaced, others are left alone)\n"
    )
    assert written(tmp_path) == ["notes.txt"]


def test_force_writes_into_a_non_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "README.md").write_text("old", encoding="utf-8")
    done = pmcode("init", "--force", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert written(tmp_path) == sorted([*FILES, "notes.txt"])
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (tmp_path / "README.md").read_bytes() == (TEMPLATES / "README.md").read_bytes()


def test_a_fresh_clone_counts_as_empty(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    init_repository(tmp_path)
    assert (tmp_path / "projects" / "portfolio.yaml").is_file()


def test_never_writes_through_a_symbolic_link(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    target = tmp_path / "target"
    target.mkdir()
    (target / "projects").symlink_to(outside, target_is_directory=True)
    done = pmcode("init", "--force", str(target), cwd=tmp_path)
    assert done.returncode == 2
    assert "not writing through the symbolic link" in done.stderr
    assert list(outside.iterdir()) == []


def test_refuses_a_file(tmp_path: Path) -> None:
    (tmp_path / "plans").write_text("", encoding="utf-8")
    done = pmcode("init", "plans", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.endswith("Error: Invalid value for '[DIRECTORY]': Directory 'plans' is a file.\n")


def test_the_wheel_ships_the_templates(tmp_path: Path) -> None:
    """Build the wheel (offline: the build backend itself), then run `pmcode init` from it: templates, schemas and
    the site's stylesheet come from the package data, not from this checkout."""
    built = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path / "dist")],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("pmcode-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "installed")
    for name in repository_files():
        if not name.startswith(("schemas/", "site/docs/assets/")):
            template = next(t for t in TEMPLATES.rglob("*") if t.is_file() and _target(t) == name)
            assert f"pmcode/scaffold/templates/{template.relative_to(TEMPLATES).as_posix()}" in names, name
    assert "pmcode/_data/site/pmcode.css" in names
    assert {f"pmcode/_data/schemas/{name}" for name in SCHEMAS} <= names
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "installed")}
    target = tmp_path / "plans"
    code = "import pmcode, sys; assert pmcode.__file__.startswith(sys.argv.pop(1)); from pmcode.cli import main; main()"
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "installed"), "init", str(target)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert written(target) == FILES
    assert run_pmcode("check", cwd=target).returncode == 0


def _target(template: Path) -> str:
    from pmcode.scaffold.files import target_name

    return target_name(template.relative_to(TEMPLATES).as_posix())


# --- pmcode new project ----------------------------------------------------------------------------------------------


@pytest.fixture
def repo(made: Path, tmp_path: Path) -> Path:
    import shutil

    copy = tmp_path / "repo"
    shutil.copytree(made, copy)
    return copy


def schedule(repo: Path) -> dict[str, Any]:
    done = pmcode("schedule", "--format", "json", cwd=repo)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    return {p["id"]: p for p in document["projects"]}


def test_new_project_validates_and_schedules(repo: Path) -> None:
    done = pmcode("new", "project", "crm-rollout", "--start", "2027-05-03", "--name", 'Phase 2: "go" #1', cwd=repo)
    assert done.returncode == 0, done.stderr
    wrote = done.stderr.splitlines()
    assert wrote[:2] == ["wrote projects/crm-rollout/project.yaml", "wrote projects/crm-rollout/budget.yaml"]
    assert "wrote projects/crm-rollout/quality.yaml" in wrote  # and the other record files
    checked = pmcode("validate", "--strict", cwd=repo)
    assert (checked.returncode, checked.stdout, checked.stderr) == (0, "", "ok: 0 errors, 0 warnings (2 projects)\n")
    project = yaml.safe_load((repo / "projects/crm-rollout/project.yaml").read_text(encoding="utf-8"))
    assert project["name"] == 'Phase 2: "go" #1'  # any name stays one string
    # Kick-off Monday 2027-05-03 09:00, then 2w = 10 working days: Friday 2027-05-14 17:00.
    planned = schedule(repo)["crm-rollout"]
    assert (planned["start"], planned["finish"]) == ("2027-05-03T09:00:00", "2027-05-14T17:00:00")
    assert (
        (repo / "projects/crm-rollout/project.yaml")
        .read_text()
        .startswith("# yaml-language-server: $schema=../../schemas/project.schema.json\n")
    )
    # `pmcode check` passes too: the only finding is the reminder to save a baseline.
    full = pmcode("check", cwd=repo)
    assert full.returncode == 0
    assert full.stdout == (
        "projects/crm-rollout/project.yaml:5:1: info PM520 no baseline: earned value needs one; "
        "run pmcode baseline save\n"
    )


def test_new_project_default_name_and_no_modeline_without_schemas_beside_the_root(tmp_path: Path) -> None:
    root = tmp_path / "plans"
    root.mkdir()
    (root / "portfolio.yaml").write_text("name: P\ncurrency: EUR\n", encoding="utf-8")
    done = pmcode("new", "project", "data_lake-2", "--root", "plans", "--start", "2027-01-04", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = (root / "data_lake-2" / "project.yaml").read_text(encoding="utf-8")
    assert text.startswith("#\n# Made by `pmcode new project`.")
    assert yaml.safe_load(text)["name"] == "Data lake 2"
    assert pmcode("validate", "plans", "--strict", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize(
    ("project_id", "message"),
    [
        ("website-refresh", "Error: project 'website-refresh' already exists in projects\n"),
        ("Website-Refresh", "Error: 'Website-Refresh' is not a project id"),
        ("_x", "Error: '_x' is not a project id"),
        ("../escape", "Error: '../escape' is not a project id"),
        ("a/b", "Error: 'a/b' is not a project id"),
        ("a" * 65, f"Error: '{'a' * 65}' is not a project id"),
        ("new\x1bproject", "Error: 'new\\x1bproject' is not a project id"),
    ],
)
def test_new_project_refuses(repo: Path, project_id: str, message: str) -> None:
    before = written(repo)
    done = pmcode("new", "project", project_id, "--start", "2027-05-03", cwd=repo)
    assert done.returncode == 2
    assert done.stderr.startswith(message)
    assert written(repo) == before


def test_new_project_refuses_a_case_clash(repo: Path) -> None:
    (repo / "projects" / "Legacy").mkdir()
    done = pmcode("new", "project", "legacy", cwd=repo)
    assert (done.returncode, done.stderr) == (
        2,
        "Error: 'legacy' differs from the existing 'Legacy' only in case: choose another id\n",
    )


def test_new_project_refuses_a_name_the_schema_refuses(repo: Path) -> None:
    done = pmcode("new", "project", "p3", "--name", "bad\x07name", cwd=repo)
    assert done.returncode == 2
    assert done.stderr.startswith("Error: cannot make p3/project.yaml: name: 'bad\\x07name' is not valid")
    assert not (repo / "projects" / "p3").exists()


@pytest.mark.parametrize(
    ("today", "monday"),
    [
        (date(2026, 12, 6), date(2026, 12, 7)),  # Sunday
        (date(2026, 12, 7), date(2026, 12, 7)),  # Monday: that day
        (date(2026, 12, 8), date(2026, 12, 14)),  # Tuesday
    ],
)
def test_default_start_is_the_next_monday(today: date, monday: date) -> None:
    assert next_monday(today) == monday
