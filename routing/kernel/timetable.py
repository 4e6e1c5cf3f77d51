"""One service date as integer arrays for RAPTOR (compiled by :mod:`routing.data.compile`).

Glossary: a *trip* here is one run of a vehicle (a GTFS trip, or one expansion of a
``frequencies.txt`` template), numbered globally ``0 .. n_trips - 1``; a *route* is a RAPTOR
route: trips with the same stop pattern (stops, pickup and drop-off rules) that never overtake
each other; a *position* is the index of a stop along its route (``0 .. route_length - 1``).
Times are seconds since midnight of the service date (``dep_s`` may be negative for trips of the
day before, or above 86,400 after midnight).

Layout (trip-major per route; every offset is computed in this module only)::

    route r:  stops  route_stops[route_stop_ptr[r] : route_stop_ptr[r+1]]      (m positions)
              trips  route_trip_ptr[r] .. route_trip_ptr[r+1] - 1  (global trip ids, sorted
                     by departure; trip t is the (t - route_trip_ptr[r])-th of the route)
              times  arr_s / dep_s[route_time_ptr[r] : ...] as an (n_trips_of(r), m) block:

                         position 0   position 1  ...  position m-1
              trip t0   [ base + 0     base + 1    ...  base + m-1      ]
              trip t0+1 [ base + m     base + m+1  ...  base + 2m-1     ]
              ...         (base = route_time_ptr[r])

    stop s:   the (route, position) pairs through it are
              stop_route_ids / stop_route_pos[stop_route_ptr[s] : stop_route_ptr[s+1]]

Ask the accessors (:meth:`Timetable.dep_at`, :meth:`Timetable.trip_row`, ...) rather than
computing offsets; the kernel gets the same arrays as :class:`TimetableArrays`. A *reversed*
table (:func:`reverse_timetable`) is the same day run backwards; :func:`forward_ride` maps a ride
found on it back to the forward table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

import numpy as np

from routing.kernel.transfers import TripCodes, no_codes, trip_codes

__all__ = [
    "DAY_S", "NEXT_DAY_EARLY_S", "Timetable", "TimetableArrays", "TripInfo", "flatten_routes",
    "forward_ride", "reverse_timetable",
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
    trip_code: int = -1   # the trip's code for transfers.txt rules (-1: none)
    route_code: int = -1  # its route's code
    #: trips ridden on in-seat (block_id): (first position, index into ``infos``) of each
    #: later trip merged into this compiled one; empty for a plain trip
    parts: tuple[tuple[int, int], ...] = ()

    def __post_init__(self) -> None:
        # read back from JSON records (routing.data.arrays), parts come as lists
        object.__setattr__(self, "parts", tuple(tuple(p) for p in self.parts))


class TimetableArrays(NamedTuple):
    """The arrays the RAPTOR kernel reads (numba takes this tuple as one argument)."""

    route_stop_ptr: np.ndarray    # int32[n_routes + 1] into route_stops
    route_stops: np.ndarray       # int32 stop index per route position
    route_board: np.ndarray       # uint8: boarding allowed at that position
    route_alight: np.ndarray      # uint8: alighting allowed at that position
    route_trip_ptr: np.ndarray    # int32[n_routes + 1]: the route's first global trip
    route_time_ptr: np.ndarray    # int64[n_routes + 1] into arr_s / dep_s
    arr_s: np.ndarray             # int32 arrival times, trip-major per route
    dep_s: np.ndarray             # int32 departure times, trip-major per route
    stop_route_ptr: np.ndarray    # int32[n_stops + 1] into stop_route_ids / stop_route_pos
    stop_route_ids: np.ndarray    # int32 route serving the stop
    stop_route_pos: np.ndarray    # int32 position of the stop in that route
    codes: TripCodes              # the GTFS trip and route each trip runs as (rules)


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
    #: per trip, the codes transfers.txt rules name it and its route by
    codes: TripCodes = field(default_factory=no_codes)

    @property
    def n_routes(self) -> int:
        return len(self.route_stop_ptr) - 1

    @property
    def n_trips(self) -> int:
        return len(self.trip_info)

    def arrays(self) -> TimetableArrays:
        """The kernel's view of this table (no copy)."""
        return TimetableArrays(
            self.route_stop_ptr, self.route_stops, self.route_board, self.route_alight,
            self.route_trip_ptr, self.route_time_ptr, self.arr_s, self.dep_s,
            self.stop_route_ptr, self.stop_route_ids, self.stop_route_pos, self.codes)

    # -- routes and stops ---------------------------------------------------------------
    def route_length(self, route: int) -> int:
        """Number of stop positions of ``route``."""
        return int(self.route_stop_ptr[route + 1] - self.route_stop_ptr[route])

    def route_stops_of(self, route: int) -> np.ndarray:
        """Stop indices along ``route`` (a view, by position)."""
        return self.route_stops[self.route_stop_ptr[route]:self.route_stop_ptr[route + 1]]

    def stop_at(self, route: int, pos: int) -> int:
        """The stop at position ``pos`` of ``route``."""
        return int(self.route_stops[self.route_stop_ptr[route] + pos])

    def can_board(self, route: int, pos: int) -> bool:
        """Whether passengers may board ``route`` at position ``pos`` (pickup allowed)."""
        return bool(self.route_board[self.route_stop_ptr[route] + pos])

    def routes_at(self, stop: int) -> list[tuple[int, int]]:
        """(route, position) of every route calling at ``stop``."""
        lo, hi = int(self.stop_route_ptr[stop]), int(self.stop_route_ptr[stop + 1])
        return list(zip(self.stop_route_ids[lo:hi].tolist(), self.stop_route_pos[lo:hi].tolist(),
                        strict=True))

    # -- trips and times ----------------------------------------------------------------
    def trips_of(self, route: int) -> range:
        """Global trip indices of ``route``, in departure order."""
        return range(int(self.route_trip_ptr[route]), int(self.route_trip_ptr[route + 1]))

    def n_trips_of(self, route: int) -> int:
        """Number of trips of ``route``."""
        return int(self.route_trip_ptr[route + 1] - self.route_trip_ptr[route])

    def _time_index(self, route: int, trip: int, pos: int) -> int:
        n = self.route_stop_ptr[route + 1] - self.route_stop_ptr[route]
        return int(self.route_time_ptr[route] + (trip - self.route_trip_ptr[route]) * n + pos)

    def route_of_trips(self) -> np.ndarray:
        """int32[n_trips]: the route of every global trip index."""
        counts = np.diff(self.route_trip_ptr).astype(np.int64)
        return np.repeat(np.arange(self.n_routes, dtype=np.int32), counts)

    def first_departures(self) -> np.ndarray:
        """int64[n_trips]: every trip's departure (s) from its first stop."""
        routes = self.route_of_trips().astype(np.int64)
        lengths = np.diff(self.route_stop_ptr).astype(np.int64)
        trips = np.arange(self.n_trips, dtype=np.int64)
        first = self.route_time_ptr[routes] + (trips - self.route_trip_ptr[routes]) * lengths[
            routes]
        return self.dep_s[first].astype(np.int64)

    def dep_at(self, route: int, trip: int, pos: int) -> int:
        """Departure (s) of global trip ``trip`` of ``route`` at position ``pos``."""
        return int(self.dep_s[self._time_index(route, trip, pos)])

    def arr_at(self, route: int, trip: int, pos: int) -> int:
        """Arrival (s) of global trip ``trip`` of ``route`` at position ``pos``."""
        return int(self.arr_s[self._time_index(route, trip, pos)])

    def trip_row(self, route: int, trip: int) -> tuple[np.ndarray, np.ndarray]:
        """(arr_s, dep_s) of global trip ``trip`` along ``route``, by position (views)."""
        start = self._time_index(route, trip, 0)
        end = start + self.route_length(route)
        return self.arr_s[start:end], self.dep_s[start:end]

    def departures_at(self, route: int, pos: int) -> np.ndarray:
        """Departures (s) of every trip of ``route`` at position ``pos``, in trip order (a
        view; element ``i`` is trip ``trips_of(route)[i]``)."""
        n = self.route_length(route)
        base = int(self.route_time_ptr[route])
        return self.dep_s[base + pos:base + self.n_trips_of(route) * n:n]

    def _block(self, times: np.ndarray, route: int) -> np.ndarray:
        """The (trips, positions) matrix of ``times`` for ``route`` (a view)."""
        n = self.route_length(route)
        base = int(self.route_time_ptr[route])
        return times[base:base + self.n_trips_of(route) * n].reshape(-1, n)

    def info_of(self, trip: int) -> TripInfo:
        """Ids, headsign and flags of global trip ``trip`` (its first GTFS trip when several
        are ridden in-seat; see :meth:`info_at`)."""
        return self.infos[int(self.trip_info[trip])]

    def info_at(self, trip: int, pos: int) -> TripInfo:
        """The GTFS trip that global trip ``trip`` (forward table) runs as when it leaves
        position ``pos``: the first trip, or a later one ridden in-seat after a junction."""
        info = self.info_of(trip)
        for first_pos, index in info.parts:
            if pos >= first_pos:
                info = self.infos[index]
        return info


