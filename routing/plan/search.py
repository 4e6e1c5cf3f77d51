"""The general search: RAPTOR forwards and backwards on one service date for one origin and
destination, run in pairs over a range of departures (earliest arrival, then the latest
departure arriving as early), each pair adding one undominated journey."""

from __future__ import annotations

from datetime import date

import numpy as np

from routing.data.dataset import Dataset
from routing.journeys import Query
from routing.kernel.raptor import INF, RaptorResult, run_raptor
from routing.kernel.timetable import Timetable
from routing.plan.choose import best_candidates
from routing.plan.places import Endpoint
from routing.plan.reconstruct import Candidate, sketch, unwind

__all__ = ["range_search"]


def range_search(ds: Dataset, query: Query, origin: Endpoint, destination: Endpoint,
                  day: date, time_s: int, horizon_s: int) -> list[Candidate]:
    """Pairs of searches, one per itinerary kept: the earliest arrival after the clock, then
    backwards the latest departure that still arrives as early (arrive-by: the other way
    round), so that each pair adds one undominated journey and the next pair starts after
    it."""
    search = _Search(ds, query, origin, destination, day)
    found: list[Candidate] = []
    clock = time_s
    for _ in range(query.num_itineraries + 3):
        if query.arrive_by:
            batch = search.arriving_by(clock, earliest_dep_s=clock - horizon_s)
            if not batch:
                break
            twins = search.departing_after(max(j.dep_s for j in batch), latest_arr_s=clock,
                                           hard=True)
            found += batch + twins
            clock = min(j.arr_s for j in twins or batch) - 1
        else:
            batch = search.departing_after(clock, latest_arr_s=clock + horizon_s)
            if not batch:
                break
            twins = search.arriving_by(min(j.arr_s for j in batch), earliest_dep_s=clock,
                                       hard=True)
            found += batch + twins
            clock = max(j.dep_s for j in twins or batch) + 1
        kept = best_candidates(found, query)
        if len(kept) >= query.num_itineraries and all(
            (j.arr_s > clock) if query.arrive_by else (j.dep_s < clock) for j in kept
        ):
            break
    return found


class _Search:
    """RAPTOR both ways on one service date for one origin and destination."""

    def __init__(self, ds: Dataset, query: Query, origin: Endpoint, destination: Endpoint,
                 day: date) -> None:
        self.ds, self.query, self.origin, self.destination = ds, query, origin, destination
        self.forward = ds.timetable(day)
        self.day = day
        net = ds.network
        speed = query.walk_speed
        self.origin_s = np.ceil(origin.walk_m / speed).astype(np.int32)
        self.destination_s = np.ceil(destination.walk_m / speed).astype(np.int32)
        self.stop_ok = ((net.stops.wheelchair != 2) if query.wheelchair
                        else np.ones(len(net.stops), dtype=bool)).astype(np.uint8)
        self.lower = np.zeros(len(net.stops), dtype=np.int32)
        if destination.ref.venue_id:
            self.lower = net.lower_bounds_s(destination.ref.venue_id)

    def _trip_ok(self, table: Timetable) -> np.ndarray:
        if self.query.wheelchair:
            return table.trip_ok_wheelchair
        return np.ones(table.n_trips, dtype=np.uint8)

    def departing_after(self, dep_s: int, *, latest_arr_s: int, hard: bool = False
                        ) -> list[Candidate]:
        """Earliest arrival per number of trips, leaving at or after ``dep_s``; vehicles
        arrive by ``latest_arr_s`` (the horizon), and with ``hard`` so does the journey."""
        q = self.query
        result = run_raptor(
            self.forward, self.ds.network.footpaths(q.walk_speed, q.max_walk_m),
            source_stops=self.origin.stops, source_arr_s=dep_s + self.origin_s,
            target_stops=self.destination.stops, target_egress_s=self.destination_s,
            max_rounds=q.max_transfers + 1, cutoff_s=latest_arr_s,
            stop_ok=self.stop_ok, trip_ok=self._trip_ok(self.forward),
            lower_bound_s=self.lower, transfer_slack_s=q.transfer_slack_s,
            target_cutoff_s=latest_arr_s if hard else None,
        )
        return self._candidates(result, self.forward, reverse=False)

    def arriving_by(self, arr_s: int, *, earliest_dep_s: int, hard: bool = False
                    ) -> list[Candidate]:
        """Latest departure per number of trips, arriving at or before ``arr_s``; vehicles
        leave at or after ``earliest_dep_s`` (the horizon), and with ``hard`` so does the
        journey."""
        q = self.query
        table = self.ds.timetable(self.day, reverse=True)
        result = run_raptor(
            table, self.ds.network.reverse_footpaths(q.walk_speed, q.max_walk_m),
            source_stops=self.destination.stops, source_arr_s=-arr_s + self.destination_s,
            target_stops=self.origin.stops, target_egress_s=self.origin_s,
            max_rounds=q.max_transfers + 1, cutoff_s=-earliest_dep_s,
            stop_ok=self.stop_ok, trip_ok=self._trip_ok(table),
            lower_bound_s=np.zeros_like(self.lower), transfer_slack_s=q.transfer_slack_s,
            target_cutoff_s=-earliest_dep_s if hard else None,
        )
        return self._candidates(result, table, reverse=True)

    def _candidates(self, result: RaptorResult, table: Timetable, *, reverse: bool
                    ) -> list[Candidate]:
        batch: list[Candidate] = []
        best = int(INF)
        for k in range(1, len(result.target_arr)):
            arrival = int(result.target_arr[k])
            if arrival >= best:
                continue
            best = arrival
            steps, end_stop = unwind(result, table, k, int(result.target_stop[k]),
                                     int(result.target_kind[k]))
            first, last = ((int(result.target_stop[k]), end_stop) if reverse
                           else (end_stop, int(result.target_stop[k])))
            batch.append(sketch(self.ds, self.forward, steps, self.origin, first,
                                self.destination, last, self.query.walk_speed))
        return batch
