"""``transfers.txt`` types 0-3 compiled for the RAPTOR kernel: per boarding stop, the rules
that decide how soon (and whether) one may board a vehicle there after arriving on another.

Every row becomes rules between boardable stops: a row naming a station applies to each of its
platforms. A row may be limited to the vehicles arrived on (``from_route_id``/``from_trip_id``)
and boarded (``to_route_id``/``to_trip_id``). Where several rows fit a change, the most
specific wins, in the GTFS reference's order (:func:`rank_of`): both trips; a trip and a route;
one trip; both routes; one route; the stops alone; a row naming a stop beats one naming its
station. Kinds: 0 recommended point (the default slack), 1 timed (the departing vehicle waits:
no slack), 2 at least ``min_transfer_time`` seconds after arriving (walk included), 3 no change
possible. Types 4/5 (in-seat) are :mod:`routing.data.blocks`' business.

Routes and trips are named by *codes*: the row number of the route or trip in the loaded
feeds (:func:`id_codes`); the compiler writes the same codes into each
:class:`~routing.kernel.timetable.TripInfo`, so the kernel compares integers only.

A rule is stored under the stop one boards at (forward search) or, for the reversed table
(arrive-by searches, venue profiles), under the stop one arrives at, with the roles of the two
vehicles swapped: the kernel reads both the same way (``label_*``: the vehicle of the label one
stands on; ``cand_*``: the vehicle one would board, in the table's own time direction).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from routing.data.gtfs import LoadedFeed
from routing.kernel.query import TransferRules

__all__ = ["compile_transfer_rules", "id_codes", "no_transfer_rules", "rank_of"]

def rank_of(from_trip: bool, to_trip: bool, from_route: bool, to_route: bool) -> int:
    """Specificity of a row by the fields it names, in the GTFS reference's order (lower
    wins): both trips 0; a trip and a route 1; one trip 2; both routes 3; one route 4; the
    stops alone 5. The compiled rank is ``2 * rank``, plus 1 for a row naming a station."""
    if from_trip and to_trip:
        return 0
    if (from_trip and to_route) or (from_route and to_trip):
        return 1
    if from_trip or to_trip:
        return 2
    if from_route and to_route:
        return 3
    if from_route or to_route:
        return 4
    return 5


def id_codes(feeds: Iterable[LoadedFeed]) -> tuple[dict[str, int], dict[str, int]]:
    """(trip id -> code, route id -> code): row numbers across the feeds, in order."""
    trips: dict[str, int] = {}
    routes: dict[str, int] = {}
    for feed in feeds:
        for trip_id in feed.tables.trips["trip_id"].tolist():
            trips.setdefault(str(trip_id), len(trips))
        for route_id in feed.tables.routes["route_id"].tolist():
            routes.setdefault(str(route_id), len(routes))
    return trips, routes


def no_transfer_rules() -> TransferRules:
    """The empty rule table (a feed set without transfers.txt rows of types 0-3)."""
    empty = np.zeros(0, dtype=np.int32)
    return TransferRules(empty, empty, empty, empty, empty, empty,
                         np.zeros(0, dtype=np.int8), empty, np.zeros(0, dtype=np.int8))


def compile_transfer_rules(feeds: list[LoadedFeed], stop_index: dict[str, int],
                           children: dict[str, list[str]]) -> tuple[TransferRules,
                                                                     TransferRules]:
    """(forward rules, reversed rules) over the boardable stops of ``stop_index``.

    Rows naming an unknown stop, route or trip were refused by the loader's checks; a row of
    type 4/5 (in-seat) is skipped here."""
    trip_code, route_code = id_codes(feeds)
    rows: list[tuple[int, int, int, int, int, int, int, int, int]] = []
    for feed in feeds:
        table = feed.tables.transfers
        if table is None or not len(table):
            continue
        for row in table.itertuples(index=False):
            kind = 0 if pd.isna(row.transfer_type) else int(row.transfer_type)
            if kind > 3:
                continue
            min_s = getattr(row, "min_transfer_time", pd.NA)
            min_s = int(min_s) if kind == 2 and pd.notna(min_s) else 0
            named = [getattr(row, name, pd.NA) for name in
                     ("from_trip_id", "to_trip_id", "from_route_id", "to_route_id")]
            has = tuple(pd.notna(v) for v in named)
            ft, tt, fr, tr = (-1 if pd.isna(v) else (trip_code if i < 2 else route_code).get(
                str(v), -2) for i, v in enumerate(named))
            if -2 in (ft, tt, fr, tr):
                continue   # names a trip or route not loaded: the rule can never apply
            rank = rank_of(*has) * 2
            froms = _platforms(str(row.from_stop_id), stop_index, children)
            tos = _platforms(str(row.to_stop_id), stop_index, children)
            station = (str(row.from_stop_id) not in stop_index
                       or str(row.to_stop_id) not in stop_index)
            for a in froms:
                for b in tos:
                    rows.append((a, b, fr, ft, tr, tt, kind, min_s, rank + int(station)))
    # a change between two stops whose every row says type 0 (recommended) is the default:
    # drop those, so that a feed with only such rows (TransJakarta) costs the kernel nothing
    decisive = {(r[0], r[1]) for r in rows if r[6] != 0}
    rows = [r for r in rows if (r[0], r[1]) in decisive]
    if not rows:
        return no_transfer_rules(), no_transfer_rules()
    n_stops = len(stop_index)
    forward = _table(n_stops, [(b, a, fr, ft, tr, tt, k, m, r)
                               for a, b, fr, ft, tr, tt, k, m, r in rows])
    backward = _table(n_stops, [(a, b, tr, tt, fr, ft, k, m, r)
                                for a, b, fr, ft, tr, tt, k, m, r in rows])
    return forward, backward


def _platforms(stop_id: str, stop_index: dict[str, int], children: dict[str, list[str]]
               ) -> list[int]:
    """The boardable stop itself, or a station's boardable platforms."""
    if stop_id in stop_index:
        return [stop_index[stop_id]]
    return [stop_index[c] for c in children.get(stop_id, ()) if c in stop_index]


def _table(n_stops: int, rules: list[tuple[int, ...]]) -> TransferRules:
    """CSR over the first field (the key stop); fields as in :class:`TransferRules`."""
    rules.sort()
    cols = np.array(rules, dtype=np.int64).reshape(-1, 9)
    ptr = np.zeros(n_stops + 1, dtype=np.int32)
    ptr[1:] = np.cumsum(np.bincount(cols[:, 0], minlength=n_stops))
    i32 = lambda c: np.ascontiguousarray(cols[:, c], dtype=np.int32)  # noqa: E731
    return TransferRules(ptr, i32(1), i32(2), i32(3), i32(4), i32(5),
                         np.ascontiguousarray(cols[:, 6], dtype=np.int8), i32(7),
                         np.ascontiguousarray(cols[:, 8], dtype=np.int8))
