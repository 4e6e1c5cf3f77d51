"""MOTIS-compatible routes (``/api/...``): the subset of MOTIS v6's API that apps speaking it
(the Transitous web UI, KDE Itinerary, GNOME Maps, ``@motis-project/motis-client``) need to
plan with Menuju. Parameter names, defaults and answers follow MOTIS's OpenAPI description;
errors are ``{"error": "..."}`` (400/404/422). See README "Use Menuju from existing apps".
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse

from app import params
from app.deps import DatasetDep, PlannerDep, StateDep
from app.motis import modes as motis_modes
from app.motis import present
from app.motis.params import (
    clamp_count,
    language,
    list_param,
    make_cursor,
    parse_cursor,
    parse_place,
    parse_time,
    shifted,
)
from app.motis.runs import parse_trip_id, served_modes, stop_events
from app.motis.schemas import (
    Error,
    HealthResponse,
    Itinerary,
    Match,
    PlanResponse,
    StoptimesResponse,
)
from routing import limits
from routing.clock import local_datetime, seconds_of_day
from routing.i18n import render
from routing.journeys import Journey
from routing.plan.stopsearch import search_places

router = APIRouter(tags=["MOTIS-compatible"])

_ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": Error, "description": text}
                                             for code, text in (
    (400, "Bad Request: a malformed or unsupported parameter."),
    (404, "Not Found: unknown stop, venue or trip."),
    (422, "Unprocessable Entity: no service on that date, or from equals to."))}
#: How far stop times are looked for when neither ``window`` nor the page fills ``n``, s.
_STOPTIMES_SPAN_S = 6 * 3600
_MODES_DOC = ("MOTIS modes, comma-separated or repeated. Menuju runs BUS (TransJakarta) and "
              "SUBWAY (MRT); TRANSIT and RAIL include them; any other mode is a 400.")


def _json(model, status: int = 200) -> Response:
    body = model.model_dump_json(by_alias=True, exclude_none=True)
    return Response(body, status_code=status, media_type="application/json")


def _split(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [v.strip() for raw in values for v in raw.split(",") if v.strip()]


@router.get("/api/v6/plan", response_model=PlanResponse, response_model_exclude_none=True,
            summary="MOTIS plan: itineraries between two places", responses=_ERRORS)
def plan(
    request: Request,
    ds: DatasetDep,
    planner: PlannerDep,
    fromPlace: Annotated[str, Query(max_length=200, description=(
        "`lat,lon`, `lat,lon,level` (level ignored), a stop id (`mrt-jakarta:SLBB`) or "
        "`venue:<id>`."))],
    toPlace: Annotated[str, Query(max_length=200, description="As `fromPlace`.")],
    time: Annotated[str | None, Query(max_length=40, description=(
        "ISO 8601 date-time (`2026-12-01T01:00:00Z`); default now."))] = None,
    arriveBy: bool = False,
    maxTransfers: Annotated[int | None, Query(ge=0, description=(
        "Most changes between rides; default 4, above 6 served as 6."))] = None,
    numItineraries: Annotated[int, Query(description=(
        "How many itineraries (1-10; more are served as 10). Default 5."))] = 5,
    searchWindow: Annotated[int, Query(ge=0, description=(
        "Seconds after `time` (before it, arriveBy) whose itineraries are all answered (up "
        "to 10); wider when fewer than numItineraries lie in it, as MOTIS widens it."))
    ] = 900,
    pageCursor: Annotated[str | None, Query(max_length=200)] = None,
    pedestrianProfile: Literal["FOOT", "WHEELCHAIR"] = "FOOT",
    pedestrianSpeed: Annotated[float | None, Query(allow_inf_nan=False, description=(
        limits.WALK_SPEED_MPS.describe("Walking speed, m/s")))] = None,
    transitModes: Annotated[list[str] | None, Query(description=_MODES_DOC)] = None,
    directModes: Annotated[list[str] | None, Query(description=(
        "WALK (default) or empty for no direct walk; other modes are a 400."))] = None,
    language_: Annotated[list[str] | None, Query(alias="language", description=(
        "Language tags (`id` default, `en`, `ms`, `th`, `vi`, ... Menuju's languages) for "
        "venue names and notes; tags of other languages get `en`."))
    ] = None,
    detailedLegs: bool = True,
    withFares: bool = False,
    joinInterlinedLegs: Annotated[bool, Query(description=(
        "Accepted; Menuju's journeys have no stay-seated transfers."))] = True,
) -> Response:
    """MOTIS ``plan`` over Menuju's planner: the same journeys as ``/v1/plan`` (walk-only
    ones under ``direct``)."""
    lang = language(request)
    served = served_modes(ds)
    allowed = motis_modes.allowed_transit_modes(_split(transitModes), served)
    want_direct = motis_modes.check_direct_modes(_split(directModes))
    speed = limits.WALK_SPEED_MPS.default if pedestrianSpeed is None else pedestrianSpeed
    if not limits.WALK_SPEED_MPS.contains(speed):
        raise params.InvalidParameterError(
            limits.WALK_SPEED_MPS.describe(f"'pedestrianSpeed' {speed} is out of range"),
            parameter="pedestrianSpeed")
    wanted = clamp_count(numItineraries, 5, int(limits.NUM_ITINERARIES.high), "numItineraries")
    origin = parse_place(ds, fromPlace, "fromPlace")
    destination = parse_place(ds, toPlace, "toPlace")
    if pageCursor:
        cursor = parse_cursor(pageCursor)
        when, arrive_by = cursor.when, cursor.direction == "EARLIER"
    else:
        when, arrive_by = parse_time(time), arriveBy
    restricted = allowed != served

    def search(at: datetime, backwards: bool):
        return planner.plan(params.plan_query(
            ds, origin=str(origin), destination=str(destination), time=at.isoformat(),
            arrive_by=backwards,
            num_itineraries=int(limits.NUM_ITINERARIES.high) if restricted else wanted,
            max_transfers=int(min(maxTransfers, limits.MAX_TRANSFERS.high)
                              if maxTransfers is not None else limits.MAX_TRANSFERS.default),
            walk_speed=speed, wheelchair=pedestrianProfile == "WHEELCHAIR"))

    result = search(when, arrive_by)
    names, notes, from_name, to_name = present.v1_names(ds, result, lang)
    found = list(zip(result.journeys, names, strict=True))
    found += _fill_window(ds, search, lang, found, when, arrive_by, searchWindow, allowed)
    direct: list[Itinerary] = []
    transit: list[Itinerary] = []
    for journey, leg_names in sorted(found, key=lambda f: _moment(f[0], False)):
        if not any(leg.is_transit for leg in journey.legs):
            if want_direct and not direct:
                direct.append(present.itinerary(ds, journey, leg_names, detailed=detailedLegs))
            continue
        in_window = _within(_moment(journey, arrive_by), when, arrive_by, searchWindow)
        if _modes_ok(ds, journey, allowed) and (len(transit) < wanted or in_window) and len(
                transit) < limits.NUM_ITINERARIES.high:
            transit.append(present.itinerary(ds, journey, leg_names, detailed=detailedLegs,
                                             with_fares=withFares))
    previous, following = _plan_cursors(transit, when)
    answer = PlanResponse.model_validate({
        "requestParameters": {k: v for k, v in request.query_params.items()},
        "debugOutput": {"journeys": len(found), "venueProfile": int(result.used_profile)},
        "from": present.endpoint_place(ds, result.origin.ref, from_name, notes),
        "to": present.endpoint_place(ds, result.destination.ref, to_name, notes),
        "direct": direct, "itineraries": transit,
        "previousPageCursor": previous, "nextPageCursor": following,
    })
    return _json(answer)


#: At most this many extra searches fill a ``searchWindow`` the first answer leaves uncovered.
_WINDOW_PAGES = 2


def _moment(journey: Journey, arrive_by: bool) -> datetime:
    """A journey's departure (its arrival for arrive-by searches) as a Jakarta date-time."""
    return local_datetime(journey.service_date, journey.arr_s if arrive_by else journey.dep_s)


