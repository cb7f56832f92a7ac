"""Strategy: diagnostic codes (PM68x)."""

from __future__ import annotations

from pmcode.codebook import Code, E, W

CODES: list[Code] = [
    Code(
        "PM680",
        E,
        "Not a milestone",
        "An objective's `milestones` names a task that exists but is not a milestone (`milestone: true` in "
        "project.yaml). Name the milestone that marks the result, or mark the task as a milestone.",
    ),
    Code(
        "PM681",
        W,
        "Project serves no objective",
        "strategy.yaml exists, but this project (not closed or cancelled) is named by no objective: not in an "
        "objective's or key result's `projects`, nor through one of its `milestones`. Link it to the objective "
        "it serves, or question why it is in the portfolio.",
    ),
    Code(
        "PM682",
        W,
        "Key result missed",
        "A key result's due date has passed at the status date and its latest `current` value is short of the "
        "target (or was never measured). Record a newer measurement, agree a new due date or target, or close "
        "the objective.",
    ),
]
