"""Venue profiles: for one service date and venue, every stop's Pareto set of (leave by,
arrive at the venue, rides) over the whole day, so that a plan to a venue is a few binary
searches plus rebuilding the legs.

Profiles are built with the rRAPTOR sweep of :mod:`routing.kernel.profile` on the
time-reversed timetable, for one set of search settings (:class:`ProfileSettings`, wheelchair
settings included); a query with other settings (walk speed, max walk, wheelchair, transfer
slack, more than ``max_transfers``) falls back to the general search.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from functools import partial

import numpy as np

from routing.data.dataset import Dataset
from routing.data.network import Network
from routing.geo import walk_time_s
from routing.journeys import Query
from routing.kernel.profile import follow_entry, pick_candidates, profile_sweep
from routing.kernel.query import Footpaths
from routing.kernel.timetable import Timetable, forward_ride
from routing.memo import BoundedCache
from routing.plan.places import Endpoint, resolve_place
from routing.plan.reconstruct import (
    Candidate,
    RawRide,
    RawWalk,
    Sketch,
    candidate_from_steps,
)
from routing.plan.search import stop_filter, trip_filter

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
    """Profile entries sorted by (stop, round, leave_s); ``index`` is their CSR pointer over
    ``stop * rounds + round``. Each entry is the first ride of a journey from that stop with
    ``round`` rides, in the forward timetable's numbers. Walks are not stored: a walk before
    a ride is one footpath, added when reading."""

    venue_id: str
    service_date: date
    settings: ProfileSettings
    rounds: int
    index: np.ndarray       # int64[n_stops * rounds + 1]
    leave_s: np.ndarray     # int32 latest time to leave the stop (forward clock)
    arrive_s: np.ndarray    # int32 arrival at the venue
    route: np.ndarray       # int32 forward route of the entry's ride
    trip: np.ndarray        # int32 forward global trip
    board_pos: np.ndarray   # int16 boarding position on the route
    alight_pos: np.ndarray  # int16 alighting position
    egress_s: np.ndarray    # int32 per stop: walk to the venue (-1: none)
    egress_via: np.ndarray  # int32 per stop: stop walked through first, or -1
    build_s: float = 0.0

    @property
    def n_entries(self) -> int:
        return len(self.leave_s)

    def rows(self, stop: int, rnd: int) -> tuple[int, int]:
        key = stop * self.rounds + rnd
        return int(self.index[key]), int(self.index[key + 1])


def build_profile(ds: Dataset, venue_id: str, day: date,
                  settings: ProfileSettings | None = None) -> VenueProfile:
    """Run the day's sweep for one venue with ``settings`` (walking, wheelchair, slack,
    transfers), on the reversed timetable from the venue's stops."""
    settings = settings or ProfileSettings()
    started = time.perf_counter()
    net = ds.network
    reverse = ds.timetable(day, reverse=True)
    footpaths = net.reverse_footpaths(settings.walk_speed, settings.max_walk_m)
    venue = resolve_place(net, f"venue:{venue_id}", max_walk_m=settings.max_walk_m,
                          wheelchair=settings.wheelchair, role="to")
    walk_s = walk_time_s(venue.walk_m, settings.walk_speed)
    stop_ok = stop_filter(net, settings.wheelchair)
    trip_ok = trip_filter(reverse, settings.wheelchair)
    rounds = settings.max_transfers + 2
    rows = profile_sweep(
        reverse.arrays(), footpaths, source_stops=venue.stops, source_s=walk_s,
        clocks=_source_clocks(reverse, footpaths, venue.stops, walk_s, stop_ok),
        max_rides=rounds - 1, transfer_slack_s=settings.transfer_slack_s,
        stop_ok=stop_ok, trip_ok=trip_ok)
    leave = -rows.arrival_s
    keys = rows.stop * rounds + rows.rnd
    order = np.lexsort((leave, keys))
    index = np.zeros(len(net.stops) * rounds + 1, dtype=np.int64)
    index[1:] = np.cumsum(np.bincount(keys, minlength=len(net.stops) * rounds))
    route, trip, board, alight = forward_ride(reverse, rows.route[order], rows.trip[order],
                                              rows.board_pos[order], rows.alight_pos[order])
    egress_s, egress_via = _egress(len(net.stops), footpaths, venue.stops, walk_s, stop_ok)
    return VenueProfile(
        venue_id=venue_id, service_date=day, settings=settings, rounds=rounds, index=index,
        leave_s=leave[order].astype(np.int32),
        arrive_s=(-rows.clock_s[order]).astype(np.int32),
        route=route.astype(np.int32), trip=trip.astype(np.int32),
        board_pos=board.astype(np.int16), alight_pos=alight.astype(np.int16),
        egress_s=egress_s, egress_via=egress_via, build_s=time.perf_counter() - started,
    )


