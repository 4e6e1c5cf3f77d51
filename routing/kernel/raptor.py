"""RAPTOR earliest-arrival search over a compiled Timetable (Delling, Pajor, Werneck 2012).

The kernel speaks integers only: stop indices, route indices, trip indices and seconds. It
keeps no state between calls. Round ``k`` finds the earliest arrival at every stop with exactly
``k`` rides. Each stop keeps two labels per round, so that a walk never starts from a walk:

* the *ride* label (``ride_s``): reached on a vehicle, ``ride_route``, ``ride_trip`` (global
  trip index), ``ride_board``/``ride_alight`` (positions) and ``ride_after_walk`` (1 when the
  vehicle was boarded from the previous round's walk label, else from its ride label); in round
  0 the ride label is the access walk from the origin;
* the *walk* label (``walk_s``): reached on foot from ``walk_from``, whose ride label (same
  round) it starts from.

A ride label is kept when it beats every ride label at that stop so far; a walk label when it
beats every label there. Round 0 labels prune nothing (a ride reaching a stop later than a
walk from the origin still counts). Target pruning: ``arrival + lower_bound_s[stop]`` must beat
the best arrival at the target so far, and ``cutoff_s`` is the horizon. Lower bounds are at
most ``UNREACHABLE_S``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numba import njit

from routing.kernel.timetable import Timetable

__all__ = [
    "INF", "LABEL_RIDE", "LABEL_WALK", "UNREACHABLE_S", "Footpaths", "RaptorResult",
    "earliest_trip", "routes_to_scan", "run_raptor",
]

INF = np.int32(2**31 - 1)
#: A lower bound meaning "the target cannot be reached from here" (kept far below INF so that
#: ``arrival + bound`` never overflows int32).
UNREACHABLE_S = 100_000_000
LABEL_RIDE, LABEL_WALK = 1, 2


@dataclass(frozen=True)
class Footpaths:
    """Walking between stops for one walking speed: CSR arrays, durations in seconds."""

    ptr: np.ndarray      # int32[n_stops + 1]
    to: np.ndarray       # int32 target stop
    dur_s: np.ndarray    # int32 walking time (already at the query's speed)
    walk_m: np.ndarray   # int32 walking distance in metres


@dataclass(frozen=True)
class RaptorResult:
    """Per-round labels, shaped ``[rounds + 1, n_stops]``, and the best target per round."""

    ride_s: np.ndarray
    ride_route: np.ndarray
    ride_trip: np.ndarray
    ride_board: np.ndarray
    ride_alight: np.ndarray
    ride_after_walk: np.ndarray
    walk_s: np.ndarray
    walk_from: np.ndarray
    target_arr: np.ndarray    # int32[rounds + 1] best arrival at the target per round
    target_stop: np.ndarray   # int32[rounds + 1] the stop it egressed from (-1 if none)
    target_kind: np.ndarray   # int8[rounds + 1] LABEL_RIDE or LABEL_WALK at that stop


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
    target_cutoff_s: int | None = None,
) -> RaptorResult:
    """Earliest arrival from the sources to the target, with 0..max_rounds trips.

    ``cutoff_s`` is the horizon for arrivals at stops; ``target_cutoff_s`` (default: none)
    is a hard limit on the arrival at the target, walk from the last stop included."""
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
        np.int32(int(INF) - 1 if target_cutoff_s is None
                 else min(target_cutoff_s, int(INF) - 1)),
    )
    return RaptorResult(*arrays)


@njit(cache=True, nogil=True, inline="always")
def routes_to_scan(marked_list, n_marked, marked, stop_route_ptr, stop_route_ids,
                   stop_route_pos, route_first, touched):  # pragma: no cover - compiled
    """Unmark the marked stops and collect the routes through them, each with the first
    position to scan from (``route_first``); returns how many routes ``touched`` holds."""
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
    return n_touched


@njit(cache=True, nogil=True, inline="always")
def earliest_trip(dep_s, base, n, p, n_trips, limit, ready, trip_ok, t0
                  ):  # pragma: no cover - compiled
    """The first trip (below ``limit``) of a route leaving position ``p`` at or after
    ``ready`` that ``trip_ok`` allows (pass None to allow all), or -1."""
    lo, hi = 0, limit
    while lo < hi:
        mid = (lo + hi) // 2
        if dep_s[base + mid * n + p] < ready:
            lo = mid + 1
        else:
            hi = mid
    if trip_ok is not None:
        while lo < limit and trip_ok[t0 + lo] == 0:
            lo += 1
    return lo if lo < limit else -1


@njit(cache=True, nogil=True)
def _raptor(
    route_stop_ptr, route_stops, route_board, route_alight, route_trip_ptr, route_time_ptr,
    arr_s, dep_s, stop_route_ptr, stop_route_ids, stop_route_pos,
    fp_ptr, fp_to, fp_dur, source_stops, source_arr, target_stops, target_egress,
    max_rounds, cutoff, stop_ok, trip_ok, lower_bound, slack, target_cutoff,
):  # pragma: no cover - compiled
    n_stops = stop_route_ptr.shape[0] - 1
    n_routes = route_stop_ptr.shape[0] - 1
    inf = np.int32(2**31 - 1)
    rounds = max_rounds + 1
    ride = np.full((rounds, n_stops), inf, dtype=np.int32)
    ride_route = np.full((rounds, n_stops), -1, dtype=np.int32)
    ride_trip = np.full((rounds, n_stops), -1, dtype=np.int32)
    ride_board = np.full((rounds, n_stops), -1, dtype=np.int32)
    ride_alight = np.full((rounds, n_stops), -1, dtype=np.int32)
    ride_after_walk = np.zeros((rounds, n_stops), dtype=np.int8)
    walk = np.full((rounds, n_stops), inf, dtype=np.int32)
    walk_from = np.full((rounds, n_stops), -1, dtype=np.int32)
    best_ride = np.full(n_stops, inf, dtype=np.int32)
    best_any = np.full(n_stops, inf, dtype=np.int32)
    target_arr = np.full(rounds, inf, dtype=np.int32)
    target_stop = np.full(rounds, -1, dtype=np.int32)
    target_kind = np.zeros(rounds, dtype=np.int8)
    egress = np.full(n_stops, -1, dtype=np.int32)
    for i in range(target_stops.shape[0]):
        s = target_stops[i]
        if egress[s] < 0 or target_egress[i] < egress[s]:
            egress[s] = target_egress[i]
    bound = cutoff + 1  # best arrival at the target so far (exclusive bound)

    marked = np.zeros(n_stops, dtype=np.uint8)
    marked_list = np.empty(n_stops, dtype=np.int32)
    n_marked = 0
    rode = np.empty(n_stops, dtype=np.int32)   # stops whose ride label improved this round
    rode_marked = np.zeros(n_stops, dtype=np.uint8)
    n_rode = 0
    for i in range(source_stops.shape[0]):
        s = source_stops[i]
        t = source_arr[i]
        if stop_ok[s] == 0 or t >= bound or t >= ride[0, s]:
            continue
        ride[0, s] = t
        if marked[s] == 0:
            marked[s] = 1
            marked_list[n_marked] = s
            n_marked += 1
            rode[n_rode] = s
            n_rode += 1

    route_first = np.full(n_routes, -1, dtype=np.int32)
    touched = np.empty(n_routes, dtype=np.int32)
    new_marked = np.zeros(n_stops, dtype=np.uint8)
    new_list = np.empty(n_stops, dtype=np.int32)
    for k in range(rounds):
        if k > 0:
            if n_marked == 0:
                break
            n_touched = routes_to_scan(marked_list, n_marked, marked, stop_route_ptr,
                                       stop_route_ids, stop_route_pos, route_first, touched)
            n_new = 0
            n_rode = 0
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
                board_walk = 0
                for p in range(p0, n):
                    s = route_stops[s0 + p]
                    if stop_ok[s] == 0:
                        continue
                    if trip >= 0 and route_alight[s0 + p] == 1:
                        a = arr_s[base + trip * n + p]
                        if a < best_ride[s] and a + lower_bound[s] < bound:
                            ride[k, s] = a
                            best_ride[s] = a
                            if a < best_any[s]:
                                best_any[s] = a
                            ride_route[k, s] = r
                            ride_trip[k, s] = t0 + trip
                            ride_board[k, s] = board_pos
                            ride_alight[k, s] = p
                            ride_after_walk[k, s] = board_walk
                            if new_marked[s] == 0:
                                new_marked[s] = 1
                                new_list[n_new] = s
                                n_new += 1
                            if rode_marked[s] == 0:
                                rode_marked[s] = 1
                                rode[n_rode] = s
                                n_rode += 1
                    if route_board[s0 + p] == 1:
                        from_ride = ride[k - 1, s]
                        if from_ride < inf and k > 1:
                            from_ride += slack
                        from_walk = walk[k - 1, s]
                        ready = min(from_ride, from_walk)
                        if ready < inf and (trip < 0 or ready <= dep_s[base + trip * n + p]):
                            found = earliest_trip(dep_s, base, n, p, n_trips,
                                                  n_trips if trip < 0 else trip, ready, trip_ok,
                                                  t0)
                            if found >= 0:
                                trip = found
                                board_pos = p
                                board_walk = 1 if from_walk < from_ride else 0
        else:
            n_new = 0
        # one walk from each stop a ride (or, in round 0, the access walk) reached just now
        for i in range(n_rode):
            s = rode[i]
            rode_marked[s] = 0
            t_s = ride[k, s]
            for j in range(fp_ptr[s], fp_ptr[s + 1]):
                u = fp_to[j]
                if stop_ok[u] == 0:
                    continue
                a = t_s + fp_dur[j]
                if k == 0:
                    if a >= ride[0, u] or a >= walk[0, u] or a >= bound:
                        continue
                elif a >= best_any[u] or a + lower_bound[u] >= bound:
                    continue
                walk[k, u] = a
                walk_from[k, u] = s
                if k > 0:
                    best_any[u] = a
                if k == 0:
                    if marked[u] == 0:
                        marked[u] = 1
                        marked_list[n_marked] = u
                        n_marked += 1
                elif new_marked[u] == 0:
                    new_marked[u] = 1
                    new_list[n_new] = u
                    n_new += 1
        if k == 0:
            continue  # round 0 is walking only: the planner offers a direct walk itself
        n_marked = 0
        for i in range(n_new):
            s = new_list[i]
            new_marked[s] = 0
            marked[s] = 1
            marked_list[n_marked] = s
            n_marked += 1
            if egress[s] < 0:
                continue
            # the target arrival (egress walk included) must keep the hard limit too
            for kind in range(1, 3):
                t_s = ride[k, s] if kind == 1 else walk[k, s]
                if t_s < inf and t_s + egress[s] < target_arr[k] and \
                        t_s + egress[s] <= target_cutoff:
                    target_arr[k] = t_s + egress[s]
                    target_stop[k] = s
                    target_kind[k] = kind
        if target_arr[k] < bound:
            bound = target_arr[k]
    return (ride, ride_route, ride_trip, ride_board, ride_alight, ride_after_walk, walk,
            walk_from, target_arr, target_stop, target_kind)
