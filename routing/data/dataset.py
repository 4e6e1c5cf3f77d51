"""Everything loaded once per feed set: feeds, venues, network, fares, and a source of
compiled timetables by date.

A ``Dataset`` holds loaded data only. Its timetables come either from a built artefact
(:class:`routing.data.artefact.ArtefactTimetables`: memory-mapped arrays, one per service
pattern, nothing compiled while serving) or, for the library, the CLI and tests, from
:class:`CompiledTimetables` (compiled on first use, once per date even under concurrent
calls, a few dates kept in memory).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

import numpy as np
import pandas as pd

from routing.data.build_network import build_network
from routing.data.compile import compile_timetable
from routing.data.fares import FareTable
from routing.data.gtfs import FeedSource, LoadedFeed, load_feeds
from routing.data.network import Network
from routing.data.venues import Venue, load_venues
from routing.geo import haversine_many_m
from routing.journeys import PlaceRef
from routing.kernel.timetable import Timetable, reverse_timetable

__all__ = ["CompiledTimetables", "Dataset", "TimetableSource", "load_dataset"]


class TimetableSource(Protocol):
    """Where a dataset's timetables come from."""

    def covers(self, day: date) -> bool:
        """True when ``day`` can be answered (not only bridged to)."""
        ...

    def timetable(self, day: date, *, reverse: bool = False) -> Timetable:
        """The timetable of ``day`` (raises NoServiceError when it has none)."""
        ...

    @property
    def in_memory(self) -> int:
        """How many timetables are held in memory now."""
        ...


class CompiledTimetables:
    """Timetables compiled on first use: each (date, direction) once even when asked for by
    several threads at a time (single flight), at most ``memory_dates`` dates (both
    directions) kept, the least recently used going first."""

    def __init__(self, feeds: list[LoadedFeed], stop_index: dict[str, int],
                 memory_dates: int = 4) -> None:
        self.feeds = feeds
        self.stop_index = stop_index
        self.memory_dates = memory_dates
        self._tables: OrderedDict[tuple[date, bool], Timetable] = OrderedDict()
        self._building: dict[tuple[date, bool], threading.Lock] = {}
        self._lock = threading.Lock()

    def covers(self, day: date) -> bool:
        """Every date can be compiled (dates outside the feeds give empty timetables)."""
        return True

    @property
    def in_memory(self) -> int:
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
            flight = self._building.setdefault(key, threading.Lock())
        with flight:   # one caller compiles, the others wait for it and read the result
            with self._lock:
                table = self._tables.get(key)
            if table is None:
                if reverse:
                    table = reverse_timetable(self.timetable(day))
                else:
                    table = compile_timetable(self.feeds, self.stop_index, day)
                with self._lock:
                    self._tables[key] = table
                    while len(self._tables) > 2 * self.memory_dates:
                        self._tables.popitem(last=False)
                    self._building.pop(key, None)
        return table


@dataclass
class Dataset:
    """The loaded world a planner answers from (read-only once built)."""

    feeds: list[LoadedFeed]
    venues: dict[str, Venue]
    network: Network
    fares: FareTable
    timetables: TimetableSource | None = None
    _routes: dict[str, dict] = field(default_factory=dict, repr=False)
    _shapes: dict[str, np.ndarray] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.timetables is None:
            self.timetables = CompiledTimetables(self.feeds, self.network.stops.index)
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
        """True when ``day`` lies within some feed's validity and the timetable source
        answers it (an artefact answers the dates it was built for)."""
        assert self.timetables is not None
        return self.timetables.covers(day) and any(
            (f.start_date is None or f.start_date <= day)
            and (f.end_date is None or day <= f.end_date)
            for f in self.feeds
        )

    @property
    def timetables_in_memory(self) -> int:
        """How many timetables (either direction) the source holds in memory now."""
        assert self.timetables is not None
        return self.timetables.in_memory

    def timetable(self, day: date, *, reverse: bool = False) -> Timetable:
        """The timetable of one service date (or its time-reversed twin); raises
        NoServiceError for a date an artefact was not built for."""
        assert self.timetables is not None
        return self.timetables.timetable(day, reverse=reverse)


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


def load_dataset(sources: list[FeedSource], venues_file: str | Path) -> Dataset:
    """Load feeds and venues, build the network and fares (raises FeedError/VenueFileError);
    timetables are compiled on first use (:class:`CompiledTimetables`)."""
    feeds = load_feeds(sources)
    venues = load_venues(venues_file)
    network = build_network(feeds, venues)
    return Dataset(feeds, venues, network, FareTable(feeds))
