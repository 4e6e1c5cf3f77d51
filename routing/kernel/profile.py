"""rRAPTOR profile sweep (numba): every stop's Pareto set of (leave by, arrive at the target,
trips) over a whole day, searched backwards on a time-reversed Timetable.

The sweep runs the RAPTOR rounds once per distinct source time, latest first in the reversed
clock (that is, earliest arrival at the target first). Labels persist between sweeps, so each
sweep only does the work its earlier source time adds (self-pruning). Every label that improves
from round 1 on is written out as a profile entry: stop, round, reversed arrival ``tau``
(``-leave_by``), source clock (``-arrive_at``), and how it was reached (the label kinds of
:mod:`routing.kernel.raptor`: 2 ride, 3 walk). Round 0 (walking to the target) is the same at every
source time, so it is not written out: the caller keeps it as one walk per stop.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from routing.kernel.raptor import earliest_trip, routes_to_scan

__all__ = [
    "A", "BOARD_ALIGHT", "CLOCK", "KEY", "ROUTE_KIND", "TAU", "access_with_one_walk",
    "next_ride", "pareto_keep", "pick_entries", "profile_sweep",
]


#: Columns of an entry row: KEY = stop * rounds + round; TAU; CLOCK; ROUTE_KIND =
#: (route + 1) * 4 + kind; A (trip or stop walked from); BOARD_ALIGHT = board * 65536 + alight.
KEY, TAU, CLOCK, ROUTE_KIND, A, BOARD_ALIGHT = range(6)


@njit(cache=True, nogil=True)
def _emit(buf, n, key, tau, clock, route_kind, a, board_alight):  # pragma: no cover
    """Append one entry row, growing the buffer by half when full; returns (buffer, size)."""
    if n >= buf.shape[0]:
        grown = np.empty((buf.shape[0] + buf.shape[0] // 2, buf.shape[1]), dtype=buf.dtype)
        grown[:n] = buf[:n]
        buf = grown
    buf[n, 0] = key
    buf[n, 1] = tau
    buf[n, 2] = clock
    buf[n, 3] = route_kind
    buf[n, 4] = a
    buf[n, 5] = board_alight
    return buf, n + 1


@njit(cache=True, nogil=True)
def profile_sweep(
    route_stop_ptr, route_stops, route_board, route_alight, route_trip_ptr, route_time_ptr,
    arr_s, dep_s, stop_route_ptr, stop_route_ids, stop_route_pos,
    fp_ptr, fp_to, fp_dur, source_stops, source_walk_s, clocks, max_rounds, slack,
):  # pragma: no cover - compiled
    """``clocks`` must be sorted descending (reversed time). Returns an int32 array with one
    row per entry and the columns KEY, TAU, CLOCK, ROUTE_KIND, A, BOARD_ALIGHT. Ride and
    walk labels are kept apart as in :mod:`routing.kernel.raptor` (a walk never starts from a walk);
    only ride labels are written out: a walk before a ride is one footpath, which the caller
    adds when it reads the profile."""
    n_stops = stop_route_ptr.shape[0] - 1
    n_routes = route_stop_ptr.shape[0] - 1
    inf = np.int32(2**31 - 1)
    rounds = max_rounds + 1
    ride = np.full((rounds, n_stops), inf, dtype=np.int32)
    walk = np.full((rounds, n_stops), inf, dtype=np.int32)
    # best_*[k, s]: the best label of rounds 1..k (labels persist across source times, so a
    # later round's label must not prune an earlier round's: it has more trips)
    best_ride = np.full((rounds, n_stops), inf, dtype=np.int32)
    best_any = np.full((rounds, n_stops), inf, dtype=np.int32)
    buf = np.empty((1 << 16, 6), dtype=np.int32)
    n = 0
    marked = np.zeros(n_stops, dtype=np.uint8)
    marked_list = np.empty(n_stops, dtype=np.int32)
    new_marked = np.zeros(n_stops, dtype=np.uint8)
    new_list = np.empty(n_stops, dtype=np.int32)
    rode = np.empty(n_stops, dtype=np.int32)
    rode_marked = np.zeros(n_stops, dtype=np.uint8)
    route_first = np.full(n_routes, -1, dtype=np.int32)
    touched = np.empty(n_routes, dtype=np.int32)
    for ci in range(clocks.shape[0]):
        clock = clocks[ci]
        n_marked = 0
        # round 0: walking from the target (egress in forward time), then one walk on
        for i in range(source_stops.shape[0]):
            s = source_stops[i]
            t = clock + source_walk_s[i]
            if t >= ride[0, s]:
                continue
            ride[0, s] = t
            if marked[s] == 0:
                marked[s] = 1
                marked_list[n_marked] = s
                n_marked += 1
        n_access = n_marked
        for i in range(n_access):
            s = marked_list[i]
            for j in range(fp_ptr[s], fp_ptr[s + 1]):
                u = fp_to[j]
                a = ride[0, s] + fp_dur[j]
                if a >= walk[0, u] or a >= ride[0, u]:
                    continue
                walk[0, u] = a
                if marked[u] == 0:
                    marked[u] = 1
                    marked_list[n_marked] = u
                    n_marked += 1
        for k in range(1, rounds):
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
                m = route_stop_ptr[r + 1] - s0
                t0 = route_trip_ptr[r]
                n_trips = route_trip_ptr[r + 1] - t0
                base = route_time_ptr[r]
                trip = -1
                board_pos = -1
                for p in range(p0, m):
                    s = route_stops[s0 + p]
                    if trip >= 0 and route_alight[s0 + p] == 1:
                        a = arr_s[base + trip * m + p]
                        if a < best_ride[k, s]:
                            ride[k, s] = a
                            for kk in range(k, rounds):
                                if a < best_ride[kk, s]:
                                    best_ride[kk, s] = a
                                if a < best_any[kk, s]:
                                    best_any[kk, s] = a
                            buf, n = _emit(buf, n, s * rounds + k, a, clock, (r + 1) * 4 + 2,
                                           t0 + trip, board_pos * 65536 + p)
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
                        ready = min(from_ride, walk[k - 1, s])
                        if ready < inf and (trip < 0 or ready <= dep_s[base + trip * m + p]):
                            found = earliest_trip(dep_s, base, m, p, n_trips,
                                                  n_trips if trip < 0 else trip, ready, None, t0)
                            if found >= 0:
                                trip = found
                                board_pos = p
            for i in range(n_rode):
                s = rode[i]
                rode_marked[s] = 0
                t_s = ride[k, s]
                for j in range(fp_ptr[s], fp_ptr[s + 1]):
                    u = fp_to[j]
                    a = t_s + fp_dur[j]
                    if a < best_any[k, u]:
                        walk[k, u] = a
                        for kk in range(k, rounds):
                            if a < best_any[kk, u]:
                                best_any[kk, u] = a
                        if new_marked[u] == 0:
                            new_marked[u] = 1
                            new_list[n_new] = u
                            n_new += 1
            n_marked = 0
            for i in range(n_new):
                s = new_list[i]
                new_marked[s] = 0
                marked[s] = 1
                marked_list[n_marked] = s
                n_marked += 1
        for i in range(n_marked):
            marked[marked_list[i]] = 0
    return buf[:n]


@njit(cache=True, nogil=True)
def pick_entries(index, leave_s, arrive_s, rounds, access_stops, access_s, time_s,
                 max_round, per_round, latest_arrival_s):  # pragma: no cover - compiled
    """Rows worth a look for a depart-after query: for each access stop and round
    1..max_round, the first ``per_round`` entries one can still catch (leave_by >= time +
    access walk) arriving by ``latest_arrival_s``. Returns row numbers."""
    out = np.empty(access_stops.shape[0] * max_round * per_round, dtype=np.int64)
    n = 0
    for i in range(access_stops.shape[0]):
        ready = time_s + access_s[i]
        for rnd in range(1, max_round + 1):
            key = access_stops[i] * rounds + rnd
            lo, hi = index[key], index[key + 1]
            if lo == hi:
                continue
            pos = lo + np.searchsorted(leave_s[lo:hi], ready)
            for row in range(pos, min(hi, pos + per_round)):
                if arrive_s[row] > latest_arrival_s:
                    break
                out[n] = row
                n += 1
    return out[:n]


@njit(cache=True, nogil=True)
def pareto_keep(dep_s, arr_s, trips, max_trips):  # pragma: no cover - compiled
    """Which (departure, arrival, trips) rows no other row dominates (leaves as late or
    later, arrives as early or earlier, with as few or fewer trips, one of them strictly);
    of identical rows only the first is kept. O(n log n) after one sort."""
    n = dep_s.shape[0]
    keep = np.zeros(n, dtype=np.bool_)
    order = np.argsort(-dep_s.astype(np.int64) * 4_000_000_000 + arr_s.astype(np.int64) * 8
                       + trips, kind="mergesort")
    inf = np.int64(2**62)
    best = np.full(max_trips + 1, inf, dtype=np.int64)   # best arrival by trips so far
    last_dep, last_arr, last_trips = inf, inf, -1
    for oi in range(n):
        i = order[oi]
        if dep_s[i] == last_dep and arr_s[i] == last_arr and trips[i] == last_trips:
            continue   # an identical row was kept or dropped already
        last_dep, last_arr, last_trips = dep_s[i], arr_s[i], trips[i]
        dominated = False
        for t in range(trips[i] + 1):
            if best[t] <= arr_s[i]:
                dominated = True
                break
        if not dominated:
            keep[i] = True
        if arr_s[i] < best[trips[i]]:
            best[trips[i]] = arr_s[i]
    return keep


@njit(cache=True, nogil=True)
def next_ride(index, leave_s, arrive_s, rounds, rnd, stop, arrival_s, slack,
              fp_ptr, fp_to, fp_dur):  # pragma: no cover - compiled
    """After a ride reaching ``stop`` at ``arrival_s``: the ride row of round ``rnd`` that
    arrives soonest, boarded at ``stop`` itself (after the slack) or one footpath away.
    Returns (row, stop walked to or -1, its arrival) or (-1, -1, 0) when none."""
    best_row, best_walk, best_arr = -1, -1, 0
    for j in range(fp_ptr[stop] - 1, fp_ptr[stop + 1]):
        if j < fp_ptr[stop]:
            u, ready = stop, arrival_s + slack
        else:
            u, ready = fp_to[j], arrival_s + fp_dur[j]
        key = u * rounds + rnd
        lo, hi = index[key], index[key + 1]
        if lo == hi:
            continue
        pos = lo + np.searchsorted(leave_s[lo:hi], ready)
        if pos < hi and (best_row < 0 or arrive_s[pos] < best_arr):
            best_row, best_arr = pos, arrive_s[pos]
            best_walk = -1 if u == stop and j < fp_ptr[stop] else u
    return best_row, best_walk, best_arr


@njit(cache=True, nogil=True)
def access_with_one_walk(stops, access_s, n_stops, fp_ptr, fp_to, fp_dur
                         ):  # pragma: no cover - compiled
    """Stops one can board at from the origin: reached directly, or through one footpath from
    such a stop. Returns (stops sorted, seconds, access stop walked through or -1)."""
    best = np.full(n_stops, 2**31 - 1, dtype=np.int64)
    via = np.full(n_stops, -1, dtype=np.int32)
    for i in range(stops.shape[0]):
        if access_s[i] < best[stops[i]]:
            best[stops[i]] = access_s[i]
            via[stops[i]] = -1
    for i in range(stops.shape[0]):
        s = stops[i]
        t = access_s[i]
        for j in range(fp_ptr[s], fp_ptr[s + 1]):
            u = fp_to[j]
            if t + fp_dur[j] < best[u]:
                best[u] = t + fp_dur[j]
                via[u] = s
    reached = np.flatnonzero(best < 2**31 - 1).astype(np.int32)
    return reached, best[reached].astype(np.int32), via[reached]
