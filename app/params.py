"""Requests in: HTTP parameters to typed routing inputs (PlaceSpec, Query, Jakarta time),
checked strictly, with bounds from :mod:`routing.limits`. Errors are InvalidParameterError
(400), UnknownPlaceError (404) or NoServiceError (422), each naming the parameter."""

from __future__ import annotations

import math
from datetime import date, datetime

import numpy as np

from app.errors import InvalidParameterError
from app.events import event_config, events_for
from routing import limits
from routing.clock import local_datetime, parse_local_time, seconds_of_day
from routing.data.artefact import window_note
from routing.data.dataset import Dataset
from routing.errors import NoServiceError, QueryError, UnknownPlaceError
from routing.journeys import (
    PLACE_FORMS,
    Coordinate,
    EventRef,
    PlaceSpec,
    Query,
    StopRef,
    VenueRef,
    looks_like_coordinate,
    parse_place,
)

__all__ = [
    "PLACE_FORMS",
    "check_service",
    "parse_coordinate_param",
    "parse_place_param",
    "parse_stop_id",
    "parse_time",
    "plan_query",
    "service_area",
    "stop_search_input",
]


def parse_time(text: str | None, *, parameter: str = "time") -> datetime:
    """A Jakarta date-time (``2026-12-01T08:00``; an offset is converted to +07:00); now when
    ``text`` is None. Raises InvalidParameterError naming ``parameter``."""
    try:
        return parse_local_time(text)
    except ValueError:
        shown = (text or "")[:40]
        raise InvalidParameterError(
            f"'{parameter}' must be a local ISO 8601 date-time such as 2026-12-01T08:00 "
            f"(Jakarta time; an offset like +07:00 is also accepted); got {shown!r}.",
            parameter=parameter,
        ) from None


