"""The cumulative approved impact of a project's change requests: two step charts side by side, working days of
schedule and money, one step per approved request in the order they were decided.

Each step is labelled with its request id below the axis and the running total above it, so the chart reads
without colour; the schedule line is solid, the cost line dashed (as the S-curve's PV and AC lines), and each
panel names its unit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pmcode.render.charts.svg import amount, chart_id, clip, num, render
from pmcode.text import plural

PANEL_WIDTH = 320.0
PANEL_HEIGHT = 150.0
TOP = 34.0
LEFT = 16.0
GAP = 40.0
STEP_LABEL_CHARS = 12


@dataclass(frozen=True, slots=True)
class Step:
    """One approved request: its id, decision date, and the running totals after it."""

    id: str
    decided: date | None
    total_days: float
    total_cost: float


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float
    label: str  # the request id, below the axis
    value: str  # the running total, above the step
    title: str


@dataclass(frozen=True, slots=True)
class Panel:
    left: float
    title: str
    kind: str  # "pv" (solid) for days, "ac" (dashed) for money: the S-curve's line styles
    zero: float  # y of the zero line
    path: str
    points: tuple[Point, ...]


def _panel(
    left: float, title: str, kind: str, ids: Sequence[str], values: Sequence[float], shown: Sequence[str]
) -> Panel:
    low, high = min(0.0, *values), max(0.0, *values)
    span = (high - low) or 1.0
    plot_top, plot_bottom = TOP + 18.0, TOP + PANEL_HEIGHT - 22.0

    def y(value: float) -> float:
        return plot_bottom - (value - low) / span * (plot_bottom - plot_top)

    step = (PANEL_WIDTH - 40.0) / max(len(values), 1)
    x0 = left + 20.0
    path = [f"M{num(x0)},{num(y(0.0))}"]
    points = []
    for n, (request, value, text) in enumerate(zip(ids, values, shown, strict=True)):
        x = x0 + step * n + step / 2
        path.append(f"H{num(x)}V{num(y(value))}")
        points.append(Point(x, y(value), clip(request, STEP_LABEL_CHARS), text, f"{request}: {text}"))
    path.append(f"H{num(x0 + step * len(values))}")
    return Panel(left, title, kind, y(0.0), "".join(path), tuple(points))


def change_steps_svg(steps: Sequence[Step], currency: str = "") -> str:
    """The running approved schedule days and cost after each request of `steps` (in decision order)."""
    ids = [s.id for s in steps]
    days = [s.total_days for s in steps]
    costs = [s.total_cost for s in steps]
    unit = f" ({currency})" if currency else ""
    panels = (
        _panel(LEFT, "Schedule, working days", "pv", ids, days, [f"{d:+g} d" for d in days]),
        _panel(LEFT + PANEL_WIDTH + GAP, f"Cost{unit}", "ac", ids, costs, [f"{c:+,.0f}" for c in costs]),
    )
    width = LEFT * 2 + PANEL_WIDTH * 2 + GAP
    last = steps[-1] if steps else None
    desc = f"Cumulative impact of {plural(len(steps), 'approved change request')} in the order they were decided"
    if last is not None:
        desc += f": {last.total_days:+g} working days and {amount(last.total_cost)}{unit} after {last.id}"
    return render(
        "changes.svg.j2",
        "changes",
        id=chart_id("changes", tuple((s.id, s.total_days, s.total_cost) for s in steps)),
        width=width,
        height=TOP + PANEL_HEIGHT + 8.0,
        panel_width=PANEL_WIDTH,
        panel_bottom=TOP + PANEL_HEIGHT,
        panels=panels,
        title="Cumulative approved change impact",
        desc=desc + ".",
    )
