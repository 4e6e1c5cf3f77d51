"""Where reachability reads its profile entries from: the ready venue profile of a
:class:`~routing.plan.profile_store.ProfileStore` when it was built with the asked settings,
else a profile sweep (the general search) over just the arrivals a reachability answer needs.

The sweep is :func:`routing.plan.profiles.build_profile`'s, restricted to the source clocks
whose arrival at the venue lies in the window: every entry arriving in the window is found
(entries arriving earlier are not needed; without them a few more, dominated, entries are
kept, which changes no latest departure or earliest arrival).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from routing.data.dataset import Dataset
from routing.geo import walk_time_s
from routing.journeys import VenueRef
from routing.kernel.profile import profile_sweep
from routing.kernel.query import raptor_query
from routing.kernel.raptor import run_raptor
from routing.memo import BoundedCache
from routing.plan.places import resolve_place
from routing.plan.profile_store import ProfileStore
from routing.plan.profiles import ProfileSettings, _source_clocks
from routing.plan.search import stop_filter, trip_filter

__all__ = ["ProfileEntries", "entries_for", "from_venue", "window_entries"]


@dataclass(frozen=True)
class ProfileEntries:
    """The columns of a venue profile that reachability reads (see
    :class:`routing.plan.profiles.VenueProfile`)."""

    index: np.ndarray     # int64[n_stops * rounds + 1] CSR over stop * rounds + round
    leave_s: np.ndarray   # int32 latest time to be ready at the stop
    arrive_s: np.ndarray  # int32 arrival at the venue
    rounds: int
    source: str           # "profile" or "search"


#: windowed sweeps by (network token, venue, date, settings key, window): a few at a time
_SWEEPS: BoundedCache[tuple, ProfileEntries] = BoundedCache(8)


def entries_for(ds: Dataset, venue_id: str, day: date, settings: ProfileSettings,
                window: tuple[int, int], profiles: ProfileStore | None) -> ProfileEntries:
    """Entries answering for ``settings``: the store's ready profile of (day, venue) if its
    settings are these, else :func:`window_entries` (cached for a few windows)."""
    if profiles is not None and profiles.settings == settings:
        profile = profiles.get(day, venue_id)
        if profile is not None:
            return ProfileEntries(profile.index, profile.leave_s, profile.arrive_s,
                                  profile.rounds, "profile")
    key = (ds.network.token, venue_id, day, settings.key, window)
    return _SWEEPS.get_or_build(key, lambda: window_entries(ds, venue_id, day, settings,
                                                            window))


def window_entries(ds: Dataset, venue_id: str, day: date, settings: ProfileSettings,
                   window: tuple[int, int]) -> ProfileEntries:
    """Profile entries of ``venue_id`` on ``day`` for ``settings`` that arrive at the venue
    within ``window`` (first, last arrival in seconds of the day): the rRAPTOR sweep on the
    reversed timetable over those source clocks only."""
    net = ds.network
    reverse = ds.timetable(day, reverse=True)
    footpaths = net.reverse_footpaths(settings.walk_speed, settings.max_walk_m)
    venue = resolve_place(net, VenueRef(venue_id), max_walk_m=settings.max_walk_m,
                          wheelchair=settings.wheelchair, role="to")
    walk_s = np.asarray(walk_time_s(venue.walk_m, settings.walk_speed))
    stop_ok = stop_filter(net, settings.wheelchair)
    trip_ok = trip_filter(reverse, settings.wheelchair)
    rounds = settings.max_transfers + 2
    clocks = _source_clocks(reverse, footpaths, venue.stops, walk_s, stop_ok)
    first, last = window
    clocks = clocks[(clocks >= -last) & (clocks <= -first)]
    index = np.zeros(len(net.stops) * rounds + 1, dtype=np.int64)
    if not len(clocks) or not len(venue.stops):
        empty = np.zeros(0, dtype=np.int32)
        return ProfileEntries(index, empty, empty, rounds, "search")
    rows = profile_sweep(
        reverse.arrays(), footpaths, source_stops=venue.stops, source_s=walk_s,
        clocks=np.ascontiguousarray(clocks), max_rides=rounds - 1,
        transfer_slack_s=settings.transfer_slack_s, stop_ok=stop_ok, trip_ok=trip_ok)
    leave = -rows.arrival_s.astype(np.int64)
    keys = rows.stop.astype(np.int64) * rounds + rows.rnd
    order = np.lexsort((leave, keys))
    index[1:] = np.cumsum(np.bincount(keys, minlength=len(net.stops) * rounds))
    return ProfileEntries(index, leave[order].astype(np.int32),
                          (-rows.clock_s[order]).astype(np.int32), rounds, "search")


def from_venue(ds: Dataset, venue_id: str, day: date, time_s: int, settings: ProfileSettings,
               max_transfers: int, span_s: int) -> tuple[np.ndarray, np.ndarray]:
    """The other way round, for MOTIS's one-to-all from a venue: leaving the venue at
    ``time_s`` (walking out through any entrance), the earliest arrival at every stop within
    ``span_s`` (int64, -1 for none) and the fewest rides that make it (int8; 0: walked). One
    general forward search (the profiles only lead to the venue). Raises UnknownPlaceError."""
    net = ds.network
    table = ds.timetable(day)
    venue = resolve_place(net, VenueRef(venue_id), max_walk_m=settings.max_walk_m,
                          wheelchair=settings.wheelchair, role="from")
    result = run_raptor(table.arrays(), net.footpaths(settings.walk_speed, settings.max_walk_m),
                        raptor_query(
        source_stops=venue.stops,
        source_s=np.asarray(walk_time_s(venue.walk_m, settings.walk_speed)),
        clocks=[time_s], stop_ok=stop_filter(net, settings.wheelchair),
        trip_ok=trip_filter(table, settings.wheelchair), max_rides=max_transfers + 1,
        transfer_slack_s=settings.transfer_slack_s, cutoff_s=time_s + span_s + 1))
    labels = np.minimum(result.ride_s, result.walk_s).astype(np.int64)
    best = labels.min(axis=0)
    rides = labels.argmin(axis=0).astype(np.int8)   # the first round reaching the best
    reached = best <= time_s + span_s
    return np.where(reached, best, -1), np.where(reached, rides, 0).astype(np.int8)
