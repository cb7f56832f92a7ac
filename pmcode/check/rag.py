"""Red, amber, green: a project's schedule, cost, scope and resources graded from its findings, as `pmcode check`
judges them, so the site, a status report and the CI gate never disagree. Pure.

- `grade(thresholds, name, value)`: one measured value against one threshold (`pmcode.check.limits.judge`):
  beyond `fail` red, beyond `warn` amber, within both green; no grade without the value or the threshold.
- `schedule_rag(findings, thresholds, slip)` and `cost_rag(findings, thresholds, over_pct)`: a project's schedule
  and cost from its findings (an error red, a warning amber); without a threshold to judge by, from the finish slip
  (working days) and the forecast over budget (%): late or over is amber, on time or within budget green.
- `scope_rag(findings, pending, records)`: requirements and change-control findings (PM60x, PM62x), else change
  requests waiting for a decision (amber); `resources_rag(findings, staffed)`: people over-allocated or short of
  time (PM532, PM305).
- `overall(rags)`: the worst of them.
Every grade is shown with an icon and a word besides its colour (never colour alone).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pmcode.check.limits import RATIOS, judge
from pmcode.codes import CODES
from pmcode.diagnostics import Diagnostic, Severity
from pmcode.model.types import Thresholds

ICONS = {"red": "\u2716", "amber": "\u25b2", "green": "\u2714", "none": "\u2013"}
LABELS = {"red": "Red", "amber": "Amber", "green": "Green", "none": "n/a"}
RANKS = {"none": 0, "green": 1, "amber": 2, "red": 3}
SCHEDULE_CODES = frozenset({"PM301", "PM530", "PM531"})
COST_CODES = frozenset({"PM533", "PM534", "PM535", "PM536"})
SCHEDULE_INDICATORS = ("SPI", "schedule variance")  # PM540 messages that are about the schedule (SPI, SPI(t), SV%)


@dataclass(frozen=True, slots=True)
class Rag:
    level: str  # red, amber, green or none
    reason: str  # why, in a few words

    @property
    def icon(self) -> str:
        return ICONS[self.level]

    @property
    def label(self) -> str:
        return LABELS[self.level]

    @property
    def rank(self) -> int:
        """For sorting: red 3, amber 2, green 1, none 0."""
        return RANKS[self.level]


def ungraded(reason: str) -> Rag:
    return Rag("none", reason)


def grade(thresholds: Thresholds, name: str, value: float | None) -> Rag:
    """`value` of the threshold `name` graded as `pmcode check` grades it (indices to 2 decimals, others to 1)."""
    if value is None:
        return ungraded("no value")
    if thresholds.get(name) is None:
        return ungraded(f"no {name} threshold")
    breach = judge(thresholds, name, value, digits=2 if name in RATIOS else 1)
    if breach is None:
        return Rag("green", f"within the {name} levels")
    side = "below" if name in RATIOS else "above"
    return Rag(
        "red" if breach.level == "fail" else "amber", f"{side} {breach.name} {breach.level} level {breach.limit:g}"
    )


def _is_schedule(finding: Diagnostic) -> bool:
    if finding.code == "PM540":
        return finding.message.startswith(SCHEDULE_INDICATORS)
    return finding.code in SCHEDULE_CODES


def _is_cost(finding: Diagnostic) -> bool:
    if finding.code == "PM540":
        return not finding.message.startswith(SCHEDULE_INDICATORS)
    return finding.code in COST_CODES


def _from_findings(found: Sequence[Diagnostic], what: str) -> Rag | None:
    """Red with errors, amber with warnings; the reason names the first finding's kind in words (its code's title:
    'milestone slip', not 'PM530'), since customers read it too."""
    for level, severity in (("red", Severity.ERROR), ("amber", Severity.WARNING)):
        hits = [f for f in found if f.severity is severity]
        if hits:
            kind = CODES[hits[0].code].title.lower() if hits[0].code in CODES else hits[0].code
            return Rag(level, f"{len(hits)} {what} {severity.value}{'s' if len(hits) > 1 else ''} ({kind})")
    return None


def schedule_rag(findings: Sequence[Diagnostic], thresholds: Thresholds, slip: float | None) -> Rag:
    """The schedule of a project: its schedule findings, else its finish slip in working days (None: no baseline)."""
    rag = _from_findings([f for f in findings if _is_schedule(f)], "schedule")
    if rag is not None:
        return rag
    if slip is None:
        return ungraded("no baseline")
    if thresholds.get("finish_slip_days") is not None:
        return grade(thresholds, "finish_slip_days", slip)
    return Rag("amber", f"{slip:.1f} working days late") if round(slip, 1) > 0 else Rag("green", "on time")


def cost_rag(findings: Sequence[Diagnostic], thresholds: Thresholds, over_pct: float | None) -> Rag:
    """The cost of a project: its cost findings, else its forecast over budget in % (None: no budget to judge)."""
    rag = _from_findings([f for f in findings if _is_cost(f)], "cost")
    if rag is not None:
        return rag
    if over_pct is None:
        return ungraded("no budget")
    if thresholds.get("budget_variance_pct") is not None:
        return grade(thresholds, "budget_variance_pct", over_pct)
    return Rag("amber", f"{over_pct:.1f}% over budget") if round(over_pct, 1) > 0 else Rag("green", "within budget")


SCOPE_PREFIXES = ("PM60", "PM62")  # requirements (PM60x) and change control (PM62x)
RESOURCE_CODES = frozenset({"PM305", "PM532"})  # short of time on a fixed-length task, over-allocated in a week


def scope_rag(findings: Sequence[Diagnostic], pending: int, records: bool) -> Rag:
    """The scope of a project: its requirements and change-control findings, else `pending` change requests
    still waiting for a decision (amber: the scope is not settled). `records`: the project keeps requirements or
    change requests at all (without them there is nothing to grade)."""
    rag = _from_findings([f for f in findings if f.code.startswith(SCOPE_PREFIXES)], "scope")
    if rag is not None:
        return rag
    if pending:
        return Rag("amber", f"{pending} change request{'s' if pending > 1 else ''} awaiting a decision")
    return Rag("green", "no scope findings") if records else ungraded("no requirements or change requests")


def resources_rag(findings: Sequence[Diagnostic], staffed: bool) -> Rag:
    """The people of a project: over-allocated in a week (PM532) or short of time on a task (PM305).
    `staffed`: the project assigns anyone (without assignments there is nothing to grade)."""
    rag = _from_findings([f for f in findings if f.code in RESOURCE_CODES], "resource")
    if rag is not None:
        return rag
    return Rag("green", "no one over-allocated") if staffed else ungraded("no one assigned")


def overall(rags: Iterable[Rag]) -> Rag:
    """The worst grade, with its reason (n/a only when nothing is graded)."""
    return max(rags, key=lambda rag: rag.rank, default=ungraded("nothing to grade"))
