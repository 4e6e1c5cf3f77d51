"""MOTIS-compatible ``GET /api/v6/one-to-all`` (MOTIS ``Reachable``), answered from the venue
profiles: every stop from which the venue ``one`` is reached within ``maxTravelTime`` minutes.

``one`` must be ``venue:<id>``. With ``arriveBy=true`` (MOTIS's "all to one": ``time`` is the
arrival) the answer comes from the venue profiles and each place's ``departure`` is ``time``
minus its ``duration``; with ``arriveBy=false`` (from the venue, leaving at ``time``) from one
general forward search, each place's ``arrival`` being ``time`` plus its ``duration``.
Durations are whole minutes, rounded up (MOTIS counts in minutes); ``k`` is the rides of that
journey (0: walked). Other places are a 400 saying so. Errors are MOTIS's ``{"error": ...}``
(the ``/api`` error middleware rewrites them).
"""

from __future__ import annotations

import json
from typing import Annotated, Literal

import numpy as np
from fastapi import APIRouter, Query, Response

from app import params
from app.deps import StateDep
from app.errors import InvalidParameterError
from app.motis.present import TZ, stop_place, utc_time
from app.motis.schemas import MotisError, MotisPlace
from app.routes.reachability import venue_reach
from app.state import AppState
from routing import limits
from routing.clock import seconds_of_day
from routing.errors import UnknownPlaceError
from routing.plan.profiles import ProfileSettings
from routing.plan.reach_search import from_venue

__all__ = ["router"]

router = APIRouter(tags=["MOTIS-compatible"])
_MAX = int(limits.REACH_MAX_MINUTES.high)
_ERRORS = {400: {"model": MotisError, "description": "A malformed or unsupported parameter."},
           404: {"model": MotisError, "description": "Unknown venue."},
           422: {"model": MotisError, "description": "No service on that date."}}


def _venue_id(state: AppState, one: str) -> str:
    """The venue of ``one`` (``venue:<id>``); 400 for any other form, 404 for an unknown
    venue."""
    text = one.strip()
    if not text.startswith("venue:") or len(text) <= 6:
        raise InvalidParameterError(
            "'one' must be a venue, e.g. one=venue:asean-secretariat: Menuju answers "
            "one-to-all for its venues (from the venue, or with arriveBy=true to it).",
            parameter="one")
    venue_id = text.removeprefix("venue:")
    if venue_id not in state.venues:
        raise UnknownPlaceError(f"No venue has the id '{venue_id[:100]}'. Known venues: "
                                f"{', '.join(sorted(state.venues))}.", place=venue_id[:100])
    return venue_id


@router.get("/api/v6/one-to-all", summary="MOTIS one-to-all: stops from or to a venue",
            responses=_ERRORS)
def one_to_all(
    state: StateDep,
    one: Annotated[str, Query(max_length=200, description=(
        "`venue:<id>` (e.g. `venue:asean-secretariat`)."))],
    maxTravelTime: Annotated[int, Query(description=(
        f"Minutes, 1-{_MAX} (more is a 400, as MOTIS answers beyond its configured limit)."))],
    time: Annotated[str | None, Query(max_length=40, description=(
        "Departure from the venue (arriveBy=true: arrival at it), ISO 8601 "
        "(`2026-12-01T01:00:00Z`); default now."))] = None,
    arriveBy: bool = False,
    maxTransfers: Annotated[int | None, Query(description=(
        "Most changes between rides, 0-4 (the profiles' limit; more is served as 4)."))
    ] = None,
    pedestrianProfile: Literal["FOOT", "WHEELCHAIR"] = "FOOT",
    pedestrianSpeed: Annotated[float | None, Query(allow_inf_nan=False, description=(
        limits.WALK_SPEED_MPS.describe("Walking speed, m/s")))] = None,
) -> Response:
    """MOTIS ``Reachable``: ``one`` (the venue at ``time``) and ``all`` (stops, each with its
    ``departure`` (arriveBy) or ``arrival``, ``duration`` in minutes and ``k``)."""
    if not 1 <= maxTravelTime <= _MAX:
        raise InvalidParameterError(f"'maxTravelTime' must be 1-{_MAX} minutes; got "
                                    f"{maxTravelTime}.", parameter="maxTravelTime")
    if maxTransfers is not None and maxTransfers < 0:
        raise InvalidParameterError("'maxTransfers' must be 0 or more.",
                                    parameter="maxTransfers")
    speed = limits.WALK_SPEED_MPS.default if pedestrianSpeed is None else pedestrianSpeed
    if not limits.WALK_SPEED_MPS.contains(speed):
        raise InvalidParameterError(
            limits.WALK_SPEED_MPS.describe(f"'pedestrianSpeed' {speed} is out of range"),
            parameter="pedestrianSpeed")
    venue_id = _venue_id(state, one)
    settings = ProfileSettings(walk_speed=speed, wheelchair=pedestrianProfile == "WHEELCHAIR")
    transfers = settings.max_transfers if maxTransfers is None else \
        min(maxTransfers, settings.max_transfers)
    when = params.parse_time(time).replace(second=0, microsecond=0)   # MOTIS: whole minutes
    day, time_s = when.date(), seconds_of_day(when)
    if arriveBy:
        reach = venue_reach(state, venue_id, when=when, arrive_by=True,
                            minutes=[maxTravelTime], settings=settings,
                            max_transfers=transfers, shapes=False)
        seconds, rides = reach.stop_s, reach.stop_rides
    else:   # from the venue: one general search
        params.check_service(state.dataset, day)
        arrival, rides = from_venue(state.dataset, venue_id, day, time_s, settings, transfers,
                                    60 * maxTravelTime)
        seconds = np.where(arrival >= 0, arrival - time_s, -1)
    venue = state.venues[venue_id]
    name = venue.name.get("en") or venue_id
    at = {"arrival" if arriveBy else "departure": utc_time(day, time_s),
          "scheduledArrival" if arriveBy else "scheduledDeparture": utc_time(day, time_s)}
    one_place = MotisPlace(name=name, lat=venue.lat, lon=venue.lon, tz=TZ,
                           vertexType="NORMAL", **at)
    found = []
    for stop in (seconds >= 0).nonzero()[0].tolist():
        minutes = -(-int(seconds[stop]) // 60)
        shifted = time_s - 60 * minutes if arriveBy else time_s + 60 * minutes
        place = (stop_place(state.dataset, stop, day, dep_s=shifted) if arriveBy
                 else stop_place(state.dataset, stop, day, arr_s=shifted))
        found.append({"place": place.model_dump(exclude_none=True), "duration": minutes,
                      "k": int(rides[stop])})
    found.sort(key=lambda item: (item["duration"], item["place"].get("stopId", "")))
    body = {"one": one_place.model_dump(exclude_none=True), "all": found}
    return Response(json.dumps(body, ensure_ascii=False), media_type="application/json")
