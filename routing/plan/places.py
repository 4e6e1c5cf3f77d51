"""Resolve a query's origin or destination to the stops it can walk to (or from).

Forms: ``lat,lon``, ``stop:<feed>:<stop_id>`` (a stop or a whole station) and
``venue:<id>`` (any of its entrances; step-free ones only for wheelchair queries).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from routing.data.network import Network
from routing.errors import UnknownPlaceError
from routing.journeys import (
    Coordinate,
    PlaceRef,
    PlaceSpec,
    VenueRef,
    looks_like_coordinate,
    parse_place,
)
from routing.memo import BoundedCache

__all__ = ["Endpoint", "exit_ref", "parse_coordinate", "resolve_place", "stop_ref"]



@dataclass
class Endpoint:
    """A resolved origin or destination: where it is and the stops within walking reach."""

    ref: PlaceRef
    stops: np.ndarray           # int32 stop indices
    walk_m: np.ndarray          # int32 metres walked between the place and each stop
    points: list[PlaceRef]      # where a walk starts/ends (the coordinate, stop or entrances)
    point_of_stop: np.ndarray   # int32 index into ``points`` for each stop
    exit_of_stop: np.ndarray    # int32 station exit walked through (Network.exit_ids), or -1


#: venue endpoints by (network token, venue, max walk, wheelchair): a few venues x settings
_VENUE_ENDPOINTS: BoundedCache[tuple[str, str, int, bool], Endpoint] = BoundedCache(256)
#: every stop's PlaceRef by network token (a reloaded network gets a new token)
_STOP_REFS: BoundedCache[str, list[PlaceRef | None]] = BoundedCache(4)
#: the most recently used (token, refs) pair, read without the cache's lock
_LAST_REFS: tuple[str, list[PlaceRef | None]] = ("", [])


def parse_coordinate(text: str) -> tuple[float, float] | None:
    """``"-6.2388,106.7984"`` -> (lat, lon); None when the text is not a coordinate pair.
    Raises QueryError for a pair out of range."""
    if not looks_like_coordinate(text):
        return None
    spec = parse_place(text, parameter="coordinate")
    return (spec.lat, spec.lon) if isinstance(spec, Coordinate) else None


def resolve_place(network: Network, place: PlaceSpec | str, *, max_walk_m: int,
                  wheelchair: bool, role: str) -> Endpoint:
    """Resolve ``place`` for the ``role`` ("from" or "to"): the stops within ``max_walk_m``
    of walking and how far each is. Raises UnknownPlaceError for an unknown stop or venue,
    QueryError for text that is not a place."""
    spec = parse_place(place, parameter=role) if isinstance(place, str) else place
    if isinstance(spec, Coordinate):
        ref = PlaceRef(name=f"{spec.lat:.5f},{spec.lon:.5f}", lat=spec.lat, lon=spec.lon)
        stops, walk, exits = network.stops_near(spec.lat, spec.lon, max_walk_m,
                                                wheelchair=wheelchair)
        return Endpoint(ref, stops, walk, [ref], np.zeros(len(stops), dtype=np.int32), exits)
    if isinstance(spec, VenueRef):
        return _VENUE_ENDPOINTS.get_or_build(
            (network.token, spec.venue_id, int(max_walk_m), bool(wheelchair)),
            lambda: _venue(network, spec.venue_id, max_walk_m, wheelchair, role))
    return _stop(network, spec.stop_id, max_walk_m, role)


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
    global _LAST_REFS
    token, refs = _LAST_REFS  # one tuple read: no lock on the hot path
    if token != network.token:
        refs = _STOP_REFS.get_or_build(network.token, lambda: [None] * len(network.stops))
        _LAST_REFS = (network.token, refs)
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


def _venue(network: Network, venue_id: str, max_walk_m: int, wheelchair: bool,
           role: str) -> Endpoint:
    venue = network.venues.get(venue_id)
    if venue is None:
        raise UnknownPlaceError(f"unknown venue {venue_id!r}", place=f"venue:{venue_id}",
                                parameter=role)
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
                                place=f"stop:{stop_id}", parameter=role) from None
    platforms = network.platforms_of(stop_id)
    if not platforms:
        raise UnknownPlaceError(f"{stop_id!r} has no stop where a vehicle calls",
                                place=f"stop:{stop_id}", parameter=role)
    ref = PlaceRef(name=node.get("name", stop_id), lat=node["lat"], lon=node["lon"],
                   stop_id=stop_id)
    best: dict[int, int] = {}
    same_place = node.get("kind") in ("station", "stop")
    for s in platforms:
        # a station and its own platforms are one place: no walk leg between them ("Walk
        # 7 m to Kota" from Kota); an entrance is a real walk away from the platforms
        best[s] = 0 if same_place else network.walk_m(
            node["lat"], node["lon"], float(network.stops.lat[s]), float(network.stops.lon[s]))
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
