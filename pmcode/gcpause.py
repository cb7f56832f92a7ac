"""Pausing Python's cyclic garbage collector while a plan is loaded or scheduled.

Reading a 10,000-task plan allocates hundreds of thousands of small objects; each allocation burst triggers a
full collection that walks all of them again, which measured at a third of the run time. The pipeline creates no
reference cycles (data, positions and the model are trees), so reference counting frees everything anyway.

When the pause ends, everything made during it would be scanned by the very next collection (the allocation count
keeps running while the collector is off): on a 100,000-task schedule, most of a second. Freezing and unfreezing
first moves it all to the oldest generation unscanned, with the count reset; it stays collectable there, like any
long-lived object.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
