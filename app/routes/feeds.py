"""The loaded GTFS feeds."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from app.deps import StateDep
from app.routes import cached_json
from app.schemas import FeedList

router = APIRouter(prefix="/v1", tags=["feeds"])


@router.get("/feeds", response_model=FeedList, summary="Loaded feeds and their validity")
def list_feeds(request: Request, state: StateDep) -> Response:
    """Each feed's agency, validity dates, counts and content hash."""
    feeds = FeedList.model_validate({"feeds": [feed.summary() for feed in state.feeds]})
    return cached_json(request, feeds.model_dump(mode="json"))
