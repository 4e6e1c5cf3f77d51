"""RAPTOR over a compiled timetable (Delling, Pajor, Werneck 2012): ONE round loop for the
forward earliest-arrival search, the backward search (the same loop on the time-reversed
table) and the rRAPTOR profile sweep (the same loop over several source clocks).

The kernel speaks integers only: stop, route and trip indices and seconds; it keeps no state
between calls. Round ``k`` finds the earliest arrival at every stop with exactly ``k`` rides.
Each stop keeps two labels per round, so that a walk never starts from a walk:

* the *ride* label (``ride_s``): reached on a vehicle, ``ride_route``, ``ride_trip`` (global
  trip), ``ride_board``/``ride_alight`` (positions) and ``ride_after_walk`` (1 when the vehicle
  was boarded from the previous round's walk label, else from its ride label); in round 0 the
  ride label is the time at a source stop (the clock plus its access walk);
* the *walk* label (``walk_s``): reached on foot from ``walk_from``, whose ride label (same
  round) it starts from.

Never two walks in a row: round 0 has no walk labels (the sources are every stop within the
origin's walking reach, each with its own one walk), and the target is reached only from ride
labels (the egress walk is the one walk after the last ride).

A ride label is kept when it beats every ride label of rounds 1..k at that stop; a walk label
when it beats every label of rounds 1..k there. Round 0 labels prune nothing (a ride reaching a
stop later than a walk from the source still counts). Target pruning: ``arrival +
lower_bound_s[stop]`` must beat the best arrival at the target so far, and ``cutoff_s`` is the
horizon; a ride label next to the target lowers that bound at once (to one past the arrival it
offers: a later label of the same round cannot beat or tie it), not only at the round's
end. Lower bounds are at most ``UNREACHABLE_S``. A query may also give a latest useful label
per stop (``stop_cutoff_s``, the bound a twin search the other way leaves:
:func:`routing.plan.search.stop_cutoffs`); round 0's sources are exempt, so that routes are
scanned in the same order as without it and ties go the same way.

Each round is three named steps, as in the paper: collect the routes through the stops marked
last round (:func:`routes_to_scan`), :func:`update_routes` (alight, then board, at every position of
each), :func:`update_footpaths` from the stops a ride reached; then
:func:`update_targets`. Boarding asks one helper, :func:`catch_trip` ("which trip of this
route can one take here, having reached the stop in the round before?"), which applies the
transfers.txt rules of ``Footpaths.rules`` (:mod:`routing.kernel.boarding`).

Profile mode (several ``clocks``, latest first in the kernel's clock): labels persist between
clocks, so each clock only adds what its earlier start finds (rRAPTOR's self-pruning); the
bests are then kept per round (a later round's label must not prune an earlier round's: it has
more rides), and with ``emit_rows`` every improved ride label of round >= 1 is written out as a
row (columns ``ROW_*``). A single-clock search is the same loop with one clock.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit

from routing.kernel.boarding import catch_trip, catch_trip_by_rules, rules_at
from routing.kernel.query import (
    INF,
    LABEL_RIDE,
    N_ROW_COLUMNS,
    STAT_LABELS,
    STAT_PRUNED,
    STAT_ROUTES,
    UNREACHABLE_S,
    Footpaths,
    RaptorQuery,
    RaptorResult,
)
from routing.kernel.rows import emit_row, reserve_rows
from routing.kernel.timetable import TimetableArrays

#: ``Footpaths`` and ``UNREACHABLE_S`` are re-exported: the network builds them for the kernel
__all__ = [
    "UNREACHABLE_S", "Footpaths", "catch_trip", "routes_to_scan", "run_raptor",
    "update_footpaths", "update_routes", "update_targets",
]


class _Labels(NamedTuple):
    """The kernel's per-round label arrays (see the module docstring)."""

    ride_s: np.ndarray
    walk_s: np.ndarray
    best_ride_s: np.ndarray   # [1 or rounds, n_stops]: best ride label of rounds 1..k
    best_any_s: np.ndarray    # [1 or rounds, n_stops]: best label of rounds 1..k
    ride_route: np.ndarray
    ride_trip: np.ndarray
    ride_board: np.ndarray
    ride_alight: np.ndarray
    ride_after_walk: np.ndarray
    walk_from: np.ndarray


class _Marks(NamedTuple):
    """Stop sets as (flag per stop, list): marked for this round, improved this round
    (marked next), and reached by a ride this round (footpaths start there)."""

    marked: np.ndarray
    marked_list: np.ndarray
    new: np.ndarray
    new_list: np.ndarray
    rode: np.ndarray
    rode_list: np.ndarray


