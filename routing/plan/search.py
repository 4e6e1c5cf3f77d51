"""The general search: RAPTOR forwards and backwards on one service date for one origin and
destination, run in pairs over a range of departures (earliest arrival, then the latest
departure arriving as early), each pair adding one undominated journey."""

from __future__ import annotations

from datetime import date

import numpy as np

from routing.data.dataset import Dataset
from routing.data.network import Network
from routing.geo import walk_time_s
from routing.journeys import Query
from routing.kernel.query import INF, RaptorResult, raptor_query
from routing.kernel.raptor import run_raptor
from routing.kernel.timetable import Timetable
from routing.plan.choose import best_candidates
from routing.plan.places import Endpoint
from routing.plan.reconstruct import Candidate, candidate_from_steps, unwind

__all__ = ["range_search", "stop_cutoffs", "stop_filter", "trip_filter"]


def stop_filter(network: Network, wheelchair: bool) -> np.ndarray:
    """uint8 per stop: 0 where a wheelchair user cannot get on or off (when ``wheelchair``),
    else all 1."""
    ok = (network.stops.wheelchair != 2) if wheelchair else np.ones(len(network.stops), bool)
    return ok.astype(np.uint8)


def trip_filter(table: Timetable, wheelchair: bool) -> np.ndarray:
    """uint8 per trip of ``table``: 0 for a vehicle marked not accessible (when
    ``wheelchair``), else all 1."""
    return table.trip_ok_wheelchair if wheelchair else np.ones(table.n_trips, dtype=np.uint8)


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
        # the twin search keeps only journeys within the first one's clock, so the first
        # one's labels bound where the twin's can still be of use (``_Search.reach``)
        if query.arrive_by:
            batch = search.arriving_by(clock, earliest_dep_s=clock - horizon_s)
            if not batch:
                break
            twins = search.departing_after(max(j.dep_s for j in batch), latest_arr_s=clock,
                                           hard=True, stop_cutoff_s=search.reach)
            found += batch + twins
            clock = min(j.arr_s for j in twins or batch) - 1
        else:
            batch = search.departing_after(clock, latest_arr_s=clock + horizon_s)
            if not batch:
                break
            twins = search.arriving_by(min(j.arr_s for j in batch), earliest_dep_s=clock,
                                       hard=True, stop_cutoff_s=search.reach)
            found += batch + twins
            clock = max(j.dep_s for j in twins or batch) + 1
        kept = best_candidates(found, query)
        if len(kept) >= query.num_itineraries and all(
            (j.arr_s > clock) if query.arrive_by else (j.dep_s < clock) for j in kept
        ):
            break
    return found


def stop_cutoffs(result: RaptorResult, cutoff_s: int) -> np.ndarray:
    """int32[n_stops]: per stop, the latest label (in the clock of the table searched the
    other way, i.e. negated) that a *hard* twin search can still use, from a search that
    pruned by its target bound only (no lower bounds).

    Why: say the search ran forward from clock ``c`` and found earliest arrivals ``e(s)``
    (the least ride or walk label over the rounds), its target bound ending at ``B`` (the
    best arrival at the target, or ``cutoff_s + 1``). A label below ``B`` is never pruned,
    so ``min(e(s), B)`` is at most the true earliest arrival at ``s`` leaving at ``c`` or
    later with at most as many rides. A twin search backwards whose journeys must leave at
    ``c`` or later (``hard``) gets nothing from leaving ``s`` before that: a label of
    ``-t`` at ``s`` with ``t < min(e(s), B)`` is pruned (``-t > -min(e(s), B)``), and so is
    every later label there. The same holds with the directions swapped (latest
    departures of an arrive-by search bound a forward twin). Pruning only removes labels
    that cannot reach a kept target, as target pruning does (Delling et al. 2012, 3.1).
    """
    bound = min(int(cutoff_s) + 1, int(result.target_arr.min()))
    best = np.minimum(result.ride_s.min(axis=0), result.walk_s.min(axis=0))
    return -np.minimum(best, bound).astype(np.int32)


