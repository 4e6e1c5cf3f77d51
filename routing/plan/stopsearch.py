"""Find stations, stops and venues by the names people type ("blok m", "Halte CSW",
"Stasiun MRT ASEAN", "bundaran hi") or by distance, and resolve a name to a place."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process
from unidecode import unidecode

from routing.data.dataset import Dataset
from routing.errors import AmbiguousPlaceError, UnknownPlaceError
from routing.geo import haversine_m, haversine_many_m
from routing.memo import BoundedCache
from routing.plan.places import parse_coordinate

__all__ = ["PlaceMatch", "normalize", "resolve_name", "search_places"]

#: Words people add that say what kind of place it is, not which one.
_NOISE = frozenset({
    "stasiun", "station", "mrt", "lrt", "krl", "halte", "stop", "bus", "busway", "tj",
    "transjakarta", "the", "di", "ke", "jl", "jalan", "park",
})
_STOP_WORDS = frozenset({"stasiun", "station", "mrt", "lrt", "krl", "halte", "busway", "tj",
                         "transjakarta"})
_RAIL_WORDS = frozenset({"stasiun", "station", "mrt", "lrt", "krl", "st"})
_BUS_WORDS = frozenset({"halte", "busway", "tj", "transjakarta", "bus"})
_KIND_RANK = {"venue": 0, "station": 1, "stop": 2}
MIN_SCORE = 70.0
SAME_PLACE_M = 600.0


@dataclass(frozen=True)
class PlaceMatch:
    """A search hit. ``id`` is a feed-qualified stop/station id or a venue id."""

    kind: str
    id: str
    name: str
    lat: float
    lon: float
    score: float
    distance_m: float | None
    platforms: tuple[str, ...]

    @property
    def place(self) -> str:
        """The planner's form of this place (``venue:<id>`` or ``stop:<id>``)."""
        return f"venue:{self.id}" if self.kind == "venue" else f"stop:{self.id}"


def normalize(text: str) -> str:
    """Lower-case ASCII words without punctuation or kind words ("Halte CSW 1" -> "csw 1")."""
    words = re.sub(r"[^a-z0-9]+", " ", unidecode(text).lower()).split()
    kept = [w for w in words if w not in _NOISE]
    return " ".join(kept or words)


@dataclass(frozen=True)
class _Entry:
    kind: str
    id: str
    name: str
    key: str
    lat: float
    lon: float
    platforms: tuple[str, ...]


#: search entries by network token (a reloaded network gets a new token)
_ENTRIES: BoundedCache[str, list[_Entry]] = BoundedCache(4)


def _entries(ds: Dataset) -> list[_Entry]:
    return _ENTRIES.get_or_build(ds.network.token, lambda: _build_entries(ds))


def _build_entries(ds: Dataset) -> list[_Entry]:
    graph = ds.network.graph
    entries: list[_Entry] = []
    for venue in ds.venues.values():
        for name in {*venue.name.values(), venue.id, *venue.aliases}:
            if name:
                entries.append(_Entry("venue", venue.id, venue.name.get("id", venue.id),
                                      normalize(name.replace("-", " ")), venue.lat, venue.lon,
                                      ()))
    for node, data in graph.nodes(data=True):
        kind = data.get("kind")
        if kind == "station":
            platforms = tuple(c for c in ds.network.children.get(node, ())
                              if c in ds.network.stops.index)
            if platforms:
                entries.append(_Entry("station", node, data["name"], normalize(data["name"]),
                                      data["lat"], data["lon"], platforms))
        elif kind == "stop" and data.get("parent") is None:
            entries.append(_Entry("stop", node, data["name"], normalize(data["name"]),
                                  data["lat"], data["lon"], (node,)))
    return entries


def _score(query: str, key: str) -> float:
    if not query or not key:
        return 0.0
    if query == key:
        return 100.0
    q_words, k_words = query.split(), key.split()
    if k_words[:len(q_words)] == q_words:
        # the name begins with every word typed: as close a call as an exact name, whatever
        # follows (a sponsor's name: "Lebak Bulus Bank Syariah Indonesia"), so it stays in
        # the top band (95-100) above names that merely contain the words
        return max(95.0, 97.0 - min(7.0, len(key) - len(query)) * 0.3)
    if set(q_words) <= set(k_words):
        return 94.0 - min(10.0, len(k_words) - len(q_words))
    return 0.92 * max(fuzz.WRatio(query, key), fuzz.token_set_ratio(query, key))