def _within(moment: datetime, when: datetime, arrive_by: bool, window_s: int) -> bool:
    """Whether ``moment`` lies in the search window: ``window_s`` after ``when`` (before it
    for arrive-by searches)."""
    gap_s = ((when - moment) if arrive_by else (moment - when)).total_seconds()
    return 0 <= gap_s <= window_s


def _modes_ok(ds, journey: Journey, allowed: set[str]) -> bool:
    return {present.leg_mode(ds, leg) for leg in journey.legs if leg.is_transit} <= allowed


def _fill_window(ds, search, lang: str, found: list, when: datetime, arrive_by: bool,
                 window_s: int, allowed: set[str]) -> list:
    """More journeys inside MOTIS's ``searchWindow`` than the first search gave: while the
    found rides end before the window does (and fewer than 10 are found), search on from a
    minute after the last (before the first, arrive-by). Returns the new (journey, names)."""
    added: list = []
    seen = {(j.service_date, j.dep_s, j.arr_s) for j, _ in found}
    for _ in range(_WINDOW_PAGES):
        rides = [j for j, _ in found + added if any(leg.is_transit for leg in j.legs)
                 and _modes_ok(ds, j, allowed)]
        if not rides or len(rides) >= limits.NUM_ITINERARIES.high:
            break
        moments = [_moment(j, arrive_by) for j in rides]
        edge = min(moments) if arrive_by else max(moments)
        if not _within(edge, when, arrive_by, window_s):
            break
        result = search(shifted(edge, -60 if arrive_by else 60), arrive_by)
        names, *_ = present.v1_names(ds, result, lang)
        fresh = [(j, n) for j, n in zip(result.journeys, names, strict=True)
                 if (j.service_date, j.dep_s, j.arr_s) not in seen]
        if not fresh:
            break
        seen |= {(j.service_date, j.dep_s, j.arr_s) for j, _ in fresh}
        added += fresh
    return added


