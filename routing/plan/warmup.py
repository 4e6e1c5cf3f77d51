"""Start-up warming: compile a date's timetable, the venue lower bounds and the search kernel,
so the first real query is as fast as the rest."""

from __future__ import annotations

import logging
import threading
import time
from datetime import date, timedelta

from routing.data.dataset import Dataset
from routing.errors import RoutingError
from routing.journeys import Query
from routing.plan.planner import plan
from routing.plan.profile_store import ProfileStore

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
    venue_id = next(iter(ds.venues))
    stop = ds.network.stops
    origin = f"{float(stop.lat[0]):.6f},{float(stop.lon[0]):.6f}"
    try:
        plan(ds, Query(origin, f"venue:{venue_id}", day, 8 * 3600, num_itineraries=1))
        plan(ds, Query(origin, f"venue:{venue_id}", day, 9 * 3600, arrive_by=True,
                       num_itineraries=1))
    except RoutingError as exc:  # pragma: no cover - depends on the data
        log.info("warm-up query skipped: %s", exc)
    return time.perf_counter() - started


def warm_up_in_background(ds: Dataset, day: date, profiles: ProfileStore | None = None
                          ) -> threading.Thread:
    """In a daemon thread: open the next service date's timetable, then build the venue
    profiles of ``day`` that ``profiles`` does not have ready (none when it is None). Never
    blocks requests; a failure is logged, not raised."""

    def work() -> None:
        try:
            following = day + timedelta(days=1)
            if ds.covers(following):
                ds.timetable(following)
            if profiles is not None:
                thread = profiles.warm([day])
                if thread is not None:
                    thread.join()
        except Exception:  # noqa: BLE001 - a background warm-up must never kill the service
            log.exception("background warm-up for %s failed", day)

    thread = threading.Thread(target=work, name="menuju-warm-up", daemon=True)
    thread.start()
    return thread
