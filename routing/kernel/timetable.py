"""One service date as integer arrays for RAPTOR (compiled by :mod:`routing.data.compile`).

Glossary: a *trip* here is one run of a vehicle (a GTFS trip, or one expansion of a
``frequencies.txt`` template); a *route* is a RAPTOR route: trips with the same stop pattern
(stops, pickup and drop-off rules) that never overtake each other. Times are seconds since
midnight of the service date (``dep_s`` may be negative for trips of the day before, or above
86,400 after midnight). Stop times are stored trip-major per route: ``arr_s[time_ptr[r] +
i * n_stops_r + p]`` is trip ``i`` of route ``r`` at stop position ``p``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

__all__ = [
    "DAY_S", "NEXT_DAY_EARLY_S", "Timetable", "TripInfo", "flatten_routes", "reverse_timetable",
]

DAY_S = 86_400
#: Runs of the next service date that leave within this many seconds after midnight are added
#: too (times + 86,400), so that a change across midnight between service dates is found.
NEXT_DAY_EARLY_S = 4 * 3600


@dataclass(frozen=True)
class TripInfo:
    """What a public answer needs to know about one compiled trip."""

    trip_id: str          # feed-qualified GTFS trip id
    route_id: str         # feed-qualified GTFS route id
    headsign: str
    shape_id: str | None
    wheelchair: int       # 0 unknown, 1 accessible, 2 not accessible
    frequency_based: bool
    headway_s: int        # 0 when not frequency based


@dataclass
class Timetable:
    """Integer arrays for one service date; see the module docstring for the layout."""

    service_date: date
    n_stops: int
    route_stop_ptr: np.ndarray    # int32[n_routes + 1] into route_stops
    route_stops: np.ndarray       # int32 stop index per route position
    route_board: np.ndarray       # uint8: boarding allowed at that position
    route_alight: np.ndarray      # uint8: alighting allowed at that position
    route_trip_ptr: np.ndarray    # int32[n_routes + 1] into the trip arrays
    route_time_ptr: np.ndarray    # int64[n_routes + 1] into arr_s / dep_s
    arr_s: np.ndarray             # int32 arrival times, trip-major per route
    dep_s: np.ndarray             # int32 departure times, trip-major per route
    trip_info: np.ndarray         # int32[n_trips] index into ``infos``
    trip_ok_wheelchair: np.ndarray  # uint8[n_trips]: not marked inaccessible
    infos: list[TripInfo]
    stop_route_ptr: np.ndarray    # int32[n_stops + 1] into stop_route_ids / stop_route_pos
    stop_route_ids: np.ndarray    # int32 route serving the stop
    stop_route_pos: np.ndarray    # int32 position of the stop in that route
    route_of_origin: np.ndarray   # int32[n_routes]: the forward route (for reversed tables)
    reversed: bool = False

    @property
    def n_routes(self) -> int:
        return len(self.route_stop_ptr) - 1

    @property
    def n_trips(self) -> int:
        return len(self.trip_info)

    def route_stop_list(self, route: int) -> np.ndarray:
        return self.route_stops[self.route_stop_ptr[route]:self.route_stop_ptr[route + 1]]

    def trip_times(self, route: int, trip_in_route: int) -> tuple[np.ndarray, np.ndarray]:
        """(arr_s, dep_s) of one trip along its route."""
        n = self.route_stop_ptr[route + 1] - self.route_stop_ptr[route]
        base = self.route_time_ptr[route] + trip_in_route * n
        return self.arr_s[base:base + n], self.dep_s[base:base + n]


def flatten_routes(
    service_date: date, n_stops: int, infos: list[TripInfo],
    route_stops: list[np.ndarray], route_board: list[np.ndarray],
    route_alight: list[np.ndarray], arr_blocks: list[np.ndarray],
    dep_blocks: list[np.ndarray], info_blocks: list[np.ndarray],
    route_of_origin: np.ndarray | None = None, reversed_: bool = False,
) -> Timetable:
    """Build the flat arrays and the stop -> (route, position) index."""
    n_routes = len(route_stops)
    lengths = np.array([len(s) for s in route_stops], dtype=np.int64)
    n_trips = np.array([len(b) for b in arr_blocks], dtype=np.int64)
    stop_ptr = np.zeros(n_routes + 1, dtype=np.int32)
    stop_ptr[1:] = np.cumsum(lengths)
    trip_ptr = np.zeros(n_routes + 1, dtype=np.int32)
    trip_ptr[1:] = np.cumsum(n_trips)
    time_ptr = np.zeros(n_routes + 1, dtype=np.int64)
    time_ptr[1:] = np.cumsum(lengths * n_trips)

    def cat(blocks: list[np.ndarray], dtype: type) -> np.ndarray:
        if not blocks:
            return np.zeros(0, dtype=dtype)
        return np.concatenate([b.ravel() for b in blocks]).astype(dtype)

    flat_stops = cat(route_stops, np.int32)
    trip_info = cat(info_blocks, np.int32)
    wheelchair = np.array([i.wheelchair for i in infos], dtype=np.int8)
    positions = np.concatenate([np.arange(n, dtype=np.int32) for n in lengths]) if n_routes \
        else np.zeros(0, dtype=np.int32)
    owners = np.repeat(np.arange(n_routes, dtype=np.int32), lengths)
    order = np.lexsort((positions, owners, flat_stops))
    counts = np.bincount(flat_stops, minlength=n_stops)
    stop_route_ptr = np.zeros(n_stops + 1, dtype=np.int32)
    stop_route_ptr[1:] = np.cumsum(counts)
    return Timetable(
        service_date=service_date, n_stops=n_stops,
        route_stop_ptr=stop_ptr, route_stops=flat_stops,
        route_board=cat(route_board, np.uint8), route_alight=cat(route_alight, np.uint8),
        route_trip_ptr=trip_ptr, route_time_ptr=time_ptr,
        arr_s=cat(arr_blocks, np.int32), dep_s=cat(dep_blocks, np.int32),
        trip_info=trip_info,
        trip_ok_wheelchair=(wheelchair[trip_info] != 2).astype(np.uint8) if len(trip_info)
        else np.zeros(0, dtype=np.uint8),
        infos=infos, stop_route_ptr=stop_route_ptr,
        stop_route_ids=owners[order], stop_route_pos=positions[order],
        route_of_origin=(np.arange(n_routes, dtype=np.int32) if route_of_origin is None
                         else route_of_origin),
        reversed=reversed_,
    )


def reverse_timetable(table: Timetable) -> Timetable:
    """The same timetable run backwards in time (times negated, stop order reversed).

    A forward earliest-arrival search on it from the destination at ``-t`` finds the latest
    departure arriving by ``t``; route ``r`` and trip ``i`` keep their meaning through
    ``route_of_origin`` and the reversed trip order within each route.
    """
    stops, board, alight, arr_b, dep_b, info_b = [], [], [], [], [], []
    for r in range(table.n_routes):
        s0, s1 = table.route_stop_ptr[r], table.route_stop_ptr[r + 1]
        n = s1 - s0
        t0, t1 = table.route_trip_ptr[r], table.route_trip_ptr[r + 1]
        base = table.route_time_ptr[r]
        arr = table.arr_s[base:base + (t1 - t0) * n].reshape(t1 - t0, n)
        dep = table.dep_s[base:base + (t1 - t0) * n].reshape(t1 - t0, n)
        stops.append(table.route_stops[s0:s1][::-1])
        board.append(table.route_alight[s0:s1][::-1])
        alight.append(table.route_board[s0:s1][::-1])
        arr_b.append(-dep[::-1, ::-1])
        dep_b.append(-arr[::-1, ::-1])
        info_b.append(table.trip_info[t0:t1][::-1])
    return flatten_routes(table.service_date, table.n_stops, table.infos, stops, board, alight,
                    arr_b, dep_b, info_b, route_of_origin=np.arange(table.n_routes,
                                                                    dtype=np.int32),
                    reversed_=True)