def run_raptor(table: TimetableArrays, footpaths: Footpaths, query: RaptorQuery
               ) -> RaptorResult:
    """Earliest arrival from the sources, with 0..max_rides rides, at each of the clocks."""
    return _raptor(table, footpaths, query)


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


# The step functions take the grouped tuples but read their arrays into locals once per
# round, and mark stops (flag, then append) and lower the per-round bests (``best[row:, s]``)
# in line: numba counts references each time an array is taken out of a tuple or passed to a
# helper, which costs a lot in inner loops.

@njit(cache=True, nogil=True, inline="always")
def update_routes(tt, fp, q, lab, mk, k, touched, n_touched, route_first, bound, egress,
                  clock, rows, n_rows, stats, with_rules):  # pragma: no cover - compiled
    """Scan each route of ``touched`` from its ``route_first`` position in round ``k``: at
    each position first alight the trip ridden so far (a better ride label), then board an
    earlier trip if one can. ``with_rules`` (a constant at each call, so that the inlined scan
    without rules carries no trace of them): consult transfers.txt rules where a stop has
    some. A ride label next to the target (``egress`` >= 0) lowers ``bound`` at once to one
    past the arrival it offers: a later label of this round cannot beat or tie it, nor can
    anything it leads to next round. Returns (n_new, n_rode, bound, rows, n_rows)."""
    route_stop_ptr, route_trip_ptr, route_time_ptr = (tt.route_stop_ptr, tt.route_trip_ptr,
                                                      tt.route_time_ptr)
    route_stops, route_board, route_alight = tt.route_stops, tt.route_board, tt.route_alight
    arr_s, dep_s = tt.arr_s, tt.dep_s
    stop_ok, trip_ok, lower_bound_s = q.stop_ok, q.trip_ok, q.lower_bound_s
    stop_cut = q.stop_cutoff_s
    has_cut = stop_cut.shape[0] > 0
    slack, emit_rows, target_cutoff = q.transfer_slack_s, q.emit_rows, q.target_cutoff_s
    ride_s, walk_s, best_ride_s, best_any_s = lab.ride_s, lab.walk_s, lab.best_ride_s, \
        lab.best_any_s
    ride_route, ride_trip, ride_board, ride_alight, ride_after_walk = (
        lab.ride_route, lab.ride_trip, lab.ride_board, lab.ride_alight, lab.ride_after_walk)
    rule_ptr = fp.rules.ptr
    new, new_list, rode, rode_list = mk.new, mk.new_list, mk.rode, mk.rode_list
    n_best = best_ride_s.shape[0]
    row = min(k, n_best - 1)
    n_new = 0
    n_rode = 0
    if emit_rows:  # room for a row per position scanned (grown here, never in the loop)
        rows = reserve_rows(rows, n_rows, route_stops.shape[0])
    for ti in range(n_touched):
        r = touched[ti]
        p0 = route_first[r]
        route_first[r] = -1
        stats[STAT_ROUTES] += 1
        s0 = route_stop_ptr[r]
        m = route_stop_ptr[r + 1] - s0
        t0 = route_trip_ptr[r]
        n_trips = route_trip_ptr[r + 1] - t0
        base = route_time_ptr[r]
        trip = -1
        board_pos = -1
        board_walk = 0
        for p in range(p0, m):
            s = route_stops[s0 + p]
            if stop_ok[s] == 0:
                continue
            if trip >= 0 and route_alight[s0 + p] == 1:
                a = arr_s[base + trip * m + p]
                if a < best_ride_s[row, s]:
                    if a + lower_bound_s[s] >= bound or (has_cut and a > stop_cut[s]):
                        stats[STAT_PRUNED] += 1
                    else:
                        stats[STAT_LABELS] += 1
                        ride_s[k, s] = a
                        ride_route[k, s] = r
                        ride_trip[k, s] = t0 + trip
                        ride_board[k, s] = board_pos
                        ride_alight[k, s] = p
                        ride_after_walk[k, s] = board_walk
                        for kk in range(row, n_best):
                            best_ride_s[kk, s] = min(best_ride_s[kk, s], a)
                            best_any_s[kk, s] = min(best_any_s[kk, s], a)
                        if emit_rows:
                            n_rows = emit_row(rows, n_rows, s, k, a, clock, r, t0 + trip,
                                              board_pos, p)
                        if egress[s] >= 0 and a + egress[s] < bound and \
                                a + egress[s] <= target_cutoff:
                            bound = a + egress[s] + 1
                        if new[s] == 0:
                            new[s] = 1
                            new_list[n_new] = s
                            n_new += 1
                        if rode[s] == 0:
                            rode[s] = 1
                            rode_list[n_rode] = s
                            n_rode += 1
            if route_board[s0 + p] == 1:
                if with_rules and rules_at(rule_ptr, k, s):
                    found, after_walk = catch_trip_by_rules(
                        dep_s, trip_ok, base, m, p, t0, n_trips, trip, ride_s, walk_s, k, s,
                        slack, fp.rules, tt.codes, ride_trip, ride_alight, lab.walk_from)
                else:
                    found, after_walk = catch_trip(dep_s, trip_ok, base, m, p, t0, n_trips,
                                                   trip, ride_s, walk_s, k, s, slack)
                if found >= 0:
                    trip = found
                    board_pos = p
                    board_walk = after_walk
    return n_new, n_rode, bound, rows, n_rows


