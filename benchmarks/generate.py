"""Synthetic portfolios for benchmarks: the same plan as pmcode YAML and as a TaskJuggler project.

Shape: projects of 100 tasks (10 phases of 10), each phase a chain with start-to-start cross-links to the
previous phase, a link from each project's second phase to the previous project's first milestone, effort tasks
shared among a pool of people (so leveling has real work to do) and duration tasks, on a Monday-Friday calendar
with holidays. Only FS and SS links with working-day lags are used, the subset both tools express the same way.

The cross-project link leaves from a first phase, which itself waits for no other project, so projects overlap as
in a real portfolio. (It used to enter the first phase: then every project waited for the one before it, 100
projects ran one after another for some 20 years, and past the 1,000 projects of the 100k plan most tasks fell
beyond the scheduling horizon, so the benchmark timed failures: tj3 gave up on the 10k plan too.)
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

PHASES, PER_PHASE = 10, 10
HOLIDAYS = [f"{year}-{month_day}" for year in range(2027, 2035) for month_day in ("01-01", "07-05", "12-25")]


@dataclass
class Task:
    id: str
    kind: str  # effort | length | milestone
    days: int
    people: list[str] = field(default_factory=list)
    depends: list[tuple[str, str, int]] = field(default_factory=list)  # (ref, FS|SS, lag days)
    priority: int = 500


@dataclass
class Plan:
    people: list[str]
    projects: list[list[tuple[str, list[Task]]]]  # per project: phases of tasks


def make_plan(tasks: int, people: int, seed: int = 7) -> Plan:
    rng = random.Random(seed)
    pool = [f"p{n}" for n in range(people)]
    projects = []
    for project in range(max(1, tasks // (PHASES * PER_PHASE))):
        phases = []
        for phase in range(PHASES):
            items = []
            for n in range(PER_PHASE):
                last = n == PER_PHASE - 1
                if last:
                    task = Task(f"t{n}", "milestone", 0)
                elif rng.random() < 0.6:
                    task = Task(f"t{n}", "effort", rng.randint(2, 10), rng.sample(pool, rng.choice((1, 1, 2))))
                else:
                    task = Task(f"t{n}", "length", rng.randint(1, 8))
                task.priority = rng.choice((300, 500, 500, 700))
                if n:
                    task.depends.append((f"t{n - 1}", "FS", 0))
                if n and phase and rng.random() < 0.3:
                    task.depends.append((f"ph{phase - 1}.t{rng.randrange(PER_PHASE - 1)}", "SS", rng.randint(1, 3)))
                if n == 0 and phase:
                    task.depends.append((f"ph{phase - 1}.t{PER_PHASE - 1}", "FS", 0))
                if n == 0 and phase == 1 and project:
                    task.depends.append((f"proj{project - 1}:ph0.t{PER_PHASE - 1}", "FS", 0))
                items.append(task)
            phases.append((f"ph{phase}", items))
        projects.append(phases)
    return Plan(pool, projects)


def write_pmcode(plan: Plan, root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / "portfolio.yaml").write_text("name: Benchmark\ncurrency: USD\ncalendar: standard\n")
    holidays = ", ".join(HOLIDAYS)
    (root / "calendars.yaml").write_text(f"calendars:\n  - id: standard\n    holidays: {{dates: [{holidays}]}}\n")
    people = "".join(f"  - {{id: {p}, name: Person {p}}}\n" for p in plan.people)
    (root / "people.yaml").write_text("people:\n" + people)
    for number, phases in enumerate(plan.projects):
        lines = [f"name: Project {number}", "start: 2027-01-04", "tasks:"]
        for phase_id, items in phases:
            lines += [f"  - id: {phase_id}", f"    name: Phase {phase_id}", "    tasks:"]
            for task in items:
                fields = [f"id: {task.id}", f"name: Task {task.id}"]
                if task.kind == "milestone":
                    fields.append("milestone: true")
                elif task.kind == "effort":
                    fields += [f"effort: {task.days}d", f"assign: [{', '.join(task.people)}]"]
                else:
                    fields.append(f"duration: {task.days}d")
                if task.priority != 500:
                    fields.append(f"priority: {task.priority}")
                links = [_pmcode_link(ref, kind, lag) for ref, kind, lag in task.depends]
                if links:
                    fields.append(f"depends: [{', '.join(links)}]")
                lines.append(f"      - {{{', '.join(fields)}}}")
        folder = root / f"proj{number}"
        folder.mkdir(exist_ok=True)
        (folder / "project.yaml").write_text("\n".join(lines) + "\n")


def _pmcode_link(ref: str, kind: str, lag: int) -> str:
    if kind == "FS" and not lag:
        return f"'{ref}'" if ":" in ref else ref
    return f"{{task: '{ref}', type: {kind}, lag: {lag}d}}"


def write_tjp(plan: Plan, path: Path) -> None:
    """The same plan for TaskJuggler 3 (tj3). Paths are absolute (`proj0.ph1.t3`)."""
    out = ['project bench "Benchmark" 2027-01-04 +7y {', '  timezone "UTC"', "  now 2027-01-04", "}"]
    out += [f'leaves holiday "Holiday" {day}' for day in HOLIDAYS]
    out += [f'resource {p} "Person {p}"' for p in plan.people]
    for number, phases in enumerate(plan.projects):
        out.append(f'task proj{number} "Project {number}" {{')
        for phase_id, items in phases:
            out.append(f'  task {phase_id} "Phase {phase_id}" {{')
            for task in items:
                body = []
                if task.kind == "milestone":
                    body.append("milestone")
                elif task.kind == "effort":
                    body += [f"effort {task.days}d", f"allocate {', '.join(task.people)}"]
                else:
                    body.append(f"length {task.days}d")
                if task.priority != 500:
                    body.append(f"priority {task.priority}")
                for ref, kind, lag in task.depends:
                    target = (
                        ref.replace(":", ".")
                        if ":" in ref
                        else (f"proj{number}.{ref}" if "." in ref else f"proj{number}.{phase_id}.{ref}")
                    )
                    options = []
                    if kind == "SS":
                        options.append("onstart")
                    if lag:
                        options.append(f"gaplength {lag}d")
                    body.append(f"depends {target}" + (f" {{ {' '.join(options)} }}" if options else ""))
                out.append(f'    task {task.id} "Task {task.id}" {{ {" ".join(body)} }}')
            out.append("  }")
        out.append("}")
    out += ['taskreport "bench" {', "  formats csv", "  columns id, start, end", "}"]
    path.write_text("\n".join(out) + "\n")
