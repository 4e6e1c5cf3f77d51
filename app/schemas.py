"""Response models of the public API (documentation and validation of what we send)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

__all__ = [
    "Entrance",
    "FeedCounts",
    "FeedInfo",
    "FeedList",
    "LocalText",
    "Problem",
    "Venue",
    "VenueList",
]


class Problem(BaseModel):
    """An RFC 9457 problem, sent as ``application/problem+json``."""

    type: str = Field(
        description="URI naming the kind of problem, e.g. "
        "https://menuju.id/problems/unknown-place, or about:blank.",
        examples=["https://menuju.id/problems/unknown-place"],
    )
    title: str = Field(description="Short summary of the kind of problem.")
    status: int = Field(description="HTTP status code.", examples=[404])
    detail: str = Field(description="What went wrong in this request and how to fix it.")
    instance: str | None = Field(default=None, description="Path of the request.")
    parameter: str | None = Field(
        default=None, description="Name of the offending request parameter, where one is to blame."
    )


class FeedCounts(BaseModel):
    """How many of each thing a feed holds."""

    stops: int = Field(description="Rows of stops.txt: stations, platforms and entrances.")
    routes: int = Field(description="Rows of routes.txt.")
    trips: int = Field(description="Rows of trips.txt (frequency templates count once).")


class FeedInfo(BaseModel):
    """One loaded GTFS feed."""

    feed_id: str = Field(description="Prefix of this feed's public ids, e.g. `mrt`.")
    agency: str = Field(description="Name of the (first) agency.")
    start_date: date | None = Field(description="First service date the feed covers.")
    end_date: date | None = Field(description="Last service date the feed covers.")
    counts: FeedCounts
    content_hash: str = Field(description="Hash of the feed's files; changes with any edit.")


class FeedList(BaseModel):
    """Every loaded feed."""

    feeds: list[FeedInfo]


LocalText = dict[str, str]
"""Text by language: ``{"id": "...", "en": "..."}``."""


class Entrance(BaseModel):
    """A gate or door of a venue."""

    id: str = Field(description="Entrance id, unique within its venue.")
    name: LocalText = Field(description="Name by language (`id`, `en`).")
    lat: float = Field(description="Latitude, WGS84 degrees.")
    lon: float = Field(description="Longitude, WGS84 degrees.")
    step_free: bool | None = Field(description="Reachable without steps; null where unknown.")


class Venue(BaseModel):
    """A destination: the ASEAN Secretariat or one of the parks beside it."""

    id: str = Field(description="Venue id, used as `venue:<id>` in /v1/plan.")
    name: LocalText = Field(description="Name by language: `id` (Indonesian), `en`.")
    description: LocalText = Field(description="One or two sentences by language.")
    lat: float = Field(description="Latitude of the venue's centre, WGS84 degrees.")
    lon: float = Field(description="Longitude of the venue's centre, WGS84 degrees.")
    entrances: list[Entrance] = Field(description="Ways in; journeys end at one of them.")
    opening_hours: dict[str, list[list[str]]] | None = Field(
        description='Weekday (`mon`..`sun`) to [["HH:MM", "HH:MM"], ...] local time; '
        "a missing day is closed; null where the hours are unknown.",
        examples=[{"mon": [["08:00", "16:00"]]}],
    )
    opening_note: LocalText | None = Field(description="Remarks on opening by language.")
    location_quality: Literal["surveyed", "approximate"] = Field(
        description="`approximate` where we could not confirm the coordinates; tell users so."
    )
    location_note: LocalText = Field(description="Where the coordinates come from, by language.")


class VenueList(BaseModel):
    """Every venue."""

    venues: list[Venue]
