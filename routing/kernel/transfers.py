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

from typing import NamedTuple

import numpy as np
from numba import njit

from routing.kernel.query import INF

__all__ = ["TripCodes", "change_ready", "code_at", "has_rules", "no_codes", "rule_for",
           "trip_codes"]


class TripCodes(NamedTuple):
    """The GTFS trip and route each compiled trip runs as, for transfers.txt rules, as codes
    (``routing.data.transfer_rules.id_codes``; -1: none). A compiled trip that runs several
    GTFS trips in-seat (block_id) changes code at its junctions: ``part_*`` (CSR per trip)
    lists from which position on, in the table's own direction, the next one applies."""

    code: np.ndarray             # int32[n_trips] trip code of the first part
    route_code: np.ndarray       # int32[n_trips] its route's code
    part_ptr: np.ndarray         # int32[n_trips + 1] into part_*, or empty: no parts at all
    part_pos: np.ndarray         # int32 junction position (leaving it: the next part)
    part_code: np.ndarray        # int32 trip code of the next part
    part_route_code: np.ndarray  # int32 its route's code


def no_codes() -> TripCodes:
    """Codes for a table of no trips."""
    empty = np.zeros(0, dtype=np.int32)
    return TripCodes(empty, empty, empty, empty, empty, empty)


def trip_codes(codes: np.ndarray, route_codes: np.ndarray, parts: list[tuple],
               trip_info: np.ndarray, trip_length: np.ndarray, reversed_: bool) -> TripCodes:
    """Per compiled trip: ``codes``/``route_codes`` per info, ``parts[i]`` the info's
    (junction position, info index) list in forward positions, ``trip_info`` each trip's info,
    ``trip_length`` its number of positions. A reversed table runs the parts backwards."""
    code = codes[trip_info].astype(np.int32)
    route_code = route_codes[trip_info].astype(np.int32)
    if not any(parts):
        empty = np.zeros(0, dtype=np.int32)
        return TripCodes(code, route_code, empty, empty, empty, empty)
    counts = np.zeros(len(trip_info), dtype=np.int32)
    pos, pcode, proute = [], [], []
    for t, info in enumerate(trip_info.tolist()):
        if not parts[info]:
            continue
        chain = [(0, info)] + [tuple(p) for p in parts[info]]
        if reversed_:   # last part first; a junction q becomes last - q
            last = int(trip_length[t]) - 1
            code[t], route_code[t] = codes[chain[-1][1]], route_codes[chain[-1][1]]
            steps = [(last - chain[i][0], chain[i - 1][1]) for i in range(len(chain) - 1, 0, -1)]
        else:
            steps = chain[1:]
        counts[t] = len(steps)
        for at, index in steps:
            pos.append(at)
            pcode.append(codes[index])
            proute.append(route_codes[index])
    ptr = np.zeros(len(trip_info) + 1, dtype=np.int32)
    ptr[1:] = np.cumsum(counts)
    return TripCodes(code, route_code, ptr, np.asarray(pos, dtype=np.int32),
                     np.asarray(pcode, dtype=np.int32), np.asarray(proute, dtype=np.int32))


@njit(cache=True, nogil=True, inline="always")
def code_at(codes, trip, pos, arriving):  # pragma: no cover - compiled
    """(trip code, route code) of global ``trip`` leaving position ``pos`` (``arriving``:
    arriving there; at a junction one arrives on the earlier part and leaves on the next)."""
    code = codes.code[trip]
    route = codes.route_code[trip]
    if codes.part_ptr.shape[0] > 0:
        for j in range(codes.part_ptr[trip], codes.part_ptr[trip + 1]):
            if pos > codes.part_pos[j] or (pos == codes.part_pos[j] and not arriving):
                code = codes.part_code[j]
                route = codes.part_route_code[j]
    return code, route


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
def change_ready(rules, codes, s, arrived_s, label_trip, label_pos, other, walked_s, cand_trip,
                 cand_pos, slack):  # pragma: no cover - compiled
    """When one may board global trip ``cand_trip`` at position ``cand_pos`` (stop ``s``),
    having arrived at ``other`` at ``arrived_s`` on global trip ``label_trip`` at its position
    ``label_pos`` (-1 trip: not off a vehicle, no rule applies) and, when ``other != s``,
    walked to ``s`` by ``walked_s``. Returns INF when a rule forbids it."""
    if arrived_s >= INF:
        return INF
    same = other == s
    if label_trip < 0:
        return arrived_s if same else walked_s
    label_code, label_route = code_at(codes, label_trip, label_pos, True)
    cand_code, cand_route = code_at(codes, cand_trip, cand_pos, False)
    kind, min_s = rule_for(rules, s, other, label_route, label_code, cand_route, cand_code)
    if kind == 3:
        return INF
    if kind == 1:
        return arrived_s if same else walked_s
    if kind == 2:
        return max(arrived_s + min_s, arrived_s if same else walked_s)
    return arrived_s + slack if same else walked_s
