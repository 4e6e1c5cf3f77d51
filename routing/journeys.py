"""Query in, Journeys (legs) out: the library's public vocabulary, and the one-line format.

Times are seconds since midnight of the journey's ``service_date`` (Asia/Jakarta); clock
formatting lives only in :func:`format_journey` and in the app.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

__all__ = [
    "Journey",
    "Leg",
    "PlaceRef",
    "Query",
    "Stopover",
    "format_clock",
    "format_journey",
]

MODE_BY_ROUTE_TYPE = {
    0: "TRAM", 1: "SUBWAY", 2: "RAIL", 3: "BUS", 4: "FERRY", 5: "CABLE_CAR", 6: "GONDOLA",
    7: "FUNICULAR", 11: "TROLLEYBUS", 12: "MONORAIL",
}


@dataclass(frozen=True)
class Query:
    """A journey request. ``origin``/``destination``: ``lat,lon``, ``stop:<feed>:<id>`` or
    ``venue:<id>``; ``time_s`` is seconds since midnight of ``service_date``."""

    origin: str
    destination: str
    service_date: date
    time_s: int
    arrive_by: bool = False
    num_itineraries: int = 3
    max_transfers: int = 4
    max_walk_m: int = 1000
    walk_speed: float = 1.2
    wheelchair: bool = False
    transfer_slack_s: int = 60
    horizon_s: int = 6 * 3600


@dataclass(frozen=True)
class PlaceRef:
    """A place on a journey: a stop, a venue entrance or a coordinate."""

    name: str
    lat: float
    lon: float
    stop_id: str | None = None
    venue_id: str | None = None
    entrance: str | None = None
    platform: str | None = None
    wheelchair: int = 0   # 0 unknown, 1 step-free, 2 not


@dataclass(frozen=True)
class Stopover:
    """An intermediate stop of a transit leg."""

    place: PlaceRef
    arr_s: int
    dep_s: int


@dataclass
class Leg:
    """One part of a journey: a walk or a ride on one trip."""

    mode: str
    origin: PlaceRef
    destination: PlaceRef
    dep_s: int
    arr_s: int
    distance_m: int
    geometry: list[tuple[float, float]]          # (lon, lat) pairs
    instruction: dict[str, str] = field(default_factory=dict)   # lang -> text
    trip_id: str | None = None
    route_id: str | None = None
    route_short_name: str | None = None
    route_long_name: str | None = None
    route_color: str | None = None
    route_text_color: str | None = None
    agency: str | None = None
    headsign: str | None = None
    headway_s: int = 0
    wheelchair: int = 0
    intermediate: list[Stopover] = field(default_factory=list)
    fare_idr: int | None = None
    via: PlaceRef | None = None       # the station exit a walk goes through

    @property
    def is_transit(self) -> bool:
        return self.mode != "WALK"

    @property
    def feed_id(self) -> str | None:
        return self.trip_id.split(":", 1)[0] if self.trip_id else None

    @property
    def duration_s(self) -> int:
        return self.arr_s - self.dep_s


@dataclass
class Journey:
    """A whole itinerary from origin to destination."""

    service_date: date
    legs: list[Leg]
    fare_idr: int | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def dep_s(self) -> int:
        return self.legs[0].dep_s

    @property
    def arr_s(self) -> int:
        return self.legs[-1].arr_s

    @property
    def duration_s(self) -> int:
        return self.arr_s - self.dep_s

    @property
    def transfers(self) -> int:
        return max(0, sum(1 for leg in self.legs if leg.is_transit) - 1)

    @property
    def walk_m(self) -> int:
        return sum(leg.distance_m for leg in self.legs if not leg.is_transit)


def format_clock(seconds: int) -> str:
    """``HH:MM`` of seconds since midnight; past 24:00 stays past (``24:10``), before is
    shown with a leading ``-``."""
    sign = "-" if seconds < 0 else ""
    minutes = abs(seconds) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _span(seconds: int) -> str:
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes}m"
    return f"{minutes // 60}h{minutes % 60:02d}m"


def format_journey(journey: Journey) -> str:
    """One line for a journey, e.g.
    ``Walk 3m ~ mrt:GBKM03 ~ SUBWAY NS 08:04 08:07 ~ mrt:GASN02 ~ Walk 4m [08:01 08:11 10m T0
    Rp3000]``."""
    parts: list[str] = []
    for leg in journey.legs:
        if not leg.is_transit:
            parts.append(f"Walk {_span(leg.duration_s)}")
            continue
        board = leg.origin.stop_id or leg.origin.name
        if not parts or parts[-1] != board:
            parts.append(board)
        name = leg.route_short_name or leg.route_id or "?"
        parts.append(f"{leg.mode} {name} {format_clock(leg.dep_s)} {format_clock(leg.arr_s)}")
        parts.append(leg.destination.stop_id or leg.destination.name)
    fare = f"Rp{journey.fare_idr}" if journey.fare_idr is not None else "Rp?"
    summary = (f"[{format_clock(journey.dep_s)} {format_clock(journey.arr_s)} "
               f"{_span(journey.duration_s)} T{journey.transfers} {fare}]")
    return " ~ ".join(parts) + " " + summary
