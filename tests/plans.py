"""Small portfolios written into temporary directories, for tests that need a plan on disk."""

from __future__ import annotations

import textwrap
from pathlib import Path

SMALL = {
    "portfolio.yaml": """
        name: Test portfolio
        currency: USD
        calendar: standard
        status_date: 2027-02-15
    """,
    "calendars.yaml": """
        calendars:
          - id: standard
            holidays: {country: US}
    """,
    "people.yaml": """
        roles:
          - {id: dev, rate: 90}
        people:
          - {id: alice, name: Alice Chen, role: dev}
          - {id: bob, name: Bob Stone, role: dev, units: 50%}
    """,
    "erp/project.yaml": """
        name: ERP upgrade
        start: 2027-01-04
        manager: alice
        tasks:
          - {id: design, name: Design, effort: 10d, assign: [alice, {person: bob, units: 50%}]}
          - {id: build, name: Build, duration: 15d, depends: [design]}
          - {id: migrate, name: Migrate, duration: 5d, depends: [{task: design, type: SS, lag: 2d}]}
          - {id: golive, name: Go-live, milestone: true, depends: [build, migrate], deadline: 2027-04-30}
    """,
}


def write_plan(root: Path, files: dict[str, str]) -> Path:
    """Write `files` (relative path -> YAML text, dedented) under `root`; returns root."""
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root
