"""Findings of `pmcode check` newly raised or cleared between two sides.

Lines move whenever anyone edits a file above a finding, and the numbers in a message (days late, percent over)
move with every change of the plan; neither makes a finding new. So a finding is known by its code, severity, file
(relative to the root) and message with the numbers outside quoted names masked: 'wei-chen' has room for # of the
# hours planned on 'test.perf'. A threshold crossed from its warn to its fail level is a new finding (the
severity and the level named in the message differ) and the warning is cleared.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from pmcode.diagnostics import Diagnostic
from pmcode.diff.result import FindingChange

_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_QUOTED = re.compile(r"('[^']*')")

Key = tuple[str, str, str, str]


def _relative(file: str, prefix: str) -> str:
    head = prefix.rstrip("/") + "/"
    return file[len(head) :] if prefix not in ("", ".") and file.startswith(head) else file


def subject(message: str) -> str:
    """The message with every number outside quotes masked."""
    parts = _QUOTED.split(message)
    return "".join(part if n % 2 else _NUMBER.sub("#", part) for n, part in enumerate(parts))


def _keyed(diagnostics: Iterable[Diagnostic], prefix: str) -> dict[Key, list[Diagnostic]]:
    keyed: dict[Key, list[Diagnostic]] = defaultdict(list)
    for d in diagnostics:
        keyed[(d.code, d.severity.value, _relative(d.file, prefix), subject(d.message))].append(d)
    return keyed


def _change(change: str, d: Diagnostic) -> FindingChange:
    return FindingChange(change, d.code, d.severity.value, d.file, d.line, d.col, d.message)


def finding_changes(
    before: Iterable[Diagnostic], before_prefix: str, after: Iterable[Diagnostic], after_prefix: str
) -> tuple[FindingChange, ...]:
    """New findings (on side B only) by position, then cleared ones (on side A only) by position. When a key has
    more findings on one side than on the other, the last ones by position are the new (or cleared) ones."""
    old, new = _keyed(before, before_prefix), _keyed(after, after_prefix)
    counts_old = Counter({key: len(found) for key, found in old.items()})
    counts_new = Counter({key: len(found) for key, found in new.items()})
    raised = [d for key, extra in (counts_new - counts_old).items() for d in new[key][-extra:]]
    cleared = [d for key, extra in (counts_old - counts_new).items() for d in old[key][-extra:]]
    return tuple(
        [_change("new", d) for d in sorted(raised, key=lambda d: d.sort_key)]
        + [_change("cleared", d) for d in sorted(cleared, key=lambda d: d.sort_key)]
    )