def forward_ride(table: Timetable, route, trip, board_pos, alight_pos):
    """A ride (route, global trip, boarding and alighting positions) found on ``table``, in
    the forward table's numbers: the identity for a forward table; for a reversed one the
    route maps through ``route_of_origin``, the trip order and the positions turn round (and
    boarding becomes alighting). Works on ints or, elementwise, on integer arrays.

    Returns (route, trip, board_pos, alight_pos).
    """
    if not table.reversed:
        return route, trip, board_pos, alight_pos
    first, end = table.route_trip_ptr[route], table.route_trip_ptr[route + 1]
    last_pos = table.route_stop_ptr[route + 1] - table.route_stop_ptr[route] - 1
    return (table.route_of_origin[route], first + (end - 1 - trip),
            last_pos - alight_pos, last_pos - board_pos)


def flatten_routes(
    service_date: date, n_stops: int, infos: list[TripInfo],
    route_stops: list[np.ndarray], route_board: list[np.ndarray],
    route_alight: list[np.ndarray], arr_blocks: list[np.ndarray],
    dep_blocks: list[np.ndarray], info_blocks: list[np.ndarray],
    route_of_origin: np.ndarray | None = None, reversed_: bool = False,
) -> Timetable:
    """Build the flat arrays and the stop -> (route, position) index from per-route blocks
    (``arr_blocks[r]``/``dep_blocks[r]``: (trips, positions) matrices, trips sorted)."""
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
        codes=trip_codes(np.array([i.trip_code for i in infos], dtype=np.int32),
                         np.array([i.route_code for i in infos], dtype=np.int32),
                         [i.parts for i in infos], trip_info, np.repeat(lengths, n_trips),
                         reversed_),
    )


