"""Response models of realtime: service alerts (on legs, places, boards, ``/v1/alerts``)
and the realtime feeds' status (``/v1/feeds``)."""

from __future__ import annotations

from pydantic import BaseModel, Field

__all__ = ["AlertList", "ActivePeriod", "AlertEntityOut", "RealtimeFeedInfo", "ServiceAlert"]


class ActivePeriod(BaseModel):
    """When an alert is in force (open ends null)."""

    start: str | None = Field(default=None, description="ISO 8601 start; null: open.",
                              examples=["2026-12-01T06:00:00+07:00"])
    end: str | None = Field(default=None, description="ISO 8601 end; null: open.",
                            examples=["2026-12-01T10:00:00+07:00"])


class AlertEntityOut(BaseModel):
    """What an alert informs about (feed-qualified ids; the fields set apply together)."""

    agency_id: str | None = Field(default=None, examples=["transjakarta:Tije"])
    route_id: str | None = Field(default=None, examples=["transjakarta:1"])
    stop_id: str | None = Field(default=None, examples=["transjakarta:H00265P"])
    trip_id: str | None = Field(default=None, examples=["transjakarta:1-R07"])


class ServiceAlert(BaseModel):
    """A GTFS-Realtime service alert, its texts in the asked `lang` (else English, else
    any language the feed gives)."""

    id: str = Field(description="`<feed>:<entity id>` of the alert.",
                    examples=["transjakarta:alert-1"])
    header: str = Field(description="Short text, in `lang` where the feed translates it.",
                        examples=["Halte ASEAN closed"])
    description: str | None = Field(default=None, description="Longer text, in `lang`.")
    url: str | None = Field(default=None, description="More information.")
    cause: str = Field(description="GTFS-RT cause (`CONSTRUCTION`, `UNKNOWN_CAUSE`, ...).",
                       examples=["CONSTRUCTION"])
    effect: str = Field(description="GTFS-RT effect (`NO_SERVICE`, `DETOUR`, ...).",
                        examples=["NO_SERVICE"])
    severity: str = Field(description="GTFS-RT severity level.", examples=["WARNING"])
    active_periods: list[ActivePeriod] = Field(
        description="When it is in force; empty: always.")
    informed_entities: list[AlertEntityOut] = Field(description="What it is about.")


class AlertList(BaseModel):
    """Service alerts from the GTFS-RT feeds, those in force at `time`."""

    time: str = Field(description="The time the alerts are in force at, ISO 8601.")
    alerts: list[ServiceAlert] = Field(description="In feed order.")


class RealtimeFeedInfo(BaseModel):
    """One realtime feed (`GTFS_RT` entry): its last fetch and what it brought."""

    id: str = Field(description="`<feed_id>/<kind>`.", examples=["transjakarta/trip-updates"])
    feed_id: str = Field(description="The static feed its ids belong to.",
                         examples=["transjakarta"])
    kind: str = Field(description="`trip-updates`, `alerts`, `vehicle-positions` or `all`.")
    url: str = Field(description="Where it is fetched from (without query or credentials, "
                     "where API keys often are).")
    state: str = Field(description="Last fetch: `ok`, `not-modified`, `error` (network or "
                       "HTTP status), `broken` (not a GTFS-RT message), `stale` (header "
                       "older than GTFS_RT_MAX_AGE_S), `never` (not fetched yet).")
    detail: str | None = Field(default=None, description="Why the last fetch failed.")
    last_fetch: str | None = Field(default=None, description="Last fetch, ISO 8601 UTC.")
    last_success: str | None = Field(default=None, description="Last usable answer (UTC).")
    message_time: str | None = Field(default=None,
                                     description="Header time of the message in use (UTC).")
    age_s: float | None = Field(default=None, description="Seconds since `message_time`.")
    fetches: int = Field(description="Fetches since start.")
    errors: int = Field(description="Fetches that failed (network, HTTP status).")
    broken: int = Field(description="Messages refused as broken.")
    stale: int = Field(description="Messages refused as stale.")
    entities: int = Field(description="Entities in the message in use.")
    applied: int = Field(description="Of those, applied: trip updates matched in today's "
                         "timetable, alerts, vehicle positions.")
    rejected: int = Field(description="Of those, not applied: unreadable, or ids matching "
                          "no trip of today.")
