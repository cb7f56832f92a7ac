"""Every diagnostic code pmcode can emit, with its default severity and documentation.

Codes are stable: tools and CI configurations match on them, so a code is never reused for another meaning.
The diagnostics reference (site/docs/reference/diagnostics.md) is generated from this table, and a test fails
when the code emits a code that is not listed here.
"""

from __future__ import annotations

from pmcode.codebook import Code, E, W
from pmcode.diagnostics import Severity
from pmcode.records.codes import RECORD_CODES

__all__ = ["CODES", "Code"]

_TABLE = [
    # Reading files (PM0xx): the file cannot be read as one safe YAML document.
    Code("PM001", E, "File too large", "Plan files are capped at 5 MB. Split a large project into several."),
    Code(
        "PM002",
        E,
        "Not UTF-8",
        "Files must be UTF-8 text. A UTF-8 byte-order mark is accepted; UTF-16 is not.",
    ),
    Code(
        "PM003",
        E,
        "YAML syntax error",
        "The file is not valid YAML; the position is where the parser stopped.",
    ),
    Code(
        "PM004",
        E,
        "Tab indentation",
        "YAML indentation must use spaces. Configure the editor to insert spaces.",
    ),
    Code(
        "PM005",
        E,
        "Anchor or alias",
        "Anchors (`&name`) and aliases (`*name`) are refused: they make files hard to review and allow "
        "'billion laughs' expansion attacks. Write the values out.",
    ),
    Code("PM006", E, "Nested too deeply", "Mappings and lists may nest at most 50 levels."),
    Code(
        "PM007",
        E,
        "Duplicate key",
        "A key appears twice in one mapping; YAML would silently keep one value. Remove or rename one.",
    ),
    Code("PM008", E, "Several documents", "A plan file holds exactly one YAML document (no second `---`)."),
    Code(
        "PM009",
        E,
        "Tag not allowed",
        "Explicit tags such as `!!python/object` or `!!binary` are refused; only `!!str` is accepted.",
    ),
    Code("PM010", E, "Complex key", "Mapping keys must be plain values, not lists or mappings."),
    Code(
        "PM011",
        E,
        "File not readable",
        "The file cannot be read, is not a regular file, or is a symbolic link (never followed, so that a "
        "change cannot make pmcode read outside the portfolio root).",
    ),
    Code(
        "PM012",
        W,
        "Unrecognised file",
        "A YAML file that pmcode does not read, usually a misspelt name such as `projet.yaml` or a `.yml` "
        "extension. It is ignored.",
    ),
    Code(
        "PM013",
        E,
        "Missing file",
        "A required file is missing: `portfolio.yaml` at the root, or `project.yaml` in a folder that has other "
        "plan files.",
    ),
    Code(
        "PM014",
        E,
        "Bad file or folder name",
        "A project folder must be a valid id (it is the project id), and an actuals file is named after its period "
        "(`actuals/2027-02.yaml`).",
    ),
    Code(
        "PM015",
        E,
        "Markdown record without front matter",
        "A Markdown record (`meetings/*.md`) starts with YAML front matter: a `---` line, the record's fields, and a "
        "closing `---` line; the minutes follow as Markdown.",
    ),
    # Schema (PM1xx): the file does not match its JSON Schema.
    Code(
        "PM100",
        E,
        "Schema violation",
        "The value does not satisfy the schema (a rule not covered by PM101-PM105).",
    ),
    Code(
        "PM101",
        E,
        "Unknown key",
        "A key the schema does not define, usually a typo; the message suggests the closest key.",
    ),
    Code(
        "PM102",
        E,
        "Wrong type",
        "The value has the wrong type, e.g. a list where a single value is expected.",
    ),
    Code("PM103", E, "Missing key", "A required key is missing."),
    Code(
        "PM104",
        E,
        "Invalid value",
        "The value has the right type but not an allowed form or range: a duration like `5d`, a percentage like "
        "`50%`, one of a fixed set of words, a number within limits.",
    ),
    Code("PM105", E, "Invalid date", "The value looks like a date but is not one, e.g. `2027-02-30`."),
    # Plan rules (PM2xx): the files are well-formed, but the plan does not hold together.
    Code(
        "PM201",
        E,
        "Duplicate id",
        "Two items of the same kind share an id (tasks are unique among their siblings).",
    ),
    Code(
        "PM202",
        E,
        "Unknown task",
        "A reference to a task that does not exist. References are looked up among siblings, then in each enclosing "
        "summary up to the project root; `project:path` refers to another project's task.",
    ),
    Code("PM203", E, "Unknown person", "A reference to a person not defined in people.yaml."),
    Code("PM204", E, "Unknown role", "A reference to a role not defined in people.yaml."),
    Code("PM205", E, "Unknown calendar", "A reference to a calendar not defined in calendars.yaml."),
    Code("PM206", E, "Unknown project", "A reference to a project folder that does not exist."),
    Code(
        "PM207",
        E,
        "Dependency cycle",
        "Tasks depend on each other in a loop, so none of them can be scheduled. The message names the whole cycle. "
        "A task that depends on its own summary (or a summary on its own child) is a cycle too.",
    ),
    Code(
        "PM208",
        E,
        "Task kind",
        "A task must be exactly one of: a `duration` task, an `effort` task, a milestone (`milestone: true`) or a "
        "summary (with child `tasks`).",
    ),
    Code(
        "PM209",
        E,
        "Effort without people",
        "An `effort` task needs `assign`: effort is work that somebody does.",
    ),
    Code(
        "PM210",
        E,
        "Range reversed",
        "The end of a range comes before its start: leave or availability `to` before `from`, a budget line's "
        "months, or a working interval such as `17:00-09:00`.",
    ),
    Code(
        "PM211",
        E,
        "Assigned outside availability",
        "A person is assigned to work that cannot fall inside their availability window (for example their "
        "contract ends before the project starts), or has hours booked in a month they were not available.",
    ),
    Code(
        "PM212",
        E,
        "Status date before start",
        "A project's own `status_date` ('now') is before its start. A portfolio-wide status date before the start "
        "of a project that has not begun yet is normal and not reported.",
    ),
    Code(
        "PM213",
        E,
        "Actuals in the future",
        "An actuals file covers a month after the project's status date, or its own status date is later than "
        "the project's: actuals record what has happened.",
    ),
    Code(
        "PM214",
        E,
        "Unknown budget line",
        "A reference to a budget line not defined in the project's budget.yaml (from a task's `line`, an actual "
        "cost, or a variance note).",
    ),
    Code("PM215", E, "Period mismatch", "An actuals file's `period` differs from its file name."),
    Code(
        "PM216",
        E,
        "Unknown holiday region",
        "The calendar's holiday `country` or `subdiv` is not known to the `holidays` package.",
    ),
    Code("PM217", E, "Overlapping hours", "A calendar's working intervals overlap or are out of order."),
    Code(
        "PM218",
        E,
        "Not allowed on this task kind",
        "A key that makes no sense for the task's kind, e.g. `assign` on a summary or milestone, or `alap` on a "
        "summary.",
    ),
    Code(
        "PM219",
        W,
        "Baseline task not in plan",
        "The baseline names a task that is no longer in the plan. Re-baseline through change control if it was "
        "removed on purpose.",
    ),
    Code(
        "PM220",
        W,
        "Hours on unassigned task",
        "Actual hours are booked by a person who is not assigned to that task (or its summary).",
    ),
    Code("PM221", W, "Leave overlaps", "Two leave entries of the same person overlap."),
    Code(
        "PM222",
        E,
        "No working time",
        "A calendar has no working hours on any day of the week, so nothing scheduled in it could ever finish.",
    ),
    # Risk inputs (PM25x): estimates and risks that `pmcode risk` cannot sample.
    Code(
        "PM250",
        E,
        "Range out of order",
        "A three-point range (a task's `estimate`, a risk's `schedule` or `cost` impact) must have min <= likely <= "
        "max. The finding points at the value out of place.",
    ),
    Code(
        "PM251",
        E,
        "Estimate does not fit the task",
        "An `estimate` ranges over the task's own `duration` or `effort`, in the same kind of units: working time "
        "(`h`, `d`, `w`, `mo`) for an effort or a working duration, elapsed time (`eh`, `ed`, `ew`) for an elapsed "
        "duration. A milestone or a summary has nothing to estimate: estimate its tasks.",
    ),
    Code(
        "PM252",
        E,
        "Unknown task in a risk",
        "A risk's `schedule.tasks` (in the project's raid.yaml) names a task that is not in the project (write its "
        "dotted path from the project root), or a milestone or summary, which has no duration of its own to "
        "lengthen.",
    ),
    # Schedule (PM3xx): found by scheduling a valid plan.
    Code(
        "PM301",
        W,
        "Deadline missed",
        "The task or milestone is scheduled to finish after the end of its `deadline` day. Deadlines are checks, "
        "not constraints: the schedule shows where the plan really lands.",
    ),
    Code(
        "PM302",
        E,
        "Cannot be scheduled",
        "No dates can be found for the task, for example because everybody assigned to it has left (their "
        "`available.to` is before the work can start), or because it waits for a task that cannot be scheduled. "
        "The message names the reason.",
    ),
    Code(
        "PM303",
        W,
        "Over-allocated",
        "With leveling off (`--no-level`), a person is booked above their units in some stretch: the message "
        "gives the working days affected, the peak booking and the tasks involved. Leveling delays tasks so that "
        "this does not happen.",
    ),
    Code(
        "PM304",
        W,
        "Assigned above units",
        "An assignment asks for more of a person than they work (for example `units: 100%` for someone at 50%); "
        "the task is scheduled with what they have.",
    ),
    Code(
        "PM305",
        W,
        "Under-staffed",
        "A task of fixed length (a `duration`) keeps its dates when leveling, so a person booked elsewhere during "
        "its span gives it only the time they have left; the message says how many of the planned hours remain. "
        "Make it an `effort` task to let leveling move it, or change the other bookings.",
    ),
    Code(
        "PM306",
        W,
        "Constraint breaks a link",
        "A `must_start_on` or `must_finish_on` date is earlier than the task's links allow. The constraint wins "
        "(as in MS Project), so a predecessor overlaps it: move the date or the links.",
    ),
    Code(
        "PM307",
        W,
        "Progress on a summary",
        "An actuals file reports progress or actual dates for a summary task. A summary's progress and dates follow "
        "from the tasks below it, so the report is left out: report its tasks instead.",
    ),
    Code(
        "PM308",
        E,
        "Actual date after the status date",
        "An actual start or finish is later than the project's status date (the latest status date of its actuals "
        "files). Actuals record what has happened, so the date is left out and the task is scheduled as if it had "
        "not been reported. Progress reported for a task planned to start later is fine: it started early.",
    ),
    Code(
        "PM309",
        E,
        "Actual dates reversed",
        "A task's actual finish (from one actuals file) is before its actual start (from another). The finish is "
        "left out. Within one file, the same mistake is PM210.",
    ),
    Code(
        "PM310",
        W,
        "Progress and dates disagree",
        "A task has an actual finish but is reported less than 100% complete (it counts as finished), or a "
        "milestone is reported partly complete (a milestone is reached or not: it counts as not reached).",
    ),
    # Interchange (PM4xx): reading and writing other tools' files (MS Project XML).
    Code(
        "PM401",
        W,
        "Not imported",
        "The MS Project file uses something pmcode does not model (a manually scheduled summary, a task calendar, "
        "a start-no-later-than or finish-no-later/earlier-than constraint, a split, a calendar exception that "
        "changes working hours, progress...). The message says what was left out; the plan is imported without it, "
        "so its dates may differ from MS Project's there.",
    ),
    Code(
        "PM402",
        W,
        "Imported approximately",
        "Something in the MS Project file is imported in the nearest pmcode form: a 'milestone' with a duration "
        "becomes a task, a recurring task its occurrences, an estimated duration a plain one, people on a summary "
        "or milestone are left off. The message says what was changed.",
    ),
    Code(
        "PM403",
        W,
        "Portfolio entry kept",
        "calendars.yaml or people.yaml already has an entry with the id an imported calendar or resource would get. "
        "The existing entry is never changed: the same person is reused as is, and a different one makes the "
        "imported entry take a new id, named in the message.",
    ),
    Code(
        "PM404",
        E,
        "Not an MS Project file",
        "The file is not MS Project XML (MSPDI) that can be read safely: not well-formed XML, a root element other "
        "than MS Project's <Project>, or a DTD or entity declaration (refused: they allow entity-expansion attacks).",
    ),
    Code(
        "PM405",
        W,
        "Not exported",
        "Something in the plan has no place in MS Project XML and is left out of the exported file (for example "
        "alternatives on an assignment, a link to another project, or a holiday country expanded only over the "
        "project's years). The message says what.",
    ),
    # Money (PM5xx, the first twenty): found by costing a scheduled plan, and by baselines.
    Code(
        "PM501",
        W,
        "No hourly rate",
        "A person works on the plan (or booked hours) on days for which neither they nor their role have a rate: "
        "no `rate`, and no `rates` entry from that day or earlier. Those hours are costed at 0, so the plan looks "
        "cheaper than it is. Give the person or their role a `rate` in people.yaml.",
    ),
    Code(
        "PM502",
        W,
        "Budget line and its tasks disagree",
        "A budget line has its own `amount` (or `monthly` amount) and tasks book fixed costs to it with `line:`, "
        "but the two totals differ. The plan spends the tasks' costs, on the tasks' working days; the line's own "
        "amount is then only its approved total. Make them agree, or drop the line's amount.",
    ),
    Code(
        "PM510",
        E,
        "Baseline revision not readable",
        "`--baseline REV` needs git and a revision of the repository that holds the portfolio: git is missing, the "
        "portfolio is not in a git repository, or the revision (commit, tag, branch) does not exist there.",
    ),
    Code(
        "PM511",
        E,
        "No baseline at that revision",
        "The revision exists, but the project had no baseline.yaml then (or it was not a regular file). Save one "
        "with `pmcode baseline save` and commit it, or name a later revision.",
    ),
    Code(
        "PM520",
        Severity.INFO,
        "No baseline",
        "Earned value measures progress against a baseline, and the project has none (no baseline.yaml, or none at "
        "the revision given with `--baseline`): its planned and earned value are not computed, only its actual cost. "
        "Run `pmcode baseline save --project ID` once the plan is agreed, and commit the file.",
    ),
    # Checks (PM53x-PM54x): `pmcode check` judging the plan against its thresholds. A threshold finding is a warning
    # past the `warn` level and an error past `fail`; the message names the threshold, the level and where it is set.
    Code(
        "PM530",
        W,
        "Milestone slip",
        "A milestone's forecast (the schedule tracked from the status date) is later than its date in baseline.yaml "
        "by more working days of the project calendar than `milestone_slip_days` allows. The finding points at the "
        "progress or actual date that made it late (following the links that drive it), else at the task where the "
        "lateness starts. Recover the time, or re-baseline through change control.",
    ),
    Code(
        "PM531",
        W,
        "Finish slip",
        "The project's forecast finish is later than the baseline's `finish` by more working days than "
        "`finish_slip_days` allows; located like PM530, from the task that finishes last.",
    ),
    Code(
        "PM532",
        W,
        "Over-allocated week",
        "Somebody is booked above their units in a week (Monday to Sunday, their own calendar, leave and "
        "availability) by more than `overallocation_pct`, after the status date; consecutive weeks make one finding, "
        "at the assignment with the most hours in the worst week. A leveled schedule never does this: it shows in "
        "`pmcode check --no-level`.",
    ),
    Code(
        "PM533",
        W,
        "Forecast over budget",
        "The project's forecast at completion (actuals + remaining plan, finance view) is above its budget by more "
        "than `budget_variance_pct`. Located at the biggest actuals entry of the line that grows most when that line "
        "is already overspent, else at that line in budget.yaml.",
    ),
    Code(
        "PM534",
        E,
        "Forecast over annual envelope",
        "A fiscal year's capex or opex forecast is above the envelope approved for it (`annual` in budget.yaml). "
        "Move spending to another year, cut it, or have the envelope raised.",
    ),
    Code(
        "PM535",
        E,
        "Unexplained variance",
        "In a month up to the status date, the actual spending on a budget line is above that month's budget by more "
        "than `budget_variance_pct` (its `warn` level, else `fail`), or there was no budget for it, and that month's "
        "actuals file has no `notes` entry `about` the line or a task charged to it. A warning above the `warn` "
        "level, an error above `fail` (or with no budget at all). Add a note saying why and what is done about it: "
        "the finding becomes PM536, a warning.",
    ),
    Code(
        "PM536",
        W,
        "Explained variance",
        "A variance as in PM535 that the period's actuals file explains in a `notes` entry; the finding quotes it.",
    ),
    Code(
        "PM540",
        W,
        "Earned-value threshold",
        "An earned-value indicator of the project, cumulative at its status date, is past a threshold: `cpi`, `spi` "
        "or `spi_t` below it, `cv_pct`, `sv_pct` or `vac_pct` (unfavourable percentages: overrun of EV, lag of PV, "
        "EAC over BAC) above it. An undefined indicator never breaches. Cost indicators point at the biggest money "
        "entry of the latest actuals file, schedule indicators at its progress entry furthest behind the baseline.",
    ),
    Code(
        "PM550",
        W,
        "Reserves below risk contingency",
        "The project has estimates or risks, and its P80 cost from `pmcode risk` (10,000 iterations, seed 1) exceeds "
        "the plan's cost by more than the budget's reserves (contingency + management). Graded by "
        "`risk_reserve_gap_pct`, the shortfall as a percent of that gap, when set; without it, any shortfall is a "
        "warning. Raise the reserves, or reduce the risks.",
    ),
]

_TABLE.extend(RECORD_CODES)  # PM6xx: requirements, RAID, changes, status, meetings, quality, operations, strategy

CODES: dict[str, Code] = {code.code: code for code in _TABLE}
assert len(CODES) == len(_TABLE), "duplicate diagnostic code"
