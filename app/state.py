"""Everything the service loads once at start-up, and the one function that loads it.

To load one more thing (e.g. the routing dataset), add a field to ``AppState`` and one line to
``load_state``; handlers reach it through ``app.deps``.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from app.config import Settings
from routing.data.dataset import Dataset, load_dataset
from routing.data.gtfs import FeedSource, LoadedFeed, parse_feeds_spec
from routing.data.venues import Venue
from routing.plan.profile_store import ProfileStore
from routing.plan.warmup import warm_up, warm_up_in_background

__all__ = ["JAKARTA", "AppState", "feed_sources", "load_state"]

JAKARTA = ZoneInfo("Asia/Jakarta")
log = logging.getLogger("menuju.state")


@dataclass(frozen=True)
class AppState:
    """Loaded, read-only data shared by every request."""

    dataset: Dataset
    #: venue profiles to plan with (``plan(ds, query, profiles=state.profiles)``), or None
    profiles: ProfileStore | None
    feeds: tuple[LoadedFeed, ...]
    venues: Mapping[str, Venue]
    loaded_at: datetime
    load_seconds: float


def feed_sources(settings: Settings) -> list[FeedSource]:
    """The feeds named by ``GTFS_FEEDS`` (default: each folder under data/gtfs/), paths absolute."""
    sources = parse_feeds_spec(settings.gtfs_feeds, settings.gtfs_dir)
    return [
        s if s.path.is_absolute() else dataclasses.replace(s, path=settings.root_dir / s.path)
        for s in sources
    ]


def load_state(settings: Settings) -> AppState:
    """Load feeds, venues and the network, and warm today's timetable; raises
    ``FeedError``/``VenueFileError`` naming the broken file."""
    started = time.perf_counter()
    dataset = load_dataset(feed_sources(settings), Path(settings.venues_file))
    today = datetime.now(JAKARTA).date()
    warm_up(dataset, today)
    profiles = ProfileStore(dataset) if settings.profiles else None
    warm_up_in_background(dataset, today, profiles)
    feeds, venues = tuple(dataset.feeds), dataset.venues
    elapsed = time.perf_counter() - started
    log.info(
        "loaded %d feeds (%s) and %d venues in %.1f s",
        len(feeds),
        ", ".join(f.feed_id for f in feeds),
        len(venues),
        elapsed,
    )
    return AppState(
        dataset=dataset,
        profiles=profiles,
        feeds=feeds,
        venues=venues,
        loaded_at=datetime.now(JAKARTA),
        load_seconds=round(elapsed, 3),
    )
