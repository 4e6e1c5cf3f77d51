"""Answers out for the MOTIS routes: journeys, runs, stop events and search hits as the
models of :mod:`app.motis.schemas`.

Times leave as ISO 8601 UTC with ``Z`` (MOTIS's form); geometries as Google polylines of
precision 6 that start exactly at the leg's ``from`` and end at its ``to``. Names of venues and
their entrances, and the notes about venues, come from the /v1 mapping (:mod:`app.present`,
:func:`app.plan_json.plan_notes`) so both APIs describe a journey alike.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date

import polyline

from app import plan_json
from app import present as v1_present
from app.motis.modes import motis_mode
from app.motis.runs import Event, Run, route_facts, run_of_leg, trip_direction
from app.motis.schemas import (
    Area,
    EncodedPolyline,
    FareProduct,
    FareTransfer,
    Itinerary,
    Leg,
    Match,
    Place,
    StopTime,
)
from app.realtime.motis import motis_leg_realtime, motis_stop_realtime
from routing.clock import local_datetime
from routing.data.dataset import Dataset
from routing.journeys import Journey, PlaceRef
from routing.journeys import Leg as RoutingLeg
from routing.plan.places import stop_ref
from routing.plan.reconstruct import RawRide, ride_leg
from routing.plan.stopsearch import PlaceMatch

__all__ = [
    "PRECISION",
    "TZ",
    "encode_line",
    "endpoint_place",
    "itinerary",
    "leg_mode",
    "matches",
    "node_place",
    "run_itinerary",
    "run_mode",
    "station_modes",
    "stop_place",
    "stop_time",
    "utc_time",
    "v1_names",
]

#: Polyline precision of ``/api/v6`` (MOTIS v2+ answers use 6 digits).
PRECISION = 6
TZ = "Asia/Jakarta"
_JAKARTA_AREAS = [Area(name="Jakarta", adminLevel=4, matched=False, default=True),
                  Area(name="Indonesia", adminLevel=2, matched=False)]


def utc_time(service_date: date, seconds: int) -> str:
    """``2026-12-01T01:00:00Z`` for ``seconds`` after Jakarta midnight of ``service_date``
    (remembered: a plan answer holds ~200 times and the same ones repeat)."""
    key = (service_date, seconds)
    found = _UTC_TIMES.get(key)
    if found is None:
        if len(_UTC_TIMES) >= _UTC_TIMES_MAX:
            _UTC_TIMES.clear()
        found = _UTC_TIMES[key] = local_datetime(service_date, seconds).astimezone(
            UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return found


_UTC_TIMES: dict[tuple[date, int], str] = {}
_UTC_TIMES_MAX = 50_000   # remembered times before starting afresh (~8 MB at most)


def encode_line(points_lonlat: list[tuple[float, float]], start: PlaceRef | Place,
                end: PlaceRef | Place, *, detailed: bool = True) -> EncodedPolyline:
    """A precision-6 polyline of (lon, lat) ``points_lonlat``, made to begin at ``start`` and
    finish at ``end``; empty (``length`` 0) when not ``detailed``, as MOTIS answers then."""
    if not detailed:
        return EncodedPolyline(points="", precision=PRECISION, length=0)
    latlon = [(round(lat, PRECISION), round(lon, PRECISION)) for lon, lat in points_lonlat]
    first = (round(start.lat, PRECISION), round(start.lon, PRECISION))
    last = (round(end.lat, PRECISION), round(end.lon, PRECISION))
    if not latlon or latlon[0] != first:
        latlon.insert(0, first)
    if latlon[-1] != last or len(latlon) == 1:
        latlon.append(last)
    return EncodedPolyline(points=polyline.encode(latlon, PRECISION), precision=PRECISION,
                           length=len(latlon))


def _wheelchair(flag: int) -> str | None:
    return {1: "ACCESSIBLE", 2: "NOT_ACCESSIBLE"}.get(flag)


def stop_place(ds: Dataset, stop: int, day: date, *, arr_s: int | None = None,
               dep_s: int | None = None) -> Place:
    """A boardable stop (index) as a MOTIS Place, with its times on ``day`` if given."""
    ref = stop_ref(ds.network, stop)
    return _place(ds, ref, ref.name, day, arr_s, dep_s)


def _place(ds: Dataset, ref: PlaceRef, name: str, day: date | None, arr_s: int | None,
           dep_s: int | None, description: str | None = None) -> Place:
    fields: dict = {"name": name, "lat": ref.lat, "lon": ref.lon, "tz": TZ,
                    "description": description}
    if ref.stop_id:
        parent = ds.network.graph.nodes.get(ref.stop_id, {}).get("parent")
        fields.update(stopId=ref.stop_id, parentId=parent, vertexType="TRANSIT",
                      track=ref.platform, scheduledTrack=ref.platform)
    else:
        fields["vertexType"] = "NORMAL"
    if day is not None and arr_s is not None:
        fields.update(arrival=utc_time(day, arr_s), scheduledArrival=utc_time(day, arr_s))
    if day is not None and dep_s is not None:
        fields.update(departure=utc_time(day, dep_s), scheduledDeparture=utc_time(day, dep_s))
    return Place(**fields)


def endpoint_place(ds: Dataset, ref: PlaceRef, name: str, notes: list[str]) -> Place:
    """The plan's ``from``/``to``: the place as understood, Menuju's notes about it (a venue's
    approximate position, closed at arrival) in ``description``."""
    about = [n for n in notes if name.split(" (")[0] in n] if ref.venue_id else []
    return _place(ds, ref, name, None, None, None, " ".join(about) or None)


def _trip_fields(ds: Dataset, run: Run, leg_mode: str) -> dict:
    info = run.info
    route = ds.route(info.route_id)
    facts = route_facts(ds, info.route_id)
    short = route["short_name"] or route["long_name"]
    day, stops = run.table.service_date, run.stops()
    arr, dep = run.times()
    return {
        "mode": leg_mode, "headsign": info.headsign, "routeId": info.route_id,
        "directionId": trip_direction(ds, info.trip_id),
        "routeColor": route["color"], "routeTextColor": route["text_color"],
        "routeType": int(route["route_type"]), "agencyName": facts.agency_name,
        "agencyUrl": facts.agency_url, "agencyId": facts.agency_id, "tripId": run.trip_id(),
        "routeShortName": route["short_name"], "routeLongName": route["long_name"],
        "tripShortName": "", "displayName": short,
        "source": f"{info.trip_id.split(':', 1)[0]}/trips.txt",
        "tripFrom": stop_place(ds, int(stops[0]), day, dep_s=int(dep[0])),
        "tripTo": stop_place(ds, int(stops[-1]), day, arr_s=int(arr[-1])),
        "wheelchairAccessible": _wheelchair(info.wheelchair),
    }


def _leg(ds: Dataset, day: date, leg: RoutingLeg, from_name: str, to_name: str,
         detailed: bool) -> Leg:
    start, end = utc_time(day, leg.dep_s), utc_time(day, leg.arr_s)
    fields: dict = {
        "mode": "WALK",
        "from": _place(ds, leg.origin, from_name, day, None, leg.dep_s),
        "to": _place(ds, leg.destination, to_name, day, leg.arr_s, None),
        "duration": leg.duration_s, "startTime": start, "endTime": end,
        "scheduledStartTime": start, "scheduledEndTime": end,
        "legGeometry": encode_line(leg.geometry, leg.origin, leg.destination,
                                   detailed=detailed),
    }
    if not leg.is_transit:
        fields["distance"] = float(leg.distance_m)
        return Leg.model_validate(fields)
    route = ds.route(leg.route_id) if leg.route_id else None
    mode = motis_mode(int(route["route_type"])) if route else "OTHER"
    found = run_of_leg(ds, day, leg)
    if found is not None:
        fields.update(_trip_fields(ds, found[0], mode))
    else:  # the ride as the journey has it (no run context)
        fields.update(mode=mode, headsign=leg.headsign, routeId=leg.route_id,
                      routeShortName=leg.route_short_name,
                      routeLongName=leg.route_long_name, agencyName=leg.agency)
    fields.update(
        interlineWithPreviousLeg=leg.interline_with_previous_leg,
        intermediateStops=[
            _place(ds, s.place, s.place.name, day, s.arr_s, s.dep_s) for s in leg.intermediate],
    )
    motis_leg_realtime(ds, day, leg, fields)
    return Leg.model_validate(fields)


def itinerary(ds: Dataset, journey: Journey, names: list[tuple[str, str]], *,
              detailed: bool = True, with_fares: bool = False) -> Itinerary:
    """A journey as a MOTIS Itinerary; ``names`` are (from, to) names per leg in the asked
    language (from the /v1 answer of the same plan)."""
    day = journey.service_date
    legs = [_leg(ds, day, leg, a, b, detailed)
            for leg, (a, b) in zip(journey.legs, names, strict=True)]
    transfers = None
    if with_fares:
        transfers = _fare_transfers(journey, legs)
    key = "|".join(f"{leg.tripId or leg.mode}@{leg.startTime}" for leg in legs)
    return Itinerary(
        duration=journey.duration_s, startTime=utc_time(day, journey.dep_s),
        endTime=utc_time(day, journey.arr_s), transfers=journey.transfers,
        id=hashlib.sha256(key.encode()).hexdigest()[:24], legs=legs, fareTransfers=transfers)


def _fare_transfers(journey: Journey, legs: list[Leg]) -> list[FareTransfer]:
    """Rides grouped by ticket: a ride that adds a fare starts a group, a ride that adds
    nothing (covered by the ticket before it) joins the last group (rule ``A_AB``). Rides
    of unknown fare get no group. Sets each leg's ``fareTransferIndex`` and
    ``effectiveFareLegIndex``."""
    groups: list[list[list[list[FareProduct]]]] = []
    joinable = False
    for ride, leg in zip(journey.legs, legs, strict=True):
        if not ride.is_transit:
            continue
        if ride.fare_idr is None:
            joinable = False
            continue
        if ride.fare_idr == 0 and joinable and groups:
            groups[-1].append([[]])
        else:
            product = getattr(ride, "fare_product", None)
            name = product.name if product is not None else (
                f"{leg.agencyName or 'Tarif'} {leg.displayName or ''}".strip())
            groups.append([[[FareProduct(name=name, amount=float(ride.fare_idr),
                                         currency="IDR")]]])
            joinable = True
        leg.fareTransferIndex = len(groups) - 1
        leg.effectiveFareLegIndex = len(groups[-1]) - 1
    return [FareTransfer(rule="A_AB" if len(g) > 1 else None, effectiveFareLegProducts=g)
            for g in groups]


def run_itinerary(ds: Dataset, run: Run, *, detailed: bool = True) -> Itinerary:
    """A whole run, first stop to last, as a one-leg Itinerary (MOTIS ``trip``); the leg
    is built by the planner's own ride builder."""
    table, day = run.table, run.table.service_date
    ride = ride_leg(ds, table, RawRide(run.route, run.trip, 0, run.length - 1))
    leg = _leg(ds, day, ride, ride.origin.name, ride.destination.name, detailed)
    return Itinerary(duration=ride.duration_s, startTime=leg.startTime, endTime=leg.endTime,
                     transfers=0, id=run.trip_id(), legs=[leg])


