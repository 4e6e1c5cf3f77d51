"""Build the street-side :class:`~routing.data.network.Network` from feeds and venues: the
NetworkX graph (stops, stations, entrances, pathways, transfers.txt, venue entrances, walking
and ride edges) and the footpath arrays derived from it. The only module that builds graphs."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd

from routing.data.gtfs import LoadedFeed
from routing.data.network import MAX_WALK_SPEED, Network, StopTable, WalkSettings
from routing.data.transfer_rules import compile_transfer_rules
from routing.data.venues import Venue
from routing.geo import haversine_m, haversine_many_m

__all__ = ["build_network"]


def build_network(
    feeds: list[LoadedFeed], venues: dict[str, Venue], settings: WalkSettings | None = None
) -> Network:
    """Build the graph, the stop table, the footpaths and the topology edges."""
    settings = settings or WalkSettings()
    all_stops = pd.concat([f.tables.stops for f in feeds], ignore_index=True)
    graph = nx.DiGraph()
    children: dict[str, list[str]] = {}
    kinds = {0: "stop", 1: "station", 2: "entrance", 3: "node", 4: "boarding_area"}
    parent_wheelchair = dict(zip(all_stops["stop_id"], all_stops["wheelchair_boarding"],
                                 strict=True))
    for row in all_stops.itertuples(index=False):
        parent = None if pd.isna(row.parent_station) else str(row.parent_station)
        graph.add_node(
            row.stop_id, name=_text(row.stop_name), lat=float(row.stop_lat),
            lon=float(row.stop_lon), kind=kinds.get(int(row.location_type), "stop"),
            parent=parent, feed=row.stop_id.split(":", 1)[0],
        )
        if parent is not None:
            children.setdefault(parent, []).append(row.stop_id)
    boardable = all_stops[all_stops["location_type"] == 0]
    wheelchair = []
    for row in boardable.itertuples(index=False):
        value = int(row.wheelchair_boarding)
        if value == 0 and pd.notna(row.parent_station):
            value = int(parent_wheelchair.get(row.parent_station, 0) or 0)
        wheelchair.append(value)
    stops = StopTable(
        ids=list(boardable["stop_id"]), names=[_text(n) for n in boardable["stop_name"]],
        lat=boardable["stop_lat"].to_numpy(dtype=np.float64),
        lon=boardable["stop_lon"].to_numpy(dtype=np.float64),
        parent=[None if pd.isna(p) else str(p) for p in boardable["parent_station"]],
        platform=[None if pd.isna(p) else str(p) for p in boardable.get(
            "platform_code", pd.Series([pd.NA] * len(boardable)))],
        wheelchair=np.asarray(wheelchair, dtype=np.int8),
    )
    walkable = all_stops[all_stops["location_type"].isin([0, 1, 2])]
    _add_walk_edges(graph, list(walkable["stop_id"]), walkable["stop_lat"].to_numpy(float),
                    walkable["stop_lon"].to_numpy(float), settings)
    _add_venue_nodes(graph, venues, walkable, settings)
    special = _add_feed_edges(graph, feeds)
    _add_ride_edges(graph, feeds)
    fp_ptr, fp_to, fp_walk_m, fp_min_s = _footpaths(graph, stops, settings, special)
    exits = _station_exits(all_stops, stops)
    _walk_through_exits(fp_ptr, fp_to, fp_walk_m, stops, exits, settings.detour)
    network = Network(graph, stops, settings, fp_ptr, fp_to, fp_walk_m, fp_min_s,
                      children=children, venues=venues, **exits)
    network.rules = compile_transfer_rules(feeds, stops.index, children)
    return network


def _station_exits(all_stops: pd.DataFrame, stops: StopTable) -> dict:
    """For every platform of a station with entrances, the entrances (its exits)."""
    entrances = all_stops[(all_stops["location_type"] == 2) & all_stops["parent_station"].notna()]
    exit_ids = list(entrances["stop_id"])
    by_station: dict[str, list[int]] = {}
    for i, parent in enumerate(entrances["parent_station"]):
        by_station.setdefault(str(parent), []).append(i)
    per_stop = [by_station.get(parent, []) if parent else [] for parent in stops.parent]
    ptr = np.zeros(len(stops) + 1, dtype=np.int32)
    ptr[1:] = np.cumsum([len(x) for x in per_stop])
    return {
        "exit_ptr": ptr,
        "exit_idx": np.array([i for x in per_stop for i in x], dtype=np.int32),
        "exit_ids": exit_ids,
        "exit_lat": entrances["stop_lat"].to_numpy(dtype=np.float64),
        "exit_lon": entrances["stop_lon"].to_numpy(dtype=np.float64),
        "exit_step_free": (entrances["wheelchair_boarding"] == 1).to_numpy(dtype=bool),
    }


def _walk_through_exits(fp_ptr: np.ndarray, fp_to: np.ndarray, fp_walk_m: np.ndarray,
                        stops: StopTable, exits: dict, detour: float) -> None:
    """Lengthen, in place, footpaths that leave or enter a station with exits: from a
    platform one walks out through an exit (the best pair of exits), not through walls.
    Walks between platforms of one station stay as they are."""
    ptr, idx = exits["exit_ptr"], exits["exit_idx"]
    lat, lon = exits["exit_lat"], exits["exit_lon"]

    def doors(stop: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(lat, lon, metres from the stop) of the ways out of ``stop``."""
        own = idx[ptr[stop]:ptr[stop + 1]]
        if not len(own):
            return (np.array([stops.lat[stop]]), np.array([stops.lon[stop]]), np.zeros(1))
        inside = haversine_many_m(float(stops.lat[stop]), float(stops.lon[stop]), lat[own],
                                  lon[own])
        return lat[own], lon[own], inside

    with_exits = np.flatnonzero(np.diff(ptr) > 0)
    for a in with_exits.tolist():
        for j in range(int(fp_ptr[a]), int(fp_ptr[a + 1])):
            _lengthen(a, int(fp_to[j]), j, fp_walk_m, stops, doors, detour)
    has_exits = np.diff(ptr) > 0
    for a in range(len(stops)):
        if has_exits[a]:
            continue
        for j in range(int(fp_ptr[a]), int(fp_ptr[a + 1])):
            if has_exits[fp_to[j]]:
                _lengthen(a, int(fp_to[j]), j, fp_walk_m, stops, doors, detour)


