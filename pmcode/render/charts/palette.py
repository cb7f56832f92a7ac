"""One palette for every chart: a CSS class per meaning, its light colour, and its colour in Material's dark scheme.

Each SVG element carries both its class and the light colour as a presentation attribute, so a chart reads well
on its own (an image viewer, a PNG export) and the site's stylesheet can still recolour it: CSS outranks
presentation attributes. `stylesheet()` is the block in site/docs/assets/pmcode.css (a test keeps them equal).
Colours come from the Okabe-Ito set, chosen to stay apart for colour-blind readers; meaning never rests on colour
alone (critical work is also hatched and outlined, over-allocation crossed and outlined, lines dashed and marked).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Swatch:
    name: str  # CSS class: pmc-<name>
    light: str
    dark: str
    paint: str = "fill"  # or "stroke"

    @property
    def css_class(self) -> str:
        return f"pmc-{self.name}"


SWATCHES = (
    Swatch("grid", "#d9dde3", "#3b4252", "stroke"),
    Swatch("band", "#f2f5f9", "#232838"),
    Swatch("task", "#0072b2", "#56b4e9"),
    Swatch("done", "#003f63", "#b7e1f7"),
    Swatch("crit", "#d55e00", "#ff8c42"),
    Swatch("crit-done", "#7a3600", "#ffd0b0"),
    Swatch("summary", "#3c4650", "#c5ccd6"),
    Swatch("milestone", "#000000", "#ffffff"),
    Swatch("baseline", "#b8bec6", "#5c6573"),
    Swatch("status", "#cc79a7", "#e8a6cb", "stroke"),
    Swatch("link", "#6b7785", "#9aa5b1", "stroke"),
    Swatch("late", "#d55e00", "#ff8c42"),
    Swatch("load-0", "#ffffff", "#1e2230"),
    Swatch("load-1", "#deebf7", "#deebf7"),  # the bins keep their colours in the dark scheme: their numbers too
    Swatch("load-2", "#9ecae1", "#9ecae1"),
    Swatch("load-3", "#4292c6", "#4292c6"),
    Swatch("load-4", "#08519c", "#08519c"),
    Swatch("load-over", "#e69f00", "#e69f00"),
    Swatch("load-none", "#d0d0d0", "#d0d0d0"),
    Swatch("pv", "#0072b2", "#56b4e9", "stroke"),
    Swatch("ev", "#009e73", "#3ddbad", "stroke"),
    Swatch("ac", "#d55e00", "#ff8c42", "stroke"),
    Swatch("eac", "#cc79a7", "#e8a6cb", "stroke"),
    Swatch("bac", "#3c4650", "#c5ccd6", "stroke"),
    Swatch("pv-mark", "#0072b2", "#56b4e9"),
    Swatch("ev-mark", "#009e73", "#3ddbad"),
    Swatch("ac-mark", "#d55e00", "#ff8c42"),
    Swatch("link-head", "#6b7785", "#9aa5b1"),
    Swatch("link-crit", "#d55e00", "#ff8c42", "stroke"),
)
COLOURS = {swatch.name: swatch.light for swatch in SWATCHES}
HATCH = "#ffffff"  # the stripes drawn over critical and over-allocated fills
INK_ON_DARK = {"load-3", "load-4"}  # heat map bins dark enough for white numbers
DASHES = {"pv": "none", "ev": "7 3", "ac": "2 3", "eac": "9 4 2 4", "bac": "12 4"}  # told apart without colour


def template_colours() -> dict[str, Any]:
    """What templates read as `c`: every light colour by name, the hatch colour and the line dashes."""
    return {**COLOURS, "hatch": HATCH, "dash": DASHES}


def colour(name: str) -> str:
    return COLOURS[name]


def stylesheet() -> str:
    """The chart rules of the site's stylesheet: the wrapper, then light and dark colours per class."""
    lines = [
        "/* pmcode charts (pmcode/render/charts/palette.py: stylesheet()). Generated; edit the palette instead. */",
        ".pmcode-chart { overflow: auto; max-height: 85vh; margin: 1em 0; }",
        ".pmcode-chart svg { display: block; max-width: none; height: auto; font-family: inherit; }",
        ".pmcode-chart .pmc-text { fill: currentColor; }",
    ]
    for swatch in SWATCHES:
        lines.append(f".pmcode-chart .{swatch.css_class} {{ {swatch.paint}: {swatch.light}; }}")
    for swatch in SWATCHES:
        lines.append(
            f'[data-md-color-scheme="slate"] .pmcode-chart .{swatch.css_class} {{ {swatch.paint}: {swatch.dark}; }}'
        )
    return "\n".join(lines) + "\n"
