"""transfers.txt rules in the kernel: how soon one may board a vehicle at a stop, having
arrived there (or at the stop a walk began) on another.

The rules come as :class:`routing.kernel.query.TransferRules` (CSR per key stop, the stop one
boards at in the table's time direction). Where no rule fits, a change at one stop needs the
query's slack and a walk needs only its own time; a rule of kind 0 means the same; kind 1
(timed) needs nothing; kind 2 needs ``min_s`` after arriving (it replaces the slack, and a walk
takes at least that long); kind 3 forbids the change. The most specific fitting rule wins
(lowest ``rank``). A stop without rules costs one comparison.
"""

from __future__ import annotations

from numba import njit

from routing.kernel.query import INF

__all__ = ["change_ready", "has_rules", "rule_for"]


@njit(cache=True, nogil=True, inline="always")
def has_rules(rules, s):  # pragma: no cover - compiled
    """True when some rule is keyed by stop ``s``."""
    return rules.ptr.shape[0] > 0 and rules.ptr[s + 1] > rules.ptr[s]


@njit(cache=True, nogil=True, inline="always")
def rule_for(rules, s, other, label_route, label_trip, cand_route, cand_trip
             ):  # pragma: no cover - compiled
    """(kind, min_s) of the most specific rule for boarding at ``s`` after arriving at
    ``other`` on (``label_route``, ``label_trip``) into (``cand_route``, ``cand_trip``) (route
    and trip codes); (-1, 0) when none fits."""
    best_rank = 127
    kind = -1
    min_s = 0
    for j in range(rules.ptr[s], rules.ptr[s + 1]):
        if rules.other[j] != other or rules.rank[j] >= best_rank:
            continue
        if rules.label_route[j] >= 0 and rules.label_route[j] != label_route:
            continue
        if rules.label_trip[j] >= 0 and rules.label_trip[j] != label_trip:
            continue
        if rules.cand_route[j] >= 0 and rules.cand_route[j] != cand_route:
            continue
        if rules.cand_trip[j] >= 0 and rules.cand_trip[j] != cand_trip:
            continue
        best_rank = rules.rank[j]
        kind = rules.kind[j]
        min_s = rules.min_s[j]
    return kind, min_s


@njit(cache=True, nogil=True, inline="always")
def change_ready(rules, trip_code, trip_route_code, s, arrived_s, label_trip, other,
                 walked_s, cand_trip, slack):  # pragma: no cover - compiled
    """When one may board global trip ``cand_trip`` at ``s``, having arrived at ``other`` at
    ``arrived_s`` on global trip ``label_trip`` (-1: not off a vehicle: no rule applies) and,
    when ``other != s``, walked to ``s`` by ``walked_s``. Returns INF when a rule forbids it."""
    if arrived_s >= INF:
        return INF
    same = other == s
    default = arrived_s + slack if same else walked_s
    if label_trip < 0:
        return arrived_s if same else walked_s
    kind, min_s = rule_for(rules, s, other, trip_route_code[label_trip], trip_code[label_trip],
                           trip_route_code[cand_trip], trip_code[cand_trip])
    if kind == 3:
        return INF
    if kind == 1:
        return arrived_s if same else walked_s
    if kind == 2:
        return max(arrived_s + min_s, arrived_s if same else walked_s)
    return default
