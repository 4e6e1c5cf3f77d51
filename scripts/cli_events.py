"""Events in the command line: ``--list-events`` and ``--to event:<uid>`` (EVENTS_FILES,
EVENT_BUFFER_MIN; see app/events.py)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from datetime import date, timedelta

from app.events import event_config, events_for
from routing.clock import parse_local_time, seconds_of_day
from routing.data.venues import Venue
from routing.errors import UnknownPlaceError
from routing.i18n import msg, render
from scripts.cli_output import render_table

__all__ = ["list_events", "resolve_event_place"]

SPAN_DAYS = 7


def resolve_event_place(venues: Mapping[str, Venue], text: str | None
                        ) -> tuple[str, date, int] | None:
    """For ``event:<uid>``: (``venue:<id>``, service date, seconds) of the time to arrive by
    (the start minus EVENT_BUFFER_MIN); None for any other place. UnknownPlaceError for an
    unknown uid."""
    if not text or not text.strip().startswith("event:"):
        return None
    uid = text.strip().removeprefix("event:")
    event = events_for(venues).by_uid(uid)
    if event is None:
        raise UnknownPlaceError(f"no event {uid!r} in EVENTS_FILES (see --list-events)",
                                place=text)
    arrive = event.start - timedelta(minutes=event_config().buffer_min)
    return f"venue:{event.venue_id}", arrive.date(), seconds_of_day(arrive)


def list_events(args: argparse.Namespace, venues: Mapping[str, Venue]) -> int:
    """Print the events from ``--at`` (default now) for 7 days; exit 0, or 1 when none."""
    start = parse_local_time(args.at)
    found = events_for(venues).between(start, start + timedelta(days=SPAN_DAYS))
    if args.json:
        print(json.dumps([e.to_dict() for e in found], ensure_ascii=False, indent=2))
    elif found:
        heads = [m.render(args.lang) for m in (msg("Place"), msg("Start"), msg("Venue"),
                                                 msg("Event"))]
        rows = [[f"event:{e.uid}", e.start.strftime("%Y-%m-%d %H:%M"),
                 render(venues[e.venue_id].name, args.lang), e.title] for e in found]
        print(render_table(heads, rows))
    else:
        print(msg("No events in the next {days} days.", days=SPAN_DAYS).render(args.lang))
    return 0 if found else 1
