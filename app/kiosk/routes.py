"""Kiosk pages: the station list, one station's screen and its data, and the phone page.

These answer HTML (not problem+json) because people read them: a bad station or query is a
friendly page with a 4xx status, never a stack trace.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from app.deps import StateDep
from app.errors import InvalidParameterError
from app.hardening import public_base_url
from app.i18n import choose_lang
from app.kiosk.events_view import kiosk_events
from app.kiosk.reach_panel import reach_panel
from app.kiosk.slugs import KioskPlace, kiosk_places, resolve_station
from app.kiosk.view import (
    Langs,
    best_journey,
    journey_model,
    langs_for,
    parse_time,
    station_view,
    texts,
)
from app.realtime.kiosk import kiosk_alerts, kiosk_vehicles_svg
from app.state import AppState
from routing.data.dataset import Dataset
from routing.errors import AmbiguousPlaceError, UnknownPlaceError
from routing.i18n import DEFAULT_LANG, LANG_NAMES, LANGS, msg, nmsg, render
from routing.plan.stopsearch import resolve_name, search_places

__all__ = ["STATIC_DIR", "router"]

KIOSK_DIR = Path(__file__).resolve().parent
STATIC_DIR = KIOSK_DIR / "static"
HALTE_NEAR_VENUE_M = 500
NO_STORE = {"Cache-Control": "no-store"}

router = APIRouter(tags=["kiosk"], include_in_schema=False)
templates = Environment(loader=FileSystemLoader(KIOSK_DIR / "templates"),
                        autoescape=select_autoescape(["html"]), trim_blocks=True,
                        lstrip_blocks=True)
templates.globals["_"] = msg   # {{ _("Arrive") }} is a Message: both(...) shows two languages


def _public_base(request: Request) -> str:
    """Base of the phone links and QR codes: PUBLIC_BASE_URL, never the Host header."""
    return public_base_url(request.scope, request.app.state.settings)


def _root(request: Request) -> str:
    return str(request.scope.get("root_path", "")).rstrip("/")


def _page(name: str, langs: Langs, status: int = 200, **context: Any) -> HTMLResponse:
    html = templates.get_template(name).render(L=langs, html_lang=langs[0], **context)
    return HTMLResponse(html, status_code=status, headers={**NO_STORE, "Vary": "Accept-Language"})


def _langs(request: Request) -> Langs:
    """The page's languages: ``?lang=`` (an unknown code falls back, pages never fail on
    it), else Accept-Language, else Indonesian."""
    try:
        lang = choose_lang(request.query_params.get("lang"),
                           request.headers.get("accept-language"))
    except InvalidParameterError:
        lang = DEFAULT_LANG
    return langs_for(lang)


def _bad_lang(request: Request) -> HTMLResponse | None:
    """A 400 page listing the known codes when ``?lang=`` is not one of them."""
    value = request.query_params.get("lang")
    if value is None or value.strip().lower() in LANGS:
        return None
    return _error(request, 400, msg("Unknown language"),
                  msg("'lang' must be one of {codes}.", codes=", ".join(LANGS)))


def _lang_links(request: Request, path: str) -> list[tuple[str, dict[str, str]]]:
    """(code, {url, label}) for every language: this page in that language."""
    links = []
    for code in LANGS:
        url = request.url.include_query_params(lang=code)
        links.append((code, {"url": f"{_root(request)}{path}?{url.query}",
                             "label": LANG_NAMES[code]}))
    return links


def _error(request: Request, status: int, title: Any, message: Any) -> HTMLResponse:
    langs = _langs(request)
    return _page("error.html", langs, status, title=texts(title, langs),
                 message=texts(message, langs), root=_root(request),
                 static=_root(request) + "/kiosk/static")


def _bad_time(request: Request, reason: str) -> HTMLResponse:
    return _error(request, 400, msg("Unreadable time"),
                  msg("Use the form 2026-12-01T08:00. ({reason})", reason=reason))


def _halte_near_venues(ds: Dataset) -> list[Any]:
    found: dict[str, Any] = {}
    for venue in ds.venues.values():
        for match in search_places(ds, near=(venue.lat, venue.lon), limit=12,
                                   include_venues=False):
            near = match.distance_m is not None and match.distance_m <= HALTE_NEAR_VENUE_M
            if near and not match.id.startswith("mrt"):
                found.setdefault(match.id, match)
    return sorted(found.values(), key=lambda m: m.name)


@router.get("/kiosk/")
def kiosk_index(request: Request, state: StateDep) -> HTMLResponse:
    """Links to every station screen."""
    ds = state.dataset
    bad = _bad_lang(request)
    if bad:
        return bad
    langs = _langs(request)
    lang_query = f"?lang={langs[0]}" if "lang" in request.query_params else ""
    return _page("index.html", langs, places=kiosk_places(ds), halte=_halte_near_venues(ds),
                 root=_root(request), static=_root(request) + "/kiosk/static",
                 lang_query=lang_query)


def _station_or_404(request: Request, ds: Dataset, station: str) -> Any:
    place = resolve_station(ds, station)
    if place is None:
        return None, _error(
            request, 404, msg("Unknown station"),
            msg("There is no station '{station}'. Pick one from the station list.",
                station=station[:60]))
    return place, None


@router.get("/kiosk/{station}")
def kiosk_screen(request: Request, state: StateDep, station: str,
                 time: str | None = None) -> HTMLResponse:
    """The screen for one station: departures and the best way to each venue."""
    place, error = _station_or_404(request, state.dataset, station)
    error = error or _bad_lang(request)
    if error:
        return error
    try:
        now = parse_time(time)
    except ValueError as exc:
        return _bad_time(request, str(exc))
    langs = _langs(request)
    view = _screen(request, state, place, now, langs)
    query_args = {"time": time} if time else {}
    if "lang" in request.query_params:
        query_args["lang"] = langs[0]
    query = f"?{urlencode(query_args)}" if query_args else ""
    root = _root(request)
    return _page("station.html", langs, view=view, static=root + "/kiosk/static", root=root,
                 data_url=f"{root}/kiosk/{place.slug}/data.json{query}",
                 lang_links=_lang_links(request, f"/kiosk/{place.slug}"))


def _screen(request: Request, state: AppState, place: KioskPlace, now: datetime,
            langs: Langs) -> dict[str, Any]:
    """What a station's screen shows at ``now`` (the page and its data.json): departures and
    venues, events, alerts, vehicles and the reach panel, in ``langs``."""
    view = station_view(state.dataset, place, now, _public_base(request), state.profiles,
                        langs)
    view["events"] = kiosk_events(request, state, place, now, langs)
    view["alerts"] = kiosk_alerts(state.dataset, place.id, place.lat, place.lon, now, langs)
    view["vehicles_svg"] = kiosk_vehicles_svg(state.dataset, place.id, place.lat, place.lon,
                                              place.short_name)
    view["reach"] = reach_panel(state, now, langs)
    return view


@router.get("/kiosk/{station}/data.json")
def kiosk_data(request: Request, state: StateDep, station: str,
               time: str | None = None) -> JSONResponse:
    """The screen's data (polled every 30 s), with its HTML fragments ready to swap in."""
    place = resolve_station(state.dataset, station)
    if place is None:
        return JSONResponse({"error": f"unknown station {station[:60]!r}"}, 404,
                            headers=NO_STORE)
    try:
        now = parse_time(time)
    except ValueError as exc:
        return JSONResponse({"error": str(exc)}, 400, headers=NO_STORE)
    if _bad_lang(request) is not None:
        return JSONResponse({"error": f"lang must be one of {', '.join(LANGS)}"}, 400,
                            headers=NO_STORE)
    langs = _langs(request)
    view = _screen(request, state, place, now, langs)
    view["html"] = {
        name: templates.get_template(f"_{name}.html").render(view=view, L=langs)
        for name in ("departures", "venues", "events", "reach")
    }
    view["html"]["alerts"] = templates.get_template("_alerts.html").render(view=view, L=langs)
    view["html"]["vehicles"] = templates.get_template("_vehicles.html").render(view=view,
                                                                                L=langs)
    return JSONResponse(view, headers=NO_STORE)


