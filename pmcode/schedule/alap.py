"""As late as possible: after both passes, `alap: true` tasks move to their late dates.

Moving a task later within its float delays nothing after it, so successors keep their dates and only the
summaries above it are rolled up again. With leveling, a task with people moves only if its people have room for
it at the late position; otherwise it stays where the forward pass put it.
"""

from __future__ import annotations

from pmcode.model import TaskKind
from pmcode.schedule.backward import LATEST
from pmcode.schedule.calendar import BeyondHorizon
from pmcode.schedule.forward import EARLIEST, Forward, Placed
from pmcode.schedule.leveling import place_leveled_effort
from pmcode.schedule.load import Booking
from pmcode.schedule.network import FINISH, FIRST_START, LAST_FINISH, START
from pmcode.schedule.placement import Bounds, Worker


def shift_alap(forward: Forward, late: list[int]) -> None:
    network = forward.network
    moved = False
    for node in network.tasks:
        placed = forward.results[node.index]
        if not (node.leaf and node.task.alap and isinstance(placed, Placed)):
            continue
        base = 4 * node.index
        late_start, late_finish = late[base + START], late[base + FINISH]
        if late_finish >= LATEST or late_finish <= placed.finish:
            continue
        shifted = _shift(forward, node.index, placed, late_start, late_finish)
        if shifted is not None:
            forward.results[node.index] = shifted
            forward.value[base + START], forward.value[base + FINISH] = shifted.start, shifted.finish
            moved = True
    if moved:
        _roll_up(forward)


def _shift(forward: Forward, index: int, placed: Placed, late_start: int, late_finish: int) -> Placed | None:
    node = forward.network.tasks[index]
    workers = forward.people(index)
    bookings = _unbook(forward, index, workers)
    if not workers or not forward.level or node.task.kind is not TaskKind.EFFORT:
        # Fixed-length work keeps its length: placed from its late start, booked as the forward pass books it.
        forward.notes = [note for note in forward.notes if note[0] != index]
        return forward.fixed(index, workers, Bounds(late_start, EARLIEST, EARLIEST))
    try:
        start, finish, pieces = place_leveled_effort(
            workers, [forward.loads[w.person] for w in workers], forward.effort_minutes(index), late_start
        )
    except BeyondHorizon:
        start = finish = LATEST
        pieces = []
    if finish > late_finish:  # no room at the late position: stay early
        for person, booking in bookings:
            forward.loads[person].add(booking)
        return None
    moved = Placed(start, finish)
    times = {w.person: w.time for w in workers}
    for piece in pieces:
        forward.loads[piece.person].add(Booking(index, piece.start, piece.finish, piece.fraction))
        hours = piece.fraction * times[piece.person].working_between(piece.start, piece.finish) / 60
        moved.hours[piece.person] = moved.hours.get(piece.person, 0.0) + hours
    return moved


def _unbook(forward: Forward, index: int, workers: list[Worker]) -> list[tuple[str, Booking]]:
    removed = []
    for worker in workers:
        load = forward.loads[worker.person]
        for booking in [b for b in load.bookings if b.task == index]:
            load.remove(booking)
            removed.append((worker.person, booking))
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
