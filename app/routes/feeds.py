"""The loaded GTFS feeds, and the dataset artefact they are served from."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from app.deps import StateDep
from app.realtime import realtime_service
from app.realtime.schemas import RealtimeFeedInfo
from app.routes import cached_json
from app.schemas import FeedList

router = APIRouter(prefix="/v1", tags=["feeds"])


class ArtefactInfo(BaseModel):
    """The dataset artefact being served."""

    id: str = Field(description="Artefact id (a hash of its inputs and date window).")
    built_at: str = Field(description="When it was built, ISO 8601 UTC.")
    first_date: str = Field(description="First service date it answers.")
    last_date: str = Field(description="Last service date it answers.")
    patterns: int = Field(description="Service patterns (distinct compiled timetables).")
    profile_patterns: int = Field(description="Patterns with venue profiles.")


class FeedsAnswer(FeedList):
    """Every loaded feed, the artefact served, and the last reload's outcome."""

    artefact: ArtefactInfo | None = Field(default=None, description="The artefact served.")
    reload: dict[str, Any] | None = Field(
        default=None, description="The last reload (`status` running, ok, unchanged or "
        "failed; `detail` says why it failed; times in UTC); null when none since start.")
    realtime: list[RealtimeFeedInfo] = Field(
        default_factory=list, description="The GTFS-RT feeds (`GTFS_RT`): last fetch, age "
        "of the message in use, entities applied and rejected; empty without realtime.")


@router.get("/feeds", response_model=FeedsAnswer, summary="Loaded feeds and their validity")
def list_feeds(request: Request, state: StateDep) -> Response:
    """Each feed's agency, validity dates, counts and content hash; the artefact served and
    the last reload's outcome."""
    reloader = getattr(request.app.state, "reloader", None)
    realtime = realtime_service(request.app)
    answer = FeedsAnswer.model_validate({
        "feeds": [feed.summary() for feed in state.feeds],
        "artefact": state.artefact.summary() if state.artefact is not None else None,
        "reload": reloader.outcome if reloader is not None else None,
        "realtime": realtime.summaries() if realtime is not None else [],
    })
    return cached_json(request, answer.model_dump(mode="json"), max_age=10)
