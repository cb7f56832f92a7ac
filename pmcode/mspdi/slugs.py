"""Readable ids from MS Project names (`Develop code` -> `develop-code`), unique within their scope."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MAX_SLUG = 48  # ids may have 64 characters: room for a `-12` suffix
MAX_NAME = 200
_NOT_ID = re.compile(r"[^a-z0-9]+")
# Control characters (C0, C1), line and paragraph separators, and bidirectional overrides (which can make a name
# read differently from what it is): never part of a name.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]+")


def slug(text: str) -> str:
    """Lower-case ASCII letters and digits joined by '-', at most MAX_SLUG characters; '' when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = _NOT_ID.sub("-", ascii_text.lower()).strip("-")
    if len(words) > MAX_SLUG:
        cut = words[:MAX_SLUG]
        words = cut.rsplit("-", 1)[0] if "-" in cut[MAX_SLUG // 2 :] else cut
    return words.strip("-")


def clean_name(text: str, fallback: str) -> str:
    """A name the schema accepts: one line of visible text, 1 to 200 characters."""
    name = " ".join(_CONTROL.sub(" ", text).split())[:MAX_NAME].strip()
    return name or fallback


class Slugs:
    """Hands out ids unique among those already taken: `task`, `task-2`, `task-3`..."""

    def __init__(self, taken: set[str] | None = None) -> None:
        self.taken: set[str] = set(taken or ())

    def unique(self, name: str, fallback: str) -> str:
        base = slug(name) or fallback
        candidate, number = base, 2
        while candidate in self.taken:
            candidate = f"{base}-{number}"
            number += 1
        self.taken.add(candidate)
        return candidate


def variants(base: str, taken: Iterable[str]) -> list[str]:
    """`base` and the ids `Slugs.unique` derives from it (`base-2`, `base-3`...) that are taken, in that order."""
    pattern = re.compile(re.escape(base) + r"(-[0-9]+)?\Z")
    found = [name for name in taken if pattern.match(name)]
    return sorted(found, key=lambda name: (len(name), name))
