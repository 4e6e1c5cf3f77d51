"""Venue profiles in the kernel: the rRAPTOR sweep (the round loop of
:mod:`routing.kernel.raptor` over many source clocks, on a time-reversed table), and reading
profile entries: the ones worth a look for a query, the Pareto set among them, the next ride
after one.

The sweep runs the rounds once per distinct source clock, latest first in the reversed clock
(that is, earliest arrival at the target first). Labels persist between clocks, so each clock
only does the work its earlier source time adds (self-pruning). Every ride label that improves
from round 1 on is a profile entry (a row with the ``ROW_*`` columns of
:mod:`routing.kernel.raptor`): stop, round, reversed arrival (``-leave_by``), source clock
(``-arrive_at``) and the ride. Walk labels are not written out: a walk before a ride is one
footpath, which the reader adds; round 0 (walking to the target) is the same at every clock,
so the caller keeps it as one walk per stop.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from routing.kernel.query import Footpaths, ProfileRows, raptor_query
from routing.kernel.raptor import run_raptor
from routing.kernel.timetable import TimetableArrays
from routing.kernel.transfers import change_ready, has_rules

__all__ = ["follow_entry", "next_ride", "pareto_keep", "pick_candidates", "pick_entries",
           "profile_sweep"]


def profile_sweep(table: TimetableArrays, footpaths: Footpaths, *, source_stops: np.ndarray,
                  source_s: np.ndarray, clocks: np.ndarray, max_rides: int,
                  transfer_slack_s: int, stop_ok: np.ndarray, trip_ok: np.ndarray
                  ) -> ProfileRows:
    """Profile entries of a reversed ``table`` from the target's stops (``source_s``: walk
    from the target to each), at every clock of ``clocks`` (sorted descending, reversed
    time), with 1..max_rides rides; ``stop_ok``/``trip_ok`` filter stops and trips (the
    wheelchair settings)."""
    query = raptor_query(source_stops=source_stops, source_s=source_s, clocks=clocks,
                         stop_ok=stop_ok, trip_ok=trip_ok, max_rides=max_rides,
                         transfer_slack_s=transfer_slack_s, emit_rows=True)
    rows = run_raptor(table, footpaths, query).rows
    return ProfileRows(*(np.ascontiguousarray(column) for column in rows.T))


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
def next_ride(index, leave_s, arrive_s, rounds, rnd, stop, arrival_s, slack, fp, trip,
              alight_pos, row_trip, row_board_pos, codes):  # pragma: no cover - compiled
    """After a ride on global trip ``trip`` reaching ``stop`` at ``arrival_s``: the ride row
    of round ``rnd`` that arrives soonest, boarded at ``stop`` itself or one footpath of ``fp``
    away, as the transfers.txt rules of ``fp.rules`` allow (else after the slack, or the walk).
    ``alight_pos``: where ``trip`` was left; ``row_trip``/``row_board_pos``: each row's global
    trip and boarding position; ``codes``: the forward table's ``TripCodes``.
    Returns (row, stop walked to or -1, its arrival) or (-1, -1, 0) when none."""
    best_row, best_walk, best_arr = -1, -1, 0
    rules = fp.rules
    for j in range(fp.ptr[stop] - 1, fp.ptr[stop + 1]):
        if j < fp.ptr[stop]:
            u, walked = stop, arrival_s
        else:
            u, walked = fp.to[j], arrival_s + fp.dur_s[j]
        key = u * rounds + rnd
        lo, hi = index[key], index[key + 1]
        if lo == hi:
            continue
        if not has_rules(rules, u):
            ready = arrival_s + slack if u == stop else walked
            pos = lo + np.searchsorted(leave_s[lo:hi], ready)
        else:   # the rule depends on the vehicle boarded: the first row it allows
            pos = lo + np.searchsorted(leave_s[lo:hi], arrival_s if u == stop else walked)
            while pos < hi and leave_s[pos] < change_ready(
                    rules, codes, u, arrival_s, trip, alight_pos, stop, walked,
                    row_trip[pos], row_board_pos[pos], slack):
                pos += 1
        if pos < hi and (best_row < 0 or arrive_s[pos] < best_arr):
            best_row, best_arr = pos, arrive_s[pos]
            best_walk = -1 if u == stop and j < fp.ptr[stop] else u
    return best_row, best_walk, best_arr


@njit(cache=True, nogil=True)
def follow_entry(table, fp, index, leave_s, arrive_s, rounds, row_route, row_trip,
                 row_board_pos, row_alight_pos, egress_s, slack, row, rnd
                 ):  # pragma: no cover - compiled
    """Follow profile entry ``row`` of round ``rnd`` (its ride first) to the target, on the
    forward ``table`` (``TimetableArrays``) with footpaths ``fp``: after each ride the soonest
    way on, the walk to the target on a tie (``egress_s`` per stop, -1: none), else the ride
    of :func:`next_ride` (one footpath before it or none).

    Returns (steps, n, egress stop): ``steps[:n]`` rows of (kind, a, b, c, d, e, f), kind 0
    a ride (route, global trip, boarding and alighting positions, departure at boarding,
    arrival at alighting), kind 1 a walk (from stop, to stop, then zeros); egress stop -1
    when the chain breaks (no way on)."""
    steps = np.zeros((2 * rounds + 2, 7), dtype=np.int64)
    n = 0
    for _ in range(rounds + 1):
        route, trip = row_route[row], row_trip[row]
        alight = row_alight_pos[row]
        first = table.route_stop_ptr[route]
        length = table.route_stop_ptr[route + 1] - first
        at = table.route_time_ptr[route] + (trip - table.route_trip_ptr[route]) * length
        arrival = table.arr_s[at + alight]
        steps[n, 0], steps[n, 1], steps[n, 2] = 0, route, trip
        steps[n, 3], steps[n, 4] = row_board_pos[row], alight
        steps[n, 5], steps[n, 6] = table.dep_s[at + row_board_pos[row]], arrival
        n += 1
        stop = table.route_stops[first + alight]
        rnd -= 1
        can_walk = egress_s[stop] >= 0
        walk_arr = arrival + egress_s[stop]
        found, walk_to, found_arr = -1, -1, 0
        if rnd > 0:
            found, walk_to, found_arr = next_ride(
                index, leave_s, arrive_s, rounds, rnd, stop, arrival, slack, fp, trip, alight,
                row_trip, row_board_pos, table.codes)
        if found >= 0 and (not can_walk or found_arr < walk_arr):
            row = found
            if walk_to >= 0:
                steps[n, 0], steps[n, 1], steps[n, 2] = 1, stop, walk_to
                n += 1
        elif can_walk:
            return steps, n, stop
        else:
            return steps, n, -1
    return steps, n, -1


@njit(cache=True, nogil=True)
def pick_candidates(index, leave_s, arrive_s, rounds, access_stops, access_s, time_s,
                    max_round, per_round, latest_arrival_s, per_rides
                    ):  # pragma: no cover - compiled
    """The entries a depart-after query rebuilds, in one call: :func:`pick_entries` (access
    stops sorted ascending, ``access_s`` the walk to each), the Pareto set of (departure,
    arrival, rides), with the access walk counted as time or not (the union of both), then
    for each number of rides the first ``per_rides`` by (arrival, later departure first).

    Returns (rows, access index, rides, departure, arrival) per entry in that order;
    departure is the time to leave the origin (leave_by less the access walk)."""
    rows = pick_entries(index, leave_s, arrive_s, rounds, access_stops, access_s, time_s,
                        max_round, per_round, latest_arrival_s)
    n = rows.shape[0]
    at = np.empty(n, dtype=np.int64)
    rides = np.empty(n, dtype=np.int64)
    dep = np.empty(n, dtype=np.int64)
    walked = np.empty(n, dtype=np.int64)
    arr = np.empty(n, dtype=np.int64)
    for i in range(n):
        key = np.searchsorted(index, rows[i], side="right") - 1
        at[i] = np.searchsorted(access_stops, key // rounds)
        rides[i] = key % rounds
        dep[i] = leave_s[rows[i]] - access_s[at[i]]
        walked[i] = dep[i] - access_s[at[i]]
        arr[i] = arrive_s[rows[i]]
    keep = np.flatnonzero(pareto_keep(dep, arr, rides, rounds)
                          | pareto_keep(walked, arr, rides, rounds))
    keep = keep[np.argsort(-dep[keep], kind="mergesort")]
    keep = keep[np.argsort(arr[keep], kind="mergesort")]
    taken = np.zeros(rounds + 1, dtype=np.int64)
    chosen = np.empty(keep.shape[0], dtype=np.int64)
    m = 0
    for i in keep:
        if taken[rides[i]] < per_rides:
            taken[rides[i]] += 1
            chosen[m] = i
            m += 1
    chosen = chosen[:m]
    return rows[chosen], at[chosen], rides[chosen], dep[chosen], arr[chosen]