class _Search:
    """RAPTOR both ways on one service date for one origin and destination."""

    def __init__(self, ds: Dataset, query: Query, origin: Endpoint, destination: Endpoint,
                 day: date) -> None:
        self.ds, self.query, self.origin, self.destination = ds, query, origin, destination
        self.forward = ds.timetable(day)
        self.day = day
        net = ds.network
        self.origin_s = walk_time_s(origin.walk_m, query.walk_speed)
        self.destination_s = walk_time_s(destination.walk_m, query.walk_speed)
        self.stop_ok = stop_filter(net, query.wheelchair)
        self.lower = np.zeros(len(net.stops), dtype=np.int32)
        if destination.ref.venue_id:
            self.lower = net.lower_bounds_s(destination.ref.venue_id)
        self._last: tuple[RaptorResult, int] | None = None

    @property
    def reach(self) -> np.ndarray | None:
        """Per stop, the last search's bound for a hard twin search the other way (see
        :func:`stop_cutoffs`), or None when that search pruned by lower bounds."""
        return None if self._last is None else stop_cutoffs(*self._last)

    def departing_after(self, dep_s: int, *, latest_arr_s: int, hard: bool = False,
                        stop_cutoff_s: np.ndarray | None = None) -> list[Candidate]:
        """Earliest arrival per number of trips, leaving at or after ``dep_s``; vehicles
        arrive by ``latest_arr_s`` (the horizon), and with ``hard`` so does the journey
        (``stop_cutoff_s``: labels later than this per stop are of no use, s)."""
        q = self.query
        footpaths = self.ds.network.footpaths(q.walk_speed, q.max_walk_m)
        query = raptor_query(
            source_stops=self.origin.stops, source_s=self.origin_s, clocks=[dep_s],
            target_stops=self.destination.stops, target_s=self.destination_s,
            max_rides=q.max_transfers + 1, cutoff_s=latest_arr_s,
            stop_ok=self.stop_ok, trip_ok=trip_filter(self.forward, q.wheelchair),
            lower_bound_s=self.lower, stop_cutoff_s=stop_cutoff_s,
            transfer_slack_s=q.transfer_slack_s,
            target_cutoff_s=latest_arr_s if hard else None,
        )
        result = run_raptor(self.forward.arrays(), footpaths, query)
        self._last = None if self.lower.any() else (result, query.cutoff_s)
        return self._candidates(result, self.forward)

    def arriving_by(self, arr_s: int, *, earliest_dep_s: int, hard: bool = False,
                    stop_cutoff_s: np.ndarray | None = None) -> list[Candidate]:
        """Latest departure per number of trips, arriving at or before ``arr_s``; vehicles
        leave at or after ``earliest_dep_s`` (the horizon), and with ``hard`` so does the
        journey. The same search on the time-reversed timetable, from the destination
        (``stop_cutoff_s`` in its clock, -s)."""
        q = self.query
        table = self.ds.timetable(self.day, reverse=True)
        footpaths = self.ds.network.reverse_footpaths(q.walk_speed, q.max_walk_m)
        query = raptor_query(
            source_stops=self.destination.stops, source_s=self.destination_s, clocks=[-arr_s],
            target_stops=self.origin.stops, target_s=self.origin_s,
            max_rides=q.max_transfers + 1, cutoff_s=-earliest_dep_s,
            stop_ok=self.stop_ok, trip_ok=trip_filter(table, q.wheelchair),
            stop_cutoff_s=stop_cutoff_s, transfer_slack_s=q.transfer_slack_s,
            target_cutoff_s=-earliest_dep_s if hard else None,
        )
        result = run_raptor(table.arrays(), footpaths, query)
        self._last = (result, query.cutoff_s)
        return self._candidates(result, table)

    def _candidates(self, result: RaptorResult, table: Timetable) -> list[Candidate]:
        """One candidate per number of rides that improves the arrival at the target."""
        batch: list[Candidate] = []
        best = int(INF)
        for k in range(1, len(result.target_arr)):
            arrival = int(result.target_arr[k])
            if arrival >= best:
                continue
            best = arrival
            target_stop = int(result.target_stop[k])
            steps, source_stop = unwind(result, table, k, target_stop,
                                        int(result.target_kind[k]))
            first, last = ((target_stop, source_stop) if table.reversed
                           else (source_stop, target_stop))
            batch.append(candidate_from_steps(self.ds, self.forward, steps, self.origin, first,
                                              self.destination, last, self.query.walk_speed))
        return batch
