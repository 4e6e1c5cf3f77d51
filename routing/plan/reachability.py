"""Reachability of a venue: from where, and from which stops, one gets there by transit and on
foot within so many minutes. Read from the venue profiles (one pass over the stops).

Travel time, precisely (``time`` is a moment on the service date, Jakarta time):

- depart-after (``arrive_by=False``): leaving a place at ``time``, the earliest arrival at the
  venue minus ``time``. Waiting for the first vehicle counts; leaving later never helps.
- arrive-by (``arrive_by=True``): ``time`` minus the latest departure from the place that
  still arrives by ``time``.

Journeys are the planner's (:func:`routing.plan.planner.plan` with the same settings): a walk
of at most ``max_walk_m`` to a stop (through a station's exit), optionally one footpath to
another stop, 1..max_transfers+1 rides with footpaths between them, a walk to an entrance;
or a direct walk of at most ``max_walk_m``. Walked metres are straight line x the detour
factor; seconds come from :func:`routing.geo.walk_time_s`.

Both variants reduce to one number per stop: the latest moment one may be ready at the stop
and still arrive by a deadline (:func:`routing.kernel.reach.latest_leave`). A place belongs
to the band of ``m`` minutes when some stop is within the walk that this leaves; so a band is
a union of disks, exact up to drawing (:mod:`routing.plan.reach_shapes`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from shapely.geometry import MultiPolygon

from routing import limits
from routing.data.artefact import window_note
from routing.data.dataset import Dataset
from routing.data.network import Network
from routing.errors import NoServiceError, QueryError, UnknownPlaceError
from routing.geo import haversine_many_m, haversine_pairs_m, walk_time_s
from routing.kernel.query import Footpaths
from routing.kernel.reach import NEVER_S, earliest_arrival, latest_leave
from routing.plan.profile_store import ProfileStore
from routing.plan.profiles import ProfileSettings
from routing.plan.reach_search import ProfileEntries, entries_for
from routing.plan.reach_shapes import area_km2, band_shapes
from routing.plan.search import stop_filter

__all__ = ["Band", "Reach", "band_minutes", "entrances_for", "reachability", "walk_reach_m"]


@dataclass
class Band:
    """Places from which the venue is reached within ``minutes``."""

    minutes: int
    shape: MultiPolygon    # WGS84 (lon, lat)
    area_km2: float
    stops: int             # boardable stops inside (their own travel time <= minutes)


@dataclass
class Reach:
    """One reachability answer. ``stop_s``: per stop index, travel seconds from the stop
    (standing there at ``time``; direct walk included), -1 beyond the largest band;
    ``stop_rides``: the fewest rides of a journey that fast."""

    venue_id: str
    service_date: date
    time_s: int
    arrive_by: bool
    settings: ProfileSettings
    source: str                       # "profile" (a ready venue profile) or "search"
    bands: list[Band]                 # empty when asked without shapes
    stop_s: np.ndarray                # int32 per stop
    stop_rides: np.ndarray            # int8 per stop: rides of that journey (0: walk only)
    timings_ms: dict[str, float] = field(default_factory=dict)
    #: what the answer was read from, for travel times of other places (reach_points)
    entries: ProfileEntries | None = None
    max_round: int = 0


def band_minutes(max_minutes: int, step_minutes: int) -> list[int]:
    """``[step, 2*step, ..., max]`` (the last band is ``max_minutes`` even when it is not a
    multiple). Raises QueryError naming the parameter for values out of
    :mod:`routing.limits` or too many bands."""
    for name, value, bound in (("max_minutes", max_minutes, limits.REACH_MAX_MINUTES),
                               ("step_minutes", step_minutes, limits.REACH_STEP_MINUTES)):
        if not bound.contains(value):
            raise QueryError(bound.describe(f"{name} is out of range"), parameter=name)
    minutes = list(range(step_minutes, max_minutes, step_minutes)) + [max_minutes]
    if len(minutes) > limits.REACH_MAX_BANDS:
        raise QueryError(f"max_minutes/step_minutes makes {len(minutes)} bands; at most "
                         f"{limits.REACH_MAX_BANDS} (raise step_minutes).",
                         parameter="step_minutes")
    return minutes


def reachability(ds: Dataset, venue_id: str, day: date, time_s: int, minutes: list[int], *,
                 arrive_by: bool = False, settings: ProfileSettings | None = None,
                 profiles: ProfileStore | None = None, max_transfers: int | None = None,
                 shapes: bool = True) -> Reach:
    """Bands of ``minutes`` (ascending, each within ``limits.REACH_MAX_MINUTES``) around
    ``venue_id`` for ``time_s`` on ``day``, and every stop's travel time.

    Read from ``profiles``' profile when it is ready and built with ``settings``; otherwise
    from a profile sweep over just the arrivals the bands need (a general search: seconds on
    the real feeds). ``max_transfers`` (at most the settings') reads fewer rounds of the
    same profile; ``shapes=False`` leaves the bands out (stop times only). Raises
    UnknownPlaceError (venue), NoServiceError (date), QueryError (settings or minutes out
    of range)."""
    settings = settings or ProfileSettings()
    if venue_id not in ds.venues:
        raise UnknownPlaceError(f"unknown venue {venue_id!r}", place=f"venue:{venue_id}")
    if not ds.covers(day):
        raise NoServiceError(window_note(ds, day) or f"no feed covers {day.isoformat()}",
                             parameter="time")
    if not minutes or minutes != sorted(set(minutes)) or minutes[0] < 1 or \
            minutes[-1] > limits.REACH_MAX_MINUTES.high:
        raise QueryError(f"minutes must rise from 1 to at most "
                         f"{int(limits.REACH_MAX_MINUTES.high)}", parameter="minutes")
    clock = time.perf_counter()
    span_s = 60 * minutes[-1]
    window = (time_s - span_s, time_s) if arrive_by else (time_s, time_s + span_s)
    entries = entries_for(ds, venue_id, day, settings, window, profiles)
    timings = {"entries": _ms(clock)}
    net = ds.network
    stop_ok = stop_filter(net, settings.wheelchair)
    fp = net.footpaths(settings.walk_speed, settings.max_walk_m)
    transfers = settings.max_transfers if max_transfers is None else max_transfers
    if not 0 <= transfers <= settings.max_transfers:
        raise QueryError(f"max_transfers must be 0-{settings.max_transfers}",
                         parameter="max_transfers")
    max_round = transfers + 1
    deadlines = [time_s] if arrive_by else [time_s + 60 * m for m in minutes]

    def latest_by(deadline_s: int, walk_first: bool) -> tuple[np.ndarray, np.ndarray]:
        return latest_leave(entries.index, entries.leave_s, entries.arrive_s, entries.rounds,
                            max_round, np.int64(deadline_s), stop_ok, fp.ptr, fp.to,
                            fp.dur_s, walk_first)

    # places walk to one stop and ride from it (the planner's access walk: one walk, no
    # footpath on to another stop); a stop as the origin may first walk one footpath
    latest = [latest_by(d, False)[0] for d in deadlines]
    walk_s = _direct_walk_s(ds, venue_id, settings)
    stop_s, stop_rides = _stop_times(entries, latest_by(deadlines[-1], True), time_s,
                                     arrive_by, max_round, stop_ok, fp, walk_s, span_s)
    timings["stops"] = _ms(clock)
    if not shapes:
        return Reach(venue_id, day, time_s, arrive_by, settings, entries.source, [], stop_s,
                     stop_rides, timings, entries, max_round)
    # per band and stop: seconds of access walk the stop allows (-1: none)
    if arrive_by:
        allow = np.array([np.where(latest[0] > NEVER_S, latest[0] - time_s + 60 * m, -1)
                          for m in minutes])
    else:
        allow = np.array([np.where(ld > NEVER_S, ld - time_s, -1) for ld in latest])
    drawn = band_shapes(*_disks(ds, venue_id, settings, allow, [60 * m for m in minutes]))
    bands = [Band(m, shape, round(area_km2(shape), 2),
                  int(np.count_nonzero((stop_s >= 0) & (stop_s <= 60 * m))))
             for m, shape in zip(minutes, drawn, strict=True)]
    timings["bands"] = _ms(clock)
    return Reach(venue_id, day, time_s, arrive_by, settings, entries.source, bands, stop_s,
                 stop_rides, timings, entries, max_round)


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def _stop_times(entries: ProfileEntries, found: tuple[np.ndarray, np.ndarray], time_s: int,
                arrive_by: bool, max_round: int, stop_ok: np.ndarray, fp: Footpaths,
                walk_s: np.ndarray, span_s: int) -> tuple[np.ndarray, np.ndarray]:
    """Travel seconds from each stop at ``time_s`` (int32, -1 beyond ``span_s``) and the
    rides of that journey (int8, 0 for the direct walk); ``found`` are the latest departures
    (one footpath first allowed) and their rides for the last deadline."""
    never = np.iinfo(np.int32).max
    latest, rides = found
    if arrive_by:
        ride = np.where(latest > NEVER_S, time_s - latest, never)
    else:
        # only stops that make the last deadline can arrive within the span
        useful = (latest >= time_s).astype(np.uint8) & stop_ok
        arrival, rides = earliest_arrival(entries.index, entries.leave_s, entries.arrive_s,
                                          entries.rounds, max_round, np.int64(time_s), useful,
                                          fp.ptr, fp.to, fp.dur_s, stop_ok)
        ride = np.where(arrival < -NEVER_S, arrival - time_s, never)
    walk = np.where(walk_s >= 0, walk_s, never)
    best = np.minimum(ride, walk)
    rides = np.where(walk <= ride, 0, rides).astype(np.int8)
    within = best <= span_s
    return np.where(within, best, -1).astype(np.int32), np.where(within, rides, 0)


def _direct_walk_s(ds: Dataset, venue_id: str, settings: ProfileSettings) -> np.ndarray:
    """Per stop, seconds of the direct walk from the stop to the nearest entrance the
    settings allow (-1 beyond ``max_walk_m``)."""
    net = ds.network
    lat, lon = net.stops.lat, net.stops.lon
    best = np.full(len(lat), np.inf)
    for e in entrances_for(ds, venue_id, settings):
        best = np.minimum(best, np.ceil(haversine_many_m(e.lat, e.lon, lat, lon)
                                        * net.settings.detour))
    ok = best <= settings.max_walk_m
    seconds = np.full(len(lat), -1, dtype=np.int32)
    seconds[ok] = walk_time_s(best[ok], settings.walk_speed)
    return seconds


def entrances_for(ds: Dataset, venue_id: str, settings: ProfileSettings) -> list:
    """The entrances a journey may end at (step-free ones for wheelchair settings, where
    the venue marks any; as :func:`routing.plan.places.resolve_place` does)."""
    venue = ds.venues[venue_id]
    chosen = [e for e in venue.entrances if not (settings.wheelchair and e.step_free is False)]
    return chosen or list(venue.entrances)


def walk_reach_m(allow_s: np.ndarray, settings: ProfileSettings) -> np.ndarray:
    """Per entry of ``allow_s`` (seconds of walk allowed, -1 none): the most metres walked
    whose :func:`walk_time_s` fits, capped at ``max_walk_m``; -1 where nothing fits."""
    allow = np.asarray(allow_s, dtype=np.int64)
    metres = np.floor(np.maximum(allow, 0) * settings.walk_speed).astype(np.int64) + 1
    for _ in range(2):   # float rounding: step back until the walk fits
        metres -= (walk_time_s(metres.astype(np.float64), settings.walk_speed) > allow)
    metres = np.minimum(metres, settings.max_walk_m)
    return np.where(allow >= 0, metres, -1)


def station_exits(net: Network, through: np.ndarray, wheelchair: bool
                  ) -> tuple[np.ndarray, np.ndarray]:
    """The exits a walk to each stop of ``through`` (stop indices whose station has exits)
    passes: (owner stop, exit index) pairs, one per exit, stops in the given order; with
    ``wheelchair`` only the step-free exits of a stop that has any."""
    counts = (net.exit_ptr[through + 1] - net.exit_ptr[through]).astype(np.int64)
    owner = np.repeat(through, counts)
    firsts = np.repeat(net.exit_ptr[through].astype(np.int64) - np.cumsum(counts) + counts,
                       counts)
    exits = net.exit_idx[firsts + np.arange(len(owner))]
    if wheelchair:
        step_free = net.exit_step_free[exits]
        any_step_free = np.bincount(owner, weights=step_free, minlength=len(net.stops)) > 0
        keep = step_free | ~any_step_free[owner]
        owner, exits = owner[keep], exits[keep]
    return owner, exits


def _disks(ds: Dataset, venue_id: str, settings: ProfileSettings, allow_s: np.ndarray,
           spans_s: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Disks (centre lat, lon; straight-line radius in metres per band, [bands x disks])
    whose points reach a stop within the walk the band allows there (``allow_s``, [bands x
    stops]; through the station exits of a platform that has them, step-free ones for
    wheelchair settings where there are any), and the entrances within a direct walk."""
    net = ds.network
    detour = net.settings.detour
    reach_m = np.stack([walk_reach_m(row, settings) for row in allow_s])
    stops = np.flatnonzero(reach_m[-1] > 0)
    has_exits = net.exit_ptr[stops + 1] > net.exit_ptr[stops]
    plain = stops[~has_exits]
    lat = [net.stops.lat[plain]]
    lon = [net.stops.lon[plain]]
    radius = [reach_m[:, plain] / detour]
    # a platform with exits is walked to through one of them: a disk around each exit,
    # smaller by the exit's distance to the platform
    owner, exits = station_exits(net, stops[has_exits], settings.wheelchair)
    inside = haversine_pairs_m(net.stops.lat[owner], net.stops.lon[owner], net.exit_lat[exits],
                               net.exit_lon[exits])
    lat.append(net.exit_lat[exits])
    lon.append(net.exit_lon[exits])
    radius.append(reach_m[:, owner] / detour - inside[None, :])
    walk_m = walk_reach_m(np.array(spans_s), settings)
    for e in entrances_for(ds, venue_id, settings):
        lat.append(np.array([e.lat]))
        lon.append(np.array([e.lon]))
        radius.append(walk_m[:, None] / detour)
    return (np.concatenate(lat).astype(np.float64), np.concatenate(lon).astype(np.float64),
            np.concatenate(radius, axis=1).astype(np.float64))
