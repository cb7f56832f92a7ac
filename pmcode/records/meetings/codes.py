"""Meetings: diagnostic codes (PM64x)."""

from __future__ import annotations

from pmcode.codebook import Code, E, W

CODES: list[Code] = [
    Code(
        "PM640",
        E,
        "Meeting action without an owner or a due date",
        "An open meeting action (status `open` or `in-progress`) has no `owner` or no `due` date, so nobody is "
        "accountable for it and the action tracker cannot tell when it is late. Give it both (`owner: priya-nair`, "
        "`due: 2026-12-04`), or set `status: cancelled` if it is not going to be done.",
    ),
    Code(
        "PM641",
        W,
        "Overdue meeting action",
        "A meeting action is still `open` or `in-progress` after its due date (judged at the project's status date, "
        "else the portfolio's). Do it and set `status: done` (with `done:` its date), agree a new `due` date and "
        "record why in `notes`, or set `status: cancelled`.",
    ),
    Code(
        "PM642",
        E,
        "Attendee also sent apologies",
        "The same person is both in `attendees` and in `apologies`: they either came or did not. Remove them from "
        "one of the two lists.",
    ),
]
