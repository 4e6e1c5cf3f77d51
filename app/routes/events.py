"""Events at a venue: ``GET /v1/venues/{venue_id}/events`` (from ``EVENTS_FILES``)."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import BaseModel, Field

from app import params
from app.deps import StateDep
from app.errors import InvalidParameterError
from app.events import event_config, events_for
from app.routes import cached_json
from app.schemas import Problem
from routing.errors import UnknownPlaceError

router = APIRouter(prefix="/v1", tags=["venues"])
MAX_SPAN_DAYS = 92
DEFAULT_SPAN_DAYS = 7


class EventItem(BaseModel):
    """One occurrence of a public event at a venue."""

    uid: str = Field(description="Occurrence id; plan to it with `to=event:<uid>`.",
                     examples=["sample-asean-gallery-tour@20261201T1400"])
    venue_id: str = Field(description="The venue it takes place at.")
    title: str = Field(description="The event's title as the calendar gives it.")
    start: str = Field(description="Start, ISO 8601 with +07:00.")
    end: str = Field(description="End, ISO 8601 with +07:00.")
    description: str = Field(description="The calendar's description ('' when none).")
    url: str | None = Field(description="The calendar's link for the event, if any.")
    arrive_by: str = Field(description="When a plan to `event:<uid>` arrives at the latest: "
                           "the start minus EVENT_BUFFER_MIN (default 10 min).")
    plan: str = Field(description="A /v1/plan path to the event (add `from=`).")


class EventList(BaseModel):
    """A venue's events between two times."""

    venue_id: str
    start: str = Field(description="From (ISO 8601, +07:00).")
    end: str = Field(description="Until (ISO 8601, +07:00).")
    events: list[EventItem]


@router.get(
    "/venues/{venue_id}/events",
    response_model=EventList,
    summary="Events at one venue",
    responses={404: {"model": Problem, "description": "No venue has that id."},
               400: {"model": Problem, "description": "Unreadable or reversed times."}},
)
def venue_events(
    request: Request,
    state: StateDep,
    venue_id: Annotated[str, Path(max_length=100, description="Venue id, e.g. "
                                  "`asean-secretariat`.")],
    from_: Annotated[str | None, Query(
        alias="from", max_length=40, description="From when (local ISO 8601 date-time or "
        "date, Jakarta time); default now.", examples=["2026-12-01T00:00"])] = None,
    to: Annotated[str | None, Query(
        max_length=40, description=f"Until when; default {DEFAULT_SPAN_DAYS} days after "
        f"`from`, at most {MAX_SPAN_DAYS} days after it.",
        examples=["2026-12-08T00:00"])] = None,
) -> Response:
    """Occurrences (recurring events expanded) overlapping [from, to), by start time."""
    if venue_id not in state.venues:
        raise UnknownPlaceError(f"No venue has the id '{venue_id[:100]}'. Known venues: "
                                f"{', '.join(sorted(state.venues))}.", place=venue_id[:100])
    start = params.parse_time(_as_time(from_), parameter="from")
    end = (params.parse_time(_as_time(to), parameter="to") if to
           else start + timedelta(days=DEFAULT_SPAN_DAYS))
    if end <= start or end - start > timedelta(days=MAX_SPAN_DAYS):
        raise InvalidParameterError(f"'to' must be after 'from' and at most {MAX_SPAN_DAYS} "
                                    "days after it.", parameter="to")
    buffer = timedelta(minutes=event_config().buffer_min)
    found = events_for(state.venues).between(start, end, venue_id)
    items = [EventItem.model_validate({**e.to_dict(),
                                       "arrive_by": (e.start - buffer).isoformat(),
                                       "plan": f"/v1/plan?to=event:{quote(e.uid, safe='@')}"})
             for e in found]
    answer = EventList(venue_id=venue_id, start=start.isoformat(), end=end.isoformat(),
                       events=items)
    return cached_json(request, answer.model_dump(mode="json"), max_age=60)


def _as_time(text: str | None) -> str | None:
    """A bare date means its midnight."""
    if text is not None and len(text.strip()) == 10:
        return text.strip() + "T00:00"
    return text
