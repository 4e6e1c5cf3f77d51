"""Stops and stations: search, details and departure boards."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from app import params, present
from app.deps import DatasetDep
from app.i18n import LangDep
from app.routes import cached_json
from app.schemas import DepartureBoard, Problem, Stop, StopSearch
from routing.clock import seconds_of_day
from routing.plan.departures import departures
from routing.plan.stopsearch import search_places

router = APIRouter(prefix="/v1", tags=["stops"])

_NOT_FOUND = {404: {"model": Problem, "description": "No stop or station has that id."}}
StopId = Annotated[str, Path(
    max_length=200, description="Feed-qualified stop or station id, e.g. `mrt-jakarta:SASN` "
    "(MRT ASEAN station) or `transjakarta:H00041P` (halte CSW 1).",
    examples=["mrt-jakarta:SASN"])]


@router.get("/stops", response_model=StopSearch, summary="Find stations and stops")
def find_stops(
    request: Request,
    ds: DatasetDep,
    q: Annotated[str | None, Query(
        max_length=200, description="Name as people type it, case- and accent-insensitive "
        "(`blok m`, `Halte CSW`, `Stasiun MRT ASEAN`). Optional if `near` is given.",
        examples=["blok m"])] = None,
    near: Annotated[str | None, Query(
        max_length=60, description="`lat,lon` in WGS84 decimal degrees inside the service "
        "area; without `q`, the nearest places first. Optional if `q` is given.",
        examples=["-6.2388,106.7984"])] = None,
    limit: Annotated[int, Query(ge=1, le=50, description="Most results; 1-50, default 10.")
    ] = 10,
) -> Response:
    """Stations (with their platforms) before lone stops on close calls."""
    text, point = params.stop_search_input(ds, q, near)
    matches = search_places(ds, text, near=point, limit=limit, include_venues=False)
    return cached_json(request, present.stop_search(ds, matches).model_dump(mode="json"))


@router.get("/stops/{stop_id}", response_model=Stop, summary="One station or stop",
            responses=_NOT_FOUND)
def get_stop(request: Request, ds: DatasetDep, stop_id: StopId) -> Response:
    """Name, position, platforms, step-free access and the lines serving it."""
    stop_id, node = params.parse_stop_id(ds, stop_id)
    return cached_json(request, present.stop_detail(ds, stop_id, node).model_dump(mode="json"))


@router.get(
    "/stops/{stop_id}/departures",
    response_model=DepartureBoard,
    summary="Next departures from a stop or a whole station",
    responses={**_NOT_FOUND, 422: {"model": Problem, "description": "No service that date."}},
)
def get_departures(
    request: Request,
    ds: DatasetDep,
    lang: LangDep,
    stop_id: StopId,
    time: Annotated[str | None, Query(
        max_length=40, description="From when: local ISO 8601 date-time in Jakarta time "
        "(UTC+7), e.g. `2026-12-01T08:00`; an offset is converted. Default: now.",
        examples=["2026-12-01T08:00"])] = None,
    limit: Annotated[int, Query(ge=1, le=100, description="Most departures; 1-100, default "
                                "20.")] = 20,
    window_min: Annotated[int, Query(
        ge=1, le=1440, description="How far ahead to look, in minutes; 1-1440, default 60.")
    ] = 60,
) -> Response:
    """Route, colour, headsign, platform, time and minutes from `time`; "every N min" for
    frequency-based service."""
    stop_id, _ = params.parse_stop_id(ds, stop_id)
    when = params.parse_time(time)
    params.check_service(ds, when.date())
    found = departures(ds, stop_id, when.date(), seconds_of_day(when), window_s=window_min * 60,
                       limit=limit)
    answer = present.departure_board(ds, stop_id, when, found, lang)
    response = cached_json(request, answer.model_dump(mode="json"), max_age=300 if time else 30)
    response.headers["Vary"] = "Accept-Language"  # texts follow it when lang is not given
    return response
