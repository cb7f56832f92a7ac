"""The change-control gate of `pmcode diff`: a baseline that changes needs an approved change request.

A baseline is the agreed plan, so changing it is a decision, not an edit. For each project whose baseline.yaml
differs between A and B (its data; comments and the `change` list itself do not count), B's baseline must name a
change request that A's did not already name and that is `approved` in B's `changes/` folder. Otherwise a PM624
error, at B's first changed key, makes `pmcode diff` exit 1 and the pull request's plan check fail.

Decisions (documented in the guide):
- a project's first baseline (none at A) needs no change request: it is the plan approved at kick-off, recorded by
  `approved` and `approved_by`; change control governs changes to an agreed baseline;
- a project removed with its baseline needs none either: dropping a project is a portfolio decision, not a
  re-baseline;
- a baseline deleted while its project stays needs a change request newly approved in B (there is no baseline left
  to name it), reported at the project's project.yaml.
"""

from __future__ import annotations

from typing import Any

from pmcode.diagnostics import Loc
from pmcode.diff.result import BaselineChange, FindingChange
from pmcode.diff.side import Side
from pmcode.model import Baseline, Portfolio
from pmcode.records.changes.model import named_changes
from pmcode.text import quote

CODE = "PM624"


def _data(baseline: Baseline) -> dict[str, Any]:
    data = baseline.src.document.data
    return {key: value for key, value in data.items() if key != "change"} if isinstance(data, dict) else {}


def _approved(portfolio: Portfolio, project_id: str) -> set[str]:
    return {change.id for change in portfolio.records.changes.get(project_id, ()) if change.is_approved}


def _first_changed(old: dict[str, Any], baseline: Baseline) -> Loc:
    """The first top-level key of B's baseline whose value differs from A's: where a reviewer looks first."""
    new = baseline.src.document.data
    for key, value in new.items():
        if key != "change" and old.get(key) != value:
            return baseline.src.at(key, key=True)
    return baseline.src.at()


def _finding(loc: Loc, message: str) -> FindingChange:
    return FindingChange("new", CODE, "error", loc.file, loc.line, loc.col, message)


def baseline_changes(before: Side, after: Side) -> tuple[tuple[BaselineChange, ...], tuple[FindingChange, ...]]:
    """Each project whose baseline was added, changed or removed, whether an approved change request covers it,
    and a PM624 finding for each that is not covered."""
    a, b = before.validation.portfolio, after.validation.portfolio
    found: list[BaselineChange] = []
    findings: list[FindingChange] = []
    for project_id in sorted(set(a.projects) | set(b.projects)):
        old_project, new_project = a.projects.get(project_id), b.projects.get(project_id)
        old = old_project.baseline if old_project is not None else None
        new = new_project.baseline if new_project is not None else None
        if (old is None and new is None) or new_project is None:
            continue  # no baseline on either side, or the project left the portfolio
        approved = _approved(b, project_id)
        if old is None:
            assert new is not None
            found.append(BaselineChange(project_id, "added", True, (), new.src.file))
            continue
        if new is None:
            newly = tuple(sorted(approved - _approved(a, project_id)))
            file = new_project.src.file
            found.append(BaselineChange(project_id, "removed", bool(newly), newly, file))
            if not newly:
                message = (
                    f"the baseline of {quote(project_id)} was deleted, and no change request of the project was "
                    "approved in this change"
                )
                findings.append(_finding(Loc(file), message))
            continue
        if _data(old) == _data(new):
            continue
        named = set(named_changes(old.src.raw("change")))
        covering = tuple(c for c in named_changes(new.src.raw("change")) if c not in named and c in approved)
        found.append(BaselineChange(project_id, "changed", bool(covering), covering, new.src.file))
        if not covering:
            fresh = [c for c in named_changes(new.src.raw("change")) if c not in named]
            why = (
                f"it newly names {', '.join(quote(c) for c in fresh)}, not approved in {project_id}/changes/"
                if fresh
                else "it names no change request it did not name before"
            )
            message = (
                f"the baseline of {quote(project_id)} changed without an approved change request: {why}; "
                "save it with `pmcode baseline save --change CR-<id>` after the request is approved"
            )
            findings.append(_finding(_first_changed(_data(old), new), message))
    return tuple(found), tuple(findings)
