"""What one call of the RAPTOR kernel (:mod:`routing.kernel.raptor`) takes and returns:
footpaths, the query (sources, clocks, targets, filters, limits), the result (labels per round,
the best target per round, profile rows, counters), and the constants they use.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

__all__ = [
    "INF", "LABEL_RIDE", "LABEL_WALK", "N_ROW_COLUMNS", "ROW_ALIGHT_POS", "ROW_ARRIVAL_S",
    "ROW_BOARD_POS", "ROW_CLOCK_S", "ROW_ROUND", "ROW_ROUTE", "ROW_STOP", "ROW_TRIP",
    "NO_RULES", "STAT_LABELS", "STAT_PRUNED", "STAT_ROUTES", "UNREACHABLE_S", "Footpaths",
    "ProfileRows", "RaptorQuery", "RaptorResult", "TransferRules", "raptor_query",
]

INF = np.int32(2**31 - 1)
#: A lower bound meaning "the target cannot be reached from here" (kept far below INF so that
#: ``arrival + bound`` never overflows int32).
UNREACHABLE_S = 100_000_000
#: Which label of a stop: reached on a vehicle, or on foot (the one definition).
LABEL_RIDE, LABEL_WALK = 1, 2
#: Columns of an emitted row (profile mode), in the order of :class:`ProfileRows`' fields.
(ROW_STOP, ROW_ROUND, ROW_ARRIVAL_S, ROW_CLOCK_S, ROW_ROUTE, ROW_TRIP, ROW_BOARD_POS,
 ROW_ALIGHT_POS) = range(8)
N_ROW_COLUMNS = 8
#: Counters in ``RaptorResult.stats``: routes scanned, labels improved, labels pruned by the
#: target bound (lower bound included).
STAT_ROUTES, STAT_LABELS, STAT_PRUNED = range(3)


class TransferRules(NamedTuple):
    """transfers.txt rules (types 0-3) per key stop, CSR (built by
    :mod:`routing.data.transfer_rules`). The key stop is where one boards, in the table's own
    time direction; ``other`` is where one arrived (the same stop, or where a walk began).
    ``label_*``: the vehicle arrived on, ``cand_*``: the vehicle boarded, as route/trip codes
    (``TimetableArrays.trip_route_code``/``trip_code``), -1 for any. No rows: ``ptr`` empty."""

    ptr: np.ndarray           # int32[n_stops + 1], or empty when there are no rules
    other: np.ndarray         # int32 stop arrived at
    label_route: np.ndarray   # int32 route code or -1
    label_trip: np.ndarray    # int32 trip code or -1
    cand_route: np.ndarray    # int32 route code or -1
    cand_trip: np.ndarray     # int32 trip code or -1
    kind: np.ndarray          # int8 transfer_type 0..3
    min_s: np.ndarray         # int32 min_transfer_time (type 2), seconds
    rank: np.ndarray          # int8 specificity, lower wins


_EMPTY_I32 = np.zeros(0, dtype=np.int32)
_EMPTY_I8 = np.zeros(0, dtype=np.int8)
#: No transfers.txt rules at all (the kernel then only applies the default slack).
NO_RULES = TransferRules(_EMPTY_I32, _EMPTY_I32, _EMPTY_I32, _EMPTY_I32, _EMPTY_I32, _EMPTY_I32,
                         _EMPTY_I8, _EMPTY_I32, _EMPTY_I8)


class Footpaths(NamedTuple):
    """Walking between stops for one walking speed: CSR arrays, durations in seconds; and the
    transfers.txt rules of the same direction (:class:`TransferRules`)."""

    ptr: np.ndarray      # int32[n_stops + 1]
    to: np.ndarray       # int32 target stop
    dur_s: np.ndarray    # int32 walking time (already at the query's speed)
    walk_m: np.ndarray   # int32 walking distance in metres
    rules: TransferRules = NO_RULES


class ProfileRows(NamedTuple):
    """Emitted rows as columns (field ``i`` is column ``i`` of ``RaptorResult.rows``): one
    per improved ride label of round >= 1, in the order found, numbers of the table searched."""

    stop: np.ndarray        # int32 stop the ride reaches
    rnd: np.ndarray         # int32 round (rides so far)
    arrival_s: np.ndarray   # int32 arrival there (reversed clock: -leave_by)
    clock_s: np.ndarray     # int32 source clock (reversed: -arrival at the target)
    route: np.ndarray       # int32 route ridden
    trip: np.ndarray        # int32 global trip
    board_pos: np.ndarray   # int32 boarding position
    alight_pos: np.ndarray  # int32 alighting position


class RaptorQuery(NamedTuple):
    """One kernel call: sources, targets, filters and limits (build with :func:`raptor_query`,
    which fixes the dtypes so that one compiled kernel serves every call)."""

    source_stops: np.ndarray    # int32 stops where the search starts
    source_s: np.ndarray        # int32 seconds from the clock to each source stop (walk)
    clocks: np.ndarray          # int32 start times, latest first (one for a search)
    target_stops: np.ndarray    # int32 stops the target is reached from
    target_s: np.ndarray        # int32 seconds from each to the target (walk)
    stop_ok: np.ndarray         # uint8[n_stops]: 0 = never use the stop
    trip_ok: np.ndarray         # uint8[n_trips]: 0 = never board the trip
    lower_bound_s: np.ndarray   # int32[n_stops]: seconds still needed to the target at least
    stop_cutoff_s: np.ndarray   # int32[n_stops] or empty: labels at a stop must be <= this
    max_rides: int              # rounds after round 0
    cutoff_s: int               # horizon: labels must be earlier
    target_cutoff_s: int        # hard limit on the arrival at the target (walk included)
    transfer_slack_s: int       # from a ride to the next vehicle at the same stop
    emit_rows: bool             # profile mode: write every improved ride label as a row


class RaptorResult(NamedTuple):
    """Per-round labels, shaped ``[max_rides + 1, n_stops]``; the best target per round; the
    emitted rows (profile mode, else none) and the ``STAT_*`` counters."""

    ride_s: np.ndarray
    ride_route: np.ndarray
    ride_trip: np.ndarray
    ride_board: np.ndarray
    ride_alight: np.ndarray
    ride_after_walk: np.ndarray
    walk_s: np.ndarray
    walk_from: np.ndarray
    target_arr: np.ndarray    # int32[rounds] best arrival at the target per round
    target_stop: np.ndarray   # int32[rounds] the stop it is reached from (-1 if none)
    target_kind: np.ndarray   # int8[rounds] LABEL_RIDE or LABEL_WALK at that stop
    rows: np.ndarray          # int32[n_rows, N_ROW_COLUMNS]
    stats: np.ndarray         # int64[3]


def raptor_query(
    *, source_stops: np.ndarray, source_s: np.ndarray, clocks: np.ndarray | list[int],
    stop_ok: np.ndarray, trip_ok: np.ndarray, max_rides: int, transfer_slack_s: int,
    target_stops: np.ndarray | None = None, target_s: np.ndarray | None = None,
    lower_bound_s: np.ndarray | None = None, stop_cutoff_s: np.ndarray | None = None,
    cutoff_s: int | None = None, target_cutoff_s: int | None = None, emit_rows: bool = False,
) -> RaptorQuery:
    """A :class:`RaptorQuery` with the kernel's dtypes. No targets: a profile sweep or a
    one-to-all search; no ``lower_bound_s``: zeros; no ``stop_cutoff_s``: no limit per stop
    (the planner's bound from a search the other way); ``cutoff_s``/``target_cutoff_s`` None:
    no limit."""
    def i32(values) -> np.ndarray:
        return np.ascontiguousarray(values, dtype=np.int32)

    limit = int(INF) - 1
    return RaptorQuery(
        i32(source_stops), i32(source_s), i32(clocks),
        i32(target_stops if target_stops is not None else []),
        i32(target_s if target_s is not None else []),
        np.ascontiguousarray(stop_ok, dtype=np.uint8),
        np.ascontiguousarray(trip_ok, dtype=np.uint8),
        i32(lower_bound_s if lower_bound_s is not None else np.zeros(len(stop_ok))),
        i32(stop_cutoff_s if stop_cutoff_s is not None else []),
        int(max_rides), limit if cutoff_s is None else min(int(cutoff_s), limit),
        limit if target_cutoff_s is None else min(int(target_cutoff_s), limit),
        int(transfer_slack_s), bool(emit_rows),
    )
