"""Every default and bound of a query, once. The API (``app/params.py``), the CLI and the
planner read them from here; the OpenAPI descriptions are made from them too.

Units are in the names: metres (``_m``), seconds (``_s``), metres per second (``_mps``).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "DIRECT_WALK_PREFERRED_M",
    "HORIZON_S",
    "MAX_TRANSFERS",
    "MAX_WALK_M",
    "MIN_SAVING_OVER_WALK_S",
    "NIGHT_GAP_S",
    "NOTICEABLE_SAVING_FRACTION",
    "NOTICEABLE_SAVING_S",
    "NUM_ITINERARIES",
    "REACH_MAX_BANDS",
    "REACH_MAX_MINUTES",
    "REACH_STEP_MINUTES",
    "SERVICE_MARGIN_M",
    "TRANSFER_RADIUS_M",
    "TRANSFER_SLACK_S",
    "WALK_DETOUR",
    "WALK_SPEED_MPS",
    "WALK_TOLERANCE_M",
    "Bound",
]


@dataclass(frozen=True)
class Bound:
    """A query setting's default and its allowed range (inclusive), with its unit."""

    default: float
    low: float
    high: float
    unit: str = ""

    def describe(self, what: str) -> str:
        """``"<what>; 0-3000 m, default 1000."``, for parameter docs and error details."""
        unit = f" {self.unit}" if self.unit else ""
        low, high, default = (self._show(v) for v in (self.low, self.high, self.default))
        return f"{what}; {low}-{high}{unit}, default {default}."

    def _show(self, value: float) -> str:
        """Integers as integers; a decimal setting (walk speed) with its decimals (2.0)."""
        decimal = any(isinstance(v, float) for v in (self.default, self.low, self.high))
        return str(float(value)) if decimal else str(int(value))

    def contains(self, value: float) -> bool:
        """True when ``low <= value <= high``."""
        return self.low <= value <= self.high


#: How many itineraries an answer has at most.
NUM_ITINERARIES = Bound(3, 1, 10)
#: Most changes of vehicle.
MAX_TRANSFERS = Bound(4, 0, 6)
#: Longest walk of each access, egress or transfer walk leg, in metres walked. A walk between
#: two stops (a transfer) is also within ``TRANSFER_RADIUS_M`` straight line (x ``WALK_DETOUR``
#: = 650 m walked): footpaths are built once for that radius, not per query.
MAX_WALK_M = Bound(1000, 0, 3000, "m")
#: Walking speed, metres per second.
WALK_SPEED_MPS = Bound(1.2, 0.5, 2.0, "m/s")
#: Minimum time to change between two vehicles at one stop (no transfers.txt rule), seconds.
TRANSFER_SLACK_S = 60
#: How far ahead (or back, arrive-by) of the asked time vehicles are searched, seconds.
HORIZON_S = 6 * 3600
#: Extra search time when a late (arrive-by: early) query spills into the next (previous)
#: service date, so that the first trains of the morning are found.
NIGHT_GAP_S = 6 * 3600
#: Walked distance = straight line x this detour factor (no footway graph).
WALK_DETOUR = 1.3
#: Straight-line radius within which two stops get a transfer footpath, metres (so a transfer
#: walk is at most min(max_walk_m, this x WALK_DETOUR) metres walked).
TRANSFER_RADIUS_M = 500.0
#: The service area is every loaded stop plus this margin, metres.
SERVICE_MARGIN_M = 5_000

# -- which itineraries are worth showing (routing.plan.choose) --------------------------------
#: An itinerary that costs more (a transfer more, more walking, a higher fare) is kept only if
#: it saves at least this much time (arrives earlier or leaves later) ...
NOTICEABLE_SAVING_S = 180
#: ... or this share of the other itinerary's duration, whichever is larger.
NOTICEABLE_SAVING_FRACTION = 0.10
#: Walking differences below this many metres do not make one itinerary cost more.
WALK_TOLERANCE_M = 50
#: A direct walk up to this long (and within max_walk_m) is offered instead of any transit
#: itinerary that saves less than ``MIN_SAVING_OVER_WALK_S`` over it.
DIRECT_WALK_PREFERRED_M = 1500
MIN_SAVING_OVER_WALK_S = 300

# -- reachability (routing.plan.reachability) -------------------------------------------------
#: The largest band of a reachability answer, minutes of travel.
REACH_MAX_MINUTES = Bound(60, 5, 120, "min")
#: The width of each band, minutes.
REACH_STEP_MINUTES = Bound(15, 5, 60, "min")
#: Most bands in one answer (max_minutes / step_minutes, rounded up).
REACH_MAX_BANDS = 8
