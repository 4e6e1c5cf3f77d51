"""A small map of the vehicles (GTFS-RT VehiclePositions) of the lines calling at a kiosk's
station: north up, the station in the middle, each vehicle a dot in its line's colour with
the line's name, within :data:`RADIUS_M`."""

from __future__ import annotations

import math
from html import escape
from typing import Any

from routing.data.dataset import Dataset

__all__ = ["RADIUS_M", "vehicles_svg"]

RADIUS_M = 4000.0
SIZE_PX = 360
METRES_PER_DEG = 111_320.0


def vehicles_svg(ds: Dataset, lat: float, lon: float, vehicles: list[dict[str, Any]],
                 station_label: str) -> str | None:
    """The SVG (a string), or None when no vehicle is within RADIUS_M."""
    half = SIZE_PX / 2
    scale = (half - 16) / RADIUS_M   # px per metre
    dots = []
    for v in vehicles:
        dx = (v["lon"] - lon) * METRES_PER_DEG * math.cos(math.radians(lat))
        dy = (v["lat"] - lat) * METRES_PER_DEG
        if math.hypot(dx, dy) > RADIUS_M:
            continue
        route = ds.route(v["route_id"]) if v.get("route_id") else None
        color = f"#{route['color']}" if route and route.get("color") else "#333333"
        name = (route["short_name"] or route["long_name"]) if route else v.get("label", "")
        x, y = half + dx * scale, half - dy * scale
        dots.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="9" fill="{escape(color)}" '
                    f'stroke="#fff" stroke-width="2"/><text x="{x + 12:.1f}" y="{y + 6:.1f}" '
                    f'font-size="18" font-weight="700">{escape(str(name))}</text>')
    if not dots:
        return None
    ring = half - 16
    km = RADIUS_M / 1000
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE_PX} {SIZE_PX}" '
            f'role="img" aria-label="{escape(station_label)}" class="rt-vehicles">'
            f'<circle cx="{half}" cy="{half}" r="{ring}" fill="#f4f6f8" stroke="#c9d1d9"/>'
            f'<text x="{half}" y="14" font-size="13" text-anchor="middle">N · {km:g} km</text>'
            + "".join(dots)
            + f'<circle cx="{half}" cy="{half}" r="7" fill="#111"/>'
            f'<text x="{half + 10}" y="{half - 10}" font-size="16">{escape(station_label)}</text>'
            '</svg>')