@njit(cache=True, nogil=True, inline="always")
def update_footpaths(fp, q, lab, mk, k, bound, n_rode, n_marked, n_new, stats
                     ):  # pragma: no cover - compiled
    """One walk from each stop a ride (in round 0: a source) reached in round ``k``. Round 0
    walks mark stops for round 1 directly and prune only against round 0; later walks must
    beat every label of rounds 1..k. Returns (n_marked, n_new)."""
    fp_ptr, fp_to, fp_dur_s = fp.ptr, fp.to, fp.dur_s
    stop_ok, lower_bound_s, stop_cut = q.stop_ok, q.lower_bound_s, q.stop_cutoff_s
    has_cut = stop_cut.shape[0] > 0
    ride_s, walk_s, walk_from, best_any_s = lab.ride_s, lab.walk_s, lab.walk_from, \
        lab.best_any_s
    marked, marked_list, new, new_list = mk.marked, mk.marked_list, mk.new, mk.new_list
    rode, rode_list = mk.rode, mk.rode_list
    n_best = best_any_s.shape[0]
    row = min(k, n_best - 1)
    for i in range(n_rode):
        s = rode_list[i]
        rode[s] = 0
        t_s = ride_s[k, s]
        for j in range(fp_ptr[s], fp_ptr[s + 1]):
            u = fp_to[j]
            if stop_ok[u] == 0:
                continue
            a = t_s + fp_dur_s[j]
            if k == 0:
                if a >= ride_s[0, u] or a >= walk_s[0, u] or a >= bound or (
                        has_cut and a > stop_cut[u]):
                    continue
            elif a >= best_any_s[row, u]:
                continue
            elif a + lower_bound_s[u] >= bound or (has_cut and a > stop_cut[u]):
                stats[STAT_PRUNED] += 1
                continue
            stats[STAT_LABELS] += 1
            walk_s[k, u] = a
            walk_from[k, u] = s
            if k == 0:
                if marked[u] == 0:
                    marked[u] = 1
                    marked_list[n_marked] = u
                    n_marked += 1
            else:
                for kk in range(row, n_best):
                    best_any_s[kk, u] = min(best_any_s[kk, u], a)
                if new[u] == 0:
                    new[u] = 1
                    new_list[n_new] = u
                    n_new += 1
    return n_marked, n_new


@njit(cache=True, nogil=True, inline="always")
def update_targets(lab, mk, k, n_new, egress, target_arr, target_stop, target_kind,
                   target_cutoff, bound):  # pragma: no cover - compiled
    """End of round ``k``: the stops improved become the marked ones, and those next to the
    target offer arrivals there (egress walk included, within ``target_cutoff``). Returns
    (n_marked, the new exclusive bound on arrivals)."""
    ride_s = lab.ride_s
    marked, marked_list, new, new_list = mk.marked, mk.marked_list, mk.new, mk.new_list
    n_marked = 0
    for i in range(n_new):
        s = new_list[i]
        new[s] = 0
        if marked[s] == 0:
            marked[s] = 1
            marked_list[n_marked] = s
            n_marked += 1
        if egress[s] < 0:
            continue
        # only off a vehicle: a walk label's walk and the egress walk would be two in a row
        t_s = ride_s[k, s]
        if t_s < INF and t_s + egress[s] < target_arr[k] and t_s + egress[s] <= target_cutoff:
            target_arr[k] = t_s + egress[s]
            target_stop[k] = s
            target_kind[k] = LABEL_RIDE
    return n_marked, min(bound, target_arr[k])


