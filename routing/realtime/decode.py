"""GTFS-Realtime messages (protobuf, ``gtfs-realtime-bindings``) into plain, feed-qualified
records: :class:`TripUpdate`, :class:`Alert`, :class:`VehiclePosition`.

Every id is qualified with the realtime feed's id, which names the static feed it belongs to
(``GTFS_RT=tj=https://...`` updates trips ``tj:<trip_id>``). Times stay as the message gives
them: POSIX seconds (``*_time``), or seconds of delay (``*_delay_s``).

Errors::

    RealtimeMessageError (ValueError)   the message is not used at all
        kind "broken"   not a GTFS-RT FeedMessage (protobuf decode failed, no header), or
                        a DIFFERENTIAL one (only FULL_DATASET messages are applied)
        kind "stale"    header timestamp older than max_age_s (or far in the future)

A single entity that cannot be read (e.g. a trip update without any trip) is counted in
``DecodedFeed.rejected`` and left out; the rest of the message is used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from google.protobuf.message import DecodeError
from google.transit import gtfs_realtime_pb2 as pb

__all__ = [
    "Alert", "AlertEntity", "DecodedFeed", "RealtimeMessageError", "StopUpdate", "TripUpdate",
    "VehiclePosition", "decode_feed",
]

#: How far a header timestamp may lie in the future (clock skew) before it counts as broken.
FUTURE_SKEW_S = 300


class RealtimeMessageError(ValueError):
    """A realtime message that is not used; ``kind`` is ``broken`` or ``stale``."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind = kind


@dataclass(frozen=True)
class StopUpdate:
    """One ``StopTimeUpdate``: where (``stop_sequence`` and/or feed-qualified ``stop_id``)
    and what (delays in s, or absolute POSIX times; ``skipped``; ``no_data``)."""

    stop_sequence: int | None
    stop_id: str | None
    arr_delay_s: int | None = None
    arr_time: int | None = None
    dep_delay_s: int | None = None
    dep_time: int | None = None
    skipped: bool = False
    no_data: bool = False


@dataclass(frozen=True)
class TripUpdate:
    """One ``TripUpdate`` entity: which run (``trip_id``, ``start_date``, ``start_time_s``:
    seconds since the service date's noon - 12 h, for frequency-based trips), what
    (``relationship`` SCHEDULED, CANCELED or ADDED), and ``stops`` in message order."""

    entity_id: str
    feed_id: str
    trip_id: str | None
    route_id: str | None
    start_date: date | None
    start_time_s: int | None
    relationship: str
    delay_s: int | None
    stops: tuple[StopUpdate, ...]


@dataclass(frozen=True)
class AlertEntity:
    """One ``EntitySelector``: the alert applies to what all the set fields name together."""

    agency_id: str | None = None
    route_id: str | None = None
    stop_id: str | None = None
    trip_id: str | None = None


@dataclass(frozen=True)
class Alert:
    """One ``Alert``: texts by language tag ("" for an untagged text), active periods as
    (start, end) POSIX seconds (0 = open), and the entities it informs about."""

    alert_id: str
    cause: str
    effect: str
    header: dict[str, str]
    description: dict[str, str]
    url: dict[str, str]
    periods: tuple[tuple[int, int], ...]
    entities: tuple[AlertEntity, ...]
    severity: str = "UNKNOWN_SEVERITY"


@dataclass(frozen=True)
class VehiclePosition:
    """One ``VehiclePosition`` with a position."""

    vehicle_id: str
    label: str
    trip_id: str | None
    route_id: str | None
    lat: float
    lon: float
    bearing: float | None
    timestamp: int | None
    stop_id: str | None


@dataclass
class DecodedFeed:
    """A decoded message: header time (POSIX s) and the records of each kind."""

    feed_id: str
    timestamp: int
    trip_updates: list[TripUpdate] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)
    vehicles: list[VehiclePosition] = field(default_factory=list)
    rejected: int = 0


def decode_feed(feed_id: str, data: bytes, *, now: float, max_age_s: float) -> DecodedFeed:
    """Decode one FeedMessage. Raises RealtimeMessageError (``broken``: not a FeedMessage or
    no header timestamp; ``stale``: header older than ``max_age_s`` at ``now``)."""
    message = pb.FeedMessage()
    try:
        message.ParseFromString(data)
    except (DecodeError, RuntimeWarning, ValueError) as exc:
        raise RealtimeMessageError("broken", f"not a GTFS-RT FeedMessage: {exc}") from None
    if not message.HasField("header") or not message.header.gtfs_realtime_version:
        raise RealtimeMessageError("broken", "no FeedHeader (gtfs_realtime_version)")
    stamp = int(message.header.timestamp)
    if stamp <= 0:
        raise RealtimeMessageError("broken", "FeedHeader without a timestamp")
    if now - stamp > max_age_s:
        raise RealtimeMessageError("stale", f"header timestamp {stamp} is {now - stamp:.0f} s "
                                   f"old (GTFS_RT_MAX_AGE_S is {max_age_s:.0f})")
    if stamp - now > FUTURE_SKEW_S:
        raise RealtimeMessageError("broken", f"header timestamp {stamp} lies "
                                   f"{stamp - now:.0f} s in the future")
    if message.header.incrementality == pb.FeedHeader.DIFFERENTIAL:
        raise RealtimeMessageError("broken", "DIFFERENTIAL messages are not supported (only "
                                   "FULL_DATASET): not applied")
    out = DecodedFeed(feed_id, stamp)
    q = _Qualifier(feed_id)
    for entity in message.entity:
        if entity.is_deleted:
            continue
        try:
            if entity.HasField("trip_update"):
                out.trip_updates.append(_trip_update(q, entity.id, entity.trip_update))
            if entity.HasField("alert"):
                out.alerts.append(_alert(q, entity.id, entity.alert))
            if entity.HasField("vehicle") and entity.vehicle.HasField("position"):
                out.vehicles.append(_vehicle(q, entity.id, entity.vehicle))
        except ValueError:
            out.rejected += 1
    return out


