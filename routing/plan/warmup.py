"""Start-up warming: a date's timetable, the venue lower bounds and the search kernels, then in
the background every service pattern of an artefact, so the first query of any date is as
fast as the rest."""

from __future__ import annotations

import logging
import threading
import time
from datetime import date, timedelta

from routing.data.artefact import ArtefactTimetables
from routing.data.dataset import Dataset
from routing.errors import RoutingError
from routing.journeys import Coordinate, Query, VenueRef
from routing.plan.planner import plan
from routing.plan.profile_store import ProfileStore
from routing.plan.profiles import VenueProfile

__all__ = ["warm_up", "warm_up_in_background"]

log = logging.getLogger(__name__)


def warm_up(ds: Dataset, day: date) -> float:
    """Do the one-off work for ``day``; returns the seconds it took. Never raises for data
    that simply has no service that day."""
    started = time.perf_counter()
    if not ds.covers(day) or not ds.venues or not len(ds.network.stops):
        return 0.0
    ds.timetable(day)
    for venue_id in ds.venues:
        ds.network.lower_bounds_s(venue_id)
    origin, venue = _first_stop_and_venue(ds)
    try:
        plan(ds, Query(origin, venue, day, 8 * 3600, num_itineraries=1))
        plan(ds, Query(origin, venue, day, 9 * 3600, arrive_by=True, num_itineraries=1))
    except RoutingError as exc:  # pragma: no cover - depends on the data
        log.info("warm-up query skipped: %s", exc)
    return time.perf_counter() - started


def _first_stop_and_venue(ds: Dataset) -> tuple[Coordinate, VenueRef]:
    """The first stop's position and the first venue: a query every dataset can ask."""
    stop = ds.network.stops
    return Coordinate(float(stop.lat[0]), float(stop.lon[0])), VenueRef(next(iter(ds.venues)))


def _venue_plan(ds: Dataset, day: date, profiles: ProfileStore) -> None:
    """One plan to a venue answered from ``profiles`` (when it has the venue's profile)."""
    if not ds.covers(day) or not ds.venues or not len(ds.network.stops):
        return
    origin, venue = _first_stop_and_venue(ds)
    if profiles.get(day, venue.venue_id) is None:
        return
    try:
        plan(ds, Query(origin, venue, day, 8 * 3600, num_itineraries=1), profiles=profiles)
    except RoutingError as exc:  # pragma: no cover - depends on the data
        log.info("warm-up venue plan skipped: %s", exc)


def warm_up_in_background(ds: Dataset, day: date, profiles: ProfileStore | None = None
                          ) -> threading.Thread:
    """In a daemon thread: read (and check) every service pattern's timetables when they
    come from an artefact, else open the next service date's; answer one venue plan from
    ``profiles`` (loads its compiled kernels); build the venue profiles of ``day`` that
    ``profiles`` does not have ready; read every pattern's prebuilt venue profiles. Then no
    first request for a date reads a file. Never blocks requests; a failure is logged, not
    raised (a damaged file is refused again, with one line, on the request that needs it)."""

    def work() -> None:
        try:
            started = time.perf_counter()
            tables = ds.timetables
            following = day + timedelta(days=1)
            if isinstance(tables, ArtefactTimetables):
                tables.preload(today=day)
            elif ds.covers(following):
                ds.timetable(following)
            if profiles is not None:
                _venue_plan(ds, day, profiles)
                thread = profiles.warm([day])
                if thread is not None:
                    thread.join()
                if isinstance(tables, ArtefactTimetables):
                    tables.preload(VenueProfile, today=day)
            log.info("background warm-up for %s done in %.1f s", day,
                     time.perf_counter() - started)
        except Exception:  # noqa: BLE001 - a background warm-up must never kill the service
            log.exception("background warm-up for %s failed", day)

    thread = threading.Thread(target=work, name="menuju-warm-up", daemon=True)
    thread.start()
    return thread
