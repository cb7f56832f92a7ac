"""Security control coverage: one bar per framework, the implemented share of its applicable controls.

`coverage_svg(rows)` draws, for each framework, a bar as long as its applicable controls (not-applicable ones left
out) filled with the implemented ones and, hatched after them, the partial ones; the numbers are written next to
each bar ("12 / 15 implemented, 80%"), so the chart never rests on colour or length alone. Same conventions as
the other charts (svg.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pmcode.render.charts.svg import chart_id, clip, isolate, render

WIDTH = 640
LABEL = 190.0  # the framework names' column
TEXT = 200.0  # the numbers' column, right of the bars
TOP = 12.0
ROW = 30.0
BAR = 18.0


@dataclass(frozen=True, slots=True)
class Coverage:
    framework: str  # its name
    implemented: int
    partial: int
    applicable: int  # implemented + partial + planned

    @property
    def percent(self) -> float:
        return 100.0 * self.implemented / self.applicable if self.applicable else 0.0

    @property
    def summary(self) -> str:
        if not self.applicable:
            return "no applicable control"
        partial = f", {self.partial} partial" if self.partial else ""
        return f"{self.implemented} / {self.applicable} implemented ({self.percent:.0f}%){partial}"


@dataclass(frozen=True, slots=True)
class CoverageBar:
    label: str
    y: float
    full: float  # the bar's length: the applicable controls
    done: float  # implemented
    partial: float  # partial, after the implemented part
    text: str
    title: str


def coverage_svg(rows: Sequence[Coverage]) -> str:
    plot = WIDTH - LABEL - TEXT
    bars = []
    for index, row in enumerate(rows):
        unit = plot / row.applicable if row.applicable else 0.0
        bars.append(
            CoverageBar(
                label=clip(row.framework, 30),
                y=TOP + index * ROW,
                full=plot if row.applicable else 0.0,
                done=unit * row.implemented,
                partial=unit * row.partial,
                text=row.summary,
                title=f"{isolate(row.framework)}: {row.summary}",
            )
        )
    desc = "; ".join(f"{isolate(row.framework)}: {row.summary}" for row in rows) or "No framework"
    height = TOP + max(len(rows), 1) * ROW + 30
    return render(
        "coverage.svg.j2",
        "coverage",
        id=chart_id("coverage", tuple((r.framework, r.implemented, r.partial, r.applicable) for r in rows)),
        width=WIDTH,
        height=height,
        left=LABEL,
        bar=BAR,
        legend_y=height - 12,
        bars=bars,
        title="Security controls implemented per framework",
        desc=f"Implemented controls of the applicable ones, per framework: {desc}.",
    )
