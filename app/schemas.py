"""Response models of the public API (documentation and validation of what we send)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.realtime.schemas import ServiceAlert

__all__ = [
    "Departure",
    "DepartureBoard",
    "EncodedLineString",
    "Entrance",
    "Fare",
    "FeedCounts",
    "FeedInfo",
    "FeedList",
    "IntermediateStop",
    "Itinerary",
    "Leg",
    "LineString",
    "LocalText",
    "Place",
    "PlanResponse",
    "Platform",
    "Problem",
    "Route",
    "Stop",
    "StopMatch",
    "StopSearch",
    "Venue",
    "VenueFact",
    "VenueList",
]


class Problem(BaseModel):
    """An RFC 9457 problem, sent as ``application/problem+json``."""

    type: str = Field(
        description="URI naming the kind of problem, e.g. "
        "https://menuju.id/problems/unknown-place, or about:blank.",
        examples=["https://menuju.id/problems/unknown-place"],
    )
    title: str = Field(description="Short summary of the kind of problem.")
    status: int = Field(description="HTTP status code.", examples=[404])
    detail: str = Field(description="What went wrong in this request and how to fix it.")
    instance: str | None = Field(default=None, description="Path of the request.")
    parameter: str | None = Field(
        default=None, description="Name of the offending request parameter, where one is to blame."
    )


class FeedCounts(BaseModel):
    """How many of each thing a feed holds."""

    stops: int = Field(description="Rows of stops.txt: stations, platforms and entrances.")
    routes: int = Field(description="Rows of routes.txt.")
    trips: int = Field(description="Rows of trips.txt (frequency templates count once).")


class FeedInfo(BaseModel):
    """One loaded GTFS feed."""

    feed_id: str = Field(description="Prefix of this feed's public ids, e.g. `mrt`.")
    agency: str = Field(description="Name of the (first) agency.")
    start_date: date | None = Field(description="First service date the feed covers.")
    end_date: date | None = Field(description="Last service date the feed covers.")
    counts: FeedCounts
    content_hash: str = Field(description="Hash of the feed's files; changes with any edit.")


class FeedList(BaseModel):
    """Every loaded feed."""

    feeds: list[FeedInfo]


LocalText = dict[str, str]
"""Text by language: ``{"id": "...", "en": "..."}``."""


class Entrance(BaseModel):
    """A gate or door of a venue."""

    id: str = Field(description="Entrance id, unique within its venue.")
    name: LocalText = Field(description="Name by language (`id`, `en`).")
    lat: float = Field(description="Latitude, WGS84 degrees.")
    lon: float = Field(description="Longitude, WGS84 degrees.")
    step_free: bool | None = Field(description="Reachable without steps; null where unknown.")


class VenueFact(BaseModel):
    """A fact about a venue, by language, with public sources."""

    text: LocalText = Field(description="The fact by language (at least `id` and `en`).")
    sources: list[str] = Field(description="The public sources it comes from (citations or "
                               "URLs).")


class Venue(BaseModel):
    """A destination: the ASEAN Secretariat or one of the parks beside it."""

    id: str = Field(description="Venue id, used as `venue:<id>` in /v1/plan.")
    name: LocalText = Field(description="Name by language: `id` (Indonesian), `en`.")
    description: LocalText = Field(description="One or two sentences by language.")
    lat: float = Field(description="Latitude of the venue's centre, WGS84 degrees.")
    lon: float = Field(description="Longitude of the venue's centre, WGS84 degrees.")
    entrances: list[Entrance] = Field(description="Ways in; journeys end at one of them.")
    opening_hours: dict[str, list[list[str]]] | None = Field(
        description='Weekday (`mon`..`sun`) to [["HH:MM", "HH:MM"], ...] local time; '
        "a missing day is closed; null where the hours are unknown.",
        examples=[{"mon": [["08:00", "16:00"]]}],
    )
    opening_note: LocalText | None = Field(description="Remarks on opening by language.")
    location_quality: Literal["surveyed", "approximate"] = Field(
        description="`approximate` where we could not confirm the coordinates; tell users so."
    )
    location_note: LocalText = Field(description="Where the coordinates come from, by language.")
    aliases: list[str] = Field(default_factory=list, description="Other names people search "
                               "for (e.g. `Taman Bendera Pusaka`); /v1/stops and the CLI "
                               "find the venue by them.")
    also_known_as: LocalText | None = Field(
        default=None, description="The venue's other or coming name by language, shown beside "
        "its name; null when none.")
    facts: list[VenueFact] = Field(default_factory=list,
                                   description="Facts about the venue with their sources.")


class VenueList(BaseModel):
    """Every venue."""

    venues: list[Venue]


# -- journeys ------------------------------------------------------------------------------


class Place(BaseModel):
    """Where a journey or leg starts or ends: a stop, a venue (entrance) or a coordinate."""

    name: str = Field(description="Name for people.", examples=["Stasiun MRT ASEAN"])
    lat: float = Field(description="Latitude, WGS84 degrees.", examples=[-6.2387737])
    lon: float = Field(description="Longitude, WGS84 degrees.", examples=[106.7984457])
    stop_id: str | None = Field(
        default=None,
        description="Feed-qualified stop or station id (`<feed>:<stop_id>`); null off stops.",
        examples=["mrt-jakarta:GASN02"],
    )
    venue_id: str | None = Field(
        default=None, description="Venue id where the place is a venue.",
        examples=["asean-secretariat"],
    )
    entrance: str | None = Field(
        default=None, description="Venue entrance id, unique within the venue.",
        examples=["main"],
    )
    platform: str | None = Field(
        default=None, description="Platform or bay code as signed at the stop.", examples=["2"]
    )
    step_free: bool | None = Field(
        default=None, description="Reachable without steps; null where unknown.",
        examples=[True],
    )
    location_quality: Literal["surveyed", "approximate"] | None = Field(
        default=None,
        description="For venues: `approximate` when the coordinates are not confirmed.",
        examples=["approximate"],
    )
    alerts: list[ServiceAlert] | None = Field(
        default=None, description="GTFS-RT service alerts on this stop or its station in "
        "force at the time the journey is there (null: none).")


class IntermediateStop(Place):
    """A stop a transit leg passes without the rider getting off."""

    arrival: str = Field(description="Arrival, ISO 8601 with +07:00.",
                         examples=["2026-12-01T08:02:00+07:00"])
    departure: str = Field(description="Departure, ISO 8601 with +07:00.",
                           examples=["2026-12-01T08:02:30+07:00"])


class Fare(BaseModel):
    """A price in Indonesian rupiah."""

    amount: int = Field(description="Amount in whole rupiah (IDR).", examples=[3000])
    currency: Literal["IDR"] = Field(description="Always `IDR`.", examples=["IDR"])
    text: str | None = Field(default=None, description="The amount as people read it in the "
                             "asked `lang` (CLDR format), e.g. `Rp 3.500` (id), `IDR 3,500` "
                             "(en).", examples=["Rp 3.500"])


class FareProduct(BaseModel):
    """The fare product covering a ride (GTFS-Fares v2 `fare_products.txt`; a v1 fare is shown
    as a product of its `fare_id`)."""

    id: str = Field(description="Feed-qualified product id.", examples=["transjakarta:TJ_FLAT"])
    name: str = Field(description="The product's name as the feed gives it.",
                      examples=["Tarif TransJakarta"])
    amount: float = Field(description="The product's price in `currency`.", examples=[3500])
    currency: str = Field(description="ISO 4217 currency of `amount`.", examples=["IDR"])
    media: str | None = Field(default=None, description="The fare media it is bought on or "
                              "paid with, when the feed says.", examples=["JakLingko"])


class Route(BaseModel):
    """A public-transport line."""

    id: str = Field(description="Feed-qualified route id.", examples=["mrt-jakarta:MRTJ_NS"])
    short_name: str = Field(description="Short name as signed (may be empty).", examples=["NS"])
    long_name: str = Field(description="Long name (may be empty).",
                           examples=["North-South Line"])
    color: str | None = Field(description="Line colour, hex RRGGBB without `#`; null if unknown.",
                              examples=["CA1F47"])
    text_color: str | None = Field(
        default=None, description="Text colour on `color`, hex RRGGBB; null if unknown.",
        examples=["FFFFFF"],
    )
    agency: str | None = Field(default=None, description="Operator name.",
                               examples=["MRT Jakarta"])


class LineString(BaseModel):
    """A GeoJSON LineString (RFC 7946), positions as [lon, lat]."""

    type: Literal["LineString"] = Field(description="Always `LineString`.",
                                        examples=["LineString"])
    coordinates: list[list[float]] = Field(
        description="At least two [lon, lat] positions, WGS84 degrees.",
        examples=[[[106.7981, -6.2444], [106.7984, -6.2388]]],
    )


class EncodedLineString(BaseModel):
    """A path as an encoded polyline (Google's algorithm, precision 6: degrees x 1e6), the
    form of `geometry=polyline`; decoded it gives the [lat, lon] pairs of the LineString's
    positions (each within 1e-6 degrees)."""

    type: Literal["EncodedPolyline"] = Field(description="Always `EncodedPolyline`.",
                                             examples=["EncodedPolyline"])
    points: str = Field(description="The encoded [lat, lon] pairs.",
                        examples=["~ac|Jg`mujE_}IwQ"])
    precision: int = Field(description="Decimal digits kept: always 6.", examples=[6])
    length: int = Field(description="How many positions it encodes (at least two).",
                        examples=[2])


class Leg(BaseModel):
    """One part of an itinerary: a walk, or a ride on one vehicle."""

    model_config = ConfigDict(populate_by_name=True)

    mode: str = Field(description="`WALK`, `BUS`, `SUBWAY`, `RAIL`, `TRAM`, ...",
                      examples=["SUBWAY"])
    mode_name: str = Field(description="The mode as people say it, in `lang` (SUBWAY is MRT).",
                           examples=["MRT"])
    from_: Place = Field(alias="from", description="Where the leg starts.")
    to: Place = Field(description="Where the leg ends.")
    departure: str = Field(description="Departure, ISO 8601 with +07:00.",
                           examples=["2026-12-01T08:00:00+07:00"])
    arrival: str = Field(description="Arrival, ISO 8601 with +07:00.",
                         examples=["2026-12-01T08:12:00+07:00"])
    duration_s: int = Field(description="Seconds from departure to arrival.", examples=[720])
    distance_m: int = Field(description="Metres travelled.", examples=[7600])
    instruction: str = Field(description="What to do, in `lang`.",
                             examples=["Take MRT NS towards Bundaran HI from Lebak Bulus ..."])
    geometry: LineString | EncodedLineString = Field(
        discriminator="type", description="The path of the leg: a GeoJSON LineString, or "
        "with `geometry=polyline` an encoded polyline of precision 6.")
    feed_id: str | None = Field(default=None, description="Transit: the feed of the trip.",
                                examples=["mrt-jakarta"])
    trip_id: str | None = Field(default=None, description="Transit: feed-qualified trip id.",
                                examples=["mrt-jakarta:NS-WD-LBB-BHI-0800"])
    route: Route | None = Field(default=None, description="Transit: the line ridden.")
    headsign: str | None = Field(default=None, description="Transit: destination shown.",
                                 examples=["Bundaran HI"])
    intermediate_stops: list[IntermediateStop] | None = Field(
        default=None, description="Transit: stops passed between boarding and alighting."
    )
    fare: Fare | None = Field(default=None, description="Transit: what this leg adds to the "
                              "itinerary's fare, if known (0 when a transfer rule covers it).")
    fare_product: FareProduct | None = Field(
        default=None, description="Transit: the fare product covering this leg (the transfer "
        "product where a transfer rule charges one), if known.")
    headway_s: int | None = Field(
        default=None,
        description="Transit on frequency-based service: seconds between vehicles; the "
        "times are then estimates.",
        examples=[600],
    )
    interline_with_previous_leg: bool = Field(
        default=False, description="Transit: the same vehicle as the previous transit leg, "
        "ridden on in-seat (GTFS block_id): no change of vehicle and no transfer counted.")
    realtime: bool = Field(default=False, description="Transit: `departure` and `arrival` "
                           "come from a GTFS-RT trip update (realtime), not the timetable.")
    scheduled_departure: str | None = Field(
        default=None, description="Realtime legs: the timetable's departure, ISO 8601 "
        "(null for an added run or without realtime).",
        examples=["2026-12-01T08:00:00+07:00"])
    scheduled_arrival: str | None = Field(
        default=None, description="Realtime legs: the timetable's arrival, ISO 8601.",
        examples=["2026-12-01T08:12:00+07:00"])
    delay_s: int | None = Field(default=None, description="Realtime legs: seconds the "
                                "departure is later (negative: earlier) than scheduled.",
                                examples=[360])
    alerts: list[ServiceAlert] | None = Field(
        default=None, description="Transit: GTFS-RT service alerts on the trip, its route or "
        "agency, or the stops it is boarded or left at, in force at departure (null: none).")


class Itinerary(BaseModel):
    """One way to make the journey."""

    departure: str = Field(description="Departure from the origin, ISO 8601 with +07:00.",
                           examples=["2026-12-01T08:00:00+07:00"])
    arrival: str = Field(description="Arrival at the destination, ISO 8601 with +07:00.",
                         examples=["2026-12-01T08:19:30+07:00"])
    duration_s: int = Field(description="Seconds from departure to arrival.", examples=[1170])
    transfers: int = Field(description="Changes of vehicle.", examples=[0])
    walk_distance_m: int = Field(description="Metres walked in all.", examples=[498])
    fare: Fare | None = Field(description="Total fare; null where unknown.")
    legs: list[Leg] = Field(description="The legs, in order.")


class PlanResponse(BaseModel):
    """Itineraries between two places; none (with notes saying why) when there is no way."""

    model_config = ConfigDict(populate_by_name=True)

    from_: Place = Field(alias="from", description="The origin as understood.")
    to: Place = Field(description="The destination as understood.")
    itineraries: list[Itinerary] = Field(description="Chronological; may be empty.")
    notes: list[str] = Field(description="Caveats, or why nothing was found, in `lang`.",
                             examples=[["Taman Ayodya: the location is approximate."]])


# -- stops and departures -----------------------------------------------------------------


class Platform(BaseModel):
    """A boardable stop: a station's platform or a bus bay."""

    id: str = Field(description="Feed-qualified stop id.", examples=["mrt-jakarta:GASN01"])
    name: str = Field(description="Name for people.",
                      examples=["Stasiun MRT ASEAN (arah Lebak Bulus)"])
    platform: str | None = Field(description="Platform code as signed.", examples=["1"])
    lat: float = Field(description="Latitude, WGS84 degrees.", examples=[-6.2387737])
    lon: float = Field(description="Longitude, WGS84 degrees.", examples=[106.7984457])
    step_free: bool | None = Field(description="Step-free boarding; null where unknown.",
                                   examples=[True])


class StopMatch(BaseModel):
    """A search hit: a station (with its platforms) or a stop on its own."""

    id: str = Field(description="Feed-qualified id; use as `stop:<id>` in /v1/plan.",
                    examples=["mrt-jakarta:SASN"])
    kind: Literal["station", "stop"] = Field(description="`station` or `stop`.",
                                             examples=["station"])
    name: str = Field(description="Name for people.", examples=["Stasiun MRT ASEAN"])
    lat: float = Field(description="Latitude, WGS84 degrees.", examples=[-6.2387737])
    lon: float = Field(description="Longitude, WGS84 degrees.", examples=[106.7984457])
    distance_m: int | None = Field(description="Metres (straight line) from `near`; null "
                                   "without `near`.", examples=[49])
    score: float = Field(description="Name match 0-100 (0 when searching by `near` only).",
                         examples=[95.8])
    platforms: list[Platform] = Field(description="Boardable stops of this place.")


class StopSearch(BaseModel):
    """Search results, best first (stations before stops on close calls)."""

    stops: list[StopMatch] = Field(description="Matches, best (or nearest) first.")


class Stop(BaseModel):
    """A station or stop with its platforms and the lines serving it."""

    id: str = Field(description="Feed-qualified id.", examples=["mrt-jakarta:SASN"])
    kind: str = Field(description="`station` or `stop`.", examples=["station"])
    name: str = Field(description="Name for people.", examples=["Stasiun MRT ASEAN"])
    lat: float = Field(description="Latitude, WGS84 degrees.", examples=[-6.2387737])
    lon: float = Field(description="Longitude, WGS84 degrees.", examples=[106.7984457])
    feed_id: str = Field(description="The feed it comes from.", examples=["mrt-jakarta"])
    parent_station: str | None = Field(description="The station a platform belongs to.",
                                       examples=[None])
    step_free: bool | None = Field(
        description="Some platform is step-free (true), none is (false), unknown (null).",
        examples=[True],
    )
    platforms: list[Platform] = Field(description="Boardable stops (itself for a stop).")
    routes: list[Route] = Field(description="Lines calling here, by short name.")


class Departure(BaseModel):
    """One vehicle leaving a stop."""

    route: Route = Field(description="The line.")
    mode: str = Field(description="`BUS`, `SUBWAY`, ...", examples=["SUBWAY"])
    mode_name: str = Field(description="The mode in `lang`.", examples=["MRT"])
    headsign: str = Field(description="Destination shown on the vehicle.",
                          examples=["Bundaran HI"])
    stop_id: str = Field(description="Platform or bay it leaves from.",
                         examples=["mrt-jakarta:GASN02"])
    platform: str | None = Field(description="Platform code as signed.", examples=["2"])
    trip_id: str = Field(description="Feed-qualified trip id.",
                         examples=["mrt-jakarta:NS-WD-LBB-BHI-0745"])
    departure: str = Field(description="Scheduled (or, frequency-based, estimated) departure, "
                           "ISO 8601 with +07:00.", examples=["2026-12-01T08:00:10+07:00"])
    minutes: int = Field(description="Whole minutes from the requested time.", examples=[0])
    step_free: bool | None = Field(description="Wheelchair-accessible vehicle; null unknown.",
                                   examples=[True])
    headway_min: int | None = Field(description="Frequency-based service: minutes between "
                                    "vehicles; null for timetabled trips.", examples=[7])
    frequency_text: str | None = Field(description="Frequency-based service: e.g. `every 7 "
                                       "min` / `setiap 7 menit` in `lang`.",
                                       examples=["every 7 min"])
    realtime: bool = Field(default=False, description="`departure` comes from a GTFS-RT trip "
                           "update.")
    scheduled_departure: str | None = Field(
        default=None, description="Realtime: the timetable's departure, ISO 8601.",
        examples=["2026-12-01T07:54:10+07:00"])
    delay_s: int | None = Field(default=None, description="Realtime: seconds later than "
                                "scheduled (negative: earlier).", examples=[360])
    alerts: list[ServiceAlert] | None = Field(
        default=None, description="GTFS-RT alerts on this trip, its route or the stop "
        "(null: none).")


class DepartureBoard(BaseModel):
    """The next departures from a stop or a whole station."""

    stop: Platform = Field(description="The stop or station asked for.")
    time: str = Field(description="The requested time, ISO 8601 with +07:00.",
                      examples=["2026-12-01T08:00:00+07:00"])
    departures: list[Departure] = Field(description="Soonest first.")
    alerts: list[ServiceAlert] | None = Field(
        default=None, description="GTFS-RT alerts on the stop or station in force at `time` "
        "(null: none).")
