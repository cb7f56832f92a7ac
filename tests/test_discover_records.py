"""Where record files live (issue 7), and what is said about the ones that are misnamed or misplaced.

The layout is fixed: a file in the wrong place or with the wrong name is reported (PM012, PM014), never read as
something else or silently skipped. `meetings/` and `operations/` at the root hold records, so no project can take
those names.
"""

from __future__ import annotations

from pathlib import Path

from pmcode.load import FileKind, discover
from pmcode.load.documents import parse_text, split_front_matter


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


BASE = {"portfolio.yaml": "name: P\n", "erp/project.yaml": "name: ERP\n"}


def _kinds(root: Path) -> dict[str, FileKind]:
    return {f.file: f.kind for f in discover(root, "r").files}


def _findings(root: Path) -> list[tuple[str, str]]:
    return [(d.file, d.code) for d in discover(root, "r").diagnostics]


def test_every_record_file_is_found_with_its_kind(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            **BASE,
            "strategy.yaml": "",
            "quality.yaml": "",
            "meetings/2026-11-steerco.md": "---\ndate: 2026-11-18\n---\n",
            "meetings/2026-11-ops.yaml": "",
            "meetings/agenda.pdf": "",
            "operations/dr.yaml": "",
            "operations/security.yaml": "",
            "erp/requirements.yaml": "",
            "erp/raid.yaml": "",
            "erp/quality.yaml": "",
            "erp/changes/CR-007.yaml": "",
            "erp/status/2026-11-20.yaml": "",
            "erp/meetings/kick-off.md": "---\n---\n",
        },
    )
    kinds = _kinds(root)
    assert kinds == {
        "r/portfolio.yaml": FileKind.PORTFOLIO,
        "r/strategy.yaml": FileKind.STRATEGY,
        "r/quality.yaml": FileKind.QUALITY,
        "r/meetings/2026-11-ops.yaml": FileKind.MEETING,
        "r/meetings/2026-11-steerco.md": FileKind.MEETING,
        "r/operations/dr.yaml": FileKind.DR,
        "r/operations/security.yaml": FileKind.SECURITY,
        "r/erp/project.yaml": FileKind.PROJECT,
        "r/erp/requirements.yaml": FileKind.REQUIREMENTS,
        "r/erp/raid.yaml": FileKind.RAID,
        "r/erp/quality.yaml": FileKind.QUALITY,
        "r/erp/changes/CR-007.yaml": FileKind.CHANGE,
        "r/erp/status/2026-11-20.yaml": FileKind.STATUS,
        "r/erp/meetings/kick-off.md": FileKind.MEETING,
    }
    assert _findings(root) == []
    project_of = {f.file: f.project for f in discover(root, "r").files}
    assert project_of["r/erp/meetings/kick-off.md"] == "erp"
    assert project_of["r/meetings/2026-11-steerco.md"] is None
    assert discover(root, "r").projects == ("erp",)  # meetings/ and operations/ are not projects


def test_misnamed_record_files_are_reported_not_read(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            **BASE,
            "erp/changes/change-7.yaml": "",
            "erp/changes/CR-8.yml": "",
            "erp/status/2026-11-31.yaml": "",
            "erp/status/latest.yaml": "",
            "erp/raid.yml": "",
            "erp/risks.yaml": "",
            "operations/backups.yaml": "",
            "meetings/notes.yml": "",
        },
    )
    assert _kinds(root) == {"r/portfolio.yaml": FileKind.PORTFOLIO, "r/erp/project.yaml": FileKind.PROJECT}
    assert sorted(_findings(root)) == [
        ("r/erp/changes/CR-8.yml", "PM014"),
        ("r/erp/changes/change-7.yaml", "PM014"),
        ("r/erp/raid.yml", "PM012"),
        ("r/erp/risks.yaml", "PM012"),
        ("r/erp/status/2026-11-31.yaml", "PM014"),
        ("r/erp/status/latest.yaml", "PM014"),
        ("r/meetings/notes.yml", "PM014"),
        ("r/operations/backups.yaml", "PM012"),
    ]


def test_a_project_cannot_take_a_reserved_folder_name(tmp_path: Path) -> None:
    root = _tree(tmp_path, {**BASE, "operations/project.yaml": "name: Ops\n", "meetings/project.yaml": "name: M\n"})
    found = discover(root, "r")
    assert found.projects == ("erp",)
    assert sorted((d.file, d.code) for d in found.diagnostics) == [
        ("r/meetings/project.yaml", "PM014"),
        ("r/operations/project.yaml", "PM014"),
    ]
    assert all("reserved" in d.message for d in found.diagnostics)


def test_front_matter_keeps_the_file_positions() -> None:
    text = "---\ndate: 2026-11-18\ntitle: [unclosed\n---\n# Minutes\n"
    assert split_front_matter(text) == ("---\ndate: 2026-11-18\ntitle: [unclosed\n", "# Minutes\n")
    document, problems = parse_text(text.encode(), "meetings/m.md", FileKind.MEETING)
    assert document is None
    assert [(p.code, p.line) for p in problems][:1] == [("PM003", 3)]  # the line in the file
    document, problems = parse_text(b"---\ndate: 2026-11-18\n...\nMinutes <b>here</b>\n", "m.md", FileKind.MEETING)
    assert document is not None and not problems
    assert document.data == {"date": "2026-11-18"}
    assert document.body == "Minutes <b>here</b>\n"
    assert document.loc(("date",)).line == 2


def test_markdown_without_front_matter_is_pm015() -> None:
    for text in (b"# Minutes\n", b"---\ndate: 2026-11-18\n", b""):
        document, problems = parse_text(text, "meetings/m.md", FileKind.MEETING)
        assert document is None
        assert [(p.code, p.line, p.col) for p in problems] == [("PM015", 1, 1)]
