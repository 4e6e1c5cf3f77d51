"""``GET /v1/plan`` answers straight to JSON bytes, without the pydantic round trip.

:class:`app.schemas.PlanResponse` stays the documented contract (OpenAPI) and
:func:`app.present.plan_response` its reference mapping; this module builds the same JSON from
the routing :class:`~routing.journeys.Journey` objects as plain dicts, in the models' field
order, and encodes them with orjson: the same bytes, in ~0.3 ms instead of ~1.5 ms for a venue
plan of the real feeds (three itineraries: ~20 legs, ~150 intermediate stops; 5 ms before
iso_time and the text caches). ``tests/api/test_plan_json.py``
compares the two byte for byte on real answers, so they cannot drift.

Texts that repeat from answer to answer (instructions, mode names, fares) are rendered once per
language and remembered (:func:`render_cached`); times are formatted by :func:`iso_time`.

``geometry="polyline"`` writes each leg's path as a precision-6 encoded polyline
(:class:`app.schemas.EncodedLineString`) instead of GeoJSON coordinates.
"""

from __future__ import annotations

import time
from datetime import date
from functools import lru_cache
from typing import Any, Literal

import orjson
import polyline

from app.present import iso_time, opening_note, place_name, venue_location_note
from app.realtime.present import UNAVAILABLE, alert_out, alerts_at_stop
from routing.data.dataset import Dataset
from routing.i18n import Message, format_fare, render
from routing.instructions import mode_name, walk_instruction
from routing.journeys import Journey, PlaceRef
from routing.journeys import Leg as RoutingLeg
from routing.plan.planner import PlanResult
from routing.realtime.alerts import AlertIndex
from routing.realtime.source import alert_index, realtime_of

__all__ = ["POLYLINE_PRECISION", "Geometry", "plan_dict", "plan_json", "plan_notes",
           "render_cached"]

#: The forms of a leg's ``geometry``: GeoJSON LineString, or encoded polyline.
Geometry = Literal["geojson", "polyline"]
#: Decimal digits kept by the encoded polylines of ``geometry=polyline``.
POLYLINE_PRECISION = 6

_STEP_FREE = {1: True, 2: False}
_ORJSON_OPTIONS = orjson.OPT_SERIALIZE_NUMPY
_RENDERED: dict[tuple, str] = {}
_PLAIN = frozenset({str, int, float, bool, type(None)})   # parameter types remembered as keys
_RENDERED_MAX = 50_000   # distinct (message, lang) texts remembered before starting afresh


def plan_json(ds: Dataset, result: PlanResult, lang: str, *,
              geometry: Geometry = "geojson") -> bytes:
    """The UTF-8 JSON of ``GET /v1/plan`` for ``result`` in ``lang``: the bytes of
    ``present.plan_response(ds, result, lang).model_dump_json(by_alias=True)`` (with
    ``geometry="geojson"``)."""
    return orjson.dumps(plan_dict(ds, result, lang, geometry=geometry),
                        option=_ORJSON_OPTIONS)


def plan_dict(ds: Dataset, result: PlanResult, lang: str, *,
              geometry: Geometry = "geojson") -> dict[str, Any]:
    """A plan answer as plain JSON-ready dicts and lists (keys in the order of
    :class:`app.schemas.PlanResponse`'s fields, by alias)."""
    index = alert_index(ds)
    answer = {
        "from": _place(ds, result.origin.ref, lang),
        "to": _place(ds, result.destination.ref, lang),
        "itineraries": [_itinerary(ds, j, lang, index, geometry) for j in result.journeys],
        "notes": plan_notes(ds, result, lang),
    }
    if realtime_of(ds) is not None:   # alerts of the origin and destination, in force now
        now = time.time()
        for key in ("from", "to"):
            found = alerts_at_stop(ds, answer[key]["stop_id"], now, lang)
            if found:
                answer[key]["alerts"] = [_alert(a) for a in found]
    return answer