class _Qualifier:
    def __init__(self, feed_id: str) -> None:
        self.feed_id = feed_id
        self.prefix = f"{feed_id}:"

    def __call__(self, value: str) -> str | None:
        return self.prefix + value if value else None


def _trip_update(q: _Qualifier, entity_id: str, tu: pb.TripUpdate) -> TripUpdate:
    trip = tu.trip
    names = pb.TripDescriptor.ScheduleRelationship.Name
    relationship = names(trip.schedule_relationship)
    if relationship in ("NEW", "DUPLICATED"):
        relationship = "ADDED"
    if relationship == "DELETED":
        relationship = "CANCELED"
    if not trip.trip_id and relationship != "ADDED":
        raise ValueError("trip update without trip_id")
    stops = []
    for stu in tu.stop_time_update:
        rel = stu.schedule_relationship
        stops.append(StopUpdate(
            stop_sequence=int(stu.stop_sequence) if stu.HasField("stop_sequence") else None,
            stop_id=q(stu.stop_id),
            arr_delay_s=_event(stu, "arrival", "delay"),
            arr_time=_event(stu, "arrival", "time"),
            dep_delay_s=_event(stu, "departure", "delay"),
            dep_time=_event(stu, "departure", "time"),
            skipped=rel == pb.TripUpdate.StopTimeUpdate.SKIPPED,
            no_data=rel == pb.TripUpdate.StopTimeUpdate.NO_DATA,
        ))
        if stops[-1].stop_sequence is None and stops[-1].stop_id is None:
            raise ValueError("stop time update without stop_sequence or stop_id")
    return TripUpdate(
        entity_id=entity_id, feed_id=q.feed_id, trip_id=q(trip.trip_id), route_id=q(trip.route_id),
        start_date=_date(trip.start_date), start_time_s=_hms(trip.start_time),
        relationship=relationship,
        delay_s=int(tu.delay) if tu.HasField("delay") else None, stops=tuple(stops))


def _event(stu: pb.TripUpdate.StopTimeUpdate, which: str, what: str) -> int | None:
    if not stu.HasField(which):
        return None
    event = getattr(stu, which)
    return int(getattr(event, what)) if event.HasField(what) else None


def _date(text: str) -> date | None:
    if not text:
        return None
    try:
        return datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        raise ValueError(f"bad start_date {text!r}") from None


def _hms(text: str) -> int | None:
    if not text:
        return None
    parts = text.split(":")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise ValueError(f"bad start_time {text!r}")
    h, m, s = (int(p) for p in parts)
    return h * 3600 + m * 60 + s


def _texts(ts: pb.TranslatedString) -> dict[str, str]:
    return {t.language or "": t.text for t in ts.translation if t.text}


def _alert(q: _Qualifier, entity_id: str, alert: pb.Alert) -> Alert:
    entities = tuple(
        AlertEntity(agency_id=q(e.agency_id), route_id=q(e.route_id), stop_id=q(e.stop_id),
                    trip_id=q(e.trip.trip_id) if e.HasField("trip") else None)
        for e in alert.informed_entity
    )
    if not entities or not any((e.agency_id, e.route_id, e.stop_id, e.trip_id)
                               for e in entities):
        raise ValueError("alert without informed entities")
    header = _texts(alert.header_text)
    if not header:
        raise ValueError("alert without header text")
    return Alert(
        alert_id=entity_id, cause=pb.Alert.Cause.Name(alert.cause),
        effect=pb.Alert.Effect.Name(alert.effect), header=header,
        description=_texts(alert.description_text), url=_texts(alert.url),
        periods=tuple((int(p.start), int(p.end)) for p in alert.active_period),
        entities=entities,
        severity=pb.Alert.SeverityLevel.Name(alert.severity_level),
    )


def _vehicle(q: _Qualifier, entity_id: str, v: pb.VehiclePosition) -> VehiclePosition:
    pos = v.position
    if not (-90 <= pos.latitude <= 90 and -180 <= pos.longitude <= 180):
        raise ValueError("vehicle position out of range")
    return VehiclePosition(
        vehicle_id=v.vehicle.id or entity_id, label=v.vehicle.label or v.vehicle.id or "",
        trip_id=q(v.trip.trip_id) if v.HasField("trip") else None,
        route_id=q(v.trip.route_id) if v.HasField("trip") else None,
        lat=float(pos.latitude), lon=float(pos.longitude),
        bearing=float(pos.bearing) if pos.HasField("bearing") else None,
        timestamp=int(v.timestamp) if v.HasField("timestamp") else None,
        stop_id=q(v.stop_id),
    )
