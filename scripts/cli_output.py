"""Text rendering for the command line: journeys as leg tables with route-colour badges.

Colour is ANSI 24-bit ("truecolor") and only used when asked (a terminal without NO_COLOR).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import TextIO

from routing.data.venues import Venue
from routing.i18n import format_fare, msg, render
from routing.instructions import mode_name
from routing.journeys import Journey, Leg, PlaceRef, format_journey

__all__ = ["journey_from_itinerary", "place_label", "render_journey", "render_table", "rupiah",
           "use_color", "words"]

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_WORDS = {
    "time": msg("Time"), "mode": msg("Mode"), "from": msg("From"), "to": msg("To"),
    "towards": msg("Towards"), "walk": msg("Walk"), "via": msg("via"), "min": msg("min"),
    "transfers": msg("transfers"), "transfer": msg("transfer"), "walk_total": msg("walking"),
    "fare_unknown": msg("fare unknown"), "platform": msg("platform"), "on": msg("on"),
    "next_day": msg("next day"), "previous_day": msg("previous day"), "every": msg("every"),
}


def words(lang: str) -> Mapping[str, str]:
    """UI words in ``lang`` (one of routing.i18n.LANGS)."""
    return {key: text.render(lang) for key, text in _WORDS.items()}


def use_color(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return stream.isatty() and not os.environ.get("NO_COLOR")


def rupiah(amount: int | None, lang: str) -> str:
    """The fare in the language's CLDR format: ``Rp 9.000`` (id), ``IDR 9,000`` (en)."""
    if amount is None:
        return words(lang)["fare_unknown"]
    return format_fare(amount, lang)


def _rgb(hex_color: str | None) -> tuple[int, int, int] | None:
    if not hex_color or not re.fullmatch(r"#?[0-9A-Fa-f]{6}", hex_color):
        return None
    value = hex_color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def badge(text: str, color: str | None, text_color: str | None, enabled: bool) -> str:
    """``text`` on the route's colour (padded), or plain when colour is off or unknown."""
    background = _rgb(color)
    if not enabled or background is None:
        return text
    foreground = _rgb(text_color)
    if foreground is None:  # readable text on the background: white on dark, black on light
        luma = 0.299 * background[0] + 0.587 * background[1] + 0.114 * background[2]
        foreground = (0, 0, 0) if luma > 150 else (255, 255, 255)
    return ("\x1b[1;38;2;{};{};{}m\x1b[48;2;{};{};{}m {} \x1b[0m"
            .format(*foreground, *background, text))


def _width(text: str) -> int:
    return len(_ANSI.sub("", text))