def search_places(ds: Dataset, text: str | None = None, *,
                  near: tuple[float, float] | None = None, limit: int = 10,
                  include_venues: bool = True) -> list[PlaceMatch]:
    """Places by name (best first; venues, then stations, then stops on ties) and/or by
    distance from ``near`` (nearest first when no text is given)."""
    entries = [e for e in _entries(ds) if include_venues or e.kind != "venue"]
    query = normalize(text) if text else ""
    best: dict[tuple[str, str], tuple[PlaceMatch, float]] = {}
    lats = np.array([e.lat for e in entries]) if entries else np.zeros(0)
    lons = np.array([e.lon for e in entries]) if entries else np.zeros(0)
    dist = haversine_many_m(near[0], near[1], lats, lons) if near else None
    raw_query = " ".join(re.sub(r"[^a-z0-9]+", " ", unidecode(text or "").lower()).split())
    query_words = set(raw_query.split())
    wants_stop = bool(query_words & _STOP_WORDS)
    rail_hint = True if query_words & _RAIL_WORDS else (
        False if query_words & _BUS_WORDS else None)
    rank = dict(_KIND_RANK, venue=3) if wants_stop else _KIND_RANK
    if query:  # one vectorised pass picks the candidates worth the careful score
        rough = process.cdist([query], [e.key for e in entries], scorer=fuzz.WRatio,
                              score_cutoff=MIN_SCORE * 0.9, workers=1)[0]
        words = set(query.split())
        hopeful = {i for i in np.flatnonzero(rough).tolist()}
        hopeful |= {i for i, e in enumerate(entries) if words & set(e.key.split())}
    for i, entry in enumerate(entries):
        if query and i not in hopeful:
            continue
        score = _score(query, entry.key) if query else 0.0
        if query and score < MIN_SCORE:
            continue
        if rail_hint is not None and entry.kind != "venue":
            name_words = set(re.sub(r"[^a-z0-9]+", " ", unidecode(entry.name).lower()).split())
            if rail_hint != bool(name_words & _RAIL_WORDS):
                score -= 8.0  # "Stasiun MRT X" is not the bus halte X, "Halte X" not the station
        if entry.kind == "venue" and score >= 90 and not wants_stop:
            score = min(100.0, score + 5.0)  # Menuju's destinations win close calls
        raw = fuzz.ratio(raw_query, unidecode(entry.name).lower()) if query else 0
        distance = float(dist[i]) if dist is not None else None
        match = PlaceMatch(entry.kind, entry.id, entry.name, entry.lat, entry.lon,
                           round(score, 1), None if distance is None else round(distance),
                           entry.platforms)
        key = (entry.kind, entry.id)
        if key not in best or match.score > best[key][0].score:
            best[key] = (match, raw)
    ranked = list(best.values())
    if query:
        # close scores (same 5-point band) go to venues, then stations, then the closer
        # wording ("Stasiun MRT ASEAN" is the MRT station, not the bus halte "ASEAN")
        ranked.sort(key=lambda mr: (-(min(mr[0].score, 99.9) // 5), rank[mr[0].kind], -mr[1],
                                    -mr[0].score, mr[0].distance_m or 0, mr[0].name))
    else:
        ranked.sort(key=lambda mr: (mr[0].distance_m or 0, _KIND_RANK[mr[0].kind], mr[0].name))
    matches = [m for m, _ in ranked]
    return matches[:limit]


def resolve_name(ds: Dataset, text: str) -> str:
    """A planner place string for what a person typed: coordinates and ``stop:``/``venue:``
    forms pass through; a name resolves to the best match unless far-apart places tie."""
    text = text.strip()
    if parse_coordinate(text) is not None:
        return text
    if text.startswith("venue:"):
        if text.removeprefix("venue:") not in ds.venues:
            raise UnknownPlaceError(f"unknown venue {text.removeprefix('venue:')!r}",
                                    place=text)
        return text
    if text.startswith("stop:"):
        ds.network.node(text.removeprefix("stop:"))
        return text
    matches = search_places(ds, text, limit=12)
    if not matches:
        raise UnknownPlaceError(f"no station, stop or venue matches {text!r}", place=text)
    top = matches[0]
    rivals = [m for m in matches[1:] if min(m.score, 99.9) // 5 == min(top.score, 99.9) // 5
              and _KIND_RANK[m.kind] == _KIND_RANK[top.kind]
              and haversine_m(top.lat, top.lon, m.lat, m.lon) > SAME_PLACE_M]
    if rivals:
        names = "; ".join(f"{m.name} ({m.place})" for m in [top, *rivals][:6])
        raise AmbiguousPlaceError(f"{text!r} matches several places: {names}",
                                  candidates=[top, *rivals])
    return top.place
