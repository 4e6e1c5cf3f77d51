"""Plan journeys: resolve places, run RAPTOR (forwards, or backwards for arrive-by) over a
range of departures, rebuild legs, and keep the Pareto-best, distinct itineraries."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from routing.dataset import Dataset
from routing.errors import NoServiceError, QueryError
from routing.journeys import Journey, Query
from routing.legs import Candidate, direct_walk, sketch, unwind
from routing.network import MAX_WALK_SPEED
from routing.places import Endpoint, resolve_place
from routing.raptor import INF, run_raptor
from routing.timetable import DAY_S

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
    walk = _direct_walk(query, origin, destination)
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
            transit = _range_search(ds, query, origin, destination, day, query.time_s + shift,
                                    horizon)
            found.extend(transit)
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
    return PlanResult(journeys, origin, destination, notes)


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
        key = (journey.service_date, journey.signature())
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


def _direct_walk(query: Query, origin: Endpoint, destination: Endpoint) -> Journey | None:
    best: tuple[int, int, int] | None = None
    for i, a in enumerate(origin.points):
        for j, b in enumerate(destination.points):
            metres = math.ceil(_metres(a.lat, a.lon, b.lat, b.lon) * 1.3)
            if best is None or metres < best[0]:
                best = (metres, i, j)
    if best is None or best[0] > query.max_walk_m:
        return None
    metres, i, j = best
    duration = math.ceil(metres / query.walk_speed)
    dep = query.time_s - duration if query.arrive_by else query.time_s
    return direct_walk(origin.points[i], destination.points[j], dep, metres, query.walk_speed,
                       query.service_date)


def _metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from routing.geo import haversine_m

    return haversine_m(lat1, lon1, lat2, lon2)


def _range_search(ds: Dataset, query: Query, origin: Endpoint, destination: Endpoint,
                  day: date, time_s: int, horizon_s: int) -> list[Candidate]:
    """Repeated searches, each just after (or, arrive-by, before) the previous best."""
    forward = ds.timetable(day)
    table = ds.timetable(day, reverse=True) if query.arrive_by else forward
    net = ds.network
    if query.arrive_by:
        footpaths = net.reverse_footpaths(query.walk_speed, query.max_walk_m)
        source, target = destination, origin
    else:
        footpaths = net.footpaths(query.walk_speed, query.max_walk_m)
        source, target = origin, destination
    source_s = np.ceil(source.walk_m / query.walk_speed).astype(np.int32)
    target_s = np.ceil(target.walk_m / query.walk_speed).astype(np.int32)
    if query.wheelchair:
        stop_ok = (net.stops.wheelchair != 2).astype(np.uint8)
        trip_ok = table.trip_ok_wheelchair
    else:
        stop_ok = np.ones(len(net.stops), dtype=np.uint8)
        trip_ok = np.ones(table.n_trips, dtype=np.uint8)
    lower = np.zeros(len(net.stops), dtype=np.int32)
    if not query.arrive_by and destination.ref.venue_id and query.max_walk_m <= 3000:
        lower = net.lower_bounds_s(destination.ref.venue_id)
    journeys: list[Candidate] = []
    clock = -time_s if query.arrive_by else time_s
    for _ in range(query.num_itineraries + 3):
        result = run_raptor(
            table, footpaths, source_stops=source.stops, source_arr_s=clock + source_s,
            target_stops=target.stops, target_egress_s=target_s,
            max_rounds=query.max_transfers + 1, cutoff_s=clock + horizon_s,
            stop_ok=stop_ok, trip_ok=trip_ok, lower_bound_s=lower,
            transfer_slack_s=query.transfer_slack_s,
        )
        batch: list[Candidate] = []
        best = int(INF)
        for k in range(1, len(result.target_arr)):
            arrival = int(result.target_arr[k])
            if arrival >= best:
                continue
            best = arrival
            steps, end_stop = unwind(result, table, k, int(result.target_stop[k]))
            first_stop, last_stop = ((int(result.target_stop[k]), end_stop) if query.arrive_by
                                     else (end_stop, int(result.target_stop[k])))
            batch.append(sketch(ds, forward, steps, origin, first_stop, destination,
                                last_stop, query.walk_speed))
        if not batch:
            break
        journeys.extend(batch)
        # one search more than needed: a later departure arriving as early would dominate
        # (and replace) the last journey kept
        if len(_best(journeys, query, limit=query.num_itineraries + 1)) > query.num_itineraries:
            break
        if query.arrive_by:
            clock = -(max(j.arr_s for j in batch) - 1)
        else:
            clock = min(j.dep_s for j in batch) + 1
    return journeys


def _why_nothing(query: Query) -> str:
    when = "before" if query.arrive_by else "after"
    return (f"no journey found {when} the requested time within {query.horizon_s // 3600} h "
            f"with at most {query.max_transfers} transfers and {query.max_walk_m} m walks")
