"""The view model of a kiosk screen: next departures and the best journey to each venue.

Everything here is plain data (dicts of str/int/bool) so the same model feeds the HTML
templates and ``data.json``. Times are Asia/Jakarta; colours are ``#rrggbb``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

from app import params
from app.errors import InvalidParameterError
from app.kiosk.qr import qr_svg
from app.kiosk.slugs import KioskPlace
from app.kiosk.svgmap import journey_svg
from app.realtime.kiosk import row_delay
from routing import ProfileStore, plan
from routing.clock import local_datetime, seconds_of_day
from routing.data.dataset import Dataset
from routing.data.venues import Venue
from routing.errors import NoServiceError, QueryError, UnknownPlaceError
from routing.i18n import Message, format_fare, msg, render
from routing.instructions import mode_message, mode_name, walk_instruction
from routing.journeys import Journey, Leg
from routing.plan.departures import Departure, departures

__all__ = ["Langs", "badge", "best_journey", "contrast_ratio", "journey_model", "langs_for",
           "parse_time", "station_view", "texts"]

#: The two languages a kiosk screen shows: the chosen one first, then English (or, when
#: English is chosen, Indonesian). Longer texts alternate between them.
Langs = tuple[str, str]
Text = str | Message | dict[str, str]


def langs_for(lang: str) -> Langs:
    """The screen's two languages for the chosen ``lang``."""
    return (lang, "id" if lang == "en" else "en")


def texts(text: Text, langs: Langs) -> dict[str, str]:
    """``text`` rendered in each of ``langs`` (plain data for the templates and data.json;
    venue texts fall back to English, then Indonesian)."""
    return {lang: render(text, lang) for lang in langs}

GROUP_ROWS = 3
MAX_GROUPS = 6
AA_CONTRAST = 4.5


def parse_time(text: str | None) -> datetime:
    """``2026-12-01T08:00`` (local, Asia/Jakarta) or now, to the minute; raises ValueError
    (InvalidParameterError) with a reason."""
    return params.parse_time(text).replace(second=0)


