"""Time-phasing by hand: linear by weight, resource-loaded by rate, the milestone and no-working-time fallbacks,
and `Phasing` on a real calendar (a holiday, a half day, a month boundary)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from test_cost_engine import planned, project_yaml

from pmcode.cost import Phasing, spread_by_day, spread_linear, spread_resource
from pmcode.cost.spread import elapsed_minutes_by_day

D = date


def test_linear_by_weight() -> None:
    weights = [(D(2027, 4, 29), 480.0), (D(2027, 4, 30), 240.0), (D(2027, 5, 3), 480.0)]
    assert spread_by_day(1200.0, weights, on=D(2027, 4, 29)) == [
        (D(2027, 4, 29), 480.0),
        (D(2027, 4, 30), 240.0),
        (D(2027, 5, 3), 480.0),
    ]
    assert spread_linear(1200.0, weights, on=D(2027, 4, 29)) == {"2027-04": 720.0, "2027-05": 480.0}


def test_without_weight_everything_lands_on_its_day() -> None:
    assert spread_by_day(500.0, [], on=D(2027, 4, 30)) == [(D(2027, 4, 30), 500.0)]
    assert spread_linear(500.0, [(D(2027, 5, 1), 0.0)], on=D(2027, 4, 30)) == {"2027-04": 500.0}


def test_resource_loaded_is_hours_times_the_rate_of_each_day() -> None:
    hours = [(D(2027, 6, 30), 8.0), (D(2027, 7, 1), 8.0), (D(2027, 7, 2), 4.0)]
    rate = {D(2027, 6, 30): 100.0}.get
    assert spread_resource(hours, lambda day: rate(day) or 120.0) == {"2027-06": 800.0, "2027-07": 1440.0}


def test_elapsed_minutes_cut_at_midnight() -> None:
    days = elapsed_minutes_by_day(datetime(2027, 1, 1, 18, 0), datetime(2027, 1, 3, 6, 0))
    assert days == [(D(2027, 1, 1), 360.0), (D(2027, 1, 2), 1440.0), (D(2027, 1, 3), 360.0)]


def test_phasing_on_a_calendar_with_a_holiday_and_a_short_friday(tmp_path: Path) -> None:
    calendars = """
        calendars:
          - id: office
            week: {fri: ["09:00-13:00"]}
            holidays: {dates: [2027-05-03]}
    """
    files = {
        "portfolio.yaml": "name: P\ncurrency: USD\ncalendar: office\n",
        "calendars.yaml": calendars,
        "erp/project.yaml": project_yaml("  - {id: a, name: A, duration: 1d}\n"),
    }
    portfolio, _ = planned(tmp_path, files)
    phasing = Phasing(portfolio)
    project = portfolio.projects["erp"]
    start, finish = datetime(2027, 4, 29, 9, 0), datetime(2027, 5, 4, 17, 0)
    # Thu 8 h, Fri 4 h (April); Mon 05-03 a holiday; Tue 8 h (May): 20 working hours
    assert phasing.weights(project, start, finish) == [
        (D(2027, 4, 29), 480.0),
        (D(2027, 4, 30), 240.0),
        (D(2027, 5, 4), 480.0),
    ]
    assert phasing.linear(project, 2000.0, start, finish) == {"2027-04": 1200.0, "2027-05": 800.0}
    assert phasing.linear_through(project, 2000.0, start, finish, D(2027, 4, 29)) == 800.0
    assert phasing.linear(project, 2000.0, finish, finish) == {"2027-05": 2000.0}  # a milestone: its day
