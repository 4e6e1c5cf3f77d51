"""Boarding in the RAPTOR kernel: which trip of a route one can take at a stop, having
reached the stop in the round before. Today that is the transfer slack after a ride and the
earliest trip leaving no earlier, or where transfers.txt rules name the stop, what they say
(:mod:`routing.kernel.transfers`); in-seat continuation (block_id) is compiled into the trips.
"""

from __future__ import annotations

from numba import njit

from routing.kernel.query import INF
from routing.kernel.transfers import change_ready

__all__ = ["catch_trip", "catch_trip_by_rules", "earliest_trip", "rules_at"]


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
    nothing. At a stop where transfers.txt rules apply (:func:`rules_at`), ask
    :func:`catch_trip_by_rules` instead. Returns (route-local trip or -1 for no better one,
    1 when boarded from the walk label)."""
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


@njit(cache=True, nogil=True, inline="always")
def rules_at(rule_ptr, k, s):  # pragma: no cover - compiled
    """Whether boarding at stop ``s`` in round ``k`` is a change some transfers.txt rule
    names (``rule_ptr``: ``TransferRules.ptr``, passed alone: the common case must not touch
    the rule tuple, numba counts references on every tuple it hands on)."""
    return k > 1 and rule_ptr.shape[0] > 0 and rule_ptr[s + 1] > rule_ptr[s]


@njit(cache=True, nogil=True)
def catch_trip_by_rules(dep_s, trip_ok, base, m, p, t0, n_trips, trip, ride_s, walk_s, k, s,
                        slack, rules, codes, ride_trip, ride_alight, walk_from
                        ):  # pragma: no cover - compiled
    """:func:`catch_trip` at a stop with transfers.txt ``rules`` (``codes``: the table's
    :class:`~routing.kernel.transfers.TripCodes`; ``ride_trip``, ``ride_alight``,
    ``walk_from``: the labels): from the earliest trip either label could reach without
    slack, the first trip whose rule lets one of them board."""
    arrived = ride_s[k - 1, s]
    walked = walk_s[k - 1, s]
    earliest = min(arrived, walked)
    if earliest >= INF:
        return -1, 0
    label_trip = ride_trip[k - 1, s]
    walk_start = walk_from[k - 1, s] if walked < INF else -1
    limit = n_trips if trip < 0 else trip
    t = earliest_trip(dep_s, base, m, p, n_trips, limit, earliest, trip_ok, t0)
    while 0 <= t < limit:
        dep = dep_s[base + t * m + p]
        by_ride = change_ready(rules, codes, s, arrived, label_trip, ride_alight[k - 1, s], s,
                               arrived, t0 + t, p, slack) if arrived < INF else INF
        by_walk = INF
        if walk_start >= 0:
            by_walk = change_ready(rules, codes, s, ride_s[k - 1, walk_start],
                                   ride_trip[k - 1, walk_start], ride_alight[k - 1, walk_start],
                                   walk_start, walked, t0 + t, p, slack)
        if trip_ok[t0 + t] != 0 and min(by_ride, by_walk) <= dep:
            return t, 1 if by_walk < by_ride else 0
        t += 1
    return -1, 0
