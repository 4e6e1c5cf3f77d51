"""Reading venue profile entries for reachability: per stop, the latest time one can leave it
and still arrive by a deadline, and the earliest arrival when ready at a given time; for a
stop as the origin, optionally with one footpath walked first (the planner's stop origin
takes the stops a footpath away too; a coordinate's access walk goes to one stop and rides).

Entries are those of :class:`routing.plan.profiles.VenueProfile` (or a profile built for a
time window): sorted by (stop, round, leave_s), CSR ``index`` over ``stop * rounds + round``.
Within one (stop, round) both ``leave_s`` and ``arrive_s`` increase (a later entry that
arrived no later would have dominated the earlier one), so both are binary-searchable.
All times are seconds since the service date's midnight (forward clock).
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["NEVER_S", "arrivals_for_pairs", "earliest_arrival", "latest_leave"]

#: "no entry": below any real time (and far from int32 overflow when walks are added)
NEVER_S = -1_000_000_000


@njit(cache=True, nogil=True)
def _latest_direct(index, leave_s, arrive_s, rounds, max_round, deadline_s, stop_ok
                   ):  # pragma: no cover - compiled
    n_stops = stop_ok.shape[0]
    out = np.full(n_stops, NEVER_S, dtype=np.int64)
    rides = np.zeros(n_stops, dtype=np.int8)
    for s in range(n_stops):
        if stop_ok[s] == 0:
            continue
        for rnd in range(1, max_round + 1):
            key = s * rounds + rnd
            lo, hi = index[key], index[key + 1]
            if lo == hi:
                continue
            pos = lo + np.searchsorted(arrive_s[lo:hi], deadline_s, side="right") - 1
            if pos >= lo and leave_s[pos] > out[s]:
                out[s] = leave_s[pos]
                rides[s] = rnd
    return out, rides


@njit(cache=True, nogil=True)
def latest_leave(index, leave_s, arrive_s, rounds, max_round, deadline_s, stop_ok, fp_ptr,
                 fp_to, fp_dur_s, walk_first):  # pragma: no cover - compiled
    """Per stop: the latest time to be ready at the stop (with ``walk_first``: or to start
    one footpath from it) and reach the venue by ``deadline_s`` with 1..max_round rides
    (int64, ``NEVER_S`` for none), and the fewest rides that do it (int8). Stops with
    ``stop_ok`` 0 are neither boarded nor walked to."""
    direct, direct_rides = _latest_direct(index, leave_s, arrive_s, rounds, max_round,
                                          deadline_s, stop_ok)
    out = direct.copy()
    rides = direct_rides.copy()
    if not walk_first:
        return out, rides
    for s in range(stop_ok.shape[0]):
        if stop_ok[s] == 0:
            continue
        for j in range(fp_ptr[s], fp_ptr[s + 1]):
            u = fp_to[j]
            if direct[u] == NEVER_S:
                continue
            t = direct[u] - fp_dur_s[j]
            if t > out[s] or (t == out[s] and direct_rides[u] < rides[s]):
                out[s] = t
                rides[s] = direct_rides[u]
    return out, rides


@njit(cache=True, nogil=True)
def _first_arrival(index, leave_s, arrive_s, rounds, max_round, stop, ready_s
                   ):  # pragma: no cover - compiled
    best = np.int64(-NEVER_S)
    best_rnd = 0
    for rnd in range(1, max_round + 1):
        key = stop * rounds + rnd
        lo, hi = index[key], index[key + 1]
        if lo == hi:
            continue
        pos = lo + np.searchsorted(leave_s[lo:hi], ready_s)
        if pos < hi and arrive_s[pos] < best:
            best = arrive_s[pos]
            best_rnd = rnd
    return best, best_rnd


@njit(cache=True, nogil=True)
def earliest_arrival(index, leave_s, arrive_s, rounds, max_round, ready_s, wanted, fp_ptr,
                     fp_to, fp_dur_s, stop_ok):  # pragma: no cover - compiled
    """Per stop: the earliest arrival at the venue when ready at the stop at ``ready_s``
    (riding from it, or after one footpath to a stop ``stop_ok`` allows; int64,
    ``-NEVER_S`` for none and for stops ``wanted`` (uint8) leaves out), and the fewest
    rides that do it (int8)."""
    n_stops = stop_ok.shape[0]
    out = np.full(n_stops, -NEVER_S, dtype=np.int64)
    rides = np.zeros(n_stops, dtype=np.int8)
    for s in range(n_stops):
        if wanted[s] == 0 or stop_ok[s] == 0:
            continue
        best, best_rnd = _first_arrival(index, leave_s, arrive_s, rounds, max_round, s,
                                        ready_s)
        for j in range(fp_ptr[s], fp_ptr[s + 1]):
            u = fp_to[j]
            if stop_ok[u] == 0:
                continue
            t, rnd = _first_arrival(index, leave_s, arrive_s, rounds, max_round, u,
                                    ready_s + fp_dur_s[j])
            if t < best or (t == best and rnd < best_rnd):
                best, best_rnd = t, rnd
        out[s] = best
        rides[s] = best_rnd
    return out, rides


@njit(cache=True, nogil=True)
def arrivals_for_pairs(index, leave_s, arrive_s, rounds, max_round, stops, ready_s
                       ):  # pragma: no cover - compiled
    """int64 per pair: the earliest arrival at the venue riding from ``stops[i]`` when ready
    there at ``ready_s[i]`` (1..max_round rides, no walk first); ``-NEVER_S`` for none."""
    out = np.empty(stops.shape[0], dtype=np.int64)
    for i in range(stops.shape[0]):
        out[i] = _first_arrival(index, leave_s, arrive_s, rounds, max_round, stops[i],
                                ready_s[i])[0]
    return out
