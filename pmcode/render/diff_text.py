"""`pmcode diff` as text for a terminal, and the one-line verdict every form starts with.

Plan data (names, paths, messages) goes through `printable`, so a name cannot move the cursor or recolour the
terminal. Numbers: working days signed (`+3`), money with thousands separators and cents.
"""

from __future__ import annotations

from collections.abc import Callable

from pmcode.diff.result import BaselineChange, FieldChange, Move, PlanDiff, ProjectDiff
from pmcode.text import plural, printable

VERDICT_MONEY = ("bac", "eac", "plan")
FIGURE_LABELS = {"bac": "BAC", "eac": "EAC", "plan": "Plan cost", "contingency": "Contingency"}


def figure_label(figure: str) -> str:
    return FIGURE_LABELS.get(figure, figure[0].upper() + figure[1:])


def signed_days(days: float) -> str:
    """`+3 working days`, `-0.5 working days`, `+1 working day`."""
    text = f"{round(days, 2):+g}"
    return f"{text} working {'day' if abs(days) == 1 else 'days'}"


def money(amount: float, currency: str, *, sign: bool = True) -> str:
    return f"{amount:{'+' if sign else ''},.2f} {currency}"


def when(move: Move, before: bool) -> str:
    moment = move.before if before else move.after
    return "-" if moment is None else f"{moment:%Y-%m-%d %H:%M}"


def moved(move: Move, arrow: str = "->") -> str:
    """`+3 working days (2027-05-12 -> 2027-05-17)`."""
    days = "" if move.working_days is None else signed_days(move.working_days) + " "
    first = "none" if move.before is None else move.before.date().isoformat()
    last = "none" if move.after is None else move.after.date().isoformat()
    return f"{days}({first} {arrow} {last})"


VERDICT_PROJECTS = 3  # projects whose finish the verdict names; the rest are counted


def verdict(diff: PlanDiff, name: Callable[[str], str] = printable, arrow: str = "->") -> str:
    """The short verdict: the finish, milestones, tasks, critical path, people, money and findings that changed.
    `name` shows a project id (escaped for the output format)."""
    parts: list[str] = []
    if diff.finish is not None:
        parts.append(f"Finish {moved(diff.finish, arrow)}")
    whole = diff.finish
    finishes = [
        p
        for p in diff.projects
        if p.finish is not None and (whole is None or (p.finish.before, p.finish.after) != (whole.before, whole.after))
    ]
    parts += [f"{name(p.id)} finish {moved(p.finish, arrow)}" for p in finishes[:VERDICT_PROJECTS] if p.finish]
    if len(finishes) > VERDICT_PROJECTS:
        parts.append(f"{len(finishes) - VERDICT_PROJECTS} more projects' finish moved")
    milestones = sum(len(p.milestones) for p in diff.projects)
    if milestones:
        parts.append(f"{plural(milestones, 'milestone')} moved")
    added = sum(1 for p in diff.projects for t in p.tasks if t.change == "added")
    removed = sum(1 for p in diff.projects for t in p.tasks if t.change == "removed")
    other = sum(1 for p in diff.projects for t in p.tasks if t.change not in ("added", "removed"))
    tasks = (
        [f"{added} added"] * bool(added) + [f"{removed} removed"] * bool(removed) + [f"{other} changed"] * bool(other)
    )
    if tasks:
        parts.append("tasks: " + ", ".join(tasks))
    entered = sum(1 for p in diff.projects for c in p.critical if c.entered)
    left = sum(1 for p in diff.projects for c in p.critical if not c.entered)
    if entered or left:
        parts.append(f"critical path: {entered} entered, {left} left")
    new_over = len(diff.newly_overallocated)
    if new_over:
        parts.append(f"{plural(new_over, 'person')} newly over-allocated".replace("persons", "people"))
    parts += [
        f"{figure_label(m.figure)} {money(m.change, diff.currency)}" for m in diff.money if m.figure in VERDICT_MONEY
    ]
    new, cleared = diff.new_findings, diff.cleared_findings
    if new:
        failing = sum(1 for f in new if f.severity == "error")
        parts.append(f"{plural(len(new), 'new finding')}" + (f" ({plural(failing, 'error')})" if failing else ""))
    if cleared:
        parts.append(f"{plural(len(cleared), 'finding')} cleared")
    uncovered = [b for b in diff.baselines if not b.covered]
    if uncovered:
        named = ", ".join(name(b.project) for b in uncovered)
        parts.append(f"baseline changed without an approved change request: {named}")
    if not diff.scheduled:
        parts.append("not scheduled: a side has errors")
    return "; ".join(parts) if parts else "No change to dates, tasks, people, money or findings"