def plan_notes(ds: Dataset, result: PlanResult, lang: str) -> list[str]:
    """A plan's notes in ``lang``: the planner's, the venues' (approximate location, closed
    at arrival), and "realtime unavailable" when realtime is failing or stale."""
    notes = [render_cached(note, lang) for note in result.notes]
    for ref in (result.origin.ref, result.destination.ref):
        notes.extend(venue_location_note(ds, ref, lang))
    notes.extend(opening_note(ds, result.destination.ref, result.journeys, lang))
    source = realtime_of(ds)
    if source is not None and source.state.unavailable:
        notes.append(render(UNAVAILABLE, lang))
    return notes


def render_cached(text: str | Message | dict[str, str], lang: str) -> str:
    """:func:`routing.i18n.render` of ``text``, remembered per (message, lang) for Messages
    whose parameters are plain values (str, int, float, bool, None or such Messages)."""
    if type(text) is not Message and not isinstance(text, Message):
        return render(text, lang)
    key = _message_key(text)
    if key is None:
        return text.render(lang)
    key = (key, lang)
    found = _RENDERED.get(key)
    if found is None:
        if len(_RENDERED) >= _RENDERED_MAX:
            _RENDERED.clear()
        found = _RENDERED[key] = text.render(lang)
    return found


def _message_key(message: Message) -> tuple | None:
    parts: list[Any] = [message.msgid, message.plural, message.count]
    for name, value in message.params.items():
        if type(value) is Message:
            value = _message_key(value)
            if value is None:
                return None
        elif type(value) not in _PLAIN:
            return None
        parts.append((name, type(value), value))   # the type: True and 1 render apart
    return tuple(parts)


@lru_cache(maxsize=256)
def _mode_name(mode: str, lang: str) -> str:
    return mode_name(mode, lang)


@lru_cache(maxsize=4096)
def _fare_text(amount: int, lang: str) -> str:
    return format_fare(amount, lang)


def _fare(amount: int | None, lang: str) -> dict[str, Any] | None:
    if amount is None:
        return None
    return {"amount": int(amount), "currency": "IDR", "text": _fare_text(int(amount), lang)}


def _alert(alert: Any) -> dict[str, Any]:
    return alert.model_dump(mode="json", by_alias=True)


def _place(ds: Dataset, ref: PlaceRef, lang: str) -> dict[str, Any]:
    venue = ds.venues.get(ref.venue_id) if ref.venue_id else None
    return {
        "name": place_name(ds, ref, lang) if venue is not None else ref.name,
        "lat": ref.lat, "lon": ref.lon, "stop_id": ref.stop_id, "venue_id": ref.venue_id,
        "entrance": ref.entrance, "platform": ref.platform,
        "step_free": _STEP_FREE.get(ref.wheelchair),
        "location_quality": venue.location_quality if venue is not None else None,
        "alerts": None,
    }


def _itinerary(ds: Dataset, journey: Journey, lang: str, index: AlertIndex | None,
               geometry: Geometry) -> dict[str, Any]:
    day = journey.service_date
    return {
        "departure": iso_time(day, journey.dep_s), "arrival": iso_time(day, journey.arr_s),
        "duration_s": journey.duration_s, "transfers": journey.transfers,
        "walk_distance_m": journey.walk_m, "fare": _fare(journey.fare_idr, lang),
        "legs": [_leg(ds, day, leg, lang, index, geometry) for leg in journey.legs],
    }


def _geometry(leg: RoutingLeg, form: Geometry) -> dict[str, Any]:
    points: list = leg.geometry
    if len(points) < 2:
        points = [(leg.origin.lon, leg.origin.lat), (leg.destination.lon, leg.destination.lat)]
    if form == "polyline":
        return {"type": "EncodedPolyline",
                "points": polyline.encode([(lat, lon) for lon, lat in points],
                                          POLYLINE_PRECISION),
                "precision": POLYLINE_PRECISION, "length": len(points)}
    if type(points[0][0]) is float and type(points[0][1]) is float:
        return {"type": "LineString", "coordinates": points}   # orjson: tuples as arrays
    return {"type": "LineString", "coordinates": [[float(lon), float(lat)]
                                                  for lon, lat in points]}