def render_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns aligned to their widest cell (ANSI codes take no width)."""
    widths = [max(_width(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    lines = []
    for row in [headers, *rows]:
        cells = [cell + " " * (w - _width(cell)) for cell, w in zip(row, widths, strict=True)]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _clock(seconds: int, service_date: date, query_date: date) -> str:
    """``HH:MM`` local; ``+1``/``-1`` when the calendar day differs from ``query_date``."""
    moment = datetime.combine(service_date, datetime.min.time()) + timedelta(seconds=seconds)
    shift = (moment.date() - query_date).days
    return f"{moment:%H:%M}" + (f"{shift:+d}" if shift else "")


_DIRECTION = re.compile(r"\s*\((?:arah|towards|to) [^)]*\)$", re.IGNORECASE)


def _first_day(journey: Journey) -> date:
    """The calendar day the journey starts on."""
    start = datetime.combine(journey.service_date, datetime.min.time())
    return (start + timedelta(seconds=journey.dep_s)).date()


def _shorten(text: str, limit: int = 40) -> str:
    """At most ``limit`` characters, without a platform's "(arah X)" (the headsign says it)."""
    text = _DIRECTION.sub("", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def place_label(ref: PlaceRef, lang: str, venues: Mapping[str, Venue]) -> str:
    """A place as a person reads it: venue and entrance in ``lang``, else the stop's name."""
    venue = venues.get(ref.venue_id) if ref.venue_id else None
    if venue is None:
        return _shorten(ref.name)
    name = render(venue.name, lang) or ref.name
    entrance = next((e for e in venue.entrances if e.id == ref.entrance), None)
    if entrance is not None:
        name += f", {render(entrance.name, lang) or entrance.id}"
    return _shorten(name)


def _mode_cell(leg: Leg, lang: str, color: bool) -> str:
    if not leg.is_transit:
        return words(lang)["walk"]
    label = f"{mode_name(leg.mode, lang)} {leg.route_short_name or ''}".strip()
    return badge(label, leg.route_color, leg.route_text_color, color)


def _leg_row(leg: Leg, journey: Journey, query_date: date, lang: str, color: bool,
             venues: Mapping[str, Venue]) -> list[str]:
    w = words(lang)
    day = _first_day(journey)  # the heading names that day when it is not the asked one
    span = (f"{_clock(leg.dep_s, journey.service_date, day)}-"
            f"{_clock(leg.arr_s, journey.service_date, day)}")
    walk = ""
    towards = leg.headsign or ""
    if not leg.is_transit:
        walk = f"{max(1, round(leg.duration_s / 60))} {w['min']} ({leg.distance_m} m)"
        if leg.via is not None:  # the station exit to take
            towards = f"{w['via']} {leg.via.name}"
    elif leg.headway_s:
        towards += f" ({w['every']} {round(leg.headway_s / 60)} {w['min']})"
    return [span, _mode_cell(leg, lang, color), place_label(leg.origin, lang, venues),
            place_label(leg.destination, lang, venues), towards, walk]


def render_journey(journey: Journey, number: int, query_date: date, *, lang: str = "id",
                   color: bool = False, venues: Mapping[str, Venue] | None = None) -> str:
    """A heading with times, duration, transfers, walking and fare; the leg table; the one-line
    form of ``routing.journeys.format_journey``."""
    w, venues = words(lang), venues or {}
    first_day = _first_day(journey)
    dep = _clock(journey.dep_s, journey.service_date, first_day)
    arr = _clock(journey.arr_s, journey.service_date, first_day)
    minutes = round(journey.duration_s / 60)
    transfers = w["transfer"] if journey.transfers == 1 else w["transfers"]
    heading = (f"{number}. {dep} -> {arr}  {minutes} {w['min']}, {journey.transfers} "
               f"{transfers}, {w['walk_total']} {journey.walk_m} m, "
               f"{rupiah(journey.fare_idr, lang)}")
    if first_day != query_date:
        label = w["next_day"] if first_day > query_date else w["previous_day"]
        heading += f"  ({w['on']} {first_day.isoformat()}, {label})"
    headers = [w["time"], w["mode"], w["from"], w["to"], w["towards"], w["walk"]]
    rows = [_leg_row(leg, journey, query_date, lang, color, venues) for leg in journey.legs]
    line = format_journey(journey)
    if color:
        line = f"\x1b[2m{line}\x1b[0m"
    notes = "".join(f"\n   * {render(note, lang)}" for note in journey.notes)
    table = "\n".join("   " + row for row in render_table(headers, rows).splitlines())
    return f"{heading}\n{table}\n   {line}{notes}"


def _place_ref(place: Mapping) -> PlaceRef:
    return PlaceRef(name=place.get("name", ""), lat=place["lat"], lon=place["lon"],
                    stop_id=place.get("stop_id"), venue_id=place.get("venue_id"),
                    entrance=place.get("entrance"), platform=place.get("platform"))


def journey_from_itinerary(itinerary: Mapping, query_date: date) -> Journey:
    """A ``/v1/plan`` itinerary (JSON) as a Journey on ``query_date``, for the same rendering."""
    midnight = datetime.combine(query_date, datetime.min.time())

    def seconds(iso: str) -> int:
        moment = datetime.fromisoformat(iso).replace(tzinfo=None)
        return int((moment - midnight).total_seconds())

    legs = []
    for leg in itinerary["legs"]:
        route = leg.get("route") or {}
        legs.append(Leg(
            mode=leg["mode"], origin=_place_ref(leg["from"]), destination=_place_ref(leg["to"]),
            dep_s=seconds(leg["departure"]), arr_s=seconds(leg["arrival"]),
            distance_m=leg["distance_m"],
            geometry=[(p[0], p[1]) for p in leg["geometry"]["coordinates"]],
            instruction={"text": leg.get("instruction", "")}, trip_id=leg.get("trip_id"),
            route_id=route.get("id"), route_short_name=route.get("short_name"),
            route_long_name=route.get("long_name"), route_color=route.get("color"),
            route_text_color=route.get("text_color"), agency=route.get("agency"),
            headsign=leg.get("headsign"), headway_s=leg.get("headway_s") or 0,
            fare_idr=(leg.get("fare") or {}).get("amount"),
        ))
    fare = itinerary.get("fare")
    return Journey(query_date, legs, fare["amount"] if fare else None)
