"""The one mapping place between HTTP and the routing library: request parameters to a
``routing.journeys.Query`` (strictly checked), and journeys, stops and departures to the
response models. Times leave here as ISO 8601 with ``+07:00`` (Asia/Jakarta has no DST)."""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta, timezone

import numpy as np

from app.errors import InvalidParameterError
from app.schemas import (
    Departure,
    DepartureBoard,
    Fare,
    IntermediateStop,
    Itinerary,
    Leg,
    LineString,
    Place,
    PlanResponse,
    Platform,
    Route,
    Stop,
    StopMatch,
    StopSearch,
)
from routing.data.dataset import Dataset
from routing.errors import NoServiceError, UnknownPlaceError
from routing.instructions import mode_name, walk_instruction
from routing.journeys import Journey, PlaceRef, Query
from routing.journeys import Leg as RoutingLeg
from routing.plan import departures as board
from routing.plan.planner import plan
from routing.plan.stopsearch import search_places

__all__ = [
    "WIB",
    "departure_board",
    "iso_time",
    "parse_coordinate_param",
    "parse_place",
    "parse_time",
    "plan_journeys",
    "search_stops",
    "service_area",
    "stop_detail",
]

WIB = timezone(timedelta(hours=7), "WIB")
SERVICE_MARGIN_M = 5_000
PLACE_FORMS = "'lat,lon' (e.g. -6.2388,106.7984), 'stop:<feed>:<stop_id>' " \
    "(e.g. stop:mrt-jakarta:SASN) or 'venue:<id>' (e.g. venue:asean-secretariat)"
_COORD = re.compile(r"^\s*([-+]?\d{1,3}(?:\.\d+)?)\s*,\s*([-+]?\d{1,3}(?:\.\d+)?)\s*$")
_SPACE_OFFSET = re.compile(r"^(.*T\d\d:\d\d(?::\d\d(?:\.\d+)?)?) (\d\d(?::?\d\d)?)$")
_STEP_FREE = {1: True, 2: False}


# -- parsing and checking ------------------------------------------------------------------


def iso_time(service_date: date, seconds: int) -> str:
    """ISO 8601 (+07:00) of ``seconds`` after midnight of ``service_date`` (may be <0 or
    past 24 h)."""
    moment = datetime(service_date.year, service_date.month, service_date.day, tzinfo=WIB)
    return (moment + timedelta(seconds=int(seconds))).isoformat()


def parse_time(text: str | None, *, parameter: str = "time") -> datetime:
    """A local date-time (``2026-12-01T08:00``; an offset is converted to +07:00); now when
    ``text`` is None."""
    if text is None:
        return datetime.now(WIB).replace(microsecond=0)
    raw = text.strip()
    raw = _SPACE_OFFSET.sub(r"\1+\2", raw)  # an unescaped '+' arrives as a space
    try:
        if len(raw) > 40:
            raise ValueError(raw)
        when = datetime.fromisoformat(raw)
    except ValueError:
        raise InvalidParameterError(
            f"'{parameter}' must be a local ISO 8601 date-time such as 2026-12-01T08:00 "
            f"(Jakarta time; an offset like +07:00 is also accepted); got {text[:40]!r}.",
            parameter=parameter,
        ) from None
    when = when.replace(tzinfo=WIB) if when.tzinfo is None else when.astimezone(WIB)
    return when.replace(microsecond=0)


