"""A schematic map of one journey as inline SVG, drawn from our own coordinates.

No tiles and no external assets: the station (where the kiosk stands), each leg's geometry
(rides in the route's colour, walks dashed), the stops where one boards and alights, and the
venue entrance; plus a scale bar. Text is escaped; the result is safe to embed in HTML.
"""

from __future__ import annotations

import math
import unicodedata
from html import escape

from routing.journeys import Journey

__all__ = ["journey_svg", "label_width"]

WIDTH, HEIGHT, PAD = 400, 300, 36
WALK_COLOR = "#444"
HERE_COLOR = "#c00000"
VENUE_COLOR = "#006b2e"
_M_PER_DEG = 111_320.0


def _projector(points: list[tuple[float, float]]):
    """A function (lon, lat) -> (x, y) fitting ``points`` into the drawing, north up, metres
    equal in both directions; and the scale in pixels per metre."""
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    mid_lat = (min(lats) + max(lats)) / 2
    kx = math.cos(math.radians(mid_lat)) * _M_PER_DEG
    width_m = max((max(lons) - min(lons)) * kx, 150.0)
    height_m = max((max(lats) - min(lats)) * _M_PER_DEG, 150.0)
    px_per_m = min((WIDTH - 2 * PAD) / width_m, (HEIGHT - 2 * PAD) / height_m)
    cx, cy = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2

    def project(lon: float, lat: float) -> tuple[float, float]:
        x = WIDTH / 2 + (lon - cx) * kx * px_per_m
        y = HEIGHT / 2 - (lat - cy) * _M_PER_DEG * px_per_m
        return round(x, 1), round(y, 1)

    return project, px_per_m


def _scale_bar(px_per_m: float) -> str:
    for metres in (50, 100, 200, 500, 1000, 2000, 5000, 10000):
        if metres * px_per_m >= 60:
            break
    length = metres * px_per_m
    label = f"{metres // 1000} km" if metres >= 1000 else f"{metres} m"
    y = HEIGHT - 12
    return (f'<path d="M12 {y - 6}v6h{length:.1f}v-6" fill="none" stroke="#000" '
            f'stroke-width="2"/><text x="{16 + length:.1f}" y="{y}" font-size="16">'
            f"{label}</text>")


def journey_svg(journey: Journey | None, *, here: tuple[float, float], here_label: str,
                venue_point: tuple[float, float], venue_label: str, title: str) -> str:
    """The map for one journey (``here``/``venue_point`` are (lat, lon)); with no journey,
    just the station and the venue."""
    points = [(here[1], here[0]), (venue_point[1], venue_point[0])]
    legs = journey.legs if journey else []
    for leg in legs:
        points.extend(leg.geometry or [(leg.origin.lon, leg.origin.lat),
                                       (leg.destination.lon, leg.destination.lat)])
    project, px_per_m = _projector(points)
    parts: list[str] = [
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" class="map" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#f4f1ea"/>',
    ]
    for leg in legs:
        coords = leg.geometry or [(leg.origin.lon, leg.origin.lat),
                                  (leg.destination.lon, leg.destination.lat)]
        path = " ".join(f"{x},{y}" for x, y in (project(lon, lat) for lon, lat in coords))
        if leg.is_transit:
            color = "#" + (leg.route_color or "555555")
            parts.append(f'<polyline points="{path}" fill="none" stroke="#fff" '
                         'stroke-width="13" stroke-linecap="round" stroke-linejoin="round"/>')
            parts.append(f'<polyline points="{path}" fill="none" stroke="{escape(color)}" '
                         'stroke-width="9" stroke-linecap="round" stroke-linejoin="round"/>')
            for place in (leg.origin, leg.destination):
                x, y = project(place.lon, place.lat)
                parts.append(f'<circle cx="{x}" cy="{y}" r="7" fill="#fff" '
                             f'stroke="{escape(color)}" stroke-width="4"/>')
        else:
            parts.append(f'<polyline points="{path}" fill="none" stroke="{WALK_COLOR}" '
                         'stroke-width="5" stroke-dasharray="2 9" stroke-linecap="round"/>')
    vx, vy = project(venue_point[1], venue_point[0])
    parts.append(f'<rect x="{vx - 11}" y="{vy - 11}" width="22" height="22" rx="4" '
                 f'fill="{VENUE_COLOR}" stroke="#fff" stroke-width="3"/>')
    hx, hy = project(here[1], here[0])
    parts.append(f'<circle cx="{hx}" cy="{hy}" r="12" fill="{HERE_COLOR}" stroke="#fff" '
                 'stroke-width="4"/>')
    parts.append(_label(hx, hy, here_label, HERE_COLOR))
    parts.append(_label(vx, vy, venue_label, VENUE_COLOR))
    parts.append(_scale_bar(px_per_m))
    parts.append("</svg>")
    return "".join(parts)


#: Label font size and the smallest it may shrink to, in drawing units.
LABEL_PX, LABEL_MIN_PX = 22, 13
EDGE = 4


def label_width(text: str, font_px: float) -> float:
    """A generous estimate of a bold label's width: wide (CJK, Hangul) characters count one
    em, combining marks nothing, Latin 0.64 em, other scripts' letters and spacing vowel
    signs 1.1 em."""
    em = 0.0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            em += 1.0
        else:  # Latin letters are narrower than Thai, Khmer, Lao, Burmese or Tamil ones
            em += 0.64 if ord(ch) < 0x0250 else 1.1
    return em * font_px


def _fit(text: str) -> tuple[str, float]:
    """The label and its font size so that it fits the drawing's width: shrunk down to
    LABEL_MIN_PX, then shortened with an ellipsis."""
    room = WIDTH - 2 * EDGE
    size = float(LABEL_PX)
    while label_width(text, size) > room and size > LABEL_MIN_PX:
        size -= 1
    while label_width(text, size) > room and len(text) > 2:
        text = text[:-2].rstrip() + "…"
    return text, size


def _label(x: float, y: float, text: str, color: str) -> str:
    """A label beside a marker, kept whole inside the drawing (never cut at an edge), on a
    white halo for legibility."""
    text, size = _fit(text)
    width = label_width(text, size)
    left = x + 18 if x < WIDTH * 0.6 else x - 18 - width
    left = min(max(left, EDGE), WIDTH - EDGE - width)
    ty = min(max(y + 7, 24), HEIGHT - 30)
    return (f'<text x="{left:.1f}" y="{ty}" text-anchor="start" font-size="{size:g}" '
            f'font-weight="700" fill="{color}" stroke="#fff" stroke-width="5" '
            f'paint-order="stroke">{escape(text)}</text>')
