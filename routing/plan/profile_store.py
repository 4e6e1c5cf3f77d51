"""Venue profiles held for serving: the settings they answer for, and a store of profiles by
(service date, venue).

A store answers from profiles built ahead (an artefact's, through ``prebuilt``) or built in
this process by an explicit call (``build``, or ``warm`` in the background). Reading never
builds anything and never starts a thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from datetime import date

from routing.data.dataset import Dataset
from routing.plan.profiles import ProfileSettings, VenueProfile, build_profile
from routing.realtime.source import schedule_only

__all__ = ["ProfileSettings", "ProfileStore", "build_profiles"]  # ProfileSettings re-exported

log = logging.getLogger(__name__)

#: ``prebuilt(day, venue_id)``: a profile built ahead for that date, or None
Prebuilt = Callable[[date, str], VenueProfile | None]


class ProfileStore:
    """Profiles by (date, venue) for one settings set. Those built in this process are kept
    for at most ``keep_dates`` dates (the oldest date goes first); ``prebuilt`` profiles
    (memory-mapped from an artefact) are looked up on every read and cost no heap."""

    def __init__(self, ds: Dataset, settings: ProfileSettings | None = None,
                 keep_dates: int = 2, prebuilt: Prebuilt | None = None) -> None:
        self.ds = ds
        self.settings = settings or ProfileSettings()
        self.keep_dates = keep_dates
        self.prebuilt = prebuilt
        self._profiles: dict[tuple[date, str], VenueProfile] = {}
        self._warming: set[date] = set()
        self._lock = threading.Lock()

    @property
    def ready_count(self) -> int:
        """How many (date, venue) profiles were built in this process and are held."""
        return len(self._profiles)

    def ready_on(self, day: date) -> int:
        """How many venues have a profile ready for ``day`` (prebuilt or built here)."""
        return sum(self.get(day, venue_id) is not None for venue_id in self.ds.venues)

    def get(self, day: date, venue_id: str) -> VenueProfile | None:
        """The profile of ``venue_id`` for ``day`` if one is ready, else None. Never builds."""
        profile = self._profiles.get((day, venue_id))
        if profile is None and self.prebuilt is not None:
            profile = self.prebuilt(day, venue_id)
        return profile

    def build(self, day: date, venue_id: str) -> VenueProfile:
        """Build one profile now (blocking) and keep it for ``get``."""
        with schedule_only():   # a profile is read by the timetable's trip numbers
            profile = build_profile(self.ds, venue_id, day, self.settings)
        with self._lock:
            self._profiles[(day, venue_id)] = profile
            dates = sorted({d for d, _ in self._profiles}, reverse=True)
            for old in dates[self.keep_dates:]:
                for key in [k for k in self._profiles if k[0] == old]:
                    del self._profiles[key]
        return profile

    def warm(self, days: Iterable[date]) -> threading.Thread | None:
        """Build, in one daemon thread, every venue's profile for each of ``days`` that the
        dataset covers and that is neither ready nor being built (the numba sweep releases
        the GIL, so requests keep being served). Returns the thread, or None when there is
        nothing to build. Failures are logged, never raised."""
        with self._lock:
            todo = [d for d in dict.fromkeys(days)
                    if d not in self._warming and self.ds.covers(d)
                    and any(self.get(d, v) is None for v in self.ds.venues)]
            self._warming.update(todo)
        if not todo:
            return None

        def work() -> None:
            try:
                for day in todo:
                    for venue_id in self.ds.venues:
                        if self.get(day, venue_id) is not None:
                            continue
                        try:
                            started = time.perf_counter()
                            self.build(day, venue_id)
                            log.info("venue profile %s %s ready in %.1f s", venue_id, day,
                                     time.perf_counter() - started)
                        except Exception:  # noqa: BLE001 - never kill the service from here
                            log.exception("profile %s %s failed", venue_id, day)
            finally:
                with self._lock:
                    self._warming.difference_update(todo)

        thread = threading.Thread(target=work, name="menuju-profiles", daemon=True)
        thread.start()
        return thread


def build_profiles(ds: Dataset, day: date, store: ProfileStore | None = None) -> ProfileStore:
    """Build every venue's profile for ``day`` now (blocking) into ``store`` (a new one when
    None); returns the store."""
    store = store or ProfileStore(ds)
    for venue_id in ds.venues:
        store.build(day, venue_id)
    return store
