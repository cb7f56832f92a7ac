"""Risk charts: the distribution of simulated finish dates and costs, and the tornado of task sensitivities.

`finish_distribution_svg(days, p50=..., p80=..., planned=..., deadline=...)` and
`cost_distribution_svg(costs, p50=..., p80=..., planned=..., currency=...)` draw a histogram of the samples
(bars, left axis: share of iterations) with the cumulative curve (right axis: 0-100 %) and vertical markers for
P50, P80, the deterministic plan and the deadline; each marker has its own dash pattern and a text label, so
meaning never rests on colour. `tornado_svg(rows)` draws each task's rank correlation with the project finish as a
bar left or right of zero, strongest first, the top 10. Same conventions as the other charts (svg.py).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pmcode.render.charts.svg import amount, chart_id, clip, day_label, isolate, legend, num, render
from pmcode.risk import TaskRisk

WIDTH = 760
HEIGHT = 300
LEFT = 70.0
RIGHT_PAD = 60.0
TOP = 20.0
BOTTOM_AXIS = 44.0
BINS = 20
TORNADO_ROWS = 10
TORNADO_LABEL = 220.0
ROW = 22.0
MARKER_DASH = {"p50": "6 3", "p80": "2 3", "plan": "none", "deadline": "10 3 2 3"}
MARKER_CLASS = {"p50": "ev", "p80": "ac", "plan": "bac", "deadline": "eac"}


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    title: str


@dataclass(frozen=True, slots=True)
class Marker:
    kind: str
    css: str
    dash: str
    x: float
    label: str


@dataclass(frozen=True, slots=True)
class Tick:
    at: float
    label: str


def finish_distribution_svg(
    days: Sequence[date], *, p50: date, p80: date, planned: date | None = None, deadline: date | None = None
) -> str:
    """Histogram and cumulative curve of simulated finish `days`, one per iteration."""
    marks = [("p50", "P50", p50), ("p80", "P80", p80), ("plan", "Plan", planned), ("deadline", "Deadline", deadline)]
    markers = [(kind, name, float(d.toordinal()), f"{name} {day_label(d)}") for kind, name, d in marks if d]
    return _distribution(
        "risk-finish",
        [float(d.toordinal()) for d in days],
        markers,
        lambda v: day_label(date.fromordinal(round(v))),
        title="Simulated project finish: distribution and cumulative probability",
        axis="Finish date",
        whole=True,
    )


def cost_distribution_svg(
    costs: Sequence[float], *, p50: float, p80: float, planned: float | None = None, currency: str = ""
) -> str:
    """Histogram and cumulative curve of simulated project `costs`, one per iteration."""
    marks = [("p50", "P50", p50), ("p80", "P80", p80), ("plan", "Plan", planned)]
    markers = [(k, n, float(v), f"{n} {amount(v)} {currency}".strip()) for k, n, v in marks if v is not None]
    return _distribution(
        "risk-cost",
        [float(c) for c in costs],
        markers,
        amount,
        title="Simulated project cost: distribution and cumulative probability",
        axis=f"Cost ({currency})" if currency else "Cost",
        whole=False,
    )


def _distribution(
    kind: str,
    values: list[float],
    marks: list[tuple[str, str, float, str]],
    label: object,
    *,
    title: str,
    axis: str,
    whole: bool,
) -> str:
    fmt = label if callable(label) else str
    finite_values = sorted(v for v in values if math.isfinite(v))
    points = finite_values + [m[2] for m in marks if math.isfinite(m[2])]
    lo = min(points, default=0.0)
    hi = max(points, default=1.0) + (1.0 if whole else 0.0)
    if hi <= lo:
        hi = lo + 1.0
    plot_width = WIDTH - LEFT - RIGHT_PAD
    plot_bottom = HEIGHT - BOTTOM_AXIS
    plot_height = plot_bottom - TOP

    def x_of(value: float) -> float:
        return LEFT + (value - lo) / (hi - lo) * plot_width

    step = (hi - lo) / BINS
    if whole:
        step = float(max(math.ceil(step), 1))
    count = max(math.ceil((hi - lo) / step - 1e-9), 1)
    counts = [0] * count
    for v in finite_values:
        counts[min(int((v - lo) / step), count - 1)] += 1
    total = max(len(finite_values), 1)
    tallest = max(max(counts, default=0) / total, 0.01)
    bars, curve, seen = [], [f"{num(x_of(lo))},{num(plot_bottom)}"], 0
    for index, n in enumerate(counts):
        start, end = lo + index * step, min(lo + (index + 1) * step, hi)
        seen += n
        share = n / total
        first, last = fmt(start), fmt(end - 1 if whole else end)
        span = first if first == last else f"{first} to {last}"
        if n:
            height = share / tallest * plot_height
            bars.append(Bar(x_of(start), plot_bottom - height, x_of(end) - x_of(start), height, f"{span}: {share:.1%}"))
        curve.append(f"{num(x_of(end))},{num(plot_bottom - seen / total * plot_height)}")
    markers = [Marker(k, MARKER_CLASS[k], MARKER_DASH[k], x_of(v), text) for k, _, v, text in marks]
    ticks = [Tick(x_of(lo + (hi - lo) * i / 4), fmt(lo + (hi - lo) * i / 4)) for i in range(5)]
    items, legend_height = legend([("task", "Share of iterations"), ("pv", "Cumulative probability")], 8.0, WIDTH)
    described = "; ".join(text for _, _, _, text in marks)
    return render(
        "risk.svg.j2",
        kind,
        id=chart_id(kind, tuple(values), tuple(marks)),
        width=WIDTH,
        height=HEIGHT + legend_height + 6,
        left=LEFT,
        top=TOP,
        plot_right=LEFT + plot_width,
        plot_bottom=plot_bottom,
        bars=bars,
        curve="M" + "L".join(curve),
        markers=markers,
        ticks=ticks,
        y_labels=[Tick(plot_bottom - plot_height * k / 4, f"{25 * k}%") for k in range(5)],
        title=title,
        desc=f"{axis} over {len(finite_values)} simulated iterations. {described}.",
        axis=axis,
        legend=items,
        legend_y=HEIGHT + 4,
    )


def tornado_svg(rows: Sequence[TaskRisk]) -> str:
    """Each task's sensitivity (rank correlation of its span with the finish), strongest first, the top 10."""
    ranked = [r for r in rows if r.sensitivity is not None and math.isfinite(r.sensitivity)]
    ranked.sort(key=lambda r: (-abs(r.sensitivity or 0.0), r.path))
    ranked = ranked[:TORNADO_ROWS]
    plot_left, plot_right = TORNADO_LABEL, WIDTH - 30.0
    zero = (plot_left + plot_right) / 2
    half = (plot_right - plot_left) / 2
    bars = []
    for index, row in enumerate(ranked):
        value = row.sensitivity or 0.0
        x = min(zero, zero + value * half)
        bars.append(
            Bar(
                x,
                TOP + index * ROW + 3,
                abs(value) * half,
                ROW - 6,
                f"{isolate(row.name)} ({row.path}): {value:+.2f}",
            )
        )
    labels = [Tick(TOP + i * ROW + ROW / 2 + 4, clip(r.name, 34)) for i, r in enumerate(ranked)]
    bottom = TOP + max(len(ranked), 1) * ROW
    ticks = [Tick(zero + half * f, f"{f:+.1f}".replace("+0.0", "0")) for f in (-1.0, -0.5, 0.0, 0.5, 1.0)]
    desc = "; ".join(f"{isolate(r.name)} {r.sensitivity or 0.0:+.2f}" for r in ranked) or "No uncertain tasks"
    return render(
        "tornado.svg.j2",
        "risk-tornado",
        id=chart_id("risk-tornado", tuple((r.path, r.name, r.sensitivity) for r in ranked)),
        width=WIDTH,
        height=bottom + 40,
        top=TOP,
        bottom=bottom,
        zero=zero,
        plot_left=plot_left,
        plot_right=plot_right,
        bars=bars,
        labels=labels,
        ticks=ticks,
        title="Sensitivity: rank correlation of each task's duration with the project finish",
        desc=f"Top {len(ranked)} tasks by sensitivity: {desc}.",
    )
