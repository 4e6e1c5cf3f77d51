"""Realtime in the answers: times and delays on legs and departures, service alerts on
legs, places and boards (text in the asked language), and the "realtime unavailable" note.
Every function is a no-op without realtime (no ``GTFS_RT`` configured)."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from app.realtime.schemas import ActivePeriod, AlertEntityOut, ServiceAlert
from routing.clock import JAKARTA_TZ, local_datetime
from routing.data.dataset import Dataset
from routing.i18n import msg, render
from routing.journeys import Leg as RoutingLeg
from routing.plan import departures as board
from routing.realtime.alerts import LegAlerts, pick_text
from routing.realtime.decode import Alert
from routing.realtime.source import alert_index, realtime_of

__all__ = ["alert_out", "alerts_at_stop", "departure_fields", "leg_fields", "plan_extras",
           "put_leg_alerts"]

UNAVAILABLE = msg("Realtime information is unavailable just now: times are as scheduled "
                  "or as last reported.")


def _iso(posix: int) -> str | None:
    if not posix:
        return None
    return datetime.fromtimestamp(posix, JAKARTA_TZ).isoformat()


def alert_out(alert: Alert, lang: str) -> ServiceAlert:
    """An alert with its texts in ``lang`` (else English, else any)."""
    return ServiceAlert(
        id=alert.alert_id if ":" in alert.alert_id else _feed_of(alert) + alert.alert_id,
        header=pick_text(alert.header, lang),
        description=pick_text(alert.description, lang) or None,
        url=pick_text(alert.url, lang) or None, cause=alert.cause, effect=alert.effect,
        severity=alert.severity,
        active_periods=[ActivePeriod(start=_iso(a), end=_iso(b)) for a, b in alert.periods],
        informed_entities=[AlertEntityOut(agency_id=e.agency_id, route_id=e.route_id,
                                          stop_id=e.stop_id, trip_id=e.trip_id)
                           for e in alert.entities],
    )


def _feed_of(alert: Alert) -> str:
    for e in alert.entities:
        for value in (e.agency_id, e.route_id, e.stop_id, e.trip_id):
            if value:
                return value.split(":", 1)[0] + ":"
    return ""


def _posix(day: date, seconds: int) -> float:
    return local_datetime(day, seconds).timestamp()


def alerts_at_stop(ds: Dataset, stop_id: str | None, at: float | None, lang: str
                   ) -> list[ServiceAlert]:
    """Alerts on a stop or station (or its station) in force at POSIX ``at``."""
    index = alert_index(ds)
    if index is None or not stop_id:
        return []
    return [alert_out(a, lang) for a in index.at_stops([stop_id], at)]


def leg_fields(ds: Dataset, day: date, leg: RoutingLeg, lang: str, fields: dict[str, Any]
               ) -> None:
    """Add realtime times and alerts to a leg's response ``fields`` (in place): for a ride,
    ``realtime``, ``scheduled_departure``/``scheduled_arrival`` and ``delay_s``, alerts on
    its trip, route, agency and the stops it calls at (boarding to alighting); for any leg,
    the alerts of its places."""
    if leg.is_transit and leg.realtime:
        if leg.scheduled_dep_s is not None and leg.scheduled_arr_s is not None:
            fields.update(
                realtime=True,
                scheduled_departure=local_datetime(day, leg.scheduled_dep_s).isoformat(),
                scheduled_arrival=local_datetime(day, leg.scheduled_arr_s).isoformat(),
                delay_s=leg.dep_s - leg.scheduled_dep_s)
        else:
            fields.update(realtime=True)
    index = alert_index(ds)
    if index is None:
        return
    put_leg_alerts(fields, index.for_leg(day, leg), lambda alert: alert_out(alert, lang))


def put_leg_alerts(fields: dict[str, Any], found: LegAlerts,
                   convert: Callable[[Alert], Any]) -> None:
    """Set a leg's alerts in its response ``fields`` (in place), each made by ``convert``:
    those of its places on the ``from``/``to`` place models (copied), the ride's as the
    leg's own ``alerts``. Used by /v1 and MOTIS answers alike."""
    for key, alerts in (("from", found.origin), ("to", found.destination)):
        if alerts:
            fields[key] = fields[key].model_copy(
                update={"alerts": [convert(a) for a in alerts]})
    if found.ride:
        fields["alerts"] = [convert(a) for a in found.ride]


def plan_extras(ds: Dataset, answer: Any, lang: str) -> Any:
    """The plan answer with the "realtime unavailable" note when realtime is failing or
    stale, and the alerts of its origin and destination (in force now)."""
    source = realtime_of(ds)
    if source is None:
        return answer
    update: dict[str, Any] = {}
    if source.state.unavailable:
        update["notes"] = [*answer.notes, render(UNAVAILABLE, lang)]
    now = time.time()
    for key, attr in (("from_", "from_"), ("to", "to")):
        place = getattr(answer, attr)
        found = alerts_at_stop(ds, place.stop_id, now, lang)
        if found:
            update[key] = place.model_copy(update={"alerts": found})
    return answer.model_copy(update=update) if update else answer


def departure_fields(ds: Dataset, dep: board.Departure, lang: str) -> dict[str, Any]:
    """``realtime``, ``scheduled_departure``, ``delay_s`` and the alerts of a departure (its
    trip, route, or the stop it leaves from)."""
    out: dict[str, Any] = {}
    if dep.realtime and dep.scheduled_dep_s is not None:
        out.update(realtime=True,
                   scheduled_departure=local_datetime(dep.service_date,
                                                      dep.scheduled_dep_s).isoformat(),
                   delay_s=dep.dep_s - dep.scheduled_dep_s)
    index = alert_index(ds)
    if index is not None:
        found = index.for_ride(route_id=dep.route_id, trip_id=dep.trip_id,
                               stop_ids=[dep.stop_id],
                               at=_posix(dep.service_date, dep.dep_s))
        if found:
            out["alerts"] = [alert_out(a, lang) for a in found]
    return out
