"""`pmcode risk` through click: formats, options, errors, determinism."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from test_risk_engine import build

from pmcode.cli import cli

PLAN = """name: ERP upgrade
start: 2027-01-04
tasks:
  - {id: design, name: Design, effort: 5d, assign: [alice], estimate: {min: 4d, likely: 5d, max: 9d}}
  - {id: build, name: Build, duration: 10d, depends: [design], estimate: {min: 10d, likely: 10d, max: 10d}}
  - {id: golive, name: Go-live, milestone: true, depends: [build], deadline: 2027-01-29}
"""
RAID = """risks:
  - {id: late, title: Late vendor, chance: 100%, cost: {min: 500, likely: 500, max: 500}}
"""
PEOPLE = "people:\n  - {id: alice, name: Alice, rate: 100}\n"


def _root(tmp_path: Path) -> Path:
    return build(tmp_path / "root", {"erp": PLAN}, PEOPLE, {"erp": RAID})


def test_json_has_percentiles_contingency_and_deadline_probability(tmp_path: Path) -> None:
    done = CliRunner().invoke(cli, ["risk", str(_root(tmp_path)), "--format", "json", "--iterations", "4000"])
    assert done.exit_code == 0, done.output
    document = json.loads(done.stdout)
    assert document["iterations"] == 4000 and document["seed"] == 1
    (erp,) = document["projects"]
    # design: 5d of effort at 100%, PERT(4, 5, 9) days; build: 10d exactly. Plan: 15 days, 2027-01-22 17:00.
    assert erp["finish"]["planned"] == "2027-01-22T17:00:00"
    assert erp["finish"]["p10"] <= erp["finish"]["p50"] <= erp["finish"]["p80"] <= erp["finish"]["p90"]
    # cost: alice 40 h x 100 = 4,000 planned; the certain risk adds 500 to every iteration, labor grows with effort
    assert erp["cost"]["planned"] == 4000.0
    assert erp["cost"]["p10"] >= 4000.0 + 500 - 0.2 * 4000
    assert erp["contingency"]["cost"] == round(erp["cost"]["p80"] - 4000.0, 2)
    (golive,) = erp["milestones"]
    assert golive["deadline"] == "2027-01-29" and 0.9 < golive["probability_on_time"] <= 1.0
    assert erp["drivers"] == ["design"]
    tasks = {t["path"]: t for t in erp["tasks"]}
    assert tasks["design"]["criticality"] == 1.0 and tasks["build"]["sensitivity"] is None


def test_same_seed_same_output_in_every_format(tmp_path: Path) -> None:
    root = str(_root(tmp_path))
    for output in ("table", "json", "markdown"):
        runs = [
            CliRunner().invoke(cli, ["risk", root, "--format", output, "--seed", "9", "--iterations", "500"])
            for _ in "ab"
        ]
        assert runs[0].exit_code == 0 and runs[0].stdout == runs[1].stdout
    table = CliRunner().invoke(cli, ["risk", root, "--iterations", "500"]).stdout
    assert "contingency at P80" in table and "golive:" in table and "500 iterations, seed 1" in table
    markdown = CliRunner().invoke(cli, ["risk", root, "--iterations", "500", "--format", "markdown"]).stdout
    assert markdown.startswith("# Schedule and cost risk") and "| finish |" in markdown


def test_unknown_project_bad_options_and_a_broken_plan(tmp_path: Path) -> None:
    root = _root(tmp_path)
    unknown = CliRunner().invoke(cli, ["risk", str(root), "--project", "erq"])
    assert unknown.exit_code == 2 and "did you mean 'erp'" in unknown.output
    assert CliRunner().invoke(cli, ["risk", str(root), "--iterations", "0"]).exit_code == 2
    assert CliRunner().invoke(cli, ["risk", str(root), "--seed", "-1"]).exit_code == 2
    (root / "erp" / "project.yaml").write_text(PLAN.replace("min: 4d, likely: 5d", "min: 6d, likely: 5d"))
    broken = CliRunner().invoke(cli, ["risk", str(root)])
    assert broken.exit_code == 1 and "PM250" in broken.stdout
