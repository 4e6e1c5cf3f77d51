"""Rebuild journeys from RAPTOR labels: raw paths, then legs with times, names and shapes
(the candidate types of :mod:`routing.plan.candidates` are re-exported here)."""

from __future__ import annotations

from datetime import date

import numpy as np

from routing.data.dataset import Dataset
from routing.geo import path_length_m, walk_time_s
from routing.instructions import ride_instruction, walk_instruction
from routing.journeys import MODE_BY_ROUTE_TYPE, Journey, Leg, PlaceRef, Stopover
from routing.kernel.query import LABEL_RIDE, LABEL_WALK, RaptorResult
from routing.kernel.timetable import Timetable, forward_ride
from routing.memo import BoundedCache
from routing.plan.candidates import (
    Candidate,
    PricedRides,
    RawRide,
    RawWalk,
    Sketch,
    fare_legs,
)
from routing.plan.places import Endpoint, exit_ref, stop_ref
from routing.realtime.overlay import realtime_fields

__all__ = ["Candidate", "RawRide", "RawWalk", "Sketch", "build_journey", "candidate_from_steps",
           "direct_walk", "fare_legs", "ride_leg", "unwind"]


def unwind(result: RaptorResult, table: Timetable, k: int, stop: int, kind: int
           ) -> tuple[list[RawRide | RawWalk], int]:
    """Follow labels back from ``stop``'s ``kind`` label (``LABEL_RIDE``/``LABEL_WALK``) at
    round ``k``; returns forward-time steps and the stop on the search's source side (access
    stop, or egress stop when the table is reversed)."""
    steps: list[RawRide | RawWalk] = []
    s = stop
    for _ in range(4 * (k + 1) + 4):
        if kind == LABEL_WALK:
            prev = int(result.walk_from[k, s])
            steps.append(RawWalk(s, prev) if table.reversed else RawWalk(prev, s))
            s, kind = prev, LABEL_RIDE
            continue
        if k == 0:
            break  # the access walk from the origin
        route, board = int(result.ride_route[k, s]), int(result.ride_board[k, s])
        ride = forward_ride(table, route, int(result.ride_trip[k, s]), board,
                            int(result.ride_alight[k, s]))
        steps.append(RawRide(*(int(x) for x in ride)))
        kind = LABEL_WALK if result.ride_after_walk[k, s] else LABEL_RIDE
        s = table.stop_at(route, board)
        k -= 1
    if not table.reversed:
        steps.reverse()
    return steps, s


def candidate_from_steps(ds: Dataset, table: Timetable, steps: list[RawRide | RawWalk],
                         origin: Endpoint, access_stop: int, destination: Endpoint,
                         egress_stop: int, walk_speed: float,
                         ride_times: list[tuple[int, int]] | None = None) -> Candidate:
    """The figures :func:`build_journey` would give (times, transfers, metres walked, rides),
    from the forward timetable alone; the journey itself is built only when chosen.
    ``ride_times``: each ride's (departure at boarding, arrival at alighting) in seconds of
    ``table``'s date when the caller read them already (else read here)."""
    i = int(np.searchsorted(origin.stops, access_stop))
    j = int(np.searchsorted(destination.stops, egress_stop))
    walks_before: list[int] = [int(origin.walk_m[i])]
    walks_after: list[int] = []
    rides: list[tuple[str, int]] = []
    first_dep = last_arr = 0
    for step in steps:
        if isinstance(step, RawWalk):
            (walks_after if rides else walks_before).append(
                _footpath_m(ds, step.from_stop, step.to_stop))
            continue
        if ride_times is not None:
            dep_s, arr_s = ride_times[len(rides)]
        else:
            dep_s = table.dep_at(step.route, step.trip, step.board_pos)
            arr_s = table.arr_at(step.route, step.trip, step.alight_pos)
        if not rides:
            first_dep = dep_s
        last_arr = arr_s
        rides.append((table.info_of(step.trip).trip_id, dep_s))
        walks_after = []
    walks_after.append(int(destination.walk_m[j]))
    priced = PricedRides(ds, table, steps)

    def seconds(walks: list[int]) -> int:
        return sum(walk_time_s(m, walk_speed) for m in walks if m > 0)

    return Candidate(
        service_date=table.service_date, dep_s=first_dep - seconds(walks_before),
        arr_s=last_arr + seconds(walks_after), transfers=max(0, len(rides) - 1),
        walk_m=sum(walks_before) + sum(walks_after) + _middle_walks_m(ds, steps),
        rides=tuple(rides), is_walk=False,
        build=lambda: build_journey(ds, table, steps, origin, access_stop, destination,
                                    egress_stop, walk_speed, priced=priced),
        price=priced.price,
    )


