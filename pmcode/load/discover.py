"""Find the plan files under a portfolio root and say what kind each one is.

The layout is fixed (see FORMAT.md), so a misnamed file (`projet.yaml`, `actuals/feb.yaml`) is reported rather
than silently ignored. Symbolic links are never followed: a pull request must not make pmcode read outside the root.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

from pmcode.diagnostics import Diagnostic, Loc
from pmcode.text import did_you_mean, printable, quote

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}\Z")
_PERIOD = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])\Z")
MAX_FILES = 20000
_RENAME_YML = " (pmcode reads .yaml files: rename it to {name}.yaml)"


class FileKind(StrEnum):
    PORTFOLIO = "portfolio"
    CALENDARS = "calendars"
    PEOPLE = "people"
    PROJECT = "project"
    BUDGET = "budget"
    ACTUALS = "actuals"
    BASELINE = "baseline"
    # The rest of the job as data (pmcode.records): one kind per record file.
    REQUIREMENTS = "requirements"
    RAID = "raid"
    CHANGE = "change"
    STATUS = "status"
    MEETING = "meeting"
    QUALITY = "quality"
    DR = "dr"
    SECURITY = "security"
    STRATEGY = "strategy"

    @property
    def schema_file(self) -> str:
        return f"{self.value}.schema.json"


_ROOT_FILES = {
    "portfolio.yaml": FileKind.PORTFOLIO,
    "calendars.yaml": FileKind.CALENDARS,
    "people.yaml": FileKind.PEOPLE,
    "quality.yaml": FileKind.QUALITY,
    "strategy.yaml": FileKind.STRATEGY,
}
_PROJECT_FILES = {
    "project.yaml": FileKind.PROJECT,
    "budget.yaml": FileKind.BUDGET,
    "baseline.yaml": FileKind.BASELINE,
    "requirements.yaml": FileKind.REQUIREMENTS,
    "raid.yaml": FileKind.RAID,
    "quality.yaml": FileKind.QUALITY,
}
_OPERATIONS_FILES = {"dr.yaml": FileKind.DR, "security.yaml": FileKind.SECURITY}
# Folders at the root that hold portfolio-wide records, not projects: a project cannot take these names.
MEETINGS_DIR, OPERATIONS_DIR = "meetings", "operations"
RESERVED_FOLDERS = frozenset({MEETINGS_DIR, OPERATIONS_DIR})
_CHANGE = re.compile(r"CR-[A-Za-z0-9][A-Za-z0-9_-]{0,59}\Z")
_DAY = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])\Z")
_MEETING = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}\Z")


@dataclass(frozen=True)
class SourceFile:
    path: Path  # on disk
    file: str  # as shown in diagnostics: the root as the user gave it, then the relative path
    kind: FileKind
    project: str | None  # the project id (folder name) for project files


@dataclass(frozen=True)
class Discovered:
    files: tuple[SourceFile, ...]
    projects: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]


def display_path(prefix: str, *parts: str) -> str:
    joined = "/".join(parts)
    if not joined:  # the root itself
        return printable(prefix or ".")
    shown = joined if prefix in ("", ".") else f"{prefix.rstrip('/')}/{joined}"
    # A name may hold control characters or bytes that are not UTF-8: escaped, it can neither garble the terminal
    # nor fail to print.
    return printable(shown)


def _is_yaml(name: str) -> bool:
    return name.endswith((".yaml", ".yml"))


def _is_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _visible(entries: list[Path]) -> list[Path]:
    return sorted((e for e in entries if not e.name.startswith(".")), key=lambda e: e.name)


class _Walker:
    def __init__(self, root: Path, prefix: str) -> None:
        self.root = root
        self.prefix = prefix
        self.files: list[SourceFile] = []
        self.projects: list[str] = []
        self.diagnostics: list[Diagnostic] = []
        self.over_limit = False

    def shown(self, *parts: str) -> str:
        return display_path(self.prefix, *parts)

    def report(self, code: str, message: str, *parts: str) -> None:
        self.diagnostics.append(Diagnostic.at(Loc(self.shown(*parts)), code, message))

    def entries(self, folder: Path, *parts: str) -> list[Path] | None:
        """The visible entries of `folder`; None (and a finding) when it cannot be listed, e.g. without permission."""
        try:
            return _visible(list(folder.iterdir()))
        except OSError as error:
            self.report("PM011", f"cannot read folder: {error.strerror or error}", *parts)
            return None

    def safe(self, entry: Path, *parts: str) -> bool:
        """False (and a finding) for what must not be read: symbolic links and special files."""
        if entry.is_symlink():
            self.report("PM011", "symbolic links are not followed; commit the file itself", *parts)
            return False
        return True

    def add(self, entry: Path, kind: FileKind, project: str | None, *parts: str) -> None:
        if len(self.files) >= MAX_FILES:
            if not self.over_limit:
                self.report("PM011", f"more than {MAX_FILES} plan files; the rest are not read", *parts)
                self.over_limit = True
            return
        if not entry.is_file():
            self.report("PM011", "expected a file, found something else", *parts)
            return
        self.files.append(SourceFile(entry, self.shown(*parts), kind, project))

    def walk(self) -> None:
        names = set()
        entries = self.entries(self.root)
        if entries is None:
            return
        for entry in entries:
            names.add(entry.name)
            if not self.safe(entry, entry.name):
                continue
            if entry.name in _ROOT_FILES:
                self.add(entry, _ROOT_FILES[entry.name], None, entry.name)
            elif entry.name == MEETINGS_DIR and entry.is_dir():
                self.walk_meetings(entry, None)
            elif entry.name == OPERATIONS_DIR and entry.is_dir():
                self.walk_operations(entry)
            elif entry.is_dir():
                self.walk_project(entry)
            elif _is_yaml(entry.name):
                self.unrecognised(entry.name, _ROOT_FILES, "here")
        if "portfolio.yaml" not in names:
            self.report("PM013", "portfolio.yaml is missing: every portfolio root needs one", "portfolio.yaml")

    def walk_project(self, folder: Path) -> None:
        project = folder.name
        entries = self.entries(folder, project)
        if entries is None:
            return
        if not any(e.name == "project.yaml" for e in entries):
            if any(_is_yaml(e.name) or e.name == "actuals" for e in entries):
                hint = _RENAME_YML.format(name="project") if any(e.name == "project.yml" for e in entries) else ""
                message = f"project folder {quote(project)} has no project.yaml{hint}"
                self.report("PM013", message, project, "project.yaml")
            return  # a folder without plan files is not a project (e.g. assets)
        if not _ID.match(project):
            self.report(
                "PM014",
                f"project folder name {quote(project)} is not a valid id (letters, digits, '-', '_')",
                project,
                "project.yaml",
            )
            return
        self.projects.append(project)
        for entry in entries:
            if not self.safe(entry, project, entry.name):
                continue
            if entry.name in _PROJECT_FILES:
                self.add(entry, _PROJECT_FILES[entry.name], project, project, entry.name)
            elif entry.name == "actuals" and entry.is_dir():
                self.walk_actuals(entry, project)
            elif entry.name == "changes" and entry.is_dir():
                self.walk_named(
                    entry,
                    project,
                    FileKind.CHANGE,
                    _CHANGE,
                    "a change request file is named CR-<id>.yaml, e.g. CR-007.yaml",
                )
            elif entry.name == "status" and entry.is_dir():
                self.walk_named(
                    entry,
                    project,
                    FileKind.STATUS,
                    _DAY,
                    "a status report is named after its date, e.g. 2026-11-20.yaml",
                )
            elif entry.name == MEETINGS_DIR and entry.is_dir():
                self.walk_meetings(entry, project)
            elif _is_yaml(entry.name):
                self.unrecognised(
                    project + "/" + entry.name,
                    _PROJECT_FILES,
                    "or actuals/YYYY-MM.yaml, changes/CR-<id>.yaml, status/YYYY-MM-DD.yaml, meetings/<name>.md",
                )

    def walk_actuals(self, folder: Path, project: str) -> None:
        for entry in self.entries(folder, project, "actuals") or ():
            if not self.safe(entry, project, "actuals", entry.name) or not _is_yaml(entry.name):
                continue
            stem = entry.name.rsplit(".", 1)[0]
            if entry.name.endswith(".yaml") and _PERIOD.match(stem):
                self.add(entry, FileKind.ACTUALS, project, project, "actuals", entry.name)
            else:
                message = f"actuals file {quote(entry.name)} must be named after its period, e.g. 2027-02.yaml"
                if _PERIOD.match(stem):  # 2027-02.yml
                    message = f"actuals file {quote(entry.name)} is not read{_RENAME_YML.format(name=stem)}"
                self.report("PM014", message, project, "actuals", entry.name)

    def walk_named(self, folder: Path, project: str, kind: FileKind, pattern: re.Pattern[str], rule: str) -> None:
        """changes/CR-*.yaml, status/YYYY-MM-DD.yaml: a file whose name is its id."""
        where = folder.name
        for entry in self.entries(folder, project, where) or ():
            if not self.safe(entry, project, where, entry.name) or not _is_yaml(entry.name):
                continue
            stem = entry.name.rsplit(".", 1)[0]
            if kind is FileKind.STATUS and pattern.match(stem) and not _is_day(stem):
                self.report(
                    "PM014", f"{quote(entry.name)} is not read: {stem} is not a date", project, where, entry.name
                )
            elif entry.name.endswith(".yaml") and pattern.match(stem):
                self.add(entry, kind, project, project, where, entry.name)
            elif pattern.match(stem):  # CR-007.yml
                self.report(
                    "PM014",
                    f"{quote(entry.name)} is not read{_RENAME_YML.format(name=stem)}",
                    project,
                    where,
                    entry.name,
                )
            else:
                self.report("PM014", f"{quote(entry.name)} is not read: {rule}", project, where, entry.name)

    def walk_meetings(self, folder: Path, project: str | None) -> None:
        """meetings/*.md (YAML front matter and the minutes) or meetings/*.yaml, at the root or in a project."""
        parts = (project, MEETINGS_DIR) if project else (MEETINGS_DIR,)
        for entry in self.entries(folder, *parts) or ():
            if not self.safe(entry, *parts, entry.name):
                continue
            if project is None and entry.name == "project.yaml":
                message = f"{quote(MEETINGS_DIR)} is reserved for meeting records; rename the project folder"
                self.report("PM014", message, *parts, entry.name)
                continue
            stem, _, extension = entry.name.rpartition(".")
            if extension not in ("md", "yaml", "yml"):
                continue  # attachments, images: not records
            if extension == "yml":
                self.report(
                    "PM014", f"{quote(entry.name)} is not read{_RENAME_YML.format(name=stem)}", *parts, entry.name
                )
            elif not _MEETING.match(stem):
                message = f"meeting file name {quote(entry.name)} must be letters, digits, '.', '-' or '_'"
                self.report("PM014", message, *parts, entry.name)
            else:
                self.add(entry, FileKind.MEETING, project, *parts, entry.name)

    def walk_operations(self, folder: Path) -> None:
        """operations/dr.yaml and operations/security.yaml: the portfolio's disaster recovery and security."""
        entries = self.entries(folder, OPERATIONS_DIR) or []
        if any(e.name == "project.yaml" for e in entries):
            message = f"{quote(OPERATIONS_DIR)} is reserved for operations records; rename the project folder"
            self.report("PM014", message, OPERATIONS_DIR, "project.yaml")
        for entry in entries:
            if not self.safe(entry, OPERATIONS_DIR, entry.name):
                continue
            if entry.name in _OPERATIONS_FILES:
                self.add(entry, _OPERATIONS_FILES[entry.name], None, OPERATIONS_DIR, entry.name)
            elif _is_yaml(entry.name) and entry.name != "project.yaml":
                self.unrecognised(OPERATIONS_DIR + "/" + entry.name, _OPERATIONS_FILES, "in operations/")

    def unrecognised(self, relative: str, expected: Iterable[str], where: str) -> None:
        name = relative.rsplit("/", 1)[-1]
        # Compared without the extension, which every name shares: `fifo.yaml` is not close to `portfolio.yaml`.
        guess = did_you_mean(name.rsplit(".", 1)[0], [e.removesuffix(".yaml") for e in expected])
        hint = guess.strip(" ()").replace("'?", ".yaml'?") or f"expected one of {', '.join(sorted(expected))} {where}"
        if name.endswith(".yml"):
            hint = _RENAME_YML.format(name=name[:-4]).strip(" ()")
        self.report("PM012", f"unrecognised file, not read ({hint})", *relative.split("/"))


def discover(root: Path, prefix: str) -> Discovered:
    """All plan files under `root`, in a fixed order. `prefix` is how the root is shown in diagnostics."""
    walker = _Walker(root, prefix)
    walker.walk()
    return Discovered(tuple(walker.files), tuple(walker.projects), tuple(walker.diagnostics))