def _plan_cursors(found: list[Itinerary], when: datetime) -> tuple[str, str]:
    """(previous, next): the earlier page arrives before the first itinerary arrives, the
    later page leaves after the last one leaves (a minute apart, so neither repeats it)."""
    if not found:
        return (make_cursor("EARLIER", when),
                make_cursor("LATER", shifted(when, limits.HORIZON_S)))
    first_arrival = min(datetime.fromisoformat(i.endTime) for i in found)
    last_departure = max(datetime.fromisoformat(i.startTime) for i in found)
    return (make_cursor("EARLIER", shifted(first_arrival, -60)),
            make_cursor("LATER", shifted(last_departure, 60)))


@router.get("/api/v6/stoptimes", response_model=StoptimesResponse,
            response_model_exclude_none=True, responses=_ERRORS,
            summary="MOTIS stoptimes: departures or arrivals at a stop or station")
def stoptimes(
    request: Request,
    ds: DatasetDep,
    stopId: Annotated[str | None, Query(max_length=200, description=(
        "Stop or station id (`mrt-jakarta:SASN`); required (Menuju has no `center`)."))
    ] = None,
    time: Annotated[str | None, Query(max_length=40)] = None,
    arriveBy: bool = False,
    direction: Literal["EARLIER", "LATER"] | None = None,
    n: Annotated[int | None, Query(description="Fewest events (default 10, at most 100).")
                 ] = None,
    window: Annotated[int | None, Query(ge=0, description="Seconds around `time`.")] = None,
    pageCursor: Annotated[str | None, Query(max_length=200)] = None,
    mode: Annotated[list[str] | None, Query(description=_MODES_DOC)] = None,
    language_: Annotated[list[str] | None, Query(alias="language")] = None,
) -> Response:
    """The next (``LATER``) or previous (``EARLIER``) ``n`` departures (or, with
    ``arriveBy``, arrivals), or all within ``window`` seconds if that gives more."""
    if not stopId:
        raise params.InvalidParameterError(
            "'stopId' is required: Menuju finds stop times by stop id (find ids with "
            "/api/v1/geocode?text=<name>); 'center' and 'radius' are not supported.",
            parameter="stopId")
    stop_id, node = params.parse_stop_id(ds, stopId)
    count = clamp_count(n, 10 if window is None else 1, 100, "n")
    allowed = motis_modes.allowed_transit_modes(_split(mode), served_modes(ds), "mode")
    if pageCursor:
        cursor = parse_cursor(pageCursor)
        when, towards = cursor.when, cursor.direction
    else:
        when = parse_time(time)
        towards = direction or ("EARLIER" if arriveBy else "LATER")
    params.check_service(ds, when.date())
    day, t = when.date(), seconds_of_day(when)
    span = max(window or 0, _STOPTIMES_SPAN_S)
    low, high = (t, t + span) if towards == "LATER" else (t - span, t)
    events = [e for e in stop_events(ds, stop_id, day, low, high, arrivals=arriveBy)
              if present.run_mode(ds, e.run) in allowed]
    moments = [local_datetime(e.service_date, e.time_s) for e in events]
    if towards == "LATER":
        keep = [i for i, m in enumerate(moments)
                if i < count or (window is not None and (m - when).total_seconds() <= window)]
    else:
        keep = [i for i, m in enumerate(moments)
                if len(moments) - i <= count
                or (window is not None and (when - m).total_seconds() <= window)]
    if keep:  # events at the same second as the page's edge belong to this page
        keep = sorted({i for i, m in enumerate(moments)
                       if moments[keep[0]] <= m <= moments[keep[-1]]})
    chosen = [events[i] for i in keep]
    first = moments[keep[0]] if keep else when
    last = moments[keep[-1]] if keep else shifted(when, span)
    answer = StoptimesResponse(
        stopTimes=[present.stop_time(ds, e, arrivals=arriveBy) for e in chosen],
        place=present.node_place(ds, stop_id, node),
        previousPageCursor=make_cursor("EARLIER", shifted(first, -1)),
        nextPageCursor=make_cursor("LATER", shifted(last, 1)),
    )
    return _json(answer)