def _middle_walks_m(ds: Dataset, steps: list[RawRide | RawWalk]) -> int:
    """Metres of the walks between the first and the last ride."""
    ride_at = [k for k, step in enumerate(steps) if isinstance(step, RawRide)]
    if len(ride_at) < 2:
        return 0
    return sum(_footpath_m(ds, step.from_stop, step.to_stop)
               for step in steps[ride_at[0]:ride_at[-1]] if isinstance(step, RawWalk))


def build_journey(ds: Dataset, table: Timetable, steps: list[RawRide | RawWalk],
                  origin: Endpoint, access_stop: int, destination: Endpoint, egress_stop: int,
                  walk_speed: float, priced: PricedRides | None = None) -> Journey:
    """Legs with clock times from forward ``steps`` (``table`` must be the forward one).

    Walks before the first ride are timed to end as it departs; any other walk starts as the
    leg before it ends. Each walk is its own leg (each within max_walk_m, as searched). The
    fare is copied from ``priced`` when its rides were priced already.
    """
    net = ds.network
    i = int(np.searchsorted(origin.stops, access_stop))
    j = int(np.searchsorted(destination.stops, egress_stop))
    exit_in, exit_out = int(origin.exit_of_stop[i]), int(destination.exit_of_stop[j])
    parts: list[Leg | tuple[PlaceRef, PlaceRef, int, PlaceRef | None]] = [
        (origin.points[int(origin.point_of_stop[i])], stop_ref(net, access_stop),
         int(origin.walk_m[i]), exit_ref(net, exit_in) if exit_in >= 0 else None)
    ]
    for step in steps:
        if isinstance(step, RawWalk):
            parts.append((stop_ref(net, step.from_stop), stop_ref(net, step.to_stop),
                          _footpath_m(ds, step.from_stop, step.to_stop), None))
        else:
            parts.extend(_ride_legs(ds, table, step))
    parts.append((stop_ref(net, egress_stop),
                  destination.points[int(destination.point_of_stop[j])],
                  int(destination.walk_m[j]), exit_ref(net, exit_out) if exit_out >= 0 else None))
    legs: list[Leg] = []
    for k, part in enumerate(parts):
        if isinstance(part, Leg):
            legs.append(part)
            continue
        a, b, metres, via = part
        if metres <= 0:
            continue
        if legs:
            legs.append(_walk_leg(a, b, legs[-1].arr_s, metres, walk_speed, via))
        else:
            # walks before the first ride end just as it leaves
            before = [p for p in parts[k:] if not isinstance(p, Leg)]
            ride = next(p for p in parts[k + 1:] if isinstance(p, Leg))
            ahead_s = sum(walk_time_s(p[2], walk_speed)
                          for p in before[:_walks_before_next_ride(parts, k)])
            legs.append(_walk_leg(a, b, ride.dep_s - ahead_s, metres, walk_speed, via))
    journey = Journey(table.service_date, legs)
    rides = [leg for leg in legs if leg.is_transit]
    if priced is not None and priced.legs is not None and len(priced.legs) == len(rides):
        for leg, fare_leg in zip(rides, priced.legs, strict=True):
            leg.fare_idr, leg.fare_product = fare_leg.fare_idr, fare_leg.fare_product
        journey.fare_idr = priced.fare_idr
    else:
        journey.fare_idr = ds.fares.price_legs(legs, table.service_date)
    return journey


def _walks_before_next_ride(parts: list, start: int) -> int:
    """How many walks lie between ``parts[start]`` (included) and the next ride."""
    count = 0
    for part in parts[start:]:
        if isinstance(part, Leg):
            break
        count += 1
    return count


def direct_walk(origin: PlaceRef, destination: PlaceRef, dep_s: int, walk_m: int,
                walk_speed: float, service_date: date, via: PlaceRef | None = None) -> Journey:
    """A journey that is one walk (through a station exit ``via`` where one is left)."""
    return Journey(service_date,
                   [_walk_leg(origin, destination, dep_s, walk_m, walk_speed, via)], fare_idr=0)


#: a ride's places, geometry and metres, by (network token, shape id, stops ridden along):
#: plans to a venue ride the same few stretches again and again
_RIDE_PATHS: BoundedCache[tuple, tuple[tuple[PlaceRef, ...], tuple[tuple[float, float], ...],
                                       int]] = BoundedCache(8192)


def _ride_path(ds: Dataset, shape_id: str | None, stops: tuple[int, ...]
               ) -> tuple[tuple[PlaceRef, ...], tuple[tuple[float, float], ...], int]:
    """The stops ridden along (``stops``: boarding first, alighting last) as places, the
    ride's (lon, lat) geometry (the shape between its ends, else the stops) and its length
    in metres, computed once per stretch."""
    net = ds.network

    def build() -> tuple[tuple[PlaceRef, ...], tuple[tuple[float, float], ...], int]:
        places = tuple(stop_ref(net, s) for s in stops)
        geometry = ds.shape_between(shape_id, places[0], places[-1]) or [
            (p.lon, p.lat) for p in places]
        line = np.asarray(geometry, dtype=np.float64)
        return places, tuple(geometry), int(round(path_length_m(line[:, 1], line[:, 0])))

    return _RIDE_PATHS.get_or_build((net.token, shape_id, stops), build)


