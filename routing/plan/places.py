"""Resolve a query's origin or destination to the stops it can walk to (or from).

Forms: ``lat,lon``, ``stop:<feed>:<stop_id>`` (a stop or a whole station) and
``venue:<id>`` (any of its entrances; step-free ones only for wheelchair queries).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from routing.data.network import Network
from routing.errors import QueryError, UnknownPlaceError
from routing.journeys import PlaceRef

__all__ = ["Endpoint", "exit_ref", "parse_coordinate", "resolve_place", "stop_ref"]

_COORD = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")


@dataclass
class Endpoint:
    """A resolved origin or destination: where it is and the stops within walking reach."""

    ref: PlaceRef
    stops: np.ndarray           # int32 stop indices
    walk_m: np.ndarray          # int32 metres walked between the place and each stop
    points: list[PlaceRef]      # where a walk starts/ends (the coordinate, stop or entrances)
    point_of_stop: np.ndarray   # int32 index into ``points`` for each stop
    exit_of_stop: np.ndarray    # int32 station exit walked through (Network.exit_ids), or -1


def parse_coordinate(text: str) -> tuple[float, float] | None:
    """``"-6.2388,106.7984"`` -> (lat, lon); None when the text is not a coordinate pair."""
    match = _COORD.match(text)
    if not match:
        return None
    lat, lon = float(match.group(1)), float(match.group(2))
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise QueryError(f"coordinate {text.strip()!r} is out of range")
    return lat, lon


def resolve_place(network: Network, text: str, *, max_walk_m: int, wheelchair: bool,
                  role: str) -> Endpoint:
    """Resolve ``text`` for the ``role`` ("from" or "to"), raising on unknown places."""
    coordinate = parse_coordinate(text)
    if coordinate is not None:
        ref = PlaceRef(name=f"{coordinate[0]:.5f},{coordinate[1]:.5f}",
                       lat=coordinate[0], lon=coordinate[1])
        stops, walk, exits = network.stops_near(*coordinate, max_walk_m, wheelchair=wheelchair)
        return Endpoint(ref, stops, walk, [ref], np.zeros(len(stops), dtype=np.int32), exits)
    if text.startswith("venue:"):
        key = ("venue-endpoint", text, max_walk_m, wheelchair)
        cached = network._cache.get(key)
        if cached is None:
            cached = _venue(network, text.removeprefix("venue:"), max_walk_m, wheelchair)
            stale = [k for k in network._cache if k[0] == "venue-endpoint"]
            if len(stale) > 256:  # many distinct max_walk_m values: start afresh
                for k in stale:
                    network._cache.pop(k, None)
            network._cache[key] = cached
        return cached
    if text.startswith("stop:"):
        return _stop(network, text.removeprefix("stop:"), max_walk_m, role)
    raise QueryError(
        f"{role} {text!r} is not a place: use 'lat,lon', 'stop:<feed>:<stop_id>' or "
        "'venue:<id>'", parameter=role)


def exit_ref(network: Network, exit_index: int) -> PlaceRef:
    """A station exit as a place, named without its station's name ("Akses B")."""
    exit_id = network.exit_ids[exit_index]
    node = network.graph.nodes[exit_id]
    name = node.get("name", "") or exit_id
    station = network.graph.nodes.get(node.get("parent"), {}).get("name", "")
    if station and name.startswith(station) and name[len(station):].strip():
        name = name[len(station):].strip()
    return PlaceRef(name=name, lat=float(network.exit_lat[exit_index]),
                    lon=float(network.exit_lon[exit_index]), stop_id=exit_id,
                    wheelchair=1 if network.exit_step_free[exit_index] else 0)


def stop_ref(network: Network, stop: int) -> PlaceRef:
    """The PlaceRef of a boardable stop, named after its station where it has one (people
    say "Blok M BCA", not "Blok M BCA (arah Bundaran HI)"; ``platform`` tells which).
    PlaceRefs are immutable, so each stop's is made once."""
    refs = network._cache.get("stop-refs")
    if refs is None:
        refs = network._cache.setdefault("stop-refs", [None] * len(network.stops))
    ref = refs[stop]
    if ref is None:
        ref = refs[stop] = _make_stop_ref(network, stop)
    return ref


