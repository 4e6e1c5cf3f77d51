"""Answers out: routing results (journeys, stops, departures) to the response models of
``app.schemas``. Times leave here as ISO 8601 with ``+07:00`` (Asia/Jakarta has no DST)."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from app.realtime import present as realtime
from app.schemas import (
    Departure,
    DepartureBoard,
    Fare,
    FareProduct,
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
from routing.clock import local_datetime
from routing.data.dataset import Dataset
from routing.i18n import format_fare, msg, render
from routing.instructions import mode_name, walk_instruction
from routing.journeys import Journey, PlaceRef
from routing.journeys import Leg as RoutingLeg
from routing.plan import departures as board
from routing.plan.planner import PlanResult
from routing.plan.stopsearch import PlaceMatch

__all__ = [
    "departure_board",
    "iso_time",
    "opening_note",
    "place_name",
    "plan_response",
    "stop_detail",
    "stop_search",
    "venue_location_note",
]

_STEP_FREE = {1: True, 2: False}


def iso_time(service_date: date, seconds: int) -> str:
    """ISO 8601 (+07:00) of ``seconds`` after midnight of ``service_date`` (may be <0 or
    past 24 h): ``local_datetime(service_date, seconds).isoformat()``, formatted by hand (a
    plan answer holds hundreds of times, and remembered: the same few thousand repeat) on
    days whose UTC offset does not change."""
    key = (service_date, seconds)
    found = _ISO_TIMES.get(key)
    if found is None:
        if len(_ISO_TIMES) >= _ISO_TIMES_MAX:
            _ISO_TIMES.clear()
        found = _ISO_TIMES[key] = _format_iso(service_date, int(seconds))
    return found


_ISO_TIMES: dict[tuple[date, int], str] = {}
_ISO_TIMES_MAX = 50_000   # remembered times before starting afresh (~8 MB at most)


def _format_iso(service_date: date, seconds: int) -> str:
    days, rest = divmod(seconds, 86_400)
    day = service_date if days == 0 else date.fromordinal(service_date.toordinal() + days)
    prefix, offset = _day_parts(day)
    if offset is None:
        return local_datetime(service_date, seconds).isoformat()
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{prefix}{hours:02d}:{minutes:02d}:{secs:02d}{offset}"


@lru_cache(maxsize=1024)
def _day_parts(day: date) -> tuple[str, str | None]:
    """(``YYYY-MM-DDT``, the day's UTC offset as ``+07:00``), the offset None when it changes
    during the day or is not whole minutes."""
    first, last = local_datetime(day, 0), local_datetime(day, 86_399)
    offset = first.isoformat()[19:]
    if offset != last.isoformat()[19:] or len(offset) != 6:
        return f"{day.isoformat()}T", None
    return f"{day.isoformat()}T", offset


def plan_response(ds: Dataset, result: PlanResult, lang: str) -> PlanResponse:
    """A plan's journeys, places and notes described in ``lang`` (the reference mapping:
    ``GET /v1/plan`` sends :func:`app.plan_json.plan_json`, the same JSON without pydantic)."""
    notes = [render(note, lang) for note in result.notes]
    for ref in (result.origin.ref, result.destination.ref):
        notes.extend(venue_location_note(ds, ref, lang))
    notes.extend(opening_note(ds, result.destination.ref, result.journeys, lang))
    return realtime.plan_extras(ds, PlanResponse.model_validate({
        "from": _place(ds, result.origin.ref, lang),
        "to": _place(ds, result.destination.ref, lang),
        "itineraries": [_itinerary(ds, j, lang) for j in result.journeys],
        "notes": notes,
    }), lang)


def place_name(ds: Dataset, ref: PlaceRef, lang: str) -> str:
    """The name of a journey's place in ``lang``: a venue's (and its entrance's) by language
    (else English, else Indonesian), else the stop's or coordinate's own."""
    venue = ds.venues.get(ref.venue_id) if ref.venue_id else None
    if venue is None:
        return ref.name
    name = render(venue.name, lang) or venue.id
    entrance = next((e for e in venue.entrances if e.id == ref.entrance), None)
    if entrance is not None:
        name = f"{name} ({render(entrance.name, lang) or entrance.id})"
    return name


def _place(ds: Dataset, ref: PlaceRef, lang: str = "id") -> Place:
    venue = ds.venues.get(ref.venue_id) if ref.venue_id else None
    name = place_name(ds, ref, lang)
    return Place(name=name, lat=ref.lat, lon=ref.lon, stop_id=ref.stop_id,
                 venue_id=ref.venue_id, entrance=ref.entrance, platform=ref.platform,
                 step_free=_STEP_FREE.get(ref.wheelchair),
                 location_quality=venue.location_quality if venue else None)  # type: ignore[arg-type]


def _fare(amount: int | None, lang: str) -> Fare | None:
    if amount is None:
        return None
    return Fare(amount=int(amount), currency="IDR", text=format_fare(int(amount), lang))


def _itinerary(ds: Dataset, journey: Journey, lang: str) -> Itinerary:
    day = journey.service_date
    return Itinerary(
        departure=iso_time(day, journey.dep_s), arrival=iso_time(day, journey.arr_s),
        duration_s=journey.duration_s, transfers=journey.transfers,
        walk_distance_m=journey.walk_m, fare=_fare(journey.fare_idr, lang),
        legs=[_leg(ds, day, leg, lang) for leg in journey.legs],
    )


def _leg(ds: Dataset, day: date, leg: RoutingLeg, lang: str) -> Leg:
    points = [[lon, lat] for lon, lat in leg.geometry]
    if len(points) < 2:
        points = [[leg.origin.lon, leg.origin.lat], [leg.destination.lon, leg.destination.lat]]
    to = _place(ds, leg.destination, lang)
    instruction = render(leg.instruction, lang)
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
            fare=_fare(leg.fare_idr, lang), headway_s=leg.headway_s or None,
            interline_with_previous_leg=leg.interline_with_previous_leg,
            fare_product=None if leg.fare_product is None else FareProduct(
                id=leg.fare_product.product_id, name=leg.fare_product.name,
                amount=leg.fare_product.amount, currency=leg.fare_product.currency,
                media=leg.fare_product.media),
        )
    realtime.leg_fields(ds, day, leg, lang, fields)
    return Leg.model_validate(fields)


def venue_location_note(ds: Dataset, ref: PlaceRef, lang: str) -> list[str]:
    """The note that a venue's location is approximate (none for other places)."""
    venue = ds.venues.get(ref.venue_id) if ref.venue_id else None
    if venue is None or venue.location_quality != "approximate":
        return []
    note = msg("{venue}: the location is approximate; check on arrival.",
               venue=render(venue.name, lang))
    return [f"{note.render(lang)} {render(venue.location_note, lang)}".strip()]


def opening_note(ds: Dataset, ref: PlaceRef, journeys: list[Journey], lang: str) -> list[str]:
    """The note that venue ``ref`` is closed at some journeys' arrival times (else none)."""
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
    note = msg("{venue} is closed at the arrival time ({times}); see its opening hours at "
               "{url}.", venue=render(venue.name, lang), times=", ".join(closed),
               url=f"/v1/venues/{venue.id}")
    return [note.render(lang)]


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


def stop_search(ds: Dataset, matches: list[PlaceMatch]) -> StopSearch:
    """Stations and stops found by name and/or distance."""
    return StopSearch(stops=[
        StopMatch(id=m.id, kind=m.kind, name=m.name, lat=m.lat, lon=m.lon,  # type: ignore[arg-type]
                  distance_m=None if m.distance_m is None else int(m.distance_m),
                  score=m.score, platforms=[_platform(ds, p) for p in m.platforms])
        for m in matches
    ])


def _step_free_of(platforms: list[Platform]) -> bool | None:
    """A station's step-free access from its platforms': true when one is, false when all
    are not, else unknown (None)."""
    flags = [p.step_free for p in platforms]
    return True if any(flags) else (False if flags and all(f is False for f in flags)
                                    else None)


def stop_detail(ds: Dataset, stop_id: str, node: dict) -> Stop:
    """A station or stop (checked by ``app.params.parse_stop_id``) with its platforms and
    serving routes."""
    platforms = [_platform(ds, ds.network.stops.ids[i])
                 for i in ds.network.platforms_of(stop_id)]
    step_free = _step_free_of(platforms)
    routes = sorted((_route(ds, r) for r in ds.network.routes_serving(stop_id)),
                    key=lambda r: (r.short_name, r.id))
    return Stop(id=stop_id, kind=node["kind"], name=node.get("name", ""), lat=node["lat"],
                lon=node["lon"], feed_id=node.get("feed") or stop_id.split(":", 1)[0],
                parent_station=node.get("parent"), step_free=step_free,
                platforms=platforms, routes=routes)


def departure_board(ds: Dataset, stop_id: str, when: datetime,
                    found: list[board.Departure], lang: str) -> DepartureBoard:
    """The departures ``found`` from a stop or station after ``when``."""
    day, time_s = when.date(), when.hour * 3600 + when.minute * 60 + when.second
    stop = _platform(ds, stop_id)
    if stop.step_free is None and ds.network.graph.nodes[stop_id].get("kind") == "station":
        # a station: step-free as its stop page says (from its platforms)
        platforms = [_platform(ds, ds.network.stops.ids[i])
                     for i in ds.network.platforms_of(stop_id)]
        stop = stop.model_copy(update={"step_free": _step_free_of(platforms)})
    return DepartureBoard(stop=stop, time=when.isoformat(),
                          departures=[_departure(ds, d, day, time_s, lang) for d in found],
                          alerts=realtime.alerts_at_stop(ds, stop_id, when.timestamp(), lang)
                          or None)


def _departure(ds: Dataset, dep: board.Departure, day: date, time_s: int,
               lang: str) -> Departure:
    after_s = (dep.service_date - day).days * 86_400 + dep.dep_s - time_s
    headway_min = max(1, round(dep.headway_s / 60)) if dep.frequency_based else None
    text = None
    if headway_min is not None:
        text = msg("every {minutes} min", minutes=headway_min).render(lang)
    return Departure(
        route=_route(ds, dep.route_id), mode=dep.mode, mode_name=mode_name(dep.mode, lang),
        headsign=dep.headsign, stop_id=dep.stop_id, platform=dep.platform,
        trip_id=dep.trip_id, departure=iso_time(dep.service_date, dep.dep_s),
        minutes=max(0, after_s // 60), step_free=_STEP_FREE.get(dep.wheelchair),
        headway_min=headway_min, frequency_text=text,
        **realtime.departure_fields(ds, dep, lang),
    )
