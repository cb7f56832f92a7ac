"""Compliance chart: one horizontal bar per quality standard, the share of its applicable checklist items that are
met, partly met and not met, with the figures written beside each bar.

Met is a solid fill, partly met the same fill hatched, not met an outlined empty segment: told apart without
colour, and the text (`5 of 8 met (63%)`) carries the figure for a screen reader and a printout. Same conventions
as the other charts (svg.py): data only through the autoescaped template, ids from the input, no clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pmcode.render.charts.svg import chart_id, clip, isolate, legend, render

WIDTH = 760
LABEL = 240.0
FIGURES = 150.0  # the text right of the bars
TOP = 8.0
ROW = 26.0
LABEL_CHARS = 38


@dataclass(frozen=True, slots=True)
class ComplianceBar:
    """One standard's checklist, counted: `applicable` leaves out the not-applicable items."""

    label: str
    met: int
    partial: int
    not_met: int

    @property
    def applicable(self) -> int:
        return self.met + self.partial + self.not_met

    @property
    def summary(self) -> str:
        if not self.applicable:
            return "no applicable item"
        return f"{self.met} of {self.applicable} met ({self.met / self.applicable:.0%})"


@dataclass(frozen=True, slots=True)
class Segment:
    kind: str  # met, partial, not-met
    x: float
    width: float
    title: str


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    y: float
    segments: tuple[Segment, ...]
    summary: str


def compliance_svg(bars: Sequence[ComplianceBar]) -> str:
    plot_left, plot_right = LABEL, WIDTH - FIGURES
    span = plot_right - plot_left
    rows = []
    for index, bar in enumerate(bars):
        x, segments = plot_left, []
        for kind, count, word in (
            ("met", bar.met, "met"),
            ("partial", bar.partial, "partly met"),
            ("not-met", bar.not_met, "not met"),
        ):
            if count and bar.applicable:
                width = count / bar.applicable * span
                segments.append(Segment(kind, x, width, f"{isolate(bar.label)}: {count} {word}"))
                x += width
        rows.append(Row(clip(bar.label, LABEL_CHARS), TOP + index * ROW, tuple(segments), bar.summary))
    bottom = TOP + max(len(rows), 1) * ROW
    items, legend_height = legend([("task", "Met"), ("late", "Partly met"), ("baseline", "Not met")], 8.0, WIDTH)
    desc = "; ".join(f"{isolate(b.label)}: {b.summary}" for b in bars) or "No standard"
    return render(
        "compliance.svg.j2",
        "compliance",
        id=chart_id("compliance", tuple((b.label, b.met, b.partial, b.not_met) for b in bars)),
        width=WIDTH,
        height=bottom + legend_height + 10,
        plot_left=plot_left,
        plot_right=plot_right,
        row=ROW,
        rows=rows,
        legend=items,
        legend_y=bottom + 12,
        title="Compliance per standard: checklist items met, partly met and not met",
        desc=f"Applicable checklist items per standard. {desc}.",
    )