def _make_stop_ref(network: Network, stop: int) -> PlaceRef:
    table = network.stops
    name = table.names[stop]
    parent = table.parent[stop]
    if parent and network.graph.nodes[parent].get("name"):
        name = network.graph.nodes[parent]["name"]
    return PlaceRef(name=name, lat=float(table.lat[stop]), lon=float(table.lon[stop]),
                    stop_id=table.ids[stop], platform=table.platform[stop],
                    wheelchair=int(table.wheelchair[stop]))


def _venue(network: Network, venue_id: str, max_walk_m: int, wheelchair: bool) -> Endpoint:
    venue = network.venues.get(venue_id)
    if venue is None:
        raise UnknownPlaceError(f"unknown venue {venue_id!r}", place=f"venue:{venue_id}")
    entrances = [e for e in venue.entrances if not (wheelchair and e.step_free is False)]
    entrances = entrances or list(venue.entrances)
    points = [
        PlaceRef(name=f"{venue.name.get('id', venue.id)} ({e.name.get('id', e.id)})",
                 lat=e.lat, lon=e.lon, venue_id=venue.id, entrance=e.id,
                 wheelchair=1 if e.step_free else (2 if e.step_free is False else 0))
        for e in entrances
    ]
    best: dict[int, tuple[int, int, int]] = {}
    for i, entrance in enumerate(entrances):
        stops, walk, exits = network.stops_near(entrance.lat, entrance.lon, max_walk_m,
                                                wheelchair=wheelchair)
        for s, w, x in zip(stops.tolist(), walk.tolist(), exits.tolist(), strict=True):
            if s not in best or w < best[s][0]:
                best[s] = (w, i, x)
    keys = sorted(best)
    ref = PlaceRef(name=venue.name.get("id", venue.id), lat=venue.lat, lon=venue.lon,
                   venue_id=venue.id)
    return Endpoint(ref, np.array(keys, dtype=np.int32),
                    np.array([best[k][0] for k in keys], dtype=np.int32), points,
                    np.array([best[k][1] for k in keys], dtype=np.int32),
                    np.array([best[k][2] for k in keys], dtype=np.int32))


def _stop(network: Network, stop_id: str, max_walk_m: int, role: str) -> Endpoint:
    try:
        node = network.node(stop_id)
    except UnknownPlaceError:
        raise UnknownPlaceError(f"unknown stop or station {stop_id!r}",
                                place=f"stop:{stop_id}") from None
    platforms = network.platforms_of(stop_id)
    if not platforms:
        raise UnknownPlaceError(f"{stop_id!r} has no stop where a vehicle calls",
                                place=f"stop:{stop_id}")
    ref = PlaceRef(name=node.get("name", stop_id), lat=node["lat"], lon=node["lon"],
                   stop_id=stop_id)
    best: dict[int, int] = {}
    for s in platforms:
        best[s] = network.walk_m(node["lat"], node["lon"], float(network.stops.lat[s]),
                                 float(network.stops.lon[s]))
    # nearby stops within the transfer radius are reachable on foot too
    for s in platforms:
        start, end = network.fp_ptr[s], network.fp_ptr[s + 1]
        for u, w in zip(network.fp_to[start:end].tolist(),
                        network.fp_walk_m[start:end].tolist(), strict=True):
            if w <= max_walk_m:
                best[u] = min(best.get(u, math.inf), best[s] + w)  # type: ignore[arg-type]
    keys = sorted(best)
    return Endpoint(ref, np.array(keys, dtype=np.int32),
                    np.array([best[k] for k in keys], dtype=np.int32), [ref],
                    np.zeros(len(keys), dtype=np.int32), np.full(len(keys), -1, dtype=np.int32))
