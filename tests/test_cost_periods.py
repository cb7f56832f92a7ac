"""Months and fiscal years (named after the calendar year they end in), and hourly rates by day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from test_cost_engine import costed, planned, project_yaml

from pmcode.cost import FiscalYears, month_name, month_of, parse_month
from pmcode.cost.periods import first_day, last_day
from pmcode.cost.rates import Rates


@pytest.mark.parametrize(
    ("start", "month", "fiscal_year"),
    [
        ((1, 1), "2027-01", "FY2027"),
        ((1, 1), "2027-12", "FY2027"),
        ((4, 1), "2027-03", "FY2027"),  # FY2027 = 2026-04-01 .. 2027-03-31
        ((4, 1), "2027-04", "FY2028"),  # FY2028 = 2027-04-01 .. 2028-03-31
        ((4, 1), "2028-03", "FY2028"),
        ((7, 1), "2026-07", "FY2027"),  # FORMAT.md / portfolio.schema.json: FY2027 = 2026-07-01 .. 2027-06-30
        ((7, 1), "2027-06", "FY2027"),
        ((7, 15), "2026-07", "FY2027"),  # a mid-month start: the month it starts in is the year's first
        ((7, 15), "2026-06", "FY2026"),
        ((10, 1), "2026-12", "FY2027"),
    ],
)
def test_a_fiscal_year_is_named_after_the_year_it_ends_in(start: tuple[int, int], month: str, fiscal_year: str) -> None:
    years = FiscalYears(start)
    assert years.of_month(parse_month(month)) == fiscal_year
    first, last = years.months(fiscal_year)
    assert first <= parse_month(month) <= last and last - first == 11


def test_fiscal_year_months_and_grouping() -> None:
    years = FiscalYears((4, 1))
    assert [month_name(m) for m in years.months("FY2028")] == ["2027-04", "2028-03"]
    assert years.of_day(date(2027, 3, 31)) == "FY2027"
    grouped = years.group([(parse_month("2027-03"), 1.0), (parse_month("2027-04"), 2.0), (parse_month("2027-05"), 3.0)])
    assert grouped == {"FY2027": 1.0, "FY2028": 5.0}


def test_months() -> None:
    assert month_name(month_of(date(2027, 12, 31))) == "2027-12"
    assert month_name(parse_month("2027-01") - 1) == "2026-12"
    assert (first_day(parse_month("2028-02")), last_day(parse_month("2028-02"))) == (
        date(2028, 2, 1),
        date(2028, 2, 29),
    )


def test_rates_person_then_role_each_effective_dated(tmp_path: Path) -> None:
    people = """
        roles:
          - {id: dev, rate: 90, rates: [{from: 2027-02-01, rate: 95}]}
          - {id: later, rates: [{from: 2027-03-01, rate: 70}]}
        people:
          - {id: alice, name: Alice, role: dev, rate: 100, rates: [{from: 2027-07-01, rate: 120}]}
          - {id: bob, name: Bob, role: dev}
          - {id: dana, name: Dana, role: dev, rates: [{from: 2027-06-01, rate: 130}]}
          - {id: erin, name: Erin, role: later}
    """
    tasks = "  - {id: design, name: Design, duration: 1d}\n"
    portfolio, _ = planned(tmp_path, {"people.yaml": people, "erp/project.yaml": project_yaml(tasks)})
    rates = Rates(portfolio)
    expected = {
        ("alice", "2027-06-30"): 100.0,
        ("alice", "2027-07-01"): 120.0,
        ("bob", "2027-01-31"): 90.0,
        ("bob", "2027-02-01"): 95.0,
        ("dana", "2027-05-31"): 95.0,  # no rate of her own yet: the role's, effective-dated
        ("dana", "2027-06-01"): 130.0,
        ("erin", "2027-03-01"): 70.0,
    }
    for (person, day), rate in expected.items():
        assert rates.schedule(person).on(date.fromisoformat(day)) == rate, (person, day)
    assert rates.schedule("erin").on(date(2027, 2, 28)) is None
    assert rates.on("erin", date(2027, 2, 26), 8.0) == 0.0
    (finding,) = rates.findings()
    assert (finding.code, finding.severity.value) == ("PM501", "warning")
    assert finding.file.endswith("people.yaml") and finding.line == 8
    assert "'erin' has no hourly rate" in finding.message and "8.00 planned hours on 2027-02-26" in finding.message


def test_hours_without_a_rate_are_costed_at_zero_and_reported_once(tmp_path: Path) -> None:
    people = "people:\n  - {id: alice, name: Alice}\n"
    tasks = (
        "  - {id: a, name: A, effort: 2d, assign: [alice]}\n"
        "  - {id: b, name: B, effort: 1d, assign: [alice], depends: [a]}\n"
    )
    cost = costed(tmp_path, {"people.yaml": people, "erp/project.yaml": project_yaml(tasks)})
    assert cost.total == 0.0
    (finding,) = cost.findings
    assert finding.code == "PM501"
    assert finding.message == (
        "'alice' has no hourly rate (neither in people.yaml nor from a role): 24.00 planned hours of project 'erp' "
        "between 2027-01-04 and 2027-01-06 are costed at 0"
    )
