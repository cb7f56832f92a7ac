"""Every records area's diagnostic codes (PM6xx), gathered for pmcode.codes."""

from __future__ import annotations

from pmcode.codebook import Code, E
from pmcode.records.changes.codes import CODES as CHANGES
from pmcode.records.meetings.codes import CODES as MEETINGS
from pmcode.records.operations.codes import CODES as OPERATIONS
from pmcode.records.quality.codes import CODES as QUALITY
from pmcode.records.raid.codes import CODES as RAID
from pmcode.records.requirements.codes import CODES as REQUIREMENTS
from pmcode.records.status.codes import CODES as STATUS
from pmcode.records.strategy.codes import CODES as STRATEGY

# References every area makes (PM69x): checked by pmcode.records.common.
COMMON = [
    Code(
        "PM690",
        E,
        "Unknown person",
        "An owner, approver, attendee or author is neither a person id of people.yaml nor a name. A single word "
        "is read as a person id (with a 'did you mean'); write someone outside people.yaml with their full name "
        "(`Dana Whitfield`), which is shown as written.",
    ),
    Code(
        "PM691",
        E,
        "Unknown project",
        "A record names a project that is not a folder of the portfolio.",
    ),
    Code(
        "PM692",
        E,
        "Unknown plan reference",
        "A record links to a task, milestone or deliverable the project does not have.",
    ),
]

RECORD_CODES = [*REQUIREMENTS, *RAID, *CHANGES, *STATUS, *MEETINGS, *QUALITY, *OPERATIONS, *STRATEGY, *COMMON]
