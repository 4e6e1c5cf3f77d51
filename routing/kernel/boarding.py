"""Boarding in the RAPTOR kernel: which trip of a route one can take at a stop, having
reached the stop in the round before. Today that is the transfer slack after a ride and the
earliest trip leaving no earlier; per-stop, per-route or per-trip transfer rules (GTFS
``transfers.txt``, in-seat continuation) belong in :func:`catch_trip`.
"""

from __future__ import annotations

from numba import njit

from routing.kernel.query import INF

__all__ = ["catch_trip", "earliest_trip"]


@njit(cache=True, nogil=True, inline="always")
def earliest_trip(dep_s, base, n, p, n_trips, limit, ready, trip_ok, t0
                  ):  # pragma: no cover - compiled
    """The first trip (below ``limit``) of a route leaving position ``p`` at or after
    ``ready`` that ``trip_ok`` allows, or -1 (``base``/``n``: the route's time block)."""
    lo, hi = 0, limit
    while lo < hi:
        mid = (lo + hi) // 2
        if dep_s[base + mid * n + p] < ready:
            lo = mid + 1
        else:
            hi = mid
    while lo < limit and trip_ok[t0 + lo] == 0:
        lo += 1
    return lo if lo < limit else -1


@njit(cache=True, nogil=True, inline="always")
def catch_trip(dep_s, trip_ok, base, m, p, t0, n_trips, trip, ride_s, walk_s, k, s, slack
               ):  # pragma: no cover - compiled
    """Can one who reached stop ``s`` in round ``k - 1`` board the route at position ``p``
    (the route's times start at ``base``, ``m`` positions, trips ``t0 .. t0 + n_trips - 1``),
    on an earlier trip than ``trip`` (route-local, -1 for none)? Coming off a vehicle needs
    the transfer ``slack`` (round 0's ride label is the source itself: none); a walk needs
    nothing. This is the place for transfer rules. Returns (route-local trip or -1 for no
    better one, 1 when boarded from the walk label)."""
    from_ride = ride_s[k - 1, s]
    if from_ride < INF and k > 1:
        from_ride += slack
    from_walk = walk_s[k - 1, s]
    ready = min(from_ride, from_walk)
    if ready >= INF or (trip >= 0 and ready > dep_s[base + trip * m + p]):
        return -1, 0
    found = earliest_trip(dep_s, base, m, p, n_trips, n_trips if trip < 0 else trip, ready,
                          trip_ok, t0)
    return found, 1 if from_walk < from_ride else 0
