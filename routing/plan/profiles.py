"""Venue profiles: for one service date and venue, every stop's Pareto set of (leave by,
arrive at the venue, trips) over the whole day, so that a plan to a venue is a few binary
searches plus rebuilding the legs.

Profiles are built with the rRAPTOR sweep of :mod:`routing.kernel.profile` on the
time-reversed timetable, for one set of search settings (:class:`ProfileSettings`); a query
with other settings (walk speed, max walk, wheelchair, transfer slack, more than
``max_transfers``) falls back to the general search. They are cached on disk per (feed content
hash, date, venue, settings).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date

import numpy as np

from routing.data.dataset import Dataset
from routing.journeys import Query
from routing.kernel.profile import (
    BOARD_ALIGHT,
    CLOCK,
    KEY,
    ROUTE_KIND,
    TAU,
    A,
    access_with_one_walk,
    next_ride,
    pareto_keep,
    pick_entries,
    profile_sweep,
)
from routing.kernel.raptor import Footpaths
from routing.kernel.timetable import Timetable
from routing.plan.places import Endpoint, resolve_place
from routing.plan.reconstruct import Candidate, RawRide, RawWalk, sketch

__all__ = ["ProfileSettings", "VenueProfile", "build_profile", "profile_candidates"]



@dataclass(frozen=True)
class ProfileSettings:
    """The search settings a profile answers for (the API's defaults)."""

    walk_speed: float = 1.2
    max_walk_m: int = 1000
    wheelchair: bool = False
    transfer_slack_s: int = 60
    max_transfers: int = 4

    def covers(self, query: Query) -> bool:
        """True when a profile built with these settings answers ``query`` exactly."""
        return (query.walk_speed == self.walk_speed and query.max_walk_m == self.max_walk_m
                and query.wheelchair == self.wheelchair
                and query.transfer_slack_s == self.transfer_slack_s
                and query.max_transfers <= self.max_transfers)

    @property
    def key(self) -> str:
        return (f"v{self.walk_speed:g}-w{self.max_walk_m}-c{int(self.wheelchair)}"
                f"-s{self.transfer_slack_s}-t{self.max_transfers}")


@dataclass
class VenueProfile:
    """Profile rows sorted by (stop, round, leave_s); ``index`` is their CSR pointer over
    ``stop * rounds + round``. Ride and walk rows keep the reversed-timetable labels."""

    venue_id: str
    service_date: date
    settings: ProfileSettings
    rounds: int
    index: np.ndarray      # int64[n_stops * rounds + 1]
    leave_s: np.ndarray    # int32 latest time to leave the stop (forward clock)
    arrive_s: np.ndarray   # int32 arrival at the venue
    kind: np.ndarray       # int8 2 ride (walks are not stored: one footpath, added on reading)
    route: np.ndarray      # int32 reversed route (rides)
    a: np.ndarray          # int32 reversed trip (rides) or the stop walked to (walks)
    b: np.ndarray          # int16 reversed boarding position (rides)
    c: np.ndarray          # int16 reversed alighting position (rides)
    egress_s: np.ndarray | None = None   # int32 per stop: walk to the venue (-1: none)
    egress_via: np.ndarray | None = None  # int32 per stop: stop walked through first, or -1
    build_s: float = 0.0

    @property
    def n_entries(self) -> int:
        return len(self.leave_s)

    def rows(self, stop: int, rnd: int) -> tuple[int, int]:
        key = stop * self.rounds + rnd
        return int(self.index[key]), int(self.index[key + 1])


def build_profile(ds: Dataset, venue_id: str, day: date,
                  settings: ProfileSettings | None = None) -> VenueProfile:
    """Run the day's sweep for one venue."""
    settings = settings or ProfileSettings()
    started = time.perf_counter()
    net = ds.network
    reverse = ds.timetable(day, reverse=True)
    footpaths = net.reverse_footpaths(settings.walk_speed, settings.max_walk_m)
    venue = resolve_place(net, f"venue:{venue_id}", max_walk_m=settings.max_walk_m,
                          wheelchair=settings.wheelchair, role="to")
    walk_s = np.ceil(venue.walk_m / settings.walk_speed).astype(np.int32)
    rounds = settings.max_transfers + 2
    clocks = _source_clocks(reverse, footpaths, venue.stops, walk_s)
    rows = profile_sweep(
        reverse.route_stop_ptr, reverse.route_stops, reverse.route_board, reverse.route_alight,
        reverse.route_trip_ptr, reverse.route_time_ptr, reverse.arr_s, reverse.dep_s,
        reverse.stop_route_ptr, reverse.stop_route_ids, reverse.stop_route_pos,
        footpaths.ptr, footpaths.to, footpaths.dur_s, venue.stops, walk_s, clocks,
        np.int32(rounds - 1), np.int32(settings.transfer_slack_s),
    )
    leave = -rows[:, TAU]
    keys = rows[:, KEY]
    order = np.lexsort((leave, keys))
    index = np.zeros(len(net.stops) * rounds + 1, dtype=np.int64)
    index[1:] = np.cumsum(np.bincount(keys, minlength=len(net.stops) * rounds))
    route_kind = rows[:, ROUTE_KIND][order]
    board_alight = rows[:, BOARD_ALIGHT][order]
    egress_s, egress_via = _egress(len(net.stops), footpaths, venue.stops, walk_s)
    return VenueProfile(
        venue_id=venue_id, service_date=day, settings=settings, rounds=rounds, index=index,
        egress_s=egress_s, egress_via=egress_via,
        leave_s=leave[order].astype(np.int32), arrive_s=(-rows[:, CLOCK][order]).astype(np.int32),
        kind=(route_kind & 3).astype(np.int8), route=((route_kind >> 2) - 1).astype(np.int32),
        a=rows[:, A][order].astype(np.int32), b=(board_alight >> 16).astype(np.int16),
        c=(board_alight & 0xFFFF).astype(np.int16), build_s=time.perf_counter() - started,
    )


def _egress(n_stops: int, footpaths, stops: np.ndarray, walk_s: np.ndarray
            ) -> tuple[np.ndarray, np.ndarray]:
    """Round 0 of the sweep, once: each stop's walk to the venue, directly or through one
    other stop (as the kernel walks on from the stops next to the venue)."""
    egress = np.full(n_stops, -1, dtype=np.int32)
    via = np.full(n_stops, -1, dtype=np.int32)
    direct: dict[int, int] = {}
    for s, w in zip(stops.tolist(), walk_s.tolist(), strict=True):
        if s not in direct or w < direct[s]:
            direct[s] = w
    for s, w in direct.items():
        egress[s] = w
    for s, w in direct.items():
        for j in range(footpaths.ptr[s], footpaths.ptr[s + 1]):
            u = int(footpaths.to[j])
            t = w + int(footpaths.dur_s[j])
            if egress[u] < 0 or t < egress[u]:
                egress[u] = t
                via[u] = s
    return egress, via


def _source_clocks(reverse, footpaths, stops: np.ndarray, walk_s: np.ndarray) -> np.ndarray:
    """Every reversed clock at which leaving the venue can catch a new vehicle: a departure
    (reversed) at a stop within walking reach, less the walks; latest first."""
    clocks: list[np.ndarray] = []
    for s, w in zip(stops.tolist(), walk_s.tolist(), strict=True):
        reach = [(s, w)]
        for j in range(footpaths.ptr[s], footpaths.ptr[s + 1]):
            reach.append((int(footpaths.to[j]), w + int(footpaths.dur_s[j])))
        for u, offset in reach:
            for j in range(reverse.stop_route_ptr[u], reverse.stop_route_ptr[u + 1]):
                r, p = int(reverse.stop_route_ids[j]), int(reverse.stop_route_pos[j])
                s0 = int(reverse.route_stop_ptr[r])
                n = int(reverse.route_stop_ptr[r + 1] - s0)
                if not reverse.route_board[s0 + p]:
                    continue
                t0, t1 = int(reverse.route_trip_ptr[r]), int(reverse.route_trip_ptr[r + 1])
                base = int(reverse.route_time_ptr[r])
                clocks.append(reverse.dep_s[base + p: base + (t1 - t0) * n: n] - offset)
    if not clocks:
        return np.zeros(0, dtype=np.int32)
    return np.unique(np.concatenate(clocks))[::-1].astype(np.int32)


def profile_candidates(ds: Dataset, profile: VenueProfile, query: Query, origin: Endpoint,
                       destination: Endpoint) -> list[Candidate]:
    """Depart-after candidates for ``query`` from the profile (a superset of the Pareto set
    the planner keeps; it filters them as it filters the general search's)."""
    settings = profile.settings
    footpaths = ds.network.footpaths(settings.walk_speed, settings.max_walk_m)
    stops, access_s, via = access_with_one_walk(
        origin.stops, np.ceil(origin.walk_m / settings.walk_speed).astype(np.int64),
        len(ds.network.stops), footpaths.ptr, footpaths.to, footpaths.dur_s)
    rows = pick_entries(profile.index, profile.leave_s, profile.arrive_s, profile.rounds,
                        stops, access_s, np.int32(query.time_s),
                        query.max_transfers + 1, 2 * query.num_itineraries + 4,
                        np.int32(query.time_s + query.horizon_s))
    if not len(rows):
        return []
    keys = np.searchsorted(profile.index, rows, side="right") - 1
    at = np.searchsorted(stops, keys // profile.rounds)
    trips = keys % profile.rounds
    dep = profile.leave_s[rows] - access_s[at]
    arr = profile.arrive_s[rows]
    keep = np.flatnonzero(pareto_keep(dep.astype(np.int32), arr.astype(np.int32),
                                      trips.astype(np.int32), profile.rounds))
    # the planner keeps the earliest arrivals (latest departures on ties): rebuild only those,
    # with a few spare for rows that rebuild to the same journey
    keep = keep[np.lexsort((-dep[keep], arr[keep]))][:query.num_itineraries + 3]
    reverse = ds.timetable(profile.service_date, reverse=True)
    forward = ds.timetable(profile.service_date)
    candidates: list[Candidate] = []
    for i in keep.tolist():
        stop = int(stops[at[i]])
        first: list[RawRide | RawWalk] = []
        access_stop = stop
        if via[at[i]] >= 0:
            access_stop = int(via[at[i]])
            first = [RawWalk(access_stop, stop)]
        chain = _rebuild(profile, reverse, forward, footpaths, stop, int(rows[i]),
                         int(trips[i]))
        if chain is None:
            continue
        steps, egress_stop = chain
        candidates.append(sketch(ds, forward, first + steps, origin, access_stop, destination,
                                 egress_stop, settings.walk_speed))
    return candidates


def _rebuild(profile: VenueProfile, reverse: Timetable, forward: Timetable,
             footpaths: Footpaths, stop: int, row: int, rnd: int
             ) -> tuple[list[RawRide | RawWalk], int] | None:
    """Follow a ride row to the venue: forward steps and the stop walked from at the end.
    After each ride the soonest way on is taken: stay and ride again (after the slack), walk
    one footpath and ride, or walk to the venue."""
    steps: list[RawRide | RawWalk] = []
    slack = profile.settings.transfer_slack_s
    assert profile.egress_s is not None and profile.egress_via is not None
    for _ in range(profile.rounds + 1):
        r = int(profile.route[row])
        n = int(reverse.route_stop_ptr[r + 1] - reverse.route_stop_ptr[r])
        t0, t1 = int(reverse.route_trip_ptr[r]), int(reverse.route_trip_ptr[r + 1])
        trip = t1 - 1 - (int(profile.a[row]) - t0)  # trips run in reverse order
        board, alight = n - 1 - int(profile.c[row]), n - 1 - int(profile.b[row])
        fr = int(reverse.route_of_origin[r])
        steps.append(RawRide(fr, trip, board, alight))
        base = int(forward.route_time_ptr[fr]) + (trip - int(forward.route_trip_ptr[fr])) * n
        arrival = int(forward.arr_s[base + alight])
        stop = int(forward.route_stops[forward.route_stop_ptr[fr] + alight])
        rnd -= 1
        # (arrival at the venue, next row or -1 for the walk there, stop walked to or -1)
        options: list[tuple[int, int, int]] = []
        if profile.egress_s[stop] >= 0:
            options.append((arrival + int(profile.egress_s[stop]), -1, -1))
        if rnd > 0:
            found, walk_to, found_arr = next_ride(
                profile.index, profile.leave_s, profile.arrive_s, profile.rounds, rnd, stop,
                arrival, slack, footpaths.ptr, footpaths.to, footpaths.dur_s)
            if found >= 0:
                options.append((int(found_arr), int(found), int(walk_to)))
        if not options:
            return None
        _, row, walk_to = min(options)
        if row < 0:
            through = int(profile.egress_via[stop])
            if through >= 0:
                steps.append(RawWalk(stop, through))
                return steps, through
            return steps, stop
        if walk_to >= 0:
            steps.append(RawWalk(stop, walk_to))
    return None
