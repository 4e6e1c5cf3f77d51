"""The street-side network (NetworkX): stops, stations, entrances, venue entrances, walking.

Built by :mod:`routing.data.build_network`. Nodes are public ids (``mrt:GASN01``,
``venue:asean-secretariat:gate-a``); every edge carries ``walk_m`` (metres walked, straight
line x detour factor, or a pathway's length) and/or ``ride_s`` (the shortest scheduled run
between two consecutive stops of some route), plus ``lb_s``, a lower bound on the seconds the
edge takes (walking at ``MAX_WALK_SPEED``). Footpaths for the search and per-venue lower
bounds are derived from it once.
"""

from __future__ import annotations

import heapq
import math
import uuid
from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from routing import limits
from routing.data.venues import Venue
from routing.errors import UnknownPlaceError
from routing.geo import haversine_m, haversine_many_m
from routing.kernel.query import NO_RULES, TransferRules
from routing.kernel.raptor import UNREACHABLE_S, Footpaths
from routing.memo import BoundedCache

__all__ = ["MAX_ACCESS_M", "MAX_WALK_SPEED", "Network", "StopTable", "WalkSettings"]

MAX_WALK_SPEED = limits.WALK_SPEED_MPS.high   # m/s: the fastest walk a query may ask for
MAX_ACCESS_M = int(limits.MAX_WALK_M.high)    # the largest max_walk_m a query may ask for


@dataclass(frozen=True)
class WalkSettings:
    """The walking model: detour factor and transfer radius (metres of straight line)."""

    detour: float = limits.WALK_DETOUR
    transfer_radius_m: float = limits.TRANSFER_RADIUS_M


@dataclass
class StopTable:
    """Boardable stops (GTFS location_type 0), indexed 0..n-1 for the search."""

    ids: list[str]
    names: list[str]
    lat: np.ndarray
    lon: np.ndarray
    parent: list[str | None]
    platform: list[str | None]
    wheelchair: np.ndarray          # int8: 0 unknown, 1 step-free, 2 not (parent inherited)
    index: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.index = {stop_id: i for i, stop_id in enumerate(self.ids)}

    def __len__(self) -> int:
        return len(self.ids)