def service_area(ds: Dataset) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon): every loaded stop plus a 5 km margin."""
    lat, lon = ds.network.stops.lat, ds.network.stops.lon
    if not len(lat):
        return (-90.0, 90.0, -180.0, 180.0)
    dlat = SERVICE_MARGIN_M / 111_320
    dlon = dlat / max(0.1, math.cos(math.radians(float(np.mean(lat)))))
    return (float(lat.min()) - dlat, float(lat.max()) + dlat,
            float(lon.min()) - dlon, float(lon.max()) + dlon)


def parse_coordinate_param(ds: Dataset, text: str, parameter: str) -> tuple[float, float]:
    """``lat,lon`` inside the service area, else InvalidParameterError."""
    match = _COORD.match(text)
    if not match:
        raise InvalidParameterError(
            f"'{parameter}' must be 'lat,lon' in decimal degrees, e.g. -6.2388,106.7984; "
            f"got {text[:60]!r}.", parameter=parameter)
    lat, lon = float(match.group(1)), float(match.group(2))
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InvalidParameterError(
            f"'{parameter}' {text.strip()!r} is not a coordinate: latitude must be -90..90 "
            "and longitude -180..180 (latitude first).", parameter=parameter)
    south, north, west, east = service_area(ds)
    if not (south <= lat <= north and west <= lon <= east):
        raise InvalidParameterError(
            f"'{parameter}' {lat:.5f},{lon:.5f} is outside the service area (latitude "
            f"{south:.3f}..{north:.3f}, longitude {west:.3f}..{east:.3f}); Menuju plans "
            "within Jakarta. Coordinates are 'lat,lon', latitude first.", parameter=parameter)
    return lat, lon


def parse_place(ds: Dataset, text: str, parameter: str) -> str:
    """A checked planner place string for ``from``/``to`` (400 malformed, 404 unknown)."""
    raw = text.strip()
    if raw.startswith("stop:") and len(raw) > 5:
        stop_id = raw.removeprefix("stop:")
        if stop_id not in ds.network.graph or not ds.network.platforms_of(stop_id):
            raise _unknown(f"'{parameter}': there is no stop or station '{stop_id}'. Find ids "
                           "with /v1/stops?q=<name>.", raw, parameter)
        return raw
    if raw.startswith("venue:") and len(raw) > 6:
        venue_id = raw.removeprefix("venue:")
        if venue_id not in ds.venues:
            known = ", ".join(sorted(ds.venues))
            raise _unknown(f"'{parameter}': there is no venue '{venue_id}'. Known venues: "
                           f"{known}.", raw, parameter)
        return raw
    if _COORD.match(raw):
        lat, lon = parse_coordinate_param(ds, raw, parameter)
        return f"{lat},{lon}"
    raise InvalidParameterError(
        f"'{parameter}' must be {PLACE_FORMS}; got {text[:60]!r}.", parameter=parameter)


def _unknown(message: str, place: str, parameter: str) -> UnknownPlaceError:
    error = UnknownPlaceError(message, place=place)
    error.parameter = parameter  # type: ignore[attr-defined]  # read by app.errors
    return error


def _check_service(ds: Dataset, day: date) -> None:
    if ds.covers(day):
        return
    spans = ", ".join(f"{f.feed_id} {f.start_date}..{f.end_date}" for f in ds.feeds)
    error = NoServiceError(f"No loaded timetable covers {day.isoformat()}; choose a date "
                           f"within a feed's validity ({spans}).")
    error.parameter = "time"  # type: ignore[attr-defined]  # read by app.errors
    raise error


# -- plans ---------------------------------------------------------------------------------


def plan_journeys(ds: Dataset, *, origin: str, destination: str, time: str | None,
                  arrive_by: bool, num_itineraries: int, max_transfers: int, max_walk_m: int,
                  walk_speed: float, wheelchair: bool, lang: str) -> PlanResponse:
    """Check the parameters, plan, and describe the result in ``lang``."""
    origin = parse_place(ds, origin, "from")
    destination = parse_place(ds, destination, "to")
    when = parse_time(time)
    _check_service(ds, when.date())
    query = Query(origin, destination, when.date(),
                  when.hour * 3600 + when.minute * 60 + when.second, arrive_by=arrive_by,
                  num_itineraries=num_itineraries, max_transfers=max_transfers,
                  max_walk_m=max_walk_m, walk_speed=walk_speed, wheelchair=wheelchair)
    result = plan(ds, query)
    notes = list(result.notes)
    for ref in (result.origin.ref, result.destination.ref):
        notes.extend(_venue_location_note(ds, ref, lang))
    notes.extend(_opening_note(ds, result.destination.ref, result.journeys, lang))
    return PlanResponse.model_validate({
        "from": _place(ds, result.origin.ref, lang),
        "to": _place(ds, result.destination.ref, lang),
        "itineraries": [_itinerary(ds, j, lang) for j in result.journeys],
        "notes": notes,
    })


def _place(ds: Dataset, ref: PlaceRef, lang: str = "id") -> Place:
    venue = ds.venues.get(ref.venue_id) if ref.venue_id else None
    name = ref.name
    if venue is not None:  # venue and entrance names come in both languages
        name = venue.name.get(lang) or venue.name.get("id") or venue.id
        entrance = next((e for e in venue.entrances if e.id == ref.entrance), None)
        if entrance is not None:
            name = f"{name} ({entrance.name.get(lang) or entrance.name.get('id') or entrance.id})"
    return Place(name=name, lat=ref.lat, lon=ref.lon, stop_id=ref.stop_id,
                 venue_id=ref.venue_id, entrance=ref.entrance, platform=ref.platform,
                 step_free=_STEP_FREE.get(ref.wheelchair),
                 location_quality=venue.location_quality if venue else None)  # type: ignore[arg-type]


def _fare(amount: int | None) -> Fare | None:
    return None if amount is None else Fare(amount=int(amount), currency="IDR")


def _itinerary(ds: Dataset, journey: Journey, lang: str) -> Itinerary:
    day = journey.service_date
    return Itinerary(
        departure=iso_time(day, journey.dep_s), arrival=iso_time(day, journey.arr_s),
        duration_s=journey.duration_s, transfers=journey.transfers,
        walk_distance_m=journey.walk_m, fare=_fare(journey.fare_idr),
        legs=[_leg(ds, day, leg, lang) for leg in journey.legs],
    )


def _leg(ds: Dataset, day: date, leg: RoutingLeg, lang: str) -> Leg:
    points = [[lon, lat] for lon, lat in leg.geometry]
    if len(points) < 2:
        points = [[leg.origin.lon, leg.origin.lat], [leg.destination.lon, leg.destination.lat]]
    to = _place(ds, leg.destination, lang)
    instruction = leg.instruction.get(lang) or leg.instruction.get("en", "")
    if not leg.is_transit and leg.destination.venue_id:  # the venue named in ``lang``
        instruction = walk_instruction(leg.distance_m, leg.duration_s, to.name,
                                       leg.via.name if leg.via is not None else None)[lang]
    fields: dict = {
        "mode": leg.mode, "mode_name": mode_name(leg.mode, lang),
        "from": _place(ds, leg.origin, lang), "to": to,
        "departure": iso_time(day, leg.dep_s), "arrival": iso_time(day, leg.arr_s),
        "duration_s": leg.duration_s, "distance_m": leg.distance_m,
        "instruction": instruction,
        "geometry": LineString(type="LineString", coordinates=points),
    }
    if leg.is_transit:
        fields.update(
            feed_id=leg.feed_id, trip_id=leg.trip_id, headsign=leg.headsign,
            route=Route(id=leg.route_id or "", short_name=leg.route_short_name or "",
                        long_name=leg.route_long_name or "", color=leg.route_color,
                        text_color=leg.route_text_color, agency=leg.agency),
            intermediate_stops=[
                IntermediateStop(**_place(ds, s.place).model_dump(),
                                 arrival=iso_time(day, s.arr_s), departure=iso_time(day, s.dep_s))
                for s in leg.intermediate
            ],
            fare=_fare(leg.fare_idr), headway_s=leg.headway_s or None,
        )
    return Leg.model_validate(fields)


def _venue_location_note(ds: Dataset, ref: PlaceRef, lang: str) -> list[str]:
    venue = ds.venues.get(ref.venue_id) if ref.venue_id else None
    if venue is None or venue.location_quality != "approximate":
        return []
    name = venue.name.get(lang, venue.id)
    source = venue.location_note.get(lang, "")
    if lang == "id":
        return [f"{name}: lokasinya perkiraan, periksa di tempat. {source}".strip()]
    return [f"{name}: the location is approximate; check on arrival. {source}".strip()]


def _opening_note(ds: Dataset, ref: PlaceRef, journeys: list[Journey], lang: str) -> list[str]:
    venue = ds.venues.get(ref.venue_id) if ref.venue_id else None
    if venue is None:
        return []
    closed: list[str] = []
    for journey in journeys:
        arrival = datetime.fromisoformat(iso_time(journey.service_date, journey.arr_s))
        if venue.is_open(arrival) is False:
            closed.append(arrival.strftime("%H:%M"))
    if not closed:
        return []
    name, times = venue.name.get(lang, venue.id), ", ".join(closed)
    if lang == "id":
        return [f"{name} tutup pada waktu tiba ({times}); lihat jam buka di "
                f"/v1/venues/{venue.id}."]
    return [f"{name} is closed at the arrival time ({times}); see its opening hours at "
            f"/v1/venues/{venue.id}."]


# -- stops and departures ------------------------------------------------------------------


def _platform(ds: Dataset, stop_id: str) -> Platform:
    table = ds.network.stops
    i = table.index.get(stop_id)
    node = ds.network.graph.nodes[stop_id]
    return Platform(id=stop_id, name=node.get("name", ""), lat=node["lat"], lon=node["lon"],
                    platform=table.platform[i] if i is not None else None,
                    step_free=_STEP_FREE.get(int(table.wheelchair[i])) if i is not None else None)


def _route(ds: Dataset, route_id: str) -> Route:
    facts = ds.route(route_id)
    return Route(id=facts["id"], short_name=facts["short_name"], long_name=facts["long_name"],
                 color=facts["color"], text_color=facts["text_color"], agency=facts["agency"])


def search_stops(ds: Dataset, *, q: str | None, near: str | None, limit: int) -> StopSearch:
    """Stations and stops by name and/or distance (at least one of ``q``/``near``)."""
    text = (q or "").strip()
    if not text and not (near or "").strip():
        raise InvalidParameterError("Give 'q' (a name, e.g. q=blok m) or 'near' (lat,lon, "
                                    "e.g. near=-6.2388,106.7984), or both.", parameter="q")
    point = parse_coordinate_param(ds, near, "near") if near and near.strip() else None
    matches = search_places(ds, text or None, near=point, limit=limit, include_venues=False)
    return StopSearch(stops=[
        StopMatch(id=m.id, kind=m.kind, name=m.name, lat=m.lat, lon=m.lon,  # type: ignore[arg-type]
                  distance_m=None if m.distance_m is None else int(m.distance_m),
                  score=m.score, platforms=[_platform(ds, p) for p in m.platforms])
        for m in matches
    ])


def _stop_node(ds: Dataset, stop_id: str) -> tuple[str, dict]:
    stop_id = stop_id.strip().removeprefix("stop:")
    node = ds.network.graph.nodes.get(stop_id) if stop_id else None
    if node is None or node.get("kind") not in ("station", "stop"):
        raise UnknownPlaceError(f"There is no stop or station '{stop_id}'. Ids look like "
                                "mrt-jakarta:SASN; find them with /v1/stops?q=<name>.",
                                place=stop_id)
    return stop_id, node


def stop_detail(ds: Dataset, stop_id: str) -> Stop:
    """A station or stop with its platforms and serving routes."""
    stop_id, node = _stop_node(ds, stop_id)
    platforms = [_platform(ds, ds.network.stops.ids[i])
                 for i in ds.network.platforms_of(stop_id)]
    flags = [p.step_free for p in platforms]
    step_free = True if any(flags) else (False if flags and all(f is False for f in flags)
                                         else None)
    routes = sorted((_route(ds, r) for r in ds.network.routes_serving(stop_id)),
                    key=lambda r: (r.short_name, r.id))
    return Stop(id=stop_id, kind=node["kind"], name=node.get("name", ""), lat=node["lat"],
                lon=node["lon"], feed_id=node.get("feed") or stop_id.split(":", 1)[0],
                parent_station=node.get("parent"), step_free=step_free,
                platforms=platforms, routes=routes)


def departure_board(ds: Dataset, stop_id: str, *, time: str | None, limit: int,
                    window_min: int, lang: str) -> DepartureBoard:
    """The next departures from a stop or whole station after ``time``."""
    stop_id, _ = _stop_node(ds, stop_id)
    when = parse_time(time)
    _check_service(ds, when.date())
    day, time_s = when.date(), when.hour * 3600 + when.minute * 60 + when.second
    found = board.departures(ds, stop_id, day, time_s, window_s=window_min * 60, limit=limit)
    return DepartureBoard(stop=_platform(ds, stop_id), time=when.isoformat(),
                          departures=[_departure(ds, d, day, time_s, lang) for d in found])


def _departure(ds: Dataset, dep: board.Departure, day: date, time_s: int,
               lang: str) -> Departure:
    after_s = (dep.service_date - day).days * 86_400 + dep.dep_s - time_s
    headway_min = max(1, round(dep.headway_s / 60)) if dep.frequency_based else None
    text = None
    if headway_min is not None:
        text = f"setiap {headway_min} menit" if lang == "id" else f"every {headway_min} min"
    return Departure(
        route=_route(ds, dep.route_id), mode=dep.mode, mode_name=mode_name(dep.mode, lang),
        headsign=dep.headsign, stop_id=dep.stop_id, platform=dep.platform,
        trip_id=dep.trip_id, departure=iso_time(dep.service_date, dep.dep_s),
        minutes=max(0, after_s // 60), step_free=_STEP_FREE.get(dep.wheelchair),
        headway_min=headway_min, frequency_text=text,
    )