@router.get("/api/v6/trip", response_model=Itinerary, response_model_exclude_none=True,
            responses=_ERRORS, summary="MOTIS trip: one run of a vehicle as an itinerary")
def trip(
    ds: DatasetDep,
    tripId: Annotated[str, Query(max_length=300, description=(
        "`<YYYYMMDD>_<HH:MM>_<feed>_<trip>` from a leg or a stop time (service date, first "
        "departure, feed id, GTFS trip id)."))],
    detailedLegs: bool = True,
    joinInterlinedLegs: bool = True,
    language_: Annotated[list[str] | None, Query(alias="language")] = None,
) -> Response:
    """The whole run, first stop to last, with every stop's times."""
    return _json(present.run_itinerary(ds, parse_trip_id(ds, tripId), detailed=detailedLegs))


def _types(request: Request) -> set[str]:
    kinds = {t.upper() for t in list_param(request, "type") or []}
    unknown = kinds - {"ADDRESS", "PLACE", "STOP"}
    if unknown:
        raise params.InvalidParameterError(
            f"'type' must be ADDRESS, PLACE or STOP; got {sorted(unknown)[0][:20]!r}.",
            parameter="type")
    return kinds or {"ADDRESS", "PLACE", "STOP"}


def _matches(request: Request, ds, text: str | None, near: tuple[float, float] | None,
             limit: int) -> list[Match]:
    kinds = _types(request)
    found = search_places(ds, text, near=near, limit=limit * 3,
                          include_venues="PLACE" in kinds) if kinds - {"ADDRESS"} else []
    found = [m for m in found if ("PLACE" if m.kind == "venue" else "STOP") in kinds]
    lang = language(request)
    names = {v.id: render(v.name, lang) or v.id for v in ds.venues.values()}
    wanted = motis_modes.allowed_transit_modes(list_param(request, "mode"), served_modes(ds),
                                               "mode")
    modes_of = {m.id: present.station_modes(ds, m.id) for m in found if m.kind != "venue"}
    found = [m for m in found if m.kind == "venue" or set(modes_of[m.id]) & wanted]
    return present.matches(ds, found[:limit], names, modes_of)


@router.get("/api/v1/geocode", response_model=list[Match], response_model_exclude_none=True,
            responses={400: _ERRORS[400]},
            summary="MOTIS geocode: stations, stops and the venues by name")
def geocode(
    request: Request,
    ds: DatasetDep,
    text: Annotated[str, Query(min_length=1, max_length=200, description=(
        "What was typed; case- and accent-insensitive, as /v1/stops."))],
    place: Annotated[str | None, Query(max_length=60, description="`lat,lon` bias.")] = None,
    numResults: Annotated[int | None, Query(description="Default 10, at most 50.")] = None,
    type_: Annotated[list[str] | None, Query(alias="type")] = None,
    mode: Annotated[list[str] | None, Query(description=_MODES_DOC)] = None,
    language_: Annotated[list[str] | None, Query(alias="language")] = None,
) -> Response:
    """Venues (``PLACE``, id ``venue:<id>``), stations and stops (``STOP``) matching ``text``,
    best first: the search of ``/v1/stops`` with the venues added."""
    text_q, near = params.stop_search_input(ds, text, place)
    limit = clamp_count(numResults, 10, 50, "numResults")
    found = _matches(request, ds, text_q, near, limit)
    return JSONResponse([m.model_dump(exclude_none=True) for m in found])


@router.get("/api/v1/reverse-geocode", response_model=list[Match],
            response_model_exclude_none=True, responses={400: _ERRORS[400]},
            summary="MOTIS reverse-geocode: the stations, stops and venues nearest a point")
def reverse_geocode(
    request: Request,
    ds: DatasetDep,
    place: Annotated[str, Query(max_length=60, description="`lat,lon` in the service area.")],
    numResults: Annotated[int | None, Query(description="Default 5, at most 50.")] = None,
    type_: Annotated[list[str] | None, Query(alias="type")] = None,
) -> Response:
    """Nearest first."""
    lat, lon = params.parse_coordinate_param(ds, place, "place")
    limit = clamp_count(numResults, 5, 50, "numResults")
    found = _matches(request, ds, None, (lat, lon), limit)
    return JSONResponse([m.model_dump(exclude_none=True) for m in found])


@router.get("/api/v1/health", response_model=HealthResponse,
            responses={503: {"model": Error, "description": "Still loading."}},
            summary="MOTIS health: 200 once timetables are loaded")
def health(state: StateDep) -> Response:
    """200 ``{"rt": false, "gbfs": false}`` once feeds and venues are loaded (Menuju reads no
    real-time or bike-sharing feeds); a 503 ``{"error": ...}`` while still loading."""
    return _json(HealthResponse())
