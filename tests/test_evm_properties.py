"""Properties of the earned-value indicators over random figures: the algebra holds, earned schedule agrees with the
plan when the work follows it, and nothing NaN or infinite ever reaches the JSON."""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pmcode.evm import PlannedSeries, Totals, compute_indicators, monthly, roll_up

amounts = st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False)
any_amounts = st.floats(min_value=0, allow_nan=False, allow_infinity=False)  # up to the largest float
steps = st.lists(st.one_of(st.just(0.0), st.floats(min_value=0.01, max_value=1e7)), min_size=1, max_size=36)


def cumulate(increments: list[float]) -> list[float]:
    out, running = [], 0.0
    for step in increments:
        running += step
        out.append(running)
    return out


@given(bac=amounts, ev=amounts.filter(lambda v: v > 0), ac=amounts.filter(lambda v: v > 0), pv=amounts)
def test_eac_by_cpi_times_cpi_is_bac(bac: float, ev: float, ac: float, pv: float) -> None:
    i = compute_indicators(bac, pv, ev, ac)
    if i.eac_cpi is not None and i.cpi is not None:
        assert math.isclose(i.eac_cpi * i.cpi, bac, rel_tol=1e-9, abs_tol=1e-9)


@given(pv=any_amounts, ev=any_amounts, ac=any_amounts)
def test_sv_is_zero_exactly_when_ev_equals_pv(pv: float, ev: float, ac: float) -> None:
    i = compute_indicators(max(pv, ev), pv, ev, ac)
    assert (i.sv == 0) == (ev == pv)
    assert (i.cv == 0) == (ev == ac)


@given(steps=steps, data=st.data())
def test_ev_equal_to_the_plan_at_every_period_gives_es_equal_to_at(steps: list[float], data: st.DataObject) -> None:
    cumulative = cumulate(steps)
    series = PlannedSeries.of(cumulative, 0)
    for at in range(len(cumulative) + 1):
        ev = cumulative[at - 1] if at else 0.0
        es = PlannedSeries.of(cumulative, at).earned_schedule(ev)
        assert es == min(at, series.planned_duration)
    fraction = data.draw(st.floats(min_value=0, max_value=len(cumulative)))
    within = PlannedSeries.of(cumulative, fraction)
    expected = min(fraction, series.planned_duration)
    # Mid-period, EV - PV_C cancels: a tiny month after a large total loses digits (1e-5 periods at worst here).
    assert math.isclose(within.earned_schedule(within.planned_at(fraction)), expected, abs_tol=1e-5)


@given(steps=steps, ev=amounts, data=st.data())
def test_earned_schedule_stays_within_the_plan_and_grows_with_ev(
    steps: list[float], ev: float, data: st.DataObject
) -> None:
    cumulative = cumulate(steps)
    at = data.draw(st.floats(min_value=0, max_value=len(cumulative)))
    series = PlannedSeries.of(cumulative, at)
    es = series.earned_schedule(ev)
    assert 0 <= es <= series.planned_duration
    more = data.draw(amounts)
    assert series.earned_schedule(ev + more) >= es - 1e-9


def finite_everywhere(value: Any) -> bool:
    if isinstance(value, dict):
        return all(finite_everywhere(v) for v in value.values())
    if isinstance(value, float):
        return math.isfinite(value)
    return value is None or isinstance(value, (str, int))


@given(
    bac=any_amounts,
    pv=any_amounts,
    ev=any_amounts,
    ac=any_amounts,
    etc=st.none() | any_amounts,
    method=st.sampled_from(["cpi", "budget_rate", "cpi_spi", "bottom_up"]),
    steps=st.none() | steps,
    data=st.data(),
)
@settings(max_examples=300)
def test_no_nan_or_infinity_ever_reaches_json(
    bac: float, pv: float, ev: float, ac: float, etc: float | None, method: str, steps: list[float] | None,
    data: st.DataObject,
) -> None:  # fmt: skip
    series = None
    if steps is not None:
        cumulative = cumulate(steps)
        series = PlannedSeries.of(cumulative, data.draw(st.floats(min_value=0, max_value=len(cumulative))))
    document = compute_indicators(bac, pv, ev, ac, etc_bottom_up=etc, eac_method=method, series=series).to_json()
    json.dumps(document, allow_nan=False)
    assert finite_everywhere(document)
    nulls = {k for k, v in document.items() if v is None} | {
        f"{group}.{k}" for group in ("eac", "earned_schedule") for k, v in document[group].items() if v is None
    }
    assert nulls == set(document["reasons"])


@given(st.lists(st.tuples(amounts, amounts, amounts, amounts), min_size=1, max_size=8))
def test_roll_up_indices_come_from_sums(parts: list[tuple[float, float, float, float]]) -> None:
    total = roll_up(Totals(*p) for p in parts)
    cpi = total.indicators().cpi
    ev, ac = math.fsum(p[2] for p in parts), math.fsum(p[3] for p in parts)
    if ac == 0 or not math.isfinite(ev / ac):
        assert cpi is None  # AC is 0, or the ratio is too large for a float
    else:
        assert cpi is not None and math.isclose(cpi, ev / ac, rel_tol=1e-12)


@given(st.lists(st.tuples(amounts, amounts, amounts), min_size=1, max_size=24))
@settings(max_examples=50)
def test_monthly_cumulative_figures_are_running_sums(months: list[tuple[float, float, float]]) -> None:
    names = [f"{2027 + k // 12}-{k % 12 + 1:02d}" for k in range(len(months))]
    pv, ev, ac = ({n: m[j] for n, m in zip(names, months, strict=True)} for j in range(3))
    periods = monthly(pv, ev, ac, bac=math.fsum(pv.values()), through=names[-1])
    assert len(periods) <= len(months)
    for period in periods:
        json.dumps(period.to_json(), allow_nan=False)
    if periods:
        last = periods[-1].cumulative
        assert math.isclose(last.ac, math.fsum(ac.values()), rel_tol=1e-9, abs_tol=1e-6)