def stop_time(ds: Dataset, event: Event, *, arrivals: bool) -> StopTime:
    """One departure (or arrival) as a MOTIS StopTime."""
    run, day = event.run, event.service_date
    arr, dep = run.times()
    arr_s, dep_s = int(arr[event.pos]), int(dep[event.pos])
    place = stop_place(ds, event.stop, day, arr_s=arr_s if event.pos > 0 else None,
                       dep_s=dep_s if event.pos < run.length - 1 else None)
    route = ds.route(run.info.route_id)
    fields = _trip_fields(ds, run, motis_mode(int(route["route_type"])))
    for name in ("agencyName", "agencyUrl", "agencyId"):
        fields[name] = fields[name] or ""
    fields["wheelchairAccessible"] = fields["wheelchairAccessible"] or "NOT_ACCESSIBLE"
    place, realtime = motis_stop_realtime(run.table, run.route, run.trip, event.pos, place)
    return StopTime(place=place, pickupDropoffType="NORMAL", realTime=realtime, **{
        k: v for k, v in fields.items() if k in StopTime.model_fields})


def matches(ds: Dataset, found: list[PlaceMatch], venue_names: dict[str, str],
            modes_of: dict[str, list[str]]) -> list[Match]:
    """Search hits as MOTIS Matches: venues as ``PLACE`` (id ``venue:<id>``, named in the
    asked language via ``venue_names``), stations and stops as ``STOP`` with their modes."""
    result: list[Match] = []
    for m in found:
        is_venue = m.kind == "venue"
        result.append(Match(
            type="PLACE" if is_venue else "STOP",
            category="venue" if is_venue else None,
            tokens=[], name=venue_names.get(m.id, m.name) if is_venue else m.name,
            id=f"venue:{m.id}" if is_venue else m.id, lat=m.lat, lon=m.lon, tz=TZ,
            country="ID", areas=_JAKARTA_AREAS, score=float(m.score),
            modes=None if is_venue else modes_of.get(m.id)))
    return result


