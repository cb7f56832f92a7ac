"""MS Project as an oracle: every MSPDI file in ../shared/oracle/mspdi is imported, validated, scheduled without
leveling (MS Project files are not leveled unless stated) and each task's dates are compared, to the minute, with
the Start/Finish MS Project saved in the file.

Compared: every leaf task MS Project computed itself, i.e. not manually scheduled and without progress (percent
complete or actual dates: those dates were typed, not computed). The files are third-party and are never copied
into this repository: the test reads them where CI has them, and is skipped (saying so) where the folder is absent.

Known differences, each named with the tasks it affects (a mismatch outside this table fails the test, and so does
one of these that starts to match: then the table is out of date):
- legacy__sample.xml, 'Related Task 6b' (UID 21): its finish is driven by a start-to-finish link from a task that
  starts at 08:00. MS Project shows the finish at that moment (08:00 the next morning); pmcode at the end of the
  task's work (17:00 the evening before), as FORMAT.md defines a finish. Same working time, a different clock
  reading of it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mspdi_oracle import compare

ORACLE = Path(__file__).resolve().parent.parent.parent / "shared" / "oracle" / "mspdi"
FILES = sorted(ORACLE.glob("*.xml")) if ORACLE.is_dir() else []
EXACT = {
    "telerik__SDLC.xml",
    "task-links__task-links-project2013-mspdi.xml",
    "slack9.xml",
    "task-durations__task-durations-project2013-mspdi.xml",
}
MINIMUM_RATE = 0.95
KNOWN = {  # file -> {task UID: why pmcode differs}
    "legacy__sample.xml": {21: "finish driven by a start-to-finish link at 08:00: pmcode reports 17:00 the day before"},
}


@pytest.mark.skipif(not FILES, reason=f"no MS Project oracle files at {ORACLE}")
@pytest.mark.parametrize("source", FILES, ids=[f.name for f in FILES])
def test_dates_match_ms_project(source: Path, tmp_path: Path) -> None:
    result = compare(source, tmp_path)
    print(f"{source.name}: {result.matched}/{result.compared} tasks match ({result.rate:.1%})")
    assert result.compared > 0
    known = KNOWN.get(source.name, {})
    unexpected = {uid: why for uid, why in result.mismatches.items() if uid not in known}
    assert not unexpected, "\n".join(unexpected.values())
    assert set(result.mismatches) == set(known), (
        f"known differences that now match: {set(known) - set(result.mismatches)}"
    )
    if source.name in EXACT:
        assert result.rate == 1.0
    else:
        assert (result.matched + len(known)) / result.compared >= MINIMUM_RATE


def test_every_named_file_is_there() -> None:
    if not FILES:
        pytest.skip(f"no MS Project oracle files at {ORACLE}")
    names = {f.name for f in FILES}
    assert names >= EXACT | set(KNOWN)
