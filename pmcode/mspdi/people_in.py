"""MS Project resources -> pmcode people.

Work resources become people: name, e-mail, standard rate (MSPDI stores it per hour, as pmcode does), max units,
availability, and their calendar. A resource calendar that only adds days off to its base calendar keeps the base
calendar and the days become leave. Material and cost resources are not people: reported, not imported.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from pmcode.model.units import parse_percent
from pmcode.mspdi.calendars_in import CalendarMapper
from pmcode.mspdi.findings import Findings
from pmcode.mspdi.slugs import Slugs, clean_name, slug, variants
from pmcode.mspdi.source import MsProject, MsResource
from pmcode.mspdi.tasks_in import Staff
from pmcode.mspdi.units import amount_text
from pmcode.text import quote

WORK = 1
_EMAIL = re.compile(r"[^@\s\x00-\x1f\x7f]+@[^@\s\x00-\x1f\x7f]+\.[^@\s\x00-\x1f\x7f]+\Z")
MAX_UNITS = 9.99  # 999%
MAX_RATE = 100000


def _is_placeholder(resource: MsResource) -> bool:
    """MS Project's resource UID 0 without a name stands for 'unassigned'."""
    return resource.null or (resource.uid == 0 and not resource.name)


class People:
    """The people to add to people.yaml, with a comment for each, and every imported resource by UID."""

    def __init__(self) -> None:
        self.entries: list[dict[str, Any]] = []
        self.comments: list[tuple[str, str]] = []
        self.staff: dict[int, Staff] = {}


def map_people(
    project: MsProject,
    findings: Findings,
    calendars: CalendarMapper,
    existing: list[dict[str, Any]],
    hours_per_day: float,
) -> People:
    """People from the file's work resources. A resource whose id and name match a person already in people.yaml
    is that person (their entry is kept as it is); a different person with the same id makes a new id (PM403)."""
    known = {entry["id"]: entry for entry in existing}
    slugs = Slugs(set(known))
    result = People()
    used = {a.resource_uid for a in project.assignments}
    for resource in project.resources.values():
        if _is_placeholder(resource):
            continue
        name = clean_name(resource.name, f"Resource {resource.uid}")
        if resource.type != WORK:
            if resource.uid in used:
                kind = "material" if resource.type == 0 else "cost"
                findings.add(
                    resource.line, "PM401", f"{kind} resource {quote(name)} is not imported (pmcode staffs people)"
                )
            continue
        natural = slug(name) or f"r{resource.uid}"
        calendar_uid = resource.calendar_uid if resource.calendar_uid >= 0 else project.calendar_uid
        reused = next((i for i in variants(natural, known) if known[i].get("name") == name), None)
        if reused is not None:
            units = parse_percent(known[reused].get("units", "100%"))
            result.staff[resource.uid] = Staff(reused, units, calendar_uid)
            findings.add(resource.line, "PM403", f"resource {quote(name)} is '{reused}' of people.yaml, kept as it is")
            continue
        same = known.get(natural)
        person_id = slugs.unique(name, f"r{resource.uid}")
        if same is not None:
            other = quote(str(same.get("name")))
            message = f"people.yaml already has a different '{natural}' ({other}): {quote(name)} is '{person_id}'"
            findings.add(resource.line, "PM403", message)
        entry: dict[str, Any] = {"id": person_id, "name": name}
        if _EMAIL.match(resource.email) and len(resource.email) <= 254:
            entry["email"] = resource.email
        if 0 < resource.standard_rate <= MAX_RATE:
            rate = round(resource.standard_rate, 4)
            entry["rate"] = int(rate) if rate == int(rate) else rate
        entry["calendar"] = calendars.calendar_id(calendars.base_of(calendar_uid), hours_per_day)
        units = min(resource.max_units, MAX_UNITS)
        if units <= 0:
            findings.add(resource.line, "PM402", f"{quote(name)} has no max units in MS Project: imported at 100%")
            units = 1.0
        if abs(units - 1) > 1e-9:
            entry["units"] = f"{amount_text(units * 100)}%"
        leave = [
            {"from": first.isoformat(), "to": last.isoformat(), **({"reason": clean_name(why, "")} if why else {})}
            for first, last, why in calendars.own_days_off(resource.calendar_uid)
        ]
        if leave:
            entry["leave"] = leave
        available = {}
        if resource.available_from is not None:
            available["from"] = resource.available_from.date().isoformat()
        if resource.available_to is not None:
            available["to"] = (resource.available_to - timedelta(minutes=1)).date().isoformat()
        if available and available.get("from", "") <= available.get("to", "9999"):
            entry["available"] = available
        result.entries.append(entry)
        result.comments.append((person_id, f"resource UID {resource.uid}"))
        result.staff[resource.uid] = Staff(person_id, units, calendar_uid)
    return result
