"""Jakarta time, once: the zone, the one parser of local date-times, and conversions between
(service date, seconds since its midnight) and aware date-times.

Asia/Jakarta is UTC+07:00 all year (no DST), so a fixed offset is exact.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone

__all__ = [
    "JAKARTA_TZ",
    "local_datetime",
    "now_local",
    "parse_local_time",
    "seconds_of_day",
]

#: Asia/Jakarta (Waktu Indonesia Barat): UTC+07:00, no daylight saving.
JAKARTA_TZ = timezone(timedelta(hours=7), "WIB")
#: Longest text :func:`parse_local_time` reads (an ISO date-time with fractions and offset).
_MAX_TEXT = 40
#: ``2026-12-01T08:00 07:00``: an unescaped ``+`` in a query string arrives as a space.
_SPACE_OFFSET = re.compile(r"^(.*T\d\d:\d\d(?::\d\d(?:\.\d+)?)?) (\d\d(?::?\d\d)?)$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d\d)$")


def now_local() -> datetime:
    """The current Jakarta time, to the second."""
    return datetime.now(JAKARTA_TZ).replace(microsecond=0)


def parse_local_time(text: str | None, *, now: datetime | None = None) -> datetime:
    """Read a date-time as Jakarta time (aware, +07:00, whole seconds).

    Accepts ISO 8601 (``2026-12-01T08:00``, seconds optional; an offset such as ``Z`` or
    ``+08:00`` is converted to Jakarta time; a space instead of ``+`` is taken as ``+``) and
    ``HH:MM`` (that time today). ``None`` means ``now`` (default: the current time).
    Raises ValueError with a short reason for anything else (a blank text too).
    """
    current = (now or now_local()).astimezone(JAKARTA_TZ)
    if text is None:
        return current.replace(microsecond=0)
    raw = text.strip()
    if not raw:
        raise ValueError("empty")
    if len(raw) > _MAX_TEXT:
        raise ValueError(f"longer than {_MAX_TEXT} characters")
    clock = _CLOCK.match(raw)
    if clock:
        hours, minutes = int(clock.group(1)), int(clock.group(2))
        if hours > 23 or minutes > 59:
            raise ValueError("hours must be 0-23 and minutes 0-59")
        return datetime.combine(current.date(), time(hours, minutes), JAKARTA_TZ)
    raw = _SPACE_OFFSET.sub(r"\1+\2", raw)
    when = datetime.fromisoformat(raw)  # ValueError with the reason
    when = when.replace(tzinfo=JAKARTA_TZ) if when.tzinfo is None else when.astimezone(
        JAKARTA_TZ)
    return when.replace(microsecond=0)


def seconds_of_day(when: datetime) -> int:
    """Seconds since local midnight of ``when`` (0..86,399)."""
    return when.hour * 3600 + when.minute * 60 + when.second


def local_datetime(service_date: date, seconds: int) -> datetime:
    """The aware Jakarta date-time ``seconds`` after midnight of ``service_date`` (seconds may
    be negative or past 86,400: GTFS times of the day before or after midnight)."""
    midnight = datetime.combine(service_date, time(0), JAKARTA_TZ)
    return midnight + timedelta(seconds=int(seconds))
