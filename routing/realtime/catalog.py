"""Lookups the overlay needs to find a realtime message's trip in a compiled timetable.

* :class:`TripCatalog` (once per dataset, from the static feeds): per feed-qualified trip id
  its scheduled first departure (s since its service date's midnight), its ``stop_sequence``
  values and whether it is frequency based.
* :class:`TableIndex` (once per compiled timetable): per trip id the runs in the table as
  sorted first departures (s since the table's date) and global trip numbers, the RAPTOR route
  of each trip, and routes by stop pattern (for ADDED trips).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from routing.data.gtfs import LoadedFeed
from routing.kernel.timetable import Timetable

__all__ = ["TableIndex", "TripCatalog", "TripFacts"]


@dataclass(frozen=True)
class TripFacts:
    """A static trip: first departure (s), stop_sequence values in order, frequency based."""

    first_dep_s: int
    stop_sequences: np.ndarray
    frequency_based: bool


class TripCatalog:
    """Static trips by feed-qualified id, read from the loaded feeds on first use."""

    def __init__(self, feeds: list[LoadedFeed]) -> None:
        self._feeds = feeds
        self._trips: dict[str, TripFacts] | None = None
        self._lock = threading.Lock()

    def get(self, trip_id: str) -> TripFacts | None:
        """The static trip ``trip_id`` (feed-qualified), or None when no feed has it."""
        if self._trips is None:
            with self._lock:
                if self._trips is None:
                    self._trips = self._read()
        return self._trips.get(trip_id)

    def _read(self) -> dict[str, TripFacts]:
        trips: dict[str, TripFacts] = {}
        for feed in self._feeds:
            tables = feed.tables
            freq = tables.frequencies
            freq_ids = set(freq["trip_id"]) if freq is not None and len(freq) else set()
            st = tables.stop_times.sort_values(["trip_id", "stop_sequence"], kind="stable")
            ids = st["trip_id"].to_numpy()
            seq = st["stop_sequence"].to_numpy(np.int64)
            dep = st["dep_s"].to_numpy(np.float64)
            if not len(ids):
                continue
            starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
            ends = np.r_[starts[1:], len(ids)]
            for a, b in zip(starts.tolist(), ends.tolist(), strict=True):
                first = dep[a:b]
                first = first[~np.isnan(first)]
                trip_id = str(ids[a])
                trips[trip_id] = TripFacts(int(first[0]) if len(first) else 0, seq[a:b],
                                           trip_id in freq_ids)
        return trips


class TableIndex:
    """Where each trip id's runs are in one compiled (forward) timetable."""

    def __init__(self, table: Timetable) -> None:
        self.table = table
        self.route_of = table.route_of_trips()
        trips = np.arange(table.n_trips, dtype=np.int64)
        self.dep0 = table.first_departures() if table.n_trips else trips
        names = np.array([i.trip_id for i in table.infos], dtype=object)
        trip_names = names[table.trip_info] if table.n_trips else names[:0]
        order = np.lexsort((self.dep0, trip_names.astype(str))) if table.n_trips else trips
        self._runs: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        sorted_names = trip_names[order]
        if len(order):
            starts = np.flatnonzero(np.r_[True, sorted_names[1:] != sorted_names[:-1]])
            ends = np.r_[starts[1:], len(order)]
            for a, b in zip(starts.tolist(), ends.tolist(), strict=True):
                members = order[a:b]
                self._runs[str(sorted_names[a])] = (self.dep0[members], members)
        self._patterns: dict[tuple[int, ...], list[int]] | None = None

    def find_run(self, trip_id: str, dep0_s: int, tolerance_s: int = 0) -> int | None:
        """The global trip of ``trip_id`` whose first departure is nearest ``dep0_s`` (s since
        the table's date), within ``tolerance_s``; None if none."""
        runs = self._runs.get(trip_id)
        if runs is None:
            return None
        deps, members = runs
        i = int(np.searchsorted(deps, dep0_s))
        best: int | None = None
        for j in (i - 1, i):
            if 0 <= j < len(deps) and abs(int(deps[j]) - dep0_s) <= tolerance_s and (
                best is None or abs(int(deps[j]) - dep0_s) < abs(int(deps[best]) - dep0_s)
            ):
                best = j
        return None if best is None else int(members[best])

    def any_run(self, trip_id: str) -> int | None:
        """Some global trip of ``trip_id`` in this table (its pattern), or None."""
        runs = self._runs.get(trip_id)
        return None if runs is None else int(runs[1][0])

    def any_route_id(self, route: int) -> str | None:
        """The GTFS route id of ``route``'s first trip (None for a route without trips)."""
        trips = self.table.trips_of(route)
        return self.table.info_of(trips.start).route_id if len(trips) else None

    def routes_with_stops(self, stops: tuple[int, ...]) -> list[int]:
        """RAPTOR routes calling at exactly ``stops`` (stop indices, in order)."""
        if self._patterns is None:
            patterns: dict[tuple[int, ...], list[int]] = {}
            for r in range(self.table.n_routes):
                key = tuple(self.table.route_stops_of(r).tolist())
                patterns.setdefault(key, []).append(r)
            self._patterns = patterns
        return self._patterns.get(stops, [])
