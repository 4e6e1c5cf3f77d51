"""Venues (the places people travel to), their entrances and opening hours.

The file is JSON: ``{"venues": [venue, ...]}`` (a bare list is accepted too). Each venue has
``id``, ``name`` and ``description`` ({"id": ..., "en": ...}), ``lat``, ``lon``, ``entrances``
(at least one: ``id``, ``name``, ``lat``, ``lon``, ``step_free`` true/false/null),
``opening_hours`` (null when unknown, else weekday keys ``mon``..``sun`` each a list of
``["HH:MM", "HH:MM"]``; a missing day is closed; ``24:00`` closes at midnight),
``opening_note`` ({"id","en"} or null), ``location_quality`` and ``location_note``.
Optional: ``aliases`` (other names people search for, a list of strings), ``also_known_as``
(the venue's other or coming name by language, shown beside its name) and ``facts`` (a list
of ``{"text": {"id","en",...}, "sources": [citation or URL, ...]}``, one source at least).
Texts may carry more languages than ``id`` and ``en`` (the catalog codes of routing.i18n).
Any fault raises :class:`~routing.errors.VenueFileError` naming the file, venue and field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from routing.clock import JAKARTA_TZ
from routing.errors import VenueFileError

__all__ = ["Entrance", "OpeningHours", "Venue", "VenueFact", "load_venues", "JAKARTA_TZ"]

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
LOCATION_QUALITIES = frozenset({"surveyed", "approximate"})
LANGS = ("id", "en")


@dataclass(frozen=True)
class Entrance:
    """A way into a venue; ``step_free`` is None when unknown."""

    id: str
    name: dict[str, str]
    lat: float
    lon: float
    step_free: bool | None


@dataclass(frozen=True)
class OpeningHours:
    """Weekly hours: seven entries Mon..Sun, each a tuple of (open_s, close_s) intervals."""

    by_weekday: tuple[tuple[tuple[int, int], ...], ...]

    def is_open(self, when: datetime) -> bool:
        """True if open at ``when`` (aware: converted to WIB; naive: taken as Jakarta time)."""
        local = when.astimezone(JAKARTA_TZ) if when.tzinfo is not None else when
        sec = local.hour * 3600 + local.minute * 60 + local.second
        return any(a <= sec < b for a, b in self.by_weekday[local.weekday()])

    def to_dict(self) -> dict[str, list[list[str]]]:
        """JSON-ready form: weekday key to [["HH:MM", "HH:MM"], ...]; closed days left out."""
        return {
            day: [[_fmt_hhmm(a), _fmt_hhmm(b)] for a, b in spans]
            for day, spans in zip(WEEKDAYS, self.by_weekday, strict=True)
            if spans
        }


@dataclass(frozen=True)
class VenueFact:
    """One fact about a venue by language, with the public sources it comes from."""

    text: dict[str, str]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Venue:
    """A destination with entrances, optional opening hours and an honest location quality."""

    id: str
    name: dict[str, str]
    description: dict[str, str]
    lat: float
    lon: float
    entrances: tuple[Entrance, ...]
    opening_hours: OpeningHours | None
    opening_note: dict[str, str] | None
    location_quality: str
    location_note: dict[str, str]
    aliases: tuple[str, ...] = ()
    also_known_as: dict[str, str] | None = None
    facts: tuple[VenueFact, ...] = ()

    def is_open(self, when: datetime) -> bool | None:
        """Open at ``when``; None when the hours are unknown."""
        return None if self.opening_hours is None else self.opening_hours.is_open(when)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with the same shape as one venue in the file."""
        return {
            "id": self.id,
            "name": dict(self.name),
            "description": dict(self.description),
            "lat": self.lat,
            "lon": self.lon,
            "entrances": [
                {
                    "id": e.id,
                    "name": dict(e.name),
                    "lat": e.lat,
                    "lon": e.lon,
                    "step_free": e.step_free,
                }
                for e in self.entrances
            ],
            "opening_hours": None if self.opening_hours is None else self.opening_hours.to_dict(),
            "opening_note": None if self.opening_note is None else dict(self.opening_note),
            "location_quality": self.location_quality,
            "location_note": dict(self.location_note),
            "aliases": list(self.aliases),
            "also_known_as": None if self.also_known_as is None else dict(self.also_known_as),
            "facts": [{"text": dict(f.text), "sources": list(f.sources)} for f in self.facts],
        }


