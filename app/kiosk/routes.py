"""Kiosk pages: the station list, one station's screen and its data, and the phone page.

These answer HTML (not problem+json) because people read them: a bad station or query is a
friendly page with a 4xx status, never a stack trace.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from app.deps import StateDep
from app.hardening import public_base_url
from app.kiosk.slugs import kiosk_places, resolve_station
from app.kiosk.view import best_journey, journey_model, parse_time, station_view
from routing.data.dataset import Dataset
from routing.errors import AmbiguousPlaceError, UnknownPlaceError
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

PHONE_TEXT = {
    "id": {"title": "Perjalanan", "leave": "Berangkat setelah", "arrive": "Tiba", "min": "mnt",
           "transfers": "kali pindah", "walk": "Jalan", "every": "setiap",
           "arrived": "Tiba di", "none": "Tidak ada perjalanan yang ditemukan.",
           "other_lang": "English"},
    "en": {"title": "Journey", "leave": "Leaving after", "arrive": "Arrive", "min": "min",
           "transfers": "transfers", "walk": "Walk", "every": "every",
           "arrived": "Arrive at", "none": "No journey found.", "other_lang": "Bahasa Indonesia"},
}


def _public_base(request: Request) -> str:
    """Base of the phone links and QR codes: PUBLIC_BASE_URL, never the Host header."""
    return public_base_url(request.scope, request.app.state.settings)


def _root(request: Request) -> str:
    return str(request.scope.get("root_path", "")).rstrip("/")


def _page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(templates.get_template(name).render(**context), status_code=status,
                        headers=NO_STORE)


def _error(request: Request, status: int, title: dict[str, str],
           message: dict[str, str]) -> HTMLResponse:
    return _page("error.html", status, title=title, message=message, root=_root(request))


def _bad_time(request: Request, reason: str) -> HTMLResponse:
    return _error(request, 400, {"id": "Waktu tidak dapat dibaca", "en": "Unreadable time"},
                  {"id": f"Gunakan format 2026-12-01T08:00. ({reason})",
                   "en": f"Use the form 2026-12-01T08:00. ({reason})"})


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
    return _page("index.html", places=kiosk_places(ds), halte=_halte_near_venues(ds),
                 root=_root(request), static=_root(request) + "/kiosk/static")


def _station_or_404(request: Request, ds: Dataset, station: str) -> Any:
    place = resolve_station(ds, station)
    if place is None:
        return None, _error(
            request, 404, {"id": "Stasiun tidak dikenal", "en": "Unknown station"},
            {"id": f"Tidak ada stasiun '{station[:60]}'. Pilih dari daftar stasiun.",
             "en": f"There is no station '{station[:60]}'. Pick one from the station list."})
    return place, None


@router.get("/kiosk/{station}")
def kiosk_screen(request: Request, state: StateDep, station: str,
                 time: str | None = None) -> HTMLResponse:
    """The screen for one station: departures and the best way to each venue."""
    place, error = _station_or_404(request, state.dataset, station)
    if error:
        return error
    try:
        now = parse_time(time)
    except ValueError as exc:
        return _bad_time(request, str(exc))
    view = station_view(state.dataset, place, now, _public_base(request), state.profiles)
    query = f"?{urlencode({'time': time})}" if time else ""
    root = _root(request)
    return _page("station.html", view=view, static=root + "/kiosk/static", root=root,
                 data_url=f"{root}/kiosk/{place.slug}/data.json{query}")


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
    view = station_view(state.dataset, place, now, _public_base(request), state.profiles)
    view["html"] = {
        "departures": templates.get_template("_departures.html").render(view=view),
        "venues": templates.get_template("_venues.html").render(view=view),
    }
    return JSONResponse(view, headers=NO_STORE)


@router.get("/p", response_class=HTMLResponse)
def phone_page(request: Request, state: StateDep, time: str | None = None,
               lang: str | None = None) -> HTMLResponse:
    """A light journey page for phones (the kiosk QR target); no JavaScript."""
    ds = state.dataset
    params = request.query_params
    lang = lang if lang in PHONE_TEXT else "id"
    origin_text, dest_text = params.get("from", "").strip(), params.get("to", "").strip()
    if not origin_text or not dest_text:
        return _error(request, 400, {"id": "Asal atau tujuan kosong", "en": "Missing place"},
                      {"id": "Alamat ini perlu 'from' dan 'to', mis. from=stop:mrt-jakarta:SASN"
                             "&to=venue:taman-langsat.",
                       "en": "This address needs 'from' and 'to', e.g. "
                             "from=stop:mrt-jakarta:SASN&to=venue:taman-langsat."})
    try:
        now = parse_time(time)
    except ValueError as exc:
        return _bad_time(request, str(exc))
    try:
        origin, dest = resolve_name(ds, origin_text), resolve_name(ds, dest_text)
    except (UnknownPlaceError, AmbiguousPlaceError) as exc:
        return _error(request, 400, {"id": "Tempat tidak dikenal", "en": "Unknown place"},
                      {"id": str(exc), "en": str(exc)})
    venue = ds.venues.get(dest.removeprefix("venue:")) if dest.startswith("venue:") else None
    journey, notes = best_journey(ds, origin, dest, now, state.profiles)
    names = [_place_name(ds, p, lang) for p in (origin, dest)]
    other = "en" if lang == "id" else "id"
    other_url = request.url.include_query_params(lang=other)
    return _page("phone.html", t=PHONE_TEXT[lang], lang=lang, origin_name=names[0],
                 dest_name=names[1], when=now.strftime("%Y-%m-%d %H:%M"),
                 journeys=[journey_model(journey, now)] if journey else [], notes=notes,
                 venue=venue, other_lang_url=f"{_root(request)}/p?{other_url.query}")


def _place_name(ds: Dataset, place: str, lang: str) -> str:
    if place.startswith("venue:"):
        venue = ds.venues[place.removeprefix("venue:")]
        return venue.name.get(lang) or venue.id
    if place.startswith("stop:"):
        return str(ds.network.node(place.removeprefix("stop:")).get("name", place))
    return place
