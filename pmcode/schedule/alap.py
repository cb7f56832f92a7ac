"""As late as possible: after both passes, `alap: true` tasks move towards their late dates.

A task moves only as far as the tasks after it, where they are now placed, allow: its successors keep their dates
(a successor with float of its own stays early, so the task cannot take that float) and only the summaries above
it are rolled up again. Tasks are moved successors first, so a chain of `alap` tasks moves together. With
leveling, a task with people moves only if its people have room for it at the late position; otherwise it stays
where the forward pass put it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from pmcode.schedule.backward import LATEST, Backward, topological_order
from pmcode.schedule.calendar import BeyondHorizon
from pmcode.schedule.forward import Forward
from pmcode.schedule.leveling import place_leveled_effort
from pmcode.schedule.load import Booking
from pmcode.schedule.network import FINISH, FIRST_START, LAST_FINISH, START
from pmcode.schedule.placed import EARLIEST, Placed
from pmcode.schedule.placement import Bounds


def shift_alap(forward: Forward, late: list[int]) -> None:
    network = forward.network
    tasks = [
        n
        for n in network.tasks
        if n.leaf and n.task.alap and isinstance(forward.results[n.index], Placed) and not forward.is_tracked(n.index)
    ]
    if not tasks:
        return
    rank = {node: position for position, node in enumerate(topological_order(network))}
    tasks.sort(key=lambda n: rank[4 * n.index + FINISH], reverse=True)  # successors first
    backward = Backward(forward, forward.calendars)  # its lag arithmetic, against the moments now placed
    moved = False
    for node in tasks:
        placed = forward.results[node.index]
        assert isinstance(placed, Placed)
        base = 4 * node.index
        latest_start, latest_finish = _limits(forward, backward, late, node.index)
        if latest_finish >= LATEST or latest_finish <= placed.finish:
            continue
        origin = max(placed.start, min(latest_start, backward.start_for_finish(node.index, placed, latest_finish)))
        shifted = _shift(
            forward, node.index, placed, origin, partial(_fits, forward, backward, late, node.index, placed)
        )
        if shifted is not None:
            if placed.resume is not None:  # not started yet, in a project with actuals
                shifted.resume = shifted.start
            forward.results[node.index] = shifted
            forward.value[base + START], forward.value[base + FINISH] = shifted.start, shifted.finish
            moved = True
    if moved:
        _roll_up(forward)


def _limits(forward: Forward, backward: Backward, late: list[int], index: int) -> tuple[int, int]:
    """The latest start and finish of a leaf, from the tasks after it as placed now and from its late dates."""
    base = 4 * index
    start = min(late[base + START], _room(forward, backward, base + START, {}))
    return start, min(late[base + FINISH], _room(forward, backward, base + FINISH, {}))


def _room(forward: Forward, backward: Backward, node: int, seen: dict[int, int]) -> int:
    """The latest moment event `node` may take without moving any placed task after it: through summary gates and
    roll-ups (passed through as the backward pass does) to the starts and finishes the links lead to."""
    network = forward.network
    latest = LATEST
    for target in network.out[node]:
        index = target // 4
        if network.tasks[index].leaf:
            if target == node + 1 and node // 4 == index:
                continue  # a leaf's own start -> finish
            anchor = forward.value[target]
            if anchor is None:  # not scheduled: nothing to keep in place
                continue
        else:
            if target not in seen:
                seen[target] = _room(forward, backward, target, seen)
            anchor = seen[target]
        latest = min(latest, backward.latest_before(node, target, anchor))
    return latest


def _shift(forward: Forward, index: int, placed: Placed, origin: int, fits: Callable[[Placed], bool]) -> Placed | None:
    """The task placed again from `origin`, or None (and the task as it was) if that place does not `fit`."""
    workers = forward.people(index)
    people = {w.person for w in workers} | set(placed.hours)  # with whoever an alternative brought in
    bookings = _unbook(forward, index, people)
    notes = list(forward.notes)
    moved: Placed | None
    if not workers or not forward.level or not forward.effort_minutes(index):
        # Fixed-length work keeps its length: placed from its late start, booked as the forward pass books it.
        forward.notes = [note for note in notes if note[0] != index]
        try:
            moved = forward.fixed(index, workers, Bounds(origin, EARLIEST, EARLIEST))
        except BeyondHorizon:
            moved = None
    else:
        moved = _leveled(forward, index, origin)
    if moved is None or not fits(moved):
        _unbook(forward, index, people | set(moved.hours if moved else ()))
        for person, booking in bookings:
            forward.loads[person].add(booking)
        forward.notes = notes
        return None
    return moved


def _fits(forward: Forward, backward: Backward, late: list[int], index: int, placed: Placed, moved: Placed) -> bool:
    """Later than where it was, never earlier at either end (so the links into it still hold), within its limits
    as the links out of it count from the new place (a percentage lag follows the task's span), and without a
    summary above it ending up later than the links out of that summary allow (a summary's span changes too)."""
    if (moved.start, moved.finish) == (placed.start, placed.finish):
        return False
    before = _summary_overruns(forward, backward, index)
    forward.results[index] = moved
    try:
        latest_start, latest_finish = _limits(forward, backward, late, index)
        after = _summary_overruns(forward, backward, index)
    finally:
        forward.results[index] = placed
    if any(now > then for now, then in zip(after, before, strict=True)):
        return False
    return placed.start <= moved.start <= latest_start and placed.finish <= moved.finish <= latest_finish


def _summary_overruns(forward: Forward, backward: Backward, index: int) -> list[int]:
    """For each summary above a task, first start then last finish: how much later than the tasks after it allow
    (0: not at all; more only where a constraint already broke a link)."""
    overruns = []
    parent = forward.network.tasks[index].parent
    while parent >= 0:
        span = forward.placed_span(parent)
        for end, moment in zip((FIRST_START, LAST_FINISH), span or (None, None), strict=True):
            room = _room(forward, backward, 4 * parent + end, {})
            overruns.append(0 if moment is None else max(0, moment - room))
        parent = forward.network.tasks[parent].parent
    return overruns


def _leveled(forward: Forward, index: int, origin: int) -> Placed | None:
    """Effort on the capacity people have left, from `origin` on (alternatives chosen again there)."""
    effort = forward.effort_minutes(index)
    try:
        workers = forward._with_alternatives(index, forward.people(index), effort, origin)
        start, finish, pieces = place_leveled_effort(
            workers, [forward.loads[w.person] for w in workers], effort, origin
        )
    except BeyondHorizon:
        return None
    moved = Placed(start, finish)
    times = {w.person: w.time for w in workers}
    for piece in pieces:
        forward.book(index, moved, piece, times[piece.person])
    return moved


def _unbook(forward: Forward, index: int, people: set[str]) -> list[tuple[str, Booking]]:
    removed = []
    for person in sorted(people):
        load = forward.loads[person]
        for booking in [b for b in load.bookings if b.task == index]:
            load.remove(booking)
            removed.append((person, booking))
    return removed


def _roll_up(forward: Forward) -> None:
    """Summaries' earliest start and latest finish again, children before parents."""
    network = forward.network
    for node in reversed(network.tasks):
        if node.leaf:
            continue
        starts = [forward.value[network.out_node(c, START)] for c in node.children]
        finishes = [forward.value[network.out_node(c, FINISH)] for c in node.children]
        known_starts = [s for s in starts if s is not None]
        known_finishes = [f for f in finishes if f is not None]
        base = 4 * node.index
        forward.value[base + FIRST_START] = min(known_starts) if known_starts else None
        forward.value[base + LAST_FINISH] = max(known_finishes) if known_finishes else None