def load_venues(path: str | Path) -> dict[str, Venue]:
    """Read and check the venues file; return venues by id in file order."""
    p = Path(path)
    try:
        raw = json.loads(p.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise VenueFileError(f"{p}: venues file not found") from None
    except OSError as exc:
        raise VenueFileError(f"{p}: cannot read venues file: {exc.strerror or exc}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise VenueFileError(f"{p}: not valid JSON: {exc}") from None
    items = raw.get("venues") if isinstance(raw, dict) else raw
    if not isinstance(items, list):
        raise VenueFileError(f'{p}: expected {{"venues": [...]}} or a list of venues')
    venues: dict[str, Venue] = {}
    for i, item in enumerate(items, start=1):
        venue = _Parser(f"{p}: venue {i}").venue(item)
        if venue.id in venues:
            raise VenueFileError(f"{p}: venue '{venue.id}': duplicate id")
        venues[venue.id] = venue
    return venues


def _fmt_hhmm(sec: int) -> str:
    return f"{sec // 3600:02d}:{sec % 3600 // 60:02d}"


class _Parser:
    """Checks one venue; ``where`` prefixes every error message."""

    def __init__(self, where: str) -> None:
        self.where = where

    def fail(self, message: str) -> VenueFileError:
        return VenueFileError(f"{self.where}: {message}")

    def venue(self, item: object) -> Venue:
        obj = self.obj(item, "venue")
        vid = self.text(obj, "id")
        self.where = f"{self.where.rsplit(': venue ', 1)[0]}: venue '{vid}'"
        lat, lon = self.coords(obj)
        entrances_raw = self.field(obj, "entrances")
        if not isinstance(entrances_raw, list) or not entrances_raw:
            raise self.fail("entrances must be a non-empty list")
        entrances = tuple(self.entrance(e, n) for n, e in enumerate(entrances_raw, start=1))
        if len({e.id for e in entrances}) != len(entrances):
            raise self.fail("entrance ids must be unique")
        quality = self.field(obj, "location_quality")
        if quality not in LOCATION_QUALITIES:
            allowed = ", ".join(sorted(LOCATION_QUALITIES))
            raise self.fail(f"location_quality must be one of {allowed}, not {quality!r}")
        note = self.field(obj, "opening_note")
        return Venue(
            id=vid,
            name=self.texts(obj, "name"),
            description=self.texts(obj, "description"),
            lat=lat,
            lon=lon,
            entrances=entrances,
            opening_hours=self.hours(self.field(obj, "opening_hours")),
            opening_note=None if note is None else self.texts(obj, "opening_note"),
            location_quality=quality,
            location_note=self.texts(obj, "location_note"),
            aliases=self.aliases(obj.get("aliases", [])),
            also_known_as=(None if obj.get("also_known_as") is None
                           else self.texts(obj, "also_known_as")),
            facts=tuple(self.fact(f, n) for n, f in enumerate(self.list_of(obj, "facts"), 1)),
        )

    def list_of(self, obj: dict[str, Any], key: str) -> list[Any]:
        value = obj.get(key, [])
        if not isinstance(value, list):
            raise self.fail(f"{key} must be a list")
        return value

    def aliases(self, raw: object) -> tuple[str, ...]:
        if not isinstance(raw, list) or not all(isinstance(a, str) and a.strip() for a in raw):
            raise self.fail("aliases must be a list of non-empty strings")
        return tuple(raw)

    def fact(self, item: object, n: int) -> VenueFact:
        obj = self.obj(item, f"facts[{n}]")
        text = self.texts(obj, "text")
        sources = self.field(obj, "sources")
        if not isinstance(sources, list) or not sources or not all(
                isinstance(u, str) and u.strip() for u in sources):
            raise self.fail(f"facts[{n}].sources must be a non-empty list of sources "
                            "(a URL or a citation)")
        return VenueFact(text, tuple(sources))

    def entrance(self, item: object, n: int) -> Entrance:
        outer, self.where = self.where, f"{self.where} entrance {n}"
        obj = self.obj(item, "entrance")
        lat, lon = self.coords(obj)
        step_free = self.field(obj, "step_free")
        if step_free is not None and not isinstance(step_free, bool):
            raise self.fail("step_free must be true, false or null")
        name_raw = self.field(obj, "name")
        name = {lang: name_raw for lang in LANGS} if isinstance(name_raw, str) else None
        ent = Entrance(self.text(obj, "id"), name or self.texts(obj, "name"), lat, lon, step_free)
        self.where = outer
        return ent

    def hours(self, raw: object) -> OpeningHours | None:
        if raw is None:
            return None
        if not isinstance(raw, dict):
            raise self.fail("opening_hours must be null or an object keyed mon..sun")
        unknown = set(raw) - set(WEEKDAYS)
        if unknown:
            raise self.fail(f"opening_hours: unknown day {sorted(unknown)[0]!r} (use mon..sun)")
        days = []
        for day in WEEKDAYS:
            spans = raw.get(day, [])
            if not isinstance(spans, list):
                raise self.fail(f"opening_hours.{day} must be a list of [open, close]")
            out = []
            for span in spans:
                if not (isinstance(span, list) and len(span) == 2):
                    raise self.fail(f"opening_hours.{day}: each entry must be [open, close]")
                a, b = (self.hhmm(t, f"opening_hours.{day}") for t in span)
                if a >= b:
                    raise self.fail(f"opening_hours.{day}: {span[0]} is not before {span[1]}")
                out.append((a, b))
            days.append(tuple(sorted(out)))
        return OpeningHours(tuple(days))

    def hhmm(self, value: object, field: str) -> int:
        ok = isinstance(value, str) and len(value) == 5 and value[2] == ":"
        if ok and isinstance(value, str):
            hh, mm = value[:2], value[3:]
            ok = hh.isdigit() and mm.isdigit() and int(mm) < 60
            sec = int(hh) * 3600 + int(mm) * 60 if ok else 0
            if ok and sec <= 24 * 3600:
                return sec
        raise self.fail(f"{field}: time must be HH:MM between 00:00 and 24:00, not {value!r}")

    def obj(self, item: object, what: str) -> dict[str, Any]:
        if not isinstance(item, dict):
            raise self.fail(f"{what} must be a JSON object")
        return item

    def field(self, obj: dict[str, Any], key: str) -> Any:
        if key not in obj:
            raise self.fail(f"missing field '{key}'")
        return obj[key]

    def text(self, obj: dict[str, Any], key: str) -> str:
        value = self.field(obj, key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{key} must be a non-empty string")
        return value

    def texts(self, obj: dict[str, Any], key: str) -> dict[str, str]:
        value = self.field(obj, key)
        if not isinstance(value, dict) or not all(
            isinstance(value.get(lang), str) and value[lang].strip() for lang in LANGS
        ):
            raise self.fail(f'{key} must be {{"id": "...", "en": "..."}} with both texts')
        return {k: v for k, v in value.items() if isinstance(v, str)}

    def coords(self, obj: dict[str, Any]) -> tuple[float, float]:
        out = []
        for key, limit in (("lat", 90.0), ("lon", 180.0)):
            value = self.field(obj, key)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise self.fail(f"{key} must be a number")
            if not -limit <= value <= limit:
                raise self.fail(f"{key} {value} is out of range -{limit:g}..{limit:g}")
            out.append(float(value))
        return out[0], out[1]