@dataclass
class Network:
    """The graph plus the arrays the search needs, built once per feed set."""

    graph: nx.DiGraph
    stops: StopTable
    settings: WalkSettings
    fp_ptr: np.ndarray        # int32 CSR over stops
    fp_to: np.ndarray         # int32
    fp_walk_m: np.ndarray     # int32 metres walked
    fp_min_s: np.ndarray      # int32 minimum time (pathways.txt traversal_time), 0 if none
    children: dict[str, list[str]]   # station id -> its platforms / entrances
    venues: dict[str, Venue]
    exit_ptr: np.ndarray       # int32[n_stops + 1] CSR into exit_idx: a platform's exits
    exit_idx: np.ndarray       # int32 index into the exit_* arrays
    exit_ids: list[str]        # station entrances (GTFS location_type 2)
    exit_lat: np.ndarray
    exit_lon: np.ndarray
    exit_step_free: np.ndarray  # bool: wheelchair_boarding == 1
    #: transfers.txt rules (types 0-3) for forward and reversed searches (kernel arrays)
    rules: tuple[TransferRules, TransferRules] = (NO_RULES, NO_RULES)
    #: identifies this network in caches kept by other layers (a reloaded one gets a new one)
    token: str = field(default_factory=lambda: uuid.uuid4().hex, init=False)
    _lat_order: np.ndarray = field(init=False, repr=False)
    _footpaths: BoundedCache[tuple[str, float, int], Footpaths] = field(
        default_factory=lambda: BoundedCache(32), init=False, repr=False)
    _lower_bounds: BoundedCache[str, np.ndarray] = field(
        default_factory=lambda: BoundedCache(64), init=False, repr=False)

    def __post_init__(self) -> None:
        self._lat_order = np.argsort(self.stops.lat)

    # -- places ---------------------------------------------------------------------------
    def node(self, place_id: str) -> dict:
        """Attributes of a stop, station, entrance or venue entrance node."""
        try:
            return self.graph.nodes[place_id]
        except KeyError:
            raise UnknownPlaceError(f"unknown stop or station {place_id!r}",
                                    place=place_id) from None

    def platforms_of(self, place_id: str) -> list[int]:
        """Boardable stop indices of a stop (itself), a station (its platforms), or an
        entrance, generic node or boarding area (its station's platforms)."""
        node = self.node(place_id)
        if place_id in self.stops.index:
            return [self.stops.index[place_id]]
        if node.get("kind") in ("entrance", "node", "boarding_area") and node.get("parent"):
            place_id = node["parent"]
            if place_id in self.stops.index:
                return [self.stops.index[place_id]]
        return [self.stops.index[c] for c in self.children.get(place_id, ())
                if c in self.stops.index]

    def routes_serving(self, place_id: str) -> set[str]:
        """GTFS route ids that call at a stop or at any platform of a station."""
        routes: set[str] = set()
        for stop in [place_id, *self.children.get(place_id, ())]:
            for _, _, data in self.graph.out_edges(stop, data=True):
                routes.update(data.get("routes", ()))
            for _, _, data in self.graph.in_edges(stop, data=True):
                routes.update(data.get("routes", ()))
        return routes

    def stops_near(self, lat: float, lon: float, max_walk_m: float, *,
                   wheelchair: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Stop indices (ascending) within ``max_walk_m`` of walking, the metres walked to
        each, and the station exit walked through (index into ``exit_ids``, -1 for none).

        A platform of a station with exits is reached through its best exit (step-free ones
        for wheelchair users, where the station has any). Only the band of latitudes within
        reach is measured."""
        order = self._lat_order
        reach_deg = max_walk_m / self.settings.detour / 111_000.0 + 1e-6
        lats = self.stops.lat[order]
        lo, hi = np.searchsorted(lats, [lat - reach_deg, lat + reach_deg])
        band = np.sort(order[lo:hi])
        walk = haversine_many_m(lat, lon, self.stops.lat[band], self.stops.lon[band])
        walk *= self.settings.detour
        keep = walk <= max_walk_m   # a walk through an exit is never shorter
        band, walk = band[keep], walk[keep]
        exits = np.full(len(band), -1, dtype=np.int32)
        for i in np.flatnonzero(self.exit_ptr[band + 1] > self.exit_ptr[band]).tolist():
            s = int(band[i])
            options = self.exit_idx[self.exit_ptr[s]:self.exit_ptr[s + 1]]
            if wheelchair and self.exit_step_free[options].any():
                options = options[self.exit_step_free[options]]
            via = (haversine_many_m(lat, lon, self.exit_lat[options], self.exit_lon[options])
                   + haversine_many_m(float(self.stops.lat[s]), float(self.stops.lon[s]),
                                      self.exit_lat[options], self.exit_lon[options]))
            best = int(np.argmin(via))
            walk[i] = via[best] * self.settings.detour
            exits[i] = int(options[best])
        keep = walk <= max_walk_m
        return (band[keep].astype(np.int32), np.ceil(walk[keep]).astype(np.int32),
                exits[keep])

    def walk_between(self, lat1: float, lon1: float, place1: str | None, lat2: float,
                     lon2: float, place2: str | None, *, wheelchair: bool = False
                     ) -> tuple[int, int]:
        """Metres walked between two points, leaving (or entering) a station named by
        ``place1`` (``place2``) through its best exit; returns (metres, exit index or -1)."""
        metres, via = self.walk_m(lat1, lon1, lat2, lon2), -1
        for place, (lat, lon), (other_lat, other_lon) in (
            (place1, (lat1, lon1), (lat2, lon2)), (place2, (lat2, lon2), (lat1, lon1)),
        ):
            exits = self._exits_of_station(place, wheelchair)
            if not len(exits):
                continue
            through = (haversine_many_m(lat, lon, self.exit_lat[exits], self.exit_lon[exits])
                       + haversine_many_m(other_lat, other_lon, self.exit_lat[exits],
                                          self.exit_lon[exits]))
            k = int(np.argmin(through))
            metres, via = math.ceil(through[k] * self.settings.detour), int(exits[k])
            break
        return metres, via

    def _exits_of_station(self, place: str | None, wheelchair: bool) -> np.ndarray:
        """Exit indices of a station (or of a platform's station); empty for anything else."""
        if place is None or place not in self.graph:
            return np.zeros(0, dtype=np.int32)
        platforms = self.platforms_of(place)
        if not platforms:
            return np.zeros(0, dtype=np.int32)
        s = platforms[0]
        exits = self.exit_idx[self.exit_ptr[s]:self.exit_ptr[s + 1]]
        if wheelchair and self.exit_step_free[exits].any():
            exits = exits[self.exit_step_free[exits]]
        return exits

    def walk_m(self, lat1: float, lon1: float, lat2: float, lon2: float) -> int:
        """Metres walked between two points (straight line x detour)."""
        return math.ceil(haversine_m(lat1, lon1, lat2, lon2) * self.settings.detour)

    # -- search inputs --------------------------------------------------------------------
    def footpaths(self, walk_speed: float, max_walk_m: float) -> Footpaths:
        """Footpaths at one walking speed, dropping walks longer than ``max_walk_m``."""
        return self._footpaths.get_or_build(
            ("forward", round(walk_speed, 3), int(max_walk_m)),
            lambda: self._build_footpaths(walk_speed, max_walk_m))

    def _build_footpaths(self, walk_speed: float, max_walk_m: float) -> Footpaths:
        keep = self.fp_walk_m <= max_walk_m
        owner = np.repeat(np.arange(len(self.stops), dtype=np.int32), np.diff(self.fp_ptr))
        owner = owner[keep]
        ptr = np.zeros(len(self.stops) + 1, dtype=np.int32)
        ptr[1:] = np.cumsum(np.bincount(owner, minlength=len(self.stops)))
        dur = np.maximum(np.ceil(self.fp_walk_m[keep] / walk_speed), self.fp_min_s[keep])
        return Footpaths(ptr, self.fp_to[keep].copy(), dur.astype(np.int32),
                         self.fp_walk_m[keep].copy(), self.rules[0])

    def reverse_footpaths(self, walk_speed: float, max_walk_m: float) -> Footpaths:
        """The same footpaths with every direction turned round (for arrive-by searches)."""
        return self._footpaths.get_or_build(
            ("reverse", round(walk_speed, 3), int(max_walk_m)),
            lambda: self._build_reverse_footpaths(walk_speed, max_walk_m))

    def _build_reverse_footpaths(self, walk_speed: float, max_walk_m: float) -> Footpaths:
        fwd = self.footpaths(walk_speed, max_walk_m)
        owner = np.repeat(np.arange(len(self.stops), dtype=np.int32), np.diff(fwd.ptr))
        order = np.lexsort((owner, fwd.to))
        ptr = np.zeros(len(self.stops) + 1, dtype=np.int32)
        ptr[1:] = np.cumsum(np.bincount(fwd.to, minlength=len(self.stops)))
        return Footpaths(ptr, owner[order].astype(np.int32), fwd.dur_s[order],
                         fwd.walk_m[order], self.rules[1])

    def lower_bounds_s(self, venue_id: str) -> np.ndarray:
        """Per stop, a lower bound on the seconds still needed to reach the venue (int32,
        ``UNREACHABLE_S`` where it cannot be reached). Read-only; built once per venue."""
        return self._lower_bounds.get_or_build(venue_id,
                                               lambda: self._build_lower_bounds(venue_id))

    def _build_lower_bounds(self, venue_id: str) -> np.ndarray:
        """Dijkstra backwards over the graph's ``lb_s`` weights from every stop near one of
        the venue's entrances, each starting at its walk at the fastest speed (the graph is
        only read: predecessors are walked through ``graph.pred``)."""
        venue = self.venues[venue_id]
        dist: dict[str, float] = {}
        for entrance in venue.entrances:
            near, walk, _ = self.stops_near(entrance.lat, entrance.lon, MAX_ACCESS_M)
            for s, w in zip(near.tolist(), walk.tolist(), strict=True):
                stop_id = self.stops.ids[s]
                dist[stop_id] = min(dist.get(stop_id, math.inf), w / MAX_WALK_SPEED)
        heap = [(d, node) for node, d in dist.items()]
        heapq.heapify(heap)
        done: set[str] = set()
        while heap:
            d, node = heapq.heappop(heap)
            if node in done:
                continue
            done.add(node)
            for prev, data in self.graph.pred[node].items():
                nd = d + data.get("lb_s", 0.0)
                if nd < dist.get(prev, math.inf):
                    dist[prev] = nd
                    heapq.heappush(heap, (nd, prev))
        bounds = np.full(len(self.stops), UNREACHABLE_S, dtype=np.int32)
        for node, seconds in dist.items():
            i = self.stops.index.get(node)
            if i is not None:
                bounds[i] = int(seconds)  # floor keeps it a lower bound
        bounds.setflags(write=False)
        return bounds
