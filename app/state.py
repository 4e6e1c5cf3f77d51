"""Everything the service loads once at start-up, and the one function that loads it.

To load one more thing (e.g. the routing dataset), add a field to ``AppState`` and one line to
``load_state``; handlers reach it through ``app.deps``.
"""

from __future__ import annotations

import dataclasses
import logging
import shutil
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from app.config import Settings
from routing.clock import JAKARTA_TZ
from routing.data.arrays import ArrayFileError
from routing.data.artefact import (
    Artefact,
    ArtefactError,
    ArtefactTimetables,
    prune_artefacts,
)
from routing.data.dataset import Dataset, load_dataset
from routing.data.gtfs import FeedSource, LoadedFeed, parse_feeds_spec
from routing.data.venues import Venue
from routing.plan.build import BuildSettings, ensure_artefact
from routing.plan.profile_store import ProfileStore
from routing.plan.profiles import ProfileSettings, VenueProfile
from routing.plan.warmup import warm_up, warm_up_in_background

__all__ = ["JAKARTA", "AppState", "build_settings", "feed_sources", "find_or_build",
           "load_state", "start_background", "state_from_artefact"]

JAKARTA = JAKARTA_TZ  # routing.clock: the one Jakarta zone
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
    #: the artefact timetables and profiles are served from
    artefact: Artefact | None = None


def feed_sources(settings: Settings) -> list[FeedSource]:
    """The feeds named by ``GTFS_FEEDS`` (default: each folder under data/gtfs/), paths absolute."""
    sources = parse_feeds_spec(settings.gtfs_feeds, settings.gtfs_dir)
    return [
        s if s.path.is_absolute() else dataclasses.replace(s, path=settings.root_dir / s.path)
        for s in sources
    ]


def build_settings(settings: Settings) -> BuildSettings:
    """What the artefact holds, from ``ARTEFACT_DAYS`` and ``PROFILE_DAYS`` (no venue
    profiles when ``PROFILES`` is off)."""
    return BuildSettings(days=settings.artefact_days,
                         profile_days=settings.profile_days if settings.profiles else 0)


def find_or_build(settings: Settings, *, today: date | None = None) -> Artefact:
    """The artefact of the configured feeds and venues covering today: found under
    ``ARTEFACT_DIR`` (in <= 1 s), else built here first with progress lines in the log.
    Raises FeedError/VenueFileError for broken inputs, ArtefactError when unusable."""
    today = today or datetime.now(JAKARTA).date()
    sources, venues_file = feed_sources(settings), Path(settings.venues_file)
    try:
        artefact = ensure_artefact(
            sources, venues_file, settings.artefact_dir, today=today,
            settings=build_settings(settings),
            progress=lambda line: log.warning("building the dataset artefact: %s", line))
        prune_artefacts(settings.artefact_dir, keep={artefact.id}, min_age_s=600)
    except OSError as exc:
        raise ArtefactError(f"cannot build in {settings.artefact_dir}: {exc}") from None
    return artefact


def state_from_artefact(settings: Settings, artefact: Artefact,
                        started: float | None = None, *, threads: bool = True) -> AppState:
    """Load feeds, venues and the network, and serve timetables and venue profiles from
    ``artefact`` (memory-mapped); checks and warms today's pattern. With ``threads`` the
    rest of the warming and the check of every artefact file go on in background threads
    (:func:`start_background`); without, nothing is left running (a process about to fork
    its workers, :mod:`app.prefork`, calls ``start_background`` in each worker). Raises
    FeedError/VenueFileError, or ArtefactError when the artefact does not match the feeds
    read or one of today's files fails its checks."""
    started = time.perf_counter() if started is None else started
    # hashing the artefact's files releases the GIL: it runs on another core while the feeds
    # are parsed and the network built
    checker = threading.Thread(target=_check_all, args=(artefact,),
                               name="menuju-artefact-check", daemon=True)
    checker.start()
    loaded = load_dataset(feed_sources(settings), Path(settings.venues_file))
    built_from = {f["feed_id"]: f["content_hash"] for f in artefact.manifest["feeds"]}
    if built_from != {f.feed_id: f.content_hash for f in loaded.feeds}:
        raise ArtefactError(f"artefact {artefact.id} was built from other feed contents "
                            "than those just read (a feed changed meanwhile)")
    tables = ArtefactTimetables(artefact)
    dataset = dataclasses.replace(loaded, timetables=tables)
    profiles = None
    if settings.profiles:
        wanted = ProfileSettings()

        def prebuilt(day: date, venue_id: str) -> VenueProfile | None:
            profile = tables.profile(VenueProfile, day, venue_id)
            return profile if profile is not None and profile.settings == wanted else None

        profiles = ProfileStore(dataset, wanted, prebuilt=prebuilt)
    today = datetime.now(JAKARTA).date()
    warm_up(dataset, today)   # checks today's files: a damaged one raises ArtefactError
    feeds, venues = tuple(dataset.feeds), dataset.venues
    elapsed = time.perf_counter() - started
    log.info(
        "loaded %d feeds (%s) and %d venues in %.1f s; artefact %s",
        len(feeds), ", ".join(f.feed_id for f in feeds), len(venues), elapsed, artefact.id,
    )
    state = AppState(
        dataset=dataset,
        profiles=profiles,
        feeds=feeds,
        venues=venues,
        loaded_at=datetime.now(JAKARTA),
        load_seconds=round(elapsed, 3),
        artefact=artefact,
    )
    if threads:
        start_background(state, check=False)   # the checker is running already
    else:
        warm_up_in_background(dataset, today, profiles).join()
        checker.join()
    return state


def start_background(state: AppState, *, check: bool = True) -> None:
    """In daemon threads: warm the next service date and today's missing venue profiles,
    and (with ``check``) check every file of the served artefact not checked yet in this
    process (a damaged one is logged at once)."""
    today = datetime.now(JAKARTA).date()
    warm_up_in_background(state.dataset, today, state.profiles)
    if check and state.artefact is not None:
        threading.Thread(target=_check_all, args=(state.artefact,),
                         name="menuju-artefact-check", daemon=True).start()


def _check_all(artefact: Artefact) -> None:
    """Check every file of ``artefact`` (in the background; hashing releases the GIL), so a
    damaged file is reported at once rather than on the first request that needs it."""
    try:
        artefact.files.verify_all()
    except ArrayFileError as exc:
        log.error("artefact %s is damaged (its requests answer 503 until a reload): %s",
                  artefact.id, exc)


def load_state(settings: Settings, *, threads: bool = True) -> AppState:
    """Find (or build, the first time) the artefact and load the state from it. A damaged
    artefact is logged in one line, deleted and built again once. ``threads``: as for
    :func:`state_from_artefact`. Raises ``FeedError``/``VenueFileError`` naming the broken
    file, ArtefactError otherwise."""
    started = time.perf_counter()
    artefact = find_or_build(settings)
    try:
        return state_from_artefact(settings, artefact, started, threads=threads)
    except ArtefactError as exc:
        log.warning("artefact %s not used: %s; building it again", artefact.id, exc)
        shutil.rmtree(artefact.root, ignore_errors=True)
    return state_from_artefact(settings, find_or_build(settings), started, threads=threads)
