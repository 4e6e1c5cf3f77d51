"""Reachability bands as shapes: unions of walking disks (shapely), their area, and GeoJSON.

A band is the union of disks: around each stop (or each of its station exits) whose walk fits
the time left, and around the venue's entrances for the direct walk. Each disk is drawn as
a regular polygon *inscribed* in it, shrunk by ``EDGE_MARGIN_M``, so every point of a drawn
band lies inside a true disk (on the safe side); the drawn edge lies at most
``REACH_EDGE_M`` inside the exact one (the polygon's sagitta plus the margin).

Coordinates: WGS84 degrees, (lon, lat) as GeoJSON has them. Each disk's vertices are placed
with its own latitude's scale, so a disk matches the haversine distance to well under a
metre within the 2.3 km a walk can reach.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.polygon import orient

from routing.geo import EARTH_RADIUS_M

__all__ = ["DISK_VERTICES", "EDGE_MARGIN_M", "REACH_EDGE_M", "area_km2", "band_shapes",
           "disk_polygons", "geojson_geometry"]

#: vertices of each disk's polygon
DISK_VERTICES = 32
#: how far each polygon is pulled in from its disk, metres (covers the flat-earth error)
EDGE_MARGIN_M = 1.0
#: the most a drawn band's edge lies inside the exact one, metres: the sagitta of a
#: ``DISK_VERTICES``-gon on the widest disk a walk can make (3000 m / 1.3) plus the margin
REACH_EDGE_M = math.ceil(3000 / 1.3 * (1 - math.cos(math.pi / DISK_VERTICES))
                        + EDGE_MARGIN_M + 3000 / 1.3 * 1e-3)
_ANGLES = np.linspace(0.0, 2 * math.pi, DISK_VERTICES, endpoint=False)


def _dedupe(lat: np.ndarray, lon: np.ndarray, radius_m: np.ndarray
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One disk per centre (platforms of one station, stops walked through the same exit),
    with the largest radius of any of them in each band (``radius_m`` is [bands x disks])."""
    if not len(lat):
        return lat, lon, radius_m
    order = np.lexsort((lon, lat))
    lat, lon, radius_m = lat[order], lon[order], radius_m[:, order]
    first = np.ones(len(lat), dtype=bool)
    first[1:] = (lat[1:] != lat[:-1]) | (lon[1:] != lon[:-1])
    starts = np.flatnonzero(first)
    return lat[starts], lon[starts], np.maximum.reduceat(radius_m, starts, axis=1)


def disk_polygons(lat: np.ndarray, lon: np.ndarray, radius_m: np.ndarray) -> np.ndarray:
    """Shapely polygons inscribed in the disks (centres in degrees, radii in metres of
    straight line), each pulled in by the margin; None where nothing is left of a disk."""
    radius_m = np.asarray(radius_m, dtype=np.float64)
    radius_m = radius_m - EDGE_MARGIN_M - radius_m * 1e-3
    out = np.full(len(lat), None, dtype=object)
    keep = np.flatnonzero(radius_m > 0)
    if not len(keep):
        return out
    lat, lon, radius_m = lat[keep], lon[keep], radius_m[keep]
    dlat = np.degrees(radius_m[:, None] / EARTH_RADIUS_M * np.sin(_ANGLES))
    dlon = np.degrees(radius_m[:, None] / (EARTH_RADIUS_M * np.cos(np.radians(lat[:, None])))
                      * np.cos(_ANGLES))
    out[keep] = shapely.polygons(np.stack([lon[:, None] + dlon, lat[:, None] + dlat], axis=-1))
    return out


def band_shapes(lat: np.ndarray, lon: np.ndarray, radius_m: np.ndarray) -> list[MultiPolygon]:
    """Nested unions of disks: ``radius_m`` is [bands x disks], non-decreasing down the
    bands (<= 0: no disk). Each band is the previous one united with the disks that grew,
    so the work of the inner bands is done once."""
    lat, lon, radius_m = _dedupe(lat, lon, radius_m)
    shapes: list[MultiPolygon] = []
    previous = np.zeros(radius_m.shape[1])
    union = None
    for row in radius_m:
        grown = np.flatnonzero(row > previous)
        polygons = disk_polygons(lat[grown], lon[grown], row[grown])
        polygons = polygons[polygons != None]  # noqa: E711 - element-wise on an object array
        if len(polygons):
            parts = list(polygons) if union is None else [union, *polygons]
            union = shapely.union_all(parts)
        shapes.append(_as_multipolygon(union) if union is not None else MultiPolygon())
        previous = np.maximum(previous, row)
    return shapes


def _as_multipolygon(geom: Any) -> MultiPolygon:
    if isinstance(geom, MultiPolygon):
        return geom
    if isinstance(geom, Polygon):
        return MultiPolygon([geom]) if not geom.is_empty else MultiPolygon()
    parts = [g for g in getattr(geom, "geoms", []) if isinstance(g, Polygon) and not g.is_empty]
    return MultiPolygon(parts)


def area_km2(geom: MultiPolygon) -> float:
    """Area in km², each polygon scaled at its own centroid's latitude (equirectangular;
    good to well under 0.1 % across Jakarta)."""
    total = 0.0
    for part in geom.geoms:
        scale = math.radians(1) * EARTH_RADIUS_M
        total += part.area * scale * scale * math.cos(math.radians(part.centroid.y))
    return total / 1e6


def geojson_geometry(geom: MultiPolygon, digits: int = 6) -> dict[str, Any]:
    """GeoJSON MultiPolygon (RFC 7946) with coordinates rounded to ``digits`` decimals
    (6 is about 0.1 m, well within ``EDGE_MARGIN_M``), exterior rings counter-clockwise."""
    polygons = []
    for part in geom.geoms:
        oriented = orient(part, 1.0)
        rings = [oriented.exterior, *oriented.interiors]
        polygons.append([np.round(np.asarray(ring.coords), digits).tolist() for ring in rings])
    return {"type": "MultiPolygon", "coordinates": polygons}