def _lengthen(a: int, b: int, j: int, fp_walk_m: np.ndarray, stops: StopTable, doors,
              detour: float) -> None:
    if stops.parent[a] is not None and stops.parent[a] == stops.parent[b]:
        return
    a_lat, a_lon, a_in = doors(a)
    b_lat, b_lon, b_in = doors(b)
    best = min(
        a_in[i] + b_in[k] + haversine_m(float(a_lat[i]), float(a_lon[i]), float(b_lat[k]),
                                        float(b_lon[k]))
        for i in range(len(a_in)) for k in range(len(b_in))
    )
    fp_walk_m[j] = max(int(fp_walk_m[j]), math.ceil(best * detour))


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _pairs_within(lat: np.ndarray, lon: np.ndarray, radius_m: float) -> tuple[np.ndarray,
                                                                              np.ndarray,
                                                                              np.ndarray]:
    """All ordered pairs (i, j), i != j, closer than radius_m; with their distances."""
    if len(lat) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    y = np.radians(lat) * 6_371_008.8
    order = np.argsort(y)
    y_sorted = y[order]
    lo = np.searchsorted(y_sorted, y_sorted - radius_m, side="left")
    hi = np.searchsorted(y_sorted, y_sorted + radius_m, side="right")
    src, dst, dist = [], [], []
    for k in range(len(order)):
        cand = order[lo[k]:hi[k]]
        i = order[k]
        d = haversine_many_m(lat[i], lon[i], lat[cand], lon[cand])
        ok = (d <= radius_m) & (cand != i)
        src.append(np.full(int(ok.sum()), i))
        dst.append(cand[ok])
        dist.append(d[ok])
    return np.concatenate(src), np.concatenate(dst), np.concatenate(dist)


def _add_walk_edges(graph: nx.DiGraph, ids: list[str], lat: np.ndarray, lon: np.ndarray,
                    settings: WalkSettings) -> None:
    src, dst, dist = _pairs_within(lat, lon, settings.transfer_radius_m)
    walk = np.ceil(dist * settings.detour).astype(int)
    graph.add_edges_from(
        (ids[a], ids[b], {"walk_m": int(w), "lb_s": w / MAX_WALK_SPEED})
        for a, b, w in zip(src.tolist(), dst.tolist(), walk.tolist(), strict=True)
    )


def _add_venue_nodes(graph: nx.DiGraph, venues: dict[str, Venue], walkable: pd.DataFrame,
                     settings: WalkSettings) -> None:
    ids = list(walkable["stop_id"])
    lat, lon = walkable["stop_lat"].to_numpy(float), walkable["stop_lon"].to_numpy(float)
    for venue in venues.values():
        for entrance in venue.entrances:
            node = f"venue:{venue.id}:{entrance.id}"
            graph.add_node(node, name=entrance.name.get("id", ""), lat=entrance.lat,
                           lon=entrance.lon, kind="venue_entrance", parent=f"venue:{venue.id}",
                           feed=None)
            dist = haversine_many_m(entrance.lat, entrance.lon, lat, lon)
            for j in np.flatnonzero(dist <= settings.transfer_radius_m).tolist():
                walk = math.ceil(dist[j] * settings.detour)
                attrs = {"walk_m": walk, "lb_s": walk / MAX_WALK_SPEED}
                graph.add_edge(node, ids[j], **attrs)
                graph.add_edge(ids[j], node, **attrs)


