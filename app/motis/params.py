"""Requests in for the MOTIS routes: MOTIS's parameter forms to Menuju's typed inputs, checked
with :mod:`app.params` (places, time, service dates) and :mod:`routing.limits`.

Forms accepted as MOTIS documents them: places ``lat,lon`` or ``lat,lon,level`` (the level is
read and ignored: Menuju has no indoor levels) or a stop id (Menuju's feed-qualified id, with or
without ``stop:``), plus Menuju's ``venue:<id>`` and ``event:<uid>``; array parameters
comma-separated (``transitModes=BUS,SUBWAY``) or repeated
(``transitModes=BUS&transitModes=SUBWAY``, as the npm client sends them); page cursors are
opaque strings made by :func:`make_cursor`.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from fastapi import Request

from app import params
from app.errors import InvalidParameterError
from routing.clock import JAKARTA_TZ
from routing.data.dataset import Dataset
from routing.i18n import DEFAULT_LANG, negotiate
from routing.journeys import PlaceSpec, looks_like_coordinate

__all__ = [
    "Cursor",
    "clamp_count",
    "shifted",
    "language",
    "list_param",
    "make_cursor",
    "parse_cursor",
    "parse_place",
    "parse_time",
]

_LEVELLED = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?\s*,\s*[-+]?\d+(?:\.\d+)?)\s*,\s*[-+]?\d+(?:\.\d+)?"
                       r"\s*$")
_CURSOR_PREFIX = "menuju1:"


@dataclass(frozen=True)
class Cursor:
    """A page: search from ``when`` towards later (``LATER``: leave at or after) or earlier
    (``EARLIER``: arrive at or before) times."""

    direction: str
    when: datetime


def parse_place(ds: Dataset, text: str, parameter: str) -> PlaceSpec:
    """A checked origin or destination from MOTIS's ``fromPlace``/``toPlace`` forms (400 for
    a bad form or a coordinate outside the service area, 404 for an unknown stop or venue)."""
    raw = text.strip()
    levelled = _LEVELLED.match(raw)
    if levelled:
        raw = levelled.group(1)
    elif not (looks_like_coordinate(raw) or raw.startswith(("venue:", "stop:", "event:"))):
        raw = f"stop:{raw}"
    return params.parse_place_param(ds, raw, parameter)


def parse_time(text: str | None, parameter: str = "time") -> datetime:
    """An ISO 8601 date-time (MOTIS sends UTC, ``...Z``; any offset, or none for Jakarta
    time), as Jakarta time; now when absent."""
    return params.parse_time(text, parameter=parameter)


def list_param(request: Request, name: str) -> list[str] | None:
    """A MOTIS array parameter: every value, repeated or comma-separated; None when absent
    (an empty value, ``name=``, is an empty list)."""
    if name not in request.query_params:
        return None
    return [v.strip() for raw in request.query_params.getlist(name) for v in raw.split(",")
            if v.strip()]


def language(request: Request) -> str:
    """Menuju's language for MOTIS's ``language`` tags (the first tag of a language Menuju
    speaks wins; ``en-GB`` counts as ``en``, ``in`` as ``id``): Indonesian when absent,
    English when no tag names a language of :data:`routing.i18n.LANGS`."""
    tags = list_param(request, "language")
    if not tags:
        return DEFAULT_LANG
    return negotiate(",".join(f"{tag};q={1 - i / 100:.2f}" for i, tag in enumerate(tags[:50]))
                     ) or "en"


def make_cursor(direction: str, when: datetime) -> str:
    """An opaque page cursor (URL-safe) for :func:`parse_cursor`."""
    raw = f"{direction}|{int(when.timestamp())}".encode()
    return _CURSOR_PREFIX + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def parse_cursor(text: str) -> Cursor:
    """The page a cursor of :func:`make_cursor` names; 400 for anything else."""
    bad = InvalidParameterError(
        "'pageCursor' is not a cursor of this server; copy previousPageCursor or "
        "nextPageCursor from an answer unchanged.", parameter="pageCursor")
    if not text.startswith(_CURSOR_PREFIX):
        raise bad
    body = text.removeprefix(_CURSOR_PREFIX)
    try:
        decoded = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode()
        direction, stamp = decoded.split("|")
        when = datetime.fromtimestamp(int(stamp), JAKARTA_TZ)
    except (binascii.Error, UnicodeDecodeError, ValueError, OverflowError, OSError):
        raise bad from None
    if direction not in ("EARLIER", "LATER"):
        raise bad
    return Cursor(direction, when)


def shifted(when: datetime, seconds: int) -> datetime:
    """``when`` moved by ``seconds`` (for the next and previous page)."""
    return when + timedelta(seconds=seconds)


def clamp_count(value: int | None, default: int, high: int, parameter: str) -> int:
    """A count parameter (``numItineraries``, ``n``, ``numResults``): ``default`` when absent,
    at most ``high`` (larger asks are served with ``high``), 400 below 1."""
    if value is None:
        return default
    if value < 1:
        raise InvalidParameterError(f"'{parameter}' must be at least 1; got {value}.",
                                    parameter=parameter)
    return min(value, high)