def _luminance(hex_color: str) -> float:
    channels = [int(hex_color[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _clean(color: str | None) -> str | None:
    color = (color or "").strip().lstrip("#")
    if len(color) == 6 and all(c in "0123456789abcdefABCDEF" for c in color):
        return color.upper()
    return None


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``rrggbb`` colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def badge(color: str | None, text_color: str | None) -> dict[str, str]:
    """Background and text colour for a route badge: the feed's text colour when it meets
    WCAG AA on the route colour, else black or white, whichever contrasts more."""
    bg = _clean(color) or "333333"
    fg = _clean(text_color)
    if fg is None or contrast_ratio(bg, fg) < AA_CONTRAST:
        fg = "000000" if contrast_ratio(bg, "000000") >= contrast_ratio(bg, "FFFFFF") else "FFFFFF"
    return {"bg": "#" + bg, "fg": "#" + fg}


def _at(day: date, seconds: int) -> datetime:
    return local_datetime(day, seconds)


def _clock(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def _minutes_until(moment: datetime, now: datetime) -> int:
    return max(0, math.floor((moment - now).total_seconds() / 60))


def service_headway_s(times_s: list[int], fallback_s: int) -> int:
    """How often a route leaves, as a rider sees it: the median gap between its next
    departures ``times_s`` (absolute seconds, sorted; several frequencies.txt trips of one
    route add up), else ``fallback_s`` (the run's own window headway)."""
    gaps = sorted(b - a for a, b in zip(times_s[:7], times_s[1:7], strict=False) if b > a)
    return gaps[len(gaps) // 2] if gaps else fallback_s


def _departure_row(dep: Departure, now: datetime, langs: Langs,
                   headway_s: int | None = None) -> dict[str, Any]:
    moment = _at(dep.service_date, dep.dep_s)
    headway_s = dep.headway_s if headway_s is None else headway_s
    every = round(headway_s / 60) if dep.frequency_based and headway_s else None
    return {
        "route": dep.short_name or dep.long_name,
        "mode": texts(mode_message(dep.mode), langs),
        "badge": badge(dep.color, dep.text_color),
        "headsign": dep.headsign,
        "time": _clock(moment),
        "minutes": _minutes_until(moment, now),
        "epoch_s": int(moment.timestamp()),
        "every_min": every,
        "every": texts(msg("every {minutes} min", minutes=every), langs) if every else None,
        **row_delay(dep),
    }


def departure_groups(ds: Dataset, place_id: str, now: datetime,
                     langs: Langs = ("id", "en")) -> list[dict[str, Any]]:
    """Next departures grouped by platform and direction; a frequency service is one row."""
    try:
        found = departures(ds, place_id, now.date(), seconds_of_day(now), window_s=2 * 3600,
                           limit=80)
    except (NoServiceError, UnknownPlaceError):
        found = []
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    times: dict[tuple[str, str, str], list[int]] = {}
    for dep in found:  # every departure of a frequency route in a group: its real headway
        if dep.frequency_based:
            key3 = (dep.platform or dep.stop_id, dep.headsign, dep.route_id)
            times.setdefault(key3, []).append(
                (dep.service_date - now.date()).days * 86_400 + dep.dep_s)
    for dep in found:
        key = (dep.platform or dep.stop_id, dep.headsign)
        group = groups.setdefault(key, {"platform": dep.platform, "headsign": dep.headsign,
                                        "rows": [], "_freq": set()})
        if dep.frequency_based:
            if dep.route_id in group["_freq"]:
                continue
            group["_freq"].add(dep.route_id)
        if len(group["rows"]) < GROUP_ROWS:
            headway = (service_headway_s(sorted(times[(*key, dep.route_id)]), dep.headway_s)
                       if dep.frequency_based else None)
            group["rows"].append(_departure_row(dep, now, langs, headway))
    result = []
    for group in sorted(groups.values(), key=lambda g: (str(g["platform"]), g["headsign"])):
        group.pop("_freq")
        result.append(group)
    return result[:MAX_GROUPS]


def best_journey(ds: Dataset, origin: str, destination: str, now: datetime,
                 profiles: ProfileStore | None = None
                 ) -> tuple[Journey | None, list[str | Message]]:
    """The journey arriving first (then fewer transfers, less walking), and the notes;
    ``origin``/``destination`` are place texts (``stop:...``, ``venue:...``)."""
    try:
        query = params.plan_query(ds, origin=origin, destination=destination,
                                  time=now.isoformat(), num_itineraries=3)
        result = plan(ds, query, profiles=profiles)
    except (InvalidParameterError, NoServiceError, QueryError, UnknownPlaceError) as exc:
        return None, [str(exc)]
    if not result.journeys:
        return None, list(result.notes)
    best = min(result.journeys, key=lambda j: (_at(j.service_date, j.arr_s), j.transfers,
                                               j.walk_m))
    return best, list(result.notes)


def _fare(fare_idr: int | None, langs: Langs) -> dict[str, str]:
    if fare_idr is None:
        return texts(msg("Fare unknown"), langs)
    if fare_idr == 0:
        return texts(msg("Free"), langs)
    return {lang: format_fare(fare_idr, lang) for lang in langs}


def _day_label(moment: datetime, now: datetime) -> Message | None:
    """"tomorrow" (or the date) when a journey leaves on another day than ``now``'s."""
    days = (moment.date() - now.date()).days
    if days == 0:
        return None
    if days == 1:
        return msg("tomorrow")
    return msg("on {date}", date=moment.date().isoformat())


def _instruction(leg: Leg, langs: Langs, venues: Mapping[str, Venue] | None
                 ) -> dict[str, str]:
    """A leg's instruction in ``langs``; a walk to a venue names the venue and its entrance
    in each language (the network knows them by their Indonesian names only)."""
    venue = (venues or {}).get(leg.destination.venue_id or "") if not leg.is_transit else None
    if venue is None:
        return texts(leg.instruction, langs)
    entrance = next((e for e in venue.entrances if e.id == leg.destination.entrance), None)
    via = leg.via.name if leg.via is not None else None
    out = {}
    for lang in langs:
        name = render(venue.name, lang) or venue.id
        if entrance is not None:
            name = f"{name} ({render(entrance.name, lang) or entrance.id})"
        out[lang] = walk_instruction(leg.distance_m, leg.duration_s, name, via).render(lang)
    return out


def journey_model(journey: Journey, now: datetime, langs: Langs = ("id", "en"),
                  venues: Mapping[str, Venue] | None = None) -> dict[str, Any]:
    """Times, fare and legs of one journey, ready to show in ``langs`` (venue names from
    ``venues``); ``depart_day`` names the day when the journey does not leave today."""
    legs = []
    for leg in journey.legs:
        minutes = max(1, round(leg.duration_s / 60))
        item: dict[str, Any] = {"walk": not leg.is_transit, "minutes": minutes,
                                "dep": _clock(_at(journey.service_date, leg.dep_s)),
                                "arr": _clock(_at(journey.service_date, leg.arr_s)),
                                "distance_m": leg.distance_m,
                                "instruction": _instruction(leg, langs, venues)}
        if leg.is_transit:
            label = f"{mode_name(leg.mode, langs[0])} {leg.route_short_name or ''}".strip()
            item["label"] = label
            item["badge"] = badge(leg.route_color, leg.route_text_color)
            item["headsign"] = leg.headsign or ""
            item["every_min"] = round(leg.headway_s / 60) if leg.headway_s else None
            item["every"] = (texts(msg("every {minutes} min", minutes=item["every_min"]), langs)
                             if item["every_min"] else None)
        legs.append(item)
    arrive = _at(journey.service_date, journey.arr_s)
    depart = _at(journey.service_date, journey.dep_s)
    day = _day_label(depart, now)
    return {
        "depart": _clock(depart),
        "depart_day": texts(day, langs) if day is not None else None,
        "arrive": _clock(arrive),
        "leave_in_min": _minutes_until(depart, now),
        "duration_min": max(1, round(journey.duration_s / 60)),
        "walk_min": sum(leg["minutes"] for leg in legs if leg["walk"]),
        "transfers": journey.transfers,
        "fare": _fare(journey.fare_idr, langs),
        "walk_text": texts(msg("walk {minutes} min", minutes=sum(
            leg["minutes"] for leg in legs if leg["walk"])), langs),
        "legs": legs,
    }


def phone_url(base_url: str, origin: str, venue_id: str, now: datetime, lang: str = "id") -> str:
    """The absolute ``/p`` URL that shows this journey on a phone."""
    params = {"from": origin, "to": f"venue:{venue_id}",
              "time": now.strftime("%Y-%m-%dT%H:%M"), "lang": lang}
    return f"{base_url.rstrip('/')}/p?{urlencode(params)}"


def venue_card(ds: Dataset, place: KioskPlace, venue: Venue, now: datetime,
               base_url: str, profiles: ProfileStore | None = None,
               langs: Langs = ("id", "en")) -> dict[str, Any]:
    """One venue's card in ``langs``: best journey from the kiosk, opening note, map and QR
    code (the phone page opens in the screen's first language)."""
    origin = f"stop:{place.id}"
    journey, notes = best_journey(ds, origin, f"venue:{venue.id}", now, profiles)
    end = journey.legs[-1].destination if journey else None
    target = (end.lat, end.lon) if end else (venue.lat, venue.lon)
    url = phone_url(base_url, origin, venue.id, now, langs[0])
    name = render(venue.name, langs[0]) or venue.id
    return {
        "id": venue.id,
        "name": texts(venue.name, langs),
        "also_known_as": texts(venue.also_known_as, langs) if venue.also_known_as else None,
        "opening_note": texts(venue.opening_note, langs) if venue.opening_note else None,
        "open_now": venue.is_open(now),
        "approximate": venue.location_quality == "approximate",
        "location_note": texts(venue.location_note, langs) if venue.location_note else None,
        "journey": journey_model(journey, now, langs, ds.venues) if journey else None,
        "notes": [texts(note, langs) for note in notes],
        "phone_url": url,
        "qr_svg": qr_svg(url),
        "map_svg": journey_svg(journey, here=(place.lat, place.lon), here_label=place.short_name,
                               venue_point=target, venue_label=name,
                               title=f"{place.short_name} \u2192 {name}"),
    }


def station_view(ds: Dataset, place: KioskPlace, now: datetime, base_url: str,
                 profiles: ProfileStore | None = None,
                 langs: Langs = ("id", "en")) -> dict[str, Any]:
    """Everything one kiosk screen shows, as of ``now``, in ``langs``."""
    return {
        "langs": list(langs),
        "station": {"id": place.id, "slug": place.slug, "name": place.name,
                    "short_name": place.short_name},
        "as_of": now.isoformat(timespec="minutes"),
        "as_of_epoch_ms": int(now.timestamp() * 1000),
        "clock": _clock(now),
        "date": now.date().isoformat(),
        "departures": departure_groups(ds, place.id, now, langs),
        "venues": [venue_card(ds, place, v, now, base_url, profiles, langs)
                   for v in ds.venues.values()],
    }
