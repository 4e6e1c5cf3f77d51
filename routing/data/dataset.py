"""Everything loaded once per feed set: feeds, venues, network, fares, and timetables by date.

Compiled timetables are cached on disk per (feed content hashes, service date) and a few are
kept in memory, so a restart and a repeated date are fast.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from routing.data.compile import compile_timetable
from routing.data.diskcache import load_cached, save_cached
from routing.data.fares import FareTable
from routing.data.gtfs import FeedSource, LoadedFeed, load_feeds
from routing.data.network import Network, build_network
from routing.data.venues import Venue, load_venues
from routing.geo import haversine_many_m
from routing.journeys import PlaceRef
from routing.kernel.timetable import Timetable, reverse_timetable

if TYPE_CHECKING:
    from routing.plan.profile_store import ProfileStore

__all__ = ["Dataset", "load_dataset"]

CACHE_FORMAT = 3


@dataclass
class Dataset:
    """The loaded world a planner answers from."""

    feeds: list[LoadedFeed]
    venues: dict[str, Venue]
    network: Network
    fares: FareTable
    cache_dir: Path | None = None
    memory_dates: int = 4
    #: venue profiles (a routing.plan.profiles.ProfileStore) when the owner builds them
    profiles: ProfileStore | None = None
    _tables: OrderedDict = field(default_factory=OrderedDict, repr=False)
    _routes: dict[str, dict] = field(default_factory=dict, repr=False)
    _shapes: dict[str, np.ndarray] | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        agencies: dict[str, str] = {}
        for feed in self.feeds:
            agency = feed.tables.agency
            for row in agency.itertuples(index=False):
                agencies[str(getattr(row, "agency_id", "") or "")] = str(row.agency_name)
            for row in feed.tables.routes.itertuples(index=False):
                self._routes[row.route_id] = {
                    "id": row.route_id,
                    "short_name": _text(row.route_short_name),
                    "long_name": _text(row.route_long_name),
                    "color": _text(row.route_color) or None,
                    "text_color": _text(row.route_text_color) or None,
                    "agency": agencies.get(_text(row.agency_id), feed.agency_name),
                    "route_type": int(row.route_type),
                }

    def route(self, route_id: str) -> dict:
        """Public facts of a GTFS route: names, colours, agency, route_type."""
        return self._routes[route_id]

    def shape_between(self, shape_id: str | None, a: PlaceRef, b: PlaceRef
                      ) -> list[tuple[float, float]] | None:
        """The (lon, lat) points of a shape between two stops, or None without a shape."""
        if shape_id is None:
            return None
        if self._shapes is None:
            self._shapes = _read_shapes(self.feeds)
        points = self._shapes.get(shape_id)
        if points is None or len(points) < 2:
            return None
        lat, lon = points[:, 0], points[:, 1]
        i = int(np.argmin(haversine_many_m(a.lat, a.lon, lat, lon)))
        rest = haversine_many_m(b.lat, b.lon, lat[i:], lon[i:])
        j = i + int(np.argmin(rest))
        if j <= i:
            return None
        inner = [(float(lon[k]), float(lat[k])) for k in range(i + 1, j)]
        return [(a.lon, a.lat), *inner, (b.lon, b.lat)]

    @property
    def content_hash(self) -> str:
        """One hash over every feed's content hash and the venues."""
        text = "|".join(f"{f.feed_id}={f.content_hash}" for f in self.feeds)
        text += "|" + "|".join(sorted(self.venues))
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def covers(self, day: date) -> bool:
        """True when ``day`` lies within some feed's validity."""
        return any(
            (f.start_date is None or f.start_date <= day)
            and (f.end_date is None or day <= f.end_date)
            for f in self.feeds
        )

    @property
    def timetables_in_memory(self) -> int:
        """How many compiled timetables (either direction) are held now."""
        return len(self._tables)

    def timetable(self, day: date, *, reverse: bool = False) -> Timetable:
        """The compiled timetable of one service date (or its time-reversed twin)."""
        key = (day, reverse)
        with self._lock:
            table = self._tables.get(key)
            if table is not None:
                self._tables.move_to_end(key)
                return table
        if reverse:
            table = reverse_timetable(self.timetable(day))
        else:
            table = load_cached(self._cache_path(day), Timetable) or self._compile(day)
        with self._lock:
            self._tables[key] = table
            while len(self._tables) > 2 * self.memory_dates:
                self._tables.popitem(last=False)
        return table

    def _cache_path(self, day: date) -> Path | None:
        if self.cache_dir is None:
            return None
        return self.cache_dir / f"timetable-v{CACHE_FORMAT}-{self.content_hash}-{day:%Y%m%d}.pkl"

    def _compile(self, day: date) -> Timetable:
        table = compile_timetable(self.feeds, self.network.stops.index, day)
        save_cached(self._cache_path(day), table)
        return table


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _read_shapes(feeds: list[LoadedFeed]) -> dict[str, np.ndarray]:
    """Shape points (lat, lon) by shape id, in sequence order."""
    shapes: dict[str, np.ndarray] = {}
    for feed in feeds:
        table = feed.tables.shapes
        if table is None or not len(table):
            continue
        table = table.sort_values(["shape_id", "shape_pt_sequence"])
        for shape_id, group in table.groupby("shape_id", sort=False):
            shapes[str(shape_id)] = group[["shape_pt_lat", "shape_pt_lon"]].to_numpy(float)
    return shapes


def load_dataset(
    sources: list[FeedSource], venues_file: str | Path, cache_dir: str | Path | None = None
) -> Dataset:
    """Load feeds and venues, build the network and fares (raises FeedError/VenueFileError)."""
    feeds = load_feeds(sources)
    venues = load_venues(venues_file)
    network = build_network(feeds, venues)
    return Dataset(feeds, venues, network, FareTable(feeds),
                   cache_dir=Path(cache_dir) if cache_dir is not None else None)
