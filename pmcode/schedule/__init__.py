"""The scheduling engine: working calendars, forward pass with leveling, backward pass, float and critical path.

Pure: it reads the model and returns a Schedule; the status date, if any, is part of the model (the actuals).
A project with actuals is scheduled from its status date (pmcode.schedule.tracking, pmcode.schedule.tracked).
"""

from __future__ import annotations

from pmcode.gcpause import paused_gc
from pmcode.model import Portfolio
from pmcode.schedule.alap import shift_alap
from pmcode.schedule.assemble import Assembler
from pmcode.schedule.backward import Backward
from pmcode.schedule.calendars import Calendars
from pmcode.schedule.forward import Forward
from pmcode.schedule.network import Network
from pmcode.schedule.phased import working_minutes_by_day
from pmcode.schedule.result import AssignmentHours, OverAllocation, ProjectSchedule, Schedule, TaskSchedule
from pmcode.schedule.tracking import Tracking, status_date

__all__ = [
    "AssignmentHours",
    "OverAllocation",
    "ProjectSchedule",
    "Schedule",
    "TaskSchedule",
    "schedule_portfolio",
    "status_date",
    "working_minutes_by_day",
]


def schedule_portfolio(
    portfolio: Portfolio, *, level: bool = True, network: Network | None = None, track: bool = True
) -> Schedule:
    """Schedule every project of a validated portfolio. With `level`, nobody is booked above their units; without,
    over-allocations are reported instead. `network`: the one validation built for this portfolio, if at hand.
    With `track`, a project with actuals is scheduled from its status date (finished work at its actual dates,
    the work left after it); without, every project is scheduled as planned, its actuals ignored."""
    with paused_gc():
        network = network or Network(portfolio)
        return _schedule(portfolio, level, network, Tracking(portfolio, network, read=track))


def _schedule(portfolio: Portfolio, level: bool, network: Network, tracking: Tracking) -> Schedule:
    calendars = Calendars(portfolio)
    forward = Forward(portfolio, network, calendars, level=level, tracking=tracking)
    forward.run()
    late = Backward(forward, calendars).run()
    shift_alap(forward, late)  # within float: the late dates stay what they are
    return Assembler(portfolio, network, calendars, forward, late).build()