def _add_feed_edges(graph: nx.DiGraph, feeds: list[LoadedFeed]) -> set[str]:
    """transfers.txt and pathways.txt; returns the stops they touch."""
    touched: set[str] = set()
    for feed in feeds:
        transfers = feed.tables.transfers
        if transfers is not None and len(transfers):
            for row in transfers.itertuples(index=False):
                a, b = row.from_stop_id, row.to_stop_id
                if a == b or a not in graph or b not in graph:
                    continue
                kind = 0 if pd.isna(row.transfer_type) else int(row.transfer_type)
                if kind > 3 or graph.has_edge(a, b):
                    continue
                # a walk between the two stops (however far apart): whether and how soon one
                # may change there is the kernel's business (routing.data.transfer_rules)
                touched.update((a, b))
                na, nb = graph.nodes[a], graph.nodes[b]
                walk = math.ceil(haversine_m(na["lat"], na["lon"], nb["lat"], nb["lon"]) * 1.3)
                graph.add_edge(a, b, walk_m=walk, lb_s=walk / MAX_WALK_SPEED)
        for row in feed.pathways.itertuples(index=False):
            a, b = row.from_stop_id, row.to_stop_id
            if a not in graph or b not in graph:
                continue
            touched.update((a, b))
            na, nb = graph.nodes[a], graph.nodes[b]
            length = row.length if pd.notna(row.length) else haversine_m(
                na["lat"], na["lon"], nb["lat"], nb["lon"])
            attrs = {"walk_m": math.ceil(length), "lb_s": 0.0, "pathway": int(row.pathway_mode)}
            if pd.notna(row.traversal_time):
                attrs["min_s"] = int(row.traversal_time)
            graph.add_edge(a, b, **attrs)
            if int(row.is_bidirectional) == 1:
                graph.add_edge(b, a, **attrs)
    return touched


def _add_ride_edges(graph: nx.DiGraph, feeds: list[LoadedFeed]) -> None:
    """One edge per consecutive stop pair of every trip: routes and shortest run time."""
    for feed in feeds:
        st = feed.tables.stop_times
        trips = feed.tables.trips.set_index("trip_id")["route_id"]
        same_trip = st["trip_id"].to_numpy()[1:] == st["trip_id"].to_numpy()[:-1]
        pairs = pd.DataFrame({
            "a": st["stop_id"].to_numpy()[:-1][same_trip],
            "b": st["stop_id"].to_numpy()[1:][same_trip],
            "run_s": (st["arr_s"].to_numpy()[1:] - st["dep_s"].to_numpy()[:-1])[same_trip],
            "route": trips.reindex(st["trip_id"].to_numpy()[:-1][same_trip]).to_numpy(),
        })
        for (a, b), group in pairs.groupby(["a", "b"], sort=False):
            run_s = max(0, int(group["run_s"].min()))
            routes = set(group["route"])
            if graph.has_edge(a, b):
                data = graph.edges[a, b]
                data["ride_s"] = min(run_s, data.get("ride_s", run_s))
                data["routes"] = data.get("routes", set()) | routes
                data["lb_s"] = min(data["lb_s"], run_s)
            else:
                graph.add_edge(a, b, ride_s=run_s, routes=routes, lb_s=float(run_s))


def _footpaths(graph: nx.DiGraph, stops: StopTable, settings: WalkSettings,
               special: set[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Shortest walks between boardable stops within the transfer radius (closed paths).

    Walking edges are straight line x detour, so between two stops the direct edge is the
    shortest walk unless a transfers.txt or pathways.txt edge is involved: only around those
    does a Dijkstra run.
    """
    src, dst, dist = _pairs_within(stops.lat, stops.lon, settings.transfer_radius_m)
    best: dict[tuple[int, int], tuple[int, int]] = {
        (a, b): (int(math.ceil(d * settings.detour)), 0)
        for a, b, d in zip(src.tolist(), dst.tolist(), dist.tolist(), strict=True)
    }
    limit_m = settings.transfer_radius_m * settings.detour
    sources = {n for s in special for n in (s, *graph.predecessors(s)) if n in stops.index}
    for source in sources:
        lengths, paths = nx.single_source_dijkstra(
            graph, source, cutoff=limit_m,
            weight=lambda u, v, d: d.get("walk_m"))
        for target, walk in lengths.items():
            j = stops.index.get(target)
            if j is None or target == source:
                continue
            path = paths[target]
            min_s = sum(graph.edges[u, v].get("min_s", 0) for u, v in zip(path, path[1:],
                                                                           strict=False))
            best[(stops.index[source], j)] = (int(walk), int(min_s))
    keys = sorted(best)
    owner = np.array([k[0] for k in keys], dtype=np.int32)
    ptr = np.zeros(len(stops) + 1, dtype=np.int32)
    ptr[1:] = np.cumsum(np.bincount(owner, minlength=len(stops)))
    return (
        ptr,
        np.array([k[1] for k in keys], dtype=np.int32),
        np.array([best[k][0] for k in keys], dtype=np.int32),
        np.array([best[k][1] for k in keys], dtype=np.int32),
    )