@router.get("/p", response_class=HTMLResponse)
def phone_page(request: Request, state: StateDep, time: str | None = None,
               lang: str | None = None) -> HTMLResponse:
    """A light journey page for phones (the kiosk QR target); no JavaScript."""
    ds = state.dataset
    params = request.query_params
    bad = _bad_lang(request)
    if bad:
        return bad
    langs = _langs(request)
    lang = langs[0]
    origin_text, dest_text = params.get("from", "").strip(), params.get("to", "").strip()
    if not origin_text or not dest_text:
        return _error(request, 400, msg("Missing place"),
                      msg("This address needs 'from' and 'to', e.g. {example}.",
                          example="from=stop:mrt-jakarta:SASN&to=venue:taman-langsat"))
    try:
        now = parse_time(time)
    except ValueError as exc:
        return _bad_time(request, str(exc))
    try:
        origin, dest = resolve_name(ds, origin_text), resolve_name(ds, dest_text)
    except (UnknownPlaceError, AmbiguousPlaceError) as exc:
        return _error(request, 400, msg("Unknown place"), str(exc))
    venue = ds.venues.get(dest.removeprefix("venue:")) if dest.startswith("venue:") else None
    journey, notes = best_journey(ds, origin, dest, now, state.profiles)
    names = [_place_name(ds, p, lang) for p in (origin, dest)]
    aka = render(venue.also_known_as, lang) if venue and venue.also_known_as else None
    return _page(
        "phone.html", langs, lang=lang, origin_name=names[0], dest_name=names[1], aka=aka,
        when=now.strftime("%Y-%m-%d %H:%M"),
        journeys=[journey_model(journey, now, langs, ds.venues)] if journey else [],
        notes=[render(note, lang) for note in notes], venue=venue,
        lang_links=_lang_links(request, "/p"),
        _=lambda text, **values: msg(text, **values).render(lang),
        tr=lambda text: render(text, lang),
        ntransfers=lambda n: nmsg("{count} transfer", "{count} transfers", n).render(lang))


def _place_name(ds: Dataset, place: str, lang: str) -> str:
    if place.startswith("venue:"):
        venue = ds.venues[place.removeprefix("venue:")]
        return render(venue.name, lang) or venue.id
    if place.startswith("stop:"):
        return str(ds.network.node(place.removeprefix("stop:")).get("name", place))
    return place
