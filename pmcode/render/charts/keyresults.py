"""Key-result progress: one bar per key result, from its baseline (left end) to its target (right end), filled to
the latest measurement, grouped under their objectives.

A target below the baseline (days to close the books) fills the same way: the bar shows the share of the way
travelled, not the value. The numbers are written after each bar (baseline -> current -> target, the share, and
the state: reached, missed, not measured), so nothing rests on colour; a missed result is also hatched and outlined.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pmcode.render.charts.svg import chart_id, clip, legend, render

ROW = 26.0
HEADER_ROW = 24.0
TOP = 8.0
CHAR_WIDTH = 6.2
LEGEND = (("task", "Share of the way from baseline to target"), ("late", "Past due, short of target"))


@dataclass(frozen=True, slots=True)
class KeyResultBar:
    """One key result as the chart draws it; `objective` groups the rows (a heading row when it changes)."""

    objective: str
    title: str
    share: float | None  # progress from baseline to target, None when never measured
    state: str  # "reached", "missed", "not measured", "in progress"
    figures: str  # "8 -> 6 -> 3 days", written after the bar


@dataclass(frozen=True, slots=True)
class Row:
    top: float
    heading: bool
    label: str
    fill: float  # width of the filled part
    state: str
    text: str
    title: str


def key_results_svg(bars: Sequence[KeyResultBar], *, width: int = 900, label_width: int = 260) -> str:
    """The bars in order, a heading row before each objective's first bar."""
    plot = 240.0
    left = float(label_width) + 8.0
    rows: list[Row] = []
    y = TOP + HEADER_ROW  # the column heads: baseline, target, and how the figures read
    current = None
    for bar in bars:
        if bar.objective != current:
            current = bar.objective
            label = clip(bar.objective, int((width - 12) / CHAR_WIDTH))
            rows.append(Row(y, True, label, 0.0, "", "", bar.objective))
            y += HEADER_ROW
        share = min(max(bar.share or 0.0, 0.0), 1.0)
        percent = "" if bar.share is None else f"{round(bar.share * 100) + 0:d}%"
        text = f"{bar.figures}: {percent} {bar.state}" if percent else f"{bar.figures}: {bar.state}"
        label = clip(bar.title, int((label_width - 16) / CHAR_WIDTH))
        rows.append(Row(y, False, label, plot * share, bar.state, text, f"{bar.title}: {text}"))
        y += ROW
    items, legend_height = legend(LEGEND, 8.0, width)
    missed = [bar for bar in bars if bar.state == "missed"]
    reached = [bar for bar in bars if bar.state == "reached"]
    desc = f"Progress of {len(bars)} key results from baseline to target"
    desc += f"; {len(reached)} reached; {len(missed)} past due and short of target"
    if missed:
        desc += ": " + ", ".join(bar.title for bar in missed)
    return render(
        "keyresults.svg.j2",
        "keyresults",
        id=chart_id("keyresults", tuple((bar.objective, bar.title, bar.figures) for bar in bars)),
        width=width,
        height=y + 16 + legend_height,
        left=left,
        plot=plot,
        head_y=TOP + 12,
        rows=rows,
        title="Key results: progress from baseline to target",
        desc=desc + ". Each bar runs from the baseline (left end) to the target (right end), filled to the latest "
        "measurement; the values are written after it.",
        legend=items,
        legend_y=y + 14,
    )