def service_area(ds: Dataset) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon): every loaded stop plus
    ``limits.SERVICE_MARGIN_M``."""
    lat, lon = ds.network.stops.lat, ds.network.stops.lon
    if not len(lat):
        return (-90.0, 90.0, -180.0, 180.0)
    dlat = limits.SERVICE_MARGIN_M / 111_320
    dlon = dlat / max(0.1, math.cos(math.radians(float(np.mean(lat)))))
    return (float(lat.min()) - dlat, float(lat.max()) + dlat,
            float(lon.min()) - dlon, float(lon.max()) + dlon)


def _coordinate(ds: Dataset, spec: Coordinate, parameter: str) -> Coordinate:
    south, north, west, east = service_area(ds)
    if not (south <= spec.lat <= north and west <= spec.lon <= east):
        raise InvalidParameterError(
            f"'{parameter}' {spec.lat:.5f},{spec.lon:.5f} is outside the service area "
            f"(latitude {south:.3f}..{north:.3f}, longitude {west:.3f}..{east:.3f}); Menuju "
            "plans within Jakarta. Coordinates are 'lat,lon', latitude first.",
            parameter=parameter)
    return spec


def parse_coordinate_param(ds: Dataset, text: str, parameter: str) -> tuple[float, float]:
    """``lat,lon`` inside the service area as (lat, lon), else InvalidParameterError."""
    if not looks_like_coordinate(text):
        raise InvalidParameterError(
            f"'{parameter}' must be 'lat,lon' in decimal degrees, e.g. -6.2388,106.7984; "
            f"got {text[:60]!r}.", parameter=parameter)
    spec = _parse(text, parameter)
    assert isinstance(spec, Coordinate)
    spec = _coordinate(ds, spec, parameter)
    return spec.lat, spec.lon


def _parse(text: str, parameter: str) -> PlaceSpec:
    try:
        return parse_place(text, parameter=parameter)
    except QueryError as exc:
        raise InvalidParameterError(str(exc), parameter=parameter) from None


def parse_place_param(ds: Dataset, text: str, parameter: str) -> PlaceSpec:
    """A checked place for ``from``/``to``: the form (400), the stop or venue exists (404),
    a coordinate lies in the service area (400)."""
    spec = _parse(text, parameter)
    if isinstance(spec, StopRef):
        if spec.stop_id not in ds.network.graph or not ds.network.platforms_of(spec.stop_id):
            raise UnknownPlaceError(
                f"'{parameter}': there is no stop or station '{spec.stop_id[:100]}'. Find ids "
                "with /v1/stops?q=<name>.", place=str(spec)[:100], parameter=parameter)
    elif isinstance(spec, VenueRef):
        if spec.venue_id not in ds.venues:
            known = ", ".join(sorted(ds.venues))
            raise UnknownPlaceError(
                f"'{parameter}': there is no venue '{spec.venue_id[:100]}'. Known venues: "
                f"{known}.", place=str(spec)[:100], parameter=parameter)
    elif isinstance(spec, EventRef):
        event = events_for(ds.venues).by_uid(spec.uid)
        if event is None:
            raise UnknownPlaceError(
                f"'{parameter}': there is no event '{spec.uid[:100]}'. Find events with "
                "/v1/venues/<id>/events.", place=str(spec)[:100], parameter=parameter)
    else:
        spec = _coordinate(ds, spec, parameter)
    return spec


def parse_stop_id(ds: Dataset, text: str) -> tuple[str, dict]:
    """A stop or station id (``stop:`` prefix optional) and its network node; raises
    UnknownPlaceError (404) for anything else."""
    stop_id = text.strip().removeprefix("stop:")
    node = ds.network.graph.nodes.get(stop_id) if stop_id else None
    if node is None or node.get("kind") not in ("station", "stop"):
        raise UnknownPlaceError(f"There is no stop or station '{stop_id[:100]}'. Ids look like "
                                "mrt-jakarta:SASN; find them with /v1/stops?q=<name>.",
                                place=stop_id[:100])
    return stop_id, node


def stop_search_input(ds: Dataset, q: str | None, near: str | None
                      ) -> tuple[str | None, tuple[float, float] | None]:
    """``/v1/stops``' ``q`` (stripped, None when blank) and ``near`` (a checked coordinate);
    at least one must be given, else InvalidParameterError."""
    text = (q or "").strip() or None
    if text is None and not (near or "").strip():
        raise InvalidParameterError("Give 'q' (a name, e.g. q=blok m) or 'near' (lat,lon, "
                                    "e.g. near=-6.2388,106.7984), or both.", parameter="q")
    point = parse_coordinate_param(ds, near, "near") if near and near.strip() else None
    return text, point


def check_service(ds: Dataset, day: date) -> None:
    """NoServiceError (422, parameter ``time``) when no feed covers ``day``, or when one
    does but the served artefact holds no timetable for it (saying which dates it holds)."""
    if ds.covers(day):
        return
    if (outside := window_note(ds, day)) is not None:
        raise NoServiceError(outside, parameter="time")
    spans = ", ".join(f"{f.feed_id} {f.start_date}..{f.end_date}" for f in ds.feeds)
    raise NoServiceError(f"No loaded timetable covers {day.isoformat()}; choose a date "
                         f"within a feed's validity ({spans}).", parameter="time")


def plan_query(ds: Dataset, *, origin: str, destination: str, time: str | None,
               arrive_by: bool = False,
               num_itineraries: int = int(limits.NUM_ITINERARIES.default),
               max_transfers: int = int(limits.MAX_TRANSFERS.default),
               max_walk_m: int = int(limits.MAX_WALK_M.default),
               walk_speed: float = limits.WALK_SPEED_MPS.default,
               wheelchair: bool = False) -> Query:
    """The routing Query for ``/v1/plan``'s parameters (places and time checked here; the
    numeric bounds are the route's, from :mod:`routing.limits`)."""
    origin_spec = parse_place_param(ds, origin, "from")
    destination_spec = parse_place_param(ds, destination, "to")
    when = parse_time(time)
    if isinstance(destination_spec, EventRef):  # be there before the start, minus a buffer
        event = events_for(ds.venues).by_uid(destination_spec.uid)
        assert event is not None  # checked by parse_place_param
        buffer_s = event_config().buffer_min * 60
        when = local_datetime(event.start.date(), seconds_of_day(event.start) - buffer_s)
        destination_spec, arrive_by = VenueRef(event.venue_id), True
    if isinstance(origin_spec, EventRef):  # leaving an event: from its venue
        event = events_for(ds.venues).by_uid(origin_spec.uid)
        assert event is not None
        origin_spec = VenueRef(event.venue_id)
        if time is None:
            when = event.end
    check_service(ds, when.date())
    return Query(origin_spec, destination_spec, when.date(), seconds_of_day(when),
                 arrive_by=arrive_by, num_itineraries=num_itineraries,
                 max_transfers=max_transfers, max_walk_m=max_walk_m, walk_speed=walk_speed,
                 wheelchair=wheelchair)
