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
#: grid of the interior cells that spare most disks from the union, metres
_CELL_M = 100.0
_SLACK_M = 2.0


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
    """Unions of disks, one per band: ``radius_m`` is [bands x disks] (<= 0: no disk).

    Most disks of a band lie inside the others' union; they are found on a grid and left
    out: cells that lie wholly inside one drawn disk are united as rectangles (one coverage
    union), and only disks reaching beyond those cells are united with them."""
    lat, lon, radius_m = _dedupe(lat, lon, radius_m)
    shapes: list[MultiPolygon] = []
    for row in radius_m:
        drawn = row - EDGE_MARGIN_M - row * 1e-3
        keep = np.flatnonzero(drawn > 0)
        if not len(keep):
            shapes.append(MultiPolygon())
            continue
        cells, needed = _interior_cells(lat[keep], lon[keep], drawn[keep])
        keep = keep[needed]
        polygons = list(disk_polygons(lat[keep], lon[keep], row[keep]))
        union = shapely.union_all([p for p in polygons if p is not None]
                                  + ([cells] if cells is not None else []))
        shapes.append(_as_multipolygon(union))
    return shapes


def _interior_cells(lat: np.ndarray, lon: np.ndarray, drawn_m: np.ndarray
                    ) -> tuple[Any, np.ndarray]:
    """(the union of the ``_CELL_M`` grid cells that lie inside some disk's drawn polygon,
    or None; which disks reach beyond those cells). Radii are the drawn ones; a cell counts
    when it fits the circle inscribed in the polygon with ``_SLACK_M`` to spare (the local
    flat projection errs by well under a metre within a walk's reach). Each disk covers, in
    each grid row, one run of cells: runs are marked and checked with prefix sums."""
    lat0, lon0 = float(np.mean(lat)), float(np.mean(lon))
    ky = math.radians(1) * EARTH_RADIUS_M
    kx = ky * math.cos(math.radians(lat0))
    x, y = (lon - lon0) * kx, (lat - lat0) * ky
    cell = _CELL_M
    n = int(math.ceil(float(drawn_m.max()) / cell)) + 2
    x0, y0 = float(x.min()) - (n + 1) * cell, float(y.min()) - (n + 1) * cell
    width = int((float(x.max()) - x0) / cell) + n + 3
    height = int((float(y.max()) - y0) / cell) + n + 3
    half = cell / math.sqrt(2)
    rows = ((y - y0) // cell).astype(np.int64)[:, None] + np.arange(-n, n + 1)
    dy = np.abs(y0 + (rows + 0.5) * cell - y[:, None])

    def runs(reach_m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per disk and row: first and last cell whose centre is within ``reach_m``."""
        w = np.sqrt(np.maximum(reach_m[:, None] ** 2 - dy ** 2, 0.0))
        w = np.where(reach_m[:, None] >= dy, w, -1.0)
        lo = np.ceil((x[:, None] - w - x0) / cell - 0.5).astype(np.int64)
        hi = np.floor((x[:, None] + w - x0) / cell - 0.5).astype(np.int64)
        return lo, np.where(w >= 0, hi, lo - 1)

    lo, hi = runs(drawn_m * math.cos(math.pi / DISK_VERTICES) - _SLACK_M - half)
    full = hi >= lo
    size = height * (width + 1)
    marks = (np.bincount(rows[full] * (width + 1) + lo[full], minlength=size)
             - np.bincount(rows[full] * (width + 1) + hi[full] + 1, minlength=size))
    grid = np.cumsum(marks.reshape(height, width + 1), axis=1)[:, :width] > 0
    lo, hi = runs(drawn_m + _SLACK_M + half)
    prefix = np.zeros((height, width + 1), dtype=np.int32)
    prefix[:, 1:] = np.cumsum(grid, axis=1)
    span = hi - lo + 1
    counted = prefix[rows, np.clip(hi + 1, 0, width)] - prefix[rows, np.clip(lo, 0, width)]
    needed = np.any((span > 0) & (counted < span), axis=1)
    if not grid.any():
        return None, needed
    # each row's runs of inside cells as rectangles (in degrees), united as a coverage
    padded = np.zeros((height, width + 2), dtype=np.int8)
    padded[:, 1:-1] = grid
    edges = np.diff(padded, axis=1)
    rr, starts = np.nonzero(edges == 1)
    _, ends = np.nonzero(edges == -1)
    boxes = shapely.box((x0 + starts * cell) / kx + lon0, (y0 + rr * cell) / ky + lat0,
                        (x0 + ends * cell) / kx + lon0, (y0 + (rr + 1) * cell) / ky + lat0)
    return shapely.coverage_union_all(boxes), needed


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