def fields_text(fields: tuple[FieldChange, ...], arrow: str = "->") -> str:
    return "; ".join(f"{f.field} {f.before or '-'} {arrow} {f.after or '-'}" for f in fields)


def _span(move: Move) -> str:
    """`2027-05-19 09:26 -> 2027-05-20 09:26 (+1 working day)`."""
    days = "" if move.working_days is None else f" ({signed_days(move.working_days)})"
    return f"{when(move, True)} -> {when(move, False)}{days}"


def _project_lines(project: ProjectDiff, currency: str) -> list[str]:
    lines = [f"project {printable(project.id)} ({project.status}): {printable(project.name)}"]
    if project.finish is not None:
        lines.append(f"  finish {_span(project.finish)}")
    for move in project.milestones:
        lines.append(f"  milestone {printable(move.path)}: {_span(move)}")
    for task in project.tasks:
        detail = f": {printable(fields_text(task.fields))}" if task.fields and task.change != "added" else ""
        lines.append(f"  {task.change} {printable(task.path)} ({printable(task.name)}){detail}")
    for change in project.critical:
        lines.append(f"  critical path {'entered' if change.entered else 'left'}: {printable(change.path)}")
    for lost in project.float_lost:
        lines.append(
            f"  total float lost: {printable(lost.path)} {lost.before_days:.2f} -> {lost.after_days:.2f} working days"
        )
    for m in project.money:
        lines.append(f"  {m.figure}: {money(m.before, currency, sign=False)} -> {money(m.after, currency, sign=False)}")
    return lines


def baseline_state(baseline: BaselineChange) -> str:
    """Whether a changed baseline passes the change-control gate, in words (never a colour alone)."""
    if baseline.change == "added":
        return "first baseline: no change request needed"
    if baseline.covered:
        return "approved by " + ", ".join(printable(r) for r in baseline.requests)
    return "FAILS: no approved change request covers it (PM624)"


def baseline_line(baseline: BaselineChange) -> str:
    return f"{printable(baseline.project)}: baseline {baseline.change}, {baseline_state(baseline)}"


def render_diff_text(diff: PlanDiff) -> str:
    lines = [f"pmcode diff {printable(diff.before)} -> {printable(diff.after)}", verdict(diff)]
    for m in diff.money:
        before, after = money(m.before, diff.currency, sign=False), money(m.after, diff.currency, sign=False)
        lines.append(f"portfolio {m.figure}: {before} -> {after} ({money(m.change, diff.currency)})")
    for project in diff.projects:
        if project.changed or project.status != "unchanged":
            lines += ["", *_project_lines(project, diff.currency)]
    if diff.people:
        lines += ["", "people whose bookings moved:"]
        for p in diff.people:
            tasks = [f"+{printable(t)}" for t in p.tasks_added] + [f"-{printable(t)}" for t in p.tasks_removed]
            detail = f" ({', '.join(tasks)})" if tasks else ""
            lines.append(f"  {printable(p.person)}: {p.hours_before:.1f} h -> {p.hours_after:.1f} h{detail}")
    if diff.overallocated:
        lines += ["", "over-allocated (unleveled schedule, working days above units, peak):"]
        for o in diff.overallocated:
            new = " (new)" if o.new else ""
            lines.append(
                f"  {printable(o.person)}{new}: {o.days_before:g} d at {o.peak_before:g}% -> "
                f"{o.days_after:g} d at {o.peak_after:g}%"
            )
    if diff.newly_overallocated:
        lines += ["", f"newly over-allocated: {', '.join(printable(p) for p in diff.newly_overallocated)}"]
    if diff.baselines:
        lines += ["", "baselines (change control):"]
        lines += [f"  {baseline_line(b)}" for b in diff.baselines]
    if diff.findings:
        lines += ["", "findings of pmcode check:"]
        for f in diff.findings:
            where = f"{printable(f.file)}:{f.line}:{f.col}"
            lines.append(f"  {f.change}: {where}: {f.severity} {f.code} {printable(f.message)}")
    return "\n".join(lines) + "\n"
