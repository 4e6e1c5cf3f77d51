"""Liveness and readiness probes."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from app.deps import StateDep
from app.schemas import Problem

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
