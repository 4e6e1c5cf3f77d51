"""Benchmark queries: a seeded generator over a loaded dataset, and a JSON-lines reader.

A query is in the API's forms: ``from``/``to`` are ``lat,lon``, ``stop:<feed>:<id>`` or
``venue:<id>``; ``time`` is a local ISO date-time (Asia/Jakarta).
"""

from __future__ import annotations

import json
import math
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np

from routing.data.dataset import Dataset
from routing.data.venues import JAKARTA_TZ
from routing.kernel.timetable import Timetable

__all__ = [
    "BenchQuery",
    "QueryFileError",
    "generate_queries",
    "jitter",
    "read_queries",
    "served_stops",
    "warmup_queries",
]

FIRST_S = 5 * 3600      # queries depart between 05:00 ...
LAST_S = 23 * 3600      # ... and 23:00
JITTER_M = 500.0        # coordinates lie up to this far from a served stop
METRES_PER_DEG = 111_320.0


class QueryFileError(ValueError):
    """A line of a ``--queries-file`` that is not a usable query."""


@dataclass(frozen=True)
class BenchQuery:
    """One timed query: API place strings and a local departure time."""

    origin: str
    destination: str
    when: datetime  # naive local time, Asia/Jakarta

    @property
    def kind(self) -> str:
        """``venue`` when either end is a venue, else ``general``."""
        ends = (self.origin, self.destination)
        return "venue" if any(e.startswith("venue:") for e in ends) else "general"

    @property
    def service_date(self) -> date:
        return self.when.date()

    @property
    def time_s(self) -> int:
        """Seconds since midnight of the service date."""
        return self.when.hour * 3600 + self.when.minute * 60 + self.when.second

    def to_dict(self) -> dict[str, str]:
        """The queries-file / API form."""
        return {"from": self.origin, "to": self.destination,
                "time": self.when.isoformat(timespec="seconds")}


def parse_local_time(text: str) -> datetime:
    """ISO date-time -> naive Asia/Jakarta local time (an offset is converted)."""
    when = datetime.fromisoformat(text)
    if when.tzinfo is not None:
        when = when.astimezone(JAKARTA_TZ).replace(tzinfo=None)
    return when


def read_queries(path: Path) -> list[BenchQuery]:
    """Queries from a JSON-lines file (blank lines and ``#`` comments skipped)."""
    queries: list[BenchQuery] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            item = json.loads(line)
            origin, destination, when = item["from"], item["to"], item["time"]
            if not (isinstance(origin, str) and isinstance(destination, str)
                    and isinstance(when, str)):
                raise TypeError("from, to and time must be strings")
            queries.append(BenchQuery(origin, destination, parse_local_time(when)))
        except (ValueError, KeyError, TypeError) as exc:
            raise QueryFileError(f"{path}:{number}: {type(exc).__name__}: {exc}") from None
    if not queries:
        raise QueryFileError(f"{path}: no queries")
    return queries


def served_stops(table: Timetable) -> np.ndarray:
    """Indices of the stops where at least one route of the day calls."""
    return np.flatnonzero(np.diff(table.stop_route_ptr) > 0)


def jitter(rng: random.Random, lat: float, lon: float, radius_m: float = JITTER_M
           ) -> tuple[float, float]:
    """A point uniformly spread over the disc of ``radius_m`` around (lat, lon)."""
    distance_m = radius_m * math.sqrt(rng.random())
    bearing = rng.uniform(0.0, 2.0 * math.pi)
    dlat = distance_m * math.cos(bearing) / METRES_PER_DEG
    dlon = distance_m * math.sin(bearing) / (METRES_PER_DEG * math.cos(math.radians(lat)))
    return lat + dlat, lon + dlon


def generate_queries(ds: Dataset, table: Timetable, n: int, seed: int) -> list[BenchQuery]:
    """``n`` seeded queries: half to the venues (cycling through them), half coordinate to
    coordinate; origins are served stops or jittered stop coordinates, 05:00-23:00."""
    rng = random.Random(seed)
    stops = ds.network.stops
    served = served_stops(table).tolist()
    if not served:
        raise ValueError(f"no stop is served on {table.service_date}")
    venues = sorted(ds.venues)
    midnight = datetime.combine(table.service_date, datetime.min.time())

    def coordinate() -> str:
        s = rng.choice(served)
        lat, lon = jitter(rng, float(stops.lat[s]), float(stops.lon[s]))
        return f"{lat:.6f},{lon:.6f}"

    def when() -> datetime:
        return midnight + timedelta(minutes=rng.randrange(FIRST_S // 60, LAST_S // 60))

    queries: list[BenchQuery] = []
    n_venue = (n + 1) // 2 if venues else 0
    for i in range(n_venue):
        origin = f"stop:{stops.ids[rng.choice(served)]}" if rng.random() < 0.5 else coordinate()
        queries.append(BenchQuery(origin, f"venue:{venues[i % len(venues)]}", when()))
    while len(queries) < n:
        origin, destination = coordinate(), coordinate()
        if origin != destination:
            queries.append(BenchQuery(origin, destination, when()))
    rng.shuffle(queries)
    return queries


def warmup_queries(ds: Dataset, table: Timetable, seed: int) -> list[BenchQuery]:
    """Untimed queries: one to each venue (each venue's one-off lower-bound build happens
    here), one general and one at 23:30 (whose search reaches the next service date)."""
    batch = generate_queries(ds, table, 2 * max(len(ds.venues), 2), seed + 7919)
    to_venues = {q.destination: q for q in batch if q.kind == "venue"}
    general = [q for q in batch if q.kind == "general"]
    late = datetime.combine(table.service_date, datetime.min.time()) + timedelta(hours=23.5)
    return [*to_venues.values(), general[0],
            BenchQuery(general[1].origin, general[1].destination, late)]