#: metres of the footpaths asked for, per network (token): candidates ask for the same few
_FOOTPATH_M: BoundedCache[str, dict[tuple[int, int], int]] = BoundedCache(4)
_LAST_FOOTPATHS: tuple[str, dict[tuple[int, int], int]] = ("", {})


def _footpath_m(ds: Dataset, a: int, b: int) -> int:
    """Metres walked on the footpath from stop ``a`` to stop ``b`` (straight line x detour
    where there is none)."""
    global _LAST_FOOTPATHS
    net = ds.network
    token, known = _LAST_FOOTPATHS   # one tuple read: no lock on the hot path
    if token != net.token:
        known = _FOOTPATH_M.get_or_build(net.token, dict)
        _LAST_FOOTPATHS = (net.token, known)
    metres = known.get((a, b))
    if metres is not None:
        return metres
    start, end = net.fp_ptr[a], net.fp_ptr[a + 1]
    hits = np.flatnonzero(net.fp_to[start:end] == b)
    if len(hits):
        metres = int(net.fp_walk_m[start + hits[0]])
    else:
        metres = net.walk_m(float(net.stops.lat[a]), float(net.stops.lon[a]),
                            float(net.stops.lat[b]), float(net.stops.lon[b]))
    if len(known) < 1_000_000:
        known[(a, b)] = metres
    return metres


def _walk_leg(a: PlaceRef, b: PlaceRef, dep_s: int, walk_m: int, walk_speed: float,
              via: PlaceRef | None = None) -> Leg:
    """A walk, through a station exit ``via`` when it leaves or enters a station."""
    duration = walk_time_s(walk_m, walk_speed)
    points = [a, via, b] if via is not None else [a, b]
    return Leg(mode="WALK", origin=a, destination=b, dep_s=dep_s, arr_s=dep_s + duration,
               distance_m=walk_m, geometry=[(p.lon, p.lat) for p in points],
               instruction=walk_instruction(walk_m, duration, b.name,
                                            via.name if via is not None else None),
               via=via)


def _ride_legs(ds: Dataset, table: Timetable, ride: RawRide) -> list[Leg]:
    """One leg per GTFS trip of the ride: a compiled trip that runs several trips in-seat
    (block_id) is split at each junction it passes, the later legs marked
    ``interline_with_previous_leg``."""
    cuts = [pos for pos, _ in table.info_of(ride.trip).parts
            if ride.board_pos < pos < ride.alight_pos]
    ends = [ride.board_pos, *cuts, ride.alight_pos]
    legs = [ride_leg(ds, table, RawRide(ride.route, ride.trip, a, b))
            for a, b in zip(ends, ends[1:], strict=False)]
    for leg in legs[1:]:
        leg.interline_with_previous_leg = True
    return legs


def ride_leg(ds: Dataset, table: Timetable, ride: RawRide) -> Leg:
    """One transit leg of forward ``table`` from ``ride`` (route, global trip, boarding and
    alighting positions): times in seconds of the table's service date, places, names,
    intermediate stops, geometry (shape or stops) and instruction. The one ride builder for
    plans and MOTIS trips."""
    stops = table.route_stops_of(ride.route)
    arr_s, dep_s = table.trip_row(ride.route, ride.trip)
    info = table.info_at(ride.trip, ride.board_pos)
    route = ds.route(info.route_id)
    places, geometry, distance_m = _ride_path(
        ds, info.shape_id, tuple(stops[ride.board_pos:ride.alight_pos + 1].tolist()))
    board, alight = places[0], places[-1]
    inner = slice(ride.board_pos + 1, ride.alight_pos)
    intermediate = [Stopover(place, arr, dep) for place, arr, dep in zip(
        places[1:-1], arr_s[inner].tolist(), dep_s[inner].tolist(), strict=True)]
    mode = MODE_BY_ROUTE_TYPE.get(int(route["route_type"]), "BUS")
    short = route["short_name"] or route["long_name"] or info.route_id.split(":", 1)[1]
    return Leg(
        mode=mode, origin=board, destination=alight,
        dep_s=int(dep_s[ride.board_pos]), arr_s=int(arr_s[ride.alight_pos]),
        distance_m=distance_m, geometry=list(geometry),
        instruction=ride_instruction(mode, short, info.headsign, board.name, alight.name,
                                     ride.alight_pos - ride.board_pos),
        trip_id=info.trip_id, route_id=info.route_id, route_short_name=route["short_name"],
        route_long_name=route["long_name"], route_color=route["color"],
        route_text_color=route["text_color"], agency=route["agency"], headsign=info.headsign,
        headway_s=info.headway_s, wheelchair=info.wheelchair, intermediate=intermediate,
        **realtime_fields(table, ride.route, ride.trip, ride.board_pos, ride.alight_pos),
    )
