"""A reachability answer drawn as a self-contained SVG: the nested bands over the MRT/LRT/rail
and BRT lines, the venue, a legend and a scale bar. Drawn on the server from our own data (the
feeds' stops in route order); no tiles and no external assets. Text is escaped.
"""

from __future__ import annotations

import math
from html import escape

import numpy as np
from shapely.geometry import MultiPolygon, Polygon

from routing.data.dataset import Dataset
from routing.memo import BoundedCache
from routing.plan.reachability import Reach

__all__ = ["BAND_COLORS", "line_paths", "reach_svg"]

#: band fills, shortest band first (the viridis ramp, dark = soon)
BAND_COLORS = ("#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#dce319",
               "#fde725")
VENUE_COLOR = "#c00000"
_M_PER_DEG = 111_320.0
_RAIL_TYPES = {0, 1, 2, 5, 6, 7, 12}
#: (feed-qualified route id -> "rail" | "brt") per dataset network
_KINDS: BoundedCache[str, dict[str, str]] = BoundedCache(4)
#: polylines per (network token, service date): [(kind, colour, [(lon, lat), ...])]
_LINES: BoundedCache[tuple, list[tuple[str, str, list[tuple[float, float]]]]] = BoundedCache(8)


def _route_kinds(ds: Dataset) -> dict[str, str]:
    """Which routes to draw: rail (GTFS route_type tram/subway/rail/monorail...) and bus
    routes whose ``route_desc`` says BRT (TransJakarta's corridors)."""
    kinds: dict[str, str] = {}
    for feed in ds.feeds:
        for row in feed.tables.routes.itertuples(index=False):
            route_type = int(row.route_type)
            desc = str(getattr(row, "route_desc", "") or "")
            if route_type in _RAIL_TYPES or 100 <= route_type < 200 or 400 <= route_type < 500:
                kinds[str(row.route_id)] = "rail"
            elif "brt" in desc.lower():
                kinds[str(row.route_id)] = "brt"
    return kinds


def line_paths(ds: Dataset, reach: Reach) -> list[tuple[str, str, list[tuple[float, float]]]]:
    """(kind, colour, (lon, lat) points) of every rail and BRT stop pattern of the day's
    timetable, rail last (drawn on top); one per distinct sequence of stops."""
    def build() -> list[tuple[str, str, list[tuple[float, float]]]]:
        kinds = _KINDS.get_or_build(ds.network.token, lambda: _route_kinds(ds))
        table = ds.timetable(reach.service_date)
        lat, lon = ds.network.stops.lat, ds.network.stops.lon
        seen: set[tuple[int, ...]] = set()
        out: list[tuple[str, str, list[tuple[float, float]]]] = []
        for route in range(table.n_routes):
            trips = table.trips_of(route)
            if not len(trips):
                continue
            route_id = table.info_of(trips[0]).route_id
            kind = kinds.get(route_id)
            stops = tuple(table.route_stops_of(route).tolist())
            if kind is None or stops in seen or stops[::-1] in seen:
                continue
            seen.add(stops)
            color = ds.route(route_id).get("color") or ("555555" if kind == "brt" else "222222")
            out.append((kind, "#" + color, [(float(lon[s]), float(lat[s])) for s in stops]))
        return sorted(out, key=lambda item: item[0] == "rail")
    return _LINES.get_or_build((ds.network.token, reach.service_date), build)


def _ring(points: np.ndarray, project) -> str:
    xy = project(points[:, 0], points[:, 1])
    return "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in xy) + "Z"


def _multi(geom) -> MultiPolygon:
    if isinstance(geom, Polygon):
        return MultiPolygon([geom])
    return geom if isinstance(geom, MultiPolygon) else MultiPolygon()


def _polygon_path(geom: MultiPolygon, project) -> str:
    parts: list[str] = []
    for poly in geom.geoms:
        assert isinstance(poly, Polygon)
        parts.append(_ring(np.asarray(poly.exterior.coords), project))
        parts.extend(_ring(np.asarray(hole.coords), project) for hole in poly.interiors)
    return "".join(parts)


