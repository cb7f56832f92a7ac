"""Earning rules (percent, 0/100, 50/50, level of effort), roll-ups that recompute indices from sums, and the
month-by-month series."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from pmcode.evm import (
    EV_METHODS,
    Totals,
    earned_value,
    increments,
    monthly,
    roll_up,
    roll_up_paths,
    sum_through,
    task_totals,
)

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


def test_every_ev_method_the_schema_allows_is_implemented() -> None:
    schema = json.loads((SCHEMAS / "project.schema.json").read_text(encoding="utf-8"))
    allowed = schema["definitions"]["task"]["properties"]["ev_method"]["enum"]
    assert set(allowed) <= set(EV_METHODS)
    for method in allowed:
        earned_value(1000, 0.5, method)


@pytest.mark.parametrize(
    ("method", "fraction", "expected"),
    [
        ("percent", 0.0, 0.0),
        ("percent", 0.4, 400.0),
        ("percent", 1.0, 1000.0),
        ("0/100", 0.0, 0.0),
        ("0/100", 0.99, 0.0),
        ("0/100", 1.0, 1000.0),
        ("50/50", 0.0, 0.0),
        ("50/50", 0.01, 500.0),
        ("50/50", 0.9, 500.0),
        ("50/50", 1.0, 1000.0),
    ],
)
def test_earning_rules(method: str, fraction: float, expected: float) -> None:
    assert earned_value(1000, fraction, method) == pytest.approx(expected)


def test_started_and_finished_facts_override_the_fraction() -> None:
    assert earned_value(1000, 0.0, "50/50", started=True) == 500  # started (actual start), no progress reported
    assert earned_value(1000, 0.95, "0/100", finished=True) == 1000
    assert earned_value(1000, 1.0, "0/100", finished=False) == 0  # 100% reported but not accepted as finished
    assert earned_value(1000, 0.0, "50/50", finished=True) == 1000


def test_level_of_effort_earns_its_planned_value() -> None:
    assert earned_value(1000, 0.1, "loe", planned=420) == 420
    with pytest.raises(ValueError, match="planned value"):
        earned_value(1000, 0.1, "loe")


@pytest.mark.parametrize(
    ("budget", "fraction", "method", "message"),
    [
        (-1, 0.5, "percent", "budget"),
        (1000, 1.2, "percent", "between 0 and 100%"),
        (1000, -0.1, "percent", "between 0 and 100%"),
        (1000, float("nan"), "percent", "between 0 and 100%"),
        (1000, 0.5, "milestones", "unknown earning method"),
    ],
)
def test_bad_earning_inputs(budget: float, fraction: float, method: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        earned_value(budget, fraction, method)


def test_roll_up_recomputes_indices_from_sums_never_averages_them() -> None:
    a = Totals(bac=400, pv=200, ev=100, ac=200)  # CPI 0.5
    b = Totals(bac=600, pv=300, ev=300, ac=150)  # CPI 2.0
    total = roll_up([a, b])
    assert (total.bac, total.pv, total.ev, total.ac) == (1000, 500, 400, 350)
    cpi = total.indicators().cpi
    assert cpi == pytest.approx(400 / 350)
    assert cpi != pytest.approx((0.5 + 2.0) / 2)


def test_bottom_up_etc_adds_up_only_when_every_part_has_one() -> None:
    assert roll_up([Totals(etc=10), Totals(etc=5)]).etc == 15
    assert roll_up([Totals(etc=10), Totals()]).etc is None
    assert roll_up([]).etc is None


def test_task_totals_apply_the_earning_rule() -> None:
    totals = task_totals(1000, planned=600, actual=700, fraction=0.5, method="0/100", etc=300)
    assert totals == Totals(bac=1000, pv=600, ev=0, ac=700, etc=300)


def test_roll_up_paths_gives_every_summary_and_the_project() -> None:
    leaves = {
        "design": Totals(100, 100, 100, 90),
        "build.api": Totals(300, 200, 150, 180),
        "build.ui": Totals(200, 100, 50, 40),
    }
    sums = roll_up_paths(leaves)
    assert list(sums) == ["", "build", "build.api", "build.ui", "design"]
    assert sums["build"] == Totals(500, 300, 200, 220)
    assert sums[""] == Totals(600, 400, 300, 310)
    assert sums["design"] == leaves["design"]


# --- month by month: the PRA plan as monthly money (10/10/20/30/30 thousand), EV as of each month's actuals

PV_MONTHS = {"2027-01": 10000, "2027-02": 10000, "2027-03": 20000, "2027-04": 30000, "2027-05": 30000}
EV_CUMULATIVE = {"2027-01": 8000, "2027-02": 20000, "2027-03": 35000}
AC_MONTHS = {"2027-01": 9000, "2027-02": 12000, "2027-03": 15000}


def test_monthly_series_cumulative_and_current() -> None:
    periods = monthly(PV_MONTHS, increments(EV_CUMULATIVE), AC_MONTHS, bac=100000, through="2027-03")
    assert [p.month for p in periods] == ["2027-01", "2027-02", "2027-03"]
    march = periods[-1]
    assert (march.current.pv, march.current.ev, march.current.ac) == (20000, 15000, 15000)
    assert march.current.spi == pytest.approx(0.75) and march.current.cpi == pytest.approx(1.0)
    c = march.cumulative
    assert (c.pv, c.ev, c.ac) == (40000, 35000, 36000)  # the PRA example's figures
    es = c.earned_schedule
    assert es.es == pytest.approx(2.75) and es.at == 3 and es.pd == 5
    assert es.es_date == date(2027, 3, 31) and es.ieac_t_date == date(2027, 6, 30)
    january = periods[0].cumulative.earned_schedule
    assert january.es == pytest.approx(0.8) and january.at == 1  # 8,000 of the first month's 10,000
    document = march.to_json()
    assert set(document) == {"month", "current", "cumulative"}
    json.dumps(document, allow_nan=False)


def test_monthly_timeline_starts_with_the_first_money_of_any_kind() -> None:
    periods = monthly({"2027-02": 100}, {}, {"2026-12": 5}, bac=100, through="2027-02")
    assert [p.month for p in periods] == ["2026-12", "2027-01", "2027-02"]
    last = periods[-1].cumulative.earned_schedule
    assert last.pd == 3 and last.at == 3  # the plan's money lands in period 3 of this timeline


def test_monthly_allows_a_correction_but_not_a_negative_total() -> None:
    periods = monthly({"2027-01": 100}, {"2027-01": 50, "2027-02": -10}, {}, bac=100, through="2027-02")
    assert periods[-1].current.ev == -10 and periods[-1].cumulative.ev == 40
    with pytest.raises(ValueError, match="negative at the end of 2027-02"):
        monthly({"2027-01": 100}, {"2027-01": 50, "2027-02": -60}, {}, bac=100, through="2027-02")


def test_monthly_edges() -> None:
    assert monthly({"2027-05": 10}, {}, {}, bac=10, through="2027-04") == ()
    assert monthly({}, {}, {}, bac=10, through="2027-04") == ()
    for bad in ("2027-5", "0000-01", "2027-13", "27-01"):
        with pytest.raises(ValueError, match="not a month"):
            monthly({bad: 10}, {}, {}, bac=10, through="2027-06")


def test_bottom_up_etc_by_month() -> None:
    periods = monthly(PV_MONTHS, {}, {"2027-01": 10}, bac=100000, through="2027-02", etc_bottom_up={"2027-02": 1000})
    assert periods[0].cumulative.eac_bottom_up is None
    assert periods[1].cumulative.eac_bottom_up == 1010


def test_increments_and_sums() -> None:
    assert increments({"2027-03": 35, "2027-01": 8, "2027-02": 20}) == {"2027-01": 8, "2027-02": 12, "2027-03": 15}
    assert sum_through(PV_MONTHS, "2027-03") == 40000
    assert sum_through(PV_MONTHS, "2026-12") == 0
