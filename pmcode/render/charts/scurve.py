"""The S-curve: cumulative planned value, earned value and actual cost by month, with BAC and the EAC projection.

Each value is cumulative at its month's end, drawn at the month's right edge (the left edge of the first month is
zero). EV and AC stop at the status month; the EAC projection runs, dashed, from the last AC point to the EAC at
the end of the forecast finish month. Lines differ by dash pattern and marker (circle, square, triangle) as well as
colour.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pmcode.evm.months import parse_month
from pmcode.render.charts.svg import MONTHS, amount, chart_id, finite, legend, num, render

LEFT = 96.0
TOP = 20.0
BOTTOM_AXIS = 44.0
RIGHT_PAD = 70.0
LABEL_MIN_PX = 44.0  # room for a month label
LEGEND = (("pv", "Planned value (PV)"), ("ev", "Earned value (EV)"), ("ac", "Actual cost (AC)"))


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float
    title: str


@dataclass(frozen=True, slots=True)
class Series:
    kind: str
    path: str
    points: tuple[Point, ...]


@dataclass(frozen=True, slots=True)
class AxisLabel:
    at: float
    label: str


def nice_step(top: float, count: int = 5) -> float:
    """A round step (1, 2, 2.5 or 5 x 10^k) giving about `count` intervals up to `top`."""
    if top <= 0:
        return 1.0
    raw = top / count
    power = 10.0 ** math.floor(math.log10(raw))
    return float(next(f * power for f in (1.0, 2.0, 2.5, 5.0, 10.0) if f * power >= raw))


def scurve_svg(
    months: Sequence[str],
    pv: Sequence[float],
    ev: Sequence[float | None],
    ac: Sequence[float | None],
    *,
    bac: float,
    eac: float | None,
    status_month: str | None,
    currency: str,
    forecast_finish: str | None = None,
    width: int = 760,
    height: int = 360,
) -> str:
    """The S-curve of cumulative `pv`, `ev` and `ac` per month of `months` (YYYY-MM, consecutive). EV and AC are
    drawn through `status_month` only (None values are skipped); `forecast_finish` (default: the last month) is
    where the EAC projection ends."""
    count = max(len(months), 1)
    plot_width = width - LEFT - RIGHT_PAD
    plot_height = height - TOP - BOTTOM_AXIS
    values = [float(v) for v in (*pv, *ev, *ac, bac, eac) if v is not None and math.isfinite(v)]
    highest = max([*values, 0.0]) * 1.05
    step = nice_step(highest)
    top_value = step * max(math.ceil(highest / step), 1)

    def x_of(index: int) -> float:  # the end of month `index`; -1: the start of the first month
        return LEFT + (index + 1) / count * plot_width

    def y_of(value: float) -> float:
        return TOP + plot_height - value / top_value * plot_height

    last = _index(months, status_month) if status_month is not None else len(months) - 1
    series = [
        _series("pv", "PV", months, pv, len(months) - 1, x_of, y_of, currency),
        _series("ev", "EV", months, ev, last, x_of, y_of, currency),
        _series("ac", "AC", months, ac, last, x_of, y_of, currency),
    ]
    projection = None
    ac_points = series[2].points
    if eac is not None and finite(eac) and ac_points:
        end = _index(months, forecast_finish) if forecast_finish is not None else len(months) - 1
        start = ac_points[-1]
        projection = f"M{num(start.x)},{num(start.y)}L{num(x_of(max(end, 0)))},{num(y_of(eac))}"
    entries = list(LEGEND)
    if projection:
        entries.append(("eac", f"EAC projection ({amount(eac or 0)})"))
    entries.append(("bac", f"BAC ({amount(bac)})"))
    items, legend_height = legend(entries, 8.0, width)
    every = max(math.ceil(LABEL_MIN_PX / (plot_width / count)), 1)
    return render(
        "scurve.svg.j2",
        "scurve",
        id=chart_id("scurve", tuple(months), tuple(pv), tuple(ev), tuple(ac), bac, eac, status_month),
        width=width,
        height=height + legend_height + 6,
        left=LEFT,
        top=TOP,
        plot_right=LEFT + plot_width,
        plot_bottom=TOP + plot_height,
        series=series,
        projection=projection,
        bac_y=y_of(bac) if finite(bac) else None,
        bac_label=f"BAC {amount(bac)}",
        status_x=x_of(last) if status_month is not None and last >= 0 else None,
        status_label=f"Status {status_month}" if status_month else "",
        y_labels=[AxisLabel(y_of(step * k), amount(step * k)) for k in range(round(top_value / step) + 1)],
        x_labels=[
            AxisLabel(x_of(i) - plot_width / count / 2, _month_label(m, i == 0))
            for i, m in enumerate(months)
            if i % every == 0
        ],
        currency=currency,
        title="S-curve: planned value, earned value and actual cost",
        desc=_description(months, pv, ev, ac, last, bac, eac, currency),
        legend=items,
        legend_y=height + 4,
    )


def _index(months: Sequence[str], month: str | None) -> int:
    """The position of `month` in `months`, counted from the first month when it is not listed."""
    if month is None or not months:
        return len(months) - 1
    if month in months:
        return list(months).index(month)
    try:
        return min(max(parse_month(month) - parse_month(months[0]), -1), len(months) - 1)
    except ValueError:
        return len(months) - 1


def _month_label(month: str, first: bool) -> str:
    try:
        index = parse_month(month)
    except ValueError:
        return month
    year, number = divmod(index, 12)
    return f"{MONTHS[number]} {year}" if first or number == 0 else MONTHS[number]


def _series(
    kind: str,
    name: str,
    months: Sequence[str],
    values: Sequence[float | None],
    last: int,
    x_of: Callable[[int], float],
    y_of: Callable[[float], float],
    currency: str,
) -> Series:
    points = [Point(x_of(-1), y_of(0.0), "")]
    for index, (month, value) in enumerate(zip(months, values, strict=False)):
        if index > last or value is None or not finite(value):
            continue
        points.append(Point(x_of(index), y_of(value), f"{name} at the end of {month}: {amount(value)} {currency}"))
    path = "M" + "L".join(f"{num(p.x)},{num(p.y)}" for p in points) if len(points) > 1 else ""
    return Series(kind, path, tuple(points[1:]))


def _description(
    months: Sequence[str],
    pv: Sequence[float],
    ev: Sequence[float | None],
    ac: Sequence[float | None],
    last: int,
    bac: float,
    eac: float | None,
    currency: str,
) -> str:
    text = f"Cumulative cost in {currency}"
    if months:
        text += f" from {months[0]} to {months[-1]}"
    if 0 <= last < len(months):
        figures = [
            f"{name} {amount(value)}"
            for name, series in (("PV", pv), ("EV", ev), ("AC", ac))
            if last < len(series) and (value := series[last]) is not None
        ]
        if figures:
            text += f". At the end of {months[last]}: " + ", ".join(figures)
    text += f". Budget at completion {amount(bac)}"
    if eac is not None and finite(eac):
        text += f"; estimate at completion {amount(eac)}"
    return text + "."
