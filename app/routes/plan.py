"""Journey planning: ``GET /v1/plan``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response
from fastapi.openapi.models import Example

from app import params, plan_json
from app.deps import DatasetDep, PlannerDep
from app.i18n import LangDep
from app.plan_json import Geometry
from app.schemas import PlanResponse, Problem
from routing import limits
from routing.journeys import PLACE_FORMS

router = APIRouter(prefix="/v1", tags=["plan"])
_N, _T = limits.NUM_ITINERARIES, limits.MAX_TRANSFERS
_W, _S = limits.MAX_WALK_M, limits.WALK_SPEED_MPS

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
    summary="Plan a journey",
    description=_DESCRIPTION,
    response_class=Response,   # the answer is JSON bytes already (app.plan_json)
    responses={
        200: {"model": PlanResponse, "description": "Itineraries (maybe none), places, notes.",
              "content": {"application/json": {}}},
        404: {"model": Problem, "description": "Unknown stop or venue id."},
        422: {"model": Problem, "description": "No service on that date, or from equals to."},
    },
)
def get_plan(
    ds: DatasetDep,
    planner: PlannerDep,
    lang: LangDep,
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
        ge=_N.low, le=_N.high, description=_N.describe("How many itineraries at most"))
    ] = int(_N.default),
    max_transfers: Annotated[int, Query(
        ge=_T.low, le=_T.high, description=_T.describe("Most changes of vehicle"))
    ] = int(_T.default),
    max_walk_m: Annotated[int, Query(
        ge=_W.low, le=_W.high, description=_W.describe(
            "Longest walk in metres for each access, egress or transfer walk; a walk between "
            "two stops (a transfer, or from a stop given as 'from'/'to' to a nearby one) is "
            f"also within {limits.TRANSFER_RADIUS_M:.0f} m straight line "
            f"(about {limits.TRANSFER_RADIUS_M * limits.WALK_DETOUR:.0f} m walked)"))
    ] = int(_W.default),
    walk_speed: Annotated[float, Query(
        ge=_S.low, le=_S.high, allow_inf_nan=False,
        description=_S.describe("Walking speed in metres per second"))] = _S.default,
    wheelchair: Annotated[bool, Query(
        description="Only step-free stops and wheelchair-accessible trips; default false.")
    ] = False,
    geometry: Annotated[Geometry, Query(
        description="Form of each leg's `geometry`: `geojson` (default), a GeoJSON LineString "
        "of [lon, lat] positions; `polyline`, an encoded polyline of precision 6 "
        "(`EncodedLineString`: Google's algorithm, [lat, lon] pairs), shorter for long paths "
        "(most of an answer is its intermediate stops: ~7% less JSON on the real feeds).")
    ] = "geojson",
) -> Response:
    """Plan itineraries (a worker thread: plans are CPU work). The answer is built as plain
    dicts and encoded once (app.plan_json: the JSON of PlanResponse, without pydantic)."""
    query = params.plan_query(
        ds, origin=from_, destination=to, time=time, arrive_by=arrive_by,
        num_itineraries=num_itineraries, max_transfers=max_transfers, max_walk_m=max_walk_m,
        walk_speed=walk_speed, wheelchair=wheelchair,
    )
    body = plan_json.plan_json(ds, planner.plan(query), lang, geometry=geometry)
    return Response(body, media_type="application/json")
