"""Realtime in the MOTIS-compatible answers: ``realTime`` and the scheduled times of a leg
from a GTFS-RT trip update, and ``alerts`` (MOTIS ``Alert``) on legs and places."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from app.realtime.present import put_leg_alerts
from routing.clock import local_datetime
from routing.data.dataset import Dataset
from routing.journeys import Leg as RoutingLeg
from routing.kernel.timetable import Timetable
from routing.realtime.alerts import pick_text
from routing.realtime.decode import Alert
from routing.realtime.overlay import scheduled_row
from routing.realtime.source import alert_index

__all__ = ["MotisAlert", "MotisTimeRange", "motis_leg_realtime", "motis_stop_realtime"]


class MotisTimeRange(BaseModel):
    """MOTIS ``TimeRange`` (UTC; an open end is left out)."""

    model_config = ConfigDict(extra="forbid")
    start: str | None = None
    end: str | None = None


class MotisAlert(BaseModel):
    """MOTIS ``Alert``: a GTFS-RT service alert, texts in the asked language."""

    model_config = ConfigDict(extra="forbid")
    headerText: str
    descriptionText: str
    cause: str | None = None
    effect: str | None = None
    severityLevel: str | None = None
    url: str | None = None
    impactPeriod: list[MotisTimeRange] | None = None


def _utc(posix: int) -> str | None:
    return datetime.fromtimestamp(posix, UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if posix else None


def _utc_at(day: date, seconds: int) -> str:
    return local_datetime(day, seconds).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def motis_alert(alert: Alert, lang: str) -> MotisAlert:
    """``alert`` as MOTIS shows it."""
    return MotisAlert(
        headerText=pick_text(alert.header, lang),
        descriptionText=pick_text(alert.description, lang),
        cause=alert.cause, effect=alert.effect, severityLevel=alert.severity,
        url=pick_text(alert.url, lang) or None,
        impactPeriod=[MotisTimeRange(start=_utc(a), end=_utc(b)) for a, b in alert.periods]
        or None)


def motis_stop_realtime(table: Timetable, route: int, trip: int, pos: int, place: Any
                        ) -> tuple[Any, bool]:
    """A MOTIS StopTime's place with the scheduled times of a realtime run, and its
    ``realTime`` flag (place unchanged and False without realtime)."""
    sched_arr, sched_dep, flag = scheduled_row(table, route, trip)
    if not flag:
        return place, False
    day = table.service_date
    update = {}
    if place.arrival is not None:
        update["scheduledArrival"] = _utc_at(day, int(sched_arr[pos]))
    if place.departure is not None:
        update["scheduledDeparture"] = _utc_at(day, int(sched_dep[pos]))
    return place.model_copy(update=update), True


def motis_leg_realtime(ds: Dataset, day: date, leg: RoutingLeg, fields: dict[str, Any],
                       lang: str = "en") -> None:
    """Set ``realTime``, the scheduled start/end (and of its places) and ``alerts`` of a MOTIS
    leg's ``fields`` (in place; places are MOTIS ``Place`` models)."""
    if leg.is_transit and leg.realtime and leg.scheduled_dep_s is not None \
            and leg.scheduled_arr_s is not None:
        start, end = _utc_at(day, leg.scheduled_dep_s), _utc_at(day, leg.scheduled_arr_s)
        fields.update(realTime=True, scheduledStartTime=start, scheduledEndTime=end)
        fields["from"] = fields["from"].model_copy(update={"scheduledDeparture": start})
        fields["to"] = fields["to"].model_copy(update={"scheduledArrival": end})
    index = alert_index(ds)
    if index is None:
        return
    put_leg_alerts(fields, index.for_leg(day, leg), lambda alert: motis_alert(alert, lang))
