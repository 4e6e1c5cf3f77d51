"""Public events at the venues, read from iCalendar (RFC 5545) files.

Each ``VEVENT`` is tied to a venue by its ``X-MENUJU-VENUE`` property (a venue id) or, failing
that, by its ``LOCATION`` text naming a venue (any of its names, aliases or its id, case- and
accent-insensitive). Recurring events (``RRULE``/``RDATE``/``EXDATE``, modified occurrences
by ``RECURRENCE-ID``) are expanded with ``recurring-ical-events``. Times are converted to
Asia/Jakarta; a floating time is taken as Jakarta time, an all-day event starts at 00:00.

An occurrence's uid is the event's ``UID``, plus ``@YYYYMMDDTHHMM`` (its Jakarta start) for
the occurrences of a recurring event, so ``event:<uid>`` names one occurrence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import icalendar
import recurring_ical_events
from unidecode import unidecode

from routing.clock import JAKARTA_TZ
from routing.data.venues import Venue
from routing.errors import VenueFileError

__all__ = ["Event", "EventFileError", "EventSet", "load_events", "venue_for_location"]

#: Longest span of occurrences expanded from one recurring event (days after ``start``).
MAX_EXPAND_DAYS = 400
VENUE_PROPERTY = "X-MENUJU-VENUE"


class EventFileError(VenueFileError):
    """An events file that cannot be read, or an event tied to no known venue (a broken
    data file, as a broken venues file)."""


@dataclass(frozen=True)
class Event:
    """One occurrence of a public event at a venue (Jakarta times, aware)."""

    uid: str
    venue_id: str
    title: str
    start: datetime
    end: datetime
    description: str = ""
    url: str | None = None
    source: str = ""      # the file it came from

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form (ISO 8601 times with +07:00)."""
        return {"uid": self.uid, "venue_id": self.venue_id, "title": self.title,
                "start": self.start.isoformat(), "end": self.end.isoformat(),
                "description": self.description, "url": self.url}


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", unidecode(text).lower()).split())


def venue_for_location(location: str, venues: Mapping[str, Venue]) -> str | None:
    """The venue whose name, alias or id the ``location`` text names (the longest such name
    wins: "Taman Ayodya, Taman Bendera Pusaka" is Ayodya, not the merged park)."""
    text = f" {_key(location)} "
    best: tuple[int, str] | None = None
    for venue in venues.values():
        names = {venue.id.replace("-", " "), *venue.name.values()}
        for name in names:
            key = _key(name)
            if key and f" {key} " in text and (best is None or len(key) > best[0]):
                best = (len(key), venue.id)
    return best[1] if best else None


def _aware(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=JAKARTA_TZ)
        return value.astimezone(JAKARTA_TZ)
    return datetime.combine(value, time(0), JAKARTA_TZ)


@dataclass(frozen=True)
class EventSet:
    """Every occurrence of the loaded files, by start time; ``by_uid`` finds one."""

    events: tuple[Event, ...]

    def by_uid(self, uid: str) -> Event | None:
        """The occurrence with this uid (a recurring event's bare UID: its next occurrence
        is not guessed here; None)."""
        return next((e for e in self.events if e.uid == uid), None)

    def between(self, start: datetime, end: datetime, venue_id: str | None = None
                ) -> list[Event]:
        """Occurrences overlapping [start, end), of one venue or all, by start time."""
        return [e for e in self.events
                if e.end > start and e.start < end
                and (venue_id is None or e.venue_id == venue_id)]


def _occurrences(calendar: icalendar.Calendar, first: datetime, last: datetime
                 ) -> Iterable[icalendar.Event]:
    return recurring_ical_events.of(calendar).between(first, last)


def load_events(paths: Iterable[Path], venues: Mapping[str, Venue], *, today: date,
                days: int = MAX_EXPAND_DAYS) -> EventSet:
    """Read ``paths`` and expand every event from 30 days before ``today`` to ``days`` after.

    Raises EventFileError naming the file (and the event's UID) for an unreadable file, an
    event without UID, DTSTART or SUMMARY, or one tied to no venue."""
    first = datetime.combine(today - timedelta(days=30), time(0), JAKARTA_TZ)
    last = datetime.combine(today + timedelta(days=days), time(0), JAKARTA_TZ)
    found: dict[str, Event] = {}
    for path in paths:
        try:
            calendar = icalendar.Calendar.from_ical(Path(path).read_bytes())
        except FileNotFoundError:
            raise EventFileError(f"{path}: events file not found") from None
        except (OSError, ValueError) as exc:
            raise EventFileError(f"{path}: not a readable iCalendar file: {exc}") from None
        recurring = {str(c.get("UID")) for c in calendar.walk("VEVENT")
                     if c.get("RRULE") is not None or c.get("RDATE") is not None}
        try:
            occurrences = list(_occurrences(calendar, first, last))
        except Exception as exc:  # the library raises many kinds on bad rules
            raise EventFileError(f"{path}: cannot expand the events: {exc}") from None
        for component in occurrences:
            event = _event(component, path, venues, recurring)
            found.setdefault(event.uid, event)
    return EventSet(tuple(sorted(found.values(), key=lambda e: (e.start, e.uid))))


def _event(component: icalendar.Event, path: Path, venues: Mapping[str, Venue],
           recurring: set[str]) -> Event:
    uid = str(component.get("UID") or "").strip()
    where = f"{path}: event {uid or '(no UID)'}"
    if not uid:
        raise EventFileError(f"{where}: missing UID")
    if component.get("DTSTART") is None or not str(component.get("SUMMARY") or "").strip():
        raise EventFileError(f"{where}: DTSTART and SUMMARY are required")
    start = _aware(component.decoded("DTSTART"))
    end = _aware(component.decoded("DTEND")) if component.get("DTEND") is not None else (
        start + (component.decoded("DURATION") if component.get("DURATION") is not None
                 else timedelta(hours=1)))
    venue_id = str(component.get(VENUE_PROPERTY) or "").strip() or None
    if venue_id is not None and venue_id not in venues:
        raise EventFileError(f"{where}: {VENUE_PROPERTY} {venue_id!r} is not a venue id "
                             f"({', '.join(sorted(venues))})")
    if venue_id is None:
        venue_id = venue_for_location(str(component.get("LOCATION") or ""), venues)
    if venue_id is None:
        raise EventFileError(f"{where}: LOCATION {str(component.get('LOCATION') or '')!r} "
                             f"names no venue; add {VENUE_PROPERTY}:<venue id>")
    if uid in recurring:
        uid = f"{uid}@{start:%Y%m%dT%H%M}"
    url = component.get("URL")
    return Event(uid=uid, venue_id=venue_id, title=str(component.get("SUMMARY")).strip(),
                 start=start, end=end, description=str(component.get("DESCRIPTION") or ""),
                 url=str(url) if url else None, source=str(path))
