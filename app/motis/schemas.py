"""Response models of the MOTIS-compatible routes, mirroring MOTIS v6's OpenAPI schemas.

Each class ``Motis<Name>`` mirrors MOTIS's schema ``<Name>`` (``components/schemas`` of MOTIS's
``openapi.yaml``, MIT; the prefix keeps them apart from the ``/v1`` models of the same names in
``/openapi.json``) with the subset of its fields Menuju can fill; field names are MOTIS's
camelCase. Optional fields Menuju does not know are left out of the JSON (serialise
with ``exclude_none=True``), as MOTIS leaves out what it does not know. Date-times are ISO 8601
in UTC with a ``Z`` (``2026-12-01T01:00:00Z``), as MOTIS writes them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.realtime.motis import MotisAlert

__all__ = [
    "Area",
    "EncodedPolyline",
    "Error",
    "FareProduct",
    "FareTransfer",
    "HealthResponse",
    "Itinerary",
    "Leg",
    "Match",
    "MotisArea",
    "MotisEncodedPolyline",
    "MotisError",
    "MotisFareProduct",
    "MotisFareTransfer",
    "MotisHealthResponse",
    "MotisItinerary",
    "MotisLeg",
    "MotisMatch",
    "MotisPlace",
    "MotisPlanResponse",
    "MotisStopTime",
    "MotisStoptimesResponse",
    "Place",
    "PlanResponse",
    "StopTime",
    "StoptimesResponse",
]

#: MOTIS ``VertexType``: a coordinate or address (NORMAL) or a transit stop (TRANSIT).
VertexType = Literal["NORMAL", "BIKESHARE", "TRANSIT"]
#: MOTIS ``PickupDropoffType``.
PickupDropoffType = Literal["NORMAL", "NOT_ALLOWED"]
#: MOTIS ``WheelchairAccessibility``.
WheelchairAccessibility = Literal["ACCESSIBLE", "NOT_ACCESSIBLE"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class MotisError(_Model):
    """MOTIS ``Error``: the body of every 4xx/5xx answer under ``/api``."""

    error: str = Field(description="What went wrong and what to change.")


class MotisPlace(_Model):
    """MOTIS ``Place``: a stop, a venue or a coordinate, with times when it is part of a leg.

    ``stopId`` is Menuju's feed-qualified stop id (``mrt-jakarta:SASN``); ``parentId`` the
    stop's station; ``track``/``scheduledTrack`` its platform code; ``tz`` is always
    ``Asia/Jakarta``. ``description`` carries Menuju's notes about a venue (approximate
    position, closed at arrival)."""

    name: str
    stopId: str | None = None
    parentId: str | None = None
    lat: float
    lon: float
    tz: str | None = None
    arrival: str | None = None
    departure: str | None = None
    scheduledArrival: str | None = None
    scheduledDeparture: str | None = None
    scheduledTrack: str | None = None
    track: str | None = None
    description: str | None = None
    vertexType: VertexType | None = None
    pickupType: PickupDropoffType | None = None
    dropoffType: PickupDropoffType | None = None
    cancelled: bool | None = None
    modes: list[str] | None = None
    alerts: list[MotisAlert] | None = None


class MotisEncodedPolyline(_Model):
    """MOTIS ``EncodedPolyline``: Google polyline encoding of (lat, lon) points with
    ``precision`` decimal digits (6 on ``/api/v6``) and ``length`` points."""

    points: str
    precision: int
    length: int = Field(ge=0)


class MotisFareProduct(_Model):
    """MOTIS ``FareProduct``: a ticket (price ``amount`` in ``currency``, ISO 4217)."""

    name: str
    amount: float
    currency: str


class MotisFareTransfer(_Model):
    """MOTIS ``FareTransfer``: effective fare legs sharing one ticket. Menuju uses ``A_AB``
    (the first ride's ticket covers the following rides of the group, as TransJakarta's
    transfers within the paid area) or no rule for a group of one ride."""

    rule: Literal["A_AB", "A_AB_B", "AB"] | None = None
    transferProducts: list[MotisFareProduct] | None = None
    effectiveFareLegProducts: list[list[list[MotisFareProduct]]]


class MotisLeg(_Model):
    """MOTIS ``Leg``: a walk (``WALK``) or one ride (``BUS``, ``SUBWAY``, ...). ``realTime``
    is true where a GTFS-RT trip update gave the times (the scheduled ones then differ);
    ``alerts`` are GTFS-RT service alerts on the ride."""

    mode: str
    from_: MotisPlace = Field(alias="from")
    to: MotisPlace
    duration: int
    startTime: str
    endTime: str
    scheduledStartTime: str
    scheduledEndTime: str
    realTime: bool = False
    scheduled: bool = True
    distance: float | None = None
    interlineWithPreviousLeg: bool | None = None
    headsign: str | None = None
    alerts: list[MotisAlert] | None = None
    tripFrom: MotisPlace | None = None
    tripTo: MotisPlace | None = None
    routeId: str | None = None
    directionId: str | None = None
    routeColor: str | None = None
    routeTextColor: str | None = None
    routeType: int | None = None
    agencyName: str | None = None
    agencyUrl: str | None = None
    agencyId: str | None = None
    tripId: str | None = None
    routeShortName: str | None = None
    routeLongName: str | None = None
    tripShortName: str | None = None
    displayName: str | None = None
    cancelled: bool | None = None
    source: str | None = None
    intermediateStops: list[MotisPlace] | None = None
    legGeometry: MotisEncodedPolyline
    fareTransferIndex: int | None = None
    effectiveFareLegIndex: int | None = None
    wheelchairAccessible: WheelchairAccessibility | None = None

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class MotisItinerary(_Model):
    """MOTIS ``Itinerary``: a journey (``transfers`` = rides - 1), ``id`` opaque."""

    duration: int
    startTime: str
    endTime: str
    transfers: int
    id: str
    legs: list[MotisLeg]
    fareTransfers: list[MotisFareTransfer] | None = None


class MotisPlanResponse(_Model):
    """The 200 answer of MOTIS ``plan``: transit ``itineraries``, walk-only ``direct``
    itineraries and opaque cursors for the earlier and the later page."""

    requestParameters: dict[str, str]
    debugOutput: dict[str, int]
    from_: MotisPlace = Field(alias="from")
    to: MotisPlace
    direct: list[MotisItinerary]
    itineraries: list[MotisItinerary]
    previousPageCursor: str
    nextPageCursor: str

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class MotisStopTime(_Model):
    """MOTIS ``StopTime``: one departure or arrival of a run at a stop."""

    place: MotisPlace
    mode: str
    realTime: bool = False
    headsign: str
    tripFrom: MotisPlace
    tripTo: MotisPlace
    agencyId: str
    agencyName: str
    agencyUrl: str
    routeId: str
    directionId: str
    routeColor: str | None = None
    routeTextColor: str | None = None
    tripId: str
    routeType: int | None = None
    routeShortName: str
    routeLongName: str
    tripShortName: str
    displayName: str
    pickupDropoffType: PickupDropoffType = "NORMAL"
    cancelled: bool = False
    tripCancelled: bool = False
    bikesAllowed: bool = False
    wheelchairAccessible: WheelchairAccessibility
    reservation: Literal["NONE", "COMPULSORY"] = "NONE"
    source: str


class MotisStoptimesResponse(_Model):
    """The 200 answer of MOTIS ``stoptimes``."""

    stopTimes: list[MotisStopTime]
    place: MotisPlace
    previousPageCursor: str
    nextPageCursor: str


class MotisArea(_Model):
    """MOTIS ``Area``: an administrative area a match lies in."""

    name: str
    adminLevel: float
    matched: bool
    default: bool | None = None


class MotisMatch(_Model):
    """MOTIS ``Match``: one geocoding hit. Stations and stops are ``STOP`` (``id`` = stop id),
    venues are ``PLACE`` (``id`` = ``venue:<id>``, usable as ``fromPlace``/``toPlace``)."""

    type: Literal["ADDRESS", "PLACE", "STOP"]
    category: str | None = None
    tokens: list[list[float]]
    name: str
    id: str
    lat: float
    lon: float
    tz: str | None = None
    country: str | None = None
    areas: list[MotisArea]
    score: float
    modes: list[str] | None = None


class MotisHealthResponse(_Model):
    """MOTIS ``HealthResponse``: which real-time feed kinds have been read (Menuju reads none,
    so both are false; the 200 itself says the data are loaded)."""

    rt: bool = False
    gbfs: bool = False


# MOTIS's own names for the models above (``schemas.Place`` is ``MotisPlace``).
Area = MotisArea
EncodedPolyline = MotisEncodedPolyline
Error = MotisError
FareProduct = MotisFareProduct
FareTransfer = MotisFareTransfer
HealthResponse = MotisHealthResponse
Itinerary = MotisItinerary
Leg = MotisLeg
Match = MotisMatch
Place = MotisPlace
PlanResponse = MotisPlanResponse
StopTime = MotisStopTime
StoptimesResponse = MotisStoptimesResponse
