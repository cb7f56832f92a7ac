"""All the records of a portfolio, one field per area, built from the valid record documents."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from pmcode.load import Document, FileKind
from pmcode.records.changes.model import ChangeRequest, build_change
from pmcode.records.meetings.model import Meeting, build_meeting
from pmcode.records.operations.model import DrPlan, SecurityPlan, build_dr, build_security
from pmcode.records.quality.model import QualityFile, build_quality
from pmcode.records.raid.model import RaidLog, build_raid
from pmcode.records.requirements.model import RequirementLog, build_requirements
from pmcode.records.status.model import StatusReport, build_status
from pmcode.records.strategy.model import Strategy, build_strategy

RECORD_KINDS = frozenset(
    {
        FileKind.REQUIREMENTS,
        FileKind.RAID,
        FileKind.CHANGE,
        FileKind.STATUS,
        FileKind.MEETING,
        FileKind.QUALITY,
        FileKind.DR,
        FileKind.SECURITY,
        FileKind.STRATEGY,
    }
)
PORTFOLIO_LEVEL = ""  # the key of portfolio-wide entries in maps by project (quality.yaml at the root)


@dataclass(frozen=True, slots=True)
class Records:
    requirements: dict[str, RequirementLog] = field(default_factory=dict)  # by project id
    raid: dict[str, RaidLog] = field(default_factory=dict)  # by project id
    changes: dict[str, tuple[ChangeRequest, ...]] = field(default_factory=dict)  # by project id, by file name
    status: dict[str, tuple[StatusReport, ...]] = field(default_factory=dict)  # by project id, oldest first
    meetings: tuple[Meeting, ...] = ()  # portfolio-wide and per project, by file path
    quality: dict[str, QualityFile] = field(default_factory=dict)  # by project id; PORTFOLIO_LEVEL for the root
    dr: DrPlan | None = None
    security: SecurityPlan | None = None
    strategy: Strategy | None = None


def build_records(documents: Iterable[tuple[Document, str | None]]) -> Records:
    """`documents`: valid record documents with their project id (None at the root), in discovery order (sorted
    by path), so every tuple below is in file order."""
    requirements: dict[str, RequirementLog] = {}
    raid: dict[str, RaidLog] = {}
    changes: dict[str, list[ChangeRequest]] = {}
    status: dict[str, list[StatusReport]] = {}
    meetings: list[Meeting] = []
    quality: dict[str, QualityFile] = {}
    dr = security = strategy = None
    for document, project in documents:
        kind = document.kind
        if kind is FileKind.REQUIREMENTS and project:
            requirements[project] = build_requirements(document, project)
        elif kind is FileKind.RAID and project:
            raid[project] = build_raid(document, project)
        elif kind is FileKind.CHANGE and project:
            changes.setdefault(project, []).append(build_change(document, project))
        elif kind is FileKind.STATUS and project:
            status.setdefault(project, []).append(build_status(document, project))
        elif kind is FileKind.MEETING:
            meetings.append(build_meeting(document, project))
        elif kind is FileKind.QUALITY:
            quality[project or PORTFOLIO_LEVEL] = build_quality(document, project)
        elif kind is FileKind.DR:
            dr = build_dr(document, None)
        elif kind is FileKind.SECURITY:
            security = build_security(document, None)
        elif kind is FileKind.STRATEGY:
            strategy = build_strategy(document, None)
    return Records(
        requirements=dict(sorted(requirements.items())),
        raid=dict(sorted(raid.items())),
        changes={p: tuple(c) for p, c in sorted(changes.items())},
        status={p: tuple(s) for p, s in sorted(status.items())},
        meetings=tuple(meetings),
        quality=dict(sorted(quality.items())),
        dr=dr,
        security=security,
        strategy=strategy,
    )
