"""RAID log: diagnostic codes (PM61x)."""

from __future__ import annotations

from pmcode.codebook import Code, E, W

CODES: list[Code] = [
    Code(
        "PM610",
        E,
        "Issue closed without a resolution",
        "An issue is `resolved` or `closed` in raid.yaml but has no `resolution`, so nobody can tell how it was "
        "dealt with. Write the `resolution` (what was done, or why it no longer matters), or set the status back "
        "to `open` or `in-progress`.",
    ),
    Code(
        "PM611",
        E,
        "Risk neither scored nor quantified",
        "A risk has no `probability` and `impact` (1-5, for the heat map) and no quantified impact (`chance` with "
        "a `schedule` or `cost` range, for `pmcode risk`), so it cannot be ranked or simulated. Give it a score, "
        "a quantified impact, or both.",
    ),
    Code(
        "PM612",
        W,
        "High risk without a current action",
        "An open risk scores 15 or more (probability x impact: the red band of the 5x5 heat map) but has no open "
        "action that is not overdue, so nothing is being done about it now. Add an action with an owner and a "
        "due date after the status date, move the due date of the overdue one, or re-score the risk at its next "
        "review.",
    ),
    Code(
        "PM613",
        W,
        "RAID action overdue",
        "An action of a risk or an issue is still `open` or `in-progress` after its `due` date (at the status "
        "date). Close it (`status: done` with `done:`), cancel it, or agree a new due date with its owner.",
    ),
    Code(
        "PM614",
        W,
        "Risk review stale",
        "An open risk's `last_review` (else its `raised` date) is older than the log's review period at the "
        "status date: `review_days` in raid.yaml, 30 days by default. Review the risk (score, response, actions) "
        "and set `last_review` to the date of the review.",
    ),
    Code(
        "PM615",
        W,
        "Assumption not validated in time",
        "An assumption is still `open` after its `validate_by` date. Confirm it (`status: valid`), record that it "
        "proved false (`status: invalid`, and raise the issue or risk that follows), or agree a later date.",
    ),
    Code(
        "PM616",
        W,
        "Issue overdue",
        "An issue is still `open` or `in-progress` after its `due` date. Resolve it (`status: resolved` with a "
        "`resolution`), or agree a new due date and say why in the issue's description.",
    ),
    Code(
        "PM617",
        E,
        "RAID dates out of order",
        "A risk's `last_review` or `closed` date, or an issue's `closed` date, is before the date it was "
        "`raised`. Correct the date that is wrong.",
    ),
    Code(
        "PM618",
        E,
        "Probability score disagrees with the chance",
        "A risk has both a 1-5 `probability` and a `chance`, and the chance is outside the probability's band "
        "(1: up to 10%, 2: up to 30%, 3: up to 50%, 4: up to 70%, 5: above 70%), so the heat map and "
        "`pmcode risk` tell different stories. Change the score or the chance so that they agree.",
    ),
]
