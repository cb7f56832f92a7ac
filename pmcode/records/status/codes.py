"""Status reports: diagnostic codes (PM63x)."""

from __future__ import annotations

from pmcode.codebook import Code, E, W

CADENCE_DAYS = {"weekly": 7, "fortnightly": 14}  # monthly: the same day of the next month
DEFAULT_CADENCE = "monthly"

CODES: list[Code] = [
    Code(
        "PM630",
        E,
        "Status report dates do not agree",
        "A status report's file name is its as-of date, and its `period` is the time it covers: the name must be a "
        "calendar date (2026-11-20.yaml, not 2026-11-31.yaml), the period's `from` must not be after its `to`, and "
        "the period must not end after the report's date. Rename the file or correct the period.",
    ),
    Code(
        "PM631",
        W,
        "Status report overdue",
        "The project's latest status report is older than its reporting cadence allows at the status date "
        "(`reporting: {cadence: weekly|fortnightly|monthly}` in project.yaml, default portfolio.yaml's, else "
        "monthly). A project is held to its cadence once it keeps status reports or sets a cadence, while it is "
        "active. Write the next report as `status/<status date>.yaml` (`pmcode report status` shows the computed "
        "grades to record in it), or change the cadence.",
    ),
    Code(
        "PM632",
        W,
        "Recorded grade differs from the computed one",
        "A report dated the status date records a red/amber/green level that is not the one computed from the data "
        "(`pmcode report status` shows both): the report would tell its audience something the plan does not "
        "say. Record the computed level, or override it with a `level` and a `justification` the report shows. "
        "Older reports are not compared: they keep the grades they published. A warning, not an error: the "
        "computed grade moves with findings from every area, and a published document should not fail an "
        "unrelated pull request.",
    ),
]
