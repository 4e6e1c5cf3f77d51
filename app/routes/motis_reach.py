"""MOTIS-compatible ``GET /api/v6/one-to-all`` (MOTIS ``Reachable``), answered from the venue
profiles: every stop from which the venue ``one`` is reached within ``maxTravelTime`` minutes.

Menuju's profiles lead *to* a venue, so ``one`` must be ``venue:<id>`` and ``arriveBy=true``
(MOTIS's "all to one": ``time`` is the arrival). Each place's ``departure`` is ``time`` minus
its ``duration`` (whole minutes, rounded up, as MOTIS counts in minutes) and ``k`` the rides
of that journey (0: the direct walk). Other forms are a 400 saying so. Errors are MOTIS's
``{"error": ...}`` (the ``/api`` error middleware rewrites them).
"""

from __future__ import annotations

import json
from typing import Annotated, Literal

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
from routing.plan.profiles import ProfileSettings

__all__ = ["router"]

router = APIRouter(tags=["MOTIS-compatible"])
_MAX = int(limits.REACH_MAX_MINUTES.high)
_ERRORS = {400: {"model": MotisError, "description": "A malformed or unsupported parameter."},
           404: {"model": MotisError, "description": "Unknown venue."},
           422: {"model": MotisError, "description": "No service on that date."}}


def _venue_id(state: AppState, one: str, arrive_by: bool) -> str:
    """The venue of ``one`` (``venue:<id>``); 400 for any other form or for arriveBy=false,
    404 for an unknown venue (by :func:`venue_reach`)."""
    text = one.strip()
    if not text.startswith("venue:") or len(text) <= 6:
        raise InvalidParameterError(
            "'one' must be a venue, e.g. one=venue:asean-secretariat&arriveBy=true: Menuju "
            "answers one-to-all towards its venues (all places to one venue).",
            parameter="one")
    if not arrive_by:
        raise InvalidParameterError(
            "Menuju answers one-to-all towards a venue only: set arriveBy=true (every stop "
            "from which the venue is reached by 'time').", parameter="arriveBy")
    return text.removeprefix("venue:")


@router.get("/api/v6/one-to-all", summary="MOTIS one-to-all: every stop that reaches a venue",
            responses=_ERRORS)
def one_to_all(
    state: StateDep,
    one: Annotated[str, Query(max_length=200, description=(
        "`venue:<id>` (e.g. `venue:asean-secretariat`); with `arriveBy=true`."))],
    maxTravelTime: Annotated[int, Query(description=(
        f"Minutes, 1-{_MAX} (more is a 400, as MOTIS answers beyond its configured limit)."))],
    time: Annotated[str | None, Query(max_length=40, description=(
        "Arrival at the venue, ISO 8601 (`2026-12-01T01:00:00Z`); default now."))] = None,
    arriveBy: bool = False,
    maxTransfers: Annotated[int | None, Query(description=(
        "Most changes between rides, 0-4 (the profiles' limit; more is served as 4)."))
    ] = None,
    pedestrianProfile: Literal["FOOT", "WHEELCHAIR"] = "FOOT",
    pedestrianSpeed: Annotated[float | None, Query(allow_inf_nan=False, description=(
        limits.WALK_SPEED_MPS.describe("Walking speed, m/s")))] = None,
) -> Response:
    """MOTIS ``Reachable``: ``one`` (the venue, arrival = ``time``) and ``all`` (stops,
    each with its latest ``departure``, ``duration`` in minutes and ``k``)."""
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
    venue_id = _venue_id(state, one, arriveBy)
    settings = ProfileSettings(walk_speed=speed, wheelchair=pedestrianProfile == "WHEELCHAIR")
    transfers = None if maxTransfers is None else min(maxTransfers, settings.max_transfers)
    when = params.parse_time(time).replace(second=0, microsecond=0)   # MOTIS: whole minutes
    reach = venue_reach(state, venue_id, when=when, arrive_by=True, minutes=[maxTravelTime],
                        settings=settings, max_transfers=transfers, shapes=False)
    day, time_s = when.date(), seconds_of_day(when)
    venue = state.venues[venue_id]
    name = venue.name.get("en") or venue_id
    one_place = MotisPlace(name=name, lat=venue.lat, lon=venue.lon, tz=TZ,
                           vertexType="NORMAL", arrival=utc_time(day, time_s),
                           scheduledArrival=utc_time(day, time_s))
    found = []
    for stop in (reach.stop_s >= 0).nonzero()[0].tolist():
        minutes = -(-int(reach.stop_s[stop]) // 60)
        place = stop_place(state.dataset, stop, day, dep_s=time_s - 60 * minutes)
        found.append({"place": place.model_dump(exclude_none=True), "duration": minutes,
                      "k": int(reach.stop_rides[stop])})
    found.sort(key=lambda item: (item["duration"], item["place"].get("stopId", "")))
    body = {"one": one_place.model_dump(exclude_none=True), "all": found}
    return Response(json.dumps(body, ensure_ascii=False), media_type="application/json")
