"""Journey planning: ``GET /v1/plan``."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response
from fastapi.openapi.models import Example

from app.deps import DatasetDep
from app.schemas import PlanResponse, Problem
from app.service import PLACE_FORMS, plan_journeys

router = APIRouter(prefix="/v1", tags=["plan"])

_FROM_EXAMPLES = {
    "asean-station": Example(summary="MRT ASEAN station", value="stop:mrt-jakarta:SASN"),
    "lebak-bulus": Example(summary="MRT Lebak Bulus station", value="stop:mrt-jakarta:SLBB"),
    "coordinate": Example(summary="A coordinate (Blok M)", value="-6.2444,106.7981"),
}
_TO_EXAMPLES = {
    "secretariat": Example(summary="ASEAN Secretariat", value="venue:asean-secretariat"),
    "taman-ayodya": Example(summary="Taman Ayodya", value="venue:taman-ayodya"),
    "bundaran-hi": Example(summary="MRT Bundaran HI station", value="stop:mrt-jakarta:SBHI"),
}

_DESCRIPTION = """Itineraries between two places by MRT, TransJakarta and walking.

Try: `/v1/plan?from=stop:mrt-jakarta:SASN&to=venue:asean-secretariat` (ASEAN station to the
Secretariat) or `/v1/plan?from=stop:mrt-jakarta:SLBB&to=venue:taman-ayodya&time=2026-12-01T08:00`
(Lebak Bulus to Taman Ayodya: MRT to Blok M, then a short walk).

No journey found is a 200 with no itineraries and notes saying why."""


@router.get(
    "/plan",
    response_model=PlanResponse,
    summary="Plan a journey",
    description=_DESCRIPTION,
    responses={
        404: {"model": Problem, "description": "Unknown stop or venue id."},
        422: {"model": Problem, "description": "No service on that date, or from equals to."},
    },
)
def get_plan(
    ds: DatasetDep,
    from_: Annotated[str, Query(
        alias="from", max_length=200,
        description=f"Origin (required): {PLACE_FORMS}. Coordinates in WGS84 decimal degrees, "
        "within the service area (all stops plus 5 km).",
        openapi_examples=_FROM_EXAMPLES)],
    to: Annotated[str, Query(
        max_length=200, description=f"Destination (required): {PLACE_FORMS}.",
        openapi_examples=_TO_EXAMPLES)],
    time: Annotated[str | None, Query(
        max_length=40,
        description="When to leave (or, with arrive_by, to arrive): local ISO 8601 date-time "
        "in Jakarta time (UTC+7), e.g. `2026-12-01T08:00`; a trailing offset (`Z`, "
        "`+07:00`) is converted to Jakarta time. Default: now.",
        examples=["2026-12-01T08:00"])] = None,
    arrive_by: Annotated[bool, Query(
        description="`true`: arrive at or before `time`; `false` (default): leave at or after "
        "`time`.")] = False,
    num_itineraries: Annotated[int, Query(
        ge=1, le=10, description="How many itineraries at most; 1-10, default 3.")] = 3,
    max_transfers: Annotated[int, Query(
        ge=0, le=6, description="Most changes of vehicle; 0-6, default 4.")] = 4,
    max_walk_m: Annotated[int, Query(
        ge=0, le=3000, description="Longest walk in metres for each access, egress or "
        "transfer walk; 0-3000, default 1000.")] = 1000,
    walk_speed: Annotated[float, Query(
        ge=0.5, le=2.0, allow_inf_nan=False,
        description="Walking speed in metres per second; 0.5-2.0, default 1.2.")] = 1.2,
    wheelchair: Annotated[bool, Query(
        description="Only step-free stops and wheelchair-accessible trips; default false.")
    ] = False,
    lang: Annotated[Literal["id", "en"], Query(
        description="Language of instructions, mode names and notes: `id` (Indonesian, "
        "default) or `en`.")] = "id",
) -> Response:
    """Plan itineraries (a worker thread: plans are CPU work). The answer is already a
    validated PlanResponse, so it is serialised once here rather than validated again."""
    answer = plan_journeys(
        ds, origin=from_, destination=to, time=time, arrive_by=arrive_by,
        num_itineraries=num_itineraries, max_transfers=max_transfers, max_walk_m=max_walk_m,
        walk_speed=walk_speed, wheelchair=wheelchair, lang=lang,
    )
    return Response(answer.model_dump_json(by_alias=True), media_type="application/json")