def _egress(n_stops: int, footpaths: Footpaths, stops: np.ndarray, walk_s: np.ndarray,
            stop_ok: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Round 0 of the sweep, once: each stop's walk to the venue (one walk: never through
    another stop first, as the kernel never walks twice in a row); ``via`` stays -1."""
    egress = np.full(n_stops, -1, dtype=np.int32)
    via = np.full(n_stops, -1, dtype=np.int32)
    direct: dict[int, int] = {}
    for s, w in zip(stops.tolist(), walk_s.tolist(), strict=True):
        if stop_ok[s] and (s not in direct or w < direct[s]):
            direct[s] = w
    for s, w in direct.items():
        egress[s] = w
    return egress, via


def _source_clocks(reverse: Timetable, footpaths: Footpaths, stops: np.ndarray,
                   walk_s: np.ndarray, stop_ok: np.ndarray) -> np.ndarray:
    """Every reversed clock at which leaving the venue can catch a new vehicle: a departure
    (reversed) at a stop within walking reach, less the walk; latest first."""
    clocks: list[np.ndarray] = []
    for s, w in zip(stops.tolist(), walk_s.tolist(), strict=True):
        if not stop_ok[s]:
            continue
        for u, offset in [(s, w)]:
            if not stop_ok[u]:
                continue
            for r, p in reverse.routes_at(u):
                if reverse.can_board(r, p):
                    clocks.append(reverse.departures_at(r, p) - offset)
    if not clocks:
        return np.zeros(0, dtype=np.int32)
    return np.unique(np.concatenate(clocks))[::-1].astype(np.int32)


#: :func:`routing.plan.search.stop_filter` by (network token, wheelchair): read per plan
_STOP_OK: BoundedCache[tuple[str, bool], np.ndarray] = BoundedCache(8)


def _stop_ok(network: Network, wheelchair: bool) -> np.ndarray:
    """uint8 per stop, 1 where the profile's settings may get on or off (made once)."""
    return _STOP_OK.get_or_build((network.token, wheelchair),
                                 lambda: stop_filter(network, wheelchair))


def profile_candidates(ds: Dataset, profile: VenueProfile, query: Query, origin: Endpoint,
                       destination: Endpoint) -> list[Sketch]:
    """Depart-after candidates for ``query`` from the profile (a superset of the Pareto set
    the planner keeps; it filters them as it filters the general search's), as sketches
    with exact times, earliest arrival first: their legs are followed when chosen."""
    settings = profile.settings
    footpaths = ds.network.footpaths(settings.walk_speed, settings.max_walk_m)
    # one walk to the first stop, never walk on to another before the first ride
    ok = _stop_ok(ds.network, settings.wheelchair)[origin.stops] != 0
    stops = origin.stops[ok].astype(np.int32)
    access_s = np.asarray(walk_time_s(origin.walk_m[ok], settings.walk_speed), dtype=np.int32)
    # the planner keeps the earliest arrivals (latest departures on ties) of the Pareto set
    # the general search finds, on (departure, arrival, rides) and again with walking
    # counted as time (it prefers waiting at the nearest stop to walking ahead to board the
    # same way, routing.plan.choose): rebuild for each number of rides the earliest few of
    # the union (a later one with fewer rides may make an earlier one not worth showing), a
    # spare for rows that rebuild to the same journey
    rows, at, rides, dep, arr = pick_candidates(
        profile.index, profile.leave_s, profile.arrive_s, profile.rounds, stops, access_s,
        np.int32(query.time_s), query.max_transfers + 1, 2 * query.num_itineraries + 4,
        np.int32(query.time_s + query.horizon_s), query.num_itineraries + 1)
    if not len(rows):
        return []
    forward = ds.timetable(profile.service_date)
    sketches: list[Sketch] = []
    for row, stop, n, dep_s, arr_s, route, trip, board in zip(
            rows.tolist(), stops[at].tolist(), rides.tolist(), dep.tolist(), arr.tolist(),
            profile.route[rows].tolist(), profile.trip[rows].tolist(),
            profile.board_pos[rows].tolist(), strict=True):
        sketches.append(Sketch(
            profile.service_date, dep_s, arr_s,
            (forward.info_of(trip).trip_id, forward.dep_at(route, trip, board)),
            partial(_candidate, ds, profile, forward, footpaths, row, n, origin, stop,
                    destination)))
    return sketches


def _candidate(ds: Dataset, profile: VenueProfile, forward: Timetable, footpaths: Footpaths,
               row: int, rides: int, origin: Endpoint, stop: int, destination: Endpoint
               ) -> Candidate | None:
    """The candidate of profile entry ``row`` (boarded at ``stop`` after the access walk),
    followed to the venue; None when the chain breaks."""
    chain = _follow_entries(profile, forward, footpaths, row, rides)
    if chain is None:
        return None
    steps, egress_stop, times = chain
    return candidate_from_steps(ds, forward, steps, origin, stop, destination, egress_stop,
                                profile.settings.walk_speed, ride_times=times)


def _follow_entries(profile: VenueProfile, forward: Timetable, footpaths: Footpaths, row: int,
                    rnd: int
                    ) -> tuple[list[RawRide | RawWalk], int, list[tuple[int, int]]] | None:
    """Follow an entry (its ride first) to the venue: forward steps, the stop walked from at
    the end and each ride's (departure, arrival) in seconds
    (:func:`routing.kernel.profile.follow_entry`: after each ride the soonest way on, staying
    to ride again after the slack, walking one footpath and riding, or walking to the venue);
    None when the chain breaks."""
    table, n, egress_stop = follow_entry(
        forward.arrays(), footpaths, profile.index, profile.leave_s, profile.arrive_s,
        profile.rounds, profile.route, profile.trip, profile.board_pos, profile.alight_pos,
        profile.egress_s, profile.settings.transfer_slack_s, row, rnd)
    if egress_stop < 0:
        return None
    steps: list[RawRide | RawWalk] = []
    times: list[tuple[int, int]] = []
    for kind, a, b, c, d, dep_s, arr_s in table[:n].tolist():
        if kind == 0:
            steps.append(RawRide(a, b, c, d))
            times.append((dep_s, arr_s))
        else:
            steps.append(RawWalk(a, b))
    return steps, int(egress_stop), times
