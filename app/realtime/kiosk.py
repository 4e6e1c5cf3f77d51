"""Realtime on kiosk screens: the alert banner (alerts on the station, the stops a short
walk away, e.g. the TransJakarta halte over the skybridge, and the lines calling there), the
delay of a departure row, and vehicles of the station's lines for the map."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

from app.realtime.vehicles_svg import vehicles_svg
from routing.data.dataset import Dataset
from routing.geo import haversine_many_m
from routing.plan.departures import Departure
from routing.realtime.alerts import pick_text
from routing.realtime.source import realtime_of

__all__ = ["NEAR_M", "kiosk_alerts", "kiosk_vehicles", "kiosk_vehicles_svg", "row_delay"]

#: Stops within this straight-line distance of the station count as "here" for its banner.
NEAR_M = 400.0


def _near_stops(ds: Dataset, lat: float, lon: float) -> list[str]:
    stops = ds.network.stops
    close = haversine_many_m(lat, lon, stops.lat, stops.lon) <= NEAR_M
    ids = [stops.ids[i] for i in close.nonzero()[0]]
    return ids + [p for p in dict.fromkeys(stops.parent[i] for i in close.nonzero()[0]) if p]


def kiosk_alerts(ds: Dataset, place_id: str, lat: float, lon: float, now: datetime,
                 langs: tuple[str, str] | list[str]) -> list[dict[str, Any]]:
    """Alerts in force ``now`` on the station, stops within NEAR_M of it, or lines calling
    there; each with ``header``/``description`` by language of ``langs`` and ``effect``."""
    source = realtime_of(ds)
    if source is None:
        return []
    index = source.alerts()
    if not len(index):
        return []
    at = now.timestamp()
    found = index.at_stops([place_id, *_near_stops(ds, lat, lon)], at)
    found += [a for a in index.for_routes(sorted(ds.network.routes_serving(place_id)), at)
              if a not in found]
    return [{"id": a.alert_id, "effect": a.effect,
             "header": {lang: pick_text(a.header, lang) for lang in langs},
             "description": {lang: pick_text(a.description, lang) for lang in langs}}
            for a in found]


def row_delay(dep: Departure) -> dict[str, Any]:
    """A departure row's realtime: ``delay_min`` (rounded, 0 on time) and the scheduled
    clock time, or nothing without realtime."""
    if not dep.realtime or dep.scheduled_dep_s is None:
        return {}
    delay_s = dep.dep_s - dep.scheduled_dep_s
    s = dep.scheduled_dep_s % 86_400
    return {"realtime": True, "delay_min": round(delay_s / 60),
            "scheduled_time": f"{s // 3600:02d}:{s % 3600 // 60:02d}"}


def kiosk_vehicles(ds: Dataset, place_id: str, max_age_s: float = 300.0
                   ) -> list[dict[str, Any]]:
    """Vehicle positions (no older than ``max_age_s``) on the lines calling at the station:
    route, label, lat/lon, bearing."""
    source = realtime_of(ds)
    if source is None:
        return []
    vehicles = source.state.snapshot.vehicles
    if not vehicles:
        return []
    routes = ds.network.routes_serving(place_id)
    route_of = {str(t): str(r) for feed in ds.feeds
                for t, r in zip(feed.tables.trips["trip_id"], feed.tables.trips["route_id"],
                                strict=True)}
    now = time.time()
    out = []
    for v in vehicles:
        route_id = v.route_id or route_of.get(v.trip_id or "")
        if route_id not in routes:
            continue
        if v.timestamp is not None and now - v.timestamp > max_age_s:
            continue
        out.append({"route_id": route_id, "label": v.label, "lat": v.lat, "lon": v.lon,
                    "bearing": v.bearing})
    return out


def kiosk_vehicles_svg(ds: Dataset, place_id: str, lat: float, lon: float, label: str
                       ) -> str | None:
    """The station's live vehicle map (SVG), or None without vehicle positions near it."""
    vehicles = kiosk_vehicles(ds, place_id)
    return vehicles_svg(ds, lat, lon, vehicles, label) if vehicles else None
