"""Quality and audits: diagnostic codes (PM65x)."""

from __future__ import annotations

from pmcode.codebook import Code, E, W

CODES: list[Code] = [
    Code(
        "PM650",
        E,
        "Unknown standard",
        "An audit's `standard` is not the id of a standard in the same quality.yaml nor, for a project's file, in "
        "the root quality.yaml. Correct the id, or add the standard.",
    ),
    Code(
        "PM651",
        E,
        "Unknown checklist item",
        "An audit finding's `item` is not a checklist item of the audited standard (or, for an audit without "
        "`standard`, of any standard the file can see). Correct the item id, or remove `item`.",
    ),
    Code(
        "PM652",
        E,
        "Checklist item met without evidence",
        "A checklist item says `status: met` but lists no `evidence`, so nobody can verify it. Add the web "
        "address or repository path that shows it is met (`evidence: [docs/quality/cab-log.md]`), or set its "
        "status to `partial` or `not-met` until there is some.",
    ),
    Code(
        "PM653",
        E,
        "Finding closed with open corrective actions",
        "An audit finding is `closed` while one of its corrective actions is still `open` or `in-progress`. Close "
        "the actions (`status: done`, or `cancelled` with a note why), or reopen the finding (`status: "
        "in-progress`).",
    ),
    Code(
        "PM654",
        E,
        "Corrective action without an owner or a due date",
        "An open corrective action of an audit finding has no `owner` or no `due` date, so nobody is accountable "
        "for it and nothing can tell when it is late. Give it both, or set `status: cancelled`.",
    ),
    Code(
        "PM655",
        W,
        "Overdue corrective action",
        "An audit finding's corrective action is still `open` or `in-progress` after its due date (judged "
        "at the project's status date, else the portfolio's). Do it and set `status: done` with its `done:` date, "
        "or agree a new `due` date with the auditor and record why in `notes`.",
    ),
    Code(
        "PM656",
        W,
        "Open critical audit finding",
        "An audit raised a `critical` finding that is still `open` or `in-progress`: what was implemented does not "
        "meet the standard where it matters most. Correct it and set `status: closed`, or, if the sponsor takes "
        "the risk, `status: accepted` with the reason in `notes`.",
    ),
]
