"""MS Project XML (MSPDI) interchange: `import_mspdi` (a file -> project.yaml, calendars and people) and
`export_mspdi` (a scheduled project -> a file).

Reading goes through `xmlsafe` (defusedxml: no DTDs, no entities, no external references) into plain records
(`source`), which the `*_in` modules map to pmcode's YAML, reporting what they cannot map (PM401, PM402, PM403) at
its line. Writing builds the document with ElementTree (`xmlwrite`, `exporter`), never by pasting strings.

Semantic choices, checked against MS Project's saved dates (tests/test_oracle_mspdi.py):
- A task with resources doing the work is an `effort` task: MS Project schedules each assignment in its resource's
  calendar, and so does pmcode's effort placement, so night shifts and part-time units give the same dates.
- MS Project's project start is a date and time, pmcode's a day: when the time is later than the first working
  moment of that day in a calendar the project uses, it goes onto the top-level tasks as `start`.
- Elapsed-duration tasks start at the moment their links give, even in a non-working hour (elapsed time runs
  round the clock); other tasks at the next working moment. Percentage lags are a share of the predecessor's
  working time. (The oracle files have elapsed tasks only at the project start: the first rule is pmcode's.)
No change to pmcode's scheduling semantics was needed; where MS Project reads a finish differently (a finish
driven to 08:00 by a start-to-finish link), pmcode keeps FORMAT.md's meaning and the oracle test names the task.
"""

from __future__ import annotations

from pmcode.mspdi.exporter import export_mspdi
from pmcode.mspdi.importer import ImportResult, import_mspdi

__all__ = ["ImportResult", "export_mspdi", "import_mspdi"]
