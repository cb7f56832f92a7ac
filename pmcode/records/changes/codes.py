"""Change control: diagnostic codes (PM62x)."""

from __future__ import annotations

from pmcode.codebook import Code, E, W

PENDING_DAYS = 30  # calendar days a request may wait for a decision before `pmcode check` reports it

CODES: list[Code] = [
    Code(
        "PM620",
        E,
        "Change decision without approver or date",
        "A change request marked `approved` or `rejected` does not say who decided or when. Add `decision.approver` "
        "(a person id or a full name) and `decision.date`; if nobody has decided yet, set the status back to "
        "`proposed`.",
    ),
    Code(
        "PM621",
        E,
        "Change decided before it was raised",
        "The decision date of a change request is before the day it was raised. Correct `raised` or `decision.date`.",
    ),
    Code(
        "PM622",
        E,
        "Baseline names an unknown change request",
        "baseline.yaml's `change` names a change request that is not a file of the project's changes/ folder. "
        "Add the request as `changes/CR-<id>.yaml`, or correct the name (`pmcode baseline save --change CR-<id>`).",
    ),
    Code(
        "PM623",
        E,
        "Baseline names a change request that is not approved",
        "baseline.yaml's `change` names a change request whose decision is not `approved`: a baseline records "
        "an approved change only. Record the approval in the request (`decision: {status: approved, approver, "
        "date}`) or save the baseline without it.",
    ),
    Code(
        "PM624",
        E,
        "Baseline changed without an approved change request",
        "`pmcode diff A B` found a project whose baseline.yaml differs between A and B while B's baseline names no "
        "approved change request that A's did not already name. Re-baselining needs an approved change: add "
        "`changes/CR-<id>.yaml` with `decision: {status: approved, approver, date}` and save the baseline with "
        "`pmcode baseline save --change CR-<id>`. A project's first baseline needs none. The finding makes "
        "`pmcode diff` exit with status 1, so the pull request's plan check fails.",
    ),
    Code(
        "PM625",
        W,
        "Change request waiting for a decision",
        f"A change request has been `proposed` for more than {PENDING_DAYS} days (from `raised` to the status "
        "date) without a decision. Take it to the change board and record the decision (`approved`, `rejected` "
        "or `deferred`), or set it to `withdrawn` if it is no longer wanted.",
    ),
    Code(
        "PM626",
        W,
        "Approved change not in the baseline",
        "A change request approved with `rebaseline: true` (the default) is not named by the project's "
        "baseline.yaml, so progress is still measured against the plan before the change. Save the baseline "
        "with `pmcode baseline save --change CR-<id>`, or set `rebaseline: false` if the change is absorbed "
        "(e.g. funded from contingency) and measured as variance.",
    ),
]
