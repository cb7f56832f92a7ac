"""`pmcode evm`: the oracle examples typed in (../shared/oracle/evm/examples.json, numbers copied, sources cited in
tests/test_evm_indicators.py), the table and JSON forms, the guide's worked example, and bad input as usage errors."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from pmcode.cli import cli

REPO = Path(__file__).resolve().parents[1]
GUIDE = REPO / "site" / "docs" / "guide" / "earned-value.md"
PRA = ["--bac", "100000", "--ev", "35000", "--ac", "36000", "--pv-series", "0.1,0.2,0.4,0.7,1", "--pv-fractions"]


def evm(*options: str) -> Result:
    return CliRunner().invoke(cli, ["evm", *options])


def evm_json(*options: str) -> dict[str, Any]:
    result = evm(*options, "--format", "json")
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_pra_example() -> None:
    # R package PRA (tests/testthat/test-evm.R): BAC 100000, plan 0.1/0.2/0.4/0.7/1.0, period 3, 35% done, AC 36000.
    d = evm_json(*PRA, "--at", "3")
    assert (d["pv"], d["ev"], d["ac"], d["sv"], d["cv"]) == (40000, 35000, 36000, -5000, -1000)
    assert d["spi"] == 0.875
    assert d["cpi"] == pytest.approx(0.9722222, abs=1e-6)
    assert d["earned_schedule"]["es"] == 2.75


def test_pra_extra_cases() -> None:
    assert evm_json("--bac", "100000", "--pv", "100", "--ev", "83", "--ac", "100")["eac"]["cpi"] == 120481.93
    d = evm_json("--bac", "100000", "--pv", "40000", "--ev", "35000", "--ac", "63000", "--eac-method", "budget_rate")
    assert d["eac"]["budget_rate"] == 128000 and d["eac"]["primary"] == 128000 and d["etc"] == 65000
    d = evm_json("--bac", "100000", "--pv", "40000", "--ev", "35000", "--ac", "42168.6746987952")  # CPI 0.83
    assert d["cpi"] == pytest.approx(0.83, abs=1e-6) and d["etc"] == 78313.25


def test_hksm_tcpi() -> None:
    d = evm_json(
        "--bac", "1000000", "--pv", "500000", "--ev", "400000", "--ac", "500000",
        "--etc", "600000", "--eac-method", "bottom_up",
    )  # fmt: skip
    assert (d["tcpi_bac"], d["tcpi_eac"], d["eac"]["primary"]) == (1.2, 1.0, 1100000)


def test_hksm_known_bad_case() -> None:
    d = evm_json("--bac", "2000000", "--pv", "1000000", "--ev", "900000", "--ac", "1050000")
    assert round(d["tcpi_bac"], 4) == 1.1579  # not the answer key's 1.11
    result = evm("--bac", "2000000", "--pv", "1000000", "--ev", "900000", "--ac", "1050000")
    assert re.search(r"TCPI +\(BAC - EV\) / \(BAC - AC\) +1\.1579 ", result.stdout)


def test_simplilearn_bottom_up() -> None:
    # EV 9166.67 is the article's: percent complete = AC / bottom-up EAC (see test_evm_indicators.py for why
    # pmcode's default rule, physical percent complete, differs).
    d = evm_json(
        "--bac", "10000", "--pv", "10000", "--ev", "9166.67", "--ac", "11000",
        "--etc", "1000", "--eac-method", "bottom_up",
    )  # fmt: skip
    assert (d["eac"]["primary"], d["etc"], d["vac"], d["sv"], d["cv"]) == (12000, 1000, -2000, -833.33, -1833.33)
    assert round(d["spi"], 4) == 0.9167 and round(d["cpi"], 4) == 0.8333


def test_earned_schedule_examples() -> None:
    # PrepCast forum: planned 5 months, 3 months in, half done -> SV(t) -0.5 months, SPI(t) 0.83.
    d = evm_json("--bac", "100", "--ev", "50", "--ac", "50", "--pv-series", "20,40,60,80,100", "--at", "3")
    assert d["pv"] == 60 and d["earned_schedule"]["sv_t"] == -0.5 and round(d["earned_schedule"]["spi_t"], 2) == 0.83
    # MPUG: 10 months planned, finished in 12 at $1.3M: SV 0 and SPI 1 but SV(t) -2 months.
    series = ",".join(str(100000 * k) for k in (*range(1, 11), 10, 10))
    d = evm_json("--bac", "1000000", "--ev", "1000000", "--ac", "1300000", "--pv-series", series, "--at", "12")
    assert (d["sv"], d["spi"], d["cv"]) == (0, 1.0, -300000)
    assert (d["earned_schedule"]["es"], d["earned_schedule"]["sv_t"]) == (10, -2)


def test_json_contract_and_null_reasons() -> None:
    d = evm_json("--bac", "100", "--pv", "0", "--ev", "0", "--ac", "0")
    assert set(d) == {
        "bac", "pv", "ev", "ac", "sv", "cv", "spi", "cpi", "sv_pct", "cv_pct", "eac", "etc", "vac", "tcpi_bac",
        "tcpi_eac", "earned_schedule", "reasons",
    }  # fmt: skip
    assert d["spi"] is None and d["reasons"]["spi"] == "PV is 0"
    assert d["cpi"] is None and d["reasons"]["cpi"] == "AC is 0"
    assert d["earned_schedule"]["es"] is None and d["reasons"]["earned_schedule.es"] == "no PV series given"


def test_json_is_sorted_and_stable() -> None:
    first = evm(*PRA, "--at", "3", "--format", "json").stdout
    assert first == evm(*PRA, "--at", "3", "--format", "json").stdout
    assert first == json.dumps(json.loads(first), indent=2, sort_keys=True) + "\n"
    assert "NaN" not in first and "Infinity" not in first


def test_table_labels_the_sign_convention_and_shows_reasons() -> None:
    result = evm("--bac", "100", "--pv", "50", "--ev", "60", "--ac", "0")
    assert result.exit_code == 0
    out = result.stdout
    assert "positive variances are favourable" in out
    assert re.search(r"SV +EV - PV +10\.00  ahead of schedule", out)
    assert re.search(r"CV +EV - AC +60\.00  under budget", out)
    assert re.search(r"CPI +EV / AC +n/a  AC is 0", out)
    assert "Earned schedule: n/a (no PV series given)" in out


def test_table_columns_are_aligned() -> None:
    rows = [line for line in evm(*PRA, "--at", "3", "--first-month", "2027-01").stdout.splitlines() if line[:2] == "  "]
    end = 2 + 8 + 30 + 16  # indent, code, formula, value (right-aligned)
    assert len(rows) == 26
    for row in rows:
        assert row[end - 1] != " " and row[end : end + 2] in ("", "  "), row


def test_pv_comes_from_the_series_or_must_agree_with_it() -> None:
    assert evm_json(*PRA, "--at", "2.5")["pv"] == 30000  # linear within period 3
    assert evm_json(*PRA, "--at", "3", "--pv", "40000")["pv"] == 40000
    assert evm_json(*PRA, "--at", "2.5", "--pv", "31000")["pv"] == 31000  # mid-period: the typed PV is trusted


def test_dates_with_first_month() -> None:
    es = evm_json(*PRA, "--at", "3", "--first-month", "2027-11")["earned_schedule"]
    assert (es["es_date"], es["ieac_t_date"]) == ("2028-01-31", "2028-04-30")
    d = evm_json("--bac", "10", "--ev", "5", "--ac", "5", "--pv-series", "10", "--at", "1", "--first-month", "9999-12")
    assert d["earned_schedule"]["es_date"] == "9999-12-31" and d["earned_schedule"]["ieac_t_date"] is None
    assert d["reasons"]["earned_schedule.ieac_t_date"] == "IEAC(t) falls after the year 9999"


FIGURES = ["--bac", "10", "--ev", "1", "--ac", "1"]
WITH_PV = [*FIGURES, "--pv", "1"]
WITH_SERIES = [*FIGURES, "--pv-series", "5,10", "--at", "1"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--bac", "abc", "--pv", "1", "--ev", "1", "--ac", "1"], "Invalid value for '--bac': 'abc' is not a number"),
        (["--bac", "10", "--pv", "1", "--ev", "-1", "--ac", "1"], "Invalid value for '--ev': -1 is negative"),
        (["--bac", "10", "--pv", "1", "--ev", "1", "--ac", "inf"], "'inf' is not a finite number"),
        (["--bac", "10", "--pv", "nan", "--ev", "1", "--ac", "1"], "'nan' is not a finite number"),
        (["--bac", "1e16", "--pv", "1", "--ev", "1", "--ac", "1"], "is more than 1e+15"),
        (FIGURES, "--pv is required"),
        ([*WITH_PV, "--at", "2"], "--pv-series and --at go together"),
        ([*FIGURES, "--pv-series", "5,10"], "--pv-series and --at go together"),
        ([*FIGURES, "--pv-series", "5,10", "--at", "3"], "AT 3 is beyond the PV series"),
        ([*FIGURES, "--pv-series", "5,10", "--at", "-1"], "-1 is negative"),
        ([*FIGURES, "--pv-series", "5,x,10", "--at", "1"], "value 2: 'x' is not a number"),
        ([*FIGURES, "--pv-series", "6,5,10", "--at", "1"], "must be cumulative"),
        ([*FIGURES, "--pv-series", "5,9", "--at", "1"], "ends at BAC (10)"),
        ([*FIGURES, "--pv-series", "0.5,2", "--pv-fractions", "--at", "1"], "above 1"),
        ([*FIGURES, "--pv-series", "0.5,0.9", "--pv-fractions", "--at", "1"], "ends at 1"),
        ([*FIGURES, "--pv-series", ",".join(["10"] * 10001), "--at", "1"], "at most 10000"),
        ([*WITH_PV, "--pv-fractions"], "--pv-series, which is missing"),
        ([*WITH_PV, "--first-month", "2027-01"], "--pv-series, which is missing"),
        ([*WITH_SERIES, "--pv", "4"], "not the PV series"),
        ([*WITH_PV, "--eac-method", "bottom_up"], "needs --etc"),
        ([*WITH_PV, "--eac-method", "average"], "Invalid value"),
        ([*WITH_SERIES, "--first-month", "2027-13"], "'2027-13' is not a month"),
        ([*WITH_SERIES, "--first-month", "9999-12"], "end after 9999"),
    ],
)
def test_bad_input_is_a_usage_error(options: list[str], message: str) -> None:
    result = evm(*options)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output


def guide_block(after: str) -> str:
    """The fenced block that follows the line `after` in the guide."""
    text = GUIDE.read_text(encoding="utf-8")
    start = text.index(after)
    opening = text.index("```", start)
    body = text.index("\n", opening) + 1
    return text[body : text.index("```", body)]


GUIDE_COMMAND = "pmcode evm --bac 100000 --ev 35000 --ac 36000 --pv-series 0.1,0.2,0.4,0.7,1 --pv-fractions --at 3 --first-month 2027-01"  # noqa: E501


def test_the_guide_shows_what_the_command_prints() -> None:
    options = GUIDE_COMMAND.split()[2:]
    assert f"$ {GUIDE_COMMAND}\n" in GUIDE.read_text(encoding="utf-8")
    assert guide_block("<!-- evm-table -->") == f"$ {GUIDE_COMMAND}\n" + evm(*options).stdout
    assert guide_block("<!-- evm-json -->") == evm(*options, "--format", "json").stdout