@njit(cache=True, nogil=True, inline="always")
def _start(q, lab, mk, clock, bound):  # pragma: no cover - compiled
    """Round 0 at one clock: the source stops (only those it improves are marked, as in
    rRAPTOR). Returns how many were marked (they are also the walks' starting points)."""
    source_stops, source_s, stop_ok, ride_s = q.source_stops, q.source_s, q.stop_ok, lab.ride_s
    marked, marked_list, rode_list = mk.marked, mk.marked_list, mk.rode_list
    n = 0
    for i in range(source_stops.shape[0]):
        s = source_stops[i]
        t = clock + source_s[i]
        if stop_ok[s] == 0 or t >= bound or t >= ride_s[0, s]:
            continue
        ride_s[0, s] = t
        if marked[s] == 0:
            marked[s] = 1
            marked_list[n] = s
            rode_list[n] = s
            n += 1
    return n


@njit(cache=True, nogil=True)
def _raptor(tt, fp, q):  # pragma: no cover - compiled
    """The round loop (see the module docstring); returns a RaptorResult."""
    n_stops = tt.stop_route_ptr.shape[0] - 1
    n_routes = tt.route_stop_ptr.shape[0] - 1
    rounds = q.max_rides + 1
    n_best = rounds if q.clocks.shape[0] > 1 else 1   # labels persist across clocks
    lab = _Labels(
        np.full((rounds, n_stops), INF, dtype=np.int32),
        np.full((rounds, n_stops), INF, dtype=np.int32),
        np.full((n_best, n_stops), INF, dtype=np.int32),
        np.full((n_best, n_stops), INF, dtype=np.int32),
        np.full((rounds, n_stops), -1, dtype=np.int32),
        np.full((rounds, n_stops), -1, dtype=np.int32),
        np.full((rounds, n_stops), -1, dtype=np.int32),
        np.full((rounds, n_stops), -1, dtype=np.int32),
        np.zeros((rounds, n_stops), dtype=np.int8),
        np.full((rounds, n_stops), -1, dtype=np.int32),
    )
    mk = _Marks(np.zeros(n_stops, dtype=np.uint8), np.empty(n_stops, dtype=np.int32),
                np.zeros(n_stops, dtype=np.uint8), np.empty(n_stops, dtype=np.int32),
                np.zeros(n_stops, dtype=np.uint8), np.empty(n_stops, dtype=np.int32))
    route_first = np.full(n_routes, -1, dtype=np.int32)
    touched = np.empty(n_routes, dtype=np.int32)
    target_arr = np.full(rounds, INF, dtype=np.int32)
    target_stop = np.full(rounds, -1, dtype=np.int32)
    target_kind = np.zeros(rounds, dtype=np.int8)
    egress = np.full(n_stops, -1, dtype=np.int32)
    for i in range(q.target_stops.shape[0]):
        s = q.target_stops[i]
        if egress[s] < 0 or q.target_s[i] < egress[s]:
            egress[s] = q.target_s[i]
    rows = np.empty((1 << 16 if q.emit_rows else 0, N_ROW_COLUMNS), dtype=np.int32)
    n_rows = 0
    stats = np.zeros(3, dtype=np.int64)
    bound = q.cutoff_s + 1  # best arrival at the target so far (exclusive bound)
    with_rules = fp.rules.ptr.shape[0] > 0
    for ci in range(q.clocks.shape[0]):
        clock = q.clocks[ci]
        # round 0 is the sources only: their walk from the origin is the one walk before the
        # first ride (the sources are every stop within walking reach), and a direct walk to
        # the target is the planner's business
        n_marked = _start(q, lab, mk, clock, bound)
        for k in range(1, rounds):
            if n_marked == 0:
                break
            n_touched = routes_to_scan(mk.marked_list, n_marked, mk.marked, tt.stop_route_ptr,
                                       tt.stop_route_ids, tt.stop_route_pos, route_first,
                                       touched)
            if with_rules:
                n_new, n_rode, bound, rows, n_rows = update_routes(
                    tt, fp, q, lab, mk, k, touched, n_touched, route_first, bound, egress,
                    clock, rows, n_rows, stats, True)
            else:
                n_new, n_rode, bound, rows, n_rows = update_routes(
                    tt, fp, q, lab, mk, k, touched, n_touched, route_first, bound, egress,
                    clock, rows, n_rows, stats, False)
            _, n_new = update_footpaths(fp, q, lab, mk, k, bound, n_rode, 0, n_new, stats)
            n_marked, bound = update_targets(lab, mk, k, n_new, egress, target_arr,
                                             target_stop, target_kind, q.target_cutoff_s,
                                             bound)
        for i in range(n_marked):
            mk.marked[mk.marked_list[i]] = 0
    return RaptorResult(lab.ride_s, lab.ride_route, lab.ride_trip, lab.ride_board,
                        lab.ride_alight, lab.ride_after_walk, lab.walk_s, lab.walk_from,
                        target_arr, target_stop, target_kind, rows[:n_rows], stats)
