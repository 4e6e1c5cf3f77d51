"""Query in, Journeys (legs) out: the library's public vocabulary, and the one-line format.

Times are seconds since midnight of the journey's ``service_date`` (Asia/Jakarta); clock
formatting lives only in :func:`format_journey` and in the app.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from routing import limits
from routing.errors import QueryError
from routing.i18n import Message

__all__ = [
    "PLACE_FORMS",
    "Coordinate",
    "EventRef",
    "FareProduct",
    "Journey",
    "Leg",
    "PlaceRef",
    "PlaceSpec",
    "Query",
    "StopRef",
    "VenueRef",
    "parse_place",
    "Stopover",
    "format_clock",
    "format_journey",
    "looks_like_coordinate",
]

MODE_BY_ROUTE_TYPE = {
    0: "TRAM", 1: "SUBWAY", 2: "RAIL", 3: "BUS", 4: "FERRY", 5: "CABLE_CAR", 6: "GONDOLA",
    7: "FUNICULAR", 11: "TROLLEYBUS", 12: "MONORAIL",
}


PLACE_FORMS = "'lat,lon' (e.g. -6.2388,106.7984), 'stop:<feed>:<stop_id>' " \
    "(e.g. stop:mrt-jakarta:SASN), 'venue:<id>' (e.g. venue:asean-secretariat) or " \
    "'event:<uid>' (an event at a venue, see /v1/venues/<id>/events)"
_COORD = re.compile(r"^\s*([-+]?\d{1,3}(?:\.\d+)?)\s*,\s*([-+]?\d{1,3}(?:\.\d+)?)\s*$")


@dataclass(frozen=True)
class Coordinate:
    """A point in WGS84 decimal degrees."""

    lat: float
    lon: float

    def __str__(self) -> str:
        return f"{self.lat},{self.lon}"


@dataclass(frozen=True)
class StopRef:
    """A stop, platform, station or entrance by its feed-qualified id (``mrt-jakarta:SASN``)."""

    stop_id: str

    def __str__(self) -> str:
        return f"stop:{self.stop_id}"


@dataclass(frozen=True)
class VenueRef:
    """A venue of ``venues.json`` by id (any of its entrances)."""

    venue_id: str

    def __str__(self) -> str:
        return f"venue:{self.venue_id}"


@dataclass(frozen=True)
class EventRef:
    """An event occurrence by uid: its venue, arriving before its start (resolved by the
    caller, who knows the events: ``app.params.plan_query``, the CLI)."""

    uid: str

    def __str__(self) -> str:
        return f"event:{self.uid}"


#: A query's origin or destination, parsed once (``str(spec)`` gives its text form back).
PlaceSpec = Coordinate | StopRef | VenueRef | EventRef


def looks_like_coordinate(text: str) -> bool:
    """True when ``text`` has the form ``number,number`` (ranges not checked)."""
    return _COORD.match(text) is not None


def parse_place(text: str, *, parameter: str = "place") -> PlaceSpec:
    """``lat,lon`` -> Coordinate, ``stop:<feed>:<id>`` -> StopRef, ``venue:<id>`` -> VenueRef.

    Only the form is checked here (a coordinate's ranges too); whether the stop or venue exists
    is the planner's question. Raises QueryError naming ``parameter``."""
    raw = text.strip()
    match = _COORD.match(raw)
    if match:
        lat, lon = float(match.group(1)), float(match.group(2))
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise QueryError(
                f"'{parameter}' {raw[:60]!r} is not a coordinate: latitude must be -90..90 and "
                "longitude -180..180 (latitude first).", parameter=parameter)
        return Coordinate(lat, lon)
    if raw.startswith("stop:") and len(raw) > 5:
        return StopRef(raw.removeprefix("stop:"))
    if raw.startswith("venue:") and len(raw) > 6:
        return VenueRef(raw.removeprefix("venue:"))
    if raw.startswith("event:") and len(raw) > 6:
        return EventRef(raw.removeprefix("event:"))
    raise QueryError(f"'{parameter}' must be {PLACE_FORMS}; got {text[:60]!r}.",
                     parameter=parameter)


@dataclass(frozen=True)
class Query:
    """A journey request. ``origin``/``destination`` are PlaceSpecs (text such as
    ``stop:mrt-jakarta:SASN`` is parsed on construction); ``time_s`` is seconds since
    midnight of ``service_date``. Defaults and bounds: :mod:`routing.limits`."""

    origin: PlaceSpec
    destination: PlaceSpec
    service_date: date
    time_s: int
    arrive_by: bool = False
    num_itineraries: int = int(limits.NUM_ITINERARIES.default)
    max_transfers: int = int(limits.MAX_TRANSFERS.default)
    max_walk_m: int = int(limits.MAX_WALK_M.default)
    walk_speed: float = limits.WALK_SPEED_MPS.default
    wheelchair: bool = False
    transfer_slack_s: int = limits.TRANSFER_SLACK_S
    horizon_s: int = limits.HORIZON_S

    def __post_init__(self) -> None:
        for name, role in (("origin", "from"), ("destination", "to")):
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, parse_place(value, parameter=role))


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


@dataclass(frozen=True)
class FareProduct:
    """The fare product covering a transit leg (GTFS-Fares v2 ``fare_products.txt``; a v1
    ``fare_attributes.txt`` fare is shown as a product of the same id).

    ``amount`` is the product's price in ``currency`` (ISO 4217); ``media`` names the fare
    media it is bought on (e.g. "JakLingko card"), None when the feed does not say.
    """

    product_id: str
    name: str
    amount: float
    currency: str
    media: str | None = None


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
    fare_idr: int | None = None       # what this leg adds to the fare (0: covered already)
    via: PlaceRef | None = None       # the station exit a walk goes through
    fare_product: FareProduct | None = None   # the product covering this ride, if known
    #: the same vehicle as the previous ride leg, ridden on in-seat (block_id): no change
    interline_with_previous_leg: bool = False
    realtime: bool = False            # times from a GTFS-RT trip update (realtime overlay)
    scheduled_dep_s: int | None = None   # realtime rides: the timetable's times
    scheduled_arr_s: int | None = None

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
    notes: list[str | Message] = field(default_factory=list)   # Messages render per lang

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
        return max(0, sum(1 for leg in self.legs
                          if leg.is_transit and not leg.interline_with_previous_leg) - 1)

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
