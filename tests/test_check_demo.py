"""The demo portfolio's story, held by `pmcode check`: four projects, each in a known state.

- service-desk is healthy: no finding about its money or dates beyond explained variances;
- erp-upgrade is late: its UAT sign-off slips past the baseline and the deadline, SPI below the warn level;
- dr-site is over budget, with the variance explained in its actuals notes (warnings, no failure);
- endpoint-refresh breaches a threshold: October's licence spending is 10.6% over budget with no note, above the
  portfolio's `budget_variance_pct` fail level. `pmcode check` exits 1 and names the threshold and the line of the
  number; adding the explanatory note (or correcting the number) makes it exit 0.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pmcode.cli import cli

DEMO = Path(__file__).resolve().parent.parent / "projects"
OCTOBER = Path("endpoint-refresh") / "actuals" / "2026-10.yaml"


@pytest.fixture(scope="module")
def demo_output() -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", str(DEMO), "--format", "text"])
    return result.exit_code, result.output


def _lines(output: str, project: str) -> list[str]:
    return [line for line in output.splitlines() if f"/{project}/" in line]


def test_the_demo_fails_on_exactly_one_breach_naming_threshold_and_number(demo_output: tuple[int, str]) -> None:
    code, output = demo_output
    assert code == 1
    errors = [line for line in output.splitlines() if ": error " in line]
    assert len(errors) == 1, errors
    error = errors[0]
    # located at the licence invoice's line in the October actuals, naming the threshold and where it is set
    assert error.startswith(
        f"{DEMO}/{OCTOBER.as_posix()}:43:13: error PM535 2026-10 spent 50,400.00 USD on line 'licences'"
    )
    assert "(10.6% over)" in error
    assert error.endswith(f"above budget_variance_pct fail level 10 ({DEMO}/portfolio.yaml:22:40)")


def test_healthy_late_and_over_budget_projects_tell_their_story(demo_output: tuple[int, str]) -> None:
    _, output = demo_output
    healthy = _lines(output, "service-desk")
    assert not [line for line in healthy if any(code in line for code in ("PM530", "PM531", "PM540", "PM535"))]
    late = "\n".join(_lines(output, "erp-upgrade"))
    assert "warning PM530 milestone 'test.uat-signoff'" in late
    assert "warning PM540 SPI 0.94" in late
    assert "warning PM301 'deploy.golive'" in late
    over = "\n".join(_lines(output, "dr-site"))
    assert "warning PM540 CPI 0.93" in over
    assert "warning PM536" in over and "explained:" in over


def _copy_demo(tmp_path: Path) -> Path:
    root = tmp_path / "projects"
    shutil.copytree(DEMO, root)
    return root


def test_adding_the_explanatory_note_clears_the_failure(tmp_path: Path) -> None:
    root = _copy_demo(tmp_path)
    october = root / OCTOBER
    note = (
        "\nnotes:\n"
        "  - about: licences\n"
        "    text: Sentinel EDR was bought for 700 seats instead of 630 to cover the contractors' laptops.\n"
        "    action: CR-EPR-02 moves USD 4,830 from contingency.\n"
    )
    october.write_text(october.read_text(encoding="utf-8").rstrip("\n") + "\n" + note, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(root)])
    assert result.exit_code == 0, result.output
    assert "warning PM536 2026-10 spent 50,400.00 USD on line 'licences'" in result.output
    assert "explained: 'Sentinel EDR was bought for 700 seats" in result.output


def test_correcting_the_number_clears_the_failure(tmp_path: Path) -> None:
    root = _copy_demo(tmp_path)
    october = root / OCTOBER
    text = october.read_text(encoding="utf-8")
    assert "amount: 50400" in text
    october.write_text(text.replace("amount: 50400", "amount: 45570"), encoding="utf-8")  # the quoted price
    result = CliRunner().invoke(cli, ["check", str(root)])
    assert result.exit_code == 0, result.output
    assert "line 'licences'" not in result.output


AREAS = {  # issue 7: each records area's code range
    "requirements": range(600, 610),
    "RAID log": range(610, 620),
    "change control": range(620, 630),
    "status reports": range(630, 640),
    "meetings": range(640, 650),
    "quality and audits": range(650, 660),
    "disaster recovery and security": range(660, 680),
    "strategy": range(680, 690),
}
FINDING = re.compile(r"(?P<file>[^:]+):(?P<line>[0-9]+):(?P<col>[0-9]+): (?P<severity>\w+) PM(?P<code>[0-9]{3}) .+")


def test_every_records_area_has_a_finding_on_the_demo_at_a_position(demo_output: tuple[int, str]) -> None:
    """The demo shows each area at work: at least one finding from each, at file:line:col in the area's files."""
    _, output = demo_output
    found = [m for m in map(FINDING.fullmatch, output.splitlines()) if m]
    for area, codes in AREAS.items():
        mine = [m for m in found if int(m["code"]) in codes]
        assert mine, f"no finding from {area}"
        for match in mine:
            assert Path(match["file"]).is_file(), match.group(0)
            assert int(match["line"]) >= 1 and int(match["col"]) >= 1
            assert match["severity"] == "warning", match.group(0)  # the demo's one error stays PM535
