"""Plan journeys: resolve places, run RAPTOR (forwards, or backwards for arrive-by) over a
range of departures, rebuild legs, and keep the Pareto-best, distinct itineraries."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from routing.data.dataset import Dataset
from routing.data.network import MAX_WALK_SPEED, Network
from routing.errors import NoServiceError, QueryError
from routing.journeys import Journey, Query
from routing.kernel.raptor import INF, RaptorResult, run_raptor
from routing.kernel.timetable import DAY_S, Timetable
from routing.plan.places import Endpoint, exit_ref, resolve_place
from routing.plan.profiles import VenueProfile, profile_candidates
from routing.plan.reconstruct import Candidate, direct_walk, sketch, unwind

__all__ = ["PlanResult", "plan"]

#: Extra search time when a late (or, arrive-by, early) query spills into the next (previous)
#: service date, so that the first trains of the morning are found.
NIGHT_GAP_S = 6 * 3600


@dataclass
class PlanResult:
    """Itineraries (chronological) and notes explaining gaps or caveats."""

    journeys: list[Journey]
    origin: Endpoint
    destination: Endpoint
    notes: list[str] = field(default_factory=list)
    used_profile: bool = False   # answered from a venue profile, not the general search


def plan(ds: Dataset, query: Query) -> PlanResult:
    """Answer one query (raises QueryError, UnknownPlaceError, NoServiceError)."""
    _check(query)
    if not ds.covers(query.service_date):
        raise NoServiceError(f"no feed covers {query.service_date.isoformat()}")
    origin = resolve_place(ds.network, query.origin, max_walk_m=query.max_walk_m,
                           wheelchair=query.wheelchair, role="from")
    destination = resolve_place(ds.network, query.destination, max_walk_m=query.max_walk_m,
                                wheelchair=query.wheelchair, role="to")
    if query.origin == query.destination or (
        origin.ref.lat == destination.ref.lat and origin.ref.lon == destination.ref.lon
    ):
        raise QueryError("'from' and 'to' are the same place", parameter="to")
    found: list[Candidate] = []
    notes: list[str] = []
    used_profile = False
    walk = _direct_walk(ds.network, query, origin, destination)
    if walk is not None:
        found.append(Candidate(walk.service_date, walk.dep_s, walk.arr_s, 0, walk.walk_m, (),
                               True, lambda: walk))
    if len(origin.stops) == 0:
        notes.append(f"no stop within {query.max_walk_m} m walking of the origin")
    if len(destination.stops) == 0:
        notes.append(f"no stop within {query.max_walk_m} m walking of the destination")
    if len(origin.stops) and len(destination.stops):
        days = [(query.service_date, 0)]
        if not query.arrive_by and query.time_s + query.horizon_s > DAY_S:
            days.append((query.service_date + timedelta(days=1), -DAY_S))
        if query.arrive_by and query.time_s - query.horizon_s < 0:
            days.append((query.service_date - timedelta(days=1), DAY_S))
        for day, shift in days:
            # the day before/after is searched only to bridge the night: give it the time
            # until the first or last services of that day
            horizon = query.horizon_s if shift == 0 else query.horizon_s + NIGHT_GAP_S
            profile = _profile_for(ds, query, destination, day) if shift == 0 else None
            if profile is not None:
                found.extend(profile_candidates(ds, profile, query, origin, destination))
                used_profile = True
            else:
                found.extend(_range_search(ds, query, origin, destination, day,
                                           query.time_s + shift, horizon))
            if len(_best(found, query)) >= query.num_itineraries:
                break
    journeys = [candidate.build() for candidate in _best(found, query)]
    if not journeys and not notes:
        notes.append(_why_nothing(query))
    if query.wheelchair and any(
        leg.is_transit and (leg.wheelchair == 0 or leg.origin.wheelchair == 0
                            or leg.destination.wheelchair == 0)
        for j in journeys for leg in j.legs
    ):
        notes.append("some vehicles or stops on these journeys have unknown step-free access")
    return PlanResult(journeys, origin, destination, notes, used_profile)


def _profile_for(ds: Dataset, query: Query, destination: Endpoint, day: date
                 ) -> VenueProfile | None:
    """The ready venue profile that answers this query exactly, if any (depart-after, to a
    venue, with the settings the profiles were built for)."""
    store = ds.profiles
    venue_id = destination.ref.venue_id
    if store is None or venue_id is None or query.arrive_by:
        return None
    if not store.settings.covers(query):
        return None
    return store.get(day, venue_id)


def _check(query: Query) -> None:
    if not 1 <= query.num_itineraries <= 10:
        raise QueryError("num_itineraries must be 1-10", parameter="num_itineraries")
    if not 0 <= query.max_transfers <= 6:
        raise QueryError("max_transfers must be 0-6", parameter="max_transfers")
    if not 0 <= query.max_walk_m <= 3000:
        raise QueryError("max_walk_m must be 0-3000", parameter="max_walk_m")
    if not 0.5 <= query.walk_speed <= MAX_WALK_SPEED:
        raise QueryError("walk_speed must be 0.5-2.0 m/s", parameter="walk_speed")


def _absolute(journey: Candidate, base: date) -> tuple[int, int]:
    shift = (journey.service_date - base).days * DAY_S
    return journey.dep_s + shift, journey.arr_s + shift


def _best(found: list[Candidate], query: Query, limit: int | None = None
          ) -> list[Candidate]:
    """Distinct, non-dominated journeys, the ``limit`` (default ``num_itineraries``) nearest
    the asked time, in chronological order."""
    unique: dict[tuple, Candidate] = {}
    for journey in found:
        key = journey.signature(query.service_date)
        if key not in unique or journey.walk_m < unique[key].walk_m:
            unique[key] = journey
    items = list(unique.values())
    base = query.service_date
    walks = [j for j in items if j.is_walk]
    walk_s = min((j.duration_s for j in walks), default=None)

    def dominated(b: Candidate) -> bool:
        bd, ba = _absolute(b, base)
        if walk_s is not None and b not in walks and b.duration_s >= walk_s:
            return True
        for a in items:
            if a is b:
                continue
            ad, aa = _absolute(a, base)
            if ad >= bd and aa <= ba and a.transfers <= b.transfers and (
                (ad, aa, a.transfers, a.walk_m) != (bd, ba, b.transfers, b.walk_m)
                and (ad > bd or aa < ba or a.transfers < b.transfers or a.walk_m < b.walk_m)
            ):
                return True
        return False

    kept = [j for j in items if not dominated(j)]
    if query.arrive_by:
        kept.sort(key=lambda j: (-_absolute(j, base)[1], -_absolute(j, base)[0]))
    else:
        kept.sort(key=lambda j: (_absolute(j, base)[1], -_absolute(j, base)[0]))
    chosen = kept[:query.num_itineraries if limit is None else limit]
    chosen.sort(key=lambda j: _absolute(j, base))
    return chosen


def _direct_walk(network: Network, query: Query, origin: Endpoint, destination: Endpoint
                 ) -> Journey | None:
    """The shortest walk between the two places (nearest entrances; out of or into a station
    through its best exit), if within max_walk_m."""
    best: tuple[int, int, int, int] | None = None
    for i, a in enumerate(origin.points):
        for j, b in enumerate(destination.points):
            metres, via = network.walk_between(a.lat, a.lon, a.stop_id, b.lat, b.lon,
                                               b.stop_id, wheelchair=query.wheelchair)
            if best is None or metres < best[0]:
                best = (metres, i, j, via)
    if best is None or best[0] > query.max_walk_m:
        return None
    metres, i, j, via = best
    duration = math.ceil(metres / query.walk_speed)
    dep = query.time_s - duration if query.arrive_by else query.time_s
    return direct_walk(origin.points[i], destination.points[j], dep, metres, query.walk_speed,
                       query.service_date,
                       via=exit_ref(network, via) if via >= 0 else None)


def _range_search(ds: Dataset, query: Query, origin: Endpoint, destination: Endpoint,
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
        kept = _best(found, query)
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


def _why_nothing(query: Query) -> str:
    when = "before" if query.arrive_by else "after"
    return (f"no journey found {when} the requested time within {query.horizon_s // 3600} h "
            f"with at most {query.max_transfers} transfers and {query.max_walk_m} m walks")
