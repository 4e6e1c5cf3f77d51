"""Stops and stations: search, details and departure boards."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response

from app.deps import DatasetDep
from app.routes import cached_json
from app.schemas import DepartureBoard, Problem, Stop, StopSearch
from app.service import departure_board, search_stops, stop_detail

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
    found = search_stops(ds, q=q, near=near, limit=limit)
    return cached_json(request, found.model_dump(mode="json"))


@router.get("/stops/{stop_id}", response_model=Stop, summary="One station or stop",
            responses=_NOT_FOUND)
def get_stop(request: Request, ds: DatasetDep, stop_id: StopId) -> Response:
    """Name, position, platforms, step-free access and the lines serving it."""
    return cached_json(request, stop_detail(ds, stop_id).model_dump(mode="json"))


@router.get(
    "/stops/{stop_id}/departures",
    response_model=DepartureBoard,
    summary="Next departures from a stop or a whole station",
    responses={**_NOT_FOUND, 422: {"model": Problem, "description": "No service that date."}},
)
def get_departures(
    request: Request,
    ds: DatasetDep,
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
    lang: Annotated[Literal["id", "en"], Query(
        description="Language of mode names and frequency texts: `id` (default) or `en`.")
    ] = "id",
) -> Response:
    """Route, colour, headsign, platform, time and minutes from `time`; "every N min" for
    frequency-based service."""
    found = departure_board(ds, stop_id, time=time, limit=limit, window_min=window_min,
                            lang=lang)
    return cached_json(request, found.model_dump(mode="json"), max_age=300 if time else 30)
