"""Today's events on a kiosk screen: "Today at the venues: 14:00 ASEAN Gallery tour · ASEAN
Secretariat · leave by 13:22" (the best journey from the kiosk arriving EVENT_BUFFER_MIN
before the start)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from fastapi import Request

from app.events import event_config, events_for
from app.kiosk.slugs import KioskPlace
from app.kiosk.view import Langs, texts
from app.state import AppState
from routing import plan
from routing.clock import seconds_of_day
from routing.data.events import EventFileError
from routing.errors import RoutingError
from routing.i18n import msg
from routing.journeys import Query, StopRef, VenueRef

__all__ = ["MAX_EVENTS", "kiosk_events", "leave_by"]

MAX_EVENTS = 3


def leave_by(state: AppState, place: KioskPlace, venue_id: str, arrive: datetime
             ) -> datetime | None:
    """The latest departure from the kiosk's station arriving at the venue by ``arrive``
    (an arrive-by plan), or None when no journey gets there."""
    query = Query(StopRef(place.id), VenueRef(venue_id), arrive.date(), seconds_of_day(arrive),
                  arrive_by=True, num_itineraries=1)
    try:
        result = plan(state.dataset, query, profiles=state.profiles)
    except RoutingError:
        return None
    if not result.journeys:
        return None
    best = max(result.journeys, key=lambda j: j.dep_s)
    midnight = datetime.combine(best.service_date, time(0), arrive.tzinfo)
    return midnight + timedelta(seconds=best.dep_s)


def kiosk_events(request: Request, state: AppState, place: KioskPlace, now: datetime,
                 langs: Langs) -> list[dict[str, Any]]:
    """The next (at most :data:`MAX_EVENTS`) events today that have not ended, with the time
    to leave; empty when no events are configured or the files are broken (the screen
    still shows journeys; /v1 reports the broken file)."""
    try:
        events = events_for(state.venues)
        buffer = timedelta(minutes=event_config().buffer_min)
    except (EventFileError, ValueError):
        return []
    end_of_day = datetime.combine(now.date() + timedelta(days=1), time(0), now.tzinfo)
    rows = []
    for event in events.between(now, end_of_day)[:MAX_EVENTS]:
        venue = state.venues[event.venue_id]
        leave = leave_by(state, place, event.venue_id, event.start - buffer) \
            if event.start > now else None
        rows.append({
            "uid": event.uid, "title": event.title, "start": event.start.strftime("%H:%M"),
            "venue": texts(venue.name, langs),
            "leave_by": (texts(msg("leave by {time}", time=leave.strftime("%H:%M")), langs)
                         if leave is not None else None),
        })
    return rows
