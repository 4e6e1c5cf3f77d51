"""RAPTOR earliest-arrival search over a compiled Timetable (Delling, Pajor, Werneck 2012).

The kernel speaks integers only: stop indices, route indices, trip indices and seconds. It
keeps no state between calls. Round ``k`` finds the earliest arrival at every stop with exactly
``k`` trips; its labels say how each stop was reached so the journeys can be rebuilt:

* ``LABEL_ACCESS``: round 0, reached by walking from the origin;
* ``LABEL_TRIP``: ``lab_a`` = global trip index, ``lab_b`` = boarding position,
  ``lab_c`` = alighting position, of route ``lab_route``;
* ``LABEL_WALK``: ``lab_a`` = the stop walked from (reached by trip in the same round).

Pruning: a label is kept only if it beats the best arrival at that stop in any round (local
pruning) and ``arrival + lower_bound_s[stop]`` beats the best arrival at the target so far
(target pruning); ``cutoff_s`` is the search horizon. Lower bounds are at most
``UNREACHABLE_S``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numba import njit

from routing.timetable import Timetable

__all__ = [
    "INF", "LABEL_ACCESS", "LABEL_TRIP", "LABEL_WALK", "UNREACHABLE_S", "Footpaths",
    "RaptorResult", "run_raptor",
]

INF = np.int32(2**31 - 1)
#: A lower bound meaning "the target cannot be reached from here" (kept far below INF so that
#: ``arrival + bound`` never overflows int32).
UNREACHABLE_S = 100_000_000
LABEL_NONE, LABEL_ACCESS, LABEL_TRIP, LABEL_WALK = 0, 1, 2, 3


@dataclass(frozen=True)
class Footpaths:
    """Walking between stops for one walking speed: CSR arrays, durations in seconds."""

    ptr: np.ndarray      # int32[n_stops + 1]
    to: np.ndarray       # int32 target stop
    dur_s: np.ndarray    # int32 walking time (already at the query's speed)
    walk_m: np.ndarray   # int32 walking distance in metres


@dataclass(frozen=True)
class RaptorResult:
    """Per-round arrivals and labels, shaped ``[rounds + 1, n_stops]``."""

    tau: np.ndarray
    lab_kind: np.ndarray
    lab_route: np.ndarray
    lab_a: np.ndarray
    lab_b: np.ndarray
    lab_c: np.ndarray
    target_arr: np.ndarray    # int32[rounds + 1] best arrival at the target per round
    target_stop: np.ndarray   # int32[rounds + 1] the stop it egressed from (-1 if none)


def run_raptor(
    table: Timetable,
    footpaths: Footpaths,
    *,
    source_stops: np.ndarray,
    source_arr_s: np.ndarray,
    target_stops: np.ndarray,
    target_egress_s: np.ndarray,
    max_rounds: int,
    cutoff_s: int,
    stop_ok: np.ndarray,
    trip_ok: np.ndarray,
    lower_bound_s: np.ndarray,
    transfer_slack_s: int = 0,
) -> RaptorResult:
    """Earliest arrival from the sources to the target, with 0..max_rounds trips."""
    arrays = _raptor(
        table.route_stop_ptr, table.route_stops, table.route_board, table.route_alight,
        table.route_trip_ptr, table.route_time_ptr, table.arr_s, table.dep_s,
        table.stop_route_ptr, table.stop_route_ids, table.stop_route_pos,
        footpaths.ptr, footpaths.to, footpaths.dur_s,
        np.ascontiguousarray(source_stops, dtype=np.int32),
        np.ascontiguousarray(source_arr_s, dtype=np.int32),
        np.ascontiguousarray(target_stops, dtype=np.int32),
        np.ascontiguousarray(target_egress_s, dtype=np.int32),
        np.int32(max_rounds), np.int32(min(cutoff_s, int(INF) - 1)),
        stop_ok, trip_ok, lower_bound_s, np.int32(transfer_slack_s),
    )
    return RaptorResult(*arrays)


@njit(cache=True, nogil=True)
def _raptor(
    route_stop_ptr, route_stops, route_board, route_alight, route_trip_ptr, route_time_ptr,
    arr_s, dep_s, stop_route_ptr, stop_route_ids, stop_route_pos,
    fp_ptr, fp_to, fp_dur, source_stops, source_arr, target_stops, target_egress,
    max_rounds, cutoff, stop_ok, trip_ok, lower_bound, slack,
):  # pragma: no cover - compiled
    n_stops = stop_route_ptr.shape[0] - 1
    n_routes = route_stop_ptr.shape[0] - 1
    inf = np.int32(2**31 - 1)
    rounds = max_rounds + 1
    tau = np.full((rounds, n_stops), inf, dtype=np.int32)
    kind = np.zeros((rounds, n_stops), dtype=np.int8)
    lab_route = np.full((rounds, n_stops), -1, dtype=np.int32)
    lab_a = np.full((rounds, n_stops), -1, dtype=np.int32)
    lab_b = np.full((rounds, n_stops), -1, dtype=np.int32)
    lab_c = np.full((rounds, n_stops), -1, dtype=np.int32)
    best = np.full(n_stops, inf, dtype=np.int32)
    target_arr = np.full(rounds, inf, dtype=np.int32)
    target_stop = np.full(rounds, -1, dtype=np.int32)
    egress = np.full(n_stops, -1, dtype=np.int32)
    for i in range(target_stops.shape[0]):
        s = target_stops[i]
        if egress[s] < 0 or target_egress[i] < egress[s]:
            egress[s] = target_egress[i]
    bound = cutoff + 1  # best arrival at the target so far (exclusive bound)

    marked = np.zeros(n_stops, dtype=np.uint8)
    marked_list = np.empty(n_stops, dtype=np.int32)
    n_marked = 0
    for i in range(source_stops.shape[0]):
        s = source_stops[i]
        t = source_arr[i]
        if stop_ok[s] == 0 or t >= bound or t >= tau[0, s]:
            continue
        tau[0, s] = t
        kind[0, s] = 1
        if marked[s] == 0:
            marked[s] = 1
            marked_list[n_marked] = s
            n_marked += 1
    # walks on from the access stops (round 0 labels do not prune rides: ``best`` stays
    # untouched, so a ride reaching a stop later than a walk still counts)
    n_access = n_marked
    for i in range(n_access):
        s = marked_list[i]
        if kind[0, s] != 1:
            continue
        for j in range(fp_ptr[s], fp_ptr[s + 1]):
            u = fp_to[j]
            a = tau[0, s] + fp_dur[j]
            if stop_ok[u] == 0 or a >= tau[0, u] or a >= bound:
                continue
            tau[0, u] = a
            kind[0, u] = 3
            lab_a[0, u] = s
            if marked[u] == 0:
                marked[u] = 1
                marked_list[n_marked] = u
                n_marked += 1
    # round 0 is walking only: the planner offers a direct walk itself

    route_first = np.full(n_routes, -1, dtype=np.int32)
    touched = np.empty(n_routes, dtype=np.int32)
    new_marked = np.zeros(n_stops, dtype=np.uint8)
    new_list = np.empty(n_stops, dtype=np.int32)
    by_trip = np.empty(n_stops, dtype=np.int32)
    by_trip_t = np.empty(n_stops, dtype=np.int32)

    for k in range(1, rounds):
        if n_marked == 0:
            break
        n_touched = 0
        for i in range(n_marked):
            s = marked_list[i]
            marked[s] = 0
            for j in range(stop_route_ptr[s], stop_route_ptr[s + 1]):
                r = stop_route_ids[j]
                p = stop_route_pos[j]
                if route_first[r] < 0:
                    route_first[r] = p
                    touched[n_touched] = r
                    n_touched += 1
                elif p < route_first[r]:
                    route_first[r] = p
        n_new = 0
        for ti in range(n_touched):
            r = touched[ti]
            p0 = route_first[r]
            route_first[r] = -1
            s0 = route_stop_ptr[r]
            n = route_stop_ptr[r + 1] - s0
            t0 = route_trip_ptr[r]
            n_trips = route_trip_ptr[r + 1] - t0
            base = route_time_ptr[r]
            trip = -1
            board_pos = -1
            for p in range(p0, n):
                s = route_stops[s0 + p]
                if stop_ok[s] == 0:
                    continue
                if trip >= 0 and route_alight[s0 + p] == 1:
                    a = arr_s[base + trip * n + p]
                    if a < best[s] and a + lower_bound[s] < bound:
                        tau[k, s] = a
                        best[s] = a
                        kind[k, s] = 2
                        lab_route[k, s] = r
                        lab_a[k, s] = t0 + trip
                        lab_b[k, s] = board_pos
                        lab_c[k, s] = p
                        if new_marked[s] == 0:
                            new_marked[s] = 1
                            new_list[n_new] = s
                            n_new += 1
                if route_board[s0 + p] == 1 and tau[k - 1, s] < inf:
                    ready = tau[k - 1, s]
                    if kind[k - 1, s] == 2:
                        ready += slack
                    if trip < 0 or ready <= dep_s[base + trip * n + p]:
                        hi = n_trips if trip < 0 else trip
                        lo = 0
                        while lo < hi:
                            mid = (lo + hi) // 2
                            if dep_s[base + mid * n + p] < ready:
                                lo = mid + 1
                            else:
                                hi = mid
                        limit = n_trips if trip < 0 else trip
                        while lo < limit and trip_ok[t0 + lo] == 0:
                            lo += 1
                        if lo < limit:
                            trip = lo
                            board_pos = p
        # footpaths from the stops reached by trip in this round (one walk, closed paths)
        for i in range(n_new):
            s = new_list[i]
            by_trip[i] = s
            by_trip_t[i] = tau[k, s]
        n_by_trip = n_new
        for i in range(n_by_trip):
            s = by_trip[i]
            # walk on from the ride's arrival even where a walk since gave this stop a
            # better label (walking through it then is no worse than what it records)
            t_s = by_trip_t[i]
            for j in range(fp_ptr[s], fp_ptr[s + 1]):
                u = fp_to[j]
                if stop_ok[u] == 0:
                    continue
                a = t_s + fp_dur[j]
                if a < best[u] and a + lower_bound[u] < bound:
                    tau[k, u] = a
                    best[u] = a
                    kind[k, u] = 3
                    lab_a[k, u] = s
                    lab_route[k, u] = -1
                    if new_marked[u] == 0:
                        new_marked[u] = 1
                        new_list[n_new] = u
                        n_new += 1
        n_marked = 0
        for i in range(n_new):
            s = new_list[i]
            new_marked[s] = 0
            if tau[k, s] < inf:
                marked[s] = 1
                marked_list[n_marked] = s
                n_marked += 1
                # the target arrival (egress walk included) must beat the horizon too
                if egress[s] >= 0 and tau[k, s] + egress[s] < min(target_arr[k], bound):
                    target_arr[k] = tau[k, s] + egress[s]
                    target_stop[k] = s
        if target_arr[k] < bound:
            bound = target_arr[k]
    return tau, kind, lab_route, lab_a, lab_b, lab_c, target_arr, target_stop