def v1_names(ds: Dataset, result, lang: str) -> tuple[list[list[tuple[str, str]]],
                                                     list[str], str, str]:
    """As the /v1 answer of the same plan names them: per journey the (from, to) names of
    each leg, the notes, and the names of the origin and the destination, all in ``lang``
    (the /v1 mapping's own functions, without building that answer)."""
    def name(ref: PlaceRef) -> str:
        return v1_present.place_name(ds, ref, lang)

    names = [[(name(leg.origin), name(leg.destination)) for leg in journey.legs]
             for journey in result.journeys]
    return (names, plan_json.plan_notes(ds, result, lang), name(result.origin.ref),
            name(result.destination.ref))


def leg_mode(ds: Dataset, leg: RoutingLeg) -> str:
    """The MOTIS mode of a journey's leg (``WALK`` for walks)."""
    if not leg.is_transit or leg.route_id is None:
        return "WALK" if not leg.is_transit else "OTHER"
    return motis_mode(int(ds.route(leg.route_id)["route_type"]))


def run_mode(ds: Dataset, run: Run) -> str:
    """The MOTIS mode of a run's route."""
    return motis_mode(int(ds.route(run.info.route_id)["route_type"]))


def station_modes(ds: Dataset, place_id: str) -> list[str]:
    """The MOTIS modes of the routes calling at a stop or at a station's platforms."""
    return sorted({motis_mode(int(ds.route(r)["route_type"]))
                   for r in ds.network.routes_serving(place_id)})


def node_place(ds: Dataset, stop_id: str, node: dict) -> Place:
    """A stop or station (checked by ``app.params.parse_stop_id``) as a MOTIS Place."""
    return Place(name=node.get("name", stop_id), stopId=stop_id, parentId=node.get("parent"),
                 lat=node["lat"], lon=node["lon"], tz=TZ, vertexType="TRANSIT",
                 modes=station_modes(ds, stop_id) or None)