def reach_svg(ds: Dataset, reach: Reach, *, title: str, venue_label: str,
              minutes_label: str = "min", width: int = 800, height: int = 640,
              compact: bool = False) -> str:
    """The SVG document of ``reach``: bands (largest first, so shorter ones lie on top),
    lines, the venue and a legend. ``title`` and labels are plain text (escaped here).
    ``compact``: the map alone (no title, legend, scale or venue label), for small tiles;
    ``title`` is then only the accessible name."""
    venue = ds.venues[reach.venue_id]
    outer = reach.bands[-1].shape if reach.bands else MultiPolygon()
    if outer.is_empty:
        west, south, east, north = venue.lon - 0.02, venue.lat - 0.02, venue.lon + 0.02, \
            venue.lat + 0.02
    else:
        west, south, east, north = outer.bounds
    kx = math.cos(math.radians((south + north) / 2)) * _M_PER_DEG
    pad, top = (8, 8) if compact else (24, 56)
    bottom = 8 if compact else 40
    scale = min((width - 2 * pad) / max((east - west) * kx, 500.0),
                (height - top - bottom) / max((north - south) * _M_PER_DEG, 500.0))
    cx, cy = (west + east) / 2, (south + north) / 2
    mid_y = top + (height - top - bottom) / 2

    def project(lons, lats):
        xs = width / 2 + (np.asarray(lons) - cx) * kx * scale
        ys = mid_y - (np.asarray(lats) - cy) * _M_PER_DEG * scale
        return np.stack([np.atleast_1d(xs), np.atleast_1d(ys)], axis=-1)

    # ids are unique per venue and size: several maps may sit inline on one page
    clip = escape(f"reach-{reach.venue_id}-{width}x{height}")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}" '
        'font-family="sans-serif">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{width}" height="{height}" fill="#f4f1ea"/>',
        f'<clipPath id="{clip}"><rect x="0" y="{top - 8}" width="{width}" '
        f'height="{height - top - bottom + 8}"/></clipPath><g clip-path="url(#{clip})">',
    ]
    count = len(reach.bands)
    for i in range(count - 1, -1, -1):
        band = reach.bands[i]
        if band.shape.is_empty:
            continue
        color = BAND_COLORS[i * (len(BAND_COLORS) - 1) // max(1, count - 1)] if count > 1 \
            else BAND_COLORS[0]
        # drawn to about half a pixel: fewer points, the same picture
        shape = band.shape.simplify(0.5 / (scale * _M_PER_DEG), preserve_topology=True)
        parts.append(f'<path d="{_polygon_path(_multi(shape), project)}" fill="{color}" '
                     'fill-opacity="0.55" fill-rule="evenodd" stroke="#fff" '
                     f'stroke-width="1"><title>{band.minutes} {escape(minutes_label)}'
                     "</title></path>")
    for kind, color, points in line_paths(ds, reach):
        xy = project([p[0] for p in points], [p[1] for p in points])
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
        stroke = 5 if kind == "rail" else 2.5
        parts.append(f'<polyline points="{path}" fill="none" stroke="{escape(color)}" '
                     f'stroke-width="{stroke}" stroke-linejoin="round" '
                     'stroke-linecap="round" opacity="0.9"/>')
    (vx, vy), = project([venue.lon], [venue.lat])
    parts.append(f'<rect x="{vx - 9:.1f}" y="{vy - 9:.1f}" width="18" height="18" rx="3" '
                 f'fill="{VENUE_COLOR}" stroke="#fff" stroke-width="3"/>')
    if compact:
        parts.append("</g></svg>")
        return "".join(parts)
    parts.append(f'<text x="{vx + 14:.1f}" y="{vy + 6:.1f}" font-size="18" font-weight="700" '
                 f'fill="{VENUE_COLOR}" stroke="#fff" stroke-width="4" paint-order="stroke">'
                 f"{escape(venue_label)}</text></g>")
    parts.append(f'<text x="{pad}" y="34" font-size="22" font-weight="700">{escape(title)}'
                 "</text>")
    parts.append(_legend(reach, minutes_label, pad, height - 14, count))
    parts.append(_scale_bar(scale, width - pad, height - 14))
    parts.append("</svg>")
    return "".join(parts)


def _legend(reach: Reach, minutes_label: str, x: float, y: float, count: int) -> str:
    out: list[str] = []
    for i, band in enumerate(reach.bands):
        color = BAND_COLORS[i * (len(BAND_COLORS) - 1) // max(1, count - 1)] if count > 1 \
            else BAND_COLORS[0]
        out.append(f'<rect x="{x:.0f}" y="{y - 15}" width="18" height="18" fill="{color}" '
                   f'fill-opacity="0.8"/><text x="{x + 24:.0f}" y="{y}" font-size="16">'
                   f"≤ {band.minutes} {escape(minutes_label)}</text>")
        x += 110
    return "".join(out)


def _scale_bar(px_per_m: float, right: float, y: float) -> str:
    for metres in (500, 1000, 2000, 5000, 10000, 20000):
        if metres * px_per_m >= 70:
            break
    length = metres * px_per_m
    label = f"{metres // 1000} km" if metres >= 1000 else f"{metres} m"
    return (f'<path d="M{right - length:.1f} {y - 8}v8h{length:.1f}v-8" fill="none" '
            f'stroke="#000" stroke-width="2"/><text x="{right - length - 6:.1f}" y="{y}" '
            f'font-size="16" text-anchor="end">{label}</text>')
