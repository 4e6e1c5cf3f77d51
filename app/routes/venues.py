"""Venues: the destinations Menuju plans journeys to."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from app.deps import StateDep
from app.routes import cached_json
from app.schemas import Problem, Venue, VenueList
from routing.errors import UnknownPlaceError

router = APIRouter(prefix="/v1", tags=["venues"])


@router.get("/venues", response_model=VenueList, summary="Every venue")
def list_venues(request: Request, state: StateDep) -> Response:
    """All venues with names, entrances, opening hours and location quality."""
    venues = VenueList.model_validate({"venues": [v.to_dict() for v in state.venues.values()]})
    return cached_json(request, venues.model_dump(mode="json"))


@router.get(
    "/venues/{venue_id}",
    response_model=Venue,
    summary="One venue",
    responses={404: {"model": Problem, "description": "No venue has that id."}},
)
def get_venue(
    request: Request,
    state: StateDep,
    venue_id: Annotated[str, Path(description="Venue id, e.g. `asean-secretariat`.")],
) -> Response:
    """One venue by id; ``location_quality`` says whether its coordinates are approximate."""
    venue = state.venues.get(venue_id)
    if venue is None:
        known = ", ".join(sorted(state.venues))
        raise UnknownPlaceError(
            f"No venue has the id '{venue_id}'. Known venues: {known}.", place=venue_id
        )
    return cached_json(request, Venue.model_validate(venue.to_dict()).model_dump(mode="json"))
