"""The kiosk's "who can get here in 30 min" panel: per venue, the area and the stops from which
one arrives within 30 minutes when leaving now, with a small map of that band.

Read from the ready venue profiles only (a screen never waits for a search): a venue whose
profile for today is not ready yet is left out, and the whole panel when none is. Answers are
kept per venue for ten-minute slots, so a screen polled every 30 s costs one answer per slot.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.kiosk.view import Langs, texts
from app.reach_svg import reach_svg
from app.state import AppState
from routing.clock import seconds_of_day
from routing.memo import BoundedCache
from routing.plan.reachability import reachability

__all__ = ["PANEL_MINUTES", "reach_panel"]

#: the band the panel shows, minutes
PANEL_MINUTES = 30
_SLOT_S = 600
_TITLE = {"id": "Siapa yang sampai ke sini dalam 30 menit", "en": "Who can get here in 30 min"}
_STOPS = {"id": "{n} halte", "en": "{n} stops"}
#: tiles by (network token, venue, date, slot start)
_TILES: BoundedCache[tuple, dict[str, Any]] = BoundedCache(64)


def _tile(state: AppState, venue_id: str, now: datetime) -> dict[str, Any] | None:
    """Area, stop count and map of one venue's 30-minute band for the slot of ``now``."""
    day = now.date()
    slot_s = seconds_of_day(now) // _SLOT_S * _SLOT_S
    if state.profiles is None or state.profiles.get(day, venue_id) is None:
        return None

    def build() -> dict[str, Any]:
        reach = reachability(state.dataset, venue_id, day, slot_s, [PANEL_MINUTES],
                             profiles=state.profiles)
        band = reach.bands[0]
        venue = state.venues[venue_id]
        return {"area_km2": f"{band.area_km2:.0f}" if band.area_km2 >= 10 else
                f"{band.area_km2:.1f}", "stops": band.stops,
                "svg": reach_svg(state.dataset, reach, title=venue.name.get("en", venue_id),
                                 venue_label="", width=240, height=200, compact=True)}
    return _TILES.get_or_build((state.dataset.network.token, venue_id, day, slot_s), build)


def reach_panel(state: AppState, now: datetime, langs: Langs) -> dict[str, Any] | None:
    """The panel's view model (plain data for ``_reach.html`` and data.json): its title and
    one tile per venue with a ready profile; None when there is none."""
    tiles = []
    for venue_id, venue in state.venues.items():
        tile = _tile(state, venue_id, now)
        if tile is None:
            continue
        stops = {lang: text.format(n=tile["stops"]) for lang, text in
                 texts(_STOPS, langs).items()}
        tiles.append({"id": venue_id, "name": texts(venue.name, langs), "stops": stops,
                      "area_km2": tile["area_km2"], "svg": tile["svg"]})
    if not tiles:
        return None
    return {"title": texts(_TITLE, langs), "tiles": tiles}