def _leg(ds: Dataset, day: date, leg: RoutingLeg, lang: str, index: AlertIndex | None,
         geometry: Geometry) -> dict[str, Any]:
    to = _place(ds, leg.destination, lang)
    transit = leg.is_transit
    if not transit and leg.destination.venue_id:   # the venue named in ``lang``
        instruction = render_cached(walk_instruction(
            leg.distance_m, leg.duration_s, to["name"],
            leg.via.name if leg.via is not None else None), lang)
    else:
        instruction = render_cached(leg.instruction, lang)
    out: dict[str, Any] = {
        "mode": leg.mode, "mode_name": _mode_name(leg.mode, lang),
        "from": _place(ds, leg.origin, lang), "to": to,
        "departure": iso_time(day, leg.dep_s), "arrival": iso_time(day, leg.arr_s),
        "duration_s": int(leg.duration_s), "distance_m": int(leg.distance_m),
        "instruction": instruction, "geometry": _geometry(leg, geometry),
        "feed_id": None, "trip_id": None, "route": None, "headsign": None,
        "intermediate_stops": None, "fare": None, "fare_product": None, "headway_s": None,
        "interline_with_previous_leg": False, "realtime": False,
        "scheduled_departure": None, "scheduled_arrival": None, "delay_s": None,
        "alerts": None,
    }
    if transit:
        product = leg.fare_product
        out.update(
            feed_id=leg.feed_id, trip_id=leg.trip_id, headsign=leg.headsign,
            route={"id": leg.route_id or "", "short_name": leg.route_short_name or "",
                   "long_name": leg.route_long_name or "", "color": leg.route_color,
                   "text_color": leg.route_text_color, "agency": leg.agency},
            intermediate_stops=[_intermediate(ds, day, s.place, s.arr_s, s.dep_s, lang)
                                for s in leg.intermediate],
            fare=_fare(leg.fare_idr, lang), headway_s=leg.headway_s or None,
            interline_with_previous_leg=bool(leg.interline_with_previous_leg),
            fare_product=None if product is None else {
                "id": product.product_id, "name": product.name,
                "amount": float(product.amount), "currency": product.currency,
                "media": product.media})
    _leg_realtime(ds, day, leg, lang, out, index)
    return out


def _intermediate(ds: Dataset, day: date, ref: PlaceRef, arr_s: int, dep_s: int,
                  lang: str) -> dict[str, Any]:
    stop = _place(ds, ref, lang)
    stop["arrival"] = iso_time(day, arr_s)
    stop["departure"] = iso_time(day, dep_s)
    return stop


def _leg_realtime(ds: Dataset, day: date, leg: RoutingLeg, lang: str, out: dict[str, Any],
                  index: AlertIndex | None) -> None:
    """What :func:`app.realtime.present.leg_fields` adds to a leg, on dicts: realtime times
    of a ride, and the alerts of its places and of the ride."""
    if leg.is_transit and leg.realtime:
        out["realtime"] = True
        if leg.scheduled_dep_s is not None and leg.scheduled_arr_s is not None:
            out.update(scheduled_departure=iso_time(day, leg.scheduled_dep_s),
                       scheduled_arrival=iso_time(day, leg.scheduled_arr_s),
                       delay_s=leg.dep_s - leg.scheduled_dep_s)
    if index is None:
        return
    found = index.for_leg(day, leg)
    for key, alerts in (("from", found.origin), ("to", found.destination)):
        if alerts:
            out[key]["alerts"] = [_alert(alert_out(a, lang)) for a in alerts]
    if found.ride:
        out["alerts"] = [_alert(alert_out(a, lang)) for a in found.ride]
