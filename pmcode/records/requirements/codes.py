"""Requirements: diagnostic codes (PM60x)."""

from __future__ import annotations

from pmcode.codebook import Code, E, W

CODES: list[Code] = [
    Code(
        "PM600",
        E,
        "Requirement met without acceptance criteria",
        "A requirement is `met` but lists no `acceptance` criteria, so nothing shows what was checked. Write the "
        "criteria the customer accepted it against, or set its status back to `in-progress`.",
    ),
    Code(
        "PM601",
        W,
        "Must-have requirement not traced",
        "A `must` requirement in scope (not `deferred` or `rejected`) links to no task and no deliverable, so the "
        "plan shows no work that builds it. Add the tasks that build it (`tasks:`) or the deliverable that hands it "
        "over (`deliverables:`), or change its priority or status if it is no longer a must-have.",
    ),
    Code(
        "PM602",
        E,
        "Deliverable accepted with unmet requirements",
        "A deliverable is `accepted` (or has `accepted_on`) in project.yaml while requirements linked to it are "
        "not `met`; the message names them. Mark the requirements `met` once their acceptance criteria hold, "
        "move them to another deliverable or defer them with the customer, or reopen the deliverable.",
    ),
    Code(
        "PM603",
        W,
        "Requirement met before its tasks finished",
        "A requirement is `met` while tasks linked to it are not complete in the tracked schedule (percent "
        "complete from the actuals); the message names them. Report the tasks' progress in the actuals, or set "
        "the requirement back to `in-progress` until the work is done.",
    ),
]
