"""Liveness and readiness probes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse

from app.deps import StateDep
from app.realtime import realtime_service
from app.schemas import Problem
from routing.clock import JAKARTA_TZ

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="Liveness: 200 while the process is up")
def healthz() -> dict[str, str]:
    """Always ok while the process can answer."""
    return {"status": "ok"}


@router.get(
    "/readyz",
    summary="Readiness: 200 once feeds and venues are loaded",
    responses={503: {"model": Problem, "description": "Still loading."}},
)
def readyz(state: StateDep) -> dict[str, Any]:
    """Ready once the lifespan has loaded everything; 503 problem before."""
    return {
        "status": "ready",
        "loaded_at": state.loaded_at.isoformat(timespec="seconds"),
        "feeds": [feed.feed_id for feed in state.feeds],
        "venues": len(state.venues),
    }


@router.get("/metrics", summary="Prometheus metrics of this process",
            response_class=PlainTextResponse)
def metrics(request: Request) -> PlainTextResponse:
    """Request counts and timings by route, uptime, and what is loaded."""
    state = getattr(request.app.state, "menuju", None)
    gauges: dict[str, float] = {"menuju_ready": 1.0 if state is not None else 0.0}
    if state is not None:
        ds = state.dataset
        gauges["menuju_feeds"] = len(ds.feeds)
        gauges["menuju_stops"] = len(ds.network.stops)
        gauges["menuju_timetables_in_memory"] = ds.timetables_in_memory
        today = datetime.now(JAKARTA_TZ).date()   # venues answerable from profiles today
        gauges["menuju_venue_profiles_ready"] = (
            state.profiles.ready_on(today) if state.profiles is not None else 0)
    text = request.app.state.metrics.render(gauges)
    realtime = realtime_service(request.app)
    if realtime is not None:
        text += realtime.metrics_text()
    return PlainTextResponse(text, media_type="text/plain; version=0.0.4")
