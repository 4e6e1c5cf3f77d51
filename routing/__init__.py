"""Menuju's journey-planning library: GTFS feeds and venues in, journeys out.

The public face (pinned by ``tests/routing/test_boundaries.py``)::

    ds = load_dataset(parse_feeds_spec(...), "data/venues.json")
    result = plan(ds, Query(parse_place("stop:mrt-jakarta:SLBB"), VenueRef("taman-ayodya"),
                            date(2026, 12, 1), 8 * 3600))
    print(format_journey(result.journeys[0]))

Layers: ``routing.data`` (loading, network, timetable compile, dataset), ``routing.kernel``
(RAPTOR on integers and seconds), ``routing.plan`` (query -> journeys); the vocabulary
modules (errors, geo, journeys, limits, clock, instructions) import nothing above them.
"""

from routing.data.dataset import Dataset, load_dataset
from routing.errors import (
    AmbiguousPlaceError,
    FeedError,
    NoServiceError,
    QueryError,
    RoutingError,
    UnknownPlaceError,
    VenueFileError,
)
from routing.journeys import (
    Coordinate,
    Journey,
    Leg,
    PlaceRef,
    PlaceSpec,
    Query,
    StopRef,
    VenueRef,
    format_journey,
    parse_place,
)
from routing.plan.planner import Planner, PlanResult, plan
from routing.plan.profile_store import ProfileStore

__all__ = [
    "AmbiguousPlaceError", "Coordinate", "Dataset", "FeedError", "Journey", "Leg",
    "NoServiceError", "PlaceRef", "PlaceSpec", "PlanResult", "Planner", "ProfileStore", "Query",
    "QueryError", "RoutingError", "StopRef", "UnknownPlaceError", "VenueFileError", "VenueRef",
    "format_journey", "load_dataset", "parse_place", "plan",
]
