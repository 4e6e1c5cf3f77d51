"""Venue profiles held for serving: the settings they answer for, and a store of built
profiles by (service date, venue), cached on disk."""

from __future__ import annotations

import logging
import threading
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from routing.data.dataset import Dataset
from routing.data.diskcache import load_cached, save_cached
from routing.data.venues import JAKARTA_TZ
from routing.plan.profiles import ProfileSettings, VenueProfile, build_profile

__all__ = ["ProfileSettings", "ProfileStore", "build_profiles"]  # ProfileSettings re-exported

log = logging.getLogger(__name__)
CACHE_FORMAT = 8


class ProfileStore:
    """Built profiles by (date, venue) for one settings set, at most ``keep_dates`` dates in
    memory (the oldest goes first); cached on disk. ``get`` never blocks: a date not built yet
    is built in the background (every venue) and answers None until then."""

    def __init__(self, ds: Dataset, settings: ProfileSettings | None = None,
                 cache_dir: Path | None = None, keep_dates: int = 2,
                 build_on_demand: bool = True) -> None:
        self.ds = ds
        self.build_on_demand = build_on_demand
        self.settings = settings or ProfileSettings()
        self.cache_dir = cache_dir
        self.keep_dates = keep_dates
        self._profiles: dict[tuple[date, str], VenueProfile] = {}
        self._requested: set[date] = set()
        self._lock = threading.Lock()

    @property
    def ready_count(self) -> int:
        """How many (date, venue) profiles are in memory."""
        return len(self._profiles)

    def get(self, day: date, venue_id: str, *, build: bool = True) -> VenueProfile | None:
        """The profile if ready; otherwise (``build``, and ``day`` is today or tomorrow in
        Jakarta, so that queries for far dates cannot keep the CPU busy) start building
        ``day`` in the background, once, and return None."""
        profile = self._profiles.get((day, venue_id))
        if profile is None and build and self.build_on_demand and venue_id in self.ds.venues:
            today = datetime.now(JAKARTA_TZ).date()
            if today <= day <= today + timedelta(days=1):
                self.build_in_background([day])
        return profile

    def build(self, day: date, venue_id: str) -> VenueProfile:
        """Load from the disk cache or build now (blocking); keeps it for ``get``."""
        profile = self._load(day, venue_id)
        if profile is None:
            profile = build_profile(self.ds, venue_id, day, self.settings)
            self._save(profile)
        with self._lock:
            self._profiles[(day, venue_id)] = profile
            dates = sorted({d for d, _ in self._profiles}, reverse=True)
            for old in dates[self.keep_dates:]:
                for key in [k for k in self._profiles if k[0] == old]:
                    del self._profiles[key]
                self._requested.discard(old)
        return profile

    def build_in_background(self, days: list[date]) -> threading.Thread | None:
        """Build every venue's profile for each of ``days`` not asked for before, in a daemon
        thread (the numba sweep releases the GIL, so requests keep being served)."""
        with self._lock:
            days = [d for d in days if d not in self._requested and self.ds.covers(d)]
            self._requested.update(days)
        if not days:
            return None

        def work() -> None:
            for day in days:
                for venue_id in self.ds.venues:
                    try:
                        started = time.perf_counter()
                        self.build(day, venue_id)
                        log.info("venue profile %s %s ready in %.1f s", venue_id, day,
                                 time.perf_counter() - started)
                    except Exception:  # noqa: BLE001 - never kill the service from here
                        log.exception("profile %s %s failed", venue_id, day)

        thread = threading.Thread(target=work, name="menuju-profiles", daemon=True)
        thread.start()
        return thread

    def _path(self, day: date, venue_id: str) -> Path | None:
        if self.cache_dir is None:
            return None
        return self.cache_dir / (f"profile-v{CACHE_FORMAT}-{self.ds.content_hash}-"
                                 f"{day:%Y%m%d}-{venue_id}-{self.settings.key}.pkl")

    def _load(self, day: date, venue_id: str) -> VenueProfile | None:
        return load_cached(self._path(day, venue_id), VenueProfile)

    def _save(self, profile: VenueProfile) -> None:
        save_cached(self._path(profile.service_date, profile.venue_id), profile)



def build_profiles(ds: Dataset, day: date) -> ProfileStore:
    """Build (or load from the disk cache) every venue's profile for ``day`` now, attaching a
    store that builds nothing by itself (no background thread) when the dataset has none;
    returns the store."""
    if ds.profiles is None:
        ds.profiles = ProfileStore(ds, cache_dir=ds.cache_dir, build_on_demand=False)
    for venue_id in ds.venues:
        ds.profiles.build(day, venue_id)
    return ds.profiles