def reverse_timetable(table: Timetable) -> Timetable:
    """The same timetable run backwards in time (times negated, stop order reversed).

    A forward earliest-arrival search on it from the destination at ``-t`` finds the latest
    departure arriving by ``t``. Route ``r`` stays route ``r`` (``route_of_origin``) with the
    same trips in reverse order, so :func:`forward_ride` can map a ride back.
    """
    stops, board, alight, arr_b, dep_b, info_b = [], [], [], [], [], []
    for r in range(table.n_routes):
        trips = table.trips_of(r)
        arr, dep = table._block(table.arr_s, r), table._block(table.dep_s, r)
        stops.append(table.route_stops_of(r)[::-1])
        s0, s1 = table.route_stop_ptr[r], table.route_stop_ptr[r + 1]
        board.append(table.route_alight[s0:s1][::-1])
        alight.append(table.route_board[s0:s1][::-1])
        arr_b.append(-dep[::-1, ::-1])
        dep_b.append(-arr[::-1, ::-1])
        info_b.append(table.trip_info[trips.start:trips.stop][::-1])
    return flatten_routes(table.service_date, table.n_stops, table.infos, stops, board, alight,
                          arr_b, dep_b, info_b,
                          route_of_origin=np.arange(table.n_routes, dtype=np.int32),
                          reversed_=True)
