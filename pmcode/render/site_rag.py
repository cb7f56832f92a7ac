"""Red, amber, green, as the site shows them: the grades are the engine's (pmcode.check.rag, re-exported here so
the pages keep importing them from the site). CSS: `.pm-rag .pm-rag-<level>` (site/docs/assets/pmcode.css)."""

from __future__ import annotations

from pmcode.check.rag import (
    COST_CODES,
    ICONS,
    LABELS,
    RANKS,
    SCHEDULE_CODES,
    SCHEDULE_INDICATORS,
    Rag,
    cost_rag,
    grade,
    schedule_rag,
    ungraded,
)

__all__ = [
    "COST_CODES",
    "ICONS",
    "LABELS",
    "RANKS",
    "SCHEDULE_CODES",
    "SCHEDULE_INDICATORS",
    "Rag",
    "cost_rag",
    "grade",
    "schedule_rag",
    "ungraded",
]
