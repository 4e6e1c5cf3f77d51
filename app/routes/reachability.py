"""Reachability of a venue: ``GET /v1/venues/{id}/reachability`` (GeoJSON bands or an SVG
map), read from the venue profiles."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response

from app import params
from app.deps import StateDep
from app.errors import InvalidParameterError
from app.i18n import LangDep
from app.reach_geojson import feature_collection
from app.reach_svg import reach_svg
from app.routes import etag_matches
from app.schemas import Problem
from app.state import AppState
from routing import limits
from routing.clock import seconds_of_day
from routing.errors import QueryError, UnknownPlaceError
from routing.memo import BoundedCache
from routing.plan.profiles import ProfileSettings
from routing.plan.reach_shapes import REACH_EDGE_M
from routing.plan.reachability import Reach, band_minutes, reachability

__all__ = ["router", "venue_reach"]

router = APIRouter(prefix="/v1", tags=["venues"])
#: answers by (network, venue, minute, arrive_by, bands, wheelchair, format, lang): the phone
#: page and kiosks ask the same minute again and again
_ANSWERS: BoundedCache[tuple, bytes] = BoundedCache(32)
_M, _S = limits.REACH_MAX_MINUTES, limits.REACH_STEP_MINUTES

_DESCRIPTION = f"""From where the venue is reached by MRT, TransJakarta and walking within
`step_minutes`, 2 x `step_minutes`, ... up to `max_minutes`: a GeoJSON FeatureCollection of
nested bands (largest first; each band's MultiPolygon contains the shorter ones), each with
`minutes`, `area_km2` and `stops` (boardable stops whose own travel time fits).

Travel time from a place: with `arrive_by=false`, leaving the place at `time`, the earliest
arrival at the venue minus `time` (waiting for the first vehicle counts); with
`arrive_by=true`, `time` minus the latest departure from the place that arrives by `time`.
Journeys are those of `/v1/plan` with its default walking settings (1000 m per walk at
1.2 m/s, at most 4 transfers; `wheelchair` as there). Each band is drawn inside the exact
one, at most {REACH_EDGE_M} m from its edge.

`format=svg` draws the bands over the MRT and BRT lines and the venue (no map tiles).
Try `/v1/venues/asean-secretariat/reachability?time=2026-12-01T08:00&format=svg`."""


def venue_reach(state: AppState, venue_id: str, *, when: datetime, arrive_by: bool,
                minutes: list[int], settings: ProfileSettings,
                max_transfers: int | None = None, shapes: bool = True) -> Reach:
    """The reachability answer for checked HTTP parameters (404 unknown venue, 422 no
    service on ``when``'s date), from the state's venue profiles where they serve."""
    if venue_id not in state.venues:
        raise UnknownPlaceError(f"No venue has the id '{venue_id[:100]}'. Known venues: "
                                f"{', '.join(sorted(state.venues))}.", place=venue_id[:100])
    params.check_service(state.dataset, when.date())
    return reachability(state.dataset, venue_id, when.date(), seconds_of_day(when), minutes,
                        arrive_by=arrive_by, settings=settings, profiles=state.profiles,
                        max_transfers=max_transfers, shapes=shapes)


def _answer(request: Request, body: bytes, media_type: str) -> Response:
    etag = 'W/"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": "public, max-age=300"}
    if etag_matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)


@router.get(
    "/venues/{venue_id}/reachability",
    summary="From where a venue is reached in 15, 30, 45, 60 minutes",
    description=_DESCRIPTION,
    response_class=Response,
    responses={
        200: {"description": "GeoJSON FeatureCollection (`application/geo+json`) or SVG.",
              "content": {"application/geo+json": {}, "image/svg+xml": {}}},
        400: {"model": Problem, "description": "A parameter is malformed or out of range."},
        404: {"model": Problem, "description": "No venue has that id."},
        422: {"model": Problem, "description": "No service on that date."},
    },
)
def get_reachability(
    request: Request,
    state: StateDep,
    lang: LangDep,
    venue_id: Annotated[str, Path(description="Venue id, e.g. `asean-secretariat`.")],
    time: Annotated[str | None, Query(
        max_length=40, description="Leave at (or, with arrive_by, arrive by) this local ISO "
        "8601 date-time in Jakarta time, e.g. `2026-12-01T08:00`. Default: now.")] = None,
    arrive_by: Annotated[bool, Query(
        description="`true`: travel time = `time` minus the latest departure arriving by "
        "`time`; default `false`: leave at `time`.")] = False,
    max_minutes: Annotated[int, Query(
        ge=_M.low, le=_M.high, description=_M.describe("The largest band, minutes"))
    ] = int(_M.default),
    step_minutes: Annotated[int, Query(
        ge=_S.low, le=_S.high, description=_S.describe(
            f"Band width, minutes (at most {limits.REACH_MAX_BANDS} bands)"))
    ] = int(_S.default),
    wheelchair: Annotated[bool, Query(
        description="Only step-free stops and accessible trips (answered by a search, not "
        "the prebuilt profile: slower).")] = False,
    format: Annotated[Literal["geojson", "svg"], Query(
        description="`geojson` (default) or `svg` (a map).")] = "geojson",
) -> Response:
    """Bands of travel time to one venue (a worker thread: CPU work)."""
    try:
        minutes = band_minutes(max_minutes, step_minutes)
    except QueryError as exc:
        raise InvalidParameterError(str(exc), parameter=exc.parameter or "step_minutes") \
            from None
    when = params.parse_time(time).replace(second=0, microsecond=0)
    key = (state.dataset.network.token, venue_id, when, arrive_by, tuple(minutes), wheelchair,
           format, lang if format == "svg" else "")

    def build() -> bytes:
        reach = venue_reach(state, venue_id, when=when, arrive_by=arrive_by, minutes=minutes,
                            settings=ProfileSettings(wheelchair=wheelchair))
        if format == "svg":
            venue = state.venues[venue_id]
            name = venue.name.get(lang) or venue.name.get("en") or venue_id
            title = (f"{name}: {'arrive by' if arrive_by else 'leave at'} "
                     f"{when.strftime('%Y-%m-%d %H:%M')}")
            return reach_svg(state.dataset, reach, title=title, venue_label=name).encode()
        return json.dumps(feature_collection(state.dataset, reach),
                          separators=(",", ":")).encode()

    body = _ANSWERS.get_or_build(key, build)
    return _answer(request, body, "image/svg+xml" if format == "svg" else
                   "application/geo+json")
