"""Travel times from any places to a venue (a grid of points, a user's position), read from
the same profile entries as a :class:`~routing.plan.reachability.Reach`, with the walks the
planner takes: to any one stop within ``max_walk_m`` (through its station's exits) and ride
from there; or straight to an entrance.

All array work: points and stops are paired on a grid of cells as wide as the longest walk,
the walks computed at once, and each (point, stop) pair looked up in the entries once.
"""

from __future__ import annotations

import math

import numpy as np

from routing.data.dataset import Dataset
from routing.geo import EARTH_RADIUS_M, haversine_pairs_m, walk_time_s
from routing.kernel.reach import NEVER_S, arrivals_for_pairs, latest_leave
from routing.plan.reachability import Reach, entrances_for, station_exits
from routing.plan.search import stop_filter

__all__ = ["point_times"]


def _portals(ds: Dataset, reach: Reach) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Where a walk to each usable stop ends: the stop itself, or each of its station's exits
    (step-free ones for wheelchair settings where there are any), with the metres (straight)
    from the exit to the platform. Returns (stop, lat, lon, extra_m)."""
    net = ds.network
    ok = stop_filter(net, reach.settings.wheelchair).astype(bool)
    stops = np.flatnonzero(ok)
    counts = (net.exit_ptr[stops + 1] - net.exit_ptr[stops]).astype(np.int64)
    plain = stops[counts == 0]
    through = stops[counts > 0]
    owner, exits = station_exits(net, through, reach.settings.wheelchair)
    extra = haversine_pairs_m(net.stops.lat[owner], net.stops.lon[owner], net.exit_lat[exits],
                    net.exit_lon[exits])
    return (np.concatenate([plain, owner]),
            np.concatenate([net.stops.lat[plain], net.exit_lat[exits]]),
            np.concatenate([net.stops.lon[plain], net.exit_lon[exits]]),
            np.concatenate([np.zeros(len(plain)), extra]))


def _access(ds: Dataset, reach: Reach, lat: np.ndarray, lon: np.ndarray
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(point, stop, walk seconds) for every stop within ``max_walk_m`` of each point, the
    shortest way (as :meth:`routing.data.network.Network.stops_near`)."""
    settings, detour = reach.settings, ds.network.settings.detour
    stop, plat, plon, extra = _portals(ds, reach)
    lat0 = float(np.mean(lat))
    ky = math.radians(1) * EARTH_RADIUS_M
    kx = ky * math.cos(math.radians(lat0))
    cell = settings.max_walk_m / detour + 1.0
    pcx, pcy = np.floor(plon * kx / cell).astype(np.int64), np.floor(plat * ky / cell)
    pcy = pcy.astype(np.int64)
    key = pcx * 1_000_003 + pcy
    order = np.argsort(key, kind="stable")
    key = key[order]
    qx, qy = np.floor(lon * kx / cell).astype(np.int64), np.floor(lat * ky / cell)
    qy = qy.astype(np.int64)
    points, portals = [], []
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            want = (qx + dx) * 1_000_003 + (qy + dy)
            lo, hi = np.searchsorted(key, want), np.searchsorted(key, want, side="right")
            n = hi - lo
            points.append(np.repeat(np.arange(len(lat)), n))
            portals.append(order[np.repeat(lo, n) + np.arange(n.sum())
                                 - np.repeat(np.cumsum(n) - n, n)])
    pt, po = np.concatenate(points), np.concatenate(portals)
    walk = (haversine_pairs_m(lat[pt], lon[pt], plat[po], plon[po]) + extra[po]) * detour
    ok = walk <= settings.max_walk_m
    pt, st, metres = pt[ok], stop[po[ok]], np.ceil(walk[ok])
    order = np.lexsort((metres, st, pt))
    pt, st, metres = pt[order], st[order], metres[order]
    first = np.ones(len(pt), dtype=bool)
    first[1:] = (pt[1:] != pt[:-1]) | (st[1:] != st[:-1])
    pt, st, metres = pt[first], st[first], metres[first]
    return pt, st, np.asarray(walk_time_s(metres, settings.walk_speed)).astype(np.int64)


def point_times(ds: Dataset, reach: Reach, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """int32 travel seconds to ``reach``'s venue from each point (degrees), defined as for
    the bands (leaving at its time, or arriving by it); -1 where it is longer than the
    largest band (or the answer was made without entries)."""
    lat, lon = np.asarray(lat, dtype=np.float64), np.asarray(lon, dtype=np.float64)
    span_s = 60 * max([b.minutes for b in reach.bands], default=0) or 2**30
    best = np.full(len(lat), np.iinfo(np.int64).max, dtype=np.int64)
    entries, settings = reach.entries, reach.settings
    if entries is not None and len(lat):
        net = ds.network
        fp = net.footpaths(settings.walk_speed, settings.max_walk_m)
        ok = stop_filter(net, settings.wheelchair)
        pt, st, access = _access(ds, reach, lat, lon)
        if reach.arrive_by:
            latest, _ = latest_leave(entries.index, entries.leave_s, entries.arrive_s,
                                     entries.rounds, reach.max_round, np.int64(reach.time_s),
                                     ok, fp.ptr, fp.to, fp.dur_s, False)
            took = np.where(latest[st] > NEVER_S, reach.time_s - (latest[st] - access), best[0])
        else:
            arrival = arrivals_for_pairs(entries.index, entries.leave_s, entries.arrive_s,
                                         entries.rounds, reach.max_round, st.astype(np.int64),
                                         reach.time_s + access)
            took = np.where(arrival < -NEVER_S, arrival - reach.time_s, best[0])
        np.minimum.at(best, pt, took)
    detour = ds.network.settings.detour
    for e in entrances_for(ds, reach.venue_id, settings):
        metres = np.ceil(haversine_pairs_m(lat, lon, e.lat, e.lon) * detour)
        walk = np.where(metres <= settings.max_walk_m,
                        walk_time_s(metres, settings.walk_speed), best[0])
        best = np.minimum(best, walk)
    return np.where(best <= span_s, best, -1).astype(np.int32)
